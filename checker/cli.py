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
from . import wording
from .errors import CheckerError
from .rulebook import fact_ids, rulebook


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
    for fact in fact_ids():
        asked = "; ".join(f"{r.short}: {r.facts[fact]['question']}" for r in rulebook().values() if fact in r.facts)
        p.add_argument(f"--{fact}", action="store_true", help=asked.replace("%", "%%"))
    p.add_argument("--supervisor-changed", help="date the supervisor changed, YYYY-MM-DD")
    p.add_argument("--shifts", help="shifts worked since the last supervision")
    p.add_argument("--agreed-every", help="frequency agreed in the supervision contract, e.g. '6 weeks'")
    p.add_argument("--done", action="append", default=[], metavar="KIND=DATE",
                   help="a duty already done, e.g. agreement=2024-01-20 (repeatable)")
    p.add_argument("--json", action="store_true")
    return parser


def _cites(citations: list[dict]) -> str:
    return ", ".join(f"{c['policy']} {c['section']}" for c in citations)


def _print_due(result: dict) -> None:
    print(f"{result['policy']['name']} — {result['role']['name']}")
    print(f"Status on {result['case']['on']}: {result['status'].upper()} ({result['status_text']})")
    print(f"Next due: {result['next_due'] or 'not computable'}")
    print(result["headline"])
    print(f"Requirement: {result['requirement']}  [{_cites(result['citations'])}]")
    if result.get("recommended"):
        rec = result["recommended"]
        print(f"Recommended: {rec['next_due']} ({rec['status_text']}) — {rec['requirement']}  [{_cites(rec['citations'])}]")
    if result.get("shifts"):
        print(f"Shifts: {result['shifts']['text']}")
    for notice in result["notices"]:
        print(f"Note: {notice['text']}")
    if result["late"]:
        print("Late:")
        for m in result["late"]:
            print(f"  {m['due']}  held {m['session']}, {m['days']} days late  [{_cites(m['citations'])}]")
    if result["missed"]:
        print("Missed:")
        for m in result["missed"]:
            print(f"  {m['due']}  [{_cites(m['citations'])}]")
    if result["obligations"]:
        print("Other dated duties:")
        for o in result["obligations"]:
            print(f"  {o['due'] or '—':<10}  {o['kind']:<22} {o['status']:<9} {o['summary']}  [{_cites(o['citations'])}]")
            if o["problem"]:
                print(f"              {o['problem']}")
    for r in result["readings"]:
        print(f"Reading: {r['text']}  [{_cites(r['citations'])}]")
    for n in result["not_computable"]:
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
    else:
        _print_due(data)


def main(argv: list[str] | None = None, today: date | None = None) -> int:
    try:
        args = _parser().parse_args(argv)
        if args.command == "policies":
            data = api.policies()
        elif args.command == "roles":
            data = api.roles(args.policy)
        elif args.command == "rules":
            data = api.rules(args.policy)
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
