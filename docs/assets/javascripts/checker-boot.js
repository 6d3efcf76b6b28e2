/* Starts the checker's Web Worker as early as possible, once per window (overrides/partials/checker-boot.html
 * loads it). In the head on a full load (tool.html and embed.html put it first, before the stylesheets);
 * again in the content for Material's instant navigation (which runs scripts in the content only). A file,
 * not an inline script, so that a strict Content-Security-Policy (script-src 'self') allows it (issue 11).
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
  try {
    window.HandbookWorker = new Worker(new URL("checker-worker.mjs", document.currentScript.src), { type: "module" });
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
})();
