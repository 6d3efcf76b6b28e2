// The checker's Web Worker: runs the rule core (`checker` package) in the site's own Pyodide.
// Messages in:  {id, command, params}            (command and params as checker.api.call takes them)
// Messages out: {type: "progress", text}         honest start-up progress
//               {type: "ready", ms}              the checker can answer
//               {type: "failed", message}        start-up failed (no traceback, a sentence)
//               {type: "result", id, result}     checker.api.call's dict: {ok: ...} or {error: {field, message}}
// Nothing is fetched from anywhere but this site: Pyodide is given the site's own lock file, which lists
// only the wheels the site ships (scripts/pyodide_assets.py), byte-compiled for its Python.
// Everything starts at once, before any of it is awaited: Pyodide's two scripts (imported dynamically so
// neither waits for the other), the lock, then the wheels; `loadPyodide` starts the wasm and the standard
// library as soon as it is called. The page posts its first questions without waiting for "ready": they
// wait here (onmessage) and are answered, in the order they came, the moment the checker is loaded.
const base = new URL("../pyodide/", import.meta.url).href;
const progress = (text) => postMessage({ type: "progress", text });
const t0 = performance.now();
const pyodideScript = import("../pyodide/pyodide.mjs");
const pyodideAsm = import("../pyodide/pyodide.asm.mjs");
pyodideAsm.catch(() => {}); // a failure is reported through loadPyodide
// The wheels Pyodide installs before the checker's own, in dependency order.
const WHEELS = ["typing-extensions", "annotated-types", "typing-inspection", "pydantic-core", "pydantic"];
const CHECKER = "supervision-checker";
// Wheels some commands need, loaded from the site's own lock the first time one of them is asked (the
// calendar file of the schedule builder needs `icalendar`), never on the way to the first answer.
const ON_DEMAND = { "schedule-ics": ["icalendar"] };

async function start() {
  progress("Loading the checker…");
  // The lock is revalidated on every start so a new build's wheels are never mixed with cached ones; each
  // wheel's URL carries its hash for the same reason, and its integrity is checked.
  const lockPromise = fetch(base + "pyodide-lock.json", { cache: "no-cache" }).then((r) => {
    if (!r.ok) throw new Error(`the checker's file list could not be loaded (${r.status})`);
    return r.json();
  });
  const fetchWheel = (pkg) =>
    fetch(base + pkg.file_name + `?v=${pkg.sha256.slice(0, 12)}`, {
      integrity: `sha256-${hexToBase64(pkg.sha256)}`,
    }).then((r) => {
      if (!r.ok) throw new Error(`${pkg.file_name} could not be loaded (${r.status})`);
      return r.arrayBuffer();
    });
  const downloads = lockPromise.then((lock) =>
    [...WHEELS, CHECKER].map((name) => {
      const buffer = fetchWheel(lock.packages[name]);
      buffer.catch(() => {}); // reported where it is awaited
      return { pkg: lock.packages[name], buffer };
    }));
  downloads.catch(() => {});
  // While Pyodide compiles, the wheels are unzipped here (the browser's own inflate); their files are written
  // into site-packages before Python starts (fsInit), so Python's installer is not needed on the way to the
  // first answer. A wheel this cannot read is left to Pyodide's installer after start-up.
  const unpacked = downloads.then((list) =>
    Promise.all(list.map(async ({ pkg, buffer }) => ({ pkg, buffer, files: await unzipWheel(await buffer) }))));
  unpacked.catch(() => {});
  let fsError = null;
  const { loadPyodide } = await pyodideScript;
  const pyodide = await loadPyodide({
    indexURL: base,
    packageBaseUrl: base,
    lockFileContents: lockPromise,
    createPyodideModule: async (settings) => (await pyodideAsm).default(settings),
    fsInit: async (FS, { sitePackages }) => {
      try {
        for (const { files } of await unpacked) {
          for (const f of files || []) {
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
  progress("Loading the checker’s rules…");
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  const api_ = pyodide._api || {};
  for (const { pkg, buffer, files } of await unpacked) {
    const dynlibs = (files || []).filter((f) => /\.so(\.|$)/.test(f.path));
    if (files && (!dynlibs.length || typeof api_.loadDynlib === "function")) {
      // Already on disk; pydantic-core's compiled extension is loaded as Pyodide's installer would.
      for (const lib of dynlibs) await api_.loadDynlib(`${sitePackages}/${lib.path}`);
    } else if (typeof api_.install === "function") {
      await api_.install(await buffer, pkg.file_name, sitePackages, new Map([["INSTALLER", "handbook"]]));
    } else {
      pyodide.unpackArchive(await buffer, "wheel", { extractDir: sitePackages });
    }
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  const api = pyodide.pyimport("checker.api");
  return { pyodide, api };
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

const ready = start();
ready.then(
  () => postMessage({ type: "ready", ms: Math.round(performance.now() - t0) }),
  (err) => postMessage({ type: "failed", message: String((err && err.message) || err).split("\n")[0] })
);

onmessage = async (event) => {
  const { id, command, params } = event.data || {};
  let result;
  try {
    const { pyodide, api } = await ready;
    if (ON_DEMAND[command]) await pyodide.loadPackage(ON_DEMAND[command], { messageCallback: () => {} });
    const t = performance.now();
    const py = pyodide.toPy(params || {});
    const out = api.call(command, py);
    py.destroy();
    result = out.toJs({ dict_converter: Object.fromEntries, create_proxies: false });
    out.destroy();
    postMessage({ type: "result", id, result, ms: performance.now() - t });
  } catch (err) {
    postMessage({
      type: "result",
      id,
      result: { error: { field: null, message: "The checker could not work this out. Please try again." } },
    });
  }
};
