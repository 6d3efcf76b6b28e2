// The checker's fast start, exercised under Node exactly as the worker does it (tests/test_fast_start.py
// runs this and judges what it prints). Uses the files staged for the site (docs/assets/pyodide/).
//
//   node tests/pyodide/startup.mjs CASE_JSON
//
// Prints one JSON object: the answer of a normal start on the core of the standard library; what importing
// modules outside the core does with and without the worker's loader; and, for the build's snapshot (or,
// when the build could not make one, a snapshot made here of a start that imports the pure part of the
// checker), the answer after restoring it, whether the loader still works after restoring, and whether a
// damaged snapshot is refused (so the worker can fall back) rather than restored.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { memoryImage, snapshotUnpacker, unpackSnapshot } from "../../docs/assets/javascripts/snapshot-pages.mjs";
import { restoring, snapshotting, takeSnapshot } from "../../docs/assets/javascripts/pyodide-snapshot.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const STAGE = join(ROOT, "docs/assets/pyodide/");
const CASE = JSON.parse(process.argv[2]);
const manifest = JSON.parse(readFileSync(join(STAGE, "checker-startup.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(STAGE, "pyodide-lock.json"), "utf8"));
const { loadPyodide } = await import(join(STAGE, "pyodide.mjs"));
const out = { manifest };
// As the worker does: a policy's rules from the site's copy named in the manifest, read when first asked about.
globalThis.handbookReadPolicy = (name) => (manifest.policies[name] ? readFileSync(join(STAGE, manifest.policies[name]), "utf8") : undefined);

const pure = !(manifest.native || []).length;
let current = null;
let loaderCalls = 0;
const loader = (path) => {
  loaderCalls++;
  current.FS.writeFile(path, readFileSync(join(STAGE, manifest.stdlib_full)));
  return true;
};
const options = { indexURL: STAGE, packageBaseUrl: STAGE, lockFileContents: lock, stdLibURL: join(STAGE, manifest.stdlib), stdout: () => {}, stderr: () => {} };
// The checker's wheels installed as the worker installs them on a normal start: by Pyodide's loader, or (a
// start to be snapshotted, which cannot hold the loader's record) unpacked by pyodide.unpackArchive.
async function normalStart(extra = {}, { unpack = false, setup = manifest.setup } = {}) {
  const py = (current = await loadPyodide({ ...options, ...extra }));
  if (unpack) {
    const sitePackages = py.runPython("import site; site.getsitepackages()[0]");
    for (const name of manifest.wheels) {
      py.unpackArchive(new Uint8Array(readFileSync(join(STAGE, lock.packages[name].file_name))), "wheel", { extractDir: sitePackages });
    }
  } else {
    await py.loadPackage(manifest.wheels, { messageCallback: () => {} });
  }
  py.runPython("import importlib; importlib.invalidate_caches()");
  py.runPython(setup);
  return py;
}
// The names in a zip, read by Python's zipfile (in a Pyodide started on the whole standard library).
const lister = await loadPyodide({ indexURL: STAGE, stdLibURL: join(STAGE, manifest.stdlib_full), stdout: () => {}, stderr: () => {} });
const unzipNames = (file) => {
  lister.FS.writeFile("/tmp/listed.zip", new Uint8Array(readFileSync(file)));
  return lister.runPython("import zipfile; [n for n in zipfile.ZipFile('/tmp/listed.zip').namelist() if not n.endswith('/')]").toJs();
};
const answer = (py) => {
  py.globals.set("case_json", JSON.stringify(CASE));
  return py.runPython(`import json, ${manifest.core_import} as _api; json.dumps(_api.call("due", json.loads(case_json)), sort_keys=True)`);
};
const tryImport = (py, name) => {
  try {
    py.runPython(`import importlib; importlib.import_module(${JSON.stringify(name)})`);
    return "ok";
  } catch (err) {
    return String(err).includes("ModuleNotFoundError") ? "ModuleNotFoundError" : String(err).split("\n").slice(-2).join(" ");
  }
};
// A top-level package wholly outside the core, and a submodule missing from a package the core holds part of.
const core = unzipNames(join(STAGE, manifest.stdlib));
const full = unzipNames(join(STAGE, manifest.stdlib_full));
const outside = ["difflib", "xml.dom.minidom", "fractions", "statistics"].filter((m) => !core.includes(m.split(".")[0] + ".pyc") && !core.some((p) => p.startsWith(m.split(".")[0] + "/")));
const partial = full.filter((p) => p.endsWith(".pyc") && p.includes("/") && !core.includes(p) && core.includes(p.split("/")[0] + "/__init__.pyc"))
  .map((p) => p.slice(0, -4).replaceAll("/", "."))
  .filter((m) => !m.endsWith("__init__") && !/test|__main__|idle|tkinter|turtle/.test(m))[0];
out.core_files = core.length;
out.full_files = full.length;
out.outside = outside[0];
out.partial = partial;

// 2. The snapshot: the build's, or (while a wheel holds compiled code) one made here of the pure part.
let snapshot, unfilled = null;
if (manifest.snapshot) {
  // Filled as the worker fills it from the module's memory just instantiated: zeros and the wasm's data.
  const packed = gunzipSync(readFileSync(join(STAGE, manifest.snapshot)));
  const { snapshot: unpacked, fill } = unpackSnapshot(packed);
  unfilled = unpacked.slice();
  // The worker unpacks it as it arrives, in pieces of whatever size the network gives: the same bytes, and the
  // buffer handed out (`sized`) as soon as the head is read is the one written.
  const pieces = snapshotUnpacker();
  let sizedEarly = null;
  pieces.sized.then((buffer) => { sizedEarly = buffer; });
  const last = packed.length - 100000;
  for (let at = 0, n = 1; at < last; at += n, n = (n * 7 + 13) % 70001 + 1) pieces.push(packed.subarray(at, Math.min(last, at + n)));
  await new Promise((resolve) => setTimeout(resolve, 0));
  const sizedBeforeTheEnd = sizedEarly;
  pieces.push(packed.subarray(last));
  const whole = pieces.end();
  out.pieces = { same: Buffer.compare(whole.snapshot, unfilled) === 0, sized_early: sizedBeforeTheEnd === whole.snapshot };
  try {
    const cut = snapshotUnpacker();
    cut.push(packed.subarray(0, packed.length - 1000));
    cut.end();
    out.pieces.cut_short = "accepted";
  } catch (err) {
    out.pieces.cut_short = String(err.message);
  }
  fill(memoryImage(readFileSync(join(STAGE, "pyodide.asm.wasm")), unpacked.length));
  snapshot = unpacked;
  out.snapshot_source = "build";
} else {
  const maker = await normalStart(snapshotting(), { unpack: true, setup: "import _handbook_stdlib\n_handbook_stdlib.install()\nimport checker.dates\n" });
  snapshot = takeSnapshot(maker);
  out.snapshot_source = "made here (pure part: checker.dates)";
}
// 1. A normal start on the core: the answer, and imports beyond it with and without the worker's loader.
let t = performance.now();
const py = await normalStart();
out.normal_ms = Math.round(performance.now() - t);
out.normal = answer(py);
out.without_loader = tryImport(py, out.outside);
globalThis.handbookLoadFullStdlib = loader;
py.runPython(manifest.enable);
out.with_loader = tryImport(py, out.outside);
out.partial_with_loader = tryImport(py, out.partial);
out.loader_calls = loaderCalls;
out.answer_after_loader = answer(py);
delete globalThis.handbookLoadFullStdlib;

out.snapshot_bytes = snapshot.length;
t = performance.now();
const restoreOn = manifest.snapshot ? { stdLibURL: join(STAGE, manifest.stdlib_snapshot) } : {};
const restored = (current = await loadPyodide({ ...options, ...restoreOn, ...restoring(snapshot) }));
out.restore_ms = Math.round(performance.now() - t);
out.restored_modules = restored.runPython(`import sys; sorted(m for m in sys.modules if m.startswith("checker"))`).toJs();
if (manifest.snapshot) out.restored = answer(restored);
else out.restored_dates = restored.runPython("import checker.dates as d; str(d.parse_date('2024-02-29', 'start'))");
loaderCalls = 0;
out.restored_without_loader = tryImport(restored, out.outside);
globalThis.handbookLoadFullStdlib = loader;
restored.runPython(manifest.enable);
out.restored_with_loader = tryImport(restored, out.outside);
out.restored_partial_with_loader = tryImport(restored, out.partial);
out.restored_loader_calls = loaderCalls;
delete globalThis.handbookLoadFullStdlib;

// 3. A damaged snapshot is refused (the worker then starts Python normally), and so is one whose pages from
// the module's memory were never copied in.
const refused = async (bytes) => {
  try {
    await loadPyodide({ ...options, ...restoreOn, ...restoring(bytes) });
    return "restored";
  } catch (err) {
    return "refused: " + String(err).split("\n")[0];
  }
};
const damaged = new Uint8Array(snapshot);
damaged[20] ^= 0xff;
out.damaged = await refused(damaged);
if (unfilled) out.unfilled = await refused(unfilled);
out.pure = pure;
console.log(JSON.stringify(out));
process.exit(0);
