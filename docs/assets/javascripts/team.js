/* The team check's page script (tools/team/, CONTRIBUTING.md).
 *
 * It only draws. The file's bytes go to the rule core in the Web Worker (checker.api.call "team"), which
 * reads the CSV, checks every person and answers with the people, the summary, the rows to fix and each
 * status in words; the template, the worked example, the column labels and the exported CSV come from the
 * core too ("team-files", "team-csv"). Nothing leaves the browser. Hooks (CONTRIBUTING.md):
 *   [data-team] data-state="ready" when it can take a file;
 *   [data-team-result] one row per person with data-person, data-status, data-next-due (rows past the first
 *     PAGE are hidden and empty until [data-team-more] "Show all" or printing draws them); data-count (the
 *     people checked), data-shown (the rows drawn in full), data-ms (from choosing the file to the table drawn
 *     and laid out) and data-longest-frame once drawn;
 *   [data-team-errors] the rows to fix, each item with data-line.
 * Material's instant navigation re-runs this script on each visit: it is idempotent.
 */
(function boot() {
  "use strict";

  // Material's instant navigation may run this before tool-client.js: then wait for it.
  if (!window.HandbookClient) { window.addEventListener("handbook:client", boot, { once: true }); return; }
  var C = window.HandbookClient;
  var shared = window.HandbookTeam || (window.HandbookTeam = {});
  var MAX_ERRORS_SHOWN = 500;
  // A table of a thousand rows takes the browser longer to lay out than the check takes: the first PAGE rows
  // (most urgent first) are drawn at once, the rest when asked for, and all of them for printing.
  var PAGE = 100;
  if (!shared.printHooked) {  // one listener for the window, whichever visit's page is mounted
    shared.printHooked = true;
    window.addEventListener("beforeprint", function () { if (shared.beforePrint) shared.beforePrint(); });
  }

  function mount(root) {
    if (!C.mountTool(root)) return;

    var el = C.el, call = C.call;
    var $ = function (sel) { return root.querySelector(sel); };
    var form = $("[data-team-form]"), progress = $("[data-progress]"), busy = $("[data-team-busy]");
    var policySel = form.elements.policy, onInput = form.elements.on, fileInput = $("[data-team-file]");
    var drop = $("[data-team-drop]"), templateLink = $("[data-team-template]");
    var notesBox = $("[data-team-notes]"), errorsBox = $("[data-team-errors]");
    var summaryBox = $("[data-team-summary]"), controls = $("[data-team-controls]");
    var filterSel = $("[data-team-filter]"), shownNote = $("[data-team-shown]"), result = $("[data-team-result]");
    var query = new URLSearchParams(location.search);
    onInput.value = query.get("on") || C.today();

    var files = null;      // the core's "team-files" answer: template, example, statuses, columns, limits
    var current = null;    // the chosen file: {data, label}
    var answer = null;     // the core's "team" answer
    var sort = { key: "status", dir: 1 };
    var showAll = false;   // every matching row drawn, not only the first PAGE
    var started = false;
    var run = 0;
    var pending = null;

    function peopleChecked(n) { return n.toLocaleString("en-GB") + (n === 1 ? " person" : " people") + " checked"; }
    function setState() {
      C.drawState(root, progress, started, "the command line runs the same check.");
    }
    C.follow(root, setState, ready, function () { return started; });

    function ready() {
      if (shared.readying === root) return;
      shared.readying = root;
      Promise.all([C.cached("policies", "policies", {}), call("team-files", { on: C.isoDate(onInput.value) || C.today() })])
        .then(function (both) {
          var list = (both[0] && both[0].ok) || [];
          policySel.replaceChildren(el("option", { value: "", text: "None: every row names its policy" }));
          list.forEach(function (p) { policySel.append(el("option", { value: p.id, text: p.authority + ": " + p.name })); });
          policySel.value = query.get("policy") || "";
          files = both[1] && both[1].ok;
          if (files) {
            templateLink.href = URL.createObjectURL(new Blob([files.template], { type: "text/csv" }));
            templateLink.removeAttribute("aria-disabled");
          }
          started = true;
          setState();
          if (pending) { var p = pending; pending = null; choose(p[0], p[1]); }
        });
    }

    // ------------------------------------------------------------------ input
    function clearFieldErrors() {
      root.querySelectorAll("[data-error-for]").forEach(function (p) { p.hidden = true; p.textContent = ""; });
      form.querySelectorAll("[aria-invalid]").forEach(function (i) { i.removeAttribute("aria-invalid"); });
    }
    function fieldError(field, message) {
      var slot = root.querySelector('[data-error-for="' + (field === "on" ? "on" : "file") + '"]');
      slot.textContent = (field === "on" ? "Check as of: " : "") + message;
      slot.hidden = false;
      (field === "on" ? onInput : fileInput).setAttribute("aria-invalid", "true");
    }

    function choose(file, t0) {
      if (!file) return;
      if (root.dataset.state !== "ready") { // checked as soon as the checker is ready
        pending = [file, t0];
        busy.textContent = "The checker is still loading: " + file.name + " will be checked as soon as it is ready.";
        return;
      }
      clearFieldErrors();
      if (files && file.size > files.max_bytes) {
        fieldError("file", file.name + " is " + (file.size / 1e6).toFixed(1) + " MB; the team check reads files up to " +
          Math.round(files.max_bytes / 1e6) + " MB: split it by team.");
        return;
      }
      busy.textContent = "Reading " + file.name + "…";
      file.arrayBuffer().then(function (buffer) {
        current = { data: new Uint8Array(buffer), label: file.name };
        check(t0);
      }, function () {
        busy.textContent = "";
        fieldError("file", file.name + " could not be read by the browser: choose it again.");
      });
    }

    function check(t0) {
      if (!current) return;
      clearFieldErrors();
      var mine = ++run;
      t0 = t0 || performance.now();
      busy.textContent = "Checking " + current.label + "…" +
        (current.data.length > 500000 ? " A file this large takes a while; the page stays usable meanwhile." : "");
      result.setAttribute("aria-busy", "true");
      var frames = watchFrames();
      call("team", { csv: current.data, policy: policySel.value, on: C.isoDate(onInput.value) || C.today() }).then(function (res) {
        var longest = frames();
        if (mine !== run) return;
        result.removeAttribute("aria-busy");
        busy.textContent = "";
        if (res.error) {
          clearResult();
          fieldError(res.error.field, res.error.message);
          (res.error.field === "on" ? onInput : fileInput).focus();
          return;
        }
        answer = res.ok;
        showAll = false;
        sort = { key: "status", dir: 1 };
        filterSel.value = "";
        draw();
        busy.textContent = current.label + ": " + peopleChecked(answer.summary.people) + ".";
        void result.offsetHeight; // laid out, not only built
        result.dataset.ms = String(Math.round(performance.now() - t0));
        result.dataset.longestFrame = String(longest);
        result.dataset.count = String(answer.people.length);
      });
    }
    function watchFrames() {
      var last = performance.now(), worst = 0, going = true;
      function tick(t) { worst = Math.max(worst, t - last); last = t; if (going) requestAnimationFrame(tick); }
      requestAnimationFrame(tick);
      return function () { going = false; return Math.round(worst); };
    }
    function clearResult() {
      answer = null;
      [notesBox, errorsBox, summaryBox, controls].forEach(function (b) { b.hidden = true; });
      result.replaceChildren();
      delete result.dataset.count;
    }

    // ------------------------------------------------------------------ drawing
    function statusText(id) {
      var s = (answer.statuses || []).filter(function (x) { return x.id === id; })[0];
      return s ? s.text : id;
    }
    function draw() {
      var a = answer;
      notesBox.replaceChildren.apply(notesBox, a.notes.map(function (n) { return el("li", { text: n }); }));
      notesBox.hidden = !a.notes.length;

      var list = $("[data-team-error-list]");
      list.replaceChildren.apply(list, a.errors.slice(0, MAX_ERRORS_SHOWN).map(function (e) {
        return el("li", { "data-line": String(e.line), "data-field": e.field }, [
          el("strong", { text: "Line " + e.line }), ", " + e.field + ": " + e.message]);
      }));
      if (a.errors.length > MAX_ERRORS_SHOWN) {
        list.append(el("li", { text: "… and " + (a.errors.length - MAX_ERRORS_SHOWN) + " more: fix these first, or run the command line to list them all." }));
      }
      $("[data-team-errors-title]").textContent = a.errors.length === 1 ? "1 row to fix" : a.errors.length + " rows to fix";
      errorsBox.hidden = !a.errors.length;

      var s = a.summary;
      var body = $("[data-team-summary-body]");
      var counts = el("ul", { className: "hb-team__counts" }, a.statuses.map(function (st) {
        return el("li", {}, [C.statusBadge(st.id, st.text), " " + s[st.id]]);
      }));
      var computable = s.people - s["not-computable"];
      body.replaceChildren(
        el("p", { text: peopleChecked(s.people) + " as of " + C.longDate(a.on) + "." }),
        counts,
        el("p", { className: "hb-team__percent", "data-team-percent": s.in_time_percent == null ? "" : s.in_time_percent.toFixed(1),
          text: s.in_time_percent == null ? "In timescale: no one whose dates can be worked out."
            : "In timescale: " + s.in_time_percent.toFixed(1) + "% (" + (s.ok + s["due-soon"]) + " of " + computable +
              " whose dates can be worked out are up to date or due soon)." }),
        el("p", { hidden: "", text: "Rows not read: " + s.rejected_rows + " (see the rows to fix above)." }));
      if (s.rejected_rows) body.lastChild.removeAttribute("hidden");
      summaryBox.hidden = false;

      filterSel.replaceChildren(el("option", { value: "", text: "Everyone (" + s.people + ")" }));
      a.statuses.forEach(function (st) {
        if (s[st.id]) filterSel.append(el("option", { value: st.id, text: st.text + " (" + s[st.id] + ")" }));
      });
      controls.hidden = !a.people.length;
      drawTable();
    }

    // "25 Feb 2024", the table's compact form; the long form (with the weekday) is its title.
    var MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    function shortDate(iso) {
      var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
      return m ? +m[3] + "\u00a0" + MONTHS[+m[2] - 1] + "\u00a0" + m[1] : iso;
    }
    function visiblePeople() {
      var rank = {};
      answer.statuses.forEach(function (st, i) { rank[st.id] = i; });
      var order = answer.people.map(function (p, i) { return [p, i]; });
      var k = sort.key, dir = sort.dir;
      var value = function (p) {
        if (k === "status") return rank[p.status];
        if (k === "role") return p.role_name;
        if (k === "citations") return p.citations.length ? p.citations[0].section : null;
        return p[k];
      };
      order.sort(function (x, y) {
        var a = value(x[0]), b = value(y[0]);
        if (a == null || b == null) return a == null && b == null ? x[1] - y[1] : a == null ? 1 : -1;
        var c = typeof a === "number" ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true, sensitivity: "base" });
        return c ? c * dir : x[1] - y[1];
      });
      var only = filterSel.value;
      return order.map(function (x) { return x[0]; }).filter(function (p) { return !only || p.status === only; });
    }

    function rowHooks(p) {
      return { "data-person": p.name, "data-status": p.status, "data-next-due": p.next_due || "" };
    }
    function drawTable() {
      var matching = visiblePeople();
      var people = showAll ? matching : matching.slice(0, PAGE);  // drawn in full
      var waiting = matching.slice(people.length);
      var policies = {};
      answer.people.forEach(function (p) { policies[p.policy] = 1; });
      var columns = files.columns.filter(function (c) { return c.key !== "policy" || Object.keys(policies).length > 1; });
      var head = el("tr", {}, columns.map(function (c) {
        var th = el("th", { scope: "col" }, [el("button", { type: "button", "data-sort": c.key, text: c.label })]);
        if (sort.key === c.key) th.setAttribute("aria-sort", sort.dir > 0 ? "ascending" : "descending");
        if (c.key === "sessions" || c.key === "missed") th.className = "hb-team__num";
        return th;
      }));
      var rows = people.map(function (p) {
        var cells = columns.map(function (c) {
          var td;
          if (c.key === "name") {
            var href = new URL("tools/due-dates/?" + new URLSearchParams(p.query).toString(), C.base).href;
            td = el("td", {}, [el("a", { href: href, text: p.name })]);
            if (p.rejected_lines.length) {
              td.append(el("span", { className: "hb-team__flag", text: (p.rejected_lines.length === 1 ? "Line " : "Lines ") +
                p.rejected_lines.join(", ") + " not read: see the rows to fix" }));
            }
          } else if (c.key === "status") td = el("td", {}, [C.statusBadge(p.status, p.status_text)]);
          else if (c.key === "role") td = el("td", { text: p.role_name });
          else if (c.key === "policy") td = el("td", { text: p.policy });
          else if (c.key === "next_due" || c.key === "last_session") td = p[c.key] ? el("td", { className: "hb-team__date", title: C.longDate(p[c.key]), text: shortDate(p[c.key]) }) : el("td", { text: "—" });
          else if (c.key === "citations") td = el("td", {}, [C.citationLinks(p.citations)]);
          else td = el("td", { className: "hb-team__num", text: String(p[c.key]) });
          return td;
        });
        return el("tr", rowHooks(p), cells);
      });
      // Everyone else has a row too, with the same hooks, hidden and empty until "Show all" or printing.
      waiting.forEach(function (p) {
        var hooks = rowHooks(p);
        hooks.hidden = "";
        rows.push(el("tr", hooks));
      });
      var caption = "Supervision status of each person as of " + C.longDate(answer.on) +
        (filterSel.value ? ": " + statusText(filterSel.value) : "");
      var more = people.length < matching.length ? el("p", { className: "hb-team__more" }, [
        "The first " + people.length + " of " + matching.length.toLocaleString("en-GB") + " are shown. ",
        el("button", { type: "button", className: "md-button", "data-team-more": "", text: "Show all " + matching.length.toLocaleString("en-GB") })]) : "";
      result.replaceChildren(el("div", { className: "hb-table" }, [el("table", {}, [
        el("caption", { className: "hb-visually-hidden", text: caption }),
        el("thead", {}, [head]), el("tbody", {}, rows)])]), more);
      result.dataset.shown = String(people.length);
      shownNote.textContent = filterSel.value ? "Showing " + matching.length + " of " + answer.people.length + "." : "";
    }
    function drawAll() {
      if (!answer || showAll) return;
      showAll = true;
      drawTable();
    }

    // ------------------------------------------------------------------ events
    fileInput.addEventListener("change", function () {
      var t0 = performance.now();
      if (fileInput.files && fileInput.files[0]) choose(fileInput.files[0], t0);
      fileInput.value = ""; // so that the same file, corrected and saved again, can be chosen again
    });
    ["dragenter", "dragover"].forEach(function (type) {
      drop.addEventListener(type, function (e) { e.preventDefault(); drop.classList.add("hb-drop--over"); });
    });
    ["dragleave", "drop"].forEach(function (type) {
      drop.addEventListener(type, function () { drop.classList.remove("hb-drop--over"); });
    });
    drop.addEventListener("drop", function (e) {
      e.preventDefault();
      var f = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
      if (f) choose(f, performance.now());
    });
    $("[data-team-example]").addEventListener("click", function () {
      if (root.dataset.state !== "ready") return;
      clearFieldErrors();
      var t0 = performance.now();
      call("team-files", { on: C.isoDate(onInput.value) || C.today() }).then(function (res) {
        if (res.error) { fieldError(res.error.field, res.error.message); onInput.focus(); return; }
        current = { data: new TextEncoder().encode(res.ok.example), label: "the worked example" };
        check(t0);
      });
    });
    policySel.addEventListener("change", function () { check(); });
    onInput.addEventListener("change", function () { check(); });
    form.addEventListener("submit", function (e) { e.preventDefault(); check(); });
    result.addEventListener("click", function (e) {
      if (e.target.closest && e.target.closest("button[data-team-more]")) {
        var first = result.querySelectorAll("tbody tr:not([hidden])").length;
        drawAll();
        var next = result.querySelectorAll("tbody tr")[first];  // the keyboard goes on where the list did
        if (next && next.querySelector("a")) next.querySelector("a").focus();
        return;
      }
      var button = e.target.closest && e.target.closest("button[data-sort]");
      if (!button) return;
      var k = button.dataset.sort;
      sort = { key: k, dir: sort.key === k ? -sort.dir : 1 };
      drawTable();
      var again = result.querySelector('button[data-sort="' + k + '"]');
      if (again) again.focus();
    });
    filterSel.addEventListener("change", drawTable);
    $("[data-team-export]").addEventListener("click", function () {
      if (!answer) return;
      call("team-csv", { people: visiblePeople() }).then(function (res) {
        if (!res.ok) return;
        var a = el("a", { href: URL.createObjectURL(new Blob([res.ok.csv], { type: "text/csv" })),
          download: "team-check-" + answer.on + ".csv" });
        document.body.append(a);
        a.click();
        a.remove();
      });
    });
    $("[data-team-print]").addEventListener("click", function () { drawAll(); window.print(); });
    shared.beforePrint = drawAll;
  }

  function mountAll() { document.querySelectorAll("[data-team]").forEach(mount); }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe && !shared.subscribed) {
    shared.subscribed = true;
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
})();
