"""The schedule on the command line (`python -m checker schedule`, DESIGN §4) and its iCalendar file: read
back with `icalendar`, and with `ical`, a second, independent RFC 5545 parser, where it is installed."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest

from checker import api
from checker.cli import main

icalendar = pytest.importorskip("icalendar")

SEFTON_NQSW = ["schedule", "--policy", "sefton", "--role", "nqsw", "--start", "2025-09-01"]
BASE = "https://handbook.example.org/kb/"
NOW = datetime(2026, 11, 22, 18, 40, tzinfo=timezone.utc)


def run(capsys, *argv):
    code = main(list(argv), today=date(2026, 11, 22), now=NOW)
    out, err = capsys.readouterr()
    return code, out, err


def ics_text(capsys, *extra) -> str:
    code, out, err = run(capsys, *SEFTON_NQSW, "--ics", "--base-url", BASE, *extra)
    assert code == 0, err
    return out


def test_schedule_json_has_the_interface_shape(capsys):
    code, out, _ = run(capsys, *SEFTON_NQSW, "--json")
    data = json.loads(out)
    assert code == 0
    assert (data["from"], data["until"]) == ("2025-09-01", "2026-09-01")
    assert all({"date", "kind", "title", "citations"} <= set(e) for e in data["events"])
    assert data["events"][0]["citations"][0]["href"].startswith("policies/sefton/#p")
    assert all({"text", "citations"} <= set(r) for r in data["readings"])


def test_schedule_text_is_grouped_by_month(capsys):
    code, out, _ = run(capsys, *SEFTON_NQSW, "--months", "2")
    assert code == 0
    assert "September 2025" in out and "October 2025" in out and "November 2025" not in out.split("Reading:")[0]
    assert "2025-09-08  Supervision session" in out
    assert "Reading: A date that falls on a Saturday" not in out  # nothing moves in these two months


def test_schedule_bad_months_is_one_error_line(capsys):
    code, out, err = run(capsys, *SEFTON_NQSW, "--months", "36")
    assert code == 2 and out == ""
    assert err.startswith("error: months:") and err.count("\n") == 1


def test_ics_round_trip_with_icalendar(capsys):
    text = ics_text(capsys)
    plan = api.schedule({"policy": "sefton", "role": "nqsw", "start": "2025-09-01"})
    cal = icalendar.Calendar.from_ical(text)
    events = cal.walk("VEVENT")
    assert len(events) == len(plan["events"])
    assert str(cal["VERSION"]) == "2.0" and cal["PRODID"]
    for event, entry in zip(events, plan["events"]):
        start, end = event["DTSTART"].dt, event["DTEND"].dt
        assert not isinstance(start, datetime)  # all-day: VALUE=DATE
        assert start.isoformat() == entry["date"] and end == start + timedelta(days=1)
        assert str(event["SUMMARY"]) == entry["title"]
        assert event["DTSTAMP"].dt == NOW
        description = str(event["DESCRIPTION"])
        assert (entry.get("requirement") or entry["title"]) in description
        for c in entry["citations"]:
            assert f"{BASE}policies/{c['policy']}/#{c['anchor']}" in description


def test_ics_lines_are_crlf_and_folded_at_75_octets(capsys):
    text = ics_text(capsys)
    assert text.startswith("BEGIN:VCALENDAR\r\n") and text.endswith("END:VCALENDAR\r\n")
    lines = text.split("\r\n")[:-1]
    assert "\n" not in "".join(lines)
    assert max(len(line.encode("utf-8")) for line in lines) <= 75


def test_ics_uids_are_unique_and_the_same_for_the_same_case(capsys):
    first = icalendar.Calendar.from_ical(ics_text(capsys))
    again = icalendar.Calendar.from_ical(
        api.schedule_ics({"policy": "sefton", "role": "nqsw", "start": "2025-09-01", "stamp": "2027-01-01T09:00:00Z"})["text"])
    uids = [str(e["UID"]) for e in first.walk("VEVENT")]
    assert len(uids) == len(set(uids))
    assert uids == [str(e["UID"]) for e in again.walk("VEVENT")]
    other = icalendar.Calendar.from_ical(
        api.schedule_ics({"policy": "sefton", "role": "social-worker", "start": "2025-09-01"})["text"])
    assert not set(uids) & {str(e["UID"]) for e in other.walk("VEVENT")}


def test_every_entry_of_the_sefton_year_is_on_a_working_day(capsys):
    from checker.dates import is_working_day

    cal = icalendar.Calendar.from_ical(ics_text(capsys))
    days = [e["DTSTART"].dt for e in cal.walk("VEVENT")]
    assert len(days) > 50 and all(is_working_day(d) for d in days)


def test_ics_without_base_url_uses_relative_links_and_says_so(capsys):
    code, out, err = run(capsys, *SEFTON_NQSW, "--ics", "--months", "1")
    assert code == 0
    assert "policies/sefton/#p3-12" in out.replace("\r\n ", "") and "https://" not in out
    assert "relative" in err


def test_ics_bad_base_url_names_its_field():
    result = api.call("schedule-ics", {"policy": "sefton", "role": "nqsw", "start": "2025-09-01", "base-url": "kb/"})
    assert result["error"]["field"] == "base-url"


def test_ics_is_valid_for_a_second_independent_parser(capsys):
    ical_stream = pytest.importorskip("ical.calendar_stream", reason="the `ical` validator is a CPython test dependency")
    text = ics_text(capsys)
    cal = ical_stream.IcsCalendarStream.calendar_from_ics(text)
    plan = api.schedule({"policy": "sefton", "role": "nqsw", "start": "2025-09-01"})
    assert len(cal.events) == len(plan["events"])
    assert [e.dtstart.isoformat() for e in cal.events] == [e["date"] for e in plan["events"]]
    assert all(e.uid.endswith("@supervision-handbook") for e in cal.events)



# ---------------------------------------------------------------- issue 19: a schedule a supervisor can use


def _two_supervisees() -> list:
    return [icalendar.Calendar.from_ical(api.schedule_ics({
        "policy": policy, "role": role, "start": "2025-09-01", "name": name, "time": "10:00",
        "stamp": "2025-08-20T09:00:00Z"})["text"]) for policy, role, name in (
            ("sefton", "social-worker", "Sam Jones"), ("blackburn-with-darwen", "family-support-worker", "Ann Lee"))]


def test_two_supervisees_import_as_two_named_series_with_reminders():
    """Read back with icalendar: each calendar and every entry names its supervisee; no UID is shared; every
    entry has a reminder a week before its due date (or the day before a session planned early)."""
    calendars = _two_supervisees()
    uids = []
    for cal, name in zip(calendars, ("Sam Jones", "Ann Lee")):
        assert name in str(cal["X-WR-CALNAME"])
        events = list(cal.walk("VEVENT"))
        assert events and all(str(e["SUMMARY"]).endswith(": " + name) for e in events)
        for e in events:
            alarms = list(e.walk("VALARM"))
            assert len(alarms) == 1 and alarms[0]["ACTION"] == "DISPLAY"
            assert alarms[0]["TRIGGER"].dt <= -timedelta(days=1)
        uids += [str(e["UID"]) for e in events]
    assert len(uids) == len(set(uids))


def test_sessions_are_busy_at_their_time_for_the_policys_own_length():
    """Sefton 3.8: at least 90 minutes; Blackburn with Darwen 4: 2½ hours. Duties' deadlines stay free."""
    for cal, minutes in zip(_two_supervisees(), (90, 150)):
        sessions = [e for e in cal.walk("VEVENT") if "supervision" in [str(c) for c in e["CATEGORIES"].cats]]
        assert sessions
        for e in sessions:
            assert str(e["TRANSP"]) == "OPAQUE"
            assert e["DTSTART"].dt.hour == 10 and e["DTEND"].dt - e["DTSTART"].dt == timedelta(minutes=minutes)
        duties = [e for e in cal.walk("VEVENT") if e not in sessions]
        assert duties and all(str(e["TRANSP"]) == "TRANSPARENT" for e in duties)


def test_the_name_never_goes_into_a_link_but_titles_the_schedule():
    plan = api.schedule({"policy": "sefton", "role": "social-worker", "start": "2025-09-01", "name": "Sam Jones"})
    assert plan["title"].startswith("Supervision schedule: Sam Jones")
    from checker import forms
    assert [f for f in forms.form({"tool": "schedule"})["fields"] if f["name"] == "name"][0]["sent"] is False


def test_by_default_sessions_leave_a_weeks_slack_where_the_rule_allows():
    """Monthly (Sefton 3.8): each session a week before it falls due, on a working day; fortnightly (the NQSW's
    second phase) leaves none. With plan=latest each is on its due date (or the working day before)."""
    from checker.dates import is_working_day
    slack = api.schedule({"policy": "sefton", "role": "social-worker", "start": "2025-09-01"})
    latest = api.schedule({"policy": "sefton", "role": "social-worker", "start": "2025-09-01", "plan": "latest"})
    assert slack["plan"] == "slack" and latest["plan"] == "latest"
    for e in (e for e in slack["events"] if e["kind"] == "supervision"):
        gap = (date.fromisoformat(e["due"]) - date.fromisoformat(e["date"])).days
        assert 7 <= gap <= 11 and is_working_day(date.fromisoformat(e["date"])), e
    for e in (e for e in latest["events"] if e["kind"] == "supervision"):
        assert 0 <= (date.fromisoformat(e["due"]) - date.fromisoformat(e["date"])).days <= 4, e
    nqsw = api.schedule({"policy": "sefton", "role": "nqsw", "start": "2025-09-01"})
    early = [e for e in nqsw["events"] if e["kind"] == "supervision"][:6]
    assert all((date.fromisoformat(e["due"]) - date.fromisoformat(e["date"])).days <= 4 for e in early)


@pytest.mark.parametrize("params, field", [
    ({"time": "25:00"}, "time"), ({"time": "ten"}, "time"), ({"length": "-5"}, "length"),
    ({"plan": "soonest"}, "plan"), ({"name": "x" * 81}, "name"), ({"name": "Sam\x00"}, "name"),
])
def test_a_bad_time_length_plan_or_name_names_its_field(params, field):
    result = api.call("schedule", {"policy": "sefton", "role": "social-worker", "start": "2025-09-01", **params})
    assert result["error"]["field"] == field
