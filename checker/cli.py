"""The command line: `policies`, `roles`, `rules`, `due`, `schedule` (DESIGN §4). Readable text, or JSON with --json.

Bad input exits with status 2 and one line on stderr beginning `error:` that names the field; never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date, datetime, timezone

from . import api
from .errors import CheckerError
from .models import FACTS


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, status 2, as the interface promises
        raise CheckerError("arguments", message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m checker", description="Supervision frequency and due dates.")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    p = sub.add_parser("policies", help="the five policies")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("roles", help="the roles a policy names")
    p.add_argument("--policy", required=True)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("rules", help="every time-bound requirement, encoded or not")
    p.add_argument("--policy")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("due", help="next due date, status and every obligation of one case")
    p.add_argument("--policy", required=True)
    p.add_argument("--role", required=True)
    p.add_argument("--start", required=True, help="date started in the current post, YYYY-MM-DD")
    p.add_argument("--session", action="append", default=[], help="a past supervision date (repeat, or comma-separated)")
    p.add_argument("--on", help="as-of date (default: today)")
    for fact, text in FACTS.items():
        p.add_argument(f"--{fact}", action="store_true", help=text)
    p.add_argument("--supervisor-changed", help="date the supervisor changed, YYYY-MM-DD")
    p.add_argument("--shifts", help="shifts worked since the last supervision")
    p.add_argument("--agreed-every", help="frequency agreed in the supervision contract, e.g. '6 weeks'")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("schedule", help="a schedule of sessions and every dated duty, as text, JSON or a calendar file")
    _case_arguments(p)
    p.add_argument("--from", dest="from_", help="first day of the schedule (default: the last session, else the start)")
    p.add_argument("--months", help="months the schedule covers, 1 to 24 (default 12)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--ics", action="store_true", help="write an iCalendar (.ics) file to standard output")
    p.add_argument("--base-url", help="the handbook's address, for full paragraph links in the calendar file")
    return parser


def _case_arguments(p: argparse.ArgumentParser) -> None:
    """The case as `due` takes it (a schedule has no as-of date)."""
    p.add_argument("--policy", required=True)
    p.add_argument("--role", required=True)
    p.add_argument("--start", required=True, help="date started in the current post, YYYY-MM-DD")
    p.add_argument("--session", action="append", default=[], help="a past supervision date (repeat, or comma-separated)")
    for fact, text in FACTS.items():
        p.add_argument(f"--{fact}", action="store_true", help=text)
    p.add_argument("--supervisor-changed", help="date the supervisor changed, YYYY-MM-DD")
    p.add_argument("--shifts", help="shifts worked since the last supervision")
    p.add_argument("--agreed-every", help="frequency agreed in the supervision contract, e.g. '6 weeks'")


def _cites(citations: list[dict]) -> str:
    return ", ".join(f"{c['policy']} {c['section']}" for c in citations)


def _print_due(result: dict) -> None:
    print(f"{result['policy']['name']} — {result['role']['name']}")
    print(f"Status on {result['case']['on']}: {result['status'].upper()}")
    print(f"Next due: {result['next_due'] or 'not computable'}")
    print(f"Requirement: {result['requirement']}  [{_cites(result['citations'])}]")
    if result.get("recommended"):
        rec = result["recommended"]
        print(f"Recommended: {rec['next_due']} — {rec['requirement']}  [{_cites(rec['citations'])}]")
    if result.get("shifts"):
        s = result["shifts"]
        print(f"Shifts: {s['worked']} worked since the last supervision; due every {s['every']}")
    if result["missed"]:
        print("Missed:")
        for m in result["missed"]:
            print(f"  {m['due']}  [{_cites(m['citations'])}]")
    if result["obligations"]:
        print("Other dated duties (status as if not yet done):")
        for o in result["obligations"]:
            print(f"  {o['due']}  {o['kind']:<22} {o['status']:<9} {o['summary']}  [{_cites(o['citations'])}]")
    for r in result["readings"]:
        print(f"Reading: {r['text']}  [{_cites(r['citations'])}]")
    for n in result["not_computable"]:
        print(f"Not computable: {n['summary']} — {n['why_not']}  [{_cites(n['citations'])}]")
    if result.get("facts_ignored"):
        print(f"Ignored (do not change the rules for this role): {', '.join(result['facts_ignored'])}")


def _print_schedule(plan: dict) -> None:
    print(f"{plan['policy']['name']} — {plan['role']['name']}")
    print(f"Schedule from {plan['from']} to {plan['until']}: {plan['sessions_planned']} sessions planned")
    print(f"Requirement: {plan['requirement']}  [{_cites(plan['citations'])}]")
    month = None
    for e in plan["events"]:
        if e["date"][:7] != month:
            month = e["date"][:7]
            print(f"\n{date.fromisoformat(e['date']):%B %Y}")
        moved = f" (falls due {e['due']})" if e["due"] != e["date"] else ""
        print(f"  {e['date']}  {e['title']}{moved}  [{_cites(e['citations'])}]")
    print()
    for r in plan["readings"]:
        print(f"Reading: {r['text']}" + (f"  [{_cites(r['citations'])}]" if r["citations"] else ""))
    for n in plan["not_computable"]:
        print(f"Not computable: {n['summary']} — {n['why_not']}  [{_cites(n['citations'])}]")


def _print_text(command: str, data) -> None:
    if command == "policies":
        for p in data:
            print(f"{p['id']:<22} {p['name']} ({p['authority']}); version: {p['version']}; review: {p['review']}")
    elif command == "roles":
        for r in data:
            print(f"{r['id']:<40} {r['name']}  [{_cites(r['citations'])}]")
    elif command == "rules":
        for r in data:
            mark = "computable" if r["computable"] else f"not computable: {r['why_not']}"
            print(f"{r['policy']} {r['section']:<11} {r['kind']:<22} {r['summary']} ({mark})")
    elif command == "schedule":
        _print_schedule(data)
    else:
        _print_due(data)


def main(argv: list[str] | None = None, today: date | None = None, now: datetime | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "policies":
            data = api.policies()
        elif args.command == "roles":
            data = api.roles(args.policy)
        elif args.command == "rules":
            data = api.rules(args.policy)
        elif args.command == "schedule":
            params = {k.rstrip("_").replace("_", "-"): v for k, v in vars(args).items()}
            if args.ics:
                stamp = (now or datetime.now(timezone.utc)).isoformat()
                data = api.schedule_ics({**params, "stamp": stamp})
            else:
                data = api.schedule(params)
        else:
            params = {k.replace("_", "-"): v for k, v in vars(args).items()}
            params["on"] = args.on or (today or date.today()).isoformat()
            data = api.due(params)
    except CheckerError as exc:
        print(f"error: {exc.field}: {exc.message}", file=sys.stderr)
        return 2
    try:
        if getattr(args, "ics", False):
            sys.stdout.write(data["text"])
            if not args.base_url:
                print(f"note: the paragraph links in the file are relative; give --base-url for full links",
                      file=sys.stderr)
        elif args.json:
            json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
            print()
        else:
            _print_text(args.command, data)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `| head`: the reader has gone, which is not an error of ours
        sys.stdout = None  # type: ignore[assignment]  (no second flush at exit)
    return 0
