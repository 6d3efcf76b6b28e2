"""The Firefox set (issue 21 item 5): each tool answers in Debian's firefox-esr, started from the snapshot.

tests/firefox/firefox_set.mjs drives firefox-esr headless through puppeteer-core (WebDriver BiDi; the browser
is Debian's, never a downloaded one) against the site served here, and reports what it saw; the answers are
judged against the rule core run in CPython, as in the Chromium set.
"""

from __future__ import annotations

import json
import os
import subprocess
from urllib.parse import urlencode

import icalendar
import pytest

from checker import api, team

from .conftest import ROOT

FIREFOX = "/usr/bin/firefox-esr"
CASE = {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": "2024-02-01", "on": "2024-03-10"}
SCHEDULE = {"policy": "sefton", "role": "nqsw", "start": "2025-09-01"}
TEAM_CSV = ROOT / "tests" / "scenarios" / "teams" / "sefton.csv"

if not os.path.exists(FIREFOX):
    pytest.skip(f"{FIREFOX} is missing (apt-get install firefox-esr; `make test-browser` does)", allow_module_level=True)
if not (ROOT / "node_modules" / "puppeteer-core").exists():
    pytest.skip("puppeteer-core is not installed: run `npm ci` (make does)", allow_module_level=True)


@pytest.fixture(scope="module")
def firefox(servers) -> dict:
    src = servers["kb"] + "embed/due-dates/?" + urlencode(CASE)
    (servers["host_dir"] / "host.html").write_text(
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Intranet</title></head><body>'
        f'<h1>Our intranet</h1><iframe id="supervision-checker" title="Supervision due-date checker" src="{src}" '
        'width="800" height="700"></iframe></body></html>', encoding="utf-8")
    job = {"site": servers["site"], "kb": servers["kb"], "host": servers["host"], "firefox": FIREFOX,
           "case": urlencode(CASE), "schedule": urlencode(SCHEDULE), "team_csv": str(TEAM_CSV)}
    run = subprocess.run(["node", str(ROOT / "tests" / "firefox" / "firefox_set.mjs"), json.dumps(job)],
                         capture_output=True, text=True, timeout=900, cwd=ROOT)
    lines = [line for line in run.stdout.splitlines() if line.startswith("{")]
    assert run.returncode == 0 and lines, run.stderr[-3000:]
    report = json.loads(lines[-1])
    assert report["version"].lower().startswith("firefox"), report["version"]
    return report


def check(report: dict, name: str) -> dict:
    got = report[name]
    assert got["ok"], got.get("error")
    assert not got["errors"], f"JavaScript errors in Firefox: {got['errors']}"
    assert set(got["hosts"]) <= {"127.0.0.1", "127.0.0.2"}, got["hosts"]
    return got


def test_due_dates_answers_in_firefox_from_the_snapshot(firefox):
    got = check(firefox, "due-dates")
    out = api.call("due", dict(CASE))["ok"]
    assert got["answer"] == {"status": out["status"], "next_due": out["next_due"]}
    assert got["startup"]["type"] == "ready"
    assert got["startup"]["snapshot"] is True, "Firefox started Python without the snapshot"


def test_the_error_summary_in_firefox_names_the_field_and_keeps_the_entries(firefox):
    got = check(firefox, "error-summary")
    assert "“2024-02-30” is not a real date" in got["message"]
    assert "Date started in this post" in got["summary"] and got["focused"]
    assert got["invalid"] == "true" and not got["traceback"]
    assert got["kept"] == ["lancashire", "staff", "2024-02-30", "2024-03-05", "2024-04-01"]


def test_the_team_file_in_firefox_gives_the_rule_cores_table(firefox):
    got = check(firefox, "team")
    want = team.team(TEAM_CSV.read_bytes(), "sefton", "2024-03-10")
    assert got["people"] == [{"name": p["name"], "status": p["status"], "next_due": p["next_due"] or ""}
                             for p in want["people"]]
    assert got["percent"] == "60.0"


def test_the_schedule_and_its_calendar_file_in_firefox(firefox):
    got = check(firefox, "schedule")
    plan = api.schedule(dict(SCHEDULE))
    assert [tuple(r) for r in got["rows"]] == [(e["date"], e["kind"]) for e in plan["events"]]
    assert got["ics"]["filename"] == "supervision-schedule-sefton-nqsw-2025-09-01.ics"
    events = icalendar.Calendar.from_ical(got["ics"]["text"]).walk("VEVENT")
    assert [(e["DTSTART"].dt.isoformat(), str(e["SUMMARY"])) for e in events] == \
        [(x["date"], x["title"]) for x in plan["events"]]
    assert got["startup"]["snapshot"] is True


def test_the_embed_in_firefox_answers_in_a_cross_origin_frame_under_a_sub_path(firefox, servers):
    got = check(firefox, "embed")
    out = api.call("due", dict(CASE))["ok"]
    assert got["answer"] == {"status": out["status"], "next_due": out["next_due"]}
    assert got["hrefs"] and all(h.startswith(servers["kb"] + "policies/") for h in got["hrefs"])
    assert not got["chrome"]
    assert got["startup"] == {"type": "ready", "snapshot": True}
