/* Starts the checker's Web Worker as early as possible, once per window (overrides/partials/checker-boot.html
 * loads it), and on a first visit the download and compiling of Pyodide's wasm for it (startDownloads). In the
 * head on a full load (tool.html and embed.html put it first, before the stylesheets); again in the content
 * for Material's instant navigation (which runs scripts in the content only). A file, not an inline script, so
 * that a strict Content-Security-Policy (script-src 'self') allows it (issue 11).
 *
 * On a full load of a tool page, the theme's own scripts (Material's bundle: search, instant navigation,
 * the palette toggle, tooltips, keyboard shortcuts) wait in a <template data-theme-scripts> (tool.html)
 * until the checker has answered every question the page asked while it started, and that answer has been
 * painted: on a 2-core machine the bundle's start-up (about 150 ms of the main thread, then the search
 * worker) otherwise delays the first answer by as much. They start at once if the reader goes to the
 * header, the navigation or the search (pointer, focus, or a key outside a form field), if the checker
 * fails or cannot run, and after 15 seconds whatever happens. The page's content works without them.
 */
(function () {
  if (window.HandbookBooted) return; // once per window: the copy in the content meets the one in the head
  window.HandbookBooted = true;
  var held = document.readyState === "loading";
  var COMPILED = "handbook-checker-compiled"; // localStorage: this browser's code cache has the wasm (see handOver)
  var released = false;

  // The theme's scripts, run in their order; Material starts on DOMContentLoaded, which has passed by then.
  function runThemeScripts() {
    var template = document.querySelector("template[data-theme-scripts]");
    if (!template) return;
    var scripts = Array.prototype.slice.call(template.content.querySelectorAll("script"));
    scripts.forEach(function (old, i) {
      var script = document.createElement("script");
      Array.prototype.forEach.call(old.attributes, function (a) { script.setAttribute(a.name, a.value); });
      script.text = old.text;
      script.async = false;
      if (i === scripts.length - 1) script.addEventListener("load", function () { startTheme(template); });
      document.body.appendChild(script);
    });
    if (!scripts.length) template.remove();
  }
  // The template goes once the theme has started: its absence tells the tests (and anyone) that it has.
  function startTheme(template) {
    template.remove();
    document.dispatchEvent(new Event("DOMContentLoaded"));
    // Material wraps each table of the content as it starts (to scroll it sideways). The tools' tables were
    // never there when it started before; those already drawn now are unwrapped, so an answer looks, and
    // prints, the same however early it came.
    document.querySelectorAll("[data-checker] .md-typeset__scrollwrap, [data-team] .md-typeset__scrollwrap").forEach(function (wrap) {
      var table = wrap.querySelector("table");
      if (table) wrap.replaceWith(table);
    });
  }
  function release() {
    if (released || !held) return;
    released = true;
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", runThemeScripts, { once: true });
    else runThemeScripts();
  }
  function afterPaint(fn) {
    if (typeof requestAnimationFrame === "function") requestAnimationFrame(function () { setTimeout(fn, 0); });
    else setTimeout(fn, 0);
  }

  if (held) {
    setTimeout(release, 15000);
    var outsideContent = function (e) {
      var t = e.target;
      return !(t && t.closest && t.closest(".md-content"));
    };
    document.addEventListener("focusin", function (e) { if (outsideContent(e)) release(); }, true);
    document.addEventListener("pointerdown", function (e) { if (outsideContent(e)) release(); }, true);
    document.addEventListener("keydown", function (e) {
      if (!/^(INPUT|TEXTAREA|SELECT)$/.test((e.target && e.target.tagName) || "")) release();
    }, true);
  }

  if (typeof Worker === "undefined" || typeof WebAssembly !== "object") return release();
  var script = document.currentScript;
  try {
    var handed = handOver();
    // The worker's name lists the downloads this page starts for it (checker-worker.mjs reads it).
    window.HandbookWorker = new Worker(new URL("checker-worker.mjs", script.src),
      { type: "module", name: ["supervision-checker"].concat(handed).join(" ") });
    startDownloads(window.HandbookWorker, new URL("../pyodide/", script.src), handed);
    window.HandbookWorkerLog = [];
    window.HandbookWorker.addEventListener("message", function (e) {
      if (window.HandbookWorkerLog) window.HandbookWorkerLog.push(e.data);
      // How Python started (from the snapshot or not) and its milestones: for the tests and the bench.
      if (e.data && (e.data.type === "ready" || e.data.type === "failed")) window.HandbookStartup = e.data;
    });
  } catch (e) { /* the page says the checker needs a modern browser */ return release(); }
  finally {
    // tool-client.js may have run first (instant navigation does not keep the scripts' order): tell it.
    window.HandbookWorkerTried = true;
    window.dispatchEvent(new Event("handbook:worker"));
  }
  if (!held) return;
  document.documentElement.classList.add("hb-worker-started"); // checker.css: the tool shows from the first paint

  // Questions asked (messages with an id) and answered: the theme waits until the checker is ready and every
  // question asked so far has its answer on the screen, follow-up questions the answers prompt included.
  var worker = window.HandbookWorker, post = worker.postMessage, asked = 0, answered = 0, ready = false;
  worker.postMessage = function (message) {
    if (message && message.id !== undefined) asked++;
    return post.apply(worker, arguments);
  };
  function settled() { return ready && answered >= asked; }
  worker.addEventListener("message", function (e) {
    var data = e.data || {};
    if (data.type === "failed") return release();
    if (data.type === "ready") ready = true;
    else if (data.type === "result") answered++;
    else return;
    if (settled()) afterPaint(function () { if (settled()) release(); });
  });
  worker.addEventListener("error", release);

  // On a first visit the largest download on the way to the first answer, Pyodide's wasm, starts here: this
  // script runs 0.1 s (on a phone 0.3 s) before the worker's first line can, and on a slow connection the
  // download ends that much sooner. It is compiled here as it arrives, from the browser's own response (so
  // that the browser's code cache serves the next visit), and the module is handed to the worker, which its
  // name tells. On a later visit (once the worker has said it exercised the module for the browser's code
  // cache, this page notes it in localStorage: a flag, nothing about anyone) the worker fetches it itself:
  // the wasm then comes from the browser's caches, and taking it from the code cache is work this page's main
  // thread, busy drawing the page, would do later than the worker (measured on a phone: 0.25 s later). Anything
  // that goes wrong here is left to the worker, which then fetches the file itself and explains any failure
  // (checker-worker.mjs).
  function store(use) {
    try { return use(window.localStorage); } catch (e) { return null; } // storage refused (a frame, a setting)
  }
  function handOver() {
    var compiled = store(function (s) { return s.getItem(COMPILED); });
    return typeof WebAssembly.compileStreaming === "function" && typeof fetch === "function" && !compiled ? ["wasm"] : [];
  }
  function startDownloads(worker, pyodide, parts) {
    worker.addEventListener("message", function (e) {
      if (e.data && e.data.type === "exercised") store(function (s) { s.setItem(COMPILED, "1"); });
    });
    if (parts.indexOf("wasm") < 0) return;
    var send = function (message) { worker.postMessage(message); };
    fetch(new URL("pyodide.asm.wasm", pyodide)).then(function (response) {
      // Its size as sent, so that the worker's watchdog gives a slow connection time for it.
      send({ type: "handover", part: "wasm", length: Number(response.headers.get("Content-Length")) || 0 });
      if (!response.ok) throw new Error(String(response.status));
      return WebAssembly.compileStreaming(response);
    }).then(function (module) {
      send({ type: "handover", part: "wasm", module: module, at: Math.round(performance.timeOrigin + performance.now()) });
    }, function () { send({ type: "handover", part: "wasm", failed: true }); });
  }
})();
