"""Every word the checker shows a person: status words, duty names, schedule descriptions and the sentences
that explain an answer. The engine decides; this module says it; pages, hooks and the CLI only draw it.
Standard library only."""

from __future__ import annotations

from datetime import date, timedelta

from .dates import Interval, long_date  # noqa: F401  (long_date: the pages' date format too)

STATUS_WORDS = {
    "ok": "Up to date",
    "due-soon": "Due soon",
    "overdue": "Overdue",
    "not-computable": "Cannot be worked out from the policy",
    "done": "Done",
    "not-recorded": "Not recorded",
    "outside-calendar": "Cannot be dated",
}
"""The status words of the reading conventions (CONTRIBUTING.md) (and `done` for a duty the person says is done), as people read them."""

KIND_NAMES = {
    "supervision": "Supervision",
    "supervision-floor": "Supervision (the policy's floor)",
    "duration": "Length of a session",
    "write-up": "Write-up of the session",
    "agreement": "Supervision agreement",
    "agreement-review": "Review of the supervision agreement",
    "observation": "Observation of practice",
    "probation-review": "Probation review",
    "asye-review": "ASYE review",
    "asye-agreement": "ASYE learning agreement",
    "appraisal": "Appraisal",
    "personal-supervision": "Personal supervision",
    "reflective-supervision": "Reflective supervision",
    "senior-manager-reflective": "Reflective supervision led by the Senior Manager",
    "observation-record": "Signed record of the observed practice",
    "reflective-record": "Signed record of the reflective supervision",
    "conversation": "Performance conversation",
    "learning-check": "Learning check",
    "cpd": "Continuing professional development for registration",
    "case-record": "Case supervision record",
    "schedule": "Schedule of sessions",
    "retention": "Keeping supervision records",
    "audit": "Audit of supervision",
}
"""Every kind of requirement has a name (a test checks it); the rule data's kinds are these keys."""

SCHEDULE_TITLES = {
    **KIND_NAMES,
    "supervision": "Supervision session",
    "write-up": "Record of the {after} session due",  # {after}: the session's day and month
    "conversation": "Performance engagement conversation",
    "learning-check": "Check of the learning account",
    "schedule": "Schedule of sessions given to the supervisee",
}
"""An entry's title in the schedule and its calendar file: the duty's name, said as a diary entry."""

FIELD_NAMES = {
    "policy": "Policy", "role": "Role", "start": "Date started in this post", "session": "Supervision dates",
    "on": "Check as of", "supervisor-changed": "Date the supervisor changed", "shifts": "Shifts worked",
    "agreed-every": "Agreed frequency", "done": "Done on", "from": "Plan from", "months": "Months",
    "all-sessions": "All sessions since the start", "base-url": "Handbook address", "plan": "Plan sessions",
    "time": "Time of each session", "length": "Length of each session", "name": "Supervisee’s name",
}
"""How an error names the field it is about, on the command line as on the page."""


DATE_HINT = "For example 8/1/2024, 8 January 2024 or 2024-01-08."
"""The one date hint of every tool: the forms `dates.parse_date` reads (day first, as the UK writes it)."""

FORM_TEXT = {
    "policy": ("Policy", None),
    "role": ("Whose supervision, or which case record", None),
    "start": ("Date started in this post", DATE_HINT),
    "session": ("Dates of past supervision sessions",
                "One date per line (or separated by commas). Leave empty if there has not been one yet."),
    "all-sessions": ("These are all my supervision sessions since I started in this post",
                     "Then late and missed sessions are counted from the start; otherwise from the first session entered."),
    "shifts": ("Shifts worked since the last supervision", None),
    "agreed-every": ("Frequency agreed in the supervision contract (optional)",
                     "For example “every 6 weeks”, “fortnightly” or “monthly”."),
    "on": ("Check as of", "Today unless you change it. " + DATE_HINT),
    "supervisor-changed": ("Date the supervisor changed (optional)",
                           "A new supervisory relationship restarts the supervision agreement. " + DATE_HINT),
    "done": ("Done on",
             "Duties already done are marked by each duty in the answer’s details, with the date each was last done."),
    "name": ("Supervisee’s name (optional)",
             "Shown in the schedule’s title, its print and the calendar file; it stays on this device."),
    "from": ("Schedule begins on (optional)", "Leave empty to begin at the last session held, or at the start date. " + DATE_HINT),
    "months": ("Months to cover", "From 1 to 24; a supervision agreement usually covers 12."),
    "plan": ("Plan sessions", None),
    "time": ("Time of each session (optional)", "For example 10:00. Without a time, entries are all-day."),
    "length": ("Length of each session in minutes (optional)", "Without one, the policy’s own minimum where it gives one."),
}
"""Each form field's label and hint (checker/forms.py says which tool asks which field, and when)."""

SCHEDULE_FORM_TEXT = {
    "role": ("Supervisee’s role", None),
    "start": ("Date the supervisee started in this post", DATE_HINT),
    "session": ("Dates of supervision sessions already held",
                "One date per line (or separated by commas). Leave empty for a new starter."),
}
"""Where the schedule builder, asked by a supervisor, words a field differently."""

ANSWER_WORDS = {
    "yourAnswers": "Your answers",
    "details": "Details: late and missed sessions, other dated duties, how the policy is read",
    "countFromStart": "These are all my sessions since I started",
    "countFromFirst": "Count only from my first session entered",
}
"""The headings and buttons of an answer, as the pages draw them."""


def duties_text(counts: dict[str, int]) -> str | None:
    """The other dated duties in one line of the answer: "Other duties: 1 due soon, 3 not recorded (see Details)"."""
    said = [f"{n} {STATUS_WORDS[s].lower()}" for s, n in counts.items() if n]
    return f"Other dated duties: {', '.join(said)} (see the details below)." if said else None


MORE_TEXT = {"due": "More: change of supervisor, duties already done",
             "schedule": "More: time and length, change of supervisor, agreed frequency"}

PLAN_CHOICES = {
    "slack": "With a week’s slack: each session a week before it falls due, where the rule allows",
    "latest": "On the latest day the rule allows",
}


def status_text(status: str) -> str:
    return STATUS_WORDS[status]


def kind_name(kind: str) -> str:
    return KIND_NAMES[kind]


def days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


# ---------------------------------------------------------------- schedules


def describe_interval(interval: Interval) -> str:
    """'every fortnight', 'every 2 months', 'once in every calendar month', 'within 5 working days'."""
    if interval.unit == "calendar-month":
        return "once in every calendar month"
    if interval.unit == "days" and interval.count % 7 == 0:
        weeks = interval.count // 7
        return {1: "every week", 2: "every fortnight"}.get(weeks, f"every {weeks} weeks")
    if interval.unit == "days":
        return f"every {interval.count} days"
    if interval.unit == "months" and interval.count % 12 == 0:
        years = interval.count // 12
        return "every year" if years == 1 else f"every {years} years"
    if interval.unit == "months":
        return "every month" if interval.count == 1 else f"every {interval.count} months"
    return f"within {interval.count} working days"


_AFTER = {"session": "each session", "start": "the start",
          "relationship-start": "the start of the supervisory relationship", "duty": "the day it records"}


def describe_schedule(requirement: dict) -> str:
    """When a requirement falls, as the checker reads it, from its record (the `rules` command's form)."""
    sched = requirement.get("schedule")
    if not requirement["computable"]:
        return f"Not computable: {requirement['why_not']}"
    if requirement.get("agreed"):
        return "The frequency agreed in the person's contract"
    if not sched:
        return ""
    kind = sched["type"]
    if kind == "repeat":
        parts = []
        for phase in sched["phases"]:
            text = describe_interval(Interval.parse(phase["every"]))
            parts.append(f"{text} for {phase['length']}" if phase.get("length") else text)
        return "; then ".join(parts)
    if kind == "deadline":
        within = "on the day of" if sched["within"] == "0 days" else f"within {sched['within']} of"
        return f"{within} {_AFTER[sched['after']]}"
    if kind == "milestones":
        return "at " + ", ".join(sched["at"]) + " from the start"
    if kind == "anniversary":
        since = {"agreement": " from the day the agreement was done"}.get(sched.get("from"), " from the start")
        return describe_interval(Interval.parse(sched["every"])) + since
    if kind == "shifts":
        return f"every {sched['every']} shifts worked"
    return ""


# ---------------------------------------------------------------- the sentences of an answer


def due_headline(status: str, due: date | None, on: date) -> str:
    """The one sentence under the status: by when, and how far away that is from the as-of date."""
    if due is None:
        return "The policy gives no date that can be worked out for this case."
    days = (due - on).days
    if days < 0:
        return f"Supervision was due by {long_date(due)}: {days_text(-days)} ago."
    if days == 0:
        return f"Supervision is due today, {long_date(due)}."
    return f"Next supervision due by {long_date(due)}: in {days_text(days)}."


def action_text(status: str, due: date | None, on: date, rhythm: Interval | None, until: date | None) -> str | None:
    """What to do, in one sentence: "Ask for a session now; after that, every fortnight until 1 March 2027"."""
    if due is None:
        return None
    then = ""
    if rhythm is not None:
        then = f"; after that, {describe_interval(rhythm)}"
        if until is not None:
            then += f" until {long_date(until - timedelta(days=1))}"
    if status == "overdue":
        return f"Ask for a supervision session now{then}."
    if status == "due-soon":
        return f"Book a supervision session on or before {long_date(due)}{then}."
    return f"Have your next supervision session on or before {long_date(due)}{then}."


def enter_agreed() -> str:
    return ("The policy leaves the frequency to your supervision agreement: enter the agreed frequency "
            "(for example “every 4 weeks”) to date your next supervision.")


def shifts_headline(every: int, worked: int) -> str:
    """Sefton 3.18's count of shifts, said the same way whatever the status."""
    if worked > every:
        return (f"{worked} shifts worked since the last supervision: it was due by the {every}th shift, "
                f"so it is {worked - every} shift{'s' if worked - every != 1 else ''} overdue.")
    left = every - worked
    if left == 0:
        return f"{worked} shifts worked since the last supervision: it is due now, by the end of this shift."
    return f"{worked} of {every} shifts worked since the last supervision: due within {left} more shift{'s' if left != 1 else ''}."


def date_rule_still_applies(rules: list[str], headline: str) -> str:
    """Beside a count of shifts: the date rule that applies as well, in its own words (Sefton 3.2's floor)."""
    said = " ".join(rules).rstrip(".") or "the policy’s own"
    return f"The date rule still applies ({said[0].lower()}{said[1:]}): {headline[0].lower()}{headline[1:]}"


def needs_duty_date(kinds: list[str]) -> str:
    names = " or ".join(k.lower() for k in kinds)
    return f"Dated from the day of the {names}: enter that day as done to date this record."


def late_text(due: date, session: date) -> str:
    return f"Due by {long_date(due)}; held {days_text((session - due).days)} late, on {long_date(session)}."


def missed_text(due: date, next_due: date) -> str:
    return f"Due by {long_date(due)}; no session before the next one fell due on {long_date(next_due)}."


def recommended_headline(status: str, due: date, on: date, requirement: str) -> str:
    days = (due - on).days
    when = (f"was due by {long_date(due)}, {days_text(-days)} ago" if days < 0
            else f"is due by {long_date(due)}, in {days_text(days)}" if days else f"is due today, {long_date(due)}")
    return f"{requirement} The next recommended session {when}."


def review_passed_notice(short: str, review: date, on: date) -> str:
    return (f"{short}'s policy was due for review on {long_date(review)}, before {long_date(on)}: "
            "check with your organisation that this version is still the one in force.")


def agreed_ignored(policy_short: str) -> str:
    return (f"The agreed frequency you entered is not used: {policy_short}'s policy does not let supervisor "
            "and supervisee agree the frequency for this role; its own frequency applies.")


def agreed_looser(agreed: Interval) -> str:
    return (f"The agreed frequency ({describe_interval(agreed)}) is less often than the policy's minimum, "
            "so the minimum governs.")


def fact_ignored(question: str) -> str:
    return f"Not used for this role: “{question}”."


def outside_calendar(first: date, last: date) -> str:
    return (f"Working days can be counted only from {long_date(first)} to {long_date(last)}, the years the "
            "handbook's bank-holiday calendar covers: this date cannot be worked out.")


def history_text(since: date | None, all_sessions: bool) -> str:
    """The period late and missed sessions are counted over (the reading conventions: the history given)."""
    if all_sessions:
        return f"Late and missed sessions are counted from your start in post ({long_date(since)})."
    if since is None:
        return "No sessions entered, so none is counted as late or missed."
    return f"Late and missed sessions are counted from the first session you entered ({long_date(since)})."


def late_reading() -> str:
    return ("A session held after its due date but before the next one fell due is late, not missed. Periods "
            "before the first session you enter are counted only if you say these are all your sessions since "
            "you started in this post.")


def done_reading() -> str:
    return ("A duty you mark done is done; a recurring duty counts on from the last date you mark done. "
            "For write-ups, a done date covers the write-ups of every session on or before it.")


def document_control(info: dict, today: date) -> dict:
    """A policy's version, date and review date as the pages print them, and whether the review date is
    before `today` (the pages pass the build date; an answer passes its as-of date)."""
    def when(day: str | None, note: str | None) -> str:
        text = " ".join(x for x in [note, long_date(date.fromisoformat(day)) if day else None] if x)
        return text or "Not stated in the source"
    version = f"Version {info['version']}" if info.get("version") else info.get("version_note") or "Not stated in the source"
    review = info.get("review")
    return {"version": version, "date": when(info.get("date"), info.get("date_note")),
            "review": when(review, info.get("review_note")),
            "review_passed": bool(review) and date.fromisoformat(review) < today}


# --- team check ---------------------------------------------------------------------------------------
# The team check's words (checker/team.py and the page tools/team/): one block, so that it merges apart
# from the rest of this module.

TEAM_FIELDS = {
    "name": "Person", "employee_id": "Employee number", "role": "Role or job title", "start": "Start in post",
    "session": "Supervision date", "outcome": "Outcome or status of the session", "policy": "Policy",
    "supervisor": "Supervisor", "team": "Team", "supervisor-changed": "Date the supervisor changed",
    "shifts": "Shifts worked", "agreed-every": "Agreed frequency",
}
"""Each field of the team file as the page's column matching names it."""

TEAM_COLUMNS = (("name", "Name"), ("policy", "Policy"), ("role", "Role"), ("status", "Status"),
                ("next_due", "Next due"), ("last_session", "Last session"), ("sessions", "Sessions"),
                ("missed", "Missed"), ("citations", "Paragraph"), ("employee_id", "Employee no"),
                ("days_overdue", "Days overdue"), ("late", "Late"), ("not_held", "Not held"),
                ("counted_from", "Counted from"))
"""The result's columns and their labels: the table on the page and the exported CSV's header (the first
nine as the interface first gave them, the others added after them)."""

OUTCOME_WORDS = {"held": "Held (a supervision session)", "not-held": "Not held (not a session)"}
"""How the page offers the two classes of an outcome value."""

HOW_FOUND = {"name": "its own name", "header": "a header name exports use", "mapping": "your mapping",
             "off": "not used (your mapping)"}
"""How a column was matched to its field, as the page says it."""


TEAM_TOO_BIG = "{file} is {mb} MB; the team check reads files up to {max} MB: split it by team"
"""A file over the size limit (checker/team_file.py, and the page before it reads the file's bytes)."""

TEAM_PAGE = {
    # The file, read and checked (the page's status line).
    "choose_policy": "Choose the policy",
    "too_big": TEAM_TOO_BIG + ".",
    "reading": "Reading {file}\u2026",
    "unreadable": "{file} could not be read by the browser: choose it again.",
    "checking": "Checking {file}\u2026",
    "checking_sheet": "Checking {file}\u2026 (reading a spreadsheet takes a moment the first time)",
    "asking": "{file}: check what its columns and values mean, then choose \u201cUse these and check\u201d.",
    "checked": "{file}: {people}.",
    "person_checked": "{n} person checked",
    "people_checked": "{n} people checked",
    "as_of": "{people} as of {date}.",
    "showing": "Showing {shown} of {total}.",
    "example": "the worked example",
    # The columns, job titles and outcomes matched ([data-team-mapping]).
    "sheet": "Sheet of the workbook to read",
    "columns": "Columns", "needs": "What the check needs", "column_in_file": "Column in your file",
    "found_by": "Found by", "choose_column": "Choose a column", "not_in_file": "Not in this file",
    "required": "{label} (required)", "unused": "Not used: {columns}.",
    "roles": "Roles", "in_file": "In your file", "people": "People", "policy_role": "Role in the policy",
    "choose_role": "Choose a role", "suggested": "suggested", "not_matched": "not matched",
    "outcomes": "Outcomes of sessions", "rows": "Rows", "what_happened": "What happened", "choose": "Choose",
    # The table, its filters and the rows to fix.
    "everyone": "Everyone ({n})", "show": "Show", "no_grouping": "No grouping", "any": "Any {column}",
    "group_by": "Group by {column}", "group": "Group", "group_row": "{column}: {value} ({n})", "no_value": "\u2014",
    "first_shown": "The first {shown} of {total} are shown. ", "show_all": "Show all {total}",
    "line_not_read": "Line {lines} not read: see the rows to fix",
    "lines_not_read": "Lines {lines} not read: see the rows to fix",
    "line": "Line {line}", "lines": "Lines {first}\u2013{last}",
    "one_to_fix": "1 row to fix", "to_fix": "{n} entries to fix", "more_to_fix": "\u2026 and {n} more: fix these first.",
}
"""The team page's own words, with {placeholders} the page fills in (delivered in the "team-files" answer)."""


def team_quoted(text) -> str:
    """A value from the manager's file as a message quotes it: in plain quotes, as typed (Python's repr would show
    escapes, and double quotes for a value with an apostrophe in it)."""
    return f"'{text}'"


def team_lines(lines: list[int]) -> str:
    first, last = min(lines), max(lines)
    return f"line {first}" if first == last else f"lines {first}\u2013{last}"


def team_rows(n: int) -> str:
    return "1 row" if n == 1 else f"{n:,} rows"


def team_sessions_after(lines: list[int], on: date, latest: date) -> str:
    """Sessions dated after the as-of date: said once for the file, since one wrong as-of date (or an export that
    lists sessions booked ahead) puts every such row here."""
    return (f"{team_rows(len(lines))}, {team_lines(lines)}, give a session after the as-of date {long_date(on)} (the "
            f"latest on {long_date(latest)}): these rows were not read. If the as-of date is right, they are sessions "
            f"not held yet; if not, change the as-of date")


def team_role_unplaced(value: str, lines: list[int], suggested: str | None, policy: str) -> str:
    hint = f" (suggested: {suggested})" if suggested else ""
    return (f"{team_quoted(value)} on {team_rows(len(lines))}, {team_lines(lines)}: choose its {policy} role{hint}; "
            f"in a mapping file, add \"{value}\" = \"ROLE-ID\" under [roles]")


def team_role_not_in_policy(value: str, role: str, lines: list[int], policy: str) -> str:
    return (f"{team_quoted(value)} on {team_rows(len(lines))}, {team_lines(lines)}: the mapping gives {team_quoted(role)}, which is not "
            f"a role of {policy}: choose one of its roles")


def team_outcome_unknown(value: str, lines: list[int]) -> str:
    return (f"{team_quoted(value)} on {team_rows(len(lines))}, {team_lines(lines)}: say whether it means the session was held "
            f"or not; until then these rows are not counted as sessions (in a mapping file: \"{value}\" = "
            f"\"held\" or \"not-held\" under [outcomes])")


def team_policy_missing() -> str:
    return "choose the policy for the people in the file (it has no policy column)"


def team_summary_texts(summary: dict, in_time: int, computable: int, labels: dict) -> dict:
    """The summary's sentences under the counts: the in-timescale figure, what was not held, late and missed,
    and the rows not read."""
    percent = summary["in_time_percent"]
    texts = {
        "in_time": ("In timescale: no one whose dates can be worked out." if percent is None else
                    f"In timescale: {percent:.1f}% ({in_time:,} of {computable:,} whose dates can be worked out "
                    "are up to date or due soon)."),
        "counts": (f"{labels['not_held']}: {summary['not_held']:,} (cancelled, did not attend, postponed: not counted "
                   f"as sessions). {labels['late']}: {summary['late']:,}. {labels['missed']}: {summary['missed']:,}."),
        "rejected": (f"Rows not read: {summary['rejected_rows']:,} (see the rows to fix after the table)."
                     if summary["rejected_rows"] else ""),
    }
    return texts


def team_period(since: date | None, chosen: bool) -> str:
    if since is None:
        return "Missed and late sessions are counted from each person's start in post (the file has no session dates)."
    if chosen:
        return (f"Missed and late sessions are counted from {long_date(since)} (the period chosen), or from the "
                "start in post where that is later.")
    return (f"Missed and late sessions are counted from {long_date(since)}, the first session date in the file, "
            "or from the start in post where that is later.")


def team_since_label(label: str, since: date | None) -> str:
    """A count's column heading with the period it covers: 'Missed since 3 Jul 2024'."""
    return f"{label} since {since.day} {since:%b %Y}" if since else label


def team_heading(policy: str | None, file: str | None, on: date, period: str) -> str:
    """What the print and the export say the answer is: the policy, the file, the as-of date and the period."""
    parts = [f"Team check as of {long_date(on)}"]
    if policy:
        parts.append(f"policy: {policy}")
    if file:
        parts.append(f"file: {file}")
    return "; ".join(parts) + ". " + period


def team_filter_text(filters: list[tuple[str, str]], shown: int, total: int) -> str:
    """Which rows an export or a print holds: 'Showing Status = Overdue, Team = North (6 of 25 people).'"""
    if not filters:
        return f"Everyone ({total:,} people)."
    return "Showing " + ", ".join(f"{k} = {v}" for k, v in filters) + f" ({shown:,} of {total:,} people)."
# --- end of the team check ---
# ---------------------------------------------------------------- the schedule's sentences


SCHEDULE_MOVED_READING = (
    "A date that falls on a Saturday, a Sunday or an England and Wales bank holiday is moved to the "
    "working day before, so that it stays on or before the day it falls due (one that would then come "
    "before the schedule's first day goes to the next working day instead)."
)


def schedule_planned_reading(style: str) -> str:
    """How the sessions were planned: with a week's slack (the default) or on the latest day allowed."""
    if style == "latest":
        return ("Each session is planned for the day the next one falls due, counted from the session before it under "
                "the rule in force on that day (the stricter where several apply): the latest the policy allows. "
                "Holding a session earlier brings the ones after it forward: enter it and build the schedule again.")
    return ("Each session is planned a week before the day it falls due, counted from the session before it under "
            "the rule in force on that day (the stricter where several apply), so that a session that slips is not "
            "yet late. Where sessions are less than four weeks apart there is no room for a week's slack: they are "
            "planned on the day they fall due. Choose “on the latest day” to plan every session on its due date.")


def _weekday_date(day: date) -> str:
    return f"{day:%A} {long_date(day)}"


def schedule_note(planned_on: date, due: date, aimed: date | None, overdue_since: date | None) -> str | None:
    """Why an entry's date is not the day it falls due."""
    if overdue_since:
        return f"Overdue since {_weekday_date(overdue_since)}: planned for the schedule's first working day."
    if aimed is not None:
        return f"Falls due on {_weekday_date(due)}: planned a week before, to leave slack."
    if planned_on != due:
        where = "the working day before" if planned_on < due else "the next working day, the schedule's first"
        return f"Falls due on {_weekday_date(due)}: moved to {where}."
    return None


def schedule_shifts_reading(every: int) -> str:
    return (f"Supervision is also due every {every} shifts worked: the schedule cannot date shifts, so its dates "
            "are the role's date rules alone.")


def schedule_overdue_reading(due: date, begins: date) -> str:
    return (f"The next session was due by {long_date(due)}, before the schedule begins on {long_date(begins)}: it is "
            "planned for the schedule's first working day.")


def schedule_no_sessions(requirement: str) -> str:
    return "No session dates can be planned for this role: " + requirement


def schedule_recommended_reading(minimum: str) -> str:
    return ("Sessions are planned at the policy's recommended frequency, so none is later than the minimum allows. "
            f"The minimum: {minimum}")


def schedule_summary(sessions: int, duties: int, begins: date, until: date) -> str:
    return (f"{sessions} supervision session{'s' if sessions != 1 else ''} and {duties} other dated "
            f"dut{'ies' if duties != 1 else 'y'} from {_weekday_date(begins)} to {_weekday_date(until)}.")


def schedule_title(role: str, name: str | None) -> str:
    """The schedule's title, naming the supervisee where the supervisor gave a name."""
    return f"Supervision schedule: {name} ({role})" if name else f"Supervision schedule: {role}"


def calendar_entry_title(title: str, name: str | None) -> str:
    return f"{title}: {name}" if name else title
