/* The due-date checker's page script (tools/due-dates/ and embed/due-dates/).
 *
 * The rules run as Python in a Web Worker (checker-worker.mjs, started by partials/checker-boot.html).
 * This script only draws the form and the answer. Contract (DESIGN §5):
 *   - the URL query holds the form state with the CLI's names: policy, role, start, session (repeated or
 *     comma-separated), on, supervisor-changed, shifts, agreed-every and the facts (new-starter=1, ...);
 *   - a URL carrying a complete case (policy, role, start) is computed on load;
 *   - [data-checker] has data-state="ready" when it can take input;
 *   - [data-result] has data-next-due and data-status once computed.
 * Material's instant navigation re-runs this script on each visit to a tool page: it is idempotent.
 */
(function () {
  "use strict";

  var FACT_LABELS = {
    "new-starter": "I am new to the organisation (started in the last year)",
    "newly-qualified": "I am a newly qualified social worker in the ASYE",
    "part-time-residential": "I work part time in a residential setting, where shifts make monthly supervision impractical",
    "full-time": "I work full time",
  };
  var FACTS = Object.keys(FACT_LABELS);
  var FIELD_NAMES = {
    policy: "Policy", role: "Your role", start: "Date you started in this post",
    session: "Dates of your past supervision sessions", on: "Check as of",
    "supervisor-changed": "Date your supervisor changed", shifts: "Shifts worked since your last supervision",
    "agreed-every": "Frequency agreed in your supervision contract",
  };
  var STATUS = {
    ok: { word: "Up to date" },
    "due-soon": { word: "Due soon" },
    overdue: { word: "Overdue" },
    "not-computable": { word: "Cannot be worked out from the policy" },
  };
  var KIND_NAMES = {
    supervision: "Supervision", "write-up": "Write-up of the session", agreement: "Supervision agreement",
    "agreement-review": "Review of the agreement", observation: "Observation of practice",
    "probation-review": "Probation review", "asye-review": "ASYE review", "asye-agreement": "ASYE agreement",
    appraisal: "Appraisal", schedule: "Schedule of sessions", "case-record": "Case record",
  };

  var C = window.HandbookClient;
  var worker = C && C.available;
  var call = C.call, cached = C.cached, el = C.el, today = C.today, isoDate = C.isoDate, longDate = C.longDate;
  var citationLinks = C.citationLinks;
  var shared = window.HandbookDueDates || (window.HandbookDueDates = {});
  function statusBadge(status) { var s = STATUS[status]; return C.statusBadge(status, s ? s.word : status); }

  // ------------------------------------------------------------------ one tool on the page
  function mount(root) {
    if (root.dataset.mounted) return;
    root.dataset.mounted = "1";
    root.hidden = false;
    var nojs = root.parentNode.querySelector("[data-nojs]");
    if (!worker) {
      root.hidden = true;
      return;
    }
    if (nojs) nojs.hidden = true;

    var form = root.querySelector("[data-form]");
    var progress = root.querySelector("[data-progress]");
    var result = root.querySelector("[data-result]");
    var policySel = form.elements.policy;
    var roleSel = form.elements.role;
    var factsBox = root.querySelector("[data-facts]");
    var factList = root.querySelector("[data-fact-list]");
    var rulesByPolicy = {};
    var rolesByPolicy = {};
    var started = false;

    // The URL's case, shown at once, even before the checker has loaded.
    var query = new URLSearchParams(location.search);
    var initial = {
      policy: query.get("policy") || "",
      role: query.get("role") || "",
      start: query.get("start") || "",
      session: query.getAll("session").join(",").split(",").filter(Boolean),
      on: query.get("on") || "",
      "supervisor-changed": query.get("supervisor-changed") || "",
      shifts: query.get("shifts") || "",
      "agreed-every": query.get("agreed-every") || "",
      facts: FACTS.filter(function (f) { var v = query.get(f); return v !== null && !/^(0|false|no|off)?$/i.test(v); }),
    };
    form.elements.start.value = initial.start;
    form.elements.session.value = initial.session.join("\n");
    form.elements.on.value = initial.on || today();
    form.elements["supervisor-changed"].value = initial["supervisor-changed"];
    form.elements.shifts.value = initial.shifts;
    form.elements["agreed-every"].value = initial["agreed-every"];
    if (initial["supervisor-changed"] || initial["agreed-every"]) root.querySelector("[data-more]").open = true;

    function setState() {
      var state = C.state();
      root.dataset.state = state === "ready" && started ? "ready" : state === "failed" ? "failed" : "loading";
      if (state === "failed") {
        progress.textContent = "The checker could not start: " + C.progress() +
          ". Reload the page to try again; the tables below still show every requirement.";
        progress.className = "hb-checker__progress hb-checker__progress--failed";
      } else if (root.dataset.state !== "ready") {
        progress.textContent = C.progress();
      } else {
        progress.textContent = "";
      }
      progress.hidden = !progress.textContent;
    }
    // A URL carrying a complete case is asked at once, before the checker has even loaded, together with
    // the questions that fill the lists: the worker answers them in order as soon as Python is ready, so
    // the answer does not wait for the lists. compute() reuses this answer if the filled-in form asks the
    // same question (it does, unless the URL names facts or fields the chosen role does not use).
    var early = null;
    if (initial.policy && initial.role && initial.start && C.state() !== "failed") {
      early = { params: params({ policy: initial.policy, role: initial.role, facts: initial.facts }), valid: true };
      var t0 = performance.now();
      early.answer = call("due", early.params);
      var lists = [cached("roles:" + initial.policy, "roles", { policy: initial.policy }),
        cached("rules:" + initial.policy, "rules", { policy: initial.policy })];
      Promise.all([early.answer].concat(lists)).then(function (all) {
        var res = all[0];
        if (!early.valid || !res.ok || result.dataset.status) return;
        // Shown now only if the form, once filled, will ask exactly this (the URL names nothing the role
        // does not use); otherwise compute() asks the form's question when the lists are ready.
        var a = asks(all[1] && all[1].ok, all[2] && all[2].ok, initial.role);
        var p = early.params;
        var fits = a.role && initial.facts.every(function (f) { return a.facts.indexOf(f) >= 0; }) &&
          (!p.shifts || a.shifts) && (!p["agreed-every"] || a.agreed);
        if (!fits) return;
        render(res.ok);
        result.dataset.ms = String(Math.round(performance.now() - t0));
        early.rendered = true;
      });
    }
    cached("policies", "policies", {});

    // One listener per mounted tool, removed when instant navigation takes the tool off the page.
    var stopListening = C.onChange(function () {
      if (!root.isConnected) { stopListening(); return; }
      setState();
      if (C.state() === "ready" && !started) ready();
    });
    setState();
    if (C.state() === "ready") ready();

    function ready() {
      started = true;
      cached("policies", "policies", {}).then(function (res) {
        var list = (res && res.ok) || [];
        policySel.replaceChildren(el("option", { value: "", text: "Choose your policy" }));
        list.forEach(function (p) {
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
      return Promise.all([
        cached("roles:" + policy, "roles", { policy: policy }),
        cached("rules:" + policy, "rules", { policy: policy }),
      ]).then(function (both) {
        var roles = (both[0] && both[0].ok) || [];
        rolesByPolicy[policy] = roles;
        rulesByPolicy[policy] = (both[1] && both[1].ok) || [];
        roleSel.replaceChildren(el("option", { value: "", text: "Choose your role" }));
        roles.forEach(function (r) { roleSel.append(el("option", { value: r.id, text: r.name })); });
        roleSel.value = roles.some(function (r) { return r.id === role; }) ? role : "";
        roleChanged(facts);
      });
    }

    function roleChanged(facts) {
      var policy = policySel.value;
      var a = asks(rolesByPolicy[policy], rulesByPolicy[policy], roleSel.value);
      showFacts(a.facts, facts || checkedFacts());
      toggleField("shifts", a.shifts);
      toggleField("agreed-every", a.agreed);
    }
    // What the form asks for a role: its facts, and whether the shifts and agreed-frequency fields apply.
    function asks(roles, rules, roleId) {
      var role = (roles || []).filter(function (r) { return r.id === roleId; })[0];
      var applying = (rules || []).filter(function (r) {
        return !r.roles || !r.roles.length || (role && r.roles.indexOf(role.id) >= 0);
      });
      return {
        role: role, facts: role ? role.facts : [],
        shifts: !!role && applying.some(function (r) { return r.schedule && r.schedule.type === "shifts"; }),
        agreed: !!role && applying.some(function (r) { return r.agreed; }),
      };
    }
    function toggleField(name, show) {
      var box = root.querySelector('[data-field="' + name + '"]');
      box.hidden = !show;
      if (!show) form.elements[name].value = "";
    }
    function checkedFacts() {
      return FACTS.filter(function (f) { var box = form.elements[f]; return box && box.checked; });
    }
    function showFacts(names, checked) {
      factList.replaceChildren();
      names.forEach(function (name) {
        var id = "dd-fact-" + name;
        var box = el("input", { type: "checkbox", id: id, name: name, value: "1" });
        box.checked = checked.indexOf(name) >= 0;
        factList.append(el("div", { className: "hb-check" }, [box, el("label", { for: id, text: FACT_LABELS[name] || name })]));
      });
      factsBox.hidden = !names.length;
    }

    function params(chosen) {
      // `chosen` (policy, role, facts) stands in for the lists before they are filled: the URL's case.
      var p = {
        policy: chosen ? chosen.policy : policySel.value, role: chosen ? chosen.role : roleSel.value,
        start: isoDate(form.elements.start.value),
        session: form.elements.session.value.split(/[\n,;]+/).map(isoDate).filter(Boolean),
        on: isoDate(form.elements.on.value) || today(),
      };
      ["supervisor-changed"].forEach(function (n) { var v = isoDate(form.elements[n].value); if (v) p[n] = v; });
      ["shifts", "agreed-every"].forEach(function (n) { var v = form.elements[n].value.trim(); if (v) p[n] = v; });
      (chosen ? chosen.facts : checkedFacts()).forEach(function (f) { p[f] = "1"; });
      return p;
    }
    function sameCase(a, b) {
      var key = function (p) { return JSON.stringify(Object.keys(p).sort().map(function (k) { return [k, p[k]]; })); };
      return key(a) === key(b);
    }
    function writeUrl(p) {
      var q = new URLSearchParams();
      ["policy", "role", "start"].forEach(function (n) { if (p[n]) q.set(n, p[n]); });
      if (p.session.length) q.set("session", p.session.join(","));
      if (p.on && p.on !== today()) q.set("on", p.on);
      ["supervisor-changed", "shifts", "agreed-every"].concat(FACTS).forEach(function (n) { if (p[n]) q.set(n, p[n]); });
      var url = location.pathname + (q.toString() ? "?" + q.toString() : "") + location.hash;
      history.replaceState(history.state, "", url);
    }
    function clearErrors() {
      root.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    }
    function showError(field, message) {
      var slot = field && root.querySelector('[data-error-for="' + field + '"]');
      if (!slot) {
        renderProblem(message);
        return;
      }
      var box = root.querySelector('[data-field="' + field + '"]');
      if (box) box.hidden = false;
      if (field === "supervisor-changed" || field === "agreed-every") root.querySelector("[data-more]").open = true;
      slot.textContent = (FIELD_NAMES[field] || field) + ": " + message;
      slot.hidden = false;
      var input = form.elements[field];
      if (input) input.setAttribute("aria-invalid", "true");
      result.dataset.nextDue = "";
      result.dataset.status = "error";
      result.replaceChildren(el("p", { className: "hb-problem", text: "Please correct the entry marked above." }));
      return input;
    }
    function renderProblem(message) {
      result.dataset.nextDue = "";
      result.dataset.status = "error";
      result.replaceChildren(el("p", { className: "hb-problem", text: message }));
    }

    function compute(userAction) {
      clearErrors();
      var p = params();
      writeUrl(p);
      var missing = ["policy", "role", "start"].filter(function (n) { return !p[n]; });
      if (missing.length) {
        var first = null;
        missing.forEach(function (n) {
          var input = showError(n, n === "start" ? "enter the date you started in this post" : "choose one");
          first = first || input;
        });
        if (userAction && first) first.focus();
        return Promise.resolve();
      }
      var reuse = !userAction && early && sameCase(p, early.params);
      if (reuse && early.rendered) return Promise.resolve(); // already on the page
      result.setAttribute("aria-busy", "true");
      var t0 = performance.now();
      return (reuse ? early.answer : call("due", p)).then(function (res) {
        result.removeAttribute("aria-busy");
        if (reuse && early.rendered) return;
        if (res.error) {
          var input = showError(res.error.field, res.error.message);
          if (userAction && input) input.focus();
          return;
        }
        render(res.ok);
        result.dataset.ms = String(Math.round(performance.now() - t0));
        if (userAction) result.focus();
      });
    }

    function render(r) {
      var kids = [];
      var head = el("div", { className: "hb-answer hb-answer--" + r.status }, [
        el("h2", { className: "hb-answer__title" }, [statusBadge(r.status)]),
        r.next_due
          ? el("p", { className: "hb-answer__due" }, ["Next supervision due by ", el("strong", { text: longDate(r.next_due) }),
              el("span", { className: "hb-iso", text: " (" + r.next_due + ")" })])
          : el("p", { className: "hb-answer__due", text: "The policy gives no date that can be worked out for this case: see below." }),
        el("p", {}, [r.requirement || "", " ", el("span", { className: "hb-source" }, ["Source: ", citationLinks(r.citations)])]),
      ]);
      kids.push(head);
      if (r.shifts) {
        kids.push(el("p", {}, ["Shifts: " + r.shifts.worked + " worked of " + r.shifts.every + "; ",
          statusBadge(r.shifts.status), " ", citationLinks(r.shifts.citations)]));
      }
      if (r.recommended) {
        var rec = r.recommended;
        kids.push(el("p", { className: "hb-recommended" }, ["Recommended: " + (rec.summary || rec.text || "") +
          (rec.next_due ? " Next by " + longDate(rec.next_due) + "." : ""), " ", citationLinks(rec.citations)]));
      }
      if (r.missed && r.missed.length) {
        kids.push(el("h3", { text: "Missed supervision" }));
        kids.push(table(["Was due by", "Source"], r.missed.map(function (m) {
          return [longDate(m.due), citationLinks(m.citations)];
        }), "Supervision periods with no session"));
      }
      if (r.obligations && r.obligations.length) {
        kids.push(el("h3", { text: "Other dated duties" }));
        kids.push(el("p", { text: "The checker is not told whether these have been done: each status says where the duty stands if it has not." }));
        kids.push(table(["Duty", "Due by", "Status if not yet done", "Source"], r.obligations.map(function (o) {
          return [
            el("span", {}, [el("strong", { text: KIND_NAMES[o.kind] || o.kind }), el("br"), o.summary || "",
              o.reading ? el("span", { className: "hb-reading" }, [el("br"), "How the checker reads it: " + o.reading]) : null,
              o.kind === "schedule" ? scheduleLink(r) : null]),
            o.due ? longDate(o.due) : "—",
            o.status ? statusBadge(o.status) : "",
            citationLinks(o.citations),
          ];
        }), "Dated duties for this case"));
      }
      if (r.readings && r.readings.length) {
        kids.push(el("h3", { text: "How the checker reads the policy’s wording" }));
        kids.push(el("ul", {}, r.readings.map(function (rd) {
          return el("li", {}, [rd.text + " ", citationLinks(rd.citations)]);
        })));
      }
      if (r.not_computable && r.not_computable.length) {
        kids.push(el("h3", { text: "Requirements the checker cannot date" }));
        kids.push(el("ul", {}, r.not_computable.map(function (n) {
          return el("li", {}, [n.summary + " " + (n.why_not || "") + " ", citationLinks(n.citations)]);
        })));
      }
      result.replaceChildren.apply(result, kids);
      result.dataset.nextDue = r.next_due || "";
      result.dataset.status = r.status;
    }
    // The "Schedule of sessions" duty links to the schedule builder with this case filled in.
    function scheduleLink(r) {
      var q = new URLSearchParams({ policy: r.policy.id, role: r.role.id, start: r.case.start });
      if (r.case.sessions.length) q.set("session", r.case.sessions.join(","));
      (r.case.facts || []).forEach(function (f) { q.set(f, "1"); });
      var p = params();
      ["supervisor-changed", "agreed-every"].forEach(function (n) { if (p[n]) q.set(n, p[n]); });
      return el("span", {}, [el("br"), el("a", { href: new URL("tools/schedule/?" + q, C.base).href, "data-schedule-link": "",
        text: "Build the schedule of sessions" })]);
    }
    function table(headers, rows, caption) {
      return el("div", { className: "hb-table" }, [el("table", {}, [
        el("caption", { className: "hb-visually-hidden", text: caption }),
        el("thead", {}, [el("tr", {}, headers.map(function (h) { return el("th", { scope: "col", text: h }); }))]),
        el("tbody", {}, rows.map(function (cells) {
          return el("tr", {}, cells.map(function (c) { return el("td", {}, [c]); }));
        })),
      ])]);
    }

    // ------------------------------------------------------------------ events
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
      if (early) early.valid = false;
      history.replaceState(history.state, "", location.pathname);
      form.reset();
      form.elements.on.value = today();
      policySel.value = "";
      loadPolicy("", "", []);
      clearErrors();
      result.replaceChildren();
      result.dataset.nextDue = "";
      result.dataset.status = "";
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

  // ------------------------------------------------------------------ embed: tell the host our height
  function postHeight() {
    if (window.parent === window) return;
    // The content's own height (the page's may be stretched to the frame by the theme's CSS).
    var embed = document.querySelector("[data-embed]");
    var h = Math.ceil(embed.getBoundingClientRect().bottom + window.scrollY + 24);
    if (h === shared.lastHeight) return;
    shared.lastHeight = h;
    window.parent.postMessage({ type: "supervision-checker:height", height: h }, "*");
  }
  function watchHeight() {
    if (shared.heightWatched || !document.querySelector("[data-embed]") || window.parent === window) return;
    shared.heightWatched = true;
    if (typeof ResizeObserver !== "undefined") new ResizeObserver(postHeight).observe(document.querySelector("[data-embed]"));
    window.addEventListener("load", postHeight);
    postHeight();
  }

  function mountAll() {
    document.querySelectorAll("[data-checker]:not([data-tool])").forEach(mount); // other tools mount themselves
    watchHeight();
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe && !shared.subscribed) {
    shared.subscribed = true;
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll);
  else mountAll();
})();
