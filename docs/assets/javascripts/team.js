/* The team check's page script (tools/team/, CONTRIBUTING.md): it loads the page's modules (team/page.mjs:
 * intake, mapping, table, export and print), once per window; they mount on every visit of the page
 * (Material's instant navigation), each tool root once. Where the modules cannot load (a page opened from
 * file://, where browsers refuse module scripts; a server sending .mjs with the wrong type), the tool says
 * why, as every tool does when it cannot start. */
(function () {
  "use strict";
  if (window.HandbookTeamLoading) return;
  var src = document.currentScript && document.currentScript.src;
  function cannotLoad() {
    var C = window.HandbookClient;
    if (!C) { window.addEventListener("handbook:client", cannotLoad, { once: true }); return; }
    document.querySelectorAll("[data-team]").forEach(function (root) {
      if (!C.mountTool(root)) return;  // it has said why (file://, a sandboxed frame) or given way to its tables
      root.dataset.state = "failed";
      var progress = root.querySelector("[data-progress]");
      progress.textContent = "The team check could not start: its script assets/javascripts/team/page.mjs did not " +
        "load. Check that the site was copied in full and that the web server sends files ending in .mjs " +
        "(MIME type text/javascript).";
      progress.hidden = false;
      root.querySelector("form").hidden = true;
    });
  }
  window.HandbookTeamLoading = import(new URL("team/page.mjs", src || location.href).href).catch(cannotLoad);
})();
