/* The due-date checker's page script (tools/due-dates/ and embed/due-dates/).
 *
 * The rules run as Python in a Web Worker; tool-client.js holds the connection. This script only draws:
 * which facts a role is asked, their questions, duty names, status words and every sentence of the answer
 * come from the rule core's answers. Contract (the page interface in CONTRIBUTING.md):
 *   - the URL query holds the form state with the CLI's names: policy, role, start, session (repeated or
 *     comma-separated), on, supervisor-changed, shifts, agreed-every, done (KIND=DATE, repeated or
 *     comma-separated) and the facts (new-starter=1, ...);
 *   - a URL carrying a complete case (policy, role, start) is computed on load;
 *   - [data-checker] has data-state="ready" when it can take input;
 *   - [data-result] has data-next-due and data-status once computed.
 * Errors are shown as the GOV.UK Design System does: a summary at the top linking to each field, and a
 * message by each field, quoting what was typed. Material's instant navigation re-runs this script on each
 * visit to a tool page: it is idempotent.
 */
(function boot() {
  "use strict";

  // Material's instant navigation may run this before tool-client.js: then wait for it.
  if (!window.HandbookClient) { window.addEventListener("handbook:client", boot, { once: true }); return; }
  var C = window.HandbookClient;
  var el = C.el, longDate = C.longDate, citationLinks = C.citationLinks;
  var shared = window.HandbookDueDates || (window.HandbookDueDates = {});
  var FIELDS = ["policy", "role", "start", "session", "on", "supervisor-changed", "shifts", "agreed-every", "done"];

  // ------------------------------------------------------------------ one tool on the page
  function mount(root) {
    if (!C.mountTool(root)) return;

    var form = root.querySelector("[data-form]");
    var progress = root.querySelector("[data-progress]");
    var result = root.querySelector("[data-result]");
    var summary = root.querySelector("[data-error-summary]");
    var submit = root.querySelector("[data-submit]");
    var policySel = form.elements.policy;
    var roleSel = form.elements.role;
    var rolesByPolicy = {};
    var words = null;
    var started = false, pending = false;

    // The URL's case, shown at once, even before the checker has loaded.
    var query = new URLSearchParams(location.search);
    var initial = {
      policy: query.get("policy") || "",
      role: query.get("role") || "",
      done: splitList(query.getAll("done")),
      facts: [],
    };
    query.forEach(function (value, key) {  // anything else is a fact the core may know: it decides
      if (FIELDS.indexOf(key) < 0 && !/^(0|false|no|off)?$/i.test(value)) initial.facts.push(key);
    });
    form.elements.start.value = query.get("start") || "";
    form.elements.session.value = splitList(query.getAll("session")).join("\n");
    form.elements.on.value = query.get("on") || C.today();
    ["supervisor-changed", "shifts", "agreed-every"].forEach(function (n) { form.elements[n].value = query.get(n) || ""; });
    if (query.get("supervisor-changed") || initial.done.length) root.querySelector("[data-more]").open = true;
    var doneValues = {};
    initial.done.forEach(function (d) { var kv = d.split("="); doneValues[kv[0]] = kv.slice(1).join("="); });
    drawDone([]);

    function splitList(values) {
      return values.join(",").split(/[,\n]+/).map(function (s) { return s.trim(); }).filter(Boolean);
    }

    function setState() {
      C.drawState(root, progress, started, document.querySelector("[data-embed]") ? "" : "the tables below still show every requirement.");
      if (C.state() === "failed") {
        pending = false;
        submit.textContent = "Check";
      }
    }
    C.follow(root, setState, ready, function () { return started; });
    // The first questions are asked now, not once the checker is ready: they wait in the worker and are
    // answered the moment it is, with no round trip lost between "ready" and asking.
    askLists();
    if (initial.policy) askRoles(initial.policy);

    // The policy list and the words; a policy's roles. Each asked once per window (the client keeps them).
    function askLists() {
      return Promise.all([C.cached("policies", "policies", {}), C.cached("words", "words", {})]);
    }
    function askRoles(policy) {
      return C.cached("roles:" + policy, "roles", { policy: policy });
    }

    function ready() {
      started = true;
      askLists().then(function (both) {
        var list = (both[0] && both[0].ok) || [];
        words = (both[1] && both[1].ok) || { status: {}, kinds: {}, fields: {} };
        policySel.replaceChildren(el("option", { value: "", text: "Choose a policy" }));
        list.forEach(function (p) {
          policySel.append(el("option", { value: p.id, text: p.authority + ": " + p.name }));
        });
        var known = list.some(function (p) { return p.id === initial.policy; });
        policySel.value = known ? initial.policy : "";
        return loadPolicy(known ? initial.policy : "", initial.role, initial.facts).then(function () {
          setState();
          if (initial.policy && !known) {
            showErrors([{ field: "policy", message: "The link names a policy “" + clip(initial.policy) +
              "” that the handbook does not have: choose one of the policies listed." }], false);
          } else if (initial.role && roleSel.value !== initial.role) {
            showErrors([{ field: "role", message: "The link names a role “" + clip(initial.role) +
              "” that this policy does not have: choose one from the list." }], false);
          } else if (pending || (initial.policy && initial.role && query.get("start"))) {
            compute(pending);
          }
          pending = false;
          submit.textContent = "Check";
        });
      });
    }
    function clip(text) { return text.length > 40 ? text.slice(0, 40) + "…" : text; }

    function loadPolicy(policy, role, facts) {
      if (!policy) {
        roleSel.replaceChildren(el("option", { value: "", text: "Choose a policy first" }));
        roleChanged([]);
        return Promise.resolve();
      }
      return askRoles(policy).then(function (res) {
        var roles = (res && res.ok) || [];
        rolesByPolicy[policy] = roles;
        // People and case records apart: "whose supervision" is not "which case record".
        var people = roles.filter(function (r) { return r.subject === "supervisee"; });
        var records = roles.filter(function (r) { return r.subject !== "supervisee"; });
        roleSel.replaceChildren(el("option", { value: "", text: "Choose one" }));
        [[people, "Supervision of a member of staff"], [records, "Case supervision records"]].forEach(function (group) {
          if (!group[0].length) return;
          var parent = records.length ? el("optgroup", { label: group[1] }) : roleSel;
          group[0].forEach(function (r) { parent.append(el("option", { value: r.id, text: r.name })); });
          if (parent !== roleSel) roleSel.append(parent);
        });
        roleSel.value = roles.some(function (r) { return r.id === role; }) ? role : "";
        roleChanged(facts);
      });
    }

    function currentRole() {
      return (rolesByPolicy[policySel.value] || []).filter(function (r) { return r.id === roleSel.value; })[0];
    }
    function roleChanged(facts) {
      var role = currentRole();
      var asks = role ? role.asks : { facts: [], shifts: false, agreed: false };
      showFacts(asks.facts, facts || checkedFacts());
      toggleField("shifts", asks.shifts);
      toggleField("agreed-every", asks.agreed);
    }
    function toggleField(name, show) {
      root.querySelector('[data-field="' + name + '"]').hidden = !show;
    }
    function checkedFacts() {
      return Array.prototype.filter.call(root.querySelectorAll("[data-fact-list] input"), function (b) { return b.checked; })
        .map(function (b) { return b.name; });
    }
    /* The facts the rule core asks for this role, in its words, with the paragraph that makes them matter. */
    function showFacts(facts, checked) {
      var list = root.querySelector("[data-fact-list]");
      list.replaceChildren();
      facts.forEach(function (fact) {
        var id = "dd-fact-" + fact.id;
        var box = el("input", { type: "checkbox", id: id, name: fact.id, value: "1" });
        box.checked = checked.indexOf(fact.id) >= 0;
        var label = el("label", { for: id }, [fact.question, fact.help ? el("span", { className: "hb-hint hb-fact-help" }, [
          fact.help + " ", citationLinks(fact.citations)]) : null]);
        list.append(el("div", { className: "hb-check" }, [box, label]));
      });
      root.querySelector("[data-facts]").hidden = !facts.length;
    }
    /* One "done on" date for each kind of duty the last answer showed. */
    function drawDone(obligations) {
      var list = root.querySelector("[data-done-list]");
      var seen = {};
      readDone();
      list.replaceChildren();
      obligations.forEach(function (o) {
        if (seen[o.kind]) return;
        seen[o.kind] = true;
        var id = "dd-done-" + o.kind;
        var input = el("input", { id: id, name: "done-" + o.kind, type: "text", size: "16", autocomplete: "off",
          "aria-describedby": "dd-done-hint dd-done-error", "data-done-kind": o.kind });
        input.value = doneValues[o.kind] || "";
        list.append(el("div", { className: "hb-done" }, [el("label", { for: id, text: o.name + ": last done on" }), input]));
      });
      // Done dates from the link whose duty is not (yet) listed are kept, so nothing typed is lost.
      Object.keys(doneValues).forEach(function (kind) {
        if (seen[kind] || !doneValues[kind]) return;
        var id = "dd-done-" + kind;
        var input = el("input", { id: id, name: "done-" + kind, type: "text", size: "16", "data-done-kind": kind,
          "aria-describedby": "dd-done-hint dd-done-error" });
        input.value = doneValues[kind];
        list.append(el("div", { className: "hb-done" }, [el("label", { for: id, text: kind + ": last done on" }), input]));
      });
      root.querySelector("[data-done-hint]").textContent = list.children.length
        ? "Enter the date each duty was last done, if it has been: a done duty is no longer shown as due."
        : "Check once: the duties of the case are then listed here, each with a date it was last done.";
    }
    function readDone() {
      root.querySelectorAll("[data-done-kind]").forEach(function (input) {
        doneValues[input.dataset.doneKind] = input.value.trim();
      });
    }

    function params() {
      readDone();
      var p = {
        policy: policySel.value, role: roleSel.value, start: form.elements.start.value.trim(),
        session: splitList([form.elements.session.value]),
        on: form.elements.on.value.trim() || C.today(),
        done: Object.keys(doneValues).filter(function (k) { return doneValues[k]; })
          .map(function (k) { return k + "=" + doneValues[k]; }),
      };
      ["supervisor-changed", "shifts", "agreed-every"].forEach(function (n) {
        var box = root.querySelector('[data-field="' + n + '"]');
        var v = form.elements[n].value.trim();
        if (v && !box.hidden) p[n] = v;
      });
      checkedFacts().forEach(function (f) { p[f] = "1"; });
      return p;
    }
    function queryOf(p) {
      var q = new URLSearchParams();
      Object.keys(p).forEach(function (n) {
        var v = p[n];
        if (Array.isArray(v)) { if (v.length) q.set(n, v.join(",")); }
        else if (v && !(n === "on" && v === C.today())) q.set(n, v);
      });
      return q.toString();
    }
    function writeUrl(p) {
      var q = queryOf(p);
      history.replaceState(history.state, "", location.pathname + (q ? "?" + q : "") + location.hash);
    }

    // ------------------------------------------------------------------ errors, as GOV.UK writes them
    function clearErrors() {
      summary.hidden = true;
      root.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      root.querySelectorAll(".hb-field--error").forEach(function (f) { f.classList.remove("hb-field--error"); });
      form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    }
    function inputFor(field) {
      if (field === "done") return root.querySelector("[data-done-kind]");
      return form.elements[field] && form.elements[field].nodeType ? form.elements[field] : null;
    }
    function showErrors(errors, focus) {
      clearErrors();
      var list = root.querySelector("[data-error-list]");
      list.replaceChildren();
      errors.forEach(function (e) {
        var slot = root.querySelector('[data-error-for="' + e.field + '"]');
        var input = inputFor(e.field);
        if (slot) {
          var box = root.querySelector('[data-field="' + e.field + '"]');
          if (box) { box.hidden = false; box.classList.add("hb-field--error"); }
          if (box && box.closest("details")) box.closest("details").open = true;
          slot.replaceChildren(el("span", { className: "hb-visually-hidden", text: "Error: " }), e.message);
          slot.hidden = false;
        }
        if (input) input.setAttribute("aria-invalid", "true");
        var target = input ? "#" + input.id : null;
        var said = e.summary || e.message;
        list.append(el("li", {}, [target ? el("a", { href: target, "data-target": input.id, text: said })
          : el("span", { text: said })]));
      });
      summary.hidden = false;
      result.replaceChildren();
      result.dataset.nextDue = "";
      result.dataset.status = "error";
      if (focus) { summary.focus(); summary.scrollIntoView({ block: "start" }); }
    }
    summary.addEventListener("click", function (e) {
      var a = e.target.closest && e.target.closest("a[data-target]");
      if (!a) return;
      e.preventDefault();
      e.stopPropagation(); // the focus moves to the field; this is not a navigation
      var input = document.getElementById(a.dataset.target);
      if (input) { input.scrollIntoView({ block: "center" }); input.focus(); }
    });
    function fieldWords(name) {
      return (words && words.fields[name]) || name;
    }

    /* The checker is asked as soon as an entry changes, so that Check shows the answer at once: its own work
       takes a few milliseconds, but a click keeps the browser busy drawing for longer than that. Nothing is
       shown before Check (no error in front of someone half-way through typing), and one answer is kept: the
       one for what the form holds now. */
    var early = { key: null, answer: null };
    function ask(p) {
      var key = JSON.stringify(p);
      if (early.key !== key) early = { key: key, answer: C.call("due", p) };
      return early.answer;
    }
    function askEarly() {
      if (root.dataset.state !== "ready") return;
      var p = params();
      if (!missingFields(p).length) ask(p);
    }
    /* What a case cannot be checked without, in the words of the error summary. */
    function missingFields(p) {
      var missing = [];
      if (!p.policy) missing.push({ field: "policy", message: "Choose a policy" });
      if (!p.role) missing.push({ field: "role", message: "Choose whose supervision, or which case record" });
      if (!p.start) missing.push({ field: "start", message: "Enter the date started in this post" });
      return missing;
    }

    function compute(userAction) {
      var t0 = performance.now();  // data-ms: from Check to the answer drawn
      var p = params();
      var missing = missingFields(p);
      var answer = missing.length ? null : ask(p);  // the worker starts before the page does anything else
      writeUrl(p);
      if (!answer) {
        showErrors(missing, userAction);
        return Promise.resolve();
      }
      result.setAttribute("aria-busy", "true");
      return answer.then(function (res) {
        result.removeAttribute("aria-busy");
        if (res.error) {
          var label = fieldWords(res.error.field);
          showErrors([{ field: res.error.field, message: res.error.message,
            summary: (inputFor(res.error.field) ? label + ": " : "") + res.error.message }], userAction);
          return;
        }
        clearErrors();
        render(res.ok);
        result.dataset.ms = String(Math.round(performance.now() - t0));
        // Dates as the checker read them, so the link is exact.
        var c = res.ok.case;
        var exact = Object.assign({}, p, { start: c.start, on: c.on, session: c.sessions, done: c.done });
        writeUrl(exact);
        if (userAction) {
          var heading = result.querySelector("h2");
          heading.focus();
          heading.scrollIntoView({ block: "start" });
        }
      });
    }

    // ------------------------------------------------------------------ the answer, first
    function badge(status, text) { return C.statusBadge(status, text); }
    function render(r) {
      var kids = [];
      var box = [
        el("h2", { className: "hb-answer__title", tabindex: "-1" }, [badge(r.status, r.status_text)]),
        el("p", { className: "hb-answer__due" }, [r.next_due ? el("strong", { text: r.headline }) : r.headline]),
        el("p", {}, [r.requirement || "", " ", el("span", { className: "hb-source" }, ["Source: ", citationLinks(r.citations)])]),
      ];
      if (r.recommended) {
        var rec = r.recommended;
        box.push(el("p", { className: "hb-recommended" }, [el("strong", { text: "Recommended: " }),
          badge(rec.status, rec.status_text), " ", rec.requirement, " ", citationLinks(rec.citations)]));
      }
      r.notices.forEach(function (n) { box.push(el("p", { className: "hb-notice" }, [n.text, " ", citationLinks(n.citations)])); });
      kids.push(el("div", { className: "hb-answer hb-answer--" + r.status }, box));
      if (r.late.length || r.missed.length) {
        kids.push(el("h3", { text: "Late and missed supervision" }));
        var rows = r.late.map(function (m) { return [m.due, "Late", m.text, m.citations]; })
          .concat(r.missed.map(function (m) { return [m.due, "Missed", m.text, m.citations]; }))
          .sort(function (a, b) { return a[0] < b[0] ? -1 : 1; });
        kids.push(table(["Was due by", "What happened", "Source"], rows.map(function (row) {
          return [longDate(row[0]), el("span", {}, [el("strong", { text: row[1] + ". " }), row[2]]), citationLinks(row[3])];
        }), "Supervision periods held late or missed"));
      }
      if (r.obligations.length) {
        kids.push(el("h3", { text: "Other dated duties" }));
        kids.push(el("p", { text: "A duty you have done can be marked done under “More” in the form, with the date it was done." }));
        kids.push(table(["Duty", "Due by", "Status", "Source"], r.obligations.map(function (o) {
          return [
            el("span", {}, [el("strong", { text: o.name }), el("br"), o.summary,
              o.reading ? el("span", { className: "hb-reading" }, [el("br"), "How the checker reads it: " + o.reading]) : null,
              o.problem ? el("span", { className: "hb-reading" }, [el("br"), o.problem]) : null,
              o.kind === "schedule" ? scheduleLink(r) : null]),
            o.due ? longDate(o.due) : "—",
            el("span", {}, [badge(o.status, o.status_text), o.done_on ? " " + longDate(o.done_on) : ""]),
            citationLinks(o.citations),
          ];
        }), "Dated duties for this case"));
      }
      if (r.readings.length) {
        kids.push(el("h3", { text: "How the checker reads the policy’s wording" }));
        kids.push(el("ul", {}, r.readings.map(function (rd) { return el("li", {}, [rd.text + " ", citationLinks(rd.citations)]); })));
      }
      if (r.not_computable.length) {
        kids.push(el("h3", { text: "Requirements the checker cannot date" }));
        kids.push(el("ul", {}, r.not_computable.map(function (n) {
          return el("li", {}, [n.summary + " " + (n.why_not || "") + " ", citationLinks(n.citations)]);
        })));
      }
      result.replaceChildren.apply(result, kids);
      result.dataset.nextDue = r.next_due || "";
      result.dataset.status = r.status;
      drawDone(r.obligations);
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
    form.addEventListener("input", askEarly);
    form.addEventListener("change", askEarly);
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      if (C.state() === "failed") return;
      if (root.dataset.state !== "ready") {  // accepted: answered as soon as the checker is ready
        pending = true;
        submit.textContent = "Checking as soon as the checker has loaded…";
        return;
      }
      compute(true);
    });
    root.querySelector("[data-reset]").addEventListener("click", function () {
      history.replaceState(history.state, "", location.pathname);
      form.reset();
      form.elements.on.value = C.today();
      policySel.value = "";
      doneValues = {};
      loadPolicy("", "", []);
      drawDone([]);
      clearErrors();
      result.replaceChildren();
      result.dataset.nextDue = "";
      result.dataset.status = "";
      policySel.focus();
    });
    root.querySelector("[data-copy]").addEventListener("click", function () {
      var p = params();
      writeUrl(p);
      // The tool's own address on this site, also from inside an embed on another page.
      var link = new URL("tools/due-dates/", C.base).href + (queryOf(p) ? "?" + queryOf(p) : "");
      var note = root.querySelector("[data-copied]");
      var fallback = function () {
        var field = el("input", { type: "text", readonly: "readonly", "aria-label": "Link to this check", size: "40" });
        field.value = link;
        note.replaceChildren("Copy this link: ", field);
        field.select();
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(link).then(function () { note.textContent = "Link copied."; }, fallback);
      } else {
        fallback();
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
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
})();
