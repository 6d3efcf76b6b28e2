"""The one module that the command line and the browser both call: plain JSON-able dicts in and out.

Input names are the CLI's and the URL's (`policy`, `role`, `start`, `session`, `on`, `new-starter`, …),
so a link, a command and a test all describe a case the same way.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from .citations import anchor_for, link
from .dates import Interval, bank_holidays, parse_date
from .engine import Case, check
from .errors import CheckerError
from .models import FACTS, Requirement
from .ruledata import load, load_all

FACT_FLAGS = tuple(FACTS)


def _citation(c: dict) -> dict:
    return {**c, "anchor": anchor_for(c["section"]), "href": link(c["policy"], c["section"])}


def _jsonable(value: Any) -> Any:
    """Dates as ISO strings, citations with their anchors and links."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        if set(value) == {"policy", "section"}:
            return _citation(value)
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    return value


def policies() -> list[dict]:
    return [
        {**r.policy.model_dump(), "href": f"policies/{r.policy.id}/",
         "roles": len(r.roles), "requirements": len(r.requirements)}
        for r in load_all()
    ]


def roles(policy: str) -> list[dict]:
    rules = load(policy)
    return [
        {"id": role.id, "name": role.name, "subject": role.subject, "facts": role.facts,
         "citations": [_citation({"policy": policy, "section": s}) for s in role.sections],
         "fact_labels": {f: FACTS[f] for f in role.facts}}
        for role in rules.roles
    ]


def requirement_dict(policy: str, req: Requirement) -> dict:
    data = req.model_dump(by_alias=True, exclude_none=True)
    data["policy"] = policy
    data["citations"] = [_citation({"policy": policy, "section": s}) for s in [req.section, *req.also_cites]]
    return data


def rules(policy: str | None = None) -> list[dict]:
    chosen = [load(policy)] if policy else load_all()
    return [requirement_dict(r.policy.id, req) for r in chosen for req in r.requirements]


def _truthy(value: Any) -> bool:
    return value not in (None, False, "", "0", "false", "no", "off")


def case_from(params: dict) -> Case:
    """Build a case from CLI/URL-style names; every error names its field."""
    for name in ("policy", "role", "start"):
        if not params.get(name):
            raise CheckerError(name, "is required")
    sessions = params.get("session") or []
    if isinstance(sessions, str):
        sessions = [sessions]
    days = []
    for entry in sessions:
        for piece in str(entry).replace(";", ",").split(","):
            if piece.strip():
                days.append(parse_date(piece.strip(), "session"))
    on = params.get("on")
    if not on:
        raise CheckerError("on", "is required (the as-of date; the command line defaults it to today)")
    shifts = params.get("shifts")
    if shifts not in (None, ""):
        try:
            shifts = int(shifts)
        except (TypeError, ValueError):
            raise CheckerError("shifts", f"{shifts!r} is not a whole number of shifts") from None
    else:
        shifts = None
    agreed = params.get("agreed-every")
    if agreed:
        try:
            agreed = Interval.parse(str(agreed))
        except ValueError:
            raise CheckerError("agreed-every", f"{agreed!r} is not a frequency such as '6 weeks' or '2 months'") from None
    changed = params.get("supervisor-changed")
    return Case(
        policy=str(params["policy"]),
        role=str(params["role"]),
        start=parse_date(str(params["start"]), "start"),
        on=parse_date(str(on), "on"),
        sessions=tuple(days),
        facts=frozenset(f for f in FACT_FLAGS if _truthy(params.get(f))),
        supervisor_changed_on=parse_date(str(changed), "supervisor-changed") if changed else None,
        shifts_since_last=shifts,
        agreed_every=agreed or None,
    )


def due(params: dict) -> dict:
    case = case_from(params)
    result = asdict(check(case))
    rules = load(case.policy)
    role = next(r for r in rules.roles if r.id == case.role)
    result["policy"] = {"id": rules.policy.id, "name": rules.policy.name, "authority": rules.policy.authority}
    result["role"] = {"id": role.id, "name": role.name, "subject": role.subject}
    result["case"] = {"start": case.start, "on": case.on, "sessions": sorted(case.sessions),
                      "facts": sorted(case.facts)}
    result["ambiguities"] = rules.policy.ambiguities
    return _jsonable(result)


def schedule(params: dict) -> dict:
    """`due`'s case plus `from` (default: the last session, else the start) and `months` (default 12)."""
    from . import schedule as planner

    months = params.get("months")
    if months not in (None, ""):
        try:
            months = int(str(months).strip())
        except ValueError:
            raise CheckerError("months", f"{months!r} is not a whole number of months") from None
    else:
        months = None
    start = params.get("from")
    start = parse_date(str(start), "from") if start else None
    case = case_from({**params, "on": params.get("on") or params.get("start")})
    plan = planner.plan(case, start, months)
    rules = load(case.policy)
    role = next(r for r in rules.roles if r.id == case.role)
    plan["policy"] = {"id": rules.policy.id, "name": rules.policy.name, "authority": rules.policy.authority}
    plan["role"] = {"id": role.id, "name": role.name, "subject": role.subject}
    plan["case"] = {"start": case.start, "sessions": sorted(case.sessions), "facts": sorted(case.facts),
                    "supervisor-changed": case.supervisor_changed_on, "agreed-every": params.get("agreed-every") or None}
    return _jsonable(plan)


def schedule_ics(params: dict) -> dict:
    """The schedule as an iCalendar file: {filename, text}. Needs the `icalendar` package (loaded on demand)."""
    from .calendar_file import ics

    plan = schedule(params)
    return ics(plan, base_url=str(params.get("base-url") or ""), stamp=params.get("stamp"))


def calendar() -> dict:
    holidays = bank_holidays()
    return {"from": holidays.first.isoformat(), "to": holidays.last.isoformat(), "source": holidays.source}


def call(command: str, params: dict | None = None) -> dict:
    """The browser's entry point: never raises; an error comes back as {'error': {'field', 'message'}}."""
    params = params or {}
    try:
        if command == "policies":
            return {"ok": policies()}
        if command == "roles":
            return {"ok": roles(str(params.get("policy", "")))}
        if command == "rules":
            return {"ok": rules(params.get("policy"))}
        if command == "due":
            return {"ok": due(params)}
        if command == "schedule":
            return {"ok": schedule(params)}
        if command == "schedule-ics":
            return {"ok": schedule_ics(params)}
        if command == "calendar":
            return {"ok": calendar()}
        return {"error": {"field": "command", "message": f"unknown command {command!r}"}}
    except CheckerError as exc:
        return {"error": {"field": exc.field, "message": exc.message}}
