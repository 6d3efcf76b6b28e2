"""The one module that the command line and the browser both call: plain JSON-able dicts in and out, made
once here from the engine's typed results.

Input names are the CLI's and the URL's (`policy`, `role`, `start`, `session`, `on`, `new-starter`,
`done`, …), so a link, a command and a test all describe a case the same way. Standard library only.
"""

from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from . import vocabulary, wording
from .forms import form, missing, yes
from .dates import bank_holidays, parse_date, parse_frequency
from .engine import Case, Note, Obligation, Result, Status, check
from .errors import CheckerError
from .inputs import echo, parse_whole_number
from .vocabulary import DUTY_KINDS, MAX_SHIFTS, MONTHS_MAX
from .rulebook import PolicyRules, fact_ids, policy_ids, policy_infos, policy_rules, rulebook


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def policies() -> list[dict]:
    return policy_infos()


def roles(policy: str) -> list[dict]:
    return [role.record for role in policy_rules(_policy_id(policy)).roles]


def rules(policy: str | None = None) -> list[dict]:
    chosen = [policy_rules(_policy_id(policy))] if policy is not None else rulebook().values()
    return [req.record for r in chosen for req in r.requirements]


def words() -> dict:
    """Every word the pages draw (status words, duty names, field names) and the vocabulary they stand for
    (checker/vocabulary.py: status order and tones, which kinds can be marked done, defaults, limits)."""
    return {"status": wording.STATUS_WORDS, "kinds": wording.KIND_NAMES, "fields": wording.FIELD_NAMES,
            "vocabulary": vocabulary.record()}


def _plain(value: Any) -> Any:
    """A plan's dates as ISO strings, for JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def schedule(params: dict) -> dict:
    """`due`'s case plus `from` (default: the last session, else the start) and `months` (default 12)."""
    from . import schedule as planner

    months = params.get("months")
    if months not in (None, ""):
        try:
            months = parse_whole_number(months, "months", MONTHS_MAX, "months")
        except CheckerError:
            months = -1  # the planner says what is allowed, naming the field
    start = params.get("from")
    start = parse_date(start, "from") if start not in (None, "") else None
    rules = policy_rules(_policy_id(params.get("policy")))
    case = case_from({**params, "on": params.get("on") or params.get("start")}, rules)
    style = str(params.get("plan") or vocabulary.PLAN_STYLES[0]).strip()
    plan = planner.plan(rules, case, start, months, style)
    role = rules.role(case.role)
    name = _name(params.get("name"))
    plan["name"] = name
    plan["title"] = wording.schedule_title(role.name, name)
    plan["time"] = _time(params.get("time"))
    length = params.get("length")
    if length not in (None, ""):
        plan["length"] = parse_whole_number(length, "length", 24 * 60, "minutes") or plan["length"]
    plan["policy"] = {k: rules.info[k] for k in ("id", "name", "short", "authority")}
    plan["role"] = {"id": role.id, "name": role.name, "subject": role.subject}
    plan["case"] = {"start": case.start, "sessions": sorted(case.sessions), "facts": sorted(case.facts),
                    "supervisor-changed": case.supervisor_changed_on, "agreed-every": params.get("agreed-every") or None}
    return _plain(plan)


def _name(value: Any) -> str | None:
    """The supervisee's name: kept in the page and the calendar file (never in a link), one short line."""
    text = " ".join(str(value or "").split())
    if len(text) > 80:
        raise CheckerError("name", f"{echo(text)} is longer than 80 characters: give the name as you would write it")
    if any(not c.isprintable() for c in text):
        raise CheckerError("name", f"{echo(text)} has a character that cannot be printed")
    return text or None


def _time(value: Any) -> str | None:
    """A session's time of day, 24-hour HH:MM (10:00, 9:30, 14.15)."""
    text = str(value or "").strip()
    if not text:
        return None
    match = re.fullmatch(r"([01]?[0-9]|2[0-3])[:.]([0-5][0-9])", text)
    if not match:
        raise CheckerError("time", f"{echo(text)} is not a time of day: write it like 10:00 or 14:30")
    return f"{int(match[1]):02d}:{match[2]}"


def schedule_ics(params: dict) -> dict:
    """The schedule as an iCalendar file: {filename, text}. Needs the `icalendar` package (loaded on demand)."""
    try:
        from .calendar_file import ics
    except ImportError:  # the browser loads icalendar only when the file is asked for
        raise CheckerError("ics", "the calendar file needs the icalendar package, which is not loaded yet") from None

    plan = schedule(params)
    return ics(plan, base_url=str(params.get("base-url") or ""), stamp=params.get("stamp"))


def calendar() -> dict:
    holidays = bank_holidays()
    return {"from": holidays.first.isoformat(), "to": holidays.last.isoformat()}


# ---------------------------------------------------------------- a case from CLI / URL names


def _policy_id(value: Any) -> str:
    text = str(value if value is not None else "").strip()
    if not text:
        raise CheckerError("policy", f"choose a policy: one of {', '.join(policy_ids())}")
    return text


def _entries(value: Any) -> list:
    """One entry or a list of them, as a link, the CLI or a page gives dates."""
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _pieces(text: str) -> list[str]:
    """The dates in one typed entry, separated by commas, semicolons or new lines."""
    return [piece for piece in re.split(r"[,;\n]+", text) if piece.strip()]


def _dates(value: Any, field: str) -> list[date]:
    """One date, or several (a list, or separated by commas, semicolons or new lines)."""
    values = _entries(value)
    out = []
    for entry in values:
        if type(entry) is date:
            out.append(entry)
            continue
        text = str(entry if entry is not None else "")
        pieces = _pieces(text)
        if text.strip() and not pieces:  # ",,," is a slip, not "no sessions"
            raise CheckerError(field, f"{echo(text)} has no date in it: give dates such as 2024-03-05, separated by commas")
        out += [parse_date(piece, field) for piece in pieces]
    return out


def _done(value: Any) -> tuple[tuple[str, date], ...]:
    """`done` entries as KIND=DATE (a list, or comma-separated)."""
    values = value if isinstance(value, (list, tuple)) else [value]
    out = []
    for entry in values:
        for piece in str(entry if entry is not None else "").split(","):
            if not piece.strip():
                continue
            kind, sep, day = piece.partition("=")
            kind = kind.strip()
            if not sep or not kind:
                shown = piece.strip()[:40]
                raise CheckerError("done", f"“{shown}” is not a done duty: write it as KIND=DATE, e.g. agreement=2024-01-20")
            if kind not in DUTY_KINDS:
                raise CheckerError("done", f"“{kind[:40]}” is not a kind of duty; use one of: {', '.join(DUTY_KINDS)}")
            out.append((kind, parse_date(day, "done")))
    return tuple(out)


def case_from(params: dict, rules: PolicyRules) -> Case:
    """Build a case from CLI/URL-style names; every error names its field and quotes what was typed."""
    for name in ("role", "start"):
        if params.get(name) in (None, ""):
            raise CheckerError(name, "choose a role" if name == "role" else "enter the date started in this post")
    if params.get("on") in (None, ""):
        raise CheckerError("on", "enter the as-of date (the command line takes today when --on is left out)")
    shifts = params.get("shifts")
    agreed = params.get("agreed-every")
    changed = params.get("supervisor-changed")
    done = _done(params.get("done") or [])
    return Case(
        role=str(params["role"]).strip(),
        start=parse_date(params["start"], "start"),
        on=parse_date(params["on"], "on"),
        sessions=tuple(_dates(params.get("session") or [], "session")),
        facts=frozenset(f for f in fact_ids() if yes(params.get(f, ""))),
        supervisor_changed_on=parse_date(changed, "supervisor-changed") if changed not in (None, "") else None,
        shifts_since_last=parse_whole_number(shifts, "shifts", MAX_SHIFTS, "shifts") if shifts not in (None, "") else None,
        agreed_every=parse_frequency(agreed, "agreed-every") if agreed not in (None, "") else None,
        done=done,
        all_sessions=yes(params.get("all-sessions", "")),
        typed=_typed(params),
    )


def _typed(params: dict) -> tuple[tuple[date, str], ...]:
    """Each date as the person typed it (their words, for an error message), keyed by the date it reads as."""
    found = []
    texts = [params.get("start"), params.get("on"), params.get("supervisor-changed"), params.get("from")]
    for entry in _entries(params.get("session") or []):
        texts += _pieces(str(entry)) if not isinstance(entry, date) else []
    for entry in params.get("done") or []:
        texts += [piece.partition("=")[2] for piece in str(entry).split(",")]
    for text in texts:
        if isinstance(text, str) and text.strip():
            try:
                found.append((parse_date(text, "date"), text.strip()[:40]))
            except CheckerError:
                pass
    return tuple(found)


# ---------------------------------------------------------------- results as JSON


def _note(note: Note) -> dict:
    return {"text": note.text, "citations": list(note.citations)}


def _obligation(o: Obligation) -> dict:
    req = o.requirement
    return {
        "kind": o.kind, "name": wording.kind_name(o.kind), "due": _iso(o.due), "status": o.status.value,
        "tone": vocabulary.TONES[o.status],
        "status_text": wording.status_text(o.status.value), "summary": req.summary, "citations": list(req.citations),
        "reading": req.reading, "after": _iso(o.after), "done_on": _iso(o.done_on), "problem": o.problem,
        "id": req.id,
    }


def _history(result: Result) -> dict | None:
    """Over which sessions late and missed are counted, said; `asks`: whether the all-sessions question
    would change the answer (the page asks it only then)."""
    h = result.history
    if h is None:
        return None
    return {"since": _iso(h.since), "all_sessions": h.all_sessions, "asks": h.matters,
            "text": wording.history_text(h.since, h.all_sessions)}


def result_json(result: Result, rules: PolicyRules, case: Case) -> dict:
    role = rules.role(case.role)
    rec = result.recommended
    shifts = result.shifts
    return {
        "next_due": _iso(result.next_due),
        "status": result.status.value,
        "status_text": wording.status_text(result.status.value),
        "headline": result.headline,
        "tone": vocabulary.TONES[result.status],
        "action": wording.action_text(result.status.value, result.next_due, case.on, result.rhythm, result.rhythm_until),
        "requirement": result.requirement,
        "citations": result.citations,
        "last_session": _iso(result.last_session),
        "missed": [{"due": _iso(m.due), "next_due": _iso(m.next_due), "citations": list(m.citations),
                    "text": wording.missed_text(m.due, m.next_due)} for m in result.missed],
        "late": [{"due": _iso(x.due), "session": _iso(x.session), "days": x.days, "citations": list(x.citations),
                  "text": wording.late_text(x.due, x.session)} for x in result.late],
        "obligations": [_obligation(o) for o in result.obligations],
        "duties_text": wording.duties_text({s.value: sum(1 for o in result.obligations if o.status == s)
                                            for s in (Status.OVERDUE, Status.DUE_SOON, Status.NOT_RECORDED)}),
        "recommended": rec and {"next_due": _iso(rec.due), "status": rec.status.value,
                                "status_text": wording.status_text(rec.status.value), "requirement": rec.requirement,
                                "citations": list(rec.citations)},
        "shifts": shifts and {"every": shifts.every, "worked": shifts.worked, "left": max(shifts.every - shifts.worked, 0),
                              "status": shifts.status.value, "status_text": wording.status_text(shifts.status.value),
                              "text": wording.shifts_headline(shifts.every, shifts.worked),
                              "citations": list(shifts.citations)},
        "history": _history(result),
        "ask": ["all-sessions"] if result.history and result.history.matters else [],
        "readings": [_note(n) for n in result.readings],
        "notices": [_note(n) for n in result.notices],
        "not_computable": [{"id": r.id, "summary": r.summary, "why_not": r.why_not, "citations": list(r.citations)}
                           for r in result.not_computable],
        "policy": {k: rules.info[k] for k in ("id", "name", "short", "authority")},
        "role": {"id": role.id, "name": role.name, "subject": role.subject},
        "case": {"start": _iso(case.start), "on": _iso(case.on), "sessions": [_iso(d) for d in sorted(set(case.sessions))],
                 "facts": sorted(case.facts), "done": [f"{k}={_iso(d)}" for k, d in case.done]},
    }


def due(params: dict) -> dict:
    rules = policy_rules(_policy_id(params.get("policy")))
    case = case_from(params, rules)
    return result_json(check(rules, case), rules, case)


COMMANDS = {
    "policies": lambda p: policies(),
    "roles": lambda p: roles(p.get("policy")),
    "rules": lambda p: rules(p.get("policy")),
    "due": due,
    "words": lambda p: words(),
    "form": form,
    "calendar": lambda p: calendar(),
}


def _team(params: dict) -> dict:
    """The page's team check: the file's bytes in `csv`, the manager's mapping, the period's first day."""
    from . import team
    return team.team(params.get("csv", ""), params.get("policy") or None, params.get("on"),
                     mapping=params.get("mapping") or None, since=params.get("from") or None,
                     sheet=params.get("sheet") or None, ask=True, remembered=params.get("remembered") or None,
                     file=params.get("file") or None)


def _team_csv(params: dict) -> dict:
    """The export of the rows shown: its first line says the answer and the filter that made it."""
    from . import team
    people = list(params.get("people") or [])
    filters = [(str(f[0]), str(f[1])) for f in params.get("filters") or []]
    heading = params.get("heading") or ""
    if heading or filters:
        heading = " ".join(x for x in (heading, wording.team_filter_text(filters, len(people), int(params.get("total") or len(people)))) if x)
    slug = "-".join(re.sub(r"[^a-z0-9]+", "-", v.casefold()).strip("-") for _, v in filters)[:60].strip("-")
    name = f"team-check-{params.get('on') or 'export'}" + (f"-{slug}" if slug else "") + ".csv"
    return {"csv": team.to_csv(people, heading or None), "filename": name}


def _team_filter(params: dict) -> dict:
    """The sentence the print puts under its heading: which rows it holds."""
    filters = [(str(f[0]), str(f[1])) for f in params.get("filters") or []]
    return {"text": wording.team_filter_text(filters, int(params.get("shown") or 0), int(params.get("total") or 0))}


def _team_mapping(params: dict) -> dict:
    """The mapping as the TOML file the page downloads and `team --mapping` reads."""
    from . import team_mapping
    return {"toml": team_mapping.to_toml(params.get("mapping") or {})}


def _team_files(params: dict) -> dict:
    from . import team
    return {"template": team.template(), "example": team.example(str(params.get("on") or "")),
            "statuses": [{"id": s, "text": t} for s, t in team.STATUS_TEXT.items()],
            "columns": [{"key": k, "label": label} for k, label in team.COLUMNS],
            "outcome_classes": [{"id": k, "text": t} for k, t in wording.OUTCOME_WORDS.items()],
            "max_bytes": team.MAX_BYTES, "max_rows": team.MAX_ROWS, "words": wording.TEAM_PAGE}


COMMANDS |= {"team": _team, "team-sheet": _team, "team-csv": _team_csv, "team-files": _team_files, "team-mapping": _team_mapping,
             "team-filter": _team_filter,
             "schedule": schedule, "schedule-ics": lambda p: schedule_ics(p)}
"""The team check (checker/team.py): the file's text or bytes in `csv` ("team-sheet" for a spreadsheet, for which
the browser first loads python-calamine); the export; the mapping file; the template and example."""


def call(command: str, params: dict | None = None) -> dict:
    """The browser's entry point: never raises; an error comes back as {'error': {'field', 'message'}}."""
    handler = COMMANDS.get(command)
    if handler is None:
        return {"error": {"field": "command", "message": f"unknown command {str(command)[:40]!r}"}}
    gaps = missing(params or {}) if command in ("due", "schedule") else []
    if len(gaps) > 1:  # every empty required field at once, as an error summary lists them
        return {"error": gaps[0], "errors": gaps}
    try:
        return {"ok": handler(params or {})}
    except CheckerError as exc:
        return {"error": {"field": exc.field, "message": exc.message}}


def call_json(command: str, params_json: str, name: str | None = None, data=None) -> str:
    """The browser's path: JSON text in and out, which crosses into JavaScript far faster than a converted
    dict. A file's bytes (the team check's CSV), which JSON cannot carry, come beside it as `data`, the
    parameter called `name`."""
    params = json.loads(params_json or "{}")
    if name is not None:
        params[name] = data
    return json.dumps(call(command, params), ensure_ascii=False)
