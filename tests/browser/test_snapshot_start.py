"""Every tool page starts Python from the build's memory snapshot (issue 21 item 2).

Without it each visit takes seconds longer, and the only sign was a console warning: a build whose snapshot
is missing, too big to restore (pyodide issue 6254), or refused by the browser fails here instead.
"""

from __future__ import annotations

import json

import pytest

from .conftest import SITE

PAGES = ["tools/due-dates/", "tools/team/", "tools/schedule/", "embed/due-dates/"]


def manifest() -> dict:
    return json.loads((SITE / "assets" / "pyodide" / "checker-startup.json").read_text(encoding="utf-8"))


def test_the_build_made_a_snapshot():
    assert manifest()["snapshot"], "the build made no start-up snapshot: " + manifest()["note"]


@pytest.mark.parametrize("path", PAGES)
def test_the_tool_page_starts_from_the_snapshot(page, site_url, path):
    console: list[str] = []
    page.on("console", lambda m: console.append(m.text))
    page.goto(site_url + path)
    page.wait_for_function("window.HandbookStartup")
    ready = page.evaluate("HandbookStartup")
    assert ready["type"] == "ready", ready
    assert ready["snapshot"] is True, f"{path} started Python without the snapshot: {console}"
    assert not [m for m in console if "snapshot" in m], console
