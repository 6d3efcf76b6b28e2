"""Offline after the first visit (issue 21 item 4): the service worker (scripts/service-worker.js, written into
the site as sw.js) keeps the pages a reader has visited and the checker's files, so that with no connection
the policy pages open and the three tools answer.

Run on the intranet deployment of test_deployment.py: nginx (or its stand-in) serving the site under /kb/ with
the strict Content-Security-Policy, in a fresh browser context switched offline with Playwright's
`context.set_offline` after one visit of each page.
"""

from __future__ import annotations

import json
import os
import time
from urllib.parse import urlencode

import pytest

from checker import api, team

from .conftest import ROOT, SITE, wait_result
from .test_deployment import WATCH_CSP, intranet  # noqa: F401  (the fixture: nginx, strict CSP, /kb/)

CASE = {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": "2024-02-01", "on": "2024-03-10"}
LATER = {"policy": "sefton", "role": "social-worker", "start": "2024-02-05", "session": "2024-03-01", "on": "2024-04-10"}
SCHEDULE = {"policy": "sefton", "role": "nqsw", "start": "2025-09-01"}
TEAM_CSV = ROOT / "tests" / "scenarios" / "teams" / "sefton.csv"
POLICY_PAGES = ["", "policies/sefton/", "policies/lancashire/"]


def build_id() -> str:
    text = (SITE / "sw.js").read_text(encoding="utf-8")
    return json.loads(text.split("const BUILD = ", 1)[1].split(";\n", 1)[0])["id"]


def due(page) -> dict:
    return wait_result(page)


def poll(page, expression: str, timeout: float = 120):
    """Until `expression` is truthy in the page (wait_for_function evaluates strings, which the CSP forbids)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        value = page.evaluate(expression)
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError(f"{expression} stayed false for {timeout} s")


def expected(case: dict) -> dict:
    out = api.call("due", dict(case))["ok"]
    return {"status": out["status"], "next_due": out["next_due"]}


def team_rows(page) -> list[dict]:
    page.set_input_files("[data-team-file]", str(TEAM_CSV))
    # The file names its columns as exports do ("staff name", "job role"): the page shows the match first.
    page.wait_for_selector("[data-team-mapping][data-state=asking]", state="attached", timeout=60_000)
    page.click("[data-team-confirm]")
    page.wait_for_selector("[data-team-result][data-count]", state="attached", timeout=60_000)
    return page.eval_on_selector_all("[data-team-result] tbody tr", "rs => rs.map(r => [r.dataset.person, r.dataset.status])")


def assert_kept_only_what_the_tools_need(page) -> None:
    """A first visit keeps what every tool needs to answer offline, not all the checker's files: on a metered
    phone the standard library's core (for a start without the snapshot) and the wheels no command loads
    (4.2 MB) are not downloaded for nothing."""
    urls = page.evaluate(f"caches.open('handbook-{build_id()}').then(c => c.keys()).then(ks => ks.map(r => r.url))")
    kept = {u.split("?")[0].rsplit("/", 1)[-1] for u in urls if "/assets/pyodide/" in u}
    base = SITE / "assets" / "pyodide"
    manifest = json.loads((base / "checker-startup.json").read_text(encoding="utf-8"))
    lock = json.loads((base / "pyodide-lock.json").read_text(encoding="utf-8"))["packages"]
    needed, todo = set(manifest["wheels"]), [n for names in manifest["on_demand"].values() for n in names]
    while todo:
        name = todo.pop()
        needed.add(name)
        todo += [d for d in lock[name]["depends"] if d not in needed]
    assert {manifest["snapshot"], *manifest["policies"].values(), "pyodide.asm.wasm"} <= kept
    assert {f for f in kept if f.endswith(".whl")} == {lock[n]["file_name"] for n in needed}
    assert manifest["stdlib_full"] in kept and manifest["stdlib"] not in kept


@pytest.fixture
def visitor(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    ctx.add_init_script(WATCH_CSP)
    errors: list[str] = []
    ctx.on("page", lambda p: p.on("pageerror", lambda e: errors.append(str(e))))
    ctx.page_errors = errors
    yield ctx
    ctx.close()


def test_after_one_visit_the_policy_pages_and_the_three_tools_work_offline(visitor, intranet):  # noqa: F811
    base = intranet["kb"]
    page = visitor.new_page()
    page.set_default_timeout(60_000)
    # The first visit: a tool answers, then the worker keeps what the page had loaded and the checker's files.
    page.goto(base + "tools/due-dates/?" + urlencode(CASE))
    assert due(page) == expected(CASE)
    kept = poll(page, "window.HandbookOffline")
    assert kept["build"] == build_id() and kept["files"] > 20, kept
    assert_kept_only_what_the_tools_need(page)
    scope = page.evaluate("navigator.serviceWorker.getRegistration().then(r => r && r.scope)")
    assert scope == base, "the service worker's scope is the site's own path"
    # The rest of the visit, under the worker now.
    for path in POLICY_PAGES:
        page.goto(base + path)
        page.wait_for_selector("h1")
    page.goto(base + "tools/team/?on=2024-03-10&policy=sefton")
    page.wait_for_selector('[data-team][data-state="ready"]')
    page.goto(base + "tools/schedule/?" + urlencode(SCHEDULE))
    page.wait_for_selector("[data-schedule] tr[data-date]")

    visitor.set_offline(True)
    off = visitor.new_page()
    off.set_default_timeout(60_000)
    for path in POLICY_PAGES:
        off.goto(base + path)
        assert off.locator("h1").first.inner_text(), path
    assert "Sefton" in off.title() or "Lancashire" in off.title()
    # The due-date checker answers a case it was never asked, from the snapshot.
    off.goto(base + "tools/due-dates/?" + urlencode(LATER))
    assert due(off) == expected(LATER)
    assert off.evaluate("HandbookStartup.snapshot") is True
    # The team check reads a file.
    off.goto(base + "tools/team/?on=2024-03-10&policy=sefton")
    off.wait_for_selector('[data-team][data-state="ready"]')
    want = team.team(TEAM_CSV.read_bytes(), "sefton", "2024-03-10")
    assert team_rows(off) == [[p["name"], p["status"]] for p in want["people"]]
    # The schedule builder draws its table and makes its calendar file (its wheels were kept too).
    off.goto(base + "tools/schedule/?" + urlencode(SCHEDULE))
    off.wait_for_selector("[data-schedule] tr[data-date]")
    rows = off.eval_on_selector_all("[data-schedule] tr[data-date]", "rs => rs.map(r => [r.dataset.date, r.dataset.kind])")
    assert rows == [[e["date"], e["kind"]] for e in api.schedule(dict(SCHEDULE))["events"]]
    off.click('a[download$=".ics"]')
    poll(off, "document.querySelector('[data-ics]').href.startsWith('blob:')", 60)
    assert "Calendar file ready" in off.inner_text("[data-ics-status]")
    for p in (page, off):
        assert p.evaluate("window.__csp || []") == [], "CSP violations"
    assert not visitor.page_errors, visitor.page_errors


def test_the_administrators_off_switch_removes_the_worker_and_what_it_kept(visitor, tmp_path):
    """HANDBOOK_OFFLINE=off (README, tools/embed.md): the next visit after publishing it deletes the kept files
    and unregisters the worker, in a browser that had the site offline."""
    import sys

    from .conftest import serve

    sys.path.insert(0, str(ROOT / "scripts"))
    import service_worker

    for entry in SITE.iterdir():  # a copy of the site whose sw.js can be changed: links, and sw.js itself
        if entry.name != "sw.js":
            (tmp_path / entry.name).symlink_to(entry, target_is_directory=entry.is_dir())
    (tmp_path / "sw.js").write_text((SITE / "sw.js").read_text(encoding="utf-8"), encoding="utf-8")
    # Published an hour before the off switch, as on a real site: Python's server answers the browser's update
    # check with 304 Not Modified when both files carry the same second, and the switch would go unseen.
    an_hour_ago = time.time() - 3600
    os.utime(tmp_path / "sw.js", (an_hour_ago, an_hour_ago))
    server, url = serve(tmp_path, "127.0.0.1")
    try:
        page = visitor.new_page()
        page.goto(url + "policies/sefton/")
        assert poll(page, "window.HandbookOffline")["files"] >= 1
        assert page.evaluate("caches.keys()"), "nothing kept"
        service_worker.write(tmp_path, off=True)
        page.goto(url + "policies/lancashire/")
        poll(page, "navigator.serviceWorker.getRegistration().then(r => !r)", 60)
        poll(page, "caches.keys().then(k => k.length === 0)", 30)
    finally:
        server.shutdown()


def test_the_embed_in_an_intranet_page_answers_offline_after_one_visit(visitor, intranet, tmp_path):  # noqa: F811
    """The embed inside an intranet page (another origin of the same site, as intranet.council.gov.uk framing
    kb.council.gov.uk, framing /kb/embed/ under the strict CSP): after one answer, with no connection, the
    frame opened again answers a new case from the service worker's files. The intranet page itself stays
    open (keeping it offline is the intranet's own business). A frame on another site gets no service worker
    where the browser blocks third-party storage (Chromium here does): README, "Offline use"."""
    from .conftest import serve

    base = intranet["kb"]
    (tmp_path / "intranet.html").write_text(f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Intranet</title></head><body><h1>Our intranet</h1>
<iframe id="checker" title="Supervision due-date checker" src="{base}embed/due-dates/?{urlencode(CASE)}"
 style="width:100%;height:600px;border:0"></iframe></body></html>""", encoding="utf-8")
    server, host = serve(tmp_path, "127.0.0.1")
    try:
        assert host.split(":")[2] != base.split(":")[2], "the intranet page is on another origin than the embed"
        page = visitor.new_page()
        page.set_default_timeout(60_000)
        page.goto(host + "intranet.html")
        frame = page.wait_for_selector("#checker").content_frame()
        assert due(frame) == expected(CASE)
        kept = poll(frame, "window.HandbookOffline")
        assert kept["build"] == build_id() and kept["files"] > 20, kept

        visitor.set_offline(True)
        page.eval_on_selector("#checker", "(f, src) => { f.src = src; }", f"{base}embed/due-dates/?{urlencode(LATER)}")
        end = time.monotonic() + 30
        while "2024-04-10" not in (page.wait_for_selector("#checker").content_frame().url or "") and time.monotonic() < end:
            time.sleep(0.2)
        frame = page.wait_for_selector("#checker").content_frame()
        frame.wait_for_load_state()
        assert due(frame) == expected(LATER)
        assert frame.evaluate("HandbookStartup.snapshot") is True
        assert frame.evaluate("window.__csp || []") == [], "CSP violations"
        assert not visitor.page_errors, visitor.page_errors
    finally:
        server.shutdown()
