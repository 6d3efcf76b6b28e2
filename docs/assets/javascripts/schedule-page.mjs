/* The schedule builder (tools/schedule/), on the shared form component (tool-form.mjs) and the worker client
 * (tool-client.js). It only draws: dates, titles, notes and readings come from the rule core ("schedule"),
 * the calendar file from "schedule-ics" (the worker loads the icalendar package the first time it is asked).
 * Contract (DESIGN §5): the address holds the form with the due-date checker's names plus from, months and
 * plan (never the supervisee's name); a complete case is built on load; [data-schedule] holds a table per
 * month, one row per entry with data-date and data-kind; a[download$=".ics"] downloads the calendar file.
 */
import { caseForm } from "./tool-form.mjs";

export function mountSchedule(root, C) {
  const el = C.el, cites = C.citationLinks, longDate = C.longDate;
  const f = caseForm(root, C, "schedule");
  const progress = root.querySelector("[data-progress]");
  const result = root.querySelector("[data-schedule]");
  const actions = root.querySelector("[data-schedule-actions]");
  const icsLink = root.querySelector("[data-ics]");
  const icsStatus = root.querySelector("[data-ics-status]");
  const fromLink = new URLSearchParams(location.search);
  const pageTitle = document.title;
  let started = false, lastParams = null, icsUrl = null;
  const submit = root.querySelector("[data-submit]");
  let pending = root.dataset.checkPending === "1";  // pressed before this module ran, or before Python was up
  root.dataset.formReady = "1";  // from now on the form's submit is this module's (tool-client.js mountTool)

  function setState() {
    C.drawState(root, progress, started, "each policy's requirements are linked below.");
    if (C.state() === "failed") { pending = false; C.releaseCheck(submit); }
  }
  C.follow(root, setState, ready, () => started);

  async function ready() {
    started = true;
    await f.start();
    setState();
    if (pending || (fromLink.get("policy") && fromLink.get("role") && fromLink.get("start"))) await compute(pending);
    pending = false;
    C.releaseCheck(submit);
  }

  function clearResult() {
    result.replaceChildren();
    result.dataset.count = "";
    actions.hidden = true;
    if (icsUrl) { URL.revokeObjectURL(icsUrl); icsUrl = null; }
    icsLink.setAttribute("href", "#");
    icsStatus.textContent = "";
  }

  async function compute(userAction) {
    const p = f.values();
    f.writeUrl(p);
    result.setAttribute("aria-busy", "true");
    const res = await C.call("schedule", p);
    if (f.left()) return;
    result.removeAttribute("aria-busy");
    if (res.error) {
      clearResult();
      f.showErrors(res.errors || [res.error], userAction);
      return;
    }
    f.clearErrors();
    lastParams = p;
    render(res.ok);
    if (userAction) result.focus();
  }

  function render(plan) {
    clearResult();
    const kids = [
      el("h2", { className: "hb-schedule__title", text: plan.title }),
      el("p", { className: "hb-schedule__case" }, [
        el("strong", { text: plan.policy.authority }), " · " + plan.role.name + " · started " + longDate(plan.case.start)]),
      el("p", { className: "hb-schedule__summary", text: plan.summary }),
      el("p", { className: "hb-schedule__requirement" }, [plan.requirement + " ", cites(plan.citations)]),
    ];
    const months = [];
    plan.events.forEach((e) => {
      if (!months.length || months[months.length - 1].label !== e.month) months.push({ label: e.month, events: [] });
      months[months.length - 1].events.push(e);
    });
    kids.push(el("div", { className: "hb-schedule__months" }, months.map((m) => el("section", { className: "hb-schedule__month" }, [
      el("h3", { text: m.label }),
      el("div", { className: "hb-table" }, [el("table", {}, [
        el("caption", { className: "hb-visually-hidden", text: "Schedule for " + m.label }),
        el("colgroup", {}, ["date", "what", "para"].map((c) => el("col", { className: "hb-col-" + c }))),
        el("thead", {}, [el("tr", {}, ["Date", "What", plan.policy.authority + " paragraph"].map((h) => el("th", { scope: "col", text: h })))]),
        el("tbody", {}, m.events.map((e) => el("tr", { "data-date": e.date, "data-kind": e.kind, className: "hb-schedule__row hb-schedule__row--" + e.kind }, [
          el("td", { className: "hb-schedule__date", text: e.day || longDate(e.date) }),
          el("td", {}, [el("span", { className: "hb-schedule__what", text: e.title }),
            e.note ? el("span", { className: "hb-schedule__note", text: " " + e.note }) : null]),
          el("td", {}, [sectionLinks(e.citations)]),
        ]))),
      ])]),
    ]))));
    if (!plan.events.length) kids.push(el("p", { text: "Nothing falls due in these months." }));
    if (plan.readings.length) {
      kids.push(el("h3", { className: "hb-schedule__readings-title", text: "How the schedule reads the policy" }));
      kids.push(el("ul", { className: "hb-schedule__readings" }, plan.readings.map((r) => el("li", {}, [r.text + " ", cites(r.citations)]))));
    }
    if (plan.not_computable && plan.not_computable.length) {
      kids.push(el("h3", { className: "hb-schedule__undated", text: "Requirements the schedule cannot date" }));
      kids.push(el("ul", { className: "hb-schedule__undated" }, plan.not_computable.map((n) =>
        el("li", {}, [n.summary + " " + (n.why_not || "") + " ", cites(n.citations)]))));
    }
    result.replaceChildren(...kids);
    result.dataset.count = String(plan.events.length);
    icsLink.setAttribute("download", "supervision-schedule-" + plan.policy.id + "-" + plan.role.id + "-" + plan.from + ".ics");
    actions.hidden = false;
    document.title = plan.title + " - " + pageTitle;  // the print's and the browser tab's title name the supervisee
  }
  // Under the policy's name, a paragraph is named by its number alone ("3.12").
  function sectionLinks(citations) {
    return cites((citations || []).map((c) => Object.assign({}, c, { label: c.section })));
  }

  // The calendar file: asked for only when wanted (the worker then loads icalendar), made into a Blob URL
  // here, and downloaded by the same link.
  icsLink.addEventListener("click", (e) => {
    e.stopPropagation();  // a download, not a page: Material's instant navigation must not take the click
    if (icsUrl) return;  // ready: the browser downloads it
    e.preventDefault();
    if (!lastParams || icsLink.dataset.busy) return;
    icsLink.dataset.busy = "1";
    icsStatus.textContent = "Making the calendar file…";
    const asked = lastParams;
    C.call("schedule-ics", Object.assign({}, asked, { "base-url": C.base, stamp: new Date().toISOString() })).then((res) => {
      delete icsLink.dataset.busy;
      if (asked !== lastParams) return;
      if (res.error) { icsStatus.textContent = "The calendar file could not be made: " + res.error.message; return; }
      icsUrl = URL.createObjectURL(new Blob([res.ok.text], { type: "text/calendar;charset=utf-8" }));
      icsLink.href = icsUrl;
      icsLink.setAttribute("download", res.ok.filename);
      icsStatus.textContent = "Calendar file ready: " + res.ok.events + " entries.";
      icsLink.click();
    });
  });
  root.querySelector("[data-print]").addEventListener("click", () => window.print());
  f.form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (C.state() === "failed") return;
    if (root.dataset.state !== "ready") {  // accepted: built as soon as the checker is ready
      pending = true;
      C.holdCheck(submit);
      return;
    }
    compute(true);
  });
  root.querySelector("[data-reset]").addEventListener("click", async () => {
    await f.reset();
    clearResult();
    lastParams = null;
    f.form.elements.policy.focus();
  });
  root.querySelector("[data-copy]").addEventListener("click", () => {
    f.writeUrl(f.values());
    const note = root.querySelector("[data-copied]");
    const done = (ok) => { note.textContent = ok ? "Link copied." : "Copy the link from the address bar."; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(location.href).then(() => done(true), () => done(false));
    } else {
      done(false);
    }
  });
}
