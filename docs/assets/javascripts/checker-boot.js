/* Starts the checker's Web Worker as early as possible, once per window (overrides/partials/checker-boot.html
 * loads it). In the head on a full load (tool.html and embed.html put it first, before the stylesheets);
 * again in the content for Material's instant navigation (which runs scripts in the content only). A file,
 * not an inline script, so that a strict Content-Security-Policy (script-src 'self') allows it (issue 11).
 *
 * On a full load it also holds back Material's search index (search/search_index.json, which the search
 * worker turns into a lunr index) until the checker has given its first answer, so nothing else competes
 * for the processor while Pyodide starts. The index is released at once if the reader goes to the search
 * box (click, focus or Material's keyboard shortcuts), when the checker fails, and after 15 seconds
 * whatever happens.
 */
(function () {
  if (window.HandbookWorker || typeof Worker === "undefined" || typeof WebAssembly !== "object") return;
  try {
    window.HandbookWorker = new Worker(new URL("checker-worker.mjs", document.currentScript.src), { type: "module" });
    window.HandbookWorkerLog = [];
    window.HandbookWorker.addEventListener("message", function (e) { if (window.HandbookWorkerLog) window.HandbookWorkerLog.push(e.data); });
  } catch (e) { /* the page says the checker needs a modern browser */ return; }
  finally {
    // tool-client.js may have run first (instant navigation does not keep the scripts' order): tell it.
    window.HandbookWorkerTried = true;
    window.dispatchEvent(new Event("handbook:worker"));
  }

  if (document.readyState !== "loading" || typeof XMLHttpRequest === "undefined") return;
  // Wrapped, never restored: other scripts (theme/base.js) may wrap open() after this one.
  var proto = XMLHttpRequest.prototype, open = proto.open, send = proto.send, held = [], released = false;
  function release() {
    if (released) return;
    released = true;
    held.forEach(function (go) { go(); });
    held = null;
  }
  proto.open = function (method, url) {
    this.hbSearchIndex = !released && /(^|\/)search\/search_index\.json(\?|$)/.test(String(url));
    return open.apply(this, arguments);
  };
  proto.send = function () {
    if (!this.hbSearchIndex || released) return send.apply(this, arguments);
    var xhr = this, args = arguments;
    held.push(function () { send.apply(xhr, args); });
  };
  window.HandbookWorker.addEventListener("message", function (e) {
    if (e.data && (e.data.type === "result" || e.data.type === "failed")) setTimeout(release, 0);
  });
  window.HandbookWorker.addEventListener("error", release);
  setTimeout(release, 15000);
  function nearSearch(e) {
    var t = e.target;
    return t && t.closest && (t.closest("[data-md-component=search]") || t.closest("label[for=__search]") || t.id === "__search");
  }
  document.addEventListener("focusin", function (e) { if (nearSearch(e)) release(); }, true);
  document.addEventListener("pointerdown", function (e) { if (nearSearch(e)) release(); }, true);
  document.addEventListener("keydown", function (e) {
    if (/^[fs/]$/i.test(e.key) && !/^(INPUT|TEXTAREA|SELECT)$/.test((e.target && e.target.tagName) || "")) release();
  }, true);
})();
