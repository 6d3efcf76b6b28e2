/* The due-date checker (tools/due-dates/ and embed/due-dates/), on the shared form component (tool-form.mjs)
 * and the worker client (tool-client.js). Contract (the page interface in CONTRIBUTING.md):
 *   - the address holds the form with the CLI's names (policy, role, start, session, on, supervisor-changed,
 *     shifts, agreed-every, all-sessions, done, the facts); a link with policy, role and start is checked on load;
 *   - [data-checker] has data-state="ready" when it can take input;
 *   - [data-result] has data-next-due and data-status once computed.
 */
import { caseForm } from "./tool-form.mjs";
import { drawAnswer } from "./due-answer.mjs";

export function mountDueDates(root, C) {
  const f = caseForm(root, C, "due");
  const form = f.form;
  const progress = root.querySelector("[data-progress]");
  const result = root.querySelector("[data-result]");
  const submit = root.querySelector("[data-submit]");
  let started = false, pending = root.dataset.checkPending === "1";  // Check pressed before this module ran
  const fromLink = new URLSearchParams(location.search);
  root.dataset.formReady = "1";  // from now on the form's submit is this module's (tool-client.js mountTool)

  function setState() {
    C.drawState(root, progress, started, document.querySelector("[data-embed]") ? "" : "each policy's requirements are linked below.");
    if (C.state() === "failed") { pending = false; C.releaseCheck(submit); }
  }
  C.follow(root, setState, ready, () => started);

  async function ready() {
    started = true;
    const unknown = await f.start();
    setState();
    if (unknown.unknownPolicy) {
      f.showErrors([{ field: "policy", message: "the link names a policy “" + clip(unknown.unknownPolicy) +
        "” that the handbook does not have: choose one of the policies listed" }], false);
    } else if (unknown.unknownRole) {
      f.showErrors([{ field: "role", message: "the link names a role “" + clip(unknown.unknownRole) +
        "” that this policy does not have: choose one from the list" }], false);
    } else if (pending || (fromLink.get("policy") && fromLink.get("role") && fromLink.get("start"))) {
      await compute(pending);
    }
    pending = false;
    C.releaseCheck(submit);
  }
  function clip(text) { return text.length > 40 ? text.slice(0, 40) + "…" : text; }

  /* The checker is asked as soon as an entry changes, so that Check shows the answer at once; nothing is
     shown before Check, and one answer is kept: the one for what the form holds now. */
  let early = { key: null, answer: null };
  function ask(p) {
    const key = JSON.stringify(p);
    if (early.key !== key) early = { key, answer: C.call("due", p) };
    return early.answer;
  }
  function askEarly() {
    if (root.dataset.state !== "ready") return;
    const p = f.values();
    if (f.required(p)) ask(p);
  }

  async function compute(userAction) {
    const t0 = performance.now();  // data-ms: from Check to the answer drawn
    const p = f.values();
    const answer = ask(p);
    f.writeUrl(p);
    result.setAttribute("aria-busy", "true");
    const res = await answer;
    if (f.left()) return;
    result.removeAttribute("aria-busy");
    if (res.error) {
      f.showErrors(res.errors || [res.error], userAction);
      result.replaceChildren();
      result.dataset.nextDue = "";
      result.dataset.status = "error";
      return;
    }
    f.clearErrors();
    drawAnswer(result, res.ok, { C, f, words: f.description().words });
    const c = res.ok.case;  // the address gets the dates as the checker read them, so the link is exact
    f.writeUrl(Object.assign(p, { start: c.start, on: c.on }, c.sessions.length ? { session: c.sessions.join(",") } : {},
      c.done.length ? { done: c.done.join(",") } : {}));
    result.dataset.ms = String(Math.round(performance.now() - t0));
    if (userAction) {
      const heading = result.querySelector("h2");
      heading.focus();
      heading.scrollIntoView({ block: "start" });
    }
  }

  form.addEventListener("input", askEarly);
  form.addEventListener("change", askEarly);
  form.addEventListener("submit", (e) => {
    e.preventDefault();
    if (C.state() === "failed") return;
    if (root.dataset.state !== "ready") {  // accepted: answered as soon as the checker is ready
      pending = true;
      C.holdCheck(submit);
      return;
    }
    compute(true);
  });
  // The answer's own controls: a "done on" date typed by a duty, and the all-sessions question.
  result.addEventListener("change", (e) => { if (e.target.matches("[data-done-kind]")) compute(false); });
  result.addEventListener("click", (e) => {
    if (!e.target.matches("[data-all-sessions]")) return;
    const box = form.elements["all-sessions"];
    box.checked = !box.checked;
    root.querySelector('[data-field="all-sessions"]').hidden = false;
    compute(true);
  });
  root.querySelector("[data-reset]").addEventListener("click", async () => {
    await f.reset();
    result.replaceChildren();
    result.dataset.nextDue = "";
    result.dataset.status = "";
    form.elements.policy.focus();
  });
  root.querySelector("[data-copy]").addEventListener("click", () => {
    const p = f.values();
    f.writeUrl(p);
    // The tool's own address on this site, also from inside an embed on another page.
    const q = f.query(p);
    const link = new URL("tools/due-dates/", C.base).href + (q ? "?" + q : "");
    const note = root.querySelector("[data-copied]");
    const fallback = () => {
      const field = C.el("input", { type: "text", readonly: "readonly", "aria-label": "Link to this check", size: "40" });
      field.value = link;
      note.replaceChildren("Copy this link: ", field);
      field.select();
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link).then(() => { note.textContent = "Link copied."; }, fallback);
    } else {
      fallback();
    }
  });
}
