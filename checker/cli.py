"""The command line: `policies`, `roles`, `rules`, `due` (DESIGN §4). Readable text, or JSON with --json.

Bad input exits with status 2 and one line on stderr beginning `error:` that names the field; never a
traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

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

    p = sub.add_parser("team", help="which of a team are overdue, from a CSV file (one row per session)")
    p.add_argument("--policy", help="policy for rows without a policy column")
    p.add_argument("file", metavar="FILE.csv", help="the team file (DESIGN §4: name, role, start, session, ...)")
    p.add_argument("--on", help="as-of date (default: today)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", action="store_true", help="one row per person, formula-safe")
    return parser


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
    else:
        _print_due(data)


def _team(args, today: date | None) -> int:
    """`team`: the result of every good row on stdout; one `error: line N: FIELD: message` per bad row."""
    from . import team

    try:
        with open(args.file, "rb") as f:
            data = f.read(team.MAX_BYTES + 1)
    except OSError as exc:
        raise CheckerError("file", f"{args.file} cannot be read ({exc.strerror or exc})") from None
    result = team.team(data, args.policy, args.on or (today or date.today()).isoformat())
    try:
        if args.json:
            json.dump(result, sys.stdout, indent=2, ensure_ascii=False)
            print()
        elif args.csv:
            sys.stdout.write(team.to_csv(result["people"]))
        else:
            _print_team(result)
        sys.stdout.flush()
    except BrokenPipeError:
        sys.stdout = None  # type: ignore[assignment]
    for note in result["notes"]:
        print(f"note: {note}", file=sys.stderr)
    for e in result["errors"]:
        print(f"error: line {e['line']}: {e['field']}: {e['message']}", file=sys.stderr)
    return 2 if result["errors"] else 0


def _print_team(result: dict) -> None:
    s = result["summary"]
    pct = "n/a" if s["in_time_percent"] is None else f"{s['in_time_percent']}%"
    print(f"Team check on {result['on']}: {s['people']} people; {s['overdue']} overdue, {s['due-soon']} due soon, "
          f"{s['ok']} up to date, {s['not-computable']} not computable; in timescale: {pct}")
    if s["rejected_rows"]:
        print(f"Rows not read: {s['rejected_rows']} (see the errors)")
    width = max([4] + [len(p["name"]) for p in result["people"]])
    sw = max([6] + [len(p["status_text"]) for p in result["people"]])
    for p in result["people"]:
        flag = f"  (line {', '.join(map(str, p['rejected_lines']))} not read)" if p["rejected_lines"] else ""
        print(f"{p['status_text']:<{sw}}  {p['name']:<{width}}  {p['policy']}/{p['role']}  next due {p['next_due'] or '-':<10}"
              f"  last {p['last_session'] or '-':<10}  sessions {p['sessions']:>3}  missed {p['missed']:>3}"
              f"  [{_cites(p['citations'])}]{flag}")


def main(argv: list[str] | None = None, today: date | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "policies":
            data = api.policies()
        elif args.command == "roles":
            data = api.roles(args.policy)
        elif args.command == "rules":
            data = api.rules(args.policy)
        elif args.command == "team":
            return _team(args, today)
        else:
            params = {k.replace("_", "-"): v for k, v in vars(args).items()}
            params["on"] = args.on or (today or date.today()).isoformat()
            data = api.due(params)
    except CheckerError as exc:
        print(f"error: {exc.field}: {exc.message}", file=sys.stderr)
        return 2
    try:
        if args.json:
            json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
            print()
        else:
            _print_text(args.command, data)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `| head`: the reader has gone, which is not an error of ours
        sys.stdout = None  # type: ignore[assignment]  (no second flush at exit)
    return 0
