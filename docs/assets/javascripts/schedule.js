/* The schedule builder's page script (tools/schedule/), on top of the shared worker client (tool-client.js).
 *
 * It only draws: dates, titles, notes and readings come from the rule core (checker.api "schedule"), the
 * calendar file from "schedule-ics" (the worker loads the icalendar package the first time it is asked).
 * Contract (DESIGN §5):
 *   - the URL query holds the form with the due-date checker's names (policy, role, start, session,
 *     supervisor-changed, agreed-every and the facts) plus from and months; a complete case is built on load;
 *   - [data-checker] has data-state="ready" when it can take input;
 *   - [data-schedule] holds a table per month, one row per entry with data-date and data-kind;
 *   - a[download$=".ics"] downloads the calendar file, made in the browser.
 * Material's instant navigation re-runs this script on each visit: it is idempotent.
 */
(function boot() {
  "use strict";

  // Material's instant navigation may run this before tool-client.js: then wait for it.
  if (!window.HandbookClient) { window.addEventListener("handbook:client", boot, { once: true }); return; }
  var C = window.HandbookClient;
  if (!C) return;
  var call = C.call, cached = C.cached, el = C.el, isoDate = C.isoDate, longDate = C.longDate;
  var citationLinks = C.citationLinks;
  var shared = window.HandbookSchedule || (window.HandbookSchedule = {});
  var FIELDS = ["policy", "role", "start", "session", "from", "months", "supervisor-changed", "agreed-every"];

  function mount(root) {
    if (!C.mountTool(root)) return;

    var form = root.querySelector("[data-form]");
    var progress = root.querySelector("[data-progress]");
    var result = root.querySelector("[data-schedule]");
    var actions = root.querySelector("[data-schedule-actions]");
    var icsLink = root.querySelector("[data-ics]");
    var icsStatus = root.querySelector("[data-ics-status]");
    var policySel = form.elements.policy, roleSel = form.elements.role;
    var factsBox = root.querySelector("[data-facts]"), factList = root.querySelector("[data-fact-list]");
    var rolesByPolicy = {}, started = false, lastParams = null, icsUrl = null;

    var query = new URLSearchParams(location.search);
    var initial = { facts: [] };
    FIELDS.forEach(function (n) { initial[n] = query.get(n) || ""; });
    initial.session = query.getAll("session").join(",").split(",").filter(Boolean);
    query.forEach(function (v, k) {
      if (FIELDS.indexOf(k) < 0 && k !== "on" && k !== "shifts" && !/^(0|false|no|off)?$/i.test(v)) initial.facts.push(k);
    });
    ["start", "from", "supervisor-changed", "agreed-every"].forEach(function (n) { form.elements[n].value = initial[n]; });
    form.elements.session.value = initial.session.join("\n");
    if (initial.months) form.elements.months.value = initial.months;
    if (initial["supervisor-changed"] || initial["agreed-every"]) root.querySelector("[data-more]").open = true;

    function setState() {
      C.drawState(root, progress, started, "the table below still shows every requirement.");
    }
    C.follow(root, setState, ready, function () { return started; });

    function ready() {
      started = true;
      cached("policies", "policies", {}).then(function (res) {
        policySel.replaceChildren(el("option", { value: "", text: "Choose the policy" }));
        ((res && res.ok) || []).forEach(function (p) {
          policySel.append(el("option", { value: p.id, text: p.authority + ": " + p.name }));
        });
        policySel.value = initial.policy;
        return loadPolicy(initial.policy, initial.role, initial.facts);
      }).then(function () {
        setState();
        if (initial.policy && initial.role && initial.start) compute(false);
      });
    }

    function loadPolicy(policy, role, facts) {
      if (!policy) {
        roleSel.replaceChildren(el("option", { value: "", text: "Choose a policy first" }));
        showFacts([], []);
        return Promise.resolve();
      }
      return Promise.all([cached("roles:" + policy, "roles", { policy: policy })]).then(function (both) {
        rolesByPolicy[policy] = (both[0] && both[0].ok) || [];
        roleSel.replaceChildren(el("option", { value: "", text: "Choose the role" }));
        rolesByPolicy[policy].forEach(function (r) { roleSel.append(el("option", { value: r.id, text: r.name })); });
        roleSel.value = rolesByPolicy[policy].some(function (r) { return r.id === role; }) ? role : "";
        roleChanged(facts);
      });
    }
    function currentRole() {
      return (rolesByPolicy[policySel.value] || []).filter(function (r) { return r.id === roleSel.value; })[0];
    }
    function roleChanged(facts) {
      var role = currentRole();
      // Which facts the role is asked, in the policy's words, and whether an agreed frequency counts: the rule core's.
      showFacts(role ? role.asks.facts : [], facts || checkedFacts());
      var agreed = !!role && role.asks.agreed;
      var box = root.querySelector('[data-field="agreed-every"]');
      box.hidden = !agreed;
      if (!agreed) form.elements["agreed-every"].value = "";
    }
    function checkedFacts() {
      return Array.prototype.slice.call(factList.querySelectorAll("input:checked")).map(function (b) { return b.name; });
    }
    function showFacts(facts, checked) {
      factList.replaceChildren();
      facts.forEach(function (fact) {
        var id = "sc-fact-" + fact.id;
        var box = el("input", { type: "checkbox", id: id, name: fact.id, value: "1" });
        box.checked = checked.indexOf(fact.id) >= 0;
        factList.append(el("div", { className: "hb-check" }, [box, el("label", { for: id, text: fact.question })]));
      });
      factsBox.hidden = !facts.length;
    }

    function params() {
      var p = { policy: policySel.value, role: roleSel.value, start: isoDate(form.elements.start.value),
        session: form.elements.session.value.split(/[\n,;]+/).map(isoDate).filter(Boolean) };
      ["from", "supervisor-changed"].forEach(function (n) { var v = isoDate(form.elements[n].value); if (v) p[n] = v; });
      ["months", "agreed-every"].forEach(function (n) { var v = form.elements[n].value.trim(); if (v) p[n] = v; });
      checkedFacts().forEach(function (f) { p[f] = "1"; });
      return p;
    }
    function writeUrl(p) {
      var q = new URLSearchParams();
      Object.keys(p).forEach(function (k) {
        if (k === "session") { if (p.session.length) q.set("session", p.session.join(",")); }
        else if (p[k] && !(k === "months" && p[k] === "12")) q.set(k, p[k]);
      });
      history.replaceState(history.state, "", location.pathname + (q.toString() ? "?" + q : "") + location.hash);
    }
    function clearErrors() {
      root.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    }
    // A field is named as its label on the page says it (written once, in the template).
    function fieldName(field) {
      var input = form.elements[field];
      var label = input && input.id && form.querySelector('label[for="' + input.id + '"]');
      return label ? label.textContent.replace(/\s*\(optional\)\s*$/, "").trim() : field;
    }
    function showError(field, message) {
      clearResult();
      var slot = field && root.querySelector('[data-error-for="' + field + '"]');
      if (!slot) {
        result.replaceChildren(el("p", { className: "hb-problem", text: message }));
        return null;
      }
      if (field === "supervisor-changed" || field === "agreed-every") root.querySelector("[data-more]").open = true;
      slot.textContent = fieldName(field) + ": " + message;
      slot.hidden = false;
      var input = form.elements[field];
      if (input && input.setAttribute) input.setAttribute("aria-invalid", "true");
      result.replaceChildren(el("p", { className: "hb-problem", text: "Please correct the entry marked above." }));
      return input;
    }
    function clearResult() {
      result.replaceChildren();
      result.dataset.count = "";
      actions.hidden = true;
      if (icsUrl) { URL.revokeObjectURL(icsUrl); icsUrl = null; }
      icsLink.setAttribute("href", "#");
      icsStatus.textContent = "";
    }

    function compute(userAction) {
      clearErrors();
      var p = params();
      writeUrl(p);
      var missing = ["policy", "role", "start"].filter(function (n) { return !p[n]; });
      if (missing.length) {
        var first = null;
        missing.forEach(function (n) {
          var input = showError(n, n === "start" ? "enter the date the supervisee started in this post" : "choose one");
          first = first || input;
        });
        if (userAction && first) first.focus();
        return Promise.resolve();
      }
      result.setAttribute("aria-busy", "true");
      return call("schedule", p).then(function (res) {
        result.removeAttribute("aria-busy");
        if (res.error) {
          var input = showError(res.error.field, res.error.message);
          if (userAction && input) input.focus();
          return;
        }
        lastParams = p;
        render(res.ok);
        if (userAction) result.focus();
      });
    }

    function render(plan) {
      clearResult();
      var kids = [
        el("h2", { className: "hb-schedule__title", text: "Supervision schedule" }),
        el("p", { className: "hb-schedule__case" }, [
          el("strong", { text: plan.policy.authority }), " · " + plan.role.name + " · started " + longDate(plan.case.start)]),
        el("p", { className: "hb-schedule__summary", text: plan.summary }),
        el("p", { className: "hb-schedule__requirement" }, [plan.requirement + " ", citationLinks(plan.citations)]),
      ];
      var months = [];
      plan.events.forEach(function (e) {
        if (!months.length || months[months.length - 1].label !== e.month) months.push({ label: e.month, events: [] });
        months[months.length - 1].events.push(e);
      });
      var grid = el("div", { className: "hb-schedule__months" }, months.map(function (m) {
        return el("section", { className: "hb-schedule__month" }, [
          el("h3", { text: m.label }),
          el("div", { className: "hb-table" }, [el("table", {}, [
            el("caption", { className: "hb-visually-hidden", text: "Schedule for " + m.label }),
            el("colgroup", {}, ["date", "what", "para"].map(function (c) { return el("col", { className: "hb-col-" + c }); })),
            el("thead", {}, [el("tr", {}, ["Date", "What", plan.policy.authority + " paragraph"].map(function (h) {
              return el("th", { scope: "col", text: h });
            }))]),
            el("tbody", {}, m.events.map(function (e) {
              return el("tr", { "data-date": e.date, "data-kind": e.kind, className: "hb-schedule__row hb-schedule__row--" + e.kind }, [
                el("td", { className: "hb-schedule__date", text: e.day || longDate(e.date) }),
                el("td", {}, [el("span", { className: "hb-schedule__what", text: e.title }),
                  e.note ? el("span", { className: "hb-schedule__note", text: " " + e.note }) : null]),
                el("td", {}, [sectionLinks(e.citations)]),
              ]);
            })),
          ])]),
        ]);
      }));
      kids.push(grid);
      if (!plan.events.length) kids.push(el("p", { text: "Nothing falls due in these months." }));
      if (plan.readings.length) {
        kids.push(el("h3", { className: "hb-schedule__readings-title", text: "How the schedule reads the policy" }));
        kids.push(el("ul", { className: "hb-schedule__readings" }, plan.readings.map(function (r) {
          return el("li", {}, [r.text + " ", citationLinks(r.citations)]);
        })));
      }
      if (plan.not_computable && plan.not_computable.length) {
        kids.push(el("h3", { className: "hb-schedule__undated", text: "Requirements the schedule cannot date" }));
        kids.push(el("ul", { className: "hb-schedule__undated" }, plan.not_computable.map(function (n) {
          return el("li", {}, [n.summary + " " + (n.why_not || "") + " ", citationLinks(n.citations)]);
        })));
      }
      result.replaceChildren.apply(result, kids);
      result.dataset.count = String(plan.events.length);
      icsLink.setAttribute("download", "supervision-schedule-" + plan.policy.id + "-" + plan.role.id + "-" + plan.from + ".ics");
      actions.hidden = false;
    }

    // Under the policy's name, a paragraph is named by its number alone ("3.12").
    function sectionLinks(citations) {
      return citationLinks((citations || []).map(function (c) { return Object.assign({}, c, { label: c.section }); }));
    }
    // The calendar file: asked for only when the person wants it (the worker then loads icalendar), made
    // into a Blob URL here, and downloaded by the same link.
    icsLink.addEventListener("click", function (e) {
      e.stopPropagation(); // a download, not a page: Material's instant navigation must not take the click
      if (icsUrl) return; // ready: the browser downloads it
      e.preventDefault();
      if (!lastParams || icsLink.dataset.busy) return;
      icsLink.dataset.busy = "1";
      icsStatus.textContent = "Making the calendar file…";
      var asked = lastParams;
      call("schedule-ics", Object.assign({}, asked, { "base-url": C.base, stamp: new Date().toISOString() })).then(function (res) {
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
    root.querySelector("[data-print]").addEventListener("click", function () { window.print(); });

    policySel.addEventListener("change", function () {
      loadPolicy(policySel.value, "", []).then(function () { writeUrl(params()); });
    });
    roleSel.addEventListener("change", function () { roleChanged(); writeUrl(params()); });
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (C.state() !== "ready") return;
      compute(true);
    });
    root.querySelector("[data-reset]").addEventListener("click", function () {
      history.replaceState(history.state, "", location.pathname);
      form.reset();
      policySel.value = "";
      loadPolicy("", "", []);
      clearErrors();
      clearResult();
      lastParams = null;
      policySel.focus();
    });
    root.querySelector("[data-copy]").addEventListener("click", function () {
      writeUrl(params());
      var note = root.querySelector("[data-copied]");
      var done = function (ok) { note.textContent = ok ? "Link copied." : "Copy the link from the address bar."; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(location.href).then(function () { done(true); }, function () { done(false); });
      } else {
        done(false);
      }
    });
  }

  function mountAll() { document.querySelectorAll(".hb-schedule-tool[data-checker]").forEach(mount); }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe && !shared.subscribed) {
    shared.subscribed = true;
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
})();
