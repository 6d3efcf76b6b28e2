// The checker's Web Worker: runs the rule core (`checker` package) in the site's own Pyodide.
// Messages in:  {id, command, params}            (command and params as checker.api.call takes them)
// Messages out: {type: "progress", text}         honest start-up progress
//               {type: "ready", ms}              the checker can answer
//               {type: "failed", message}        start-up failed (no traceback, a sentence)
//               {type: "result", id, result}     checker.api.call's dict: {ok: ...} or {error: {field, message}}
// Nothing is fetched from anywhere but this site: Pyodide is given the site's own lock file, which lists
// only the wheels the site ships (scripts/pyodide_assets.py).
import { loadPyodide } from "../pyodide/pyodide.mjs";

const base = new URL("../pyodide/", import.meta.url).href;
const progress = (text) => postMessage({ type: "progress", text });
const t0 = performance.now();

async function start() {
  progress("Loading the checker…");
  // The lock is revalidated on every start so a new build's wheels are never mixed with cached ones.
  const lockPromise = fetch(base + "pyodide-lock.json", { cache: "no-cache" }).then((r) => {
    if (!r.ok) throw new Error(`the checker's file list could not be loaded (${r.status})`);
    return r.json();
  });
  const lock = await lockPromise;
  const checker = lock.packages["supervision-checker"];
  // Start downloading the wheels now, alongside Pyodide's own start-up.
  const wheelNames = ["typing-extensions", "annotated-types", "typing-inspection", "pydantic-core", "pydantic"];
  const fetchWheel = (pkg, bust) =>
    fetch(base + pkg.file_name + (bust ? `?v=${pkg.sha256.slice(0, 12)}` : ""), {
      integrity: `sha256-${hexToBase64(pkg.sha256)}`,
    }).then((r) => {
      if (!r.ok) throw new Error(`${pkg.file_name} could not be loaded (${r.status})`);
      return r.arrayBuffer();
    });
  const wheels = wheelNames.map((n) => fetchWheel(lock.packages[n], false));
  const checkerWheel = fetchWheel(checker, true);
  const pyodide = await loadPyodide({
    indexURL: base,
    packageBaseUrl: base,
    lockFileContents: lock,
    fullStdLib: false,
    stdout: () => {},
    stderr: () => {},
  });
  progress("Loading the checker’s rules…");
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  for (let i = 0; i < wheelNames.length; i++) {
    const pkg = lock.packages[wheelNames[i]];
    const buffer = await wheels[i];
    if (pyodide._api && typeof pyodide._api.install === "function") {
      // Pyodide's own installer: unpacks and loads pydantic-core's compiled extension asynchronously.
      await pyodide._api.install(buffer, pkg.file_name, sitePackages, new Map([["INSTALLER", "handbook"]]));
    } else {
      pyodide.unpackArchive(buffer, "wheel", { extractDir: sitePackages });
    }
  }
  pyodide.unpackArchive(await checkerWheel, "wheel", { extractDir: sitePackages });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  const api = pyodide.pyimport("checker.api");
  return { pyodide, api };
}

function hexToBase64(hex) {
  let bin = "";
  for (let i = 0; i < hex.length; i += 2) bin += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(bin);
}

const ready = start();
const queue = [];

ready.then(
  () => postMessage({ type: "ready", ms: Math.round(performance.now() - t0) }),
  (err) => postMessage({ type: "failed", message: String((err && err.message) || err).split("\n")[0] })
);

onmessage = async (event) => {
  const { id, command, params } = event.data || {};
  let result;
  try {
    const { pyodide, api } = await ready;
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
