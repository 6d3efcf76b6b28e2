"""The schedule builder (CONTRIBUTING.md, "The schedule"): a year of supervision dates and every dated duty in it.

Pure functions over dates: no clock, no I/O beyond the rule data, standard library only. Every date comes
from the engine (`engine.check`), so a schedule never disagrees with the due-date checker:

- sessions are planned one after another from `from` (default: the last session entered, else the start),
  each on the day the engine says the next one falls due given the sessions before it (the rule in force
  on that day, the stricter of several, phases and calendar months as the engine reads them), moved back
  to the working day before when that day is a weekend or an England and Wales bank holiday;
- the other dated duties in the window (write-ups of the planned sessions, agreement and its review,
  observations, probation and ASYE reviews, appraisal, personal and reflective sessions, ...) are the
  engine's obligations, collected across the window and moved to a working day the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

from .dates import add_months, bank_holidays, is_working_day
from .engine import Case, applies, check, said_date
from . import wording
from .errors import CheckerError
from .rulebook import PolicyRules

from .vocabulary import MONTHS_DEFAULT, MONTHS_MAX, PLAN_SLACK_DAYS, PLAN_STYLES  # 1 to 24 months bound every loop below
MAX_EVENTS = 1000
"""Far more than 24 months of weekly sessions and duties; a guard, never reached by real rules."""

TITLES = wording.SCHEDULE_TITLES

@dataclass(frozen=True)
class Window:
    start: date  # `from`
    until: date  # inclusive: `from` + N months, so that yearly duties on the anniversary are included


def working_day_on_or_before(day: date, floor: date) -> date:
    """The day itself if it is a working day, else the working day before (never before `floor`: then the
    next working day on or after it)."""
    moved = day
    for _ in range(15):  # the longest run of non-working days in England and Wales is four
        if is_working_day(moved):
            break
        moved -= timedelta(days=1)
    if moved >= floor and is_working_day(moved):
        return moved
    moved = day
    for _ in range(15):
        if is_working_day(moved):
            return moved
        moved += timedelta(days=1)
    return day


def window_of(case: Case, sessions: tuple[date, ...], start: date | None, months: int | None) -> Window:
    """Check `from` and `months` against the case; every error names its field."""
    if months is None:
        months = MONTHS_DEFAULT
    if not isinstance(months, int) or not 1 <= months <= MONTHS_MAX:
        raise CheckerError("months", f"give a whole number of months from 1 to {MONTHS_MAX}")
    begin = start or (max(sessions) if sessions else case.start)
    if begin < case.start:
        raise CheckerError("from", f"the schedule cannot begin on {said_date(case, begin)}, before the start date "
                                   f"{said_date(case, case.start)}")
    later = [s for s in sessions if s > begin]
    if later:
        raise CheckerError(
            "from", f"the schedule begins on {said_date(case, begin)}, before the session entered on "
                    f"{said_date(case, max(later))}: begin it on or after the last session entered")
    if case.supervisor_changed_on is not None and not case.start <= case.supervisor_changed_on <= begin:
        raise CheckerError("supervisor-changed",
                           "the change of supervisor must fall between the start and the schedule's first day")
    holidays = bank_holidays()
    holidays.check_covered(begin, "from")
    until = add_months(begin, months)
    holidays.check_covered(until, "months")
    return Window(begin, until)


# ---------------------------------------------------------------- planning


def _obligations(rules: PolicyRules, case: Case) -> list[dict]:
    """The engine's dated duties of a case, as this module reads them (a duty it cannot date is left out)."""
    return [{"kind": o.kind, "due": o.due, "summary": o.requirement.summary, "citations": list(o.requirement.citations),
             "after": o.after, "reading": o.requirement.reading}
            for o in check(rules, case).obligations if o.due is not None]


def plan(rules: PolicyRules, case: Case, start: date | None = None, months: int | None = None,
         style: str = PLAN_STYLES[0]) -> dict:
    """The schedule of one case: {from, until, events, readings, ...} with dates as `date` objects.

    `case.on` is ignored (a schedule looks forward from `from`); `case.sessions` are the sessions already
    held. A role supervised by shifts worked is planned by its date rules alone.
    """
    sessions = tuple(sorted(case.sessions))
    window = window_of(case, sessions, start, months)
    role = rules.role(case.role)  # an unknown role: the rulebook's own error, naming the field
    shifts = 0 if case.shifts_since_last is None else case.shifts_since_last
    base = replace(case, sessions=sessions, shifts_since_last=shifts)

    readings: list[dict] = []
    events: list[dict] = []
    if style not in PLAN_STYLES:
        raise CheckerError("plan", f"{style[:40]!r} is not a way of planning; one of: {', '.join(PLAN_STYLES)}")
    planned, first = _plan_sessions(rules, base, window, role.subject, events, readings, style)
    _add_duties(rules, base, window, sessions, planned, events)

    # one date move, said once
    events = [e for e in events if window.start <= e["due"] <= window.until]
    moved = False
    for event in events:
        aimed = event.get("planned", event["due"])
        event["date"] = working_day_on_or_before(aimed, window.start)
        moved = moved or event["date"] != aimed
    events.sort(key=lambda e: (e["date"], e["kind"] != "supervision", e["kind"], e["title"]))
    for event in events:  # words for drawing: the month it is listed under, and why a date moved
        event["month"] = f"{event['date']:%B %Y}"
        event["day"] = f"{event['date']:%A} {event['date'].day}"
        note = wording.schedule_note(event["date"], event["due"], event.get("planned"), event.get("overdue_since"))
        if note:
            event["note"] = note

    engine_readings = [{"text": r.text, "citations": list(r.citations)}
                       for r in first.readings if r.citations]  # policy readings, not engine notes
    if first.shifts:
        readings.append({"text": wording.schedule_shifts_reading(first.shifts.every),
                         "citations": list(first.shifts.citations)})
    if moved:
        readings.insert(0, {"text": wording.SCHEDULE_MOVED_READING, "citations": []})
    seen, unique = set(), []
    for r in readings + engine_readings:
        if r["text"] not in seen:
            seen.add(r["text"])
            unique.append(r)
    sessions_count = sum(1 for e in events if e["kind"] == "supervision")
    lengths = [r.minutes for r in rules.requirements if r.kind == "duration" and r.minutes and applies(r, role, case.facts)]
    return {
        "summary": wording.schedule_summary(sessions_count, len(events) - sessions_count, window.start, window.until),
        "plan": style, "length": max(lengths) if lengths else None,
        "from": window.start, "until": window.until, "months": months or MONTHS_DEFAULT,
        "requirement": first.requirement, "citations": first.citations,
        "events": events, "readings": unique,
        "not_computable": [{"id": r.id, "summary": r.summary, "why_not": r.why_not, "citations": list(r.citations)}
                           for r in first.not_computable],
        "sessions_planned": len(planned),
    }


def _plan_sessions(rules: PolicyRules, case: Case, window: Window, subject: str, events: list[dict],
                   readings: list[dict], style: str):
    """Sessions one after another, each on the day the engine says the next is due given the one before, or
    (`slack`) a week before it where the interval is four weeks or more, so that a slip is not yet late."""
    last = case.sessions[-1] if case.sessions else None
    first = answer = check(rules, replace(case, sessions=(last,) if last else (), on=window.start))
    planned: list[date] = []
    title = TITLES["supervision"] if subject == "supervisee" else TITLES["case-record"]
    use_recommended = answer.recommended is not None and answer.next_due is not None
    for _ in range(MAX_EVENTS):
        due = answer.next_due
        if due is None:
            break
        citations = answer.citations
        if use_recommended and answer.recommended.due < due:
            due = answer.recommended.due
            citations = list(answer.recommended.citations)
        overdue = due < window.start
        if overdue:  # already overdue when the schedule begins
            readings.append({"text": wording.schedule_overdue_reading(due, window.start), "citations": citations})
            overdue, due = due, window.start
        if due > window.until:
            break
        aimed = due
        if style == "slack" and not overdue and (due - (last or window.start)).days >= 4 * PLAN_SLACK_DAYS:
            aimed = due - timedelta(days=PLAN_SLACK_DAYS)
        day = working_day_on_or_before(aimed, window.start)
        if last is not None and day <= last:
            break  # cannot happen with the policies' intervals (a week holds three working days at least)
        events.append({"kind": "supervision", "due": due, "title": title, "requirement": answer.requirement,
                       "citations": citations, **({"overdue_since": overdue} if overdue else {}),
                       **({"planned": aimed} if aimed != due else {})})
        planned.append(day)
        last = day
        answer = check(rules, replace(case, sessions=(day,), on=day))
    if first.next_due is None:
        readings.append({"text": wording.schedule_no_sessions(first.requirement), "citations": first.citations})
    elif planned:
        readings.insert(0, {"text": wording.schedule_planned_reading(style), "citations": []})
        if use_recommended:
            readings.append({"text": wording.schedule_recommended_reading(first.requirement),
                             "citations": list(first.recommended.citations) + first.citations})
    return planned, first


def _key(o: dict) -> tuple:
    return (o["kind"], o["due"], o["summary"])


def _add_duties(rules: PolicyRules, case: Case, window: Window, held: tuple[date, ...], planned: list[date],
                events: list[dict]) -> None:
    """The engine's obligations due in the window: those of each session (held or planned), found as what
    the sessions add to the case, and every other one, stepping through the window occurrence by occurrence."""
    found: dict[tuple, dict] = {}
    with_sessions = _obligations(rules, replace(case, sessions=held + tuple(planned), on=window.until))
    without = {_key(o) for o in _obligations(rules, replace(case, sessions=(), on=window.until))}
    for o in with_sessions:
        if _key(o) not in without:
            found[_key(o)] = o
    cursor = window.start
    for _ in range(MAX_EVENTS):
        ahead = [o for o in _obligations(rules, replace(case, sessions=(), on=cursor)) if o["due"] >= cursor]
        if not ahead:
            break
        for o in ahead:
            found.setdefault(_key(o), o)
        cursor = min(o["due"] for o in ahead) + timedelta(days=1)
        if cursor > window.until:
            break
    for o in found.values():
        after = o.get("after")
        title = TITLES.get(o["kind"], wording.kind_name(o["kind"]))
        if "{after}" in title:
            title = title.format(after=f"{after.day} {after:%B}" if after else "")
        events.append({"kind": o["kind"], "due": o["due"], "title": title, "requirement": o["summary"],
                       "citations": o["citations"], **({"reading": o["reading"]} if o.get("reading") else {})})
