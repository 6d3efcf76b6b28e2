/* One form component for the tools that take a case (tools/due-dates/, embed/due-dates/, tools/schedule/).
 *
 * It only draws. The rule core describes the form (checker/forms.py, the worker's "form" command): which
 * fields the tool asks, which a policy's role needs, their labels and hints, defaults and limits, and what
 * a link's yes/no words mean. The template holds the same fields for the first paint; this component keeps
 * them in step with the description, reads what the person typed as typed (the core reads dates), shows
 * errors as the GOV.UK Design System does, writes the form into the address, and keeps typed entries in the
 * tab's session storage so that they survive following a link and coming back.
 */
const STORE = "handbook-form:";

export function caseForm(root, C, tool) {
  const el = C.el;
  const form = root.querySelector("[data-form]");
  const summary = root.querySelector("[data-error-summary]");
  const policySel = form.elements.policy, roleSel = form.elements.role;
  const title = document.title.replace(/^Error: /, "");
  const query = new URLSearchParams(location.search);
  const home = location.pathname;
  let desc = null, policies = [], roles = [];
  let done = {};  // KIND -> the date typed for it, kept while the duties are redrawn

  // What the address says, put in the fields as it is written; the core reads it once it has started.
  const raw = {};
  query.forEach((v, k) => { raw[k] = k in raw ? raw[k] + "," + v : v; });
  splitDone(raw.done || "");
  Object.keys(raw).forEach((name) => setText(name, raw[name]));
  restore();
  // The first questions, asked at once rather than one after another: the worker answers them back to back as
  // soon as Python is up, instead of waiting for the page between them (on a phone, up to half a second).
  C.cached("policies", "policies", {});
  const firstForm = {};
  if (raw.policy) {
    C.cached("roles:" + raw.policy, "roles", { policy: raw.policy });
    const asked = formQuestion(raw.policy, raw.role || "");
    firstForm[JSON.stringify(asked)] = C.call("form", asked);
  }

  function splitDone(text) {
    text.split(",").filter((d) => d.includes("=")).forEach((d) => {
      const at = d.indexOf("=");
      done[d.slice(0, at).trim()] = d.slice(at + 1).trim();
    });
  }
  function field(name) { return form.querySelector(`[name="${name}"]`); }
  function box(name) { return root.querySelector(`[data-field="${name}"]`); }
  /** Material's instant navigation can take the form away while the checker is still answering it. It changes the
   * address at the click (or Back) and swaps the page only once the next one has come: both are leaving. */
  function left() { return location.pathname !== home || !root.isConnected; }
  function setText(name, value) {
    const input = field(name);
    if (!input || input.type === "checkbox" || input.tagName === "SELECT") return;
    if (input.type === "radio") { form.querySelectorAll(`[name="${name}"]`).forEach((r) => { r.checked = r.value === value; }); return; }
    input.value = input.tagName === "TEXTAREA" ? String(value).split(/\s*,\s*/).join("\n") : value;
  }

  // ---------------------------------------------------------------- the core's description, drawn
  function options(select, list, empty, group) {
    const want = select.value || raw[select.name] || "";
    select.replaceChildren(el("option", { value: "", text: empty }));
    const groups = {};
    list.forEach((o) => {
      const parent = group && group(o) ? (groups[group(o)] ||= select.appendChild(el("optgroup", { label: group(o) }))) : select;
      parent.append(el("option", { value: o.id, text: o.text }));
    });
    select.value = list.some((o) => o.id === want) ? want : "";
  }
  async function start() {
    const res = await C.cached("policies", "policies", {});
    policies = (res && res.ok) || [];
    options(policySel, policies.map((p) => ({ id: p.id, text: p.authority + ": " + p.name })), "Choose a policy");
    await policyChanged();
    return { unknownPolicy: raw.policy && !policySel.value ? raw.policy : "", unknownRole: raw.role && !roleSel.value ? raw.role : "" };
  }
  async function policyChanged() {
    const policy = policySel.value;
    roles = policy ? ((await C.cached("roles:" + policy, "roles", { policy })).ok || []) : [];
    const mixed = roles.some((r) => r.subject !== "supervisee");
    options(roleSel, roles.map((r) => ({ id: r.id, text: r.name, subject: r.subject })), policy ? "Choose one" : "Choose a policy first",
      mixed ? (o) => (o.subject === "supervisee" ? "Supervision of a member of staff" : "Case supervision records") : null);
    return describe();
  }
  function formQuestion(policy, role) {
    return Object.assign({}, raw, desc ? values() : {}, { tool, today: C.today(), policy, role });
  }
  async function describe() {
    const asked = formQuestion(policySel.value, roleSel.value);
    const key = JSON.stringify(asked), early = firstForm[key];
    delete firstForm[key];
    const res = await (early || C.call("form", asked));
    if (!res.ok || left()) return;
    desc = res.ok;
    const more = root.querySelector("[data-more] summary");
    if (more) more.textContent = desc.groups.more;
    desc.fields.forEach(drawField);
    drawFacts(desc.facts);
  }
  function drawField(f) {
    const b = box(f.name), input = field(f.name);
    if (!b) return;
    const label = b.querySelector("label, legend"), hint = b.querySelector(".hb-hint");
    if (label && f.type !== "yesno") label.textContent = f.label;
    if (hint) { hint.textContent = f.hint || ""; hint.hidden = !f.hint; }
    b.hidden = !f.shown;
    if (!input) return;
    if (f.type === "yesno") { input.checked = f.value === true; b.querySelector("label").textContent = f.label; }
    else if (f.type === "choice") form.querySelectorAll(`[name="${f.name}"]`).forEach((r, i) => {
      r.value = f.choices[i].value; r.checked = r.value === f.value; r.labels[0].textContent = f.choices[i].label; });
    else if (input.tagName !== "SELECT" && !input.value) input.value = f.value;
  }
  function drawFacts(facts) {
    const list = root.querySelector("[data-fact-list]");
    const was = {};
    list.querySelectorAll("input").forEach((b) => { was[b.name] = b.checked; });
    list.replaceChildren(...facts.map((fact) => {
      const id = form.dataset.prefix + "-fact-" + fact.id;
      const input = el("input", { type: "checkbox", id, name: fact.id, value: "1" });
      input.checked = fact.id in was ? was[fact.id] : fact.value;
      return el("div", { className: "hb-check" }, [input, el("label", { for: id }, [fact.question,
        fact.help ? el("span", { className: "hb-hint hb-fact-help" }, [fact.help + " ", C.citationLinks(fact.citations)]) : null])]);
    }));
    root.querySelector("[data-facts]").hidden = !facts.length;
  }

  // ---------------------------------------------------------------- what the person typed, as typed
  function values() {
    const p = {};
    (desc ? desc.fields : []).forEach((f) => {
      const input = field(f.name), b = box(f.name);
      if (!input || !b || b.hidden || f.type === "done") return;
      if (f.type === "yesno") { if (input.checked) p[f.name] = "1"; return; }
      const chosen = f.type === "choice" ? form.querySelector(`[name="${f.name}"]:checked`) : input;
      const v = ((chosen && chosen.value) || "").trim();
      if (v) p[f.name] = v;
    });
    root.querySelectorAll("[data-fact-list] input:checked").forEach((b) => { p[b.name] = "1"; });
    root.querySelectorAll("[data-done-kind]").forEach((i) => { done[i.dataset.doneKind] = i.value.trim(); });
    const marked = Object.keys(done).filter((k) => done[k]).map((k) => k + "=" + done[k]);
    if (marked.length && tool === "due") p.done = marked.join(",");
    return p;
  }
  function sent(p) {  // what may go into the address: not the supervisee's name, not a default
    const q = new URLSearchParams();
    Object.keys(p).forEach((k) => {
      const f = desc && desc.fields.find((x) => x.name === k);
      if (f && (!f.sent || p[k] === f.default)) return;
      q.set(k, k === "session" ? p[k].split(/\s*[\n,;]+\s*/).filter(Boolean).join(",") : p[k]);
    });
    return q.toString();
  }
  function writeUrl(p) {
    if (left()) return;  // the address and the saved answers are now another page's
    const q = sent(p);
    history.replaceState(history.state, "", location.pathname + (q ? "?" + q : "") + location.hash);
    save();
  }
  function save() {
    const typed = {};
    Array.from(form.elements).forEach((i) => { if (i.name && i.type !== "checkbox" && i.type !== "radio") typed[i.name] = i.value; });
    try { sessionStorage.setItem(STORE + location.pathname, JSON.stringify({ search: location.search, typed, done })); } catch (e) { /* private mode */ }
  }
  function restore() {
    let saved = null;
    try { saved = JSON.parse(sessionStorage.getItem(STORE + location.pathname) || "null"); } catch (e) { saved = null; }
    if (!saved || saved.search !== location.search) return;
    Object.keys(saved.typed).forEach((name) => { const i = field(name); if (i && i.tagName !== "SELECT") i.value = saved.typed[name]; });
    Object.assign(done, saved.done || {});
  }

  // ---------------------------------------------------------------- errors, as GOV.UK writes them
  function clearErrors() {
    summary.hidden = true;
    document.title = title;
    root.querySelectorAll("[data-error-for]").forEach((p) => { p.hidden = true; p.textContent = ""; });
    root.querySelectorAll(".hb-field--error").forEach((f) => f.classList.remove("hb-field--error"));
    root.querySelectorAll("[aria-invalid]").forEach((i) => i.removeAttribute("aria-invalid"));
  }
  function inputFor(name) { return name === "done" ? root.querySelector("[data-done-kind]") : field(name); }
  function showErrors(errors, focus) {
    clearErrors();
    const names = Object.assign({}, desc && desc.field_names);  // each field named as its label says
    (desc ? desc.fields : []).forEach((x) => { names[x.name] = x.label.replace(/ \(optional\)$/, ""); });
    root.querySelector("[data-error-list]").replaceChildren(...errors.map((e) => {
      const input = inputFor(e.field), b = box(e.field), slot = root.querySelector(`[data-error-for="${e.field}"]`);
      const message = e.message.charAt(0).toUpperCase() + e.message.slice(1);
      if (b) { b.hidden = false; b.classList.add("hb-field--error"); if (b.closest("details")) b.closest("details").open = true; }
      if (slot) { slot.replaceChildren(el("span", { className: "hb-visually-hidden", text: "Error: " }), message); slot.hidden = false; }
      if (input) input.setAttribute("aria-invalid", "true");
      const said = (input && names[e.field] ? names[e.field] + ": " : "") + message;
      return el("li", {}, [input ? el("a", { href: "#" + input.id, "data-target": input.id, text: said }) : el("span", { text: said })]);
    }));
    summary.hidden = false;
    document.title = "Error: " + title;
    if (focus) { summary.focus(); summary.scrollIntoView({ block: "start" }); }
  }
  function goTo(id) {
    const input = document.getElementById(id);
    if (!input) return;
    if (input.closest("details")) input.closest("details").open = true;
    input.scrollIntoView({ block: "center" });
    input.focus();
  }
  root.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a[data-target]");
    if (!a) return;
    e.preventDefault();
    e.stopPropagation();  // the focus moves to the field; this is not a navigation
    goTo(a.dataset.target);
  });

  // ---------------------------------------------------------------- "check your answers", with Change links
  function answers(p) {
    const rows = (desc ? desc.fields : []).filter((f) => f.shown && f.type !== "done" && f.type !== "yesno" && (p[f.name] || f.required));
    const shown = (f) => {
      const input = field(f.name);
      if (f.type === "select") return input.selectedIndex > 0 ? input.options[input.selectedIndex].text : "";
      if (f.type === "choice") { const c = f.choices.find((x) => x.value === p[f.name]); return c ? c.label : ""; }
      return (p[f.name] || "").split(/\s*\n\s*/).join(", ");
    };
    const facts = Array.from(root.querySelectorAll("[data-fact-list] input:checked")).map((b) => b.labels[0].firstChild.textContent);
    const row = (label, value, id) => el("div", { className: "hb-summary__row" }, [
      el("dt", { className: "hb-summary__key", text: label }), el("dd", { className: "hb-summary__value", text: value || "—" }),
      el("dd", { className: "hb-summary__change" }, [el("a", { href: "#" + id, "data-target": id }, ["Change", el("span", { className: "hb-visually-hidden", text: " " + label.toLowerCase() })])])]);
    const list = rows.map((f) => row(f.label.replace(/ \(optional\)$/, ""), shown(f), field(f.name).id));
    if (facts.length) list.push(row(root.querySelector("[data-facts] legend").textContent, facts.join("; "), root.querySelector("[data-fact-list] input").id));
    return el("dl", { className: "hb-summary" }, list);
  }

  function reset() {
    history.replaceState(history.state, "", location.pathname);
    try { sessionStorage.removeItem(STORE + location.pathname); } catch (e) { /* private mode */ }
    form.reset();
    Object.keys(raw).forEach((k) => delete raw[k]);
    done = {};
    policySel.value = "";
    clearErrors();
    return policyChanged();
  }

  policySel.addEventListener("change", () => policyChanged().then(() => writeUrl(values())));
  roleSel.addEventListener("change", () => describe().then(() => writeUrl(values())));
  root.addEventListener("input", save);
  return {
    form, start, describe, values, writeUrl, left, query: sent, showErrors, clearErrors, answers, reset, goTo,
    description: () => desc, doneValue: (kind) => done[kind] || "",
    required: (p) => (desc ? desc.fields : []).filter((f) => f.required && f.shown && !p[f.name]).length === 0,
  };
}
