// The checker's Web Worker: runs the rule core (`checker` package) in the site's own Pyodide.
// Messages in:  {id, command, params}            (command and params as checker.api.call takes them)
// Messages out: {type: "progress", text}         honest start-up progress
//               {type: "ready", ms, snapshot}    the checker can answer (snapshot: how Python started)
//               {type: "failed", message}        start-up failed: sentences an administrator can act on
//               {type: "result", id, result}     checker.api.call's dict: {ok: ...} or {error: {field, message}}
// Nothing is fetched from anywhere but this site: Pyodide is given the site's own lock file, which lists
// only the wheels the site ships (scripts/pyodide_assets.py), byte-compiled for its Python.
//
// The fast start (issue 12 item 7), described by checker-startup.json (written by the build): the standard
// library is byte-compiled and cut to the core the checker needs (the rest is downloaded only if something
// outside it is imported: `handbookLoadFullStdlib`); when the build could make one, a memory snapshot of
// Python with the checker already imported is restored instead of starting Python, and if it cannot be
// restored Python starts normally on the same files (the answers are the same either way). The wheels are
// the checker's own dependencies, in the order the manifest gives (from pyproject.toml, not a list here).
//
// Everything starts at once, before any of it is awaited: Pyodide's two scripts, the wasm, the lock and the
// manifest, then the wheels and the snapshot. The page posts its first questions without waiting for
// "ready": they wait here (onmessage) and are answered, in order, the moment the checker is loaded.
//
// Start-up failures explain themselves (issue 11 item 3, DESIGN §5): every download is watched (its HTTP
// status, its MIME type where browsers insist on one, and whether bytes keep coming); a missing file, a
// refused one, one that stalls, a script served with the wrong type or WebAssembly blocked ends start-up
// within 30 seconds with a message naming the file and what to change on the server.
const base = new URL("../pyodide/", import.meta.url).href;
const progress = (text) => postMessage({ type: "progress", text });
const t0 = performance.now();
// When each step of the start was reached, as wall-clock milliseconds (the page subtracts its own
// performance.timeOrigin to get them from navigation start): sent with "ready", printed by the bench.
const milestones = {};
const mark = (name) => { milestones[name] = Math.round(performance.timeOrigin + performance.now()); };
mark("worker running");
const STALL_MS = 15000; // no byte of a pending file for this long: it has stalled
const CHECKER = "supervision-checker";
// Wheels some commands need, loaded from the site's own lock the first time one of them is asked (the
// calendar file of the schedule builder needs `icalendar`, a spreadsheet on the team check `python-calamine`), never on
// the way to the first answer.
const ON_DEMAND = { "schedule-ics": ["icalendar"], "team-sheet": ["python-calamine"] };

// ------------------------------------------------------------------ start-up watchdog and diagnosis
let fail;
const problem = new Promise((_, reject) => { fail = reject; });
problem.catch(() => {});
class StartupError extends Error {}
const pending = new Map(); // request -> {file, last}
let finished = false;

const fileName = (url) => decodeURIComponent(new URL(url, base).pathname.split("/").pop());
const ext = (file) => (/\.[a-z0-9]+$/i.exec(file) || [""])[0];
function hintFor(file) {
  return `Check that the site's folder assets/pyodide/ was copied in full and that the web server sends files ending in ${ext(file)}` +
    (ext(file) === ".wasm" ? " (MIME type application/wasm)" : ext(file) === ".mjs" ? " (MIME type text/javascript)" :
      ext(file) === ".gz" || ext(file) === ".zip" || ext(file) === ".whl" ? " (MIME type application/octet-stream or application/zip)" : "") + ".";
}
function statusProblem(file, status) {
  const what = status === 404 ? "was not found on the server (HTTP 404)" :
    status === 403 || status === 401 ? `was refused by the server (HTTP ${status})` : `could not be downloaded: the server answered HTTP ${status}`;
  return `The file ${file} ${what}. ${hintFor(file)}`;
}
function networkProblem(file) {
  return `The file ${file} could not be downloaded: the connection was refused or blocked (by the server, a proxy or web filter, or a Content-Security-Policy without connect-src 'self'). ${hintFor(file)}`;
}

// Every fetch in this worker, Pyodide's own included, goes through here: failures name their file at once.
const realFetch = globalThis.fetch.bind(globalThis);
const prefetched = new Map();
globalThis.fetch = function watchedFetch(input, init) {
  const url = new URL(typeof input === "string" || input instanceof URL ? String(input) : input.url, base).href;
  const optional = !!(init && init.handbookOptional);
  const early = (!init || !Object.keys(init).length) && prefetched.get(url);
  if (early) prefetched.delete(url);
  return early || watch(url, realFetch(input, init), optional, !!(init && init.integrity), !!(init && init.handbookOriginal));
};
// `original`: the response itself is handed on (the wasm: only a response the browser fetched, not one made
// here, is compiled from and into the browser's code cache); its bytes are watched on a clone of it.
function watch(url, request, optional, integrity, original = false) {
  const file = fileName(url);
  const entry = { file, last: performance.now() };
  const key = {};
  if (!finished && !optional) pending.set(key, entry);
  return request.then((response) => {
    entry.last = performance.now();
    if (!response.ok) {
      pending.delete(key);
      if (!optional && !finished) fail(new StartupError(statusProblem(file, response.status)));
      return response;
    }
    let headers = response.headers;
    const type = (headers.get("Content-Type") || "").split(";")[0].trim().toLowerCase();
    if (ext(file) === ".wasm" && type !== "application/wasm") {
      // Browsers refuse to compile a wasm file while it downloads unless it is served as application/wasm,
      // and Pyodide then gives up; compiled here from the same bytes instead, a little slower.
      console.warn(`Supervision checker: ${file} is served as "${type || "no type"}"; set the MIME type of .wasm files to ` +
        "application/wasm on the web server so browsers can compile it while it downloads. The checker works, but starts more slowly.");
      postMessage({ type: "warning", message: `${file} is served as ${type || "no type"}, not application/wasm` });
      headers = new Headers(headers);
      headers.set("Content-Type", "application/wasm");
    }
    if (!response.body) { pending.delete(key); return response; }
    if (original && headers === response.headers) {
      const reader = response.clone().body.getReader();
      (async () => {
        try {
          for (;;) {
            const { done } = await reader.read();
            if (done) break;
            entry.last = performance.now();
          }
        } catch (err) { /* the download failed: the compile, which reads the original, reports it */ }
        pending.delete(key);
      })();
      return response;
    }
    const counted = response.body.pipeThrough(new TransformStream({
      transform(chunk, out) { entry.last = performance.now(); out.enqueue(chunk); },
      flush() { pending.delete(key); },
    }));
    return new Response(counted, { status: response.status, statusText: response.statusText, headers });
  }, async (err) => {
    pending.delete(key);
    if (!optional && !finished && err && err.name !== "AbortError") {
      fail(new StartupError(await requestProblem(url, integrity)));
    }
    throw err;
  });
}
// A request that failed outright (no response to look at): asked again, plainly, to learn why.
async function requestProblem(url, integrity) {
  const file = fileName(url);
  try {
    const r = await realFetch(url, { cache: "no-store" });
    if (!r.ok) return statusProblem(file, r.status);
    if (integrity) return `The file ${file} is not the file this build of the site made (its checksum differs): copy assets/pyodide/ again from the built site, and check that no proxy alters it.`;
  } catch (again) { /* the connection itself fails */ }
  return networkProblem(file);
}
// A script imported by the worker (no fetch of ours): stalls and failures are explained by asking for it again.
function watchImport(url, promise) {
  const entry = { file: fileName(url), last: performance.now(), script: true };
  const key = {};
  pending.set(key, entry);
  return promise.then((module) => {
    pending.delete(key);
    return module;
  }, async () => {
    pending.delete(key);
    const err = new StartupError(await scriptProblem(url));
    fail(err);
    throw err;
  });
}
async function scriptProblem(url) {
  const file = fileName(url);
  try {
    const r = await realFetch(url, { cache: "no-store" });
    if (!r.ok) return statusProblem(file, r.status);
    const type = (r.headers.get("Content-Type") || "").split(";")[0].trim();
    if (!/javascript|ecmascript/i.test(type)) {
      return `The file ${file} is served as "${type || "no type"}", which browsers refuse to run as a script. ` +
        "Set the MIME type of .mjs files to text/javascript on the web server.";
    }
    return `The file ${file} was downloaded but could not be run: it may be damaged or from another version of the site. Copy assets/pyodide/ again from the built site.`;
  } catch (err) {
    return networkProblem(file);
  }
}
const watchdog = setInterval(() => {
  const now = performance.now();
  for (const entry of pending.values()) {
    if (now - entry.last > (entry.script ? STALL_MS + 10000 : STALL_MS)) {
      fail(new StartupError(`The file ${entry.file} did not arrive: the server has sent nothing for ` +
        `${Math.round((now - entry.last) / 1000)} seconds. Check that the web server, and any proxy or web filter in between, ` +
        `delivers files ending in ${ext(entry.file)}.`));
    }
  }
}, 1000);
// Pyodide reports a wasm it cannot start on the console and then waits for ever: its words end start-up here.
const consoleWarn = console.warn.bind(console);
let wasmFailed = false;
console.warn = (...args) => {
  consoleWarn(...args);
  if (finished) return;
  if (args[0] === "wasm instantiation failed!") wasmFailed = true;
  else if (wasmFailed) {
    const err = args[0];
    fail(new StartupError(/unsafe-eval|Content Security Policy|CSP/i.test(String(err && err.message)) ? cspProblem() :
      "The file pyodide.asm.wasm could not be started as WebAssembly: it may be damaged, from another version of the site, or altered by a proxy. " +
      "Copy assets/pyodide/ again from the built site and check that the server sends .wasm files unchanged, as application/wasm."));
  }
};
function cspProblem() {
  return "This page is not allowed to run WebAssembly: the web server's Content-Security-Policy must include 'wasm-unsafe-eval' in script-src " +
    "(for example script-src 'self' 'wasm-unsafe-eval').";
}

// ------------------------------------------------------------------ start everything at once
const pyodideScript = watchImport(base + "pyodide.mjs", import("../pyodide/pyodide.mjs"));
const snapshotFormat = watchImport(new URL("snapshot-pages.mjs", import.meta.url).href, import("./snapshot-pages.mjs"));
snapshotFormat.catch(() => {});
const pyodideAsm = watchImport(base + "pyodide.asm.mjs", import("../pyodide/pyodide.asm.mjs"));
pyodideScript.catch(() => {});
pyodideAsm.catch(() => {});
// The WebAssembly module is compiled as it downloads, from the start, while the snapshot downloads and
// unpacks: Pyodide would begin compiling only once it is called, after the snapshot (whose size sets the
// memory's). Pyodide's own request for the file is then answered with this module.
const WASM = base + "pyodide.asm.wasm";
const compiledWasm = globalThis.fetch(WASM, { handbookOriginal: true }).then((r) => {
  if (!r.ok) throw new Error(`HTTP ${r.status}`);  // the watcher has named the file and the status
  return WebAssembly.compileStreaming(r);
}).then((module) => { mark("wasm compiled"); return module; });
compiledWasm.catch(() => {});  // reported where Pyodide instantiates it
// The snapshot's pages that hold what the module writes into memory as it is instantiated are copied from
// that memory, the moment it is (snapshot-pages.mjs): set when the snapshot is unpacked.
let fillSnapshot = null;
const wasmStandIn = new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
prefetched.set(WASM, Promise.resolve(wasmStandIn));
const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  if (response !== wasmStandIn) return instantiateStreaming(response, imports);
  const module = await compiledWasm;
  const instance = await WebAssembly.instantiate(module, imports);
  mark("instantiated");
  const memory = instance.exports.memory || (imports.env && imports.env.memory);
  if (fillSnapshot && memory instanceof WebAssembly.Memory) fillSnapshot(new Uint8Array(memory.buffer));
  fillSnapshot = null;
  return { module, instance };
};

async function fetchJson(name) {
  const r = await fetch(base + name, { cache: "no-cache" });
  if (!r.ok) throw new StartupError(statusProblem(name, r.status));
  try {
    return await r.json();
  } catch (err) {
    throw new StartupError(`The file ${name} is not the list the build wrote (it does not read as JSON): the server may have sent an error page instead. ${hintFor(name)}`);
  }
}

async function start() {
  progress("Loading the checker…");
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (err) {
    throw new StartupError(cspProblem());
  }
  // The lock and the manifest are revalidated on every start so a new build's files are never mixed with
  // cached ones; each wheel's URL carries its hash for the same reason, and its integrity is checked.
  const lockPromise = fetchJson("pyodide-lock.json");
  const manifestPromise = fetchJson("checker-startup.json");
  lockPromise.catch(() => {});
  manifestPromise.catch(() => {});
  const fetchWheel = (pkg) =>
    fetch(base + pkg.file_name + `?v=${pkg.sha256.slice(0, 12)}`, {
      integrity: `sha256-${hexToBase64(pkg.sha256)}`,
    }).then((r) => {
      if (!r.ok) throw new StartupError(statusProblem(pkg.file_name, r.status));
      return r.arrayBuffer();
    }, async () => {
      await problem; // the watcher names what went wrong (it rejects this promise first)
    });
  const downloads = Promise.all([lockPromise, manifestPromise]).then(([lock, manifest]) =>
    manifest.wheels.map((name) => {
      if (!lock.packages[name]) throw new StartupError("The files pyodide-lock.json and checker-startup.json are from different builds. Copy assets/pyodide/ again from the built site.");
      const buffer = fetchWheel(lock.packages[name]);
      buffer.catch(() => {}); // reported where it is awaited
      return { pkg: lock.packages[name], buffer };
    }));
  downloads.catch(() => {});
  // The snapshot is optional: if it cannot be downloaded or unpacked, Python starts normally.
  const snapshot = manifestPromise.then(async (manifest) => {
    if (!manifest.snapshot || typeof DecompressionStream === "undefined") return null;
    try {
      const r = await fetch(base + manifest.snapshot, { handbookOptional: true });
      if (!r.ok) throw new Error(`HTTP ${r.status}`);
      // Unpacked as it arrives. A server that marks .gz files Content-Encoding: gzip has had the browser
      // unpack it already: the file's first bytes tell.
      const reader = r.body.getReader();
      const first = await reader.read();
      const whole = new ReadableStream({
        start(out) { if (!first.done) out.enqueue(first.value); },
        async pull(out) {
          const { done, value } = await reader.read();
          if (done) out.close(); else out.enqueue(value);
        },
      });
      const gzipped = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
      const bytes = await new Response(gzipped ? whole.pipeThrough(new DecompressionStream("gzip")) : whole).arrayBuffer();
      const { unpackSnapshot } = await snapshotFormat;
      const { snapshot, fill } = unpackSnapshot(new Uint8Array(bytes));
      fillSnapshot = fill;
      mark("snapshot unpacked");
      return snapshot;
    } catch (err) {
      console.warn(`Supervision checker: the start-up snapshot ${manifest.snapshot} could not be loaded (${err}); starting Python normally.`);
      return null;
    }
  }, () => null);
  // While Pyodide compiles, the wheels are unzipped here (the browser's own inflate); their files are written
  // into site-packages before Python starts (fsInit), so Python's installer is not needed on the way to the
  // first answer. A wheel this cannot read is left to Pyodide's installer after start-up.
  const unpacked = downloads.then((list) =>
    Promise.all(list.map(async ({ pkg, buffer }) => ({ pkg, buffer, files: await unzipWheel(await buffer) }))));
  unpacked.catch(() => {});
  const manifest = await manifestPromise;
  const { loadPyodide } = await pyodideScript;
  let pyodide = null;
  // Anything outside the standard library's core, imported later: the whole (compiled) library, fetched
  // synchronously (this is a worker) the first time, and written where Python's finder looks for it.
  globalThis.handbookLoadFullStdlib = (path) => {
    const xhr = new XMLHttpRequest();
    xhr.open("GET", base + manifest.stdlib_full, false);
    xhr.responseType = "arraybuffer";
    xhr.send();
    if (xhr.status !== 200 || !pyodide) return false;
    pyodide.FS.writeFile(path, new Uint8Array(xhr.response));
    return true;
  };
  // A policy's rules, the first time it is asked about (checker.rulebook.read_policies_with): its file's text,
  // or undefined when it cannot be had (no connection and not kept), which the core answers with a calm error.
  globalThis.handbookReadPolicy = (name) => {
    const file = manifest.policies && manifest.policies[name];
    if (!file) return undefined;
    const xhr = new XMLHttpRequest();
    xhr.open("GET", base + file, false);
    try { xhr.send(); } catch { return undefined; }
    return xhr.status === 200 ? xhr.responseText : undefined;
  };
  const load = async (fromSnapshot) => {
    let fsError = null;
    const py = await loadPyodide({
      indexURL: base,
      packageBaseUrl: base,
      lockFileContents: lockPromise,
      // A snapshot holds every module of the core already imported, and restores on an empty zip.
      stdLibURL: base + (fromSnapshot ? manifest.stdlib_snapshot : manifest.stdlib),
      ...(fromSnapshot ? { _loadSnapshot: fromSnapshot } : {}),
      createPyodideModule: async (settings) => (await pyodideAsm).default(settings),
      fsInit: async (FS, { sitePackages }) => {
        try {
          for (const { files } of await unpacked) {
            for (const f of files || []) {
              // Nothing here reads a wheel's .dist-info, and Pyodide would record those it finds as JavaScript
              // objects, which a memory snapshot cannot hold: left out, as the build leaves them out.
              if (/^[^/]+\.dist-info\//.test(f.path)) continue;
              const path = `${sitePackages}/${f.path}`;
              FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
              FS.writeFile(path, f.data);
            }
          }
        } catch (err) {
          fsError = err;
        }
      },
      stdout: () => {},
      stderr: () => {},
    });
    if (fsError) throw fsError;
    return py;
  };
  const restored = await snapshot;
  let fromSnapshot = false;
  if (restored) {
    try {
      pyodide = await Promise.race([load(restored), problem]);
      mark("snapshot restored");
      pyodide.runPython("import importlib; importlib.invalidate_caches()");
      fromSnapshot = true;
    } catch (err) {
      if (err instanceof StartupError) throw err;
      console.warn(`Supervision checker: the start-up snapshot could not be restored (${String(err).split("\n")[0]}); starting Python normally.`);
      pyodide = null;
    }
  }
  if (!pyodide) {
    pyodide = await Promise.race([load(null), problem]);
    progress("Loading the checker’s rules…");
    const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
    const api_ = pyodide._api || {};
    for (const { pkg, buffer, files } of await unpacked) {
      const dynlibs = (files || []).filter((f) => /\.so(\.|$)/.test(f.path));
      if (files && (!dynlibs.length || typeof api_.loadDynlib === "function")) {
        // Already on disk; a compiled extension is loaded as Pyodide's installer would.
        for (const lib of dynlibs) await api_.loadDynlib(`${sitePackages}/${lib.path}`);
      } else if (typeof api_.install === "function") {
        await api_.install(await buffer, pkg.file_name, sitePackages, new Map([["INSTALLER", "handbook"]]));
      } else {
        pyodide.unpackArchive(await buffer, "wheel", { extractDir: sitePackages });
      }
    }
    pyodide.runPython("import importlib; importlib.invalidate_caches()");
    pyodide.runPython(manifest.setup);
  }
  pyodide.runPython(manifest.enable);
  const api = pyodide.pyimport(manifest.core_import);
  return { pyodide, api, fromSnapshot };
}

// The files of a wheel (a zip), inflated with DecompressionStream; null if it holds anything this simple
// reader does not handle (zip64, another compression, a .data directory, an unsafe path).
async function unzipWheel(buffer) {
  if (typeof DecompressionStream === "undefined") return null;
  const bytes = new Uint8Array(buffer);
  const view = new DataView(buffer);
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 65535); i--) {
    if (view.getUint32(i, true) === 0x06054b50) { end = i; break; }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) return null;
  const names = new TextDecoder();
  const jobs = [];
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) return null;
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const path = names.decode(bytes.subarray(at + 46, at + 46 + nameLength));
    at += 46 + skip;
    if (path.endsWith("/")) continue;
    if (path.startsWith("/") || path.split("/").includes("..") || /\.data\//.test(path.split("/")[0] + "/")) return null;
    if (size === 0xffffffff || (method !== 0 && method !== 8)) return null;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + size);
    jobs.push(method === 0 ? { path, data: raw.slice() } : new Response(
      new Blob([raw]).stream().pipeThrough(new DecompressionStream("deflate-raw"))
    ).arrayBuffer().then((out) => ({ path, data: new Uint8Array(out) })));
  }
  return Promise.all(jobs);
}

function hexToBase64(hex) {
  let bin = "";
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(bin);
}

const ready = Promise.race([start(), problem]);
ready.then(
  ({ fromSnapshot }) => {
    finished = true;
    clearInterval(watchdog);
    mark("ready");
    postMessage({ type: "ready", ms: Math.round(performance.now() - t0), snapshot: fromSnapshot, milestones });
  },
  (err) => {
    finished = true;
    clearInterval(watchdog);
    if (!(err instanceof StartupError)) console.error("Supervision checker: start-up failed:", err);
    postMessage({
      type: "failed",
      message: err instanceof StartupError ? err.message :
        "Python could not be started in this browser (the technical detail is in the browser's console). " +
        "If this keeps happening, copy assets/pyodide/ again from the built site.",
    });
  }
);

onmessage = async (event) => {
  const { id, command, params } = event.data || {};
  let result;
  try {
    const { pyodide, api } = await ready;
    if (ON_DEMAND[command]) await pyodide.loadPackage(ON_DEMAND[command], { messageCallback: () => {} });
    const t = performance.now();
    // JSON text both ways: much cheaper than converting a large answer proxy by proxy. A file's bytes (the
    // team check's CSV), which JSON cannot carry, go beside it as the typed array itself.
    const named = Object.entries(params || {}).find(([, v]) => v instanceof ArrayBuffer || ArrayBuffer.isView(v));
    const rest = Object.fromEntries(Object.entries(params || {}).filter(([k]) => !named || k !== named[0]));
    const bytes = named && (named[1] instanceof ArrayBuffer ? new Uint8Array(named[1]) : named[1]);
    result = JSON.parse(named ? api.call_json(command, JSON.stringify(rest), named[0], bytes)
                              : api.call_json(command, JSON.stringify(rest)));
    postMessage({ type: "result", id, result, ms: performance.now() - t });
  } catch (err) {
    postMessage({
      type: "result",
      id,
      result: { error: { field: null, message: "The checker could not work this out. Please try again." } },
    });
  }
};
