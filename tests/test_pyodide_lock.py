"""The site's Pyodide lock file, written with Pyodide's own `pyodide-lock` (issue 21 item 3), read back with it.

The worker hands this lock to `loadPyodide`: a wheel missing from it, or listed with the wrong hash, is a
checker that cannot load (Pyodide refuses a wheel whose sha256 differs) or that asks a CDN for it.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
STAGE = ROOT / "docs" / "assets" / "pyodide"
LOCK = STAGE / "pyodide-lock.json"

pyodide_lock = pytest.importorskip("pyodide_lock", reason="requirements-lock.txt is not installed (make does)")
if not LOCK.exists():
    pytest.skip("the Pyodide assets are not staged (make pyodide-assets)", allow_module_level=True)

sys.path.insert(0, str(ROOT / "scripts"))
import pyodide_assets as assets  # noqa: E402


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def lock():
    return pyodide_lock.PyodideLockSpec.from_json(LOCK)


def on_demand_packages() -> set[str]:
    """The wheels the worker loads only when a command needs them (the start-up manifest's `on_demand`)."""
    manifest = json.loads((STAGE / "checker-startup.json").read_text(encoding="utf-8"))
    return {name for names in manifest["on_demand"].values() for name in names}


def closure(lock, names: set[str]) -> set[str]:
    seen, todo = set(), list(names)
    while todo:
        name = todo.pop()
        if name not in seen:
            seen.add(name)
            todo += lock.packages[name].depends
    return seen


def test_lock_is_pyodides_own_format_for_the_pinned_pyodide(lock):
    stock = pyodide_lock.PyodideLockSpec.from_json(ROOT / "node_modules" / "pyodide" / "pyodide-lock.json")
    assert lock.info == stock.info
    lock.check_wheel_filenames()


def test_checker_and_its_on_demand_wheels_are_locked_with_the_hash_of_the_file_shipped(lock):
    wanted = on_demand_packages()
    assert {"icalendar", "python-calamine"} <= wanted, "the manifest's on_demand table was not read"
    for name in closure(lock, wanted | {"supervision-checker"}):
        package = lock.packages[name]
        shipped = STAGE / package.file_name
        assert shipped.exists(), f"{name}: {package.file_name} is not staged"
        assert package.sha256 == sha256(shipped), f"{name}: the lock's sha256 is not the shipped file's"


def test_dependencies_and_imports_are_read_from_the_wheels(lock):
    """Nothing about a wheel is typed by hand: icalendar's METADATA names python-dateutil and tzdata (and
    dateutil six), and each wheel's top-level package is what Python imports."""
    assert set(lock.packages["icalendar"].depends) == {"python-dateutil", "tzdata"}
    assert lock.packages["python-dateutil"].depends == ["six"]
    assert lock.packages["python-dateutil"].imports == ["dateutil"]
    assert lock.packages["supervision-checker"].imports == ["checker"]
    assert lock.packages["supervision-checker"].depends == []  # pyproject.toml: the answering core needs nothing


def test_pure_wheels_are_locked_as_their_byte_compiled_copies(lock):
    for name in ("supervision-checker", "icalendar", "tzdata"):
        assert lock.packages[name].file_name.endswith("-cp314-none-any.whl"), name


@pytest.fixture
def scratch(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "STAGE", tmp_path)
    return tmp_path


def source_wheel(stem: str) -> Path:
    return next((ROOT / "build" / "wheels").glob(f"{stem}-*.whl"))


def test_a_wheel_whose_dependency_is_not_pinned_stops_the_build(scratch):
    icalendar, dateutil, six = source_wheel("icalendar"), source_wheel("python_dateutil"), source_wheel("six")
    with pytest.raises(assets.AssetError) as stop:
        assets.write_lock([icalendar, dateutil, six], {w: w for w in (icalendar, dateutil, six)})
    assert "icalendar-7.3.0-py3-none-any.whl requires tzdata" in str(stop.value)
    assert "scripts/pyodide-pins.toml" in str(stop.value)


def test_a_compiled_wheel_built_for_another_pyodide_abi_is_refused(scratch):
    core = source_wheel("pydantic_core")
    other = scratch / core.name.replace("pyemscripten_2026_0", "pyemscripten_2025_0")
    shutil.copyfile(core, other)
    typing = source_wheel("typing_extensions")
    with pytest.raises(assets.AssetError) as stop:
        assets.write_lock([other, typing], {other: other, typing: typing})
    assert "pyodide-lock refused a wheel" in str(stop.value) and "pyemscripten_2025_0" in str(stop.value)
    assert not (scratch / "pyodide-lock.json").exists()
