/* The team check's page (tools/team/, CONTRIBUTING.md). It only draws: the file's bytes go to the rule core
 * in the Web Worker, which reads the file, matches its columns, job titles and outcomes, checks every person
 * and answers with the words to show. Hooks (CONTRIBUTING.md):
 *   [data-team] data-state="ready" when it can take a file;
 *   [data-team-mapping] the columns, job titles and outcomes matched, shown before the answer; confirmed with
 *     [data-team-confirm]; data-state="asking" while it waits for the manager, "confirmed" once answered;
 *   [data-team-result] one row per person with data-person, data-status, data-next-due; data-count (the
 *     people checked), data-ms (from choosing the file to the table drawn and laid out) and
 *     data-longest-frame once drawn; data-shown (the rows drawn in full) once every row of a drawing is in;
 *   [data-team-errors] the entries to fix, each with data-line, after the table.
 * Modules: intake (the file), mapping (the questions), table (summary, filters, table, errors), output
 * (export and print). */
import { isSpreadsheet, readBytes, watchFiles } from "./intake.mjs";
import { mappingPanel, remembered } from "./mapping.mjs";
import { chosenFilters, drawErrors, drawFilters, drawSummary, drawTable, nextTask, peopleChecked, visiblePeople } from "./table.mjs";
import { exportCsv, printHeading } from "./output.mjs";
import { say, setWords } from "./words.mjs";

function mount(C, root) {
  if (!C.mountTool(root)) return;
  const el = C.el, call = C.call;
  const $ = (sel) => root.querySelector(sel);
  const form = $("[data-team-form]"), progress = $("[data-progress]"), busy = $("[data-team-busy]");
  const policySel = form.elements.policy, onInput = form.elements.on, fromInput = form.elements.from;
  const fileInput = $("[data-team-file]"), drop = $("[data-team-drop]"), templateLink = $("[data-team-template]");
  const notesBox = $("[data-team-notes]"), errorsBox = $("[data-team-errors]"), summaryBox = $("[data-team-summary]");
  const controls = $("[data-team-controls]"), shownNote = $("[data-team-shown]"), result = $("[data-team-result]");
  const mappingBox = $("[data-team-mapping]"), printBox = $("[data-team-print-heading]");
  const summaryTitle = $("#team-summary-title");
  const query = new URLSearchParams(location.search);
  onInput.value = query.get("on") || C.today();
  if (query.get("from")) fromInput.value = query.get("from");

  let files = null;      // "team-files": template, example, statuses, columns, outcome classes, limits
  let current = null;    // the chosen file: {data, label}
  let answer = null;     // the core's "team" answer
  let sort = { key: "status", dir: 1 };
  let showAll = false, started = false, run = 0, pending = null;

  const setState = () => C.drawState(root, progress, started, "the command line runs the same check.");
  C.follow(root, setState, ready, () => started);

  function ready() {
    if (root.dataset.readying) return;
    root.dataset.readying = "1";
    Promise.all([C.cached("policies", "policies", {}), call("team-files", { on: C.isoDate(onInput.value) || C.today() })])
      .then(([policies, teamFiles]) => {
        files = teamFiles && teamFiles.ok;
        setWords(files && files.words);
        policySel.replaceChildren(el("option", { value: "", text: say("choose_policy") }));
        ((policies && policies.ok) || []).forEach((p) => policySel.append(el("option", { value: p.id, text: p.authority + ": " + p.name })));
        policySel.value = query.get("policy") || "";
        if (files) {
          templateLink.href = URL.createObjectURL(new Blob([files.template], { type: "text/csv" }));
          templateLink.removeAttribute("aria-disabled");
        }
        started = true;
        setState();
        if (pending) { const p = pending; pending = null; choose(p[0], p[1]); }
      });
  }

  // ------------------------------------------------------------------ input
  function clearFieldErrors() {
    root.querySelectorAll("[data-error-for]").forEach((p) => { p.hidden = true; p.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
  }
  const inputs = { on: onInput, from: fromInput, policy: policySel };
  function fieldError(field, message) {
    const where = inputs[field] ? field : "file";
    const slot = root.querySelector('[data-error-for="' + where + '"]');
    slot.textContent = message.charAt(0).toUpperCase() + message.slice(1);
    slot.hidden = false;
    (inputs[field] || fileInput).setAttribute("aria-invalid", "true");
    (inputs[field] || fileInput).focus();
  }

  async function choose(file, t0) {
    if (!file) return;
    if (root.dataset.state !== "ready") {  // checked as soon as the checker is ready
      pending = [file, t0];
      busy.textContent = "The checker is still loading: " + file.name + " will be checked as soon as it is ready.";  // no core yet
      return;
    }
    clearFieldErrors();
    clearResult();  // a file refused, or a new one chosen: the previous answer goes
    current = null;
    if (files && file.size > files.max_bytes) {
      fieldError("file", say("too_big", { file: file.name, mb: (file.size / 1e6).toFixed(1), max: Math.round(files.max_bytes / 1e6) }));
      return;
    }
    busy.textContent = say("reading", { file: file.name });
    try {
      current = { data: await readBytes(file), label: file.name };
    } catch (e) {
      busy.textContent = "";
      fieldError("file", say("unreadable", { file: file.name }));
      return;
    }
    check(t0);
  }

  function check(t0, mapping) {
    if (!current) return;
    clearFieldErrors();
    const mine = ++run;
    t0 = t0 || performance.now();
    const sheet = isSpreadsheet(current.data);
    busy.textContent = say(sheet ? "checking_sheet" : "checking", { file: current.label });
    result.setAttribute("aria-busy", "true");
    const frames = watchFrames();
    const params = { csv: current.data, policy: policySel.value, on: C.isoDate(onInput.value) || C.today(),
      from: C.isoDate(fromInput.value), file: current.label, sheet: current.sheet || "" };
    if (mapping) params.mapping = mapping;
    else params.remembered = remembered();
    call(sheet ? "team-sheet" : "team", params).then(async (res) => {
      if (mine !== run) { frames(); return; }
      result.removeAttribute("aria-busy");
      busy.textContent = "";
      if (res.error) { frames(); clearResult(); fieldError(res.error.field, res.error.message); return; }
      const a = res.ok;
      // Asked first: what a file's columns and values mean, unless the manager has just said (then the answer
      // is drawn, with whatever is still unplaced among the entries to fix).
      if (!a.people || !a.summary || (!a.ready && !mapping)) { clearResult(); frames(); ask(a); return; }
      answer = a;
      showAll = false;
      sort = { key: "status", dir: 1 };
      if (!await draw() || mine !== run) { frames(); return; }
      busy.textContent = say("checked", { file: current.label, people: peopleChecked(a.summary.people) });
      await nextTask();
      if (mine !== run) { frames(); return; }
      void result.offsetHeight;  // laid out, not only built (in a task of its own)
      result.dataset.ms = String(Math.round(performance.now() - t0));
      result.dataset.longestFrame = String(frames());
      result.dataset.count = String(a.people.length);
      // Confirmed at the foot of a long list of questions, which then folds: the answer is read from its start.
      if (mapping) { summaryTitle.tabIndex = -1; summaryTitle.focus(); }
    });
  }
  function watchFrames() {
    let last = performance.now(), worst = 0, going = true;
    const tick = (t) => { worst = Math.max(worst, t - last); last = t; if (going) requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
    return () => { going = false; return Math.round(worst); };
  }
  function clearResult() {
    answer = null;
    [notesBox, errorsBox, summaryBox, controls, mappingBox].forEach((b) => { b.hidden = true; });
    result.replaceChildren();
    printBox.replaceChildren();
    delete result.dataset.count;
  }

  // ------------------------------------------------------------------ the questions before the answer
  const panel = mappingPanel(C, root, mappingBox, { policy: () => policySel.value, hasFile: () => !!current, check, fieldError,
    chooseSheet: (name) => { current.sheet = name; check(); } });
  function ask(a) {
    notesBox.replaceChildren(...a.notes.map((n) => el("li", { text: n })));
    notesBox.hidden = !a.notes.length;
    busy.textContent = say("asking", { file: current.label });
    return panel.ask(a, files.outcome_classes);
  }

  // ------------------------------------------------------------------ the answer
  function draw() {  // resolves true once the table is drawn
    const a = answer;
    notesBox.replaceChildren(...a.notes.map((n) => el("li", { text: n })));
    notesBox.hidden = !a.notes.length;
    drawSummary(C, summaryBox, a);
    drawFilters(C, controls, a);
    controls.hidden = !a.people.length;
    drawErrors(C, errorsBox, a);
    panel.show(a, files.outcome_classes, () => answer === a);
    return drawRows();
  }
  function drawRows(now) {  // resolves true once every row is in (`now`: in this task)
    const people = visiblePeople(root, answer, sort);
    const filters = chosenFilters(root, answer);
    shownNote.textContent = filters.length ? say("showing", { shown: people.length, total: answer.people.length }) : "";
    printBox.replaceChildren(el("p", { text: answer.heading }));
    return drawTable(C, result, answer, people, sort, showAll, now);
  }

  // ------------------------------------------------------------------ events
  watchFiles(fileInput, drop, choose);
  $("[data-team-example]").addEventListener("click", () => {
    if (root.dataset.state !== "ready") return;
    clearFieldErrors();
    const t0 = performance.now();
    call("team-files", { on: C.isoDate(onInput.value) || C.today() }).then((res) => {
      if (res.error) { fieldError(res.error.field, res.error.message); return; }
      current = { data: new TextEncoder().encode(res.ok.example), label: say("example") };
      check(t0);
    });
  });
  [policySel, onInput, fromInput].forEach((i) => i.addEventListener("change", () => check()));
  form.addEventListener("submit", (e) => { e.preventDefault(); check(); });
  controls.addEventListener("change", (e) => { if (e.target.matches("select") && answer) drawRows(); });
  result.addEventListener("click", (e) => {
    if (e.target.closest("button[data-team-more]")) {
      const first = result.querySelectorAll("tbody tr:not([hidden])").length;
      drawAll().then((done) => {
        const next = done && result.querySelectorAll("tbody tr")[first];  // the keyboard goes on where the list did
        if (next && next.querySelector("a")) next.querySelector("a").focus();
      });
      return;
    }
    const button = e.target.closest("button[data-sort]");
    if (!button) return;
    const k = button.dataset.sort;
    sort = { key: k, dir: sort.key === k ? -sort.dir : 1 };
    drawRows();
    const again = result.querySelector('button[data-sort="' + k + '"]');
    if (again) again.focus();
  });
  function drawAll(now) {  // for "Show all" and for printing: every row drawn, whatever was drawn before
    if (!answer) return Promise.resolve(false);
    showAll = true;
    return drawRows(now);
  }
  function filterSentence() {
    const people = visiblePeople(root, answer, sort);
    return call("team-filter", { filters: chosenFilters(root, answer), shown: people.length, total: answer.people.length });
  }
  $("[data-team-export]").addEventListener("click", () => {
    if (!answer) return;
    exportCsv(C, answer, visiblePeople(root, answer, sort), chosenFilters(root, answer));
  });
  $("[data-team-print]").addEventListener("click", () => {
    if (!answer) return;
    filterSentence().then((res) => drawAll().then((done) => {
      if (!done) return;
      printHeading(C, printBox, answer, res.ok ? res.ok.text : "");
      window.print();
    }));
  });
  // The browser's own print menu: every row, drawn before its event returns (unless Print has drawn them).
  root.teamBeforePrint = () => { if (!(showAll && result.dataset.shown)) drawAll(true); };
}

function mountAll() {
  const C = window.HandbookClient;
  document.querySelectorAll("[data-team]").forEach((root) => mount(C, root));
}
function start() {
  // One listener per window for printing from the browser's menu: it draws every row of the tool on the page.
  window.addEventListener("beforeprint", () => document.querySelectorAll("[data-team]").forEach((r) => r.teamBeforePrint && r.teamBeforePrint()));
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(mountAll);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
}
if (window.HandbookClient) start();
else window.addEventListener("handbook:client", start, { once: true });
