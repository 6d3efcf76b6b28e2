// Pyodide's private memory-snapshot API, exercised through the one module that calls it
// (docs/assets/javascripts/pyodide-snapshot.mjs), on the pinned npm Pyodide: a start made for a snapshot
// sets a value, its snapshot is taken and restored, and the restored Python must still hold the value
// (a restore that quietly started Python afresh would not). tests/test_pyodide_snapshot_api.py judges it.
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { PRIVATE_API, restoring, snapshotting, takeSnapshot } from "../../docs/assets/javascripts/pyodide-snapshot.mjs";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const NPM = join(ROOT, "node_modules/pyodide/");
const { loadPyodide, version } = await import(join(NPM, "pyodide.mjs"));
const quiet = { indexURL: NPM, stdout: () => {}, stderr: () => {} };
const out = { version, names: PRIVATE_API };
try {
  const maker = await loadPyodide({ ...quiet, ...snapshotting() });
  maker.runPython("import json\nkept = json.dumps({'from': 'the snapshot'})");
  const image = takeSnapshot(maker);
  out.snapshot_bytes = image.length;
  const restored = await loadPyodide({ ...quiet, ...restoring(image) });
  out.restored = restored.runPython("kept if 'kept' in globals() else None") ?? null;
  out.answers = restored.runPython("1 + 1");
} catch (err) {
  out.error = String(err).split("\n")[0];
}
console.log(JSON.stringify(out));
process.exit(0);
