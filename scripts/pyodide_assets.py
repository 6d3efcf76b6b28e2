"""Self-hosted Pyodide for the checker's Web Worker: fetch, verify and stage every file the browser needs.

    python scripts/pyodide_assets.py stage    # wheels -> build/wheels (sha256 checked), Pyodide + wheels +
                                              # lock -> docs/assets/pyodide/ (MkDocs copies it into site/)
    python scripts/pyodide_assets.py verify [SITE_DIR]   # the built site holds exactly what the lock says
    python scripts/pyodide_assets.py test-wheels         # the wheels the in-Pyodide test run needs

Everything is pinned in scripts/pyodide-pins.toml. A wheel that is missing after download, or whose sha256
differs from the pin, stops the build with a message naming it. The lock file written next to Pyodide lists
only the site's own wheels (what each imports and depends on read from the wheel itself), and the worker
passes it to `loadPyodide`, so Pyodide never asks a CDN.

The pure-Python wheels the site ships (pydantic, its helpers and the checker's own) are byte-compiled for the
browser's Python first, as Pyodide does for its own packages (`pyodide py-compile`): each `.py` becomes a
sourceless `.pyc`, compiled by the very Pyodide the site ships (under Node), so its magic number matches.
Importing pydantic from source costs the browser a few hundred milliseconds of compiling on every start.
The compiled wheel is named with the interpreter tag (`cp314-none-any`); the lock carries its sha256.

The checker's fast start (issue 12 item 7) is made here too, by the same Pyodide under Node
(scripts/pyodide_startup.mjs): the standard library byte-compiled; its core, the modules a start that imports
the checker (`CORE_IMPORT`) and answers one question of each kind needs, as a small zip with a finder that
loads the rest on demand; and, when every wheel the checker depends on is pure Python, a gzipped memory
snapshot of that start, which the worker restores instead of starting Python (falling back to a normal
start if it cannot). `checker-startup.json` tells the worker which files those are and which wheels to
load: the checker's own dependencies (pyproject.toml) and theirs, in order, never a hand-kept list.

The Python these steps run inside Pyodide lives in scripts/in_pyodide/ (one module each, README there).
The lock is written with Pyodide's own `pyodide-lock` (`write_lock`; docs/decisions/2026-12-05-pyodide-runtime-lock-file.md).

The files are staged into docs/ (git-ignored there) rather than copied after the build so that
`mkdocs serve` serves them too.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import deflate

ROOT = Path(__file__).resolve().parent.parent
PINS = ROOT / "scripts" / "pyodide-pins.toml"
NPM_PYODIDE = ROOT / "node_modules" / "pyodide"
CACHE = ROOT / "build" / "wheels"
CHECKER_BUILD = ROOT / "build" / "checker-wheel"
COMPILED = ROOT / "build" / "wheels-pyc"
STAGE = ROOT / "docs" / "assets" / "pyodide"
# The files of the npm package that the worker needs; nothing else of it is served.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
CHECKER = "supervision-checker"
STARTUP_BUILD = ROOT / "build" / "startup"
SNAPSHOT_FORMAT = ROOT / "docs" / "assets" / "javascripts" / "snapshot-pages.mjs"  # how the snapshot file is packed
SNAPSHOT_API = ROOT / "docs" / "assets" / "javascripts" / "pyodide-snapshot.mjs"  # Pyodide's private snapshot calls
STARTUP_SCRIPT = ROOT / "scripts" / "pyodide_startup.mjs"
MANIFEST = "checker-startup.json"
# The module the browser imports to answer; the snapshot holds it imported. Nothing else names it.
CORE_IMPORT = "checker.api"
# Wheels only some commands need (lock names), loaded by the worker the first time one of them is asked, never
# on the way to the first answer: the schedule's calendar file needs icalendar, a spreadsheet on the team check
# python-calamine. In the manifest (`on_demand`) for the worker, and for the service worker, which keeps them
# for offline use (scripts/service_worker.py).
ON_DEMAND = {"schedule-ics": ["icalendar"], "team-sheet": ["python-calamine"]}


class AssetError(SystemExit):
    def __init__(self, message: str):
        super().__init__(f"error: pyodide assets: {message}")


def pins() -> dict:
    return tomllib.loads(PINS.read_text(encoding="utf-8"))


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def fetch(entries: list[dict], platform: dict) -> list[Path]:
    """Download any pinned wheel not yet in the cache, then check every hash. Fails loudly."""
    CACHE.mkdir(parents=True, exist_ok=True)
    paths = []
    for pin in entries:
        path = CACHE / pin["file"]
        if not path.exists():
            cmd = [sys.executable, "-m", "pip", "download", "--quiet", "--disable-pip-version-check",
                   "--no-deps", "--only-binary=:all:", "-d", str(CACHE), f"{pin['name']}=={pin['version']}"]
            if platform["platform"] in pin["file"]:
                cmd += ["--python-version", platform["python"], "--implementation", "cp",
                        "--abi", platform["abi"], "--platform", platform["platform"]]
            print(f"pyodide assets: downloading {pin['file']}", flush=True)
            subprocess.run(cmd, check=False)
        if not path.exists():
            raise AssetError(f"wheel {pin['file']} is missing (pip download of {pin['name']}=={pin['version']} "
                             "did not produce it)")
        got = sha256(path)
        if got != pin["sha256"]:
            raise AssetError(f"wheel {pin['file']} has sha256 {got}, but scripts/pyodide-pins.toml pins "
                             f"{pin['sha256']}; refusing to ship it")
        paths.append(path)
    return paths


def build_checker_wheel() -> Path:
    """The rule core's own pure-Python wheel, built by the standard build (pip's PEP 517 front end, setuptools
    as pyproject.toml names it) from a clean copy of the sources, so that nothing is left in the checkout.

    SOURCE_DATE_EPOCH fixes the timestamps, so the same sources give the same wheel (and the same sha256, so
    browsers keep their cache).
    """
    if CHECKER_BUILD.exists():
        shutil.rmtree(CHECKER_BUILD)
    src = CHECKER_BUILD / "src"
    src.mkdir(parents=True)
    for name in ("pyproject.toml", "README.md"):
        shutil.copyfile(ROOT / name, src / name)
    shutil.copytree(ROOT / "checker", src / "checker", ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1577836800"}
    run = subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--disable-pip-version-check", "--no-deps",
                          "-w", str(CHECKER_BUILD), str(src)], env=env, capture_output=True, text=True)
    wheels = sorted(CHECKER_BUILD.glob("*.whl"))
    if run.returncode or len(wheels) != 1:
        raise AssetError(f"building the checker's wheel from pyproject.toml failed:\n{run.stderr.strip()[-2000:]}")
    shutil.rmtree(src)
    return wheels[0]


NODE_RUNNER = """
import { loadPyodide } from "PYODIDE_MJS";
const py = await loadPyodide({ indexURL: "PYODIDE_DIR/" });
py.FS.mkdirTree("/host");
py.FS.mount(py.FS.filesystems.NODEFS, { root: process.env.PYC_ROOT }, "/host");
py.globals.set("JOBS", process.env.PYC_JOBS);
py.runPython(process.env.PYC_SCRIPT);
"""


def compiled_name(path: Path, tag: str) -> str:
    parts = path.name[: -len(".whl")].split("-")
    return "-".join([parts[0], parts[1], *tag.split("-")]) + ".whl"


def py_compile_wheels(paths: list[Path], platform: dict) -> list[Path]:
    """Sourceless, byte-compiled copies of pure wheels, cached by the source wheel's sha256."""
    tag = f"{platform['abi']}-none-any"
    out, jobs = [], []
    for path in paths:
        dst = COMPILED / sha256(path)[:16] / compiled_name(path, tag)
        out.append(dst)
        if not dst.exists():
            dst.parent.mkdir(parents=True, exist_ok=True)
            jobs.append([f"/host/{path.relative_to(ROOT / 'build').as_posix()}",
                         f"/host/{dst.relative_to(ROOT / 'build').as_posix()}", tag])
    if jobs:
        print(f"pyodide assets: byte-compiling {len(jobs)} wheel(s) with Pyodide under Node", flush=True)
        script = NODE_RUNNER.replace("PYODIDE_MJS", (NPM_PYODIDE / "pyodide.mjs").as_uri()) \
                            .replace("PYODIDE_DIR", str(NPM_PYODIDE))
        env = {**os.environ, "PYC_ROOT": str(ROOT / "build"), "PYC_JOBS": json.dumps(jobs),
               "PYC_SCRIPT": in_pyodide("compile_wheels.py", "compile_wheels(__import__('json').loads(JOBS))")}
        run = subprocess.run(["node", "--input-type=module", "-e", script], env=env, capture_output=True, text=True)
        missing = [d for d in out if not d.exists()]
        if run.returncode or missing:
            for d in missing:
                shutil.rmtree(d.parent, ignore_errors=True)
            raise AssetError(f"byte-compiling the wheels failed:\n{run.stderr.strip()[-2000:]}")
    for old in COMPILED.iterdir():  # earlier builds of the checker's wheel
        if old not in {d.parent for d in out}:
            shutil.rmtree(old, ignore_errors=True)
    return out


def wheel_version(path: Path) -> str:
    return path.name.split("-")[1]


def copy_if_changed(src: Path, dst: Path) -> None:
    if dst.exists() and dst.stat().st_size == src.stat().st_size and sha256(dst) == sha256(src):
        return
    shutil.copyfile(src, dst)


def write_lock(sources: list[Path], shipped: dict[Path, Path]) -> dict:
    """The site's lock, written with Pyodide's own `pyodide-lock` (requirements-lock.txt) from the wheels
    themselves: name, version, top-level imports and dependencies (each wheel's METADATA, its markers read
    for Pyodide) as `add_wheels_to_spec` finds them in the wheel as published (`sources`), then pointed at the
    file the site ships (`shipped[source]`: the byte-compiled copy of a pure wheel) with that file's sha256.

    Two things `pyodide-lock` 0.2.1 cannot do alone (docs/decisions/2026-12-05-pyodide-runtime-lock-file.md):
    - a byte-compiled wheel carries the tag `cp314-none-any` (as `pyodide py-compile` names it), which its
      compatibility check refuses, and has no `.py` files to find its imports in: hence the published wheel;
    - it checks a compiled wheel's platform against `info.platform` (`emscripten_5_0_3`), while Pyodide 314's
      wheels carry `pyemscripten_2026_0_wasm32` (as its own lock's do): those are added against the same info
      naming that tag, so a wheel built for another Pyodide ABI is still refused.
    """
    from packaging.utils import canonicalize_name, parse_wheel_filename
    from pyodide_lock import InfoSpec, PyodideLockSpec
    from pyodide_lock.utils import add_wheels_to_spec, update_package_sha256

    info = PyodideLockSpec.from_json(NPM_PYODIDE / "pyodide-lock.json").info
    by_name = {canonicalize_name(parse_wheel_filename(w.name)[0]): w for w in sources}
    pure = [w for w in sources if w.name.endswith("-none-any.whl")]
    binary = [w for w in sources if w not in pure]
    binary_info = InfoSpec(platform=f"pyemscripten_{info.abi_version}", python=info.python, arch=info.arch,
                           abi_version=info.abi_version)
    for wheel in binary:
        platform_markers(wheel)
    spec = PyodideLockSpec(info=info, packages={})
    try:
        for group, group_info in ((pure, info), (binary, binary_info)):
            # Each group's dependencies may be in the other; every one is checked below, once both are in.
            added = add_wheels_to_spec(PyodideLockSpec(info=group_info, packages=spec.packages), group,
                                       base_path=ROOT, ignore_missing_dependencies=True)
            spec.packages = added.packages
    except RuntimeError as e:
        raise AssetError(f"pyodide-lock refused a wheel: {e}") from e
    for name, package in spec.packages.items():
        source = by_name[name]
        package.file_name = shipped[source].name
        update_package_sha256(package, shipped[source])
        for dep in package.depends:
            if dep not in spec.packages:
                raise AssetError(f"{source.name} requires {dep} (its METADATA), which scripts/pyodide-pins.toml "
                                 "does not pin as a [[site]] wheel")
    spec.check_wheel_filenames()
    spec.packages = dict(sorted(spec.packages.items()))
    data = spec.to_dict()
    text = json.dumps(data, indent=1, sort_keys=True) + "\n"
    path = STAGE / "pyodide-lock.json"
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")
    return data


def platform_markers(wheel: Path) -> None:
    """A compiled wheel's requirements are read with the platform named `pyemscripten` (write_lock): refuse
    one whose requirements depend on the platform, rather than read them wrongly."""
    from packaging.requirements import Requirement
    from pkginfo import Wheel

    for line in Wheel(str(wheel)).requires_dist:
        marker = str(Requirement(line).marker or "")
        if "platform" in marker:
            raise AssetError(f"{wheel.name} requires {line!r}, a requirement that depends on the platform; "
                             "write_lock cannot read it for Pyodide (docs/decisions/2026-12-05-pyodide-runtime-lock-file.md)")


def load_order(lock: dict, root: str = CHECKER) -> list[str]:
    """`root` and everything it depends on in the lock, dependencies first."""
    order: list[str] = []

    def visit(name: str, path: tuple[str, ...]) -> None:
        if name in order:
            return
        if name in path:
            raise AssetError(f"dependency cycle in the lock: {' -> '.join(path + (name,))}")
        if name not in lock["packages"]:
            raise AssetError(f"{path[-1] if path else 'the worker'} depends on {name}, which the lock does not list")
        for dep in lock["packages"][name]["depends"]:
            visit(dep, path + (name,))
        order.append(name)

    visit(root, ())
    return order


# ----------------------------------------------------------------------------------- the fast start
# The Python run inside Pyodide lives in real modules (scripts/in_pyodide/, README there); Pyodide is handed
# each one's text with a line that calls it.
IN_PYODIDE = ROOT / "scripts" / "in_pyodide"


def in_pyodide(module: str, call: str) -> str:
    """Python for runPython: scripts/in_pyodide/`module` run as a module of its own, then `call` on it (a call
    of one of its functions; it may use the globals the caller set), leaving no name behind in __main__."""
    path = IN_PYODIDE / module
    return (f"def _run():\n    import types\n    m = types.ModuleType({path.stem!r})\n"
            f"    exec(compile({path.read_text(encoding='utf-8')!r}, {path.name!r}, 'exec'), m.__dict__)\n"
            f"    m.{call}\n_run()\ndel _run\n")


# The finder shipped in the core of the standard library as `_handbook_stdlib`, and where the worker writes
# the whole (byte-compiled) standard library when something outside the core is imported.
FINDER = (IN_PYODIDE / "_handbook_stdlib.py").read_text(encoding="utf-8")
FULL_STDLIB_PATH = re.search(r'^FULL = "([^"]+)"$', FINDER, re.M).group(1)

# What a normal start runs before its first answer (the worker runs the same text, from the manifest).
SETUP = f"import _handbook_stdlib\n_handbook_stdlib.install()\nimport {CORE_IMPORT}\n"

# What the worker runs once Python is up, restored or started: lets the finder load the rest of the library,
# and moves every object alive now (modules, the rulebook, caches) out of the garbage collector's sight: it
# would otherwise walk them again and again for nothing, answer after answer (gc.freeze).
# Each policy's rules are read from the site (handbookReadPolicy: the file the manifest's `policies` names) the
# first time the policy is asked about, so start-up and the snapshot are the same size for 5 policies or 150.
ENABLE = ("import _handbook_stdlib\n_handbook_stdlib.enable()\n"
          "import js\nimport checker.rulebook\nchecker.rulebook.read_policies_with(js.handbookReadPolicy)\n"
          "import gc\ngc.freeze()\n")

# One round of the questions the worker asks after the first answer until Chromium keeps the compiled wasm.
EXERCISE = f"import _handbook_stdlib\n_handbook_stdlib.exercise({CORE_IMPORT!r})\n"

# One question of each kind for the first policy (the code paths are the same for all), before the snapshot
# (in_pyodide/warm.py).
WARM = in_pyodide("warm.py", f"warm({CORE_IMPORT!r})")
# The snapshot forgets the core's zip (in_pyodide/detach_core.py).
DETACH_CORE = in_pyodide("detach_core.py", "detach_core()")
# Every .py of the npm package's standard library as a sourceless .pyc, plus the finder; and its core.
COMPILE_STDLIB = in_pyodide("stdlib_zips.py", f"compile_stdlib(SRC, DST, {FINDER!r})")
TRIM_STDLIB = in_pyodide("stdlib_zips.py", "trim(SRC, DST, KEEP)")


def has_dynlib(path: Path) -> bool:
    with zipfile.ZipFile(path) as zf:
        return any(re.search(r"\.so(\.|$)", n) for n in zf.namelist())


def startup(lock: dict) -> dict:
    """Build (or reuse) the compiled standard library, its core and the snapshot, from the staged wheels."""
    order = load_order(lock)
    wheels = [lock["packages"][name]["file_name"] for name in order]
    native = [w for w in wheels if has_dynlib(STAGE / w)]
    want_snapshot = not native
    stdlib = NPM_PYODIDE / "python_stdlib.zip"
    full_key = hashlib.sha256((sha256(stdlib) + COMPILE_STDLIB).encode()).hexdigest()[:16]
    full = ROOT / "build" / "stdlib-pyc" / full_key / "python_stdlib.zip"
    key = hashlib.sha256(json.dumps([full_key, [sha256(STAGE / w) for w in wheels], SETUP, WARM, TRIM_STDLIB, DETACH_CORE,
                                     STARTUP_SCRIPT.read_text(encoding="utf-8"),
                                     SNAPSHOT_FORMAT.read_text(encoding="utf-8"),
                                     SNAPSHOT_API.read_text(encoding="utf-8"), "libdeflate 12"]).encode()).hexdigest()[:16]
    out = STARTUP_BUILD / key
    core, snapshot = out / "python_stdlib-core.zip", out / "checker.snapshot.gz"
    if not core.exists() or (want_snapshot and not snapshot.exists()):
        shutil.rmtree(out, ignore_errors=True)
        out.mkdir(parents=True)
        full.parent.mkdir(parents=True, exist_ok=True)
        print("pyodide assets: compiling the standard library, finding its core"
              f"{' and making the start-up snapshot' if want_snapshot else ''} with Pyodide under Node", flush=True)
        try:
            job = startup_job(order, full, out, want_snapshot)
            make_startup(job)
            if want_snapshot:  # written packed, gzipped here once (gzip_best)
                packed = Path(job["snapshot"])
                snapshot.write_bytes(gzip_best(packed.read_bytes()))
                packed.unlink()
        except AssetError:
            shutil.rmtree(out, ignore_errors=True)
            raise
    for old in STARTUP_BUILD.iterdir():
        if old != out:
            shutil.rmtree(old, ignore_errors=True)
    files = {"stdlib": (core, "python_stdlib-core"), "stdlib_full": (full, "python_stdlib-pyc")}
    heap = json.loads((out / "heap.json").read_text(encoding="utf-8")) if want_snapshot else None
    if want_snapshot:
        files["snapshot"] = (snapshot, "checker")
        empty = out / "python_stdlib-empty.zip"
        zipfile.ZipFile(empty, "w").close()  # an empty archive: the snapshot's start reads no library
        files["stdlib_snapshot"] = (empty, "python_stdlib-empty")
    note = "" if want_snapshot else (
        "no memory snapshot: " + ", ".join(native) + " holds compiled code (a shared library), which a Pyodide "
        "memory snapshot cannot carry; the worker starts Python normally, on the byte-compiled core")
    return {"order": order, "files": files, "note": note, "heap": heap,
            "native": [name for name, w in zip(order, wheels) if w in native]}


def startup_job(wheels: list[str], full: Path, out: Path, want_snapshot: bool, warm: str = WARM) -> dict:
    """What scripts/pyodide_startup.mjs makes, and where it writes it (`out`); `warm` is what the snapshot's
    start runs after importing the core (a test passes more, to see the heap check stop the build)."""
    return {
        "pyodide_mjs": (NPM_PYODIDE / "pyodide.mjs").as_uri(), "npm": str(NPM_PYODIDE) + "/", "stage": str(STAGE),
        "wheels": wheels, "stdlib": str(NPM_PYODIDE / "python_stdlib.zip"), "full": str(full),
        "core": str(out / "python_stdlib-core.zip"), "modules": str(out / "modules.json"),
        "snapshot": str(out / "checker.snapshot") if want_snapshot else None, "heap": str(out / "heap.json"),
        "setup": SETUP, "warm": warm,
        "compile_stdlib": COMPILE_STDLIB, "trim_stdlib": TRIM_STDLIB, "detach_core": DETACH_CORE,
    }


def make_startup(job: dict) -> None:
    """Runs the start-up maker under Node; its complaint (the heap check's included) stops the build."""
    run = subprocess.run(["node", str(STARTUP_SCRIPT), json.dumps(job)], capture_output=True, text=True)
    if run.returncode or not Path(job["core"]).exists() or (job["snapshot"] and not Path(job["snapshot"]).exists()):
        raise AssetError(f"making the fast start failed:\n{run.stderr.strip()[-3000:]}")
    for line in run.stderr.splitlines():
        if line.startswith("pyodide assets: "):
            print(line, flush=True)


# Pyodide's two large files on the way to the first answer, also written gzipped beside themselves
# (`pyodide.asm.wasm.gz`), once per build: a server that sends such a file in place of the original (nginx's
# `gzip_static on`, README "Publishing on an intranet") sends 3.39 MB of wasm instead of the 4.01 MB its
# on-the-fly gzip sends at its default level, and spends no time compressing.
PRECOMPRESSED = ("pyodide.asm.wasm", "pyodide.asm.mjs")


def gzip_best(data: bytes) -> bytes:
    """`data` as a gzip file at libdeflate's highest level (12): 3 % smaller than zlib's -9, which on a phone's
    16 Mbit/s is 0.13 s less before the first answer for the wasm and the snapshot together; any gzip reader
    (a browser, nginx, DecompressionStream) reads it. The same bytes every build: no name, no time."""
    return deflate.gzip_compress(data, 12)


def precompress(path: Path) -> Path:
    """`path`.gz, rewritten only when `path` changed."""
    out = path.with_name(path.name + ".gz")
    if out.exists() and out.stat().st_mtime >= path.stat().st_mtime:
        return out
    out.write_bytes(gzip_best(path.read_bytes()))
    return out


def hashed_name(path: Path, stem: str) -> str:
    return f"{stem}-{sha256(path)[:12]}{''.join(path.suffixes)}"


def check_npm(p: dict) -> None:
    pkg = NPM_PYODIDE / "package.json"
    if not pkg.exists():
        raise AssetError("node_modules/pyodide is missing: run `npm ci` (make does)")
    version = json.loads(pkg.read_text(encoding="utf-8"))["version"]
    if version != p["pyodide"]["version"]:
        raise AssetError(f"node_modules/pyodide is {version}, scripts/pyodide-pins.toml pins "
                         f"{p['pyodide']['version']}: run `npm ci`")
    for name in PYODIDE_FILES:
        if not (NPM_PYODIDE / name).exists():
            raise AssetError(f"node_modules/pyodide/{name} is missing")


def stage() -> None:
    p = pins()
    check_npm(p)
    sources = [*fetch(p["site"], p["pyodide"]), build_checker_wheel()]
    # Pure wheels are byte-compiled; a compiled-extension wheel (pydantic-core) is shipped as pinned.
    pure = [w for w in sources if w.name.endswith("-none-any.whl")]
    shipped = {**{w: w for w in sources}, **dict(zip(pure, py_compile_wheels(pure, p["pyodide"])))}
    STAGE.mkdir(parents=True, exist_ok=True)
    (STAGE / ".gitignore").write_text("# Staged by scripts/pyodide_assets.py at build time; never committed.\n*\n")
    wanted = {"pyodide-lock.json"}
    for name in PYODIDE_FILES:
        copy_if_changed(NPM_PYODIDE / name, STAGE / name)
        wanted.add(name)
        if name in PRECOMPRESSED:
            wanted.add(precompress(STAGE / name).name)
    for path in shipped.values():
        copy_if_changed(path, STAGE / path.name)
        wanted.add(path.name)
    lock_obj = write_lock(sources, shipped)
    fast = startup(lock_obj)
    for command, names in ON_DEMAND.items():
        for name in names:
            load_order(lock_obj, name)  # each, and what it depends on, is in the lock
    manifest = {"core_import": CORE_IMPORT, "setup": SETUP, "enable": ENABLE, "exercise": EXERCISE, "wheels": fast["order"], "native": fast["native"], "pyodide": p["pyodide"]["version"],
                "on_demand": ON_DEMAND,
                "stdlib_full_path": FULL_STDLIB_PATH, "snapshot": None, "note": fast["note"], "heap": fast["heap"]}
    for key, (path, stem) in fast["files"].items():
        name = hashed_name(path, stem)
        copy_if_changed(path, STAGE / name)
        wanted.add(name)
        manifest[key] = name
        if key == "snapshot":
            manifest["snapshot_sha256"] = sha256(path)
    manifest["policies"] = {}  # checker/data/policies/<id>.json -> its copy on the site, named by its hash
    for path in sorted((ROOT / "checker" / "data" / "policies").glob("*.json")):
        name = hashed_name(path, f"policy-{path.stem}")
        copy_if_changed(path, STAGE / name)
        wanted.add(name)
        manifest["policies"][f"policies/{path.name}"] = name
    text = json.dumps(manifest, indent=1, sort_keys=True) + "\n"
    if not (STAGE / MANIFEST).exists() or (STAGE / MANIFEST).read_text(encoding="utf-8") != text:
        (STAGE / MANIFEST).write_text(text, encoding="utf-8")
    wanted.add(MANIFEST)
    for old in STAGE.iterdir():
        if old.name not in wanted and not old.name.startswith("."):
            old.unlink()
    if fast["note"]:
        print(f"pyodide assets: {fast['note']}")
    print(f"pyodide assets: Pyodide {p['pyodide']['version']}, its fast start and {len(lock_obj['packages'])} "
          f"wheels staged in {STAGE.relative_to(ROOT)}/")


def verify(site: Path) -> None:
    """Every file the lock names is in the built site with its hash, and the lock lists nothing else."""
    base = site / "assets" / "pyodide"
    lock_path = base / "pyodide-lock.json"
    if not lock_path.exists():
        raise AssetError(f"{lock_path} is missing: the site was built without `make pyodide-assets`")
    from pyodide_lock import PyodideLockSpec

    spec = PyodideLockSpec.from_json(lock_path)  # read as Pyodide's own tool reads it
    lock = spec.to_dict()
    p = pins()
    expected = {pin["name"] for pin in p["site"]} | {CHECKER}
    if set(spec.packages) != expected:
        raise AssetError(f"the lock lists {sorted(spec.packages)}, expected {sorted(expected)}")
    for pkg in spec.packages.values():
        path = base / pkg.file_name
        if not path.exists():
            raise AssetError(f"{path} is missing from the built site")
        if sha256(path) != pkg.sha256:
            raise AssetError(f"{path} does not match the sha256 in the lock")
    for name in PYODIDE_FILES:
        if not (base / name).exists():
            raise AssetError(f"{base / name} is missing from the built site")
    manifest = json.loads((base / MANIFEST).read_text(encoding="utf-8"))
    if manifest["wheels"] != load_order(lock):
        raise AssetError(f"{MANIFEST} loads {manifest['wheels']}, but the checker's dependencies are {load_order(lock)}")
    for key in ("stdlib", "stdlib_full", "snapshot", "stdlib_snapshot"):
        if manifest.get(key) and not (base / manifest[key]).exists():
            raise AssetError(f"{base / manifest[key]} ({key} in {MANIFEST}) is missing from the built site")
    if manifest.get("snapshot") and sha256(base / manifest["snapshot"]) != manifest["snapshot_sha256"]:
        raise AssetError(f"{base / manifest['snapshot']} does not match the sha256 in {MANIFEST}")
    print(f"pyodide assets: {len(lock['packages'])} wheels and Pyodide verified in {base}")


def test_wheels() -> None:
    p = pins()
    paths = fetch(p["site"] + p["test"], p["pyodide"])
    print("\n".join(str(x) for x in paths))


def main(argv: list[str]) -> None:
    command = argv[0] if argv else "stage"
    if command == "stage":
        stage()
    elif command == "verify":
        verify(Path(argv[1]) if len(argv) > 1 else ROOT / "site")
    elif command == "test-wheels":
        test_wheels()
    else:
        raise AssetError(f"unknown command {command!r}")


if __name__ == "__main__":
    main(sys.argv[1:])
