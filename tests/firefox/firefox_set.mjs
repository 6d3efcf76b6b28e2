// The Firefox set (issue 21 item 5): Debian's firefox-esr, driven headless by puppeteer-core over WebDriver
// BiDi, uses the built site the way a reader does and reports what it saw, as one JSON line; the judging is in
// tests/browser/test_firefox.py, which serves the site and starts this script.
//
//   node tests/firefox/firefox_set.mjs '{"site": URL, "kb": URL, "host": URL, "team_csv": PATH, "checks": [...]}'
//
// Each check opens its own tab and waits for what a test of the Chromium set waits for (an answer is
// `[data-result]:not([data-status=""])`); a check that throws is reported with its error, the others still run.
import puppeteer from "puppeteer-core";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const job = JSON.parse(process.argv[2]);
const FIREFOX = job.firefox || "/usr/bin/firefox-esr";
const TIMEOUT = 90_000;
const ANSWER = '[data-result][data-status]:not([data-status=""])';
const downloads = mkdtempSync(join(tmpdir(), "handbook-firefox-"));

async function started(page) {
  await page.waitForFunction(() => window.HandbookStartup, { timeout: TIMEOUT });
  return page.evaluate(() => ({ type: HandbookStartup.type, snapshot: HandbookStartup.snapshot, ms: HandbookStartup.ms }));
}

const checks = {
  // The due-date checker answers a case given in its address, from the snapshot.
  async "due-dates"(page) {
    await page.goto(job.site + "tools/due-dates/?" + job.case);
    await page.waitForSelector(ANSWER, { timeout: TIMEOUT });
    const answer = await page.$eval("[data-result]", (e) => ({ status: e.dataset.status, next_due: e.dataset.nextDue }));
    return { answer, startup: await started(page), answered_ms: await page.evaluate(() => performance.now()) };
  },
  // An impossible date gets the error summary (with focus) and the inline message; the entries stay.
  async "error-summary"(page) {
    await page.goto(job.site + "tools/due-dates/?policy=lancashire&role=staff");
    await page.waitForSelector('[data-checker][data-state="ready"]', { timeout: TIMEOUT });
    for (const [sel, value] of [["#dd-start", "2024-02-30"], ["#dd-session", "2024-03-05"], ["#dd-on", "2024-04-01"]]) {
      await page.$eval(sel, (e, v) => { e.value = v; e.dispatchEvent(new Event("input", { bubbles: true })); }, value);
    }
    await page.click("[data-submit]");
    await page.waitForSelector("#dd-start-error:not([hidden])", { timeout: TIMEOUT });
    return page.evaluate(() => ({
      message: document.querySelector("#dd-start-error").innerText,
      summary: document.querySelector("[data-error-summary]").innerText,
      focused: document.activeElement.hasAttribute("data-error-summary"),
      invalid: document.querySelector("#dd-start").getAttribute("aria-invalid"),
      kept: ["#dd-policy", "#dd-role", "#dd-start", "#dd-session", "#dd-on"].map((s) => document.querySelector(s).value),
      traceback: document.body.innerText.includes("Traceback"),
    }));
  },
  // The team check reads a CSV chosen with the file picker.
  async team(page) {
    await page.goto(job.site + "tools/team/?on=2024-03-10&policy=sefton");
    await page.waitForSelector('[data-team][data-state="ready"]', { timeout: TIMEOUT });
    const input = await page.$("[data-team-file]");
    await input.uploadFile(job.team_csv);
    // The file names its columns as exports do ("staff name", "job role"): the page shows the match first.
    await page.waitForSelector('[data-team-mapping][data-state="asking"]', { timeout: TIMEOUT });
    await page.click("[data-team-confirm]");
    await page.waitForSelector("[data-team-result][data-count]", { timeout: TIMEOUT });
    return page.evaluate(() => ({
      people: [...document.querySelectorAll("[data-team-result] tbody tr")].map((r) => ({
        name: r.dataset.person, status: r.dataset.status, next_due: r.dataset.nextDue })),
      percent: document.querySelector("[data-team-percent]").getAttribute("data-team-percent"),
    }));
  },
  // The schedule builder draws a case from its address, then makes its calendar file on demand.
  async schedule(page) {
    await page.goto(job.site + "tools/schedule/?" + job.schedule);
    await page.waitForSelector("[data-schedule] tr[data-date]", { timeout: TIMEOUT });
    const rows = await page.$$eval("[data-schedule] tr[data-date]", (rs) => rs.map((r) => [r.dataset.date, r.dataset.kind]));
    await page.click('a[download$=".ics"]');
    await page.waitForFunction(() => document.querySelector("[data-ics]").href.startsWith("blob:"), { timeout: TIMEOUT });
    const ics = await page.evaluate(async () => {
      const link = document.querySelector("[data-ics]");
      return { filename: link.getAttribute("download"), text: await (await fetch(link.href)).text() };
    });
    return { rows, ics, startup: await started(page) };
  },
  // The embed, framed by a page on another origin, from the site under a sub-path.
  async embed(page) {
    await page.goto(job.host + "host.html");
    const handle = await page.waitForSelector("#supervision-checker", { timeout: TIMEOUT });
    const frame = await handle.contentFrame();
    await frame.waitForSelector(ANSWER, { timeout: TIMEOUT });
    return {
      answer: await frame.$eval("[data-result]", (e) => ({ status: e.dataset.status, next_due: e.dataset.nextDue })),
      hrefs: await frame.$$eval("[data-result] .hb-cites a", (as) => as.map((a) => a.href)),
      chrome: await frame.evaluate(() => !!document.querySelector(".md-header, .md-footer")),
      startup: await frame.evaluate(() => window.HandbookStartup && { type: HandbookStartup.type, snapshot: HandbookStartup.snapshot }),
    };
  },
};

const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath: FIREFOX,
  headless: true,
  extraPrefsFirefox: {
    "browser.download.folderList": 2,
    "browser.download.dir": downloads,
    "browser.download.useDownloadDir": true,
    "browser.helperApps.neverAsk.saveToDisk": "text/calendar",
  },
});
const report = { version: await browser.version() };
try {
  for (const name of job.checks || Object.keys(checks)) {
    const page = await browser.newPage();
    const errors = [];
    const hosts = new Set();
    page.on("pageerror", (e) => errors.push(String(e)));
    page.on("request", (r) => { const u = new URL(r.url()); if (/^https?:$/.test(u.protocol)) hosts.add(u.hostname); });
    try {
      report[name] = { ok: true, ...(await checks[name](page)) };
    } catch (err) {
      report[name] = { ok: false, error: String(err && err.stack || err) };
    }
    report[name].errors = errors;
    report[name].hosts = [...hosts];
    await page.close();
  }
} finally {
  await browser.close();
}
console.log(JSON.stringify(report));
