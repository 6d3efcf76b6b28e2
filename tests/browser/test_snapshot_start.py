"""Every tool page starts Python from the build's memory snapshot (issue 21 item 2).

Without it each visit takes seconds longer, and the only sign was a console warning: a build whose snapshot
is missing, too big to restore (pyodide issue 6254), or refused by the browser fails here instead.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, SITE

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


@pytest.mark.parametrize("encoding", ["utf-8-sig", "cp1252"])
def test_a_team_file_is_read_without_downloading_the_rest_of_the_standard_library(page, context, site_url, tmp_path,
                                                                                   encoding):
    """The snapshot holds what reading a team file needs (text saved as UTF-8 or by Excel on Windows): the
    first file a reader chooses must not wait for the whole standard library (4.5 MB)."""
    source = (SITE.parent / "tests" / "scenarios" / "teams" / "sefton.csv").read_text(encoding="utf-8")
    path = tmp_path / "team.csv"
    path.write_bytes(source.encode(encoding))
    page.goto(site_url + "tools/team/?on=2024-03-10&policy=sefton")
    page.wait_for_selector('[data-team][data-state="ready"]', timeout=60_000)
    page.set_input_files("[data-team-file]", str(path))
    # Its columns are named as exports name them ("staff name", "job role"): the page shows the match first.
    page.wait_for_selector("[data-team-mapping][data-state=asking]", state="attached", timeout=60_000)
    page.click("[data-team-confirm]")
    page.wait_for_selector("[data-team-result][data-count]", state="attached", timeout=60_000)
    assert page.locator("[data-team-result] tbody tr").count() > 0
    full = manifest()["stdlib_full"]
    assert not [u for u in context.requests if full in u], f"the team check downloaded {full}"


def test_the_first_answer_downloads_the_policy_it_names_and_not_the_checkers_wheel(page, context, site_url):
    """On the way to the first answer (issue 21 item 1): the policy the address names is fetched while Python
    starts (its rules are read when the first question about it comes), and the checker's wheel, which the
    snapshot already holds imported, waits until the page has had its answers (on a phone its download and
    unpacking came between the page's questions)."""
    policy = manifest()["policies"]["policies/sefton.json"]
    started: list[float] = []  # when the policy's request started, ms since the epoch
    context.on("requestfinished", lambda r: started.append(r.timing["startTime"]) if policy in r.url else None)
    page.goto(site_url + "tools/due-dates/?policy=sefton&role=social-worker&start=2024-01-08&on=2024-03-10")
    page.wait_for_selector("[data-result]:not([data-status=''])[data-status]", state="attached", timeout=60_000)
    before = list(context.requests)
    ready = page.evaluate("HandbookStartup.milestones.ready")  # ms since the epoch, in the worker
    assert started and min(started) < ready, "Sefton's rules were not fetched while Python started"
    assert not [u for u in before if u.split("?")[0].endswith(".whl")], [u for u in before if ".whl" in u]
    # and it is installed once the page has been quiet for a second
    page.wait_for_timeout(3000)
    assert [u for u in context.requests if ".whl" in u], "the checker's wheel was never installed"


def test_a_second_visit_takes_the_compiled_wasm_from_the_browsers_code_cache(site_url):
    """A warm visit (the second, in the same on-disk browser profile) compiles no more than a tenth of the wasm
    functions the first did: Chromium kept the compiled module (issue 21 item 1). Fails if the worker hands
    the browser's compiler anything but the response the browser fetched, or if the first visit leaves too
    little optimised code for Chromium to keep (the worker's exercise after the first answer).

    Run by bench/browser.py in a process of its own (a second Playwright cannot start inside this one)."""
    run = subprocess.run([sys.executable, str(ROOT / "bench" / "browser.py"), "--code-cache",
                          site_url + "tools/due-dates/?policy=sefton&role=social-worker&start=2024-01-08&on=2024-03-10"],
                         capture_output=True, text=True, timeout=600)
    assert run.returncode == 0, run.stderr[-2000:]
    first, second = json.loads(run.stdout.strip().splitlines()[-1])
    assert first["lazy"] > 500, first  # the trace saw the first visit compile (the signal is there)
    assert second["hits"] >= 1, f"the second visit's wasm was not read from the code cache: {first} {second}"
    assert second["lazy"] <= first["lazy"] / 10, f"{second['lazy']} of {first['lazy']} functions compiled again"


def test_a_first_visit_downloads_the_wasm_from_the_page_once_and_a_later_one_from_the_worker(page, context, site_url):
    """On a first visit the page starts the wasm's download and compiles it (checker-boot.js), 0.1 to 0.3 s
    before the worker could, and hands the module over; the wasm is downloaded once, not again by the worker.
    Once the browser's code cache has it (the page's flag), the worker takes it itself, off the page's busy
    main thread. The answer is the same both ways."""
    url = site_url + "tools/due-dates/?policy=sefton&role=social-worker&start=2024-01-08&session=2024-02-01&on=2024-03-10"
    page.goto(url)
    page.wait_for_function("window.HandbookStartup")
    assert page.evaluate("HandbookStartup.handed") == ["wasm"]
    page.wait_for_selector("[data-result]:not([data-status=''])", state="attached")
    assert page.get_attribute("[data-result]", "data-next-due") == "2024-03-01"
    assert len([u for u in context.requests if u.split("?")[0].endswith("/pyodide.asm.wasm")]) == 1, context.requests
    # After the first answer and a quiet spell the worker exercises the module for the code cache, and says so.
    page.wait_for_function("localStorage.getItem('handbook-checker-compiled') === '1'", timeout=90_000)
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_function("window.HandbookStartup")
    assert page.evaluate("HandbookStartup.handed") == []
    page.wait_for_selector("[data-result]:not([data-status=''])", state="attached")
    assert page.get_attribute("[data-result]", "data-next-due") == "2024-03-01"
