/* The table an auditor wants: the summary, filters by status and by the file's own columns (team,
 * supervisor, ...), grouping by one of them, sortable columns with the days overdue, and the rows to fix
 * after the table. Rows past the first PAGE are drawn when asked for, or for printing. Words come from the
 * core's answer. */
import { say } from "./words.mjs";

export const PAGE = 100;
const CHUNK = 20;          // rows drawn in one task
const HIDDEN_CHUNK = 500;  // hidden, empty rows added in one task
const MAX_ERRORS_SHOWN = 500;
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

// "25 Feb 2024", the table's compact form; the long form (with the weekday) is its title.
function shortDate(iso) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  return m ? +m[3] + "\u00a0" + MONTHS[+m[2] - 1] + "\u00a0" + m[1] : iso;
}
function peopleChecked(n) { return say(n === 1 ? "person_checked" : "people_checked", { n: n.toLocaleString("en-GB") }); }
export { peopleChecked };

export function drawSummary(C, box, a) {
  const el = C.el, s = a.summary;
  const body = box.querySelector("[data-team-summary-body]");
  body.replaceChildren(
    el("p", { text: say("as_of", { people: peopleChecked(s.people), date: C.longDate(a.on) }) }),
    el("ul", { className: "hb-team__counts" }, a.statuses.map((st) => el("li", {}, [C.statusBadge(st.id, st.text), " " + s[st.id]]))),
    el("p", { className: "hb-team__percent", "data-team-percent": s.in_time_percent == null ? "" : s.in_time_percent.toFixed(1),
      text: s.texts.in_time }),
    el("p", { "data-team-period": a.period.from || "", text: a.period.text }),
    el("p", { text: s.texts.counts }));
  if (s.texts.rejected) body.append(el("p", { text: s.texts.rejected }));
  box.hidden = false;
}

export function drawErrors(C, box, a) {
  const list = box.querySelector("[data-team-error-list]");
  list.replaceChildren(...a.errors.slice(0, MAX_ERRORS_SHOWN).map((e) => C.el("li", { "data-line": String(e.line), "data-field": e.field }, [
    C.el("strong", { text: e.lines && e.lines[0] !== e.lines[1] ? say("lines", { first: e.lines[0], last: e.lines[1] }) : say("line", { line: e.line }) }),
    ", " + e.field + ": " + e.message])));
  if (a.errors.length > MAX_ERRORS_SHOWN) {
    list.append(C.el("li", { text: say("more_to_fix", { n: a.errors.length - MAX_ERRORS_SHOWN }) }));
  }
  box.querySelector("[data-team-errors-title]").textContent = a.errors.length === 1 ? say("one_to_fix") : say("to_fix", { n: a.errors.length });
  box.hidden = !a.errors.length;
}

/* The filter selects: status, and each extra column of the file with its values. */
export function drawFilters(C, box, a) {
  const el = C.el, s = a.summary;
  const status = el("select", { id: "team-filter", "data-team-filter": "" }, [el("option", { value: "", text: say("everyone", { n: s.people }) })]);
  a.statuses.forEach((st) => { if (s[st.id]) status.append(el("option", { value: st.id, text: st.text + " (" + s[st.id] + ")" })); });
  const parts = [el("label", { for: "team-filter", text: say("show") }), status];
  const groupBy = el("select", { id: "team-group", "data-team-group": "" }, [el("option", { value: "", text: say("no_grouping") })]);
  a.extra_columns.forEach((col, i) => {
    const values = [...new Set(a.people.map((p) => p.extra[col]).filter(Boolean))].sort((x, y) => x.localeCompare(y));
    if (values.length < 2 || values.length > 60) return;
    const f = el("select", { id: "team-extra-" + i, "data-team-extra": col }, [el("option", { value: "", text: say("any", { column: col }) })]);
    values.forEach((v) => f.append(el("option", { value: v, text: v })));
    parts.push(el("label", { for: f.id, text: col }), f);
    groupBy.append(el("option", { value: col, text: say("group_by", { column: col }) }));
  });
  if (groupBy.options.length > 1) parts.push(el("label", { for: "team-group", text: say("group") }), groupBy);
  box.querySelector("[data-team-filters]").replaceChildren(...parts);
}

/* The filters chosen, as [label, value] pairs (the export and the print say them). */
export function chosenFilters(root, a) {
  const out = [];
  const status = root.querySelector("[data-team-filter]");
  if (status && status.value) out.push([a.labels.status, a.statuses.find((s) => s.id === status.value).text]);
  root.querySelectorAll("[data-team-extra]").forEach((s) => { if (s.value) out.push([s.dataset.teamExtra, s.value]); });
  return out;
}

export function visiblePeople(root, a, sort) {
  const rank = {};
  a.statuses.forEach((st, i) => { rank[st.id] = i; });
  const k = sort.key, dir = sort.dir;
  const group = (root.querySelector("[data-team-group]") || {}).value || "";
  const value = (p) => k === "status" ? rank[p.status] : k === "role" ? p.role_name
    : k === "citations" ? (p.citations.length ? p.citations[0].section : null) : p[k];
  const order = a.people.map((p, i) => [p, i]);
  const cmp = (x, y) => {
    const u = value(x[0]), v = value(y[0]);
    if (u == null || v == null) return u == null && v == null ? x[1] - y[1] : u == null ? 1 : -1;
    const c = typeof u === "number" ? u - v : String(u).localeCompare(String(v), undefined, { numeric: true, sensitivity: "base" });
    return c ? c * dir : x[1] - y[1];
  };
  order.sort((x, y) => (group ? (x[0].extra[group] || "").localeCompare(y[0].extra[group] || "") : 0) || cmp(x, y));
  const status = (root.querySelector("[data-team-filter]") || {}).value || "";
  const extras = [...root.querySelectorAll("[data-team-extra]")].filter((s) => s.value);
  return order.map((x) => x[0]).filter((p) => (!status || p.status === status) &&
    extras.every((s) => p.extra[s.dataset.teamExtra] === s.value));
}

const NUMERIC = new Set(["sessions", "missed", "late", "not_held", "days_overdue"]);
const SHOWN = ["name", "employee_id", "policy", "role", "status", "next_due", "days_overdue", "last_session", "sessions",
  "not_held", "late", "missed", "citations"];

function rowHooks(p) {
  return { "data-person": p.name, "data-status": p.status, "data-next-due": p.next_due || "" };
}

/* After the next frame: the browser has laid out and painted what was drawn before (a table is laid out whole
 * each time it grows, so growing it a piece per frame keeps each frame's layout small). */
export function nextFrame() {
  return new Promise((resolve) => requestAnimationFrame(() => nextTask().then(resolve)));
}

/* The next task: a yield to the browser, so that it can take input between two pieces of work. */
export function nextTask() {
  if (globalThis.scheduler && typeof globalThis.scheduler.yield === "function") return globalThis.scheduler.yield();
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(null);
  });
}

/* Draws the table of `people` into `result`: the head and the first CHUNK rows at once, the rest in later
 * tasks, so that no task holds the page for long (issue 18: no main-thread task over 50 ms), and a drawing
 * started later (a sort, a filter, a new file) stops this one. Resolves true once every row is in (then
 * `data-shown` says how many are drawn), false if another drawing took over. `now`: every row in this task
 * (the browser's own print menu, which prints what is there when its event returns). */
export function drawTable(C, result, a, people, sort, showAll, now = false) {
  const el = C.el;
  const drawn = showAll ? people : people.slice(0, PAGE);
  const policies = new Set(a.people.map((p) => p.policy));
  const anyId = a.people.some((p) => p.employee_id);
  const columns = SHOWN.filter((k) => (k !== "policy" || policies.size > 1) && (k !== "employee_id" || anyId))
    .map((k) => ({ key: k, label: a.labels[k] }));
  const head = el("tr", {}, columns.map((c) => {
    const th = el("th", { scope: "col" }, [el("button", { type: "button", "data-sort": c.key, text: c.label })]);
    if (sort.key === c.key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
    if (NUMERIC.has(c.key)) th.className = "hb-team__num";
    return th;
  }));
  const group = (result.closest("[data-team]").querySelector("[data-team-group]") || {}).value || "";
  const counts = new Map();
  if (group) people.forEach((q) => counts.set(q.extra[group], (counts.get(q.extra[group]) || 0) + 1));
  let last = null;
  const rowsOf = (part) => {
    const rows = [];
    part.forEach((p) => {
      if (group && p.extra[group] !== last) {
        last = p.extra[group];
        rows.push(el("tr", { className: "hb-team__group" }, [el("th", { scope: "rowgroup", colspan: String(columns.length),
          text: say("group_row", { column: group, value: last || say("no_value"), n: counts.get(last) }) })]));
      }
      rows.push(personRow(C, p, columns));
    });
    return rows;
  };
  const body = el("tbody");
  const more = drawn.length < people.length ? el("p", { className: "hb-team__more" }, [
    say("first_shown", { shown: drawn.length, total: people.length.toLocaleString("en-GB") }),
    el("button", { type: "button", className: "md-button", "data-team-more": "", text: say("show_all", { total: people.length.toLocaleString("en-GB") }) })]) : "";
  result.replaceChildren(el("div", { className: "hb-table" }, [el("table", {}, [
    el("caption", { className: "hb-visually-hidden", text: a.heading }),
    el("thead", {}, [head]), body])]), more);
  // The pieces of work: CHUNK drawn rows at a time; then everyone else, a row each with the same hooks,
  // hidden and empty until "Show all" or printing.
  const pieces = [];
  for (let i = 0; i < drawn.length; i += CHUNK) pieces.push(() => body.append(...rowsOf(drawn.slice(i, i + CHUNK))));
  for (let i = drawn.length; i < people.length; i += HIDDEN_CHUNK) {
    pieces.push(() => body.append(...people.slice(i, i + HIDDEN_CHUNK).map((p) => el("tr", Object.assign(rowHooks(p), { hidden: "" })))));
  }
  const token = {};
  result.teamDrawing = token;
  delete result.dataset.shown;
  const finish = () => { result.dataset.shown = String(drawn.length); return true; };
  if (now) { pieces.forEach((f) => f()); return Promise.resolve(finish()); }
  if (pieces.length) pieces.shift()();
  return (async () => {
    for (const piece of pieces) {
      await nextFrame();
      if (result.teamDrawing !== token) return false;
      piece();
    }
    return result.teamDrawing === token && finish();
  })();
}

function personRow(C, p, columns) {
  const el = C.el;
  return el("tr", rowHooks(p), columns.map((c) => {
    if (c.key === "name") {
      const href = new URL("tools/due-dates/?" + new URLSearchParams(p.query).toString(), C.base).href;
      const td = el("td", {}, [el("a", { href, text: p.name })]);
      if (p.rejected_lines.length) {
        td.append(el("span", { className: "hb-team__flag",
          text: say(p.rejected_lines.length === 1 ? "line_not_read" : "lines_not_read", { lines: p.rejected_lines.join(", ") }) }));
      }
      return td;
    }
    if (c.key === "status") return el("td", {}, [C.statusBadge(p.status, p.status_text)]);
    if (c.key === "role") return el("td", { text: p.role_name, title: p.role_value || "" });
    if (c.key === "policy" || c.key === "employee_id") return el("td", { text: p[c.key] || "" });
    if (c.key === "next_due" || c.key === "last_session") {
      return p[c.key] ? el("td", { className: "hb-team__date", title: C.longDate(p[c.key]), text: shortDate(p[c.key]) }) : el("td", { text: "—" });
    }
    if (c.key === "citations") return el("td", {}, [C.citationLinks(p.citations)]);
    return el("td", { className: "hb-team__num", text: c.key === "days_overdue" && !p[c.key] ? "" : String(p[c.key]) });
  }));
}
