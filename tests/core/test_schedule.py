"""The schedule builder (DESIGN §4 "The schedule"): hand-worked schedules beside the scenarios, the promise
that no planned session is later than the due-date checker allows, working days, and the error contract."""

from __future__ import annotations

import tomllib
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checker import api
from checker.dates import is_working_day
from checker.rulebook import policy_ids

POLICY_IDS = policy_ids()

SCHEDULES = Path(__file__).parent.parent / "scenarios" / "schedules"


def _load():
    for path in sorted(SCHEDULES.glob("*.toml")):
        policy = path.stem
        for item in tomllib.loads(path.read_text(encoding="utf-8"))["schedule"]:
            yield pytest.param(policy, item, id=f"{policy}: {item['name']}")


def test_schedule_files_name_real_policies():
    assert {p.stem for p in SCHEDULES.glob("*.toml")} <= set(POLICY_IDS)
    assert {"sefton", "somerset"} <= {p.stem for p in SCHEDULES.glob("*.toml")}


@pytest.mark.parametrize("policy, item", list(_load()))
def test_hand_worked_schedule(policy, item):
    # worked out by hand on the latest day each rule allows, unless the example says how it plans
    result = api.call("schedule", {"policy": policy, "plan": "latest", **item["input"]})
    assert "ok" in result, result.get("error")
    plan, expect = result["ok"], item["expect"]
    events = plan["events"]
    for key in ("from", "until"):
        if key in expect:
            assert plan[key] == expect[key]
    for kind, dates in expect.items():
        if kind in ("from", "until", "moved", "write-up-of"):
            continue
        assert [e["date"] for e in events if e["kind"] == kind] == dates, kind
    for planned, due in expect.get("moved", []):
        assert any(e["date"] == planned and e["due"] == due for e in events), (planned, due)
    for session, due in expect.get("write-up-of", {}).items():
        title = f"Record of the {int(session[8:])} {date.fromisoformat(session):%B} session"
        got = [e["date"] for e in events if e["kind"] == "write-up" and title in e["title"]]
        assert got == [due], (session, got)
    cited = {c["section"] for e in events for c in e["citations"]}
    assert item["section"] in cited


def test_sefton_newly_qualified_year_every_date_on_a_working_day():
    """The issue's "done when": 1 September, newly qualified, a year of sessions and deadlines."""
    plan = api.call("schedule", {"policy": "sefton", "role": "nqsw", "start": "2025-09-01", "plan": "latest"})["ok"]
    assert len([e for e in plan["events"] if e["kind"] == "supervision"]) == 23
    assert all(is_working_day(date.fromisoformat(e["date"])) for e in plan["events"])
    kinds = {e["kind"] for e in plan["events"]}
    assert {"supervision", "write-up", "agreement", "agreement-review", "asye-review", "appraisal", "observation"} <= kinds
    # every session's write-up is in the window, except none: the last session (10 August) is written up by 17 August
    sessions = [e["date"] for e in plan["events"] if e["kind"] == "supervision"]
    assert len([e for e in plan["events"] if e["kind"] == "write-up"]) == len(sessions)


def test_moved_dates_are_said_once_as_a_reading():
    plan = api.call("schedule", {"policy": "sefton", "role": "nqsw", "start": "2025-09-01"})["ok"]
    moved = [r for r in plan["readings"] if "working day before" in r["text"]]
    assert len(moved) == 1
    texts = [r["text"] for r in plan["readings"]]
    assert len(texts) == len(set(texts))


def test_no_moved_reading_when_nothing_moves():
    # Sefton social worker, monthly from Monday 14 September 2026 for two months: 14 Oct (Wed), 13 Nov (Fri... 14 Nov is a Saturday)
    plan = api.call("schedule", {"policy": "sefton", "role": "social-worker", "start": "2026-01-05",
                                 "session": ["2026-09-15"], "months": 1, "plan": "latest"})["ok"]
    assert [e["date"] for e in plan["events"] if e["kind"] == "supervision"] == ["2026-10-15"]
    assert all(e["date"] == e["due"] for e in plan["events"])
    assert not [r for r in plan["readings"] if "working day before" in r["text"]]


def test_a_role_without_dates_still_lists_its_duties_and_says_why():
    plan = api.call("schedule", {"policy": "sefton", "role": "student", "start": "2025-09-01"})["ok"]
    assert not [e for e in plan["events"] if e["kind"] == "supervision"]
    assert any("No session dates can be planned" in r["text"] for r in plan["readings"])
    assert any(e["kind"] == "agreement" for e in plan["events"])


def test_shift_based_role_is_planned_by_its_date_floor():
    plan = api.call("schedule", {"policy": "sefton", "role": "agency-residential", "start": "2025-09-01", "months": 4,
                                 "plan": "latest"})["ok"]
    # the eight-week floor of 3.2: 27 October, then 22 December 2025
    assert [e["date"] for e in plan["events"] if e["kind"] == "supervision"] == ["2025-10-27", "2025-12-22"]
    assert any("16 shifts" in r["text"] for r in plan["readings"])


def test_overdue_when_the_schedule_begins_plans_the_first_working_day():
    plan = api.call("schedule", {"policy": "sefton", "role": "social-worker", "start": "2025-01-06",
                                 "session": ["2025-03-03"], "from": "2025-06-07", "months": 1})["ok"]
    assert plan["events"][0]["kind"] == "supervision"
    assert plan["events"][0]["date"] == "2025-06-09"  # 7 June is a Saturday
    assert plan["events"][0]["note"].startswith("Overdue since Thursday 3 April 2025")  # 3 March + 1 month
    assert any("before the schedule begins" in r["text"] for r in plan["readings"])


@pytest.mark.parametrize("params, field", [
    ({"months": "0"}, "months"),
    ({"months": "25"}, "months"),
    ({"months": "twelve"}, "months"),
    ({"from": "2025-08-31"}, "from"),
    ({"from": "2025-13-01"}, "from"),
    ({"session": ["2025-10-01"], "from": "2025-09-15"}, "from"),
    ({"supervisor-changed": "2025-12-01", "from": "2025-10-01"}, "supervisor-changed"),
    ({"from": "2036-06-01"}, "months"),
    ({"role": "nobody"}, "role"),
])
def test_bad_input_names_its_field(params, field):
    result = api.call("schedule", {"policy": "sefton", "role": "nqsw", "start": "2025-09-01", **params})
    assert result.get("error", {}).get("field") == field, result


@pytest.mark.parametrize("params, said", [
    ({"start": "01/09/2025", "from": "15/8/2025"}, ["“15/8/2025”", "“01/09/2025”"]),
    ({"start": "2025-09-01", "session": ["1 October 2025"], "from": "15/9/2025"}, ["“15/9/2025”", "“1 October 2025”"]),
])
def test_a_from_date_in_the_wrong_place_is_told_in_the_persons_own_words(params, said):
    """Issue 19 item 6: the error repeats the dates as the person typed them, never an ISO date they did not type."""
    error = api.call("schedule", {"policy": "sefton", "role": "nqsw", **params})["error"]
    assert error["field"] == "from"
    assert all(s in error["message"] for s in said), error["message"]


# ---------------------------------------------------------------- properties

CASES = [(p["id"], r["id"], sorted(r["facts"])) for p in api.policies() for r in api.roles(p["id"])]


@st.composite
def schedule_cases(draw):
    policy, role, facts = draw(st.sampled_from(CASES))
    start = draw(st.dates(date(2016, 1, 1), date(2027, 12, 31)))
    chosen = draw(st.lists(st.sampled_from(facts), unique=True)) if facts else []
    params = {"policy": policy, "role": role, "start": start.isoformat(), "months": draw(st.integers(1, 14)),
              **{f: "1" for f in chosen}}
    if draw(st.booleans()):
        params["session"] = [(start + timedelta(days=draw(st.integers(0, 400)))).isoformat()]
    if role == "other-employee":
        params["agreed-every"] = draw(st.sampled_from(["3 weeks", "1 month", "6 weeks"]))
    return params


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(schedule_cases())
def test_no_planned_session_is_later_than_due_allows(params):
    """Each planned session is on or before the date `due` gives, told the sessions before it."""
    result = api.call("schedule", params)
    assert "ok" in result, result
    plan = result["ok"]
    held = list(params.get("session", []))
    for event in plan["events"]:
        day = date.fromisoformat(event["date"])
        assert is_working_day(day), event
        assert plan["from"] <= event["date"] <= plan["until"], event
    for event in [e for e in plan["events"] if e["kind"] == "supervision"]:
        answer = api.call("due", {**params, "shifts": "0", "session": held, "on": held[-1] if held else params["start"]})["ok"]
        allowed = [d for d in (answer["next_due"], (answer.get("recommended") or {}).get("next_due")) if d]
        if max(allowed) >= plan["from"]:  # a session already overdue when the schedule begins is planned at once
            assert event["date"] <= max(allowed), (event, answer["next_due"], held)
        held.append(event["date"])
