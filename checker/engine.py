"""The date engine: a policy's rules and a case in, a result out. Small pure functions over dates; the numbers
come from the rulebook, the readings from the handbook's conventions (CONTRIBUTING.md), the words from
checker/wording.py. No clock, no I/O: the caller passes the rules and the as-of date."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from . import wording
from .dates import Interval, OutsideCalendar, bank_holidays
from .errors import CheckerError
from .rulebook import Anniversary, Deadline, Milestones, PolicyRules, Repeat, Requirement, Role, Shifts
from .vocabulary import DUE_SOON_DAYS, DUTY_KINDS, EARLIEST, LATEST, MAX_SHIFTS, SESSION_KINDS, SEVERITY, Status

SUPERVISION_KINDS = SESSION_KINDS  # the name the engine's callers know; defined in checker/vocabulary.py


@dataclass(frozen=True)
class Case:
    """Everything the rules need about one person (or one child's case record), stated, never inferred."""

    role: str
    start: date
    on: date
    sessions: tuple[date, ...] = ()
    facts: frozenset[str] = frozenset()
    supervisor_changed_on: date | None = None
    shifts_since_last: int | None = None
    agreed_every: Interval | None = None
    done: tuple[tuple[str, date], ...] = ()
    """Duties the person says are done: (kind, date) pairs."""
    typed: tuple[tuple[date, str], ...] = ()
    """Dates as the person typed them, so that an error repeats their words, not an ISO date."""
    all_sessions: bool = False
    """The person says the sessions given are all of them since the start in post: late and missed are then
    counted from the start; otherwise from the first session given (the history the person gave)."""


@dataclass(frozen=True)
class Late:
    due: date
    session: date
    citations: tuple[dict, ...]

    @property
    def days(self) -> int:
        return (self.session - self.due).days


@dataclass(frozen=True)
class Missed:
    due: date
    next_due: date
    citations: tuple[dict, ...]


@dataclass(frozen=True)
class Obligation:
    kind: str
    due: date | None
    status: Status
    requirement: Requirement
    after: date | None = None
    done_on: date | None = None
    problem: str | None = None


@dataclass(frozen=True)
class Recommended:
    due: date
    status: Status
    requirement: str
    citations: tuple[dict, ...]


@dataclass(frozen=True)
class ShiftCount:
    every: int
    worked: int
    status: Status
    citations: tuple[dict, ...]


@dataclass(frozen=True)
class Note:
    """A sentence shown with the answer (a reading, an input not used, a policy past its review date)."""

    text: str
    citations: tuple[dict, ...] = ()


@dataclass
class Result:
    next_due: date | None
    status: Status
    headline: str
    requirement: str
    citations: list[dict]
    last_session: date | None = None
    missed: list[Missed] = field(default_factory=list)
    late: list[Late] = field(default_factory=list)
    obligations: list[Obligation] = field(default_factory=list)
    recommended: Recommended | None = None
    shifts: ShiftCount | None = None
    readings: list[Note] = field(default_factory=list)
    notices: list[Note] = field(default_factory=list)
    not_computable: list[Requirement] = field(default_factory=list)
    history: "History | None" = None
    rhythm: Interval | None = None
    """The interval that applies after the next session (the stricter where several apply)."""
    rhythm_until: date | None = None
    """The day that interval's phase ends (then another applies), if it does."""


@dataclass(frozen=True)
class History:
    """The period late and missed sessions are counted over, and whether asking "are these all your sessions
    since you started?" would change the answer (then the page asks it)."""

    since: date | None
    all_sessions: bool
    matters: bool


@dataclass(frozen=True)
class Lean:
    """What the team check needs of each person, without the obligations and the sentences."""

    status: Status
    next_due: date | None
    last_session: date | None
    sessions: int
    missed: int
    citations: tuple[dict, ...]
    late: int = 0


# ---------------------------------------------------------------- small pieces


def status_on(due: date, on: date) -> Status:
    """overdue after the due date; due-soon 0 to 7 days before it; ok otherwise."""
    days = (due - on).days
    if days < 0:
        return Status.OVERDUE
    return Status.DUE_SOON if days <= DUE_SOON_DAYS else Status.OK


def applies(req: Requirement, role: Role, facts: frozenset[str]) -> bool:
    """A requirement applies when it names the role (or all supervisees) and its facts hold."""
    named = role.id in req.roles or ("*" in req.roles and role.subject == "supervisee")
    return named and all((fact in facts) == wanted for fact, wanted in req.when)


def anchor_day(schedule, case: Case) -> date:
    """The day a schedule counts from: the start in post, the start of the supervisory relationship (a change
    of supervisor), or the last day the agreement of that relationship was done (Somerset 7.2, Sefton 2.5)."""
    anchor = getattr(schedule, "from_", "start")
    relationship = case.supervisor_changed_on or case.start
    if anchor == "agreement":
        signed = [day for kind, day in case.done if kind == "agreement" and day >= relationship]
        return max(signed) if signed else relationship
    return relationship if anchor == "relationship-start" else case.start


def _cite_key(citation: dict) -> tuple[str, str]:
    return citation["policy"], citation["section"]


def _unique(citations) -> list[dict]:
    seen, out = set(), []
    for c in citations:
        key = (c["policy"], c["section"])
        if key not in seen:
            seen.add(key)
            out.append(c)
    return out


# ---------------------------------------------------------------- repeating schedules


@dataclass(frozen=True)
class Recurrence:
    """A repeat schedule bound to its anchor day: the interval in force on any day, and the due dates."""

    anchor: date
    phases: tuple[tuple[Interval, date | None], ...]  # (interval, end of phase or None)

    @classmethod
    def of(cls, schedule: Repeat, anchor: date) -> "Recurrence":
        """Phases follow each other from the anchor; a schedule whose last phase has a length ends there."""
        phases, begin = [], anchor
        for every, length in schedule.phases:
            end = length.after(begin) if length else None
            phases.append((every, end))
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

    def first(self, since: date, from_start: bool) -> date | None:
        """The first due date after `since` (the start, or a session), as `dues` would give it first."""
        interval = self.interval_on(since)
        if interval is None:
            return None
        return interval.first_due_from_start(since) if from_start else interval.after(since)

    def dues(self, since: date, from_start: bool):
        """The due dates after `since` (the start or a session) when no session intervenes, each counted
        from `since` (k intervals on, so a clamped month end never drifts: 31 Jan, 29 Feb, 31 Mar); where
        a phase changes the interval, counting goes on from the last due date at the new interval."""
        interval = self.interval_on(since)
        if interval is None:
            return
        day = interval.first_due_from_start(since) if from_start else interval.after(since)
        base, k = since, 1
        while True:
            yield day
            now = self.interval_on(day)
            if now is None or day > LATEST:
                return
            if now != interval:
                interval, base, k = now, day, 0
            k += 1
            day = interval.month_steps_after(base, k) if interval.unit == "months" else interval.after(day)


class _Heads:
    """The stricter of several recurrences from one anchor. They move in step: the k-th due date is the
    earliest of their k-th due dates, so with no session between, periods follow the strictest rhythm.
    The first due dates are worked out directly; the step-by-step generators only when a date passes."""

    def __init__(self, recurrences, since: date, from_start: bool):
        self.recurrences = recurrences
        self.since, self.from_start = since, from_start
        self.gens = None
        self.heads = [r.first(since, from_start) for r, _ in recurrences]

    def earliest(self) -> date | None:
        if len(self.heads) == 1:  # most roles have one rhythm: no list to build
            return self.heads[0]
        days = [d for d in self.heads if d is not None]
        return min(days) if days else None

    def cites(self, due: date | None) -> tuple[dict, ...]:
        return tuple(_unique(c for d, (_, cs) in zip(self.heads, self.recurrences) if d == due for c in cs))

    def advance(self) -> None:
        if self.gens is None:
            self.gens = [r.dues(self.since, self.from_start) for r, _ in self.recurrences]
            for gen in self.gens:
                next(gen, None)
        self.heads = [next(gen, None) if head is not None else None for gen, head in zip(self.gens, self.heads)]

    def month_bound(self, due: date) -> bool:
        """Whether `due` closes a calendar month that had to contain a session: then a session after it
        belongs to the next month, and the month without one is missed, never late."""
        for (r, _), d in zip(self.recurrences, self.heads):
            if d == due:
                interval = r.interval_on(due)
                if interval is not None and interval.unit == "calendar-month":
                    return True
        return False


@dataclass(frozen=True)
class Walk:
    next_due: date | None
    citations: tuple[dict, ...]
    missed: tuple[Missed, ...]
    late: tuple[Late, ...]


def walk(recurrences, start: date, sessions: tuple[date, ...], on: date, cited: bool = True,
         from_first_session: bool = False) -> Walk:
    """Follow the sessions from the start under the stricter of several recurrences.

    A session on or before the due date is on time. One after it but no later than the next due date is
    late (by so many days). A due date followed by the next one with no session between is missed; so is a
    calendar month that ended without one (the next session belongs to its own month). The result's due
    date is the first one after the last session (or the start) that has no session yet. `cited=False`
    (the team check's lean path) leaves the citations of each late and missed period out.
    `from_first_session`: the history begins at the first session given (nothing before it is counted,
    and with no session given, nothing is missed).
    """
    late, missed = [], []
    cites_of = (lambda heads, due: heads.cites(due)) if cited else (lambda heads, due: ())
    heads = _Heads(recurrences, start, from_start=True)
    none_given = from_first_session and not sessions
    if from_first_session and sessions:
        heads, sessions = _Heads(recurrences, sessions[0], from_start=False), sessions[1:]
    for session in sessions:
        while True:
            due = heads.earliest()
            if due is None or session <= due:
                break
            cites, month_bound = cites_of(heads, due), heads.month_bound(due)
            heads.advance()
            following = heads.earliest()
            if not month_bound and (following is None or session <= following):
                late.append(Late(due, session, cites))
                break
            missed.append(Missed(due, following or due, cites))
        heads = _Heads(recurrences, session, from_start=False)
    next_due = heads.earliest()
    next_cites = cites_of(heads, next_due)
    while not none_given:  # periods since the last session whose successor has also passed: missed
        due = heads.earliest()
        if due is None or due >= on:
            break
        cites, month_bound = cites_of(heads, due), heads.month_bound(due)
        heads.advance()
        following = heads.earliest()
        if following is None or (following >= on and not month_bound):
            break
        missed.append(Missed(due, following, cites))
    return Walk(next_due, next_cites, tuple(missed), tuple(late))


# ---------------------------------------------------------------- the case


def said_date(case: Case, day: date) -> str:
    """A date as the person wrote it, for an error message (in their words, not ISO); else in long form."""
    typed = dict(case.typed)
    return f"“{typed[day]}”" if day in typed else wording.long_date(day)


def validate(rules: PolicyRules, case: Case) -> Role:
    """The role exists; dates are in order (start ≤ sessions ≤ as-of date) and within what the checker
    works with. Working days are checked only where they are counted."""
    role = rules.role(case.role)
    said = partial(said_date, case)

    for name, day in (("start", case.start), ("on", case.on)):
        if not EARLIEST <= day <= LATEST:
            raise CheckerError(name, f"{said(day)} is outside the years the checker works with "
                                     f"({EARLIEST.year} to {LATEST.year})")
    if case.on < case.start:  # a start in the future is the start's mistake, not the as-of date's
        raise CheckerError("start", f"{said(case.start)} is after {said(case.on)}, the day the check is made: "
                                    "give the date you started in this post")
    for day in case.sessions:
        if day < case.start:
            raise CheckerError("session", f"the session on {said(day)} is before the start date {said(case.start)}")
        if day > case.on:
            raise CheckerError("session", f"the session on {said(day)} is after {said(case.on)}, the day the check is made")
    if case.supervisor_changed_on is not None and not case.start <= case.supervisor_changed_on <= case.on:
        raise CheckerError("supervisor-changed", "the change of supervisor must fall between the start and the as-of date")
    for kind, day in case.done:
        if kind not in DUTY_KINDS:
            raise CheckerError("done", f"“{kind}” is not a kind of duty; use one of: {', '.join(DUTY_KINDS)}")
        if not case.start <= day <= case.on:
            raise CheckerError("done", f"{wording.kind_name(kind)} done on {said(day)}: a done date falls between "
                                       f"the start ({said(case.start)}) and the day the check is made ({said(case.on)})")
    if case.shifts_since_last is not None and not 0 <= case.shifts_since_last <= MAX_SHIFTS:
        raise CheckerError("shifts", f"the number of shifts worked is a whole number from 0 to {MAX_SHIFTS}")
    return role


@dataclass(frozen=True)
class _Frequency:
    """What governs the next session for this case: the minimum recurrences, the recommended ones, a shift
    count, and the sentences and notes that say so."""

    minimum: tuple
    recommended: tuple
    shifts: Requirement | None
    sentences: tuple[str, ...]
    citations: tuple[dict, ...]
    notes: tuple[Note, ...]
    agreed_allowed: bool = False


def frequency(rules: PolicyRules, reqs: list[Requirement], case: Case) -> _Frequency:
    minimum, recommended, sentences, citations, notes, agreed_sentences = [], [], [], [], [], []
    shift_req = agreed = None
    agreed_allowed = False
    ordered = sorted(reqs, key=lambda r: SUPERVISION_KINDS.index(r.kind) if r.kind in SUPERVISION_KINDS else 9)
    for req in ordered:
        if req.kind not in SUPERVISION_KINDS or not req.computable:
            continue
        if req.agreed:
            agreed_allowed = True
            if case.agreed_every is None:  # the form asks for it; the answer does not list an empty field
                continue
            recurrence = agreed = Recurrence.every(case.agreed_every, case.start)
            agreed_sentences.append(f"{req.summary} ({wording.describe_interval(case.agreed_every)})")
            citations += req.citations
        elif isinstance(req.schedule, Repeat):
            recurrence = Recurrence.of(req.schedule, anchor_day(req.schedule, case))
        elif isinstance(req.schedule, Shifts):
            shift_req = req
            sentences.append(req.summary)
            citations += req.citations
            continue
        else:
            continue
        (recommended if req.strength == "recommended" else minimum).append((recurrence, req.citations))
        if req.strength != "recommended" and not req.agreed:
            sentences.append(req.summary)
            citations += req.citations
    if case.agreed_every is not None:
        if not agreed_allowed:
            notes.append(Note(wording.agreed_ignored(rules.short)))
        else:
            others = [i for r, _ in minimum if r is not agreed for i in [r.interval_on(case.on)] if i]
            if others and case.agreed_every.approx_days() >= min(i.approx_days() for i in others):
                notes.append(Note(wording.agreed_looser(case.agreed_every)))
    sentences += agreed_sentences  # the policy's own frequency first, then what a contract may add
    for req in reqs:  # a session's length is said beside the frequency; its paragraphs are the duration's own
        if req.kind == "duration":
            sentences.append(req.summary)
    return _Frequency(tuple(minimum), tuple(recommended), shift_req, tuple(sentences), tuple(citations), tuple(notes),
                      agreed_allowed)


def _rhythm(recurrences, day: date) -> tuple[Interval | None, date | None]:
    """The strictest interval in force on `day`, and the day its phase ends (None: open-ended)."""
    best = None
    for recurrence, _ in recurrences:
        for interval, end in recurrence.phases:
            if end is None or day < end:
                if best is None or interval.approx_days() < best[0].approx_days():
                    best = (interval, end)
                break
    return best if best else (None, None)


def _shift_count(req: Requirement, case: Case) -> ShiftCount:
    every = req.schedule.every
    if case.shifts_since_last is None:
        raise CheckerError(
            "shifts",
            f"this role is supervised every {every} shifts worked: give the number of shifts worked since the last supervision",
        )
    worked = case.shifts_since_last
    status = Status.OVERDUE if worked > every else Status.DUE_SOON if every - worked <= 1 else Status.OK
    return ShiftCount(every, worked, status, req.citations)


def _role_requirements(rules: PolicyRules, role: Role, case: Case) -> tuple[frozenset[str], list[Requirement]]:
    facts = frozenset(f for f in case.facts if f in role.facts)
    return facts, [r for r in rules.requirements if applies(r, role, facts)]


def lean(rules: PolicyRules, case: Case, since: date | None = None) -> Lean:
    """Status, next due date, last session and the numbers of missed and late sessions due on or after `since`
    (all of them when None): the team check's path, which states the period it counts over."""
    role = validate(rules, case)
    _, reqs = _role_requirements(rules, role, case)
    freq = frequency(rules, reqs, case)
    sessions = tuple(sorted(set(case.sessions)))
    status, next_due, missed, late = Status.NOT_COMPUTABLE, None, 0, 0
    if freq.minimum:
        w = walk(freq.minimum, case.start, sessions, case.on, cited=False)
        next_due = w.next_due
        missed = sum(1 for m in w.missed if since is None or m.due >= since)
        late = sum(1 for x in w.late if since is None or x.due >= since)
        status = status_on(next_due, case.on) if next_due else Status.NOT_COMPUTABLE
    if freq.shifts:
        status = max(status, _shift_count(freq.shifts, case).status, key=SEVERITY.index)
    citations = tuple(_unique(freq.citations)) or tuple(_unique(c for r in reqs if not r.computable for c in r.citations))
    return Lean(status, next_due, sessions[-1] if sessions else None, len(sessions), missed, citations, late)


def check(rules: PolicyRules, case: Case) -> Result:
    """Next due date, status, late and missed sessions, and every other dated duty of a case."""
    role = validate(rules, case)
    facts, reqs = _role_requirements(rules, role, case)
    sessions = tuple(sorted(set(case.sessions)))
    freq = frequency(rules, reqs, case)

    result = Result(next_due=None, status=Status.NOT_COMPUTABLE, headline="", requirement="", citations=[])
    result.last_session = sessions[-1] if sessions else None
    result.readings = [Note(r.reading, r.citations) for r in reqs if r.reading]
    result.not_computable = [r for r in reqs if not r.computable]
    result.notices = list(freq.notes)
    for fact in sorted(set(case.facts) - facts):
        question = rules.facts.get(fact, {}).get("question", fact)
        result.notices.append(Note(wording.fact_ignored(question)))
    review = rules.info.get("review")
    if review and date.fromisoformat(review) < case.on:
        result.notices.append(Note(wording.review_passed_notice(rules.short, date.fromisoformat(review), case.on)))

    sentences, citations = list(freq.sentences), list(freq.citations)
    if freq.minimum:
        w = walk(freq.minimum, case.start, sessions, case.on, from_first_session=not case.all_sessions)
        result.next_due, result.missed, result.late = w.next_due, list(w.missed), list(w.late)
        if w.next_due:
            result.status = status_on(w.next_due, case.on)
            result.headline = wording.due_headline(result.status.value, w.next_due, case.on)
        result.readings.append(Note(wording.late_reading()))
        result.rhythm, result.rhythm_until = _rhythm(freq.minimum, max(case.on, w.next_due or case.on))
        whole = w if case.all_sessions else walk(freq.minimum, case.start, sessions, case.on, cited=False)
        result.history = History(case.start if case.all_sessions else (sessions[0] if sessions else None),
                                 case.all_sessions, (len(whole.missed), len(whole.late)) != (len(w.missed), len(w.late))
                                 or case.all_sessions)
    if freq.shifts:
        result.shifts = _shift_count(freq.shifts, case)
        shift_line = wording.shifts_headline(result.shifts.every, result.shifts.worked)
        if SEVERITY.index(result.shifts.status) >= SEVERITY.index(result.status):
            result.status = result.shifts.status
            date_line = ""
            if result.headline:  # the date rule that set it, in its own words
                cited = set(map(_cite_key, w.citations))
                governing = [r.summary for r in reqs if r.computable and r.kind in SUPERVISION_KINDS
                             and isinstance(r.schedule, Repeat) and r.strength != "recommended"
                             and cited & set(map(_cite_key, r.citations))]
                date_line = " " + wording.date_rule_still_applies(governing, result.headline)
            result.headline = shift_line + date_line
        else:
            result.headline += " " + shift_line
    if freq.recommended:
        w = walk(freq.recommended, case.start, sessions, case.on)
        if w.next_due:
            text = " ".join(r.summary for r in reqs if r.strength == "recommended" and r.kind in SUPERVISION_KINDS and r.computable)
            status = status_on(w.next_due, case.on)
            result.recommended = Recommended(w.next_due, status, wording.recommended_headline(status.value, w.next_due, case.on, text), w.citations)
    if not freq.minimum and not freq.shifts:
        sentences = [f"{r.summary} ({r.why_not})" for r in result.not_computable] or sentences
        citations += [c for r in result.not_computable for c in r.citations]
        result.headline = (wording.enter_agreed() if freq.agreed_allowed and case.agreed_every is None
                           else wording.due_headline("not-computable", None, case.on))
    result.requirement = " ".join(sentences)
    result.citations = _unique(citations)
    result.obligations = obligations(reqs, case, sessions)
    if case.done:
        result.readings.append(Note(wording.done_reading()))
    return result


# ---------------------------------------------------------------- other dated duties


def _done_dates(case: Case, kind: str) -> list[date]:
    return sorted(day for k, day in case.done if k == kind)


def _dated(req: Requirement, case: Case, due_of, after: date | None = None, done_on: date | None = None) -> Obligation:
    """One duty: its due date (or why it cannot be dated) and its status, done or not."""
    try:
        due = due_of()
    except OutsideCalendar:
        holidays = bank_holidays()
        return Obligation(req.kind, None, Status.OUTSIDE_CALENDAR, req, after,
                          problem=wording.outside_calendar(holidays.first, holidays.last))
    status = Status.DONE if done_on else Status.NOT_RECORDED if due < case.on else status_on(due, case.on)
    return Obligation(req.kind, due, status, req, after, done_on)


def obligations(reqs: list[Requirement], case: Case, sessions: tuple[date, ...]) -> list[Obligation]:
    """Every other dated duty: write-ups, agreements, reviews, observations, appraisals… with what is done."""
    found: list[Obligation] = []
    for req in reqs:
        schedule = req.schedule
        if req.kind in SUPERVISION_KINDS or not req.computable or schedule is None:
            continue
        done = _done_dates(case, req.kind)
        if isinstance(schedule, Deadline):
            if schedule.after == "duty":
                found += _after_duties(req, case, done)
            elif schedule.after == "session":
                covered = done[-1] if done else None  # a write-up done date covers every session up to it
                for session in sessions:
                    found.append(_dated(req, case, lambda s=session: schedule.within.after(s), session,
                                        covered if covered and covered >= session else None))
            else:
                begin = (case.supervisor_changed_on or case.start) if schedule.after == "relationship-start" else case.start
                found.append(_dated(req, case, lambda: schedule.within.after(begin), begin,
                                    next((d for d in done if d >= begin), None)))
        elif isinstance(schedule, Milestones):
            begin = anchor_day(schedule, case)
            left = [d for d in done if d >= begin]
            for point in schedule.at:  # done dates are taken in order, one milestone each
                found.append(_dated(req, case, lambda p=point: p.after(begin), begin, left.pop(0) if left else None))
        elif isinstance(schedule, (Anniversary, Repeat)):
            recurrence = (Recurrence.every(schedule.every, anchor_day(schedule, case)) if isinstance(schedule, Anniversary)
                          else Recurrence.of(schedule, anchor_day(schedule, case)))
            last = done[-1] if done else None
            found.append(_dated(req, case, lambda: next_occurrence(recurrence, case.on, last), last))
    found.sort(key=lambda o: (o.due or date.max, o.kind))
    return found


def _after_duties(req: Requirement, case: Case, done: list[date]) -> list[Obligation]:
    """A deadline counted from each day the person gives for the duties it records (BwD 6 and 7: the
    record signed within 10 working days of the observation); without such a day it cannot be dated."""
    held = sorted(day for kind, day in case.done if kind in req.schedule.of)
    if not held:
        return [Obligation(req.kind, None, Status.NOT_COMPUTABLE, req,
                           problem=wording.needs_duty_date([wording.kind_name(k) for k in req.schedule.of]))]
    return [_dated(req, case, lambda d=day: req.schedule.within.after(d), day,
                   next((d for d in done if d >= day), None)) for day in held]


def next_occurrence(recurrence: Recurrence, on: date, last_done: date | None) -> date:
    """The occurrence of a recurring duty that is outstanding on the as-of date: the first one after the
    last time it was done (counted on from that day), or, if never done, the first due from the anchor that
    is on or after the as-of date (each counted from the anchor, so a clamped month end never drifts)."""
    if last_done is not None:
        interval = recurrence.interval_on(last_done) or recurrence.phases[-1][0]
        return interval.after(last_done)
    for day in recurrence.dues(recurrence.anchor, from_start=False):
        if day >= on:
            return day
    return date.max
