// Runs the rule core's pytest suite inside Pyodide under Node, offline (issue 4, DESIGN §7).
//
//   node tests/pyodide/run.mjs [pytest args...]      (make test-pyodide)
//
// Pyodide and the checker's wheel are the ones staged for the site (docs/assets/pyodide/, from
// `make pyodide-assets`), so this tests exactly what browsers get. pytest, hypothesis and their
// dependencies are pinned in scripts/pyodide-pins.toml ([[test]]) and come from build/wheels/.
// The tests are those of tests/core/ (the rule core's own: engine, scenarios, rule data, CLI); the rest of
// tests/ needs the built site, a browser or a subprocess, and runs under CPython only.
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const STAGE = join(ROOT, "docs/assets/pyodide/");
const CACHE = join(ROOT, "build/wheels/");

// No network: any fetch of a non-file URL fails the run.
const realFetch = globalThis.fetch;
globalThis.fetch = (url, ...rest) => {
  const u = String(url);
  if (/^https?:/i.test(u)) throw new Error(`network access attempted: ${u}`);
  return realFetch(url, ...rest);
};

function pins() {
  // A small reader for scripts/pyodide-pins.toml's [[test]] tables: name and file only.
  const text = readFileSync(join(ROOT, "scripts/pyodide-pins.toml"), "utf8");
  const out = [];
  let current = null;
  for (const line of text.split("\n")) {
    if (/^\[\[test\]\]/.test(line)) out.push((current = {}));
    else if (/^\[/.test(line)) current = null;
    else if (current) {
      const m = /^(\w+)\s*=\s*"([^"]*)"/.exec(line);
      if (m) current[m[1]] = m[2];
    }
  }
  return out;
}

const { loadPyodide } = await import(join(STAGE, "pyodide.mjs"));
const lock = JSON.parse(readFileSync(join(STAGE, "pyodide-lock.json"), "utf8"));
const pyodide = await loadPyodide({
  indexURL: STAGE, packageBaseUrl: STAGE, lockFileContents: lock,
});
pyodide.setStdout({ write: (buf) => { process.stdout.write(buf); return buf.length; } });
pyodide.setStderr({ write: (buf) => { process.stderr.write(buf); return buf.length; } });
await pyodide.loadPackage(["pydantic", "supervision-checker", "icalendar", "python-calamine"], { messageCallback: () => {} });
const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
for (const pin of pins()) {
  pyodide.unpackArchive(new Uint8Array(readFileSync(join(CACHE, pin.file))), "wheel", { extractDir: sitePackages });
}

// The tests, mounted read-only in spirit (pytest's cache is off).
const tests = join(ROOT, "tests");
pyodide.FS.mkdirTree("/project/tests");
pyodide.FS.mount(pyodide.FS.filesystems.NODEFS, { root: tests }, "/project/tests");
const files = readdirSync(join(tests, "core")).filter((f) => /^test_.*\.py$/.test(f)).sort();
console.log(`Pyodide ${pyodide.version}: running tests/core/ (${files.join(", ")})`);
const args = [...files.map((f) => `tests/core/${f}`), "-p", "no:cacheprovider", "-q", "-o", "addopts=-ra",
  "--rootdir=/project", ...process.argv.slice(2)];
pyodide.globals.set("pytest_args", pyodide.toPy(args));
const code = await pyodide.runPythonAsync(`
import os, sys
os.chdir("/project")
sys.path.insert(0, "/project")
os.environ["HYPOTHESIS_STORAGE_DIRECTORY"] = "/tmp/hypothesis"
import pytest
int(pytest.main(list(pytest_args)))
`);
process.exit(code);
