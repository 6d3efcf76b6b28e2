/* The tool pages' shared client (tools/due-dates/, tools/team/, tools/schedule/, embed/due-dates/).
 *
 * One connection to the checker's Web Worker (started by partials/checker-boot.html) for the whole window,
 * kept across Material's instant navigation, and the small drawing helpers every tool uses. It decides
 * nothing about a policy: words, duty names and statuses come from the rule core's answers.
 *
 *   HandbookClient.call(command, params)   -> Promise of checker.api.call's dict ({ok} or {error})
 *   HandbookClient.cached(key, command, params)
 *   HandbookClient.onChange(fn, root)      -> a function that removes the listener again (dropped with root)
 *   HandbookClient.state()                 -> "loading" | "ready" | "failed"; .progress() its words
 *   HandbookClient.failure(fallback)       -> the failure in full sentences, ending with `fallback` (if any)
 *   HandbookClient.drawState(root, progress, started, fallback)
 *                                          -> the tool's data-state and its progress line, from the state
 *   HandbookClient.mountTool(root)         -> true the first time a tool's root is mounted where a checker
 *                                             can run; otherwise it has said why not (file://, a sandbox).
 *                                             Until the tool's module sets root.dataset.formReady, Check is
 *                                             held (root.dataset.checkPending, its button's words holdCheck's)
 *   HandbookClient.holdCheck(button) / releaseCheck(button)
 *                                          -> the button says a check will come once the checker is loaded
 *                                             / the button's own words again
 *   HandbookClient.follow(root, redraw, ready, started)
 *                                          -> redraw on every change of state while the root is on the page,
 *                                             and ready() once the checker is, unless started()
 *   HandbookClient.startup()               -> {ms, snapshot}: how long Python took to start, and whether it
 *                                             was restored from the build's memory snapshot
 *   HandbookClient.whyUnavailable()        -> why no worker can run here (file://, sandboxed frame), or ""
 *   HandbookClient.el / longDate / isoDate / today / citationLinks / statusBadge / base
 */
(function client() {
  "use strict";
  if (window.HandbookClient) return;
  // Instant navigation may run this before checker-boot.js has started the worker: then wait for it.
  if (!window.HandbookWorker && !window.HandbookWorkerTried && typeof Worker !== "undefined" &&
      typeof WebAssembly === "object") {
    window.addEventListener("handbook:worker", client, { once: true });
    return;
  }

  var worker = window.HandbookWorker;
  var shared = { pending: {}, next: 1, state: "loading", progress: "Loading the checker…", listeners: [], cache: {} };

  function attach() {
    if (shared.attached || !worker) return;
    shared.attached = true;
    // The policy the address names: the worker fetches its rules while Python starts (checker-worker.mjs).
    var policy = new URLSearchParams(location.search).get("policy");
    if (policy) worker.postMessage({ type: "expect", policy: policy });
    (window.HandbookWorkerLog || []).forEach(handle);
    window.HandbookWorkerLog = null;
    worker.addEventListener("message", function (e) { handle(e.data); });
    worker.addEventListener("error", function () {
      if (shared.state !== "failed") diagnoseWorker(8);
    });
    // The worker says "Loading" as soon as it runs; if it has not within 20 s, its own script has stalled.
    setTimeout(function () { if (!shared.heard && shared.state === "loading") diagnoseWorker(8); }, 20000);
  }
  /* Why the worker's own script did not start (it cannot say so itself; every later failure it explains):
     asks the server for the script again and names what an administrator should change. */
  function diagnoseWorker(waitSeconds) {
    var file = "assets/javascripts/checker-worker.mjs";
    var say = function (m) { handle({ type: "failed", message: m }); };
    if (whyUnavailable()) return say(whyUnavailable());
    var abort = typeof AbortController !== "undefined" ? new AbortController() : null;
    var timer = setTimeout(function () {
      if (abort) abort.abort();
      say("The file " + file + " did not arrive: the server has sent nothing for " + waitSeconds + " seconds. " +
        "Check that the web server, and any proxy or web filter in between, delivers files ending in .mjs.");
    }, waitSeconds * 1000);
    fetch(new URL(file, BASE).href, { cache: "no-store", signal: abort && abort.signal }).then(function (r) {
      clearTimeout(timer);
      var type = (r.headers.get("Content-Type") || "").split(";")[0].trim();
      if (!r.ok) say("The file " + file + (r.status === 404 ? " was not found on the server (HTTP 404)" :
        " could not be downloaded: the server answered HTTP " + r.status) + ". Check that the built site was copied in full.");
      else if (!/javascript|ecmascript/i.test(type)) say("The file " + file + " is served as \"" + (type || "no type") +
        "\", which browsers refuse to run as a script. Set the MIME type of .mjs files to text/javascript on the web server.");
      else say("The checker's script " + file + " could not be run in this browser. If the server sends a " +
        "Content-Security-Policy, it must allow worker-src 'self' and script-src 'self' 'wasm-unsafe-eval'.");
    }, function () {
      clearTimeout(timer);
      if (!abort || !abort.signal.aborted) say("The file " + file + " could not be downloaded: the connection was refused or blocked.");
    });
  }
  // Where no worker can be made at all, why, in words for whoever put the page there ("" if not known).
  function whyUnavailable() {
    if (location.protocol === "file:") return "This page was opened as a file on this computer (file://), where browsers do not run the checker. " +
      "Serve the site's folder from a web server instead (for a quick try: python -m http.server -d site).";
    if (window.origin === "null" || location.origin === "null") return "This page is inside a sandboxed frame that does not let it run the checker. " +
      "The page that frames it must allow it: sandbox=\"allow-scripts allow-same-origin\" (or no sandbox attribute).";
    return "";
  }
  /* The failure in full: what went wrong (the worker's sentences), then what the reader can do. */
  function failure(fallback) {
    var m = shared.progress.replace(/^(.)/, function (c) { return c.toUpperCase(); });
    return "The checker could not start. " + m + (/[.!?]$/.test(m) ? " " : ". ") +
      (fallback ? "Reload the page to try again; " + fallback : "Reload the page to try again.");
  }
  /* A tool's root data-state ("ready" once it has started, "failed", else "loading") and its progress line:
     the loading words, nothing once ready, or the failure in full sentences. */
  function drawState(root, progress, started, fallback) {
    var state = shared.state;
    root.dataset.state = state === "ready" && started ? "ready" : state === "failed" ? "failed" : "loading";
    progress.textContent = state === "failed" ? failure(fallback) : root.dataset.state === "ready" ? "" : shared.progress;
    progress.classList.toggle("hb-checker__progress--failed", state === "failed");
    progress.hidden = !progress.textContent;
  }
  /* A tool's root is mounted once (instant navigation runs the page scripts again): shown, its no-JavaScript
     text hidden, and true. Where no worker can run, false: from file:// or in a sandboxed frame the tool says
     so plainly (not "needs a modern browser"); otherwise it gives way to its no-JavaScript text. */
  // Check's own words while a check waits for the checker to load. The button's own words (Check, Build the
  // schedule) are kept on it while it waits, and put back when it is answered (holdCheck, releaseCheck).
  var PENDING_CHECK = "Checking as soon as the checker has loaded…";
  function holdCheck(button) {
    if (!button) return;
    if (!button.dataset.words) button.dataset.words = button.textContent;
    button.textContent = PENDING_CHECK;
  }
  function releaseCheck(button) {
    if (button && button.dataset.words) button.textContent = button.dataset.words;
  }
  function mountTool(root) {
    if (root.dataset.mounted) return false;
    root.dataset.mounted = "1";
    var why = worker ? "" : whyUnavailable();
    root.hidden = !worker && !why;
    if (root.hidden) return false;
    var nojs = root.parentNode.querySelector("[data-nojs]");
    if (nojs) nojs.hidden = true;
    if (worker) {
      // Check pressed before the tool's own module has taken the form over: not sent as a plain form (the
      // page would reload), but noted, and answered once the tool is ready (data-check-pending).
      var early = root.querySelector("form");
      if (early) early.addEventListener("submit", function (e) {
        if (root.dataset.formReady) return;
        e.preventDefault();
        root.dataset.checkPending = "1";
        holdCheck(root.querySelector("[data-submit]"));
      });
      return true;
    }
    root.dataset.state = "failed";
    var form = root.querySelector("form");
    if (form) form.hidden = true;
    var progress = root.querySelector("[data-progress]");
    progress.textContent = "The checker could not start. " + why;
    progress.className = "hb-checker__progress hb-checker__progress--failed";
    return false;
  }
  /* A tool in step with the checker: redrawn at every change of state while it is on the page, and made
     ready once the checker is (unless it has started already). */
  function follow(root, redraw, ready, started) {
    var stop = onChange(function () {
      if (!root.isConnected) { stop(); return; }
      redraw();
      if (shared.state === "ready" && !started()) ready();
    }, root);
    redraw();
    if (shared.state === "ready" && !started()) ready();
  }
  function handle(msg) {
    if (!msg) return;
    shared.heard = true;
    if (msg.type === "progress") shared.progress = msg.text;
    else if (msg.type === "ready") { shared.state = "ready"; shared.readyMs = msg.ms; shared.snapshot = msg.snapshot; }
    else if (msg.type === "failed") { if (shared.state === "failed") return; shared.state = "failed"; shared.progress = msg.message; }
    else if (msg.type === "warning" || msg.type === "exercised") return;
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
  function onChange(fn, root) {
    // One listener per tool on the page: those of tools instant navigation has taken away are dropped.
    fn.root = root;
    shared.listeners = shared.listeners.filter(function (f) { return !f.root || f.root.isConnected; });
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
    whyUnavailable: whyUnavailable, failure: failure, drawState: drawState,
    mountTool: mountTool, follow: follow,
    startup: function () { return { ms: shared.readyMs, snapshot: !!shared.snapshot }; },
    progress: function () { return shared.progress; },
    holdCheck: holdCheck, releaseCheck: releaseCheck, el: el, today: today, isoDate: isoDate, longDate: longDate, citationLinks: citationLinks,
    statusBadge: statusBadge, base: BASE,
  };
  window.HandbookChecker = shared;  // for tests and the curious: the listeners and the state
  attach();
  window.dispatchEvent(new Event("handbook:client"));
})();
