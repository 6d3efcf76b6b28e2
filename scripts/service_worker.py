"""Writes the built site's service worker (site/sw.js) from scripts/service-worker.js, after `mkdocs build`.

    python scripts/service_worker.py [SITE_DIR]          # offline use on (the default)
    HANDBOOK_OFFLINE=off python scripts/service_worker.py  # an sw.js that removes itself and its caches

The worker gets the build id, a hash of every file of the built site (so any change to any page or file is a
new worker, whose install deletes the old build's caches), and the checker's files of this build: those a
tool page asks it to keep (the start from the snapshot, the wheels the worker loads with the address it asks
for them by, each policy's rules, and the wheels a command loads on demand, which Pyodide's loadPackage
fetches), so that every tool answers offline after one visit; and those it keeps only once a visit has used
them (the standard library's core, the lock's other wheels), which a visit seldom needs (`checker_files`).
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

from pyodide_assets import load_order  # scripts/, this script's folder

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = ROOT / "scripts" / "service-worker.js"
PLACEHOLDER = "/*BUILD*/ null"
NAME = "sw.js"
PYODIDE = "assets/pyodide/"
# The page scripts and the worker's own module; the tool pages' other files are kept as they load.
CHECKER_SCRIPTS = ("assets/javascripts/checker-worker.mjs", "assets/javascripts/snapshot-pages.mjs",
                   "assets/javascripts/pyodide-snapshot.mjs",
                   "assets/javascripts/checker-boot.js", "assets/javascripts/tool-client.js")


def build_id(site: Path) -> str:
    h = hashlib.sha256()
    for path in sorted(p for p in site.rglob("*") if p.is_file() and p.name != NAME):
        h.update(path.relative_to(site).as_posix().encode() + b"\0")
        h.update(hashlib.sha256(path.read_bytes()).digest())
    return h.hexdigest()[:16]


def checker_files(site: Path) -> tuple[list[str], list[str]]:
    """Site-relative addresses of the checker's files: (those a tool page keeps on its first visit, so that every
    tool answers offline: the start from the snapshot, the checker's wheels, each policy's rules, the wheels a
    command loads on demand and the whole standard library, from which they import modules the snapshot does
    not hold (the calendar file does); those kept only once a visit has used them: the standard library's core,
    for a start without the snapshot, and the lock's other wheels, which no command loads). On a metered phone
    the first visit then downloads 4.2 MB less in the background."""
    base = site / PYODIDE
    manifest = json.loads((base / "checker-startup.json").read_text(encoding="utf-8"))
    lock = json.loads((base / "pyodide-lock.json").read_text(encoding="utf-8"))
    files = [PYODIDE + name for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json",
                                         "checker-startup.json")]
    files += [PYODIDE + manifest[key] for key in ("snapshot", "stdlib_snapshot", "stdlib_full") if manifest.get(key)]
    files += [PYODIDE + name for name in manifest.get("policies", {}).values()]  # each policy's rules, read on demand
    for name in manifest["wheels"]:  # as the worker asks for them: with their hash, checked on arrival
        pkg = lock["packages"][name]
        files.append(f"{PYODIDE}{pkg['file_name']}?v={pkg['sha256'][:12]}")
    # Each on-demand wheel and what it depends on in the lock.
    on_demand = {dep for names in manifest.get("on_demand", {}).values() for name in names for dep in load_order(lock, name)}
    files += [PYODIDE + lock["packages"][name]["file_name"] for name in sorted(on_demand)]  # Pyodide's loadPackage
    files += list(CHECKER_SCRIPTS)
    used = [PYODIDE + manifest["stdlib"]]
    used += [PYODIDE + lock["packages"][name]["file_name"] for name in sorted(lock["packages"])
             if name not in on_demand and name not in manifest["wheels"]]
    if not manifest.get("snapshot"):  # every start is a normal start on the standard library's core
        files.append(used.pop(0))
    missing = [f for f in files + used if not (site / f.split("?")[0]).exists()]
    if missing:
        raise SystemExit(f"error: service worker: the built site lacks {', '.join(missing)}")
    return files, used


def write(site: Path, off: bool) -> Path:
    keep, when_used = ([], []) if off else checker_files(site)
    build = {"id": build_id(site), "off": off, "checker": keep, "whenUsed": when_used}
    text = TEMPLATE.read_text(encoding="utf-8")
    if PLACEHOLDER not in text:
        raise SystemExit(f"error: service worker: {TEMPLATE} has no {PLACEHOLDER} to fill")
    out = site / NAME
    out.write_text(text.replace(PLACEHOLDER, json.dumps(build), 1), encoding="utf-8")
    return out


def main(argv: list[str]) -> None:
    site = Path(argv[0]) if argv else ROOT / "site"
    off = os.environ.get("HANDBOOK_OFFLINE", "on").lower() in ("off", "0", "no", "false")
    out = write(site, off)
    state = "off: it removes itself and its caches" if off else "on"
    print(f"service worker: {out.relative_to(site.parent) if site.parent in out.parents else out} written, offline use {state}")


if __name__ == "__main__":
    main(sys.argv[1:])
