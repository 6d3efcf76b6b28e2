"""The date engine: a case in, a result out. Small pure functions over dates; the numbers come from the
rule data, the readings from DESIGN §3."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from .dates import Interval, bank_holidays
from .errors import CheckerError
from .models import FACTS, Anniversary, Deadline, Milestones, PolicyRules, Repeat, Requirement, Role, Shifts
from .ruledata import load

DUE_SOON_DAYS = 7
STATUS_ORDER = ("not-computable", "ok", "due-soon", "overdue")
SUPERVISION_KINDS = ("supervision", "supervision-floor", "case-record")
"""Kinds that set when the next session (or case record) is due; every other kind is an obligation."""


@dataclass(frozen=True)
class Case:
    """Everything the rules need about one person (or one child's case record), stated, never inferred."""

    policy: str
    role: str
    start: date
    on: date
    sessions: tuple[date, ...] = ()
    facts: frozenset[str] = frozenset()
    supervisor_changed_on: date | None = None
    shifts_since_last: int | None = None
    agreed_every: Interval | None = None


@dataclass
class Result:
    next_due: date | None
    status: str
    requirement: str
    citations: list[dict]
    missed: list[dict] = field(default_factory=list)
    obligations: list[dict] = field(default_factory=list)
    recommended: dict | None = None
    readings: list[dict] = field(default_factory=list)
    not_computable: list[dict] = field(default_factory=list)
    last_session: date | None = None
    shifts: dict | None = None
    facts_ignored: list[str] = field(default_factory=list)


# ---------------------------------------------------------------- small pieces


def status_on(due: date, on: date) -> str:
    """overdue after the due date; due-soon 0 to 7 days before it; ok otherwise (DESIGN §3)."""
    days = (due - on).days
    if days < 0:
        return "overdue"
    return "due-soon" if days <= DUE_SOON_DAYS else "ok"


def cite(policy: str, req: Requirement) -> list[dict]:
    return [{"policy": policy, "section": s} for s in [req.section, *req.also_cites]]


def find_role(rules: PolicyRules, role_id: str) -> Role:
    for role in rules.roles:
        if role.id == role_id:
            return role
    raise CheckerError(
        "role",
        f"unknown role {role_id!r} for {rules.policy.id}; choose one of: {', '.join(r.id for r in rules.roles)}",
    )


def applies(req: Requirement, role: Role, facts: frozenset[str]) -> bool:
    """A requirement applies when it names the role (or all supervisees) and its facts hold."""
    named = role.id in req.roles or ("*" in req.roles and role.subject == "supervisee")
    return named and all((fact in facts) == wanted for fact, wanted in req.when.items())


def anchor_day(schedule, case: Case) -> date:
    if getattr(schedule, "from_", "start") == "relationship-start" and case.supervisor_changed_on:
        return case.supervisor_changed_on
    return case.start


# ---------------------------------------------------------------- repeating schedules


@dataclass(frozen=True)
class Recurrence:
    """A repeat schedule bound to its anchor day: the interval in force on any day, and the steps."""

    anchor: date
    phases: tuple[tuple[Interval, date | None], ...]  # (interval, end of phase or None)

    @classmethod
    def of(cls, schedule: Repeat, anchor: date) -> "Recurrence":
        """Phases follow each other from the anchor; a schedule whose last phase has a length ends there."""
        phases, begin = [], anchor
        for phase in schedule.phases:
            end = Interval.parse(phase.length).after(begin) if phase.length else None
            phases.append((Interval.parse(phase.every), end))
            begin = end
        return cls(anchor, tuple(phases))

    @classmethod
    def every(cls, interval: Interval, anchor: date) -> "Recurrence":
        return cls(anchor, ((interval, None),))

    def interval_on(self, day: date) -> Interval | None:
        """The interval of the phase in force on `day`; None once a time-limited schedule has ended."""
        for interval, end in self.phases:
            if end is None or day < end:
                return interval
        return None

    def first_due(self) -> date:
        return self.interval_on(self.anchor).first_due_from_start(self.anchor)

    def step(self, day: date) -> date:
        interval = self.interval_on(day)
        return interval.after(day) if interval else date.max


def combined_dues(
    recurrences: list[tuple[Recurrence, list[dict]]], sessions: Iterable[date], on: date
) -> tuple[date, list[dict], list[dict]]:
    """Walk the sessions under the stricter of several recurrences.

    Returns the outstanding due date (from the last session, or the start), the citations of the rule
    that set it, and every due date that passed without a session up to the as-of date, counted from
    the first session entered (or from the start when none is).
    """

    def earliest(dates: list[tuple[date, list[dict]]]) -> tuple[date, list[dict]]:
        best = min(d for d, _ in dates)
        cites = [c for d, cs in dates if d == best for c in cs]
        return best, cites

    due, due_cites = earliest([(r.first_due(), c) for r, c in recurrences])
    missed: list[dict] = []

    def miss_until(limit: date) -> None:
        nonlocal due, due_cites
        while due < limit:
            missed.append({"due": due, "citations": due_cites})
            due, due_cites = earliest([(r.step(due), c) for r, c in recurrences])

    if sessions:  # nothing is known before the first session entered: count missed periods from it
        due, due_cites = earliest([(r.step(sessions[0]), c) for r, c in recurrences])
    for session in sessions[1:]:
        miss_until(session)
        due, due_cites = earliest([(r.step(session), c) for r, c in recurrences])
    outstanding = (due, due_cites)
    miss_until(on)
    return outstanding[0], outstanding[1], missed


def occurrences_from(recurrence: Recurrence, on: date) -> date:
    """The first occurrence of a recurring duty on or after the as-of date, counting from its anchor.

    A single-interval duty falls on whole multiples from the anchor (30 Nov, 29 Feb, 30 May), so a
    clamped month end never drifts; a phased one steps from each occurrence.
    """
    if len(recurrence.phases) == 1 and recurrence.phases[0][1] is None:
        interval, k = recurrence.phases[0][0], 1
        while (day := interval.times(k).after(recurrence.anchor)) < on:
            k += 1
        return day
    day = recurrence.first_due()
    while day < on:
        day = recurrence.step(day)
    return day


# ---------------------------------------------------------------- the case


def validate(case: Case) -> None:
    """Dates inside the calendar, in order (start ≤ sessions ≤ as-of date), and only known facts."""
    holidays = bank_holidays()
    holidays.check_covered(case.start, "start")
    holidays.check_covered(case.on, "on")
    if case.on < case.start:
        raise CheckerError("on", f"the as-of date {case.on} is before the start date {case.start}")
    for day in case.sessions:
        holidays.check_covered(day, "session")
        if day < case.start:
            raise CheckerError("session", f"the session on {day} is before the start date {case.start}")
        if day > case.on:
            raise CheckerError("session", f"the session on {day} is after the as-of date {case.on}")
    if case.supervisor_changed_on is not None:
        holidays.check_covered(case.supervisor_changed_on, "supervisor-changed")
        if not case.start <= case.supervisor_changed_on <= case.on:
            raise CheckerError(
                "supervisor-changed", "the change of supervisor must fall between the start and the as-of date"
            )
    unknown = set(case.facts) - set(FACTS)
    if unknown:
        raise CheckerError("facts", f"unknown facts {sorted(unknown)}; known: {', '.join(FACTS)}")


def check(case: Case) -> Result:
    """Compute the next due date, status, missed periods and every other dated obligation of a case."""
    rules = load(case.policy)
    role = find_role(rules, case.role)
    validate(case)
    policy = rules.policy.id
    sessions = tuple(sorted(case.sessions))
    facts = frozenset(f for f in case.facts if f in role.facts)
    reqs = [r for r in rules.requirements if applies(r, role, facts)]

    result = Result(next_due=None, status="not-computable", requirement="", citations=[])
    result.facts_ignored = sorted(set(case.facts) - facts)
    result.last_session = sessions[-1] if sessions else None
    result.readings = [
        {"text": r.reading, "citations": cite(policy, r)} for r in reqs if r.reading
    ]
    result.not_computable = [
        {"id": r.id, "summary": r.summary, "why_not": r.why_not, "citations": cite(policy, r)}
        for r in reqs if not r.computable
    ]

    minimum, recommended, sentences = [], [], []
    for req in sorted(reqs, key=lambda r: SUPERVISION_KINDS.index(r.kind) if r.kind in SUPERVISION_KINDS else 9):
        if req.kind not in SUPERVISION_KINDS or not req.computable:
            continue
        if req.agreed:
            if case.agreed_every is None:
                sentences.append(req.summary + " (none given: enter it to include it)")
                continue
            recurrence = Recurrence.every(case.agreed_every, case.start)
        elif isinstance(req.schedule, Repeat):
            recurrence = Recurrence.of(req.schedule, anchor_day(req.schedule, case))
        elif isinstance(req.schedule, Shifts):
            result.shifts = shift_status(req, case, policy)
            sentences.append(req.summary)
            result.citations += cite(policy, req)
            continue
        else:
            continue
        (recommended if req.strength == "recommended" else minimum).append((recurrence, cite(policy, req)))
        if req.strength != "recommended":
            sentences.append(req.summary)
            result.citations += cite(policy, req)

    for req in reqs:
        if req.kind == "duration":
            sentences.append(req.summary)
            result.citations += cite(policy, req)

    if minimum:
        if sessions:
            result.readings.append({"text": "Missed periods are counted from the first session entered: the checker knows nothing of earlier ones.", "citations": []})
        due, due_cites, missed = combined_dues(minimum, sessions, case.on)
        result.next_due, result.status, result.missed = due, status_on(due, case.on), missed
    if result.shifts:  # a shift count and a date floor can both apply: the worse status stands
        result.status = max(result.status, result.shifts["status"], key=STATUS_ORDER.index)
    if recommended:
        due, cites, _ = combined_dues(recommended, sessions, case.on)
        result.recommended = {
            "next_due": due,
            "requirement": "; ".join(r.summary for r in reqs if r.strength == "recommended" and r.kind in SUPERVISION_KINDS),
            "citations": cites,
        }
    if not minimum and not result.shifts:
        sentences = [f"{r['summary']} ({r['why_not']})" for r in result.not_computable] or sentences
        result.citations += [c for r in result.not_computable for c in r["citations"]]
    result.requirement = " ".join(sentences)
    result.citations = _unique(result.citations)
    result.obligations = obligations(reqs, case, sessions, policy)
    return result


def shift_status(req: Requirement, case: Case, policy: str) -> dict:
    every = req.schedule.every
    if case.shifts_since_last is None:
        raise CheckerError(
            "shifts",
            f"this role is supervised every {every} shifts worked: give the number of shifts worked since the last supervision",
        )
    if case.shifts_since_last < 0:
        raise CheckerError("shifts", "the number of shifts worked cannot be negative")
    left = every - case.shifts_since_last
    status = "overdue" if left < 0 else "due-soon" if left <= 1 else "ok"
    return {"every": every, "worked": case.shifts_since_last, "left": max(left, 0), "status": status,
            "citations": cite(policy, req)}


def obligations(reqs: list[Requirement], case: Case, sessions: tuple[date, ...], policy: str) -> list[dict]:
    """Every other dated duty the case gives rise to: write-ups, agreements, reviews, observations…"""
    found = []

    def add(req: Requirement, due: date, **extra) -> None:
        found.append({"kind": req.kind, "due": due, "status": status_on(due, case.on), "summary": req.summary,
                      "citations": cite(policy, req), "reading": req.reading, **extra})

    for req in reqs:
        schedule = req.schedule
        if req.kind in SUPERVISION_KINDS or not req.computable or schedule is None:
            continue
        if isinstance(schedule, Deadline):
            within = Interval.parse(schedule.within)
            if schedule.after == "session":
                for session in sessions:
                    add(req, within.after(session), after=session)
            else:
                begin = case.supervisor_changed_on if schedule.after == "relationship-start" and case.supervisor_changed_on else case.start
                add(req, within.after(begin), after=begin)
        elif isinstance(schedule, Milestones):
            begin = anchor_day(schedule, case)
            for point in schedule.at:
                add(req, Interval.parse(point).after(begin), after=begin)
        elif isinstance(schedule, Anniversary):
            add(req, occurrences_from(Recurrence.every(Interval.parse(schedule.every), anchor_day(schedule, case)), case.on))
        elif isinstance(schedule, Repeat):
            add(req, occurrences_from(Recurrence.of(schedule, anchor_day(schedule, case)), case.on))
    found.sort(key=lambda o: (o["due"], o["kind"]))
    return found


def _unique(citations: list[dict]) -> list[dict]:
    seen, out = set(), []
    for c in citations:
        key = (c["policy"], c["section"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out
