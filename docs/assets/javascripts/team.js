/* The team check's page script (tools/team/, CONTRIBUTING.md): it loads the page's modules (team/page.mjs:
 * intake, mapping, table, export and print), once per window; they mount on every visit of the page
 * (Material's instant navigation), each tool root once. */
(function () {
  "use strict";
  if (window.HandbookTeamLoading) return;
  var src = document.currentScript && document.currentScript.src;
  window.HandbookTeamLoading = import(new URL("team/page.mjs", src || location.href).href);
})();
