// The checker's fast start, made at build time by the site's own Pyodide under Node (issue 12 item 7).
// Called by `scripts/pyodide_assets.py stage` with one JSON argument (see `startup()` there); writes:
//   full      the standard library, byte-compiled: every .py of the npm package's python_stdlib.zip
//             replaced by a sourceless .pyc (skipped when the file exists: it depends only on Pyodide)
//   core      the part of `full` the first answer needs: every module that is in sys.modules after a normal start has imported the core (`setup`) and answered one question
//             of each kind (`warm`), plus the small finder `_handbook_stdlib` (already in `full`) that
//             loads `full` if anything else is imported later
//   modules   the list of those top-level names (JSON), for the record
//   snapshot  (only when `snapshot` is true) a gzipped Pyodide memory snapshot of a start on `core` that has
//             run `setup` and `warm` and then let go of the core's zip (`detach_core`): restoring it, on an
//             empty zip in the core's place, skips Python's start-up and every import
// Nothing is fetched: Pyodide, the lock and the wheels are the staged ones.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import { inflateRawSync, gzipSync } from "node:zlib";
import { packSnapshot } from "../docs/assets/javascripts/snapshot-pages.mjs";

const job = JSON.parse(process.argv[2]);
const { loadPyodide } = await import(job.pyodide_mjs);
const lock = JSON.parse(readFileSync(`${job.stage}/pyodide-lock.json`, "utf8"));
const quiet = { stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") };

// The files of a wheel (a zip), as the worker's fsInit writes them: [{path, data}].
function unzip(buffer) {
  const view = new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  let end = buffer.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  if (end < 0) throw new Error("not a zip file");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const out = [];
  for (let n = 0; n < count; n++) {
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLength = view.getUint16(at + 28, true);
    const skip = nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const path = buffer.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    at += 46 + skip;
    if (path.endsWith("/")) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = buffer.subarray(start, start + size);
    out.push({ path, data: method === 0 ? new Uint8Array(raw) : new Uint8Array(inflateRawSync(raw)) });
  }
  return out;
}
const wheels = job.wheels.map((file) => unzip(readFileSync(`${job.stage}/${file}`)));
// As the worker: without the wheels' .dist-info folders (see checker-worker.mjs).
const fsInit = async (FS, { sitePackages }) => {
  for (const files of wheels) {
    for (const f of files) {
      if (/^[^/]+\.dist-info\//.test(f.path)) continue;
      const path = `${sitePackages}/${f.path}`;
      FS.mkdirTree(path.slice(0, path.lastIndexOf("/")));
      FS.writeFile(path, f.data);
    }
  }
};
async function start(options) {
  const py = await loadPyodide({ indexURL: job.npm, lockFileContents: lock, fsInit, ...quiet, ...options });
  const sitePackages = py.runPython("import site; site.getsitepackages()[0]");
  for (const files of wheels) {
    for (const f of files) if (/\.so(\.|$)/.test(f.path)) await py._api.loadDynlib(`${sitePackages}/${f.path}`);
  }
  py.runPython("import importlib; importlib.invalidate_caches()");
  return py;
}

// 1. The standard library, byte-compiled (by this Pyodide, so the magic number is its own).
if (!existsSync(job.full)) {
  const py = await loadPyodide({ indexURL: job.npm, lockFileContents: lock, ...quiet });
  py.FS.mkdirTree("/host/in");
  py.FS.mkdirTree("/host/out");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: dirname(job.stdlib) }, "/host/in");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: dirname(job.full) }, "/host/out");
  py.globals.set("SRC", "/host/in/" + job.stdlib.split("/").pop());
  py.globals.set("DST", "/host/out/" + job.full.split("/").pop());
  py.runPython(job.compile_stdlib);
}

// 2. What a normal start imports on the way to its first answers.
{
  const py = await start({ stdLibURL: job.full });
  py.runPython(job.setup);
  py.runPython(job.warm);
  const names = py.runPython("import sys; sorted(sys.modules)").toJs();
  writeFileSync(job.modules, JSON.stringify(names, null, 1) + "\n");
}

// 3. The core of the standard library: those modules (with their packages' data files) and the finder.
{
  const py = await loadPyodide({ indexURL: job.npm, lockFileContents: lock, ...quiet });
  py.FS.mkdirTree("/host");
  py.FS.mount(py.FS.filesystems.NODEFS, { root: dirname(job.core) }, "/host");
  py.FS.writeFile("/tmp/full.zip", readFileSync(job.full));
  py.globals.set("SRC", "/tmp/full.zip");
  py.globals.set("DST", "/host/" + job.core.split("/").pop());
  py.globals.set("KEEP", py.toPy(JSON.parse(readFileSync(job.modules, "utf8"))));
  py.runPython(job.trim_stdlib);
}

// 4. A start on the core alone must answer (an import missing from it fails the build here); its memory,
// with the checker imported and its answers' caches filled, is the snapshot.
{
  const py = await start({ stdLibURL: job.core, ...(job.snapshot ? { _makeSnapshot: true } : {}) });
  py.runPython(job.setup);
  py.runPython(job.warm);
  if (job.snapshot) {
    // Everything the core holds is imported now: the snapshot forgets the core's zip (restored on an empty
    // one, so browsers need not download it), and anything else comes through the finder from `full`.
    py.runPython(job.detach_core);
    writeFileSync(job.snapshot, gzipSync(packSnapshot(py.makeMemorySnapshot()), { level: 9 }));
  }
}
console.log(JSON.stringify({ ok: true }));
