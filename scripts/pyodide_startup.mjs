// The checker's fast start, made at build time by the site's own Pyodide under Node (issue 12 item 7).
// Called by `scripts/pyodide_assets.py stage` with one JSON argument (see `startup()` there); writes:
//   full      the standard library, byte-compiled: every .py of the npm package's python_stdlib.zip
//             replaced by a sourceless .pyc (skipped when the file exists: it depends only on Pyodide)
//   core      the part of `full` the first answer needs: every module that is in sys.modules after a normal start has imported the core (`setup`) and answered one question
//             of each kind (`warm`), plus the small finder `_handbook_stdlib` (already in `full`) that
//             loads `full` if anything else is imported later
//   modules   the list of those top-level names (JSON), for the record
//   snapshot  (only when `snapshot` is true) a Pyodide memory snapshot, packed (snapshot-pages.mjs; the build
//             gzips it),
//             of a start on `core` that has run `setup` and `warm` and then let go of the core's zip
//             (`detach_core`): restoring it, on an empty zip in the core's place, skips Python's start-up
//             and every import
// Nothing is fetched: Pyodide, the lock and the wheels are the staged ones.
import { readFileSync, writeFileSync, existsSync } from "node:fs";
import { dirname } from "node:path";
import { initialMemory, packSnapshot } from "../docs/assets/javascripts/snapshot-pages.mjs";
import { snapshotting, takeSnapshot } from "../docs/assets/javascripts/pyodide-snapshot.mjs";

const job = JSON.parse(process.argv[2]);

// A snapshot restores only into the heap pyodide.asm.wasm is built with: one whose memory has grown past it
// fails in every browser (pyodide issue 6254), and the worker then falls back, seconds slower, with only a
// console warning. So the build stops here instead, naming the limit, and otherwise says how close it is.
function checkHeap(memory, heap, py) {
  const mib = (n) => `${(n / 2 ** 20).toFixed(2)} MiB`;
  if (heap === null) throw new Error("pyodide.asm.wasm does not define its own memory: the heap check cannot be made");
  const sbrk = py._module._emscripten_get_sbrk_ptr;
  const top = typeof sbrk === "function" ? py._module.HEAPU32[sbrk() >>> 2] : null;
  const report = { snapshot_memory: memory, initial_heap: heap, heap_top: top };
  writeFileSync(job.heap, JSON.stringify(report, null, 1) + "\n");
  if (memory > heap) {
    process.stderr.write(
      `The start-up snapshot's memory is ${memory} bytes (${mib(memory)}), more than the ${heap} bytes ` +
      `(${mib(heap)}) of the initial heap pyodide.asm.wasm is built with. Pyodide cannot restore a snapshot ` +
      `whose memory has grown past its initial heap (pyodide issue 6254): every visit would fall back to a ` +
      `normal start. Import less at start-up (scripts/pyodide_assets.py SETUP and WARM), or drop the snapshot ` +
      `until Pyodide can grow the heap before restoring.\n`);
    process.exit(3);
  }
  if (top !== null) {
    process.stderr.write(`pyodide assets: snapshot heap ${mib(top)} used of ${mib(heap)} (pyodide issue 6254 limit)\n`);
  }
}
const { loadPyodide } = await import(job.pyodide_mjs);
const lock = JSON.parse(readFileSync(`${job.stage}/pyodide-lock.json`, "utf8"));
const quiet = { stdout: () => {}, stderr: (s) => process.stderr.write(s + "\n") };

// The wheels are installed by Pyodide, as in the worker: a start that will be a snapshot unpacks them
// (pyodide.unpackArchive: Pyodide's loader would keep a JavaScript record of them, which a snapshot cannot
// hold); otherwise Pyodide's loader installs them from the staged lock, compiled libraries and all.
async function start(options, unpack = false) {
  const py = await loadPyodide({ indexURL: job.npm, packageBaseUrl: job.stage + "/", lockFileContents: lock, ...quiet, ...options });
  if (unpack) {
    const sitePackages = py.runPython("import site; site.getsitepackages()[0]");
    for (const name of job.wheels) {
      py.unpackArchive(new Uint8Array(readFileSync(`${job.stage}/${lock.packages[name].file_name}`)), "wheel", { extractDir: sitePackages });
    }
  } else {
    await py.loadPackage(job.wheels, { messageCallback: () => {} });
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
  const py = await start({ stdLibURL: job.core, ...(job.snapshot ? snapshotting() : {}) }, !!job.snapshot);
  py.runPython(job.setup);
  py.runPython(job.warm);
  if (job.snapshot) {
    // Everything the core holds is imported now: the snapshot forgets the core's zip (restored on an empty
    // one, so browsers need not download it), and anything else comes through the finder from `full`.
    py.runPython(job.detach_core);
    // Pyodide's snapshot is a header, whose second 32-bit number says where the image of memory starts, then
    // that image; the pages the wasm's data segments give back are left for the worker to copy from the
    // module's memory as it is instantiated.
    const snapshot = takeSnapshot(py);
    const memoryAt = new DataView(snapshot.buffer, snapshot.byteOffset).getUint32(4, true);
    const wasm = readFileSync(`${job.npm}pyodide.asm.wasm`);
    checkHeap(snapshot.length - memoryAt, initialMemory(wasm), py);
    writeFileSync(job.snapshot, packSnapshot(snapshot, { wasm, memoryAt }));
  }
}
console.log(JSON.stringify({ ok: true }));
