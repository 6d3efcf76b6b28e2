"""The rules' vocabulary, defined once: the kinds of requirement (and which of them set when the next session
is due), the statuses (their order, which count as in timescale, which are an alarm), the defaults and the
limits. The engine, the schedule, the team check, the build and the pages read them from here (the pages
through `api.call("words")`); checker/wording.py gives each its words. Standard library only.
"""

from __future__ import annotations

from datetime import date
from enum import Enum

# ---------------------------------------------------------------- kinds of requirement

SESSION_KINDS = ("supervision", "supervision-floor", "case-record")
"""Kinds that set when the next session (or case record) is due, in the order their sentences are said;
every other dated kind is an obligation (a duty with its own date)."""

DUTY_KINDS = (
    "write-up", "agreement", "agreement-review", "observation", "observation-record", "probation-review",
    "asye-review", "asye-agreement", "appraisal", "personal-supervision", "reflective-supervision",
    "senior-manager-reflective", "reflective-record", "conversation", "learning-check", "cpd", "schedule",
)
"""Dated duties beside the sessions: what a person can say is done (`--done KIND=DATE`)."""

OTHER_KINDS = ("duration", "retention", "audit")
"""Requirements that are never dated: a session's length, keeping records, auditing them."""

KINDS = SESSION_KINDS + DUTY_KINDS + OTHER_KINDS
"""Every kind of requirement the rule files may use (the authoring schema refuses any other)."""


# ---------------------------------------------------------------- statuses


class Status(str, Enum):
    OK = "ok"
    DUE_SOON = "due-soon"
    OVERDUE = "overdue"
    NOT_COMPUTABLE = "not-computable"
    DONE = "done"
    NOT_RECORDED = "not-recorded"
    OUTSIDE_CALENDAR = "outside-calendar"


STATUS_ORDER = (Status.OVERDUE, Status.DUE_SOON, Status.OK, Status.NOT_COMPUTABLE)
"""A person's statuses, most urgent first: the order a team table, its summary and the CLI list them."""

SEVERITY = tuple(reversed(STATUS_ORDER))
"""The same statuses, least urgent first: where two rules give a status, the later in this order wins."""

IN_TIMESCALE = (Status.OK, Status.DUE_SOON)
"""The statuses that count as "supervision in timescale", the figure service scorecards report."""

TONES = {
    Status.OVERDUE: "alarm", Status.DUE_SOON: "warning", Status.OK: "good", Status.DONE: "good",
    Status.NOT_COMPUTABLE: "neutral", Status.NOT_RECORDED: "neutral", Status.OUTSIDE_CALENDAR: "neutral",
}
"""How loud each status is drawn. Only what the person's own answers show to be late is an alarm: a duty
nobody said is done is `not-recorded`, neutral (DESIGN §3)."""

# ---------------------------------------------------------------- defaults and limits

DUE_SOON_DAYS = 7
"""`due-soon`: the due date is 0 to 7 days after the as-of date."""
EARLIEST, LATEST = date(1970, 1, 1), date(2099, 12, 31)
"""The dates the checker works with at all; working days are known over the narrower bank-holiday range."""
MONTHS_DEFAULT, MONTHS_MAX = 12, 24
"""A schedule covers 12 months unless asked for 1 to 24."""
MAX_SHIFTS = 10_000
"""Shifts since the last supervision: more is a typing slip, not a rota."""
PLAN_SLACK_DAYS = 7
"""A planned session leaves this many days before the date it falls due, where the rule's interval allows."""
PLAN_STYLES = ("slack", "latest")
"""How sessions are planned: with a week's slack (the default), or on the latest day the rule allows."""
REMINDER_DAYS = 7
"""The calendar file's reminder comes this many days before each due date."""


def in_timescale(status: str) -> bool:
    return status in {s.value for s in IN_TIMESCALE}


YES_WORDS = ("yes", "y", "true", "1", "on")
NO_WORDS = ("no", "n", "false", "0", "off", "none")
"""Yes and no as a link, a form or a team file's cell writes them (compared in lower case). How strictly they are
read differs: a team file's cell must be one of them or blank (checker/team_mapping.yes_no), while a link's
value is yes unless it is a no word or blank (checker/forms.yes)."""


def record() -> dict:
    """The vocabulary as plain JSON, for the pages and the build."""
    return {
        "session_kinds": list(SESSION_KINDS), "duty_kinds": list(DUTY_KINDS), "kinds": list(KINDS),
        "status_order": [s.value for s in STATUS_ORDER], "in_timescale": [s.value for s in IN_TIMESCALE],
        "tones": {s.value: t for s, t in TONES.items()},
        "defaults": {"months": MONTHS_DEFAULT, "due_soon_days": DUE_SOON_DAYS, "plan": PLAN_STYLES[0]},
        "limits": {"months": [1, MONTHS_MAX], "shifts": [0, MAX_SHIFTS],
                   "dates": [EARLIEST.isoformat(), LATEST.isoformat()]},
    }
