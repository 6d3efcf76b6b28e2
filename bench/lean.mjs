// The team check's path inside Pyodide under Node (issue 12 item 7): 1,000 people x 24 sessions, through
// checker.engine.lean (status, next due, last session, missed count) and, for comparison, through
// checker.api.call("due", ...) (the full answer as JSON). Prints one JSON line; bench/browser.py shows it.
// Uses the files staged for the site (docs/assets/pyodide/), as browsers get them. The Python it runs is
// bench/lean.py; its last expression (JSON text) is the line printed.
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const STAGE = join(ROOT, "docs/assets/pyodide/");
const manifest = JSON.parse(readFileSync(join(STAGE, "checker-startup.json"), "utf8"));
const lock = JSON.parse(readFileSync(join(STAGE, "pyodide-lock.json"), "utf8"));
const { loadPyodide } = await import(join(STAGE, "pyodide.mjs"));
const py = await loadPyodide({ indexURL: STAGE, packageBaseUrl: STAGE, lockFileContents: lock, stdLibURL: join(STAGE, manifest.stdlib_full) });
await py.loadPackage(manifest.wheels, { messageCallback: () => {} });
py.FS.mkdirTree("/bench");
py.FS.mount(py.FS.filesystems.NODEFS, { root: join(ROOT, "bench") }, "/bench");  // bench/timing.py
py.runPython("import sys; sys.path.insert(0, '/bench')");
const out = py.runPython(readFileSync(join(ROOT, "bench/lean.py"), "utf8"));
console.log(out);
