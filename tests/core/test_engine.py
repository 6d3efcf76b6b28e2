"""The date engine's readings (CONTRIBUTING.md, "Reading the policies") at their edges, and properties that hold for every case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import api
from checker.dates import Interval, add_months, is_working_day
from checker.engine import Case, Status, check, status_on
from checker.rulebook import policy_ids, policy_rules

POLICY_IDS = policy_ids()

# ---------------------------------------------------------------- readings of the conventions


@pytest.mark.parametrize(
    "start, months, expected",
    [
        (date(2024, 1, 31), 1, date(2024, 2, 29)),  # leap year: clamp to 29 February
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), 1, date(2024, 4, 30)),
        (date(2023, 12, 15), 1, date(2024, 1, 15)),  # over the new year
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
    ],
)
def test_monthly_is_same_day_or_the_month_end(start, months, expected):
    assert add_months(start, months) == expected


def test_bi_monthly_is_every_two_months_not_twice_a_month():
    assert Interval.parse("2 months").after(date(2024, 1, 10)) == date(2024, 3, 10)


def test_calendar_month_is_due_by_the_end_of_the_next_month():
    assert Interval.parse("calendar month").after(date(2024, 1, 1)) == date(2024, 2, 29)
    assert Interval.parse("calendar month").after(date(2024, 12, 31)) == date(2025, 1, 31)


@pytest.mark.parametrize(
    "day, working",
    [
        (date(2023, 5, 8), False),  # coronation of King Charles III, a one-off bank holiday
        (date(2022, 9, 19), False),  # state funeral of Queen Elizabeth II
        (date(2022, 6, 3), False),  # platinum jubilee
        (date(2024, 12, 25), False),
        (date(2024, 12, 27), True),
        (date(2024, 3, 29), False),  # Good Friday
        (date(2024, 4, 1), False),  # Easter Monday
        (date(2024, 4, 2), True),
        (date(2024, 4, 6), False),  # Saturday
    ],
)
def test_working_days_are_weekdays_except_england_and_wales_bank_holidays(day, working):
    assert is_working_day(day) is working


def test_working_days_do_not_count_the_day_itself():
    assert Interval.parse("1 working day").after(date(2024, 1, 5)) == date(2024, 1, 8)  # Friday -> Monday


@pytest.mark.parametrize("due, on, status", [
    (date(2024, 2, 29), date(2024, 2, 21), "ok"),
    (date(2024, 2, 29), date(2024, 2, 22), "due-soon"),
    (date(2024, 2, 29), date(2024, 2, 29), "due-soon"),
    (date(2024, 2, 29), date(2024, 3, 1), "overdue"),
])
def test_status_words_at_their_boundaries(due, on, status):
    assert status_on(due, on).value == status


def test_a_write_up_past_the_bank_holiday_calendar_is_its_own_line_not_a_failed_answer():
    rules = policy_rules("somerset")
    result = check(rules, Case("practitioner", date(2036, 12, 1), date(2036, 12, 31), (date(2036, 12, 30),)))
    write_up = [o for o in result.obligations if o.kind == "write-up"][0]
    assert write_up.due is None and write_up.status is Status.OUTSIDE_CALENDAR and "2036" in write_up.problem
    assert result.next_due == date(2037, 1, 31) and result.status is Status.OK  # the rest is still answered


def test_someone_who_started_in_1990_is_checked_not_refused():
    result = api.call("due", {"policy": "sefton", "role": "social-worker", "start": "1990-09-03",
                              "session": "2024-02-01", "on": "2024-02-10"})
    assert result["ok"]["next_due"] == "2024-03-01"


@pytest.mark.parametrize("params, field", [
    ({"policy": "kent", "role": "x", "start": "2024-01-01", "on": "2024-02-01"}, "policy"),
    ({"policy": "sefton", "role": "wizard", "start": "2024-01-01", "on": "2024-02-01"}, "role"),
    ({"policy": "sefton", "role": "social-worker", "start": "2024-02-30", "on": "2024-03-01"}, "start"),
    ({"policy": "sefton", "role": "social-worker", "start": "31/02/2024", "on": "2024-03-01"}, "start"),
    ({"policy": "sefton", "role": "social-worker", "start": "2024-02-01", "on": "2024-03-01", "session": "2024-01-15"}, "session"),
    ({"policy": "sefton", "role": "social-worker", "start": "2024-02-01", "on": "2024-03-01", "session": "2024-04-15"}, "session"),
    ({"policy": "sefton", "role": "agency-residential", "start": "2024-02-01", "on": "2024-03-01"}, "shifts"),
    ({"policy": "sefton", "role": "agency-residential", "start": "2024-02-01", "on": "2024-03-01", "shifts": "many"}, "shifts"),
    ({"policy": "sefton", "role": "social-worker", "start": "1914-02-01", "on": "2024-03-01"}, "start"),
])
def test_bad_input_names_the_field(params, field):
    result = api.call("due", params)
    assert result["error"]["field"] == field
    assert result["error"]["message"]


# ---------------------------------------------------------------- properties over every role

ROLES = [(p, r.id) for p in POLICY_IDS for r in policy_rules(p).roles]
DAYS = st.dates(min_value=date(1980, 1, 1), max_value=date(2032, 12, 31))  # + at most ~3.2 years of sessions: inside the calendar


@st.composite
def role_and_facts(draw):
    """A role and any subset of the facts it is asked about (not always all of them)."""
    policy, role_id = draw(st.sampled_from(ROLES))
    asked = policy_rules(policy).role(role_id).facts
    facts = draw(st.sets(st.sampled_from(asked))) if asked else set()
    return policy, role_id, frozenset(facts)


def _check(role, start, sessions, on, **extra):
    policy, role_id, facts = role
    return check(policy_rules(policy), Case(role_id, start, on, tuple(sessions), facts, shifts_since_last=extra.get("shifts", 0)))


@settings(max_examples=150, deadline=None)
@given(role_and_facts(), DAYS, st.lists(st.integers(1, 120), max_size=8), st.integers(0, 200))
def test_the_next_due_date_is_always_after_the_last_session(role, start, gaps, tail):
    sessions, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        sessions.append(day)
    on = day + timedelta(days=tail)
    result = _check(role, start, sessions, on)
    if result.next_due is not None:
        assert result.next_due > (sessions[-1] if sessions else start) or (
            not sessions and result.next_due >= start
        )


@settings(max_examples=100, deadline=None)
@given(role_and_facts(), DAYS, st.integers(30, 400))
def test_someone_supervised_on_every_due_date_is_never_overdue_late_or_missed(role, start, span):
    on, sessions = start + timedelta(days=span), []
    for _ in range(500):  # bounded: at most one session a day over the span
        result = _check(role, start, sessions, on)
        if result.next_due is None or result.next_due > on:
            break
        sessions.append(result.next_due)
    assert result.status is not Status.OVERDUE
    assert result.missed == [] and result.late == []


@settings(max_examples=100, deadline=None)
@given(role_and_facts(), DAYS, st.lists(st.integers(1, 60), min_size=1, max_size=5))
def test_write_up_deadlines_fall_on_working_days(role, start, gaps):
    sessions, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        sessions.append(day)
    result = _check(role, start, sessions, day)
    for duty in result.obligations:
        if duty.kind == "write-up":
            assert is_working_day(duty.due)
            assert duty.due > duty.after


# ---------------------------------------------------------------- what people type (issue 8)

SEFTON_OTHER = {"policy": "sefton", "role": "other-employee", "start": "2024-01-08", "on": "2024-03-10"}


@pytest.mark.parametrize("typed", ["0 weeks", "0 days", "0 months", "1 day - 1 day", "1000000000 days",
                                   "100000 months", "99999 years", "3 days", "-2 weeks", "soon"])
def test_an_agreed_frequency_must_be_between_a_week_and_a_year(typed):
    """Sefton 3.1: the contract's frequency. Zero once hung the checker; huge ones ended in a traceback."""
    result = api.call("due", {**SEFTON_OTHER, "agreed-every": typed})
    assert result["error"]["field"] == "agreed-every"
    assert typed in result["error"]["message"]


@pytest.mark.parametrize("typed, next_due", [("fortnightly", "2024-02-15"), ("every 6 weeks", "2024-03-14"),
                                             ("monthly", "2024-03-01"), ("4-weekly", "2024-02-29"),
                                             ("Every two weeks", "2024-02-15")])
def test_an_agreed_frequency_is_read_as_people_write_it(typed, next_due):
    result = api.call("due", {**SEFTON_OTHER, "session": "2024-02-01", "on": "2024-02-10", "agreed-every": typed})
    assert result["ok"]["next_due"] == next_due


@pytest.mark.parametrize("typed", ["01/09/25", "1/9/2025", "1 September 2025", "1 Sep 2025", "2025-09-01", "01.09.2025"])
def test_dates_are_read_as_the_hint_promises(typed):
    result = api.call("due", {"policy": "sefton", "role": "social-worker", "start": typed, "on": "2025-09-10"})
    assert result["ok"]["case"]["start"] == "2025-09-01"


def test_a_wrong_date_is_quoted_back():
    result = api.call("due", {"policy": "sefton", "role": "social-worker", "start": "31/02/2025", "on": "2025-09-10"})
    assert result["error"] == {"field": "start", "message": "“31/02/2025” is not a real date"}


def test_sefton_3_18_an_overdue_shift_count_says_why_beside_a_later_date():
    """20 shifts of 16: overdue by the shift count, and the answer says so, not 'overdue' beside a future date alone."""
    result = api.call("due", {"policy": "sefton", "role": "agency-residential", "start": "2024-09-01",
                              "session": "2024-09-01", "on": "2024-10-20", "shifts": "20"})["ok"]
    assert result["status"] == "overdue" and result["next_due"] == "2024-10-27"
    assert result["headline"].startswith("20 shifts worked since the last supervision")
    assert "4 shifts overdue" in result["headline"]


@settings(max_examples=60, deadline=None)
@given(st.integers(7, 366), DAYS, st.integers(0, 3000))
def test_any_agreed_frequency_in_range_ends_with_an_answer(days, start, span):
    """Every loop driven by input is bounded: any allowed frequency over any span gives an answer."""
    result = api.call("due", {**SEFTON_OTHER, "start": start.isoformat(), "on": (start + timedelta(days=span)).isoformat(),
                              "agreed-every": f"{days} days"})
    assert result["ok"]["next_due"]


@given(st.integers(1900, 2100), st.integers(1, 12))
def test_days_in_month_agrees_with_the_calendar_module(year, month):
    import calendar

    from checker.dates import days_in_month
    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]


def test_the_date_rule_beside_a_shift_count_is_said_by_the_floor_itself_not_as_sefton_3_2():
    """The audit: the engine wrote "the eight-week floor" for any policy's floor. A policy whose floor is four
    weeks (Sefton's rule file with its floor changed) must say four weeks, and never "eight"."""
    from pathlib import Path

    from checker import compile as compiler
    from checker.engine import Case, check
    from checker.rulebook import _policy

    text = (Path(compiler.RULES) / "sefton.toml").read_text(encoding="utf-8")
    floor = 'schedule = { type = "repeat", phases = [{ every = "8 weeks" }] }'
    assert floor in text and "Never less often than once every eight weeks." in text
    text = text.replace(floor, floor.replace("8 weeks", "4 weeks")).replace(
        "Never less often than once every eight weeks.", "Never less often than once every four weeks.")
    rules = _policy(compiler.compile_policy(compiler.parse_rules(text, "sefton")))
    result = check(rules, Case(role="agency-residential", start=date(2024, 1, 1), on=date(2024, 6, 1),
                               sessions=(date(2024, 5, 1),), shifts_since_last=20))
    assert result.next_due == date(2024, 5, 29)
    assert "never less often than once every four weeks" in result.headline and "eight" not in result.headline
