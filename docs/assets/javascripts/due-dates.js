/* The due-date checker's page script (tools/due-dates/ and embed/due-dates/): shows the tool at once (so
 * nothing on the page moves), then loads its ES modules (due-page.mjs, on the shared form component
 * tool-form.mjs) and, in an embed, tells the host page its height. Material's instant navigation re-runs
 * this script on each visit to a tool page: it is idempotent.
 */
(function boot() {
  "use strict";

  // Material's instant navigation may run this before tool-client.js: then wait for it.
  if (!window.HandbookClient) { window.addEventListener("handbook:client", boot, { once: true }); return; }
  var C = window.HandbookClient;
  var shared = window.HandbookDueDates || (window.HandbookDueDates = {});
  var page = import(new URL("assets/javascripts/due-page.mjs", C.base).href);

  function mountAll() {
    document.querySelectorAll("[data-checker]:not([data-tool])").forEach(function (root) {  // other tools mount themselves
      if (C.mountTool(root)) page.then(function (m) { m.mountDueDates(root, C); });
    });
    watchHeight();
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

  if (typeof window.document$ !== "undefined" && window.document$.subscribe && !shared.subscribed) {
    shared.subscribed = true;
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
})();
