/* The tool pages' shared client (tools/due-dates/, tools/team/, tools/schedule/, embed/due-dates/).
 *
 * One connection to the checker's Web Worker (started by partials/checker-boot.html) for the whole window,
 * kept across Material's instant navigation, and the small drawing helpers every tool uses. It decides
 * nothing about a policy: words, duty names and statuses come from the rule core's answers.
 *
 *   HandbookClient.call(command, params)   -> Promise of checker.api.call's dict ({ok} or {error})
 *   HandbookClient.cached(key, command, params)
 *   HandbookClient.onChange(fn)            -> a function that removes the listener again
 *   HandbookClient.state()                 -> "loading" | "ready" | "failed"; .progress() its words
 *   HandbookClient.el / longDate / isoDate / today / citationLinks / statusBadge / base
 */
(function () {
  "use strict";
  if (window.HandbookClient) return;

  var worker = window.HandbookWorker;
  var shared = { pending: {}, next: 1, state: "loading", progress: "Loading the checker…", listeners: [], cache: {} };

  function attach() {
    if (shared.attached || !worker) return;
    shared.attached = true;
    (window.HandbookWorkerLog || []).forEach(handle);
    window.HandbookWorkerLog = null;
    worker.addEventListener("message", function (e) { handle(e.data); });
    worker.addEventListener("error", function () {
      handle({ type: "failed", message: "the checker's script could not be started" });
    });
  }
  function handle(msg) {
    if (!msg) return;
    if (msg.type === "progress") shared.progress = msg.text;
    else if (msg.type === "ready") { shared.state = "ready"; shared.readyMs = msg.ms; }
    else if (msg.type === "failed") { shared.state = "failed"; shared.progress = msg.message; }
    else if (msg.type === "result") {
      var cb = shared.pending[msg.id];
      delete shared.pending[msg.id];
      if (cb) cb(msg.result, msg.ms);
      return;
    }
    shared.listeners.slice().forEach(function (fn) { fn(); });
  }
  function call(command, params) {
    return new Promise(function (resolve) {
      var id = shared.next++;
      shared.pending[id] = resolve;
      worker.postMessage({ id: id, command: command, params: params });
    });
  }
  function cached(key, command, params) {
    if (!shared.cache[key]) shared.cache[key] = call(command, params);
    return shared.cache[key];
  }
  function onChange(fn) {
    shared.listeners.push(fn);
    return function () {
      var i = shared.listeners.indexOf(fn);
      if (i >= 0) shared.listeners.splice(i, 1);
    };
  }

  // ------------------------------------------------------------------ drawing helpers
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k === "className") node.className = attrs[k];
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c != null) node.append(c); });
    return node;
  }
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }
  /* Accept 2024-01-31, 31/01/2024, 31.1.2024; everything else goes to the checker as typed, so its
     message names the field. */
  function isoDate(text) {
    var t = String(text || "").trim();
    var m = /^(\d{1,2})[\/.](\d{1,2})[\/.](\d{4})$/.exec(t);
    return m ? m[3] + "-" + pad(+m[2]) + "-" + pad(+m[1]) : t;
  }
  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December"];
  var DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
  function longDate(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso || "");
    if (!m) return iso || "";
    var d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return DAYS[d.getUTCDay()] + " " + +m[3] + " " + MONTHS[+m[2] - 1] + " " + m[1];
  }
  // The site root, from this script's own URL (assets/javascripts/tool-client.js), so links work from any
  // sub-path and inside an iframe.
  var BASE = new URL("../../", (document.currentScript && document.currentScript.src) || location.href).href;
  function citationLinks(citations) {
    var span = el("span", { className: "hb-cites" });
    (citations || []).forEach(function (c, i) {
      if (i) span.append(", ");
      span.append(el("a", { href: new URL(c.href, BASE).href, text: c.label || c.policy + " " + c.section }));
    });
    return span;
  }
  var ICONS = { ok: "✓", "due-soon": "!", overdue: "✕", "not-computable": "?", done: "✓", late: "!" };
  /* A status in words and colour, never colour alone; the words come from the rule core's answer. */
  function statusBadge(status, words) {
    return el("span", { className: "hb-status hb-status--" + status }, [
      el("span", { "aria-hidden": "true", className: "hb-status__icon", text: ICONS[status] || "" }),
      " " + (words || status)]);
  }

  window.HandbookClient = {
    available: !!worker,
    call: call, cached: cached, onChange: onChange,
    state: function () { return shared.state; },
    progress: function () { return shared.progress; },
    el: el, today: today, isoDate: isoDate, longDate: longDate, citationLinks: citationLinks,
    statusBadge: statusBadge, base: BASE,
  };
  attach();
})();
