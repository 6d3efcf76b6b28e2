/* Offline use (issue 21 item 4): registers the site's service worker (sw.js at the site's root, written by
 * scripts/service_worker.py after the build), scoped to the site's own path, so that the pages a reader has
 * visited and, once a tool has been used, the checker's files, open with no connection.
 *
 * On the first visit the page was loaded before the worker existed: it tells the worker what it has already
 * loaded (the page, its scripts and styles) and, on a tool page, to keep the checker's files, which the worker
 * takes from the browser's cache. It runs late (after the theme on a tool page, which itself waits for the
 * first answer), so it never competes with the checker's start. Nothing is sent anywhere.
 */
(function () {
  if (!("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol) || !document.currentScript) return;
  var root = new URL("../../", document.currentScript.src); // assets/javascripts/ -> the site's root
  if (root.origin !== location.origin) return;
  function pageFiles() {
    var urls = [location.origin + location.pathname];
    if (window.performance && performance.getEntriesByType) {
      performance.getEntriesByType("resource").forEach(function (e) { urls.push(e.name); });
    }
    return urls;
  }
  function tell(registration) {
    var worker = registration.active;
    if (!worker) return;
    // The worker answers once it has kept them: window.HandbookOffline says so (for the tests).
    var channel = new MessageChannel();
    channel.port1.onmessage = function (e) { window.HandbookOffline = e.data; };
    worker.postMessage({
      type: "keep",
      urls: pageFiles(),
      checker: !!document.querySelector("[data-checker], [data-team], [data-schedule]"),
    }, [channel.port2]);
  }
  function register() {
    navigator.serviceWorker.register(new URL("sw.js", root).href, { scope: root.href })
      .then(function () { return navigator.serviceWorker.ready; })
      .then(tell)
      .catch(function () { /* no sw.js (mkdocs serve), or storage refused: the site works online as before */ });
  }
  // After the tool's first answer where there is a tool (the checker's files are then in the browser's cache).
  function whenSettled() {
    var worker = window.HandbookWorker;
    if (!worker || window.HandbookStartup) return register();
    worker.addEventListener("message", function once(e) {
      var type = e.data && e.data.type;
      if (type !== "ready" && type !== "failed") return;
      worker.removeEventListener("message", once);
      setTimeout(register, 0);
    });
  }
  if (document.readyState === "complete") whenSettled();
  else window.addEventListener("load", whenSettled, { once: true });
})();
