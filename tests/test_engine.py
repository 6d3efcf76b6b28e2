"""The date engine's readings (DESIGN §3) at their edges, and properties that hold for every case."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker import api
from checker.dates import Interval, add_months, is_working_day
from checker.engine import Case, check, status_on
from checker.errors import CheckerError
from checker.ruledata import POLICY_IDS, load

# ---------------------------------------------------------------- readings of DESIGN §3


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
    assert status_on(due, on) == status


def test_a_date_outside_the_bank_holiday_range_is_an_error_not_a_guess():
    with pytest.raises(CheckerError) as err:
        check(Case("somerset", "practitioner", date(2030, 12, 20), date(2030, 12, 28), (date(2030, 12, 27),)))
    assert err.value.field == "working days"


@pytest.mark.parametrize("params, field", [
    ({"policy": "kent", "role": "x", "start": "2024-01-01", "on": "2024-02-01"}, "policy"),
    ({"policy": "sefton", "role": "wizard", "start": "2024-01-01", "on": "2024-02-01"}, "role"),
    ({"policy": "sefton", "role": "social-worker", "start": "2024-02-30", "on": "2024-03-01"}, "start"),
    ({"policy": "sefton", "role": "social-worker", "start": "01/02/2024", "on": "2024-03-01"}, "start"),
    ({"policy": "sefton", "role": "social-worker", "start": "2024-02-01", "on": "2024-03-01", "session": "2024-01-15"}, "session"),
    ({"policy": "sefton", "role": "social-worker", "start": "2024-02-01", "on": "2024-03-01", "session": "2024-04-15"}, "session"),
    ({"policy": "sefton", "role": "agency-residential", "start": "2024-02-01", "on": "2024-03-01"}, "shifts"),
    ({"policy": "sefton", "role": "agency-residential", "start": "2024-02-01", "on": "2024-03-01", "shifts": "many"}, "shifts"),
    ({"policy": "sefton", "role": "social-worker", "start": "2014-02-01", "on": "2024-03-01"}, "start"),
])
def test_bad_input_names_the_field(params, field):
    result = api.call("due", params)
    assert result["error"]["field"] == field
    assert result["error"]["message"]


# ---------------------------------------------------------------- properties over every role

ROLES = [(p, r.id) for p in POLICY_IDS for r in load(p).roles]
DAYS = st.dates(min_value=date(2016, 1, 1), max_value=date(2026, 12, 31))  # + at most ~3.2 years of sessions: inside the calendar


def _case(policy, role, start, sessions, on, **extra):
    facts = frozenset(load(policy).roles[[r.id for r in load(policy).roles].index(role)].facts)
    return Case(policy, role, start, on, tuple(sessions), facts, shifts_since_last=extra.get("shifts", 0))


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(ROLES), DAYS, st.lists(st.integers(1, 120), max_size=8), st.integers(0, 200))
def test_the_next_due_date_is_always_after_the_last_session(role, start, gaps, tail):
    policy, role_id = role
    sessions, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        sessions.append(day)
    on = day + timedelta(days=tail)
    result = check(_case(policy, role_id, start, sessions, on))
    if result.next_due is not None:
        assert result.next_due > (sessions[-1] if sessions else start) or (
            not sessions and result.next_due >= start
        )


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(ROLES), DAYS, st.integers(30, 400))
def test_someone_supervised_on_every_due_date_is_never_overdue(role, start, span):
    policy, role_id = role
    on, sessions = start + timedelta(days=span), []
    while True:
        result = check(_case(policy, role_id, start, sessions, on))
        if result.next_due is None or result.next_due > on:
            break
        sessions.append(result.next_due)
    assert result.status != "overdue"
    assert result.missed == []


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(ROLES), DAYS, st.lists(st.integers(1, 60), min_size=1, max_size=5))
def test_write_up_deadlines_fall_on_working_days(role, start, gaps):
    policy, role_id = role
    sessions, day = [], start
    for gap in gaps:
        day += timedelta(days=gap)
        sessions.append(day)
    result = check(_case(policy, role_id, start, sessions, day))
    for duty in result.obligations:
        if duty["kind"] == "write-up":
            assert is_working_day(duty["due"])
            assert duty["due"] > duty["after"]
