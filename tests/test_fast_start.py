"""The checker's fast start in the browser (issue 12 item 7), checked under Node with the staged files.

tests/pyodide/startup.mjs starts Pyodide as the worker does (docs/assets/javascripts/checker-worker.mjs) and
reports what happened; these tests judge it:
- a start on the byte-compiled core of the standard library answers exactly as CPython does;
- a module outside the core is not there until the worker's loader is enabled, then it is (a whole package
  and a missing submodule of a package the core holds part of), with one download;
- a memory snapshot (the build's when it could make one; otherwise one of the pure part of the checker,
  made here) restores, answers as the normal start did, still loads the rest of the library on demand, and
  a damaged one is refused so that the worker falls back to a normal start;
- the manifest loads exactly the checker's own dependencies (pyproject.toml), dependencies first.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "docs" / "assets" / "pyodide"
CASE = {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": ["2024-02-01"], "on": "2024-03-10"}

if not (STAGE / "checker-startup.json").exists() or shutil.which("node") is None:
    pytest.skip("the Pyodide assets are not staged (make pyodide-assets) or node is missing", allow_module_level=True)


@pytest.fixture(scope="module")
def report() -> dict:
    run = subprocess.run(["node", str(ROOT / "tests" / "pyodide" / "startup.mjs"), json.dumps(CASE)],
                         capture_output=True, text=True, timeout=600)
    lines = [line for line in run.stdout.splitlines() if line.startswith('{"manifest"')]
    assert run.returncode == 0 and lines, run.stderr[-3000:]
    return json.loads(lines[-1])


def test_start_on_the_core_of_the_standard_library_answers_as_cpython(report):
    sys.path.insert(0, str(ROOT))
    from checker import api

    assert json.loads(report["normal"]) == json.loads(json.dumps(api.call("due", CASE), sort_keys=True))
    assert json.loads(report["normal"])["ok"]["next_due"] == "2024-03-01"


def test_core_is_a_part_of_the_standard_library(report):
    assert report["core_files"] < report["full_files"] / 2
    assert report["outside"], "every candidate module is in the core: pick others in tests/pyodide/startup.mjs"


def test_the_rest_of_the_standard_library_loads_on_demand_and_only_when_enabled(report):
    assert report["without_loader"] == "ModuleNotFoundError"
    assert report["with_loader"] == "ok"
    assert report["partial_with_loader"] == "ok", report["partial"]
    assert report["loader_calls"] == 1
    assert report["answer_after_loader"] == report["normal"]


def test_snapshot_restores_answers_the_same_and_still_loads_on_demand(report):
    if report["manifest"]["snapshot"]:
        assert report["snapshot_source"] == "build"
        assert report["restored"] == report["normal"]
        assert any(m == report["manifest"]["core_import"] for m in report["restored_modules"])
    else:
        # No snapshot while a wheel holds compiled code; the build says why, and the mechanism is checked
        # on the pure part of the checker.
        assert not report["pure"] and "shared library" in report["manifest"]["note"]
        assert report["restored_dates"] == "2024-02-29" and "checker.dates" in report["restored_modules"]
    assert report["restored_without_loader"] == "ModuleNotFoundError"
    assert report["restored_with_loader"] == "ok" and report["restored_loader_calls"] == 1
    assert report["restored_partial_with_loader"] == "ok", report["partial"]


def test_damaged_snapshot_is_refused_so_the_worker_starts_normally(report):
    assert report["damaged"].startswith("refused"), report["damaged"]


def test_a_snapshot_unpacked_as_it_arrives_is_the_same_and_sized_from_its_head(report):
    """The worker unpacks the snapshot piece by piece as it downloads, and sizes Pyodide from the file's head
    before the rest is in (issue 21 item 1): every piece size gives the snapshot byte for byte, the buffer
    handed out early is the one filled, and a file cut short is refused rather than restored half-written."""
    if "pieces" not in report:
        pytest.skip("this build has no snapshot")
    assert report["pieces"]["same"] is True
    assert report["pieces"]["sized_early"] is True
    assert "shorter than its table of contents" in report["pieces"]["cut_short"], report["pieces"]


def test_a_snapshot_not_filled_from_the_modules_memory_is_refused(report):
    """The pages the wasm gives back are copied in once the module is instantiated; if that never happens the
    snapshot is refused by its missing mark, before any code runs on memory with those pages empty (without
    the mark, Python starts on it and traps: "unreachable"), and the worker starts normally."""
    if "unfilled" not in report:
        pytest.skip("this build has no snapshot: " + report["manifest"]["note"])
    assert report["unfilled"] == "refused: Error: Snapshot has invalid magic number", report["unfilled"]


def test_worker_loads_exactly_the_checkers_own_dependencies(report):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    lock = json.loads((STAGE / "pyodide-lock.json").read_text(encoding="utf-8"))
    wheels = report["manifest"]["wheels"]
    assert wheels[-1] == "supervision-checker"
    direct = {d.split("=")[0].split("<")[0].split(">")[0].split("[")[0].strip().lower().replace("_", "-")
              for d in project.get("dependencies", [])}
    assert set(lock["packages"]["supervision-checker"]["depends"]) == direct
    # every dependency of a loaded wheel is loaded before it, and nothing else is loaded
    seen: set[str] = set()
    for name in wheels:
        assert set(lock["packages"][name]["depends"]) <= seen, name
        seen.add(name)
    closure, todo = set(), ["supervision-checker"]
    while todo:
        name = todo.pop()
        if name not in closure:
            closure.add(name)
            todo += lock["packages"][name]["depends"]
    assert seen == closure


def test_build_stops_when_the_snapshot_outgrows_pyodides_initial_heap(tmp_path):
    """Pyodide restores a snapshot only into the heap its wasm is built with (pyodide issue 6254): a start-up
    that grows the heap (here 12 MiB more kept alive) must stop the build, naming the limit and the issue,
    instead of shipping a snapshot every browser refuses."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import pyodide_assets as assets

    manifest = json.loads((STAGE / "checker-startup.json").read_text(encoding="utf-8"))
    if not manifest["snapshot"]:
        pytest.skip("this build has no snapshot: " + manifest["note"])
    job = assets.startup_job(manifest["wheels"], STAGE / manifest["stdlib_full"], tmp_path, True,
                             warm=assets.WARM + "\n_ballast = bytearray(12 << 20)\n")
    with pytest.raises(assets.AssetError) as stop:
        assets.make_startup(job)
    message = str(stop.value)
    assert "pyodide issue 6254" in message
    heap = manifest["heap"]["initial_heap"]
    assert f"{heap} bytes ({heap / 2 ** 20:.2f} MiB) of the initial heap" in message
    assert not Path(job["snapshot"]).exists()


def test_the_shipped_snapshot_fits_pyodides_initial_heap():
    manifest = json.loads((STAGE / "checker-startup.json").read_text(encoding="utf-8"))
    if not manifest["snapshot"]:
        pytest.skip("this build has no snapshot: " + manifest["note"])
    heap = manifest["heap"]
    assert heap["snapshot_memory"] <= heap["initial_heap"]
    assert heap["heap_top"] <= heap["initial_heap"]
