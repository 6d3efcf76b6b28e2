/* Material for MkDocs' start-up helpers, from a file instead of an inline script so that a strict
 * Content-Security-Policy (script-src 'self') allows them (issue 11). Loaded in the head of every page by
 * overrides/partials/javascripts/base.html, before Material's bundle.
 *
 * 1. __md_scope, __md_hash, __md_get and __md_set, as Material's partials/javascripts/base.html defines
 *    them. The scope is the site's root, found from this file's own address (assets/javascripts/theme/ is
 *    three folders below it) rather than written into the page, so it is right under any sub-path.
 * 2. Links within the page are followed by the browser, not by instant navigation (see below).
 * 3. Instant navigation on any host. Material only navigates instantly to pages listed in sitemap.xml, and
 *    the sitemap holds the address the site was built for (SITE_URL; "/…" paths when it is not set). When
 *    Material downloads the sitemap, this rewrites that address to the one the site is served from, so
 *    instant navigation works on any host, port and sub-path.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  var root = new URL("../../../", script.src);

  window.__md_scope = script.dataset.scope ? new URL(script.dataset.scope, location) : root;
  window.__md_hash = function (text) {
    return Array.from(text).reduce(function (h, c) { return (h << 5) - h + c.charCodeAt(0); }, 0);
  };
  window.__md_get = function (key, storage, base) {
    storage = storage === undefined ? localStorage : storage;
    base = base === undefined ? window.__md_scope : base;
    return JSON.parse(storage.getItem(base.pathname + "." + key));
  };
  window.__md_set = function (key, value, storage, base) {
    storage = storage === undefined ? localStorage : storage;
    base = base === undefined ? window.__md_scope : base;
    try { storage.setItem(base.pathname + "." + key, JSON.stringify(value)); } catch (e) { /* storage full or off */ }
  };

  // ---------------------------------------------------------------- links within the page
  // Instant navigation takes every link to a page in the sitemap, including a link to a part of the
  // same page ("Skip to content", the contents, a cited paragraph above), and once it is running it may
  // even fetch and redraw the whole page when the browser follows such a link itself: the keyboard's place
  // is then lost, and Tab after "Skip to content" went back to the page's top. So such a link is followed
  // here: the address gets its #part (a history entry, without the events instant navigation reacts to),
  // the part is scrolled into view, marked as the target (.hb-target, as :target would be) and given the
  // focus, so that Tab goes on from there. (An error summary's links, [data-target], are the tool's own.)
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest ? e.target.closest("a[href*='#']:not([data-target])") : null;
    if (!a || a.target || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey || e.defaultPrevented) return;
    var url = new URL(a.href, location.href);
    if (url.origin !== location.origin || url.pathname !== location.pathname || url.search !== location.search || !url.hash) return;
    e.stopPropagation();
    var part = null;
    try { part = document.getElementById(decodeURIComponent(url.hash.slice(1))); } catch (err) { /* a malformed #part */ }
    if (!part) return;  // the browser does what it can with it
    e.preventDefault();
    if (location.hash !== url.hash) history.pushState(null, "", url.hash);
    var before = document.querySelector(".hb-target");
    if (before) before.classList.remove("hb-target");
    part.classList.add("hb-target");
    part.scrollIntoView();
    if (!part.matches("a[href], button, input, select, textarea, [tabindex]")) part.setAttribute("tabindex", "-1");
    part.focus({ preventScroll: true });
  }, true);

  // ---------------------------------------------------------------- the sitemap, rebased
  var built = script.dataset.siteUrl || "/";
  var here = root.href;
  if (built === here || typeof XMLHttpRequest === "undefined") return;
  var sitemap = new URL("sitemap.xml", root).href;
  function xml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }
  var from = "<loc>" + xml(built), to = "<loc>" + xml(here);
  function rebase(text) { return String(text).split(from).join(to); }

  var proto = XMLHttpRequest.prototype;
  var open = proto.open;
  var typeSlot = Object.getOwnPropertyDescriptor(proto, "responseType");
  var responseSlot = Object.getOwnPropertyDescriptor(proto, "response");
  proto.open = function (method, url) {
    var target;
    try { target = new URL(String(url), location.href).href; } catch (e) { target = ""; }
    if (target === sitemap && typeSlot && responseSlot) {
      // Material asks for a Blob; read the sitemap as text instead and hand back a rebased Blob.
      var xhr = this, wanted = "";
      Object.defineProperty(xhr, "responseType", { configurable: true,
        get: function () { return wanted; },
        set: function (value) { wanted = value; typeSlot.set.call(xhr, "text"); } });
      Object.defineProperty(xhr, "response", { configurable: true,
        get: function () {
          var text = responseSlot.get.call(xhr);
          if (typeof text !== "string") return text;
          return wanted === "blob" ? new Blob([rebase(text)], { type: "application/xml" }) : rebase(text);
        } });
    }
    return open.apply(this, arguments);
  };
})();
