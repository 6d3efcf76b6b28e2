// The checker's Web Worker: runs the rule core (`checker` package) in the site's own Pyodide.
// Messages in:  {id, command, params}            (command and params as checker.api.call takes them)
//               {type: "expect", policy}         the policy the page's address names (see expectPolicy)
//               {type: "handover", part: "wasm", ...}  the page's compiled wasm (see compiledByPage)
// Messages out: {type: "progress", text}         honest start-up progress
//               {type: "ready", ms, snapshot, milestones, handed}
//                                                the checker can answer (snapshot: how Python started;
//                                                handed: what the page downloaded for it)
//               {type: "failed", message}        start-up failed: sentences an administrator can act on
//               {type: "result", id, result}     checker.api.call's dict: {ok: ...} or {error: {field, message}}
//               {type: "exercised"}              the exercise for the browser's code cache is done (see there)
// Nothing is fetched from anywhere but this site: Pyodide is given the site's own lock file, which lists
// only the wheels the site ships (scripts/pyodide_assets.py), byte-compiled for its Python.
//
// The fast start (issue 12 item 7), described by checker-startup.json (written by the build): the standard
// library is byte-compiled and cut to the core the checker needs (the rest is downloaded only if something
// outside it is imported: `handbookLoadFullStdlib`); when the build could make one, a memory snapshot of
// Python with the checker already imported is restored instead of starting Python, and if it cannot be
// restored Python starts normally on the same files (the answers are the same either way). The wheels are
// the checker's own dependencies, in the order the manifest gives (from pyproject.toml, not a list here),
// installed by Pyodide (installWheels); restored from the snapshot, after the first answer.
//
// Everything starts at once, before any of it is awaited: the manifest and then the snapshot first, Pyodide's
// two scripts, the wasm (compiled as it downloads; on a first visit by the page, which hands the module over:
// `compiledByPage`) and the lock. Pyodide is called as soon as the snapshot's size is known, and instantiates once
// it has all arrived. Pyodide's private snapshot API is called only through pyodide-snapshot.mjs. The page
// posts its first questions without waiting for "ready": they wait here (onmessage) and are answered, in
// order, the moment the checker is loaded.
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
// Wheels some commands need (the manifest's `on_demand`, from scripts/pyodide_assets.py: the calendar file of
// the schedule builder needs `icalendar`, a spreadsheet on the team check `python-calamine`) are loaded from the
// site's own lock the first time one of them is asked, never on the way to the first answer.

// ------------------------------------------------------------------ start-up watchdog and diagnosis
let fail, failed = false;
const problem = new Promise((_, reject) => { fail = (err) => { failed = true; reject(err); }; });
problem.catch(() => {});
// Once start-up has failed and said why, what Pyodide had begun may still reject where nobody listens (its
// request for a file already named, say): not a new error, so not reported again.
addEventListener("unhandledrejection", (event) => { if (failed) event.preventDefault(); });
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
  return early || watch(url, realFetch(input, init), optional, !!(init && init.integrity));
};
// How a download is watched once its headers are in. Off the way to the first answer (a normal start's
// files, the wheels, the whole standard library) its bytes are watched as they pass, so a stall is seen at
// once. The wasm (`browserReads`) is handed to the browser's compiler as the browser fetched it, with
// nothing in between (so that nothing is copied, and the browser's code cache can serve the next visit where
// it keeps one), and is given time for its size to arrive at a slow rate; it is done when it is compiled.
// The snapshot, optional, is watched by its own reader (`snapshot` below), which gives up after STALL_MS.
const downloads = new WeakMap(); // response -> its done(), for a download the browser reads itself
const MIN_RATE = 32 * 1024; // bytes a second: below this, a download the browser reads itself has stalled
/** How long, in ms, a download the browser reads itself may take beyond STALL_MS: its size as sent (gzipped, if
 *  the server compresses; sent without one, taken as 8 MiB) at MIN_RATE. */
const allowFor = (length) => (length || 8 * 2 ** 20) / MIN_RATE * 1000;
function watch(url, request, optional, integrity, browserReads = false) {
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
      pending.delete(key);
      return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
    }
    if (!response.body) { pending.delete(key); return response; }
    if (browserReads) {
      entry.allow = allowFor(Number(headers.get("Content-Length")));
      downloads.set(response, () => pending.delete(key));
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
    if (now - entry.last > (entry.script ? STALL_MS + 10000 : STALL_MS) + (entry.allow || 0)) {
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
  else if (wasmFailed && args[0] instanceof SnapshotLost) wasmFailed = false; // start() starts Python normally
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
// The page may have started the wasm's download itself, earlier than this worker can (checker-boot.js): this
// worker's name then says "wasm", and the page hands it over in messages {type: "handover", part: "wasm", ...}:
// first its size as sent ({length}), then the compiled module ({module, at}), or that it failed ({failed}), and
// then the file is fetched here as if the page had never started it. Until it comes, the watchdog watches it as
// its own download (a stall is named), however long a slow connection takes.
const pageCompiles = (self.name || "").split(" ").slice(1).includes("wasm");
const handed = []; // what the page did hand over: sent with "ready", for the tests and the bench
let fromPage = () => {}; // takes the page's handover messages while its module is awaited (compiledByPage)
// First the start-up manifest and, the moment it names it, the snapshot: the longest download on the way to
// the first answer, asked for before any of Pyodide's scripts. The manifest and the lock are revalidated on
// every start, so a new build's files are never mixed with cached ones; the files they name carry a hash of
// their content in their names (the wheels in their URLs).
const manifestPromise = fetchJson("checker-startup.json");
manifestPromise.catch(() => {});
// The snapshot is optional: if it cannot be downloaded or unpacked, Python starts normally.
const snapshotResponse = manifestPromise.then((manifest) => {
  if (!manifest.snapshot || typeof DecompressionStream === "undefined") return null;
  mark("snapshot requested");
  return fetch(base + manifest.snapshot, { handbookOptional: true });
}).catch(() => null);
const pyodideScript = watchImport(base + "pyodide.mjs", import("../pyodide/pyodide.mjs"));
const snapshotFormat = watchImport(new URL("snapshot-pages.mjs", import.meta.url).href, import("./snapshot-pages.mjs"));
const snapshotApi = watchImport(new URL("pyodide-snapshot.mjs", import.meta.url).href, import("./pyodide-snapshot.mjs"));
const pyodideAsm = watchImport(base + "pyodide.asm.mjs", import("../pyodide/pyodide.asm.mjs")).then((m) => { mark("pyodide.asm.mjs evaluated"); return m; });
for (const p of [pyodideScript, snapshotFormat, snapshotApi, pyodideAsm]) p.catch(() => {});
// The WebAssembly module is compiled as it downloads, from the start, while the snapshot downloads and
// unpacks: Pyodide would begin compiling only once it is called, after the snapshot (whose size sets the
// memory's). Pyodide's own request for the file is then answered with this module.
const WASM = base + "pyodide.asm.wasm";
const compileHere = () => watch(WASM, realFetch(WASM), false, false, true).then((r) => {
  if (!r.ok) throw new Error(`HTTP ${r.status}`);  // the watcher has named the file and the status
  const done = downloads.get(r) || (() => {});
  return WebAssembly.compileStreaming(r).finally(done);
}).then((module) => { mark("wasm compiled"); return module; });
const compiledWasm = pageCompiles ? compiledByPage().then((module) => module || compileHere()) : compileHere();
/** The page's module, or null if it failed; while it comes, the watchdog watches the download as its own. */
function compiledByPage() {
  const entry = { file: fileName(WASM), last: performance.now() };
  const key = {};
  pending.set(key, entry);
  return new Promise((resolve) => {
    fromPage = (sent) => {
      if (sent.length !== undefined) {
        entry.last = performance.now();
        entry.allow = allowFor(sent.length);
        return;
      }
      pending.delete(key);
      fromPage = () => {};
      if (sent.failed) return resolve(null);
      milestones["wasm compiled"] = sent.at;
      handed.push("wasm");
      resolve(sent.module);
    };
  });
}
compiledWasm.catch(() => {});  // reported where Pyodide instantiates it
// Instantiating the module waits for the snapshot being restored, if any (`restoreFrom`, set by start()): its
// pages that hold what the module writes into memory as it is instantiated are copied from that memory, the
// moment it is (snapshot-pages.mjs). A snapshot that cannot be had after all ends this start (SnapshotLost).
let restoreFrom = null;
class SnapshotLost extends Error {}
const wasmStandIn = new Response(new Uint8Array(0), { headers: { "Content-Type": "application/wasm" } });
prefetched.set(WASM, Promise.resolve(wasmStandIn));
const instantiateStreaming = WebAssembly.instantiateStreaming.bind(WebAssembly);
WebAssembly.instantiateStreaming = async (source, imports) => {
  const response = await source;
  if (response !== wasmStandIn) return instantiateStreaming(response, imports);
  const [module, unpacked] = await Promise.all([compiledWasm, restoreFrom]);
  const instance = await WebAssembly.instantiate(module, imports);
  mark("instantiated");
  const memory = instance.exports.memory || (imports.env && imports.env.memory);
  if (unpacked && memory instanceof WebAssembly.Memory) unpacked.fill(new Uint8Array(memory.buffer));
  return { module, instance };
};

// The snapshot, unpacked as it arrives: `sized` resolves with its buffer (still being written) as soon as the
// file's head is in, so that Pyodide is set up meanwhile, and `whole` with {snapshot, fill} once it is all in;
// both with null if there is none or it cannot be read. A server that marks .gz files Content-Encoding: gzip
// has had the browser unpack it already: the file's first bytes tell.
const unpacking = snapshotResponse.then(async (r) => {
  if (!r) return null;
  const [manifest, { snapshotUnpacker }] = await Promise.all([manifestPromise, snapshotFormat]);
  const unpacker = snapshotUnpacker();
  const whole = unpackAsItArrives(r, unpacker);
  whole.catch((err) => {
    console.warn(`Supervision checker: the start-up snapshot ${manifest.snapshot} could not be loaded (${err}); starting Python normally.`);
  });
  return { sized: unpacker.sized, whole: whole.catch(() => null) };
}).catch(() => null);
const snapshot = {
  whole: unpacking.then((u) => u && u.whole),
  // Its buffer once sized; a file without the mark (sized null) once it is whole; null if it fails first.
  sized: unpacking.then(async (u) => {
    if (!u) return null;
    return (await Promise.race([u.sized, u.whole.then(() => null)])) || ((await u.whole) || {}).snapshot || null;
  }),
};
/** The snapshot response `r`'s bytes, unzipped if gzipped, pushed into `unpacker` as they arrive; its
 *  {snapshot, fill} once they are all in. Gives up when no byte arrives for STALL_MS. */
async function unpackAsItArrives(r, unpacker) {
  if (!r.ok) throw new Error(`HTTP ${r.status}`);
  const reader = r.body.getReader();
  const read = () => new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reader.cancel().catch(() => {});
      reject(new Error(`no byte of it arrived for ${STALL_MS / 1000} seconds`));
    }, STALL_MS);
    reader.read().then((x) => { clearTimeout(timer); resolve(x); }, (e) => { clearTimeout(timer); reject(e); });
  });
  const first = await read();
  const raw = new ReadableStream({
    start(out) { if (!first.done) out.enqueue(first.value); },
    async pull(out) {
      const { done, value } = await read();
      if (done) out.close(); else out.enqueue(value);
    },
  });
  const gzipped = !first.done && first.value[0] === 0x1f && first.value[1] === 0x8b;
  const pieces = (gzipped ? raw.pipeThrough(new DecompressionStream("gzip")) : raw).getReader();
  for (let piece = await pieces.read(); !piece.done; piece = await pieces.read()) unpacker.push(piece.value);
  const image = unpacker.end();
  mark("snapshot unpacked");
  return image;
}

async function fetchJson(name) {
  const r = await fetch(base + name, { cache: "no-cache" });
  if (!r.ok) throw new StartupError(statusProblem(name, r.status));
  try {
    return await r.json();
  } catch (err) {
    throw new StartupError(`The file ${name} is not the list the build wrote (it does not read as JSON): the server may have sent an error page instead. ${hintFor(name)}`);
  }
}

// The checker's own wheels (the manifest's, in order), fetched by URL with their hash (so a new build's are
// never taken from a cache) and checked against the lock, and installed by Pyodide: a pure wheel unpacked
// into site-packages (pyodide.unpackArchive), one with compiled code through Pyodide's own loader, which
// also loads its libraries (loadPackage, from the site's lock).
async function installWheels(pyodide, manifest, lock) {
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  const native = new Set(manifest.native || []);
  const pure = manifest.wheels.filter((name) => !native.has(name)).map((name) => {
    if (!lock.packages[name]) throw new StartupError("The files pyodide-lock.json and checker-startup.json are from different builds. Copy assets/pyodide/ again from the built site.");
    const pkg = lock.packages[name];
    const url = base + pkg.file_name + `?v=${pkg.sha256.slice(0, 12)}`;
    const buffer = fetch(url, { integrity: `sha256-${hexToBase64(pkg.sha256)}` }).then((r) => {
      if (!r.ok) throw new StartupError(statusProblem(pkg.file_name, r.status));
      return r.arrayBuffer();
    }, async (err) => {
      throw err instanceof StartupError ? err : new StartupError(await requestProblem(url, true));
    });
    buffer.catch(() => {}); // reported where it is awaited
    return buffer;
  });
  if (native.size) await pyodide.loadPackage([...native], { messageCallback: () => {} });
  for (const buffer of pure) pyodide.unpackArchive(await Promise.race([buffer, problem]), "wheel", { extractDir: sitePackages });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
}

async function start() {
  progress("Loading the checker…");
  try {
    new WebAssembly.Module(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
  } catch (err) {
    throw new StartupError(cspProblem());
  }
  const lockPromise = fetchJson("pyodide-lock.json");
  lockPromise.catch(() => {});
  const manifest = await manifestPromise;
  const { loadPyodide } = await pyodideScript;
  const { restoring } = await snapshotApi;
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
  // The policy the page's address names was fetched while Python started (`expect`): its text is used once.
  globalThis.handbookReadPolicy = (name) => {
    const file = manifest.policies && manifest.policies[name];
    if (!file) return undefined;
    const early = policyTexts.get(name);
    policyTexts.delete(name);
    if (early !== undefined) return early;
    const xhr = new XMLHttpRequest();
    xhr.open("GET", base + file, false);
    try { xhr.send(); } catch { return undefined; }
    return xhr.status === 200 ? xhr.responseText : undefined;
  };
  const load = (image) => Promise.race([loadPyodide({
    indexURL: base,
    packageBaseUrl: base,
    lockFileContents: lockPromise,
    // A snapshot holds every module of the core already imported, and restores on an empty zip.
    stdLibURL: base + (image ? manifest.stdlib_snapshot : manifest.stdlib),
    ...(image ? restoring(image) : {}),
    createPyodideModule: async (settings) => (await pyodideAsm).default(settings),
    stdout: () => {},
    stderr: () => {},
  }), problem]);
  // Pyodide is called as soon as the snapshot's size is known: it sets itself up while the rest arrives, and
  // instantiates once it is all in (`restoreFrom`). If it cannot be had after all, Python starts normally.
  const image = await snapshot.sized;
  let fromSnapshot = false;
  if (image) {
    try {
      restoreFrom = snapshot.whole.then((whole) => { if (!whole) throw new SnapshotLost("it could not be loaded"); return whole; });
      const attempt = load(image);
      attempt.catch(() => {}); // left behind if the snapshot is lost: it fails on its unfilled snapshot, unheard
      pyodide = await Promise.race([attempt, restoreFrom.then(() => new Promise(() => {}))]);
      mark("snapshot restored");
      fromSnapshot = true;
    } catch (err) {
      if (err instanceof StartupError) throw err;
      if (!(err instanceof SnapshotLost)) console.warn(`Supervision checker: the start-up snapshot could not be restored (${String((err && err.message) || err).split("\n")[0]}); starting Python normally.`);
      pyodide = null;
    }
    restoreFrom = Promise.resolve(null);
  }
  // The snapshot holds the checker imported, but not its files (Pyodide's file system lives outside the
  // memory a snapshot keeps): they are installed after the first answer, for what it has not imported.
  let files = null;
  if (!pyodide) {
    pyodide = await load(null);
    progress("Loading the checker’s rules…");
    files = installWheels(pyodide, manifest, await lockPromise);
    await files;
    pyodide.runPython(manifest.setup);
  }
  pyodide.runPython(manifest.enable);
  const api = pyodide.pyimport(manifest.core_import);
  const installFiles = () => (files ||= lockPromise.then((lock) => installWheels(pyodide, manifest, lock)));
  return { pyodide, api, fromSnapshot, installFiles, manifest };
}

// The page says which policy its address names (tool-client.js, {type: "expect", policy}) as soon as it runs:
// its rules file is fetched while Python starts, so the first question about it does not wait for a download.
// Only the text is kept, until the core reads it; nothing about the person is sent or kept.
const policyTexts = new Map(); // "policies/<id>.json" -> its text, fetched early
async function expectPolicy(policy) {
  if (typeof policy !== "string" || !/^[a-z0-9-]{1,80}$/.test(policy)) return;
  const manifest = await manifestPromise;
  const name = `policies/${policy}.json`;
  const file = manifest.policies && manifest.policies[name];
  if (!file || policyTexts.has(name)) return;
  try {
    const r = await realFetch(base + file);
    if (r.ok && !finishedFirstAnswers) policyTexts.set(name, await r.text());
  } catch (err) { /* read again, synchronously, when the core asks for it */ }
}
let finishedFirstAnswers = false;

function hexToBase64(hex) {
  let bin = "";
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(bin);
}

const ready = Promise.race([start(), problem]);
ready.then(
  ({ fromSnapshot, installFiles }) => {
    finished = true;
    clearInterval(watchdog);
    mark("ready");
    postMessage({ type: "ready", ms: Math.round(performance.now() - t0), snapshot: fromSnapshot, milestones, handed });
    // Once the page has had its first answers: it asks them one after another (the policies, the roles, the
    // form, the answer), and on a slow phone the download and unpacking of the wheel would come between them.
    // A question that needs a module the snapshot has not imported installs them at once (onmessage).
    // A file missing now is named on the console, and again by any answer that needs it.
    whenQuiet(INSTALL_IDLE_MS).then(() => { finishedFirstAnswers = true; policyTexts.clear(); return installFiles(); })
      .catch((err) => console.warn(`Supervision checker: ${err.message || err}`))
      .then(exerciseForCodeCache);
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

// Chromium keeps a compiled wasm for the next visit (its code cache) only once enough of it has been
// optimised, and a start from the snapshot runs too little Python for that: every visit compiled the same
// 1,500 functions again. So once per build in a browser, after the first answer and 3 s with no question, the
// worker asks the checker
// rounds of questions in slices of 0.1 s (a question from the page waits one slice at most) for EXERCISE_MS of
// work; the next visit's wasm then comes compiled from the browser's cache (tests/browser/test_snapshot_start.py).
// A mark in Cache Storage, named for the build (deleted by the service worker's off switch), says it was
// done; it holds nothing about anyone.
const EXERCISE_MS = 6000;
const SLICE_MS = 100;
const IDLE_MS = 3000; // it starts, and goes on, only after this long without a question from the page
let lastQuestion = 0;
const INSTALL_IDLE_MS = 1000; // the checker's files are installed after this long without a question
/** Resolves once the page has asked nothing for `ms` (counted from now at the earliest). */
async function whenQuiet(ms) {
  const from = performance.now();
  for (let quiet = 0; quiet < ms; quiet = performance.now() - Math.max(from, lastQuestion)) {
    await new Promise((resolve) => setTimeout(resolve, ms - quiet));
  }
}
async function exerciseForCodeCache() {
  const { pyodide, manifest } = await ready;
  if (!manifest.exercise || typeof caches === "undefined") return;
  const mark_ = new Request(new URL(`code-cache-exercised?pyodide=${manifest.pyodide}&build=${manifest.snapshot || manifest.stdlib}`, base).href);
  let store;
  try {
    store = await caches.open("handbook-code-cache");
    if (await store.match(mark_)) return;
  } catch (err) {
    return; // no storage here (a private window, a frame without it): nothing would be kept anyway
  }
  for (let spent = 0; spent < EXERCISE_MS;) {
    await new Promise((resolve) => setTimeout(resolve, 0)); // questions from the page first
    const quiet = performance.now() - lastQuestion;
    if (quiet < IDLE_MS) {
      await new Promise((resolve) => setTimeout(resolve, IDLE_MS - quiet));
      continue;
    }
    const t = performance.now();
    while (performance.now() - t < SLICE_MS) pyodide.runPython(manifest.exercise);
    spent += performance.now() - t;
  }
  for (const old of await store.keys()) if (old.url !== mark_.url) await store.delete(old); // earlier builds'
  await store.put(mark_, new Response(""));
  postMessage({ type: "exercised" });
}

onmessage = async (event) => {
  if (event.data && event.data.type === "expect") return void expectPolicy(event.data.policy);
  if (event.data && event.data.type === "handover") return void (event.data.part === "wasm" && fromPage(event.data));
  lastQuestion = performance.now();
  const { id, command, params } = event.data || {};
  let result;
  try {
    const { pyodide, api, installFiles, manifest } = await ready;
    const wheels = (manifest.on_demand || {})[command];
    if (wheels) {
      await installFiles();
      await pyodide.loadPackage(wheels, { messageCallback: () => {} });
    }
    const t = performance.now();
    // JSON text both ways: much cheaper than converting a large answer proxy by proxy. A file's bytes (the
    // team check's CSV), which JSON cannot carry, go beside it as the typed array itself.
    const named = Object.entries(params || {}).find(([, v]) => v instanceof ArrayBuffer || ArrayBuffer.isView(v));
    const rest = Object.fromEntries(Object.entries(params || {}).filter(([k]) => !named || k !== named[0]));
    const bytes = named && (named[1] instanceof ArrayBuffer ? new Uint8Array(named[1]) : named[1]);
    const ask = () => JSON.parse(named ? api.call_json(command, JSON.stringify(rest), named[0], bytes)
                                       : api.call_json(command, JSON.stringify(rest)));
    try {
      result = ask();
    } catch (err) {
      // A module the snapshot did not import, asked for before the checker's files were installed: asked
      // again once they are (answers are pure functions of the question).
      await installFiles();
      result = ask();
    }
    postMessage({ type: "result", id, result, ms: performance.now() - t });
  } catch (err) {
    postMessage({
      type: "result",
      id,
      result: { error: { field: null, message: err instanceof StartupError ?
        `The checker could not work this out: ${err.message}` : "The checker could not work this out. Please try again." } },
    });
  }
};
