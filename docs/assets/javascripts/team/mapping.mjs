/* Mapping: what the file's columns, job titles and outcomes mean, as the core matched them, shown before the
 * answer in [data-team-mapping] for the manager to confirm or change; the confirmed mapping is remembered in
 * this browser (localStorage, keyed by the file's header row; it never leaves the browser), can be
 * forgotten, and downloaded as the TOML file `python -m checker team FILE --mapping` reads. */
import { say } from "./words.mjs";

const STORE = "handbook-team-mappings";

export function remembered() {
  try { return JSON.parse(localStorage.getItem(STORE) || "{}") || {}; } catch (e) { return {}; }
}
export function remember(key, mapping) {
  const all = remembered();
  all[key] = mapping;
  try { localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* private mode: asked again next time */ }
}
export function forget(key) {
  const all = remembered();
  delete all[key];
  try { localStorage.setItem(STORE, JSON.stringify(all)); } catch (e) { /* nothing stored */ }
}

function select(C, id, options, value, label) {
  const s = C.el("select", { id, "aria-label": label });
  options.forEach(([v, text]) => s.append(C.el("option", { value: v, text })));
  s.value = value == null ? "" : value;
  return s;
}

/* A cell's column heading said in the cell itself, shown only where the tables are laid out as a list (a
 * phone: team.css), where the column headings are not above it. */
function label(C, key) {
  return C.el("span", { className: "hb-team__map-label", text: say(key) + ": " });
}

/* A long role name chosen, in full, under its choice: on a phone it does not fit in the closed choice
 * (team.css shows it there only). The choice itself is what assistive technology reads. */
const LONG = 30;
function chosen(C, s) {
  const line = C.el("span", { className: "hb-team__map-chosen", "aria-hidden": "true" });
  const say = () => { const text = s.value ? s.options[s.selectedIndex].text : ""; line.textContent = text.length > LONG ? text : ""; };
  s.addEventListener("change", say);
  say();
  return line;
}

/* Draws the three questions into `box` from the core's answer; `roles` is the policy's role list
 * ({id, name}), `classes` the outcome classes ({id, text}). Returns a function that reads the mapping back. */
export function drawMapping(C, box, answer, roles, classes) {
  const el = C.el;
  const body = box.querySelector("[data-team-mapping-body]");
  const cols = answer.columns;
  const headers = cols.headers.filter((h) => h);
  const fieldRows = cols.fields.filter((f) => f.header || f.required || f.how === "off" || ["employee_id", "outcome", "team", "supervisor"].includes(f.field));
  const colTable = el("table", { className: "hb-team__map" }, [
    el("caption", { text: say("columns") }),
    el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: say("needs") }),
      el("th", { scope: "col", text: say("column_in_file") }), el("th", { scope: "col", text: say("found_by") })])]),
    el("tbody", {}, fieldRows.map((f, i) => {
      const s = select(C, "team-map-col-" + i, [["", say(f.required ? "choose_column" : "not_in_file")], ...headers.map((h) => [h, h])],
        f.header, f.label);
      s.dataset.field = f.field;
      if (f.required && !f.header) s.setAttribute("aria-invalid", "true");
      return el("tr", { "data-map-field": f.field }, [el("th", { scope: "row" }, [el("label", { for: s.id, text: f.required ? say("required", { label: f.label }) : f.label })]),
        el("td", {}, [s]), el("td", {}, [label(C, "found_by"), f.how_text || ""])]);
    }))]);
  const parts = [colTable];
  if (cols.sheets && cols.sheets.length > 1) {  // a workbook of several sheets: the one read, and a choice
    const s = select(C, "team-map-sheet", cols.sheets.map((n) => [n, n]), cols.sheet, say("sheet"));
    s.dataset.teamSheet = "";
    parts.unshift(el("p", { className: "hb-team__sheet" }, [el("label", { for: s.id, text: say("sheet") }), " ", s]));
  }
  if (cols.unused.length) parts.push(el("p", { text: say("unused", { columns: cols.unused.join(", ") }) }));
  const roleOptions = [["", say("choose_role")], ...roles.map((r) => [r.id, r.name])];
  if (answer.roles.length) {
    parts.push(el("table", { className: "hb-team__map" }, [
      el("caption", { text: say("roles") }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: say("in_file") }), el("th", { scope: "col", text: say("people") }),
        el("th", { scope: "col", text: say("policy_role") })])]),
      el("tbody", {}, answer.roles.map((r, i) => {
        const s = select(C, "team-map-role-" + i, roleOptions, r.role || r.suggested, r.value);
        s.dataset.value = r.value;
        s.dataset.placed = r.how === "name" ? r.role : "";
        return el("tr", { "data-map-role": r.value }, [el("th", { scope: "row" }, [el("label", { for: s.id, text: r.value })]),
          el("td", { className: "hb-team__num" }, [label(C, "people"), String(r.people)]),
          el("td", {}, [s, chosen(C, s), r.role ? "" : el("span", { className: "hb-team__suggest", text: " " + say(r.suggested ? "suggested" : "not_matched") })])]);
      }))]));
  }
  if (answer.outcomes.length) {
    parts.push(el("table", { className: "hb-team__map" }, [
      el("caption", { text: say("outcomes") }),
      el("thead", {}, [el("tr", {}, [el("th", { scope: "col", text: say("in_file") }), el("th", { scope: "col", text: say("rows") }),
        el("th", { scope: "col", text: say("what_happened") })])]),
      el("tbody", {}, answer.outcomes.map((o, i) => {
        const s = select(C, "team-map-outcome-" + i, [["", say("choose")], ...classes.map((c) => [c.id, c.text])], o.class, o.value);
        s.dataset.value = o.value;
        s.dataset.found = o.how === "words" ? o.class || "" : "";
        return el("tr", { "data-map-outcome": o.value }, [el("th", { scope: "row" }, [el("label", { for: s.id, text: o.value })]),
          el("td", { className: "hb-team__num" }, [label(C, "rows"), String(o.rows)]), el("td", {}, [s])]);
      }))]));
  }
  body.replaceChildren(...parts);
  box.hidden = false;
  return function read() {
    const mapping = { columns: {}, roles: {}, outcomes: {} };
    body.querySelectorAll("select[data-field]").forEach((s) => { mapping.columns[s.dataset.field] = s.value; });
    body.querySelectorAll("tr[data-map-role] select").forEach((s) => {
      if (s.value && s.value !== s.dataset.placed) mapping.roles[s.dataset.value] = s.value;
    });
    body.querySelectorAll("tr[data-map-outcome] select").forEach((s) => {
      if (s.value && s.value !== s.dataset.found) mapping.outcomes[s.dataset.value] = s.value;
    });
    return mapping;
  };
}

/* The panel's life on the page: asked before an answer, shown folded beside one, and its three buttons
 * (confirm, forget, download) and the sheet of a workbook. `page` gives policy() (the policy chosen on the
 * form), hasFile(), chooseSheet(name),
 * check(t0, mapping) and fieldError(field, message). */
export function mappingPanel(C, root, box, page) {
  let read = null;  // reads the manager's choices back from the panel
  const roles = (a) => {
    const policy = (a.roles[0] && a.roles[0].policy) || page.policy();
    return policy ? C.cached("roles:" + policy, "roles", { policy }) : Promise.resolve({ ok: [] });
  };
  async function ask(a, classes) {
    read = drawMapping(C, box, a, (await roles(a)).ok || [], classes);
    box.dataset.state = "asking";
    box.dataset.key = a.columns.header_key;
    box.open = true;
    root.querySelector("[data-team-mapping-title]").focus();
  }
  function show(a, classes, stillShown) {
    roles(a).then((r) => { if (stillShown()) read = drawMapping(C, box, a, r.ok || [], classes); });
    box.hidden = false;
    box.dataset.key = a.columns.header_key;
    box.dataset.state = "confirmed";
    box.open = false;
    box.querySelector("[data-team-mapping-remembered]").hidden = !a.columns.remembered;
  }
  box.addEventListener("change", (e) => {  // another sheet of the workbook: read again, asked again
    if (e.target.matches("select[data-team-sheet]") && page.hasFile()) page.chooseSheet(e.target.value);
  });
  root.querySelector("[data-team-confirm]").addEventListener("click", () => {
    if (!read || !page.hasFile()) return;
    const mapping = read();
    remember(box.dataset.key, mapping);
    page.check(performance.now(), mapping);
  });
  root.querySelector("[data-team-forget]").addEventListener("click", () => {
    forget(box.dataset.key);
    page.check();
  });
  root.querySelector("[data-team-mapping-download]").addEventListener("click", () => {
    if (!read) return;
    C.call("team-mapping", { mapping: read() }).then((res) => {
      if (res.error) { page.fieldError("file", res.error.message); return; }
      const link = C.el("a", { href: URL.createObjectURL(new Blob([res.ok.toml], { type: "application/toml" })), download: "team-mapping.toml" });
      document.body.append(link);
      link.click();
      link.remove();
    });
  });
  return { ask, show };
}
