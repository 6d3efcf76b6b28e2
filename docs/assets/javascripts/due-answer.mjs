/* The due-date checker's answer, drawn from the rule core's "due" result (checker/api.py result_json): the
 * answer first (the status in words, the date, what to do), then the person's answers with "Change" links
 * (GOV.UK's check-answers pattern), then the details folded: late and missed sessions, the dated duties
 * (each not recorded one with its "done on" field right there), how the policy is read, and its sources.
 * Every word and status comes from the core; the tone of a status (which alone is red) too.
 */
export function drawAnswer(result, r, ctx) {
  const { C, f } = ctx;
  const el = C.el, cites = C.citationLinks, badge = C.statusBadge, longDate = C.longDate;
  const panel = [
    el("h2", { className: "hb-answer__title", tabindex: "-1" }, [badge(r.status, r.status_text)]),
    el("p", { className: "hb-answer__due" }, [r.next_due ? el("strong", { text: r.headline }) : r.headline]),
  ];
  if (r.action) panel.push(el("p", { className: "hb-answer__action", "data-action": "", text: r.action }));
  if (r.recommended) {
    panel.push(el("p", { className: "hb-recommended" }, [el("strong", { text: "Recommended: " }),
      badge(r.recommended.status, r.recommended.status_text), " ", r.recommended.requirement]));
  }
  if (r.shifts) panel.push(el("p", { text: r.shifts.text }));
  if (r.history) {
    const asks = r.ask.indexOf("all-sessions") >= 0;
    panel.push(el("p", { className: "hb-answer__history", "data-history": r.history.all_sessions ? "all" : "given" }, [
      r.history.text, asks ? " " : null,
      asks ? el("button", { type: "button", className: "md-button hb-answer__ask", "data-all-sessions": "",
        text: r.history.all_sessions ? ctx.words.countFromFirst : ctx.words.countFromStart }) : null]));
  }
  if (r.duties_text) panel.push(el("p", { className: "hb-answer__duties", text: r.duties_text }));
  r.notices.forEach((n) => panel.push(el("p", { className: "hb-notice" }, [n.text, " ", cites(n.citations)])));
  const kids = [el("div", { className: "hb-answer hb-answer--" + r.tone, "data-answer-panel": "" }, panel)];

  kids.push(el("h3", { className: "hb-summary__title", text: ctx.words.yourAnswers }));
  kids.push(f.answers(f.values()));

  const details = [el("summary", { text: ctx.words.details })];
  details.push(el("p", {}, [r.requirement || "", " ", el("span", { className: "hb-source" }, ["Source: ", cites(r.citations)])]));
  if (r.late.length || r.missed.length) {
    details.push(el("h3", { text: "Late and missed supervision" }));
    const rows = r.late.map((m) => [m.due, "Late", m.text, m.citations])
      .concat(r.missed.map((m) => [m.due, "Missed", m.text, m.citations]))
      .sort((a, b) => (a[0] < b[0] ? -1 : 1));
    details.push(table(["Was due by", "What happened", "Source"], rows.map((row) => [
      longDate(row[0]), el("span", {}, [el("strong", { text: row[1] + ". " }), row[2]]), cites(row[3])]),
    "Supervision periods held late or missed"));
  }
  if (r.obligations.length) {
    details.push(el("h3", { text: "Other dated duties" }));
    const seen = {};
    details.push(table(["Duty", "Due by", "Status", "Source"], r.obligations.map((o) => {
      const first = !seen[o.kind] && (o.status === "not-recorded" || o.status === "due-soon" || o.done_on || f.doneValue(o.kind));
      if (first) seen[o.kind] = true;
      return [
        el("span", {}, [el("strong", { text: o.name }), el("br"), o.summary,
          o.reading ? el("span", { className: "hb-reading" }, [el("br"), "How the checker reads it: " + o.reading]) : null,
          o.problem ? el("span", { className: "hb-reading" }, [el("br"), o.problem]) : null,
          o.kind === "schedule" ? scheduleLink(r) : null]),
        o.due ? longDate(o.due) : "—",
        el("span", {}, [badge(o.status, o.status_text), o.done_on ? " " + longDate(o.done_on) : "", first ? doneField(o) : null]),
        cites(o.citations),
      ];
    }), "Dated duties for this case"));
  }
  if (r.readings.length) {
    details.push(el("h3", { text: "How the checker reads the policy’s wording" }));
    details.push(el("ul", {}, r.readings.map((rd) => el("li", {}, [rd.text + " ", cites(rd.citations)]))));
  }
  if (r.not_computable.length) {
    details.push(el("h3", { text: "Requirements the checker cannot date" }));
    details.push(el("ul", {}, r.not_computable.map((n) => el("li", {}, [n.summary + " " + (n.why_not || "") + " ", cites(n.citations)]))));
  }
  kids.push(el("details", { className: "hb-details", "data-details": "" }, details));
  result.replaceChildren(...kids);
  result.dataset.nextDue = r.next_due || "";
  result.dataset.status = r.status;

  /* A "done on" date for a duty, by the duty itself: a done duty is no longer shown as due. */
  function doneField(o) {
    const id = "dd-done-" + o.kind;
    const input = el("input", { type: "text", id, name: "done-" + o.kind, "data-done-kind": o.kind, size: "12",
      autocomplete: "off", "aria-describedby": "dd-done-error" });
    input.value = f.doneValue(o.kind);
    return el("span", { className: "hb-done" }, [el("label", { for: id, text: o.name + ": done on" }), input]);
  }
  function table(headers, rows, caption) {
    return el("div", { className: "hb-table hb-table--stack" }, [el("table", {}, [
      el("caption", { className: "hb-visually-hidden", text: caption }),
      el("thead", {}, [el("tr", {}, headers.map((h) => el("th", { scope: "col", text: h })))]),
      el("tbody", {}, rows.map((cells) => el("tr", {}, cells.map((c, i) => el("td", { "data-label": headers[i] }, [c]))))),
    ])]);
  }
  // The "Schedule of sessions" duty links to the schedule builder with this case filled in.
  function scheduleLink(r) {
    const q = new URLSearchParams(f.query(f.values()));
    ["on", "done", "all-sessions", "shifts"].forEach((n) => q.delete(n));
    return el("span", {}, [el("br"), el("a", { href: new URL("tools/schedule/?" + q, C.base).href, "data-schedule-link": "",
      text: "Build the schedule of sessions" })]);
  }
}
