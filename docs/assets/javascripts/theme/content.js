/* Material for MkDocs' content scripts (partials/javascripts/content.html), from a file so that a strict
 * Content-Security-Policy allows them (issue 11). Instant navigation runs this again on every page. */
(function () {
  "use strict";
  var script = document.currentScript;
  // content.tabs.link: select the tabs the reader chose last time.
  var tabs = script && script.hasAttribute("data-tabs-link") ? window.__md_get("__tabs") : null;
  if (Array.isArray(tabs)) {
    document.querySelectorAll(".tabbed-set").forEach(function (set) {
      var labels = set.querySelector(".tabbed-labels");
      for (var t = 0; t < tabs.length; t++) {
        var found = Array.prototype.find.call(labels.getElementsByTagName("label"), function (label) {
          return label.innerText.trim() === tabs[t];
        });
        if (found) { document.getElementById(found.htmlFor).checked = true; return; }
      }
    });
  }
  // A link to a tab (#__tabbed_1_2) opens that tab.
  var target = document.getElementById(location.hash.slice(1));
  if (target && target.name) target.checked = target.name.startsWith("__tabbed_");
})();
