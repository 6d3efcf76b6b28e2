// The handbook's service worker (issue 21 item 4): the pages a reader has visited, and the checker's files,
// kept so that they open, and the three tools answer, with no connection.
//
// scripts/service_worker.py writes it into the built site as sw.js, next to index.html, so its scope is the
// site's own path (/ or a sub-path such as /kb/), with BUILD filled in: the build id (a hash of every file of
// the built site), and the checker's files of that build. A new build is a new sw.js: the browser installs it,
// it takes over at once, and the caches of every other build are deleted, so old and new files never mix.
//
// What is served how:
// - pages, and every file whose name does not change when its content does: from the network, so a reader
//   online always gets the current build; the copy kept is used only when the network fails (offline), or
//   has not answered within NETWORK_WAIT on a page already kept (a weak signal);
// - files whose name carries a hash of their content (the snapshot, the standard library, the wheels,
//   Material's bundle): from the kept copy, once there; they cannot go stale.
// The checker's files a tool page keeps on its first visit are what every tool needs to answer (BUILD.checker);
// the rest (the standard library's core, for a start without the snapshot, and wheels no command loads) only
// once a visit has used them.
// Nothing but GET requests to this site's own path is touched, and no answer of the checker is kept: the
// worker answers in the browser and sends nothing anywhere.
//
// Turning it off (README, "Offline use"): HANDBOOK_OFFLINE=off when building writes an sw.js that deletes its
// caches and unregisters itself in every browser that had installed it.
const BUILD = /*BUILD*/ null;
const PREFIX = "handbook-";
const CACHE = BUILD && PREFIX + BUILD.id;
const CODE_CACHE_MARK = PREFIX + "code-cache";
const SCOPE = new URL(self.registration.scope);
const NETWORK_WAIT = 4000;
const WHEN_USED = new Set(BUILD ? (BUILD.whenUsed || []).map((path) => new URL(path, SCOPE).href) : []);
// A file named for its content: a 12-hex hash before the extension, a ?v= hash, or Material's bundle names.
const IMMUTABLE = /-[0-9a-f]{12}\.[a-z.]+$|[?&]v=[0-9a-f]{8,}|\.[0-9a-f]{8}\.min\.(js|css)$/;

self.addEventListener("install", (event) => {
  if (!BUILD) throw new Error("sw.js was not written by scripts/service_worker.py");
  self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      // The checker's worker's mark of its exercise for the code cache (checker-worker.mjs) outlives a build
      // (its key names the build), but not the off switch.
      if (name.startsWith(PREFIX) && name !== CACHE && (BUILD.off || name !== CODE_CACHE_MARK)) await caches.delete(name);
    }
    if (BUILD.off) {
      await self.registration.unregister();
      return;
    }
    await self.clients.claim();
  })());
});

// A page tells what it has already loaded before this worker controlled it (on the first visit): the page
// itself, its scripts and styles, and, on a tool page, that the checker's files are wanted. They come from the
// browser's HTTP cache, so keeping them costs no second download.
self.addEventListener("message", (event) => {
  const data = event.data || {};
  if (BUILD.off || data.type !== "keep") return;
  const urls = (data.urls || []).filter(inScope);
  if (data.checker) urls.push(...BUILD.checker.map((path) => new URL(path, SCOPE).href));
  const reply = event.ports && event.ports[0];
  event.waitUntil(keep(urls).then((kept) => reply && reply.postMessage({ type: "kept", build: BUILD.id, files: kept })));
});

/** Keeps each address not kept yet; says how many of them are kept now. */
async function keep(urls) {
  const cache = await caches.open(CACHE);
  let kept = 0;
  for (const url of new Set(urls)) {
    if (await cache.match(url)) { kept++; continue; }
    try {
      const response = await fetch(url, { credentials: "same-origin" });
      if (response.ok && response.type === "basic") { await cache.put(url, response); kept++; }
    } catch (err) { /* offline again: the next visit keeps it */ }
  }
  return kept;
}

function inScope(url) {
  try {
    const u = new URL(url, SCOPE);
    return u.origin === SCOPE.origin && u.pathname.startsWith(SCOPE.pathname);
  } catch (err) {
    return false;
  }
}

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (BUILD.off || request.method !== "GET" || !inScope(request.url) || new URL(request.url).pathname === new URL("sw.js", SCOPE).pathname) return;
  // The checker's files, online, go straight to the browser as if there were no worker: a response passed
  // through here costs the warm start 0.5 s or more (the 9.6 MB wasm streamed through this worker). Those kept
  // only once used (BUILD.whenUsed: the standard library's core, wheels no command loads) are kept as they pass.
  if (navigator.onLine && new URL(request.url).pathname.startsWith(new URL("assets/pyodide/", SCOPE).pathname)) {
    if (WHEN_USED.has(request.url)) event.respondWith(fromCache(request));
    return;
  }
  event.respondWith(IMMUTABLE.test(request.url) ? fromCache(request) : fromNetwork(request, event));
});

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const response = await fetch(request);
  if (response.ok && response.type === "basic") await cache.put(request, response.clone());
  return response;
}

// A page is kept without its query (a case in the address is the reader's own, and the page is the same);
// anything else by its full address.
function key(request) {
  if (request.mode !== "navigate") return request;
  const url = new URL(request.url);
  url.search = "";
  url.hash = "";
  return url.href;
}

async function fromNetwork(request, event) {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(key(request));
  const network = fetch(request).then(async (response) => {
    if (response.ok && response.type === "basic" && !(kept && same(kept, response))) {
      await cache.put(key(request), response.clone());
    }
    return response;
  });
  if (!kept) return network;
  event.waitUntil(network.catch(() => {}));
  let timer;
  const slow = new Promise((resolve) => { timer = setTimeout(() => resolve(kept), NETWORK_WAIT); });
  try {
    return await Promise.race([network, slow]);
  } catch (err) {
    return kept;
  } finally {
    clearTimeout(timer);
  }
}

// The same file as the one kept (so it is not written again: the wasm is 9.6 MB): same validators and length.
function same(a, b) {
  const h = (r, name) => r.headers.get(name);
  const tag = h(b, "ETag") || h(b, "Last-Modified");
  return !!tag && (h(a, "ETag") || h(a, "Last-Modified")) === tag && h(a, "Content-Length") === h(b, "Content-Length");
}
