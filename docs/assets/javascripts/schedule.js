/* The schedule builder's page script (tools/schedule/): shows the tool at once, then loads its ES module
 * (schedule-page.mjs, on the shared form component tool-form.mjs). Material's instant navigation re-runs
 * this script on each visit: it is idempotent.
 */
(function boot() {
  "use strict";

  // Material's instant navigation may run this before tool-client.js: then wait for it.
  if (!window.HandbookClient) { window.addEventListener("handbook:client", boot, { once: true }); return; }
  var C = window.HandbookClient;
  var shared = window.HandbookSchedule || (window.HandbookSchedule = {});
  var page = import(new URL("assets/javascripts/schedule-page.mjs", C.base).href);

  function mountAll() {
    document.querySelectorAll(".hb-schedule-tool[data-checker]").forEach(function (root) {
      if (C.mountTool(root)) page.then(function (m) { m.mountSchedule(root, C); });
    });
  }
  if (typeof window.document$ !== "undefined" && window.document$.subscribe && !shared.subscribed) {
    shared.subscribed = true;
    window.document$.subscribe(mountAll);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
})();
