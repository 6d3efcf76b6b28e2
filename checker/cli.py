"""The command line: `policies`, `roles`, `rules`, `due`, `team`, `schedule` (CONTRIBUTING.md, "Interfaces").
Readable text, or JSON with --json.

Bad input exits with status 2 and one line on stderr beginning `error:` that names the field; never a
traceback. The same holds when the answer cannot be written (standard output closed, a full disk): status
2 and one `error: output:` line. Characters the terminal's encoding lacks (PYTHONIOENCODING=ascii) are
written as their nearest ASCII ("—" as "-") or as a \\u escape, never as a crash.
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
from datetime import date, datetime, timezone

from . import api
from .errors import CheckerError
from .inputs import echo
from .rulebook import fact_ids, rulebook
from .vocabulary import PLAN_STYLES

ERROR_CHARS = 300  # the longest error line; user input in it is already cut short by inputs.echo
_ASCII = {"\u2014": "-", "\u2013": "-", "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
          "\u2026": "...", "\u00a0": " ", "\u00d7": "x", "\u2192": "->", "\u2713": "v", "\u2715": "x"}


def _nearest_ascii(exc: UnicodeEncodeError):
    """Codec error handler: typographic punctuation as plain ASCII, anything else as a \\u escape."""
    bad = exc.object[exc.start:exc.end]
    return "".join(_ASCII.get(c) or c.encode("ascii", "backslashreplace").decode("ascii") for c in bad), exc.end


codecs.register_error("checker-nearest-ascii", _nearest_ascii)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str):  # one line, status 2, as the interface promises
        raise CheckerError("arguments", message)

    def _get_values(self, action, arg_strings):
        # An option given with nothing in it (`--on ""`, `--policy ""`) is a mistake, not "leave it out":
        # `--on ""` would silently mean today and `rules --policy ""` every policy.
        if arg_strings and action.option_strings and not action.choices and not "".join(arg_strings).strip():
            name = action.option_strings[0].lstrip("-")
            raise CheckerError(name, f"is empty: give a value, or leave {action.option_strings[0]} out")
        return super()._get_values(action, arg_strings)


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
    _case_arguments(p)
    p.add_argument("--on", help="as-of date (default: today)")
    p.add_argument("--done", action="append", default=[], metavar="KIND=DATE",
                   help="a duty already done, e.g. agreement=2024-01-20 (repeatable)")
    p.add_argument("--all-sessions", action="store_true",
                   help="the sessions given are all of them since the start in post: count late and missed from "
                        "the start (default: from the first session given)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("team", help="which of a team are overdue, from a CSV, .xlsx or .ods export (one row per session)")
    p.add_argument("--policy", help="policy for rows without a policy column")
    p.add_argument("file", metavar="FILE", help="the team file, .csv, .xlsx or .ods (see CONTRIBUTING.md: name, role, start, session, ...)")
    p.add_argument("--on", help="as-of date (default: today)")
    p.add_argument("--mapping", metavar="MAPPING.toml",
                   help="what the file's columns, job titles and outcomes mean ([columns], [roles], [outcomes])")
    p.add_argument("--from", dest="from_", metavar="DATE",
                   help="count missed and late sessions from this date (default: the first session date in the file)")
    p.add_argument("--sheet", help="the sheet of a workbook to read (default: the first)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--csv", action="store_true", help="one row per person, formula-safe")

    p = sub.add_parser("schedule", help="a schedule of sessions and every dated duty, as text, JSON or a calendar file")
    _case_arguments(p)
    p.add_argument("--from", dest="from_", help="first day of the schedule (default: the last session, else the start)")
    p.add_argument("--months", help="months the schedule covers, 1 to 24 (default 12)")
    out = p.add_mutually_exclusive_group()
    out.add_argument("--json", action="store_true")
    out.add_argument("--ics", action="store_true", help="write an iCalendar (.ics) file to standard output")
    p.add_argument("--base-url", help="the handbook's address, for full paragraph links in the calendar file")
    p.add_argument("--plan", choices=PLAN_STYLES, default=PLAN_STYLES[0],
                   help="slack: each session a week before it falls due where the rule allows (default); "
                        "latest: on the latest day the rule allows")
    p.add_argument("--name", help="the supervisee's name, for the titles and the calendar file")
    p.add_argument("--time", help="time of each session, e.g. 10:00 (default: all-day entries)")
    p.add_argument("--length", help="length of each session in minutes (default: the policy's minimum, where it gives one)")
    return parser


def _case_arguments(p: argparse.ArgumentParser) -> None:
    """The case as `due` takes it (a schedule has no as-of date)."""
    p.add_argument("--policy", required=True)
    p.add_argument("--role", required=True)
    p.add_argument("--start", required=True, help="date started in the current post, YYYY-MM-DD")
    p.add_argument("--session", action="append", default=[], help="a past supervision date (repeat, or comma-separated)")
    for fact in fact_ids():  # each policy's own question for the fact, from the rulebook
        asked = "; ".join(f"{r.short}: {r.facts[fact]['question']}" for r in rulebook().values() if fact in r.facts)
        p.add_argument(f"--{fact}", action="store_true", help=asked.replace("%", "%%"))
    p.add_argument("--supervisor-changed", help="date the supervisor changed, YYYY-MM-DD")
    p.add_argument("--shifts", help="shifts worked since the last supervision")
    p.add_argument("--agreed-every", help="frequency agreed in the supervision contract, e.g. '6 weeks'")


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
    if result.get("history"):
        print(f"History: {result['history']['text']}")
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


def _print_schedule(plan: dict) -> None:
    print(f"{plan['title']} — {plan['policy']['name']}")
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


def _team(args, today: date | None) -> int:
    """`team`: the result of every good row on stdout; one `error: line N: FIELD: message` per bad row."""
    from . import team

    try:
        with open(args.file, "rb") as f:
            data = f.read(team.MAX_BYTES + 1)
    except OSError as exc:
        raise CheckerError("file", f"{args.file} cannot be read ({exc.strerror or exc})") from None
    mapping = None
    if args.mapping:
        from .team_mapping import from_toml
        try:
            with open(args.mapping, "rb") as f:
                mapping = from_toml(f.read(1_000_000).decode("utf-8-sig"))
        except OSError as exc:
            raise CheckerError("mapping", f"{args.mapping} cannot be read ({exc.strerror or exc})") from None
        except UnicodeDecodeError:
            raise CheckerError("mapping", f"{args.mapping} is not UTF-8 text") from None
    try:
        result = team.team(data, args.policy, args.on or (today or date.today()).isoformat(), mapping=mapping,
                           since=args.from_, sheet=args.sheet)
    except CheckerError as exc:
        if exc.field == "policy" and not args.policy:  # the core's words are the page's; the flag is ours
            raise CheckerError("policy", f"{exc.message} (--policy ID)") from None
        raise
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
        _drop_stdout()
    except (OSError, ValueError) as exc:  # a full disk, a closed stream: as for every other command
        _drop_stdout()
        return _error("output", f"the answer could not be written: {getattr(exc, 'strerror', None) or exc}")
    for note in result["notes"]:
        print(_one_line(f"note: {note}"), file=sys.stderr)
    for e in result["errors"]:
        print(_one_line(f"error: line {e['line']}: {e['field']}: {e['message']}"), file=sys.stderr)
    return 2 if result["errors"] else 0


def _print_team(result: dict) -> None:
    s = result["summary"]
    pct = "n/a" if s["in_time_percent"] is None else f"{s['in_time_percent']}%"
    print(f"Team check on {result['on']}: {s['people']} people; {s['overdue']} overdue, {s['due-soon']} due soon, "
          f"{s['ok']} up to date, {s['not-computable']} not computable; in timescale: {pct}")
    if s["rejected_rows"]:
        print(f"Rows not read: {s['rejected_rows']} (see the errors)")
    if s["not_held"]:
        print(f"Sessions not held (cancelled, did not attend, ...): {s['not_held']}")
    width = max([4] + [len(p["name"]) + len(p.get("employee_id") or "") + 3 for p in result["people"]])
    sw = max([6] + [len(p["status_text"]) for p in result["people"]])
    for p in result["people"]:
        flag = f"  (line {', '.join(map(str, p['rejected_lines']))} not read)" if p["rejected_lines"] else ""
        ident = f" ({p['employee_id']})" if p.get("employee_id") else ""
        print(f"{p['status_text']:<{sw}}  {p['name'] + ident:<{width}}  {p['policy']}/{p['role']}  next due {p['next_due'] or '-':<10}"
              f"  last {p['last_session'] or '-':<10}  sessions {p['sessions']:>3}  not held {p['not_held']:>2}"
              f"  late {p['late']:>3}  missed {p['missed']:>3}  [{_cites(p['citations'])}]{flag}")
    print(result["period"]["text"])


def _one_line(text: str) -> str:
    """An error message on one printable line of at most ERROR_CHARS characters."""
    text = "".join(c if c.isprintable() else ascii(c)[1:-1] for c in text)
    return text if len(text) <= ERROR_CHARS else text[: ERROR_CHARS - 3] + "..."


def _error(field: str, message: str) -> int:
    if sys.stderr is not None:
        try:
            print(_one_line(f"error: {field}: {message}"), file=sys.stderr)
            sys.stderr.flush()
        except (OSError, ValueError):
            pass  # nowhere left to say it: the status says it
    return 2


def _tolerant_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        if stream is not None and hasattr(stream, "reconfigure"):
            try:
                stream.reconfigure(errors="checker-nearest-ascii")
            except (ValueError, OSError):
                pass


def _drop_stdout() -> None:
    """After a failed write: point file descriptor 1 at /dev/null, so Python's flush at exit does not fail
    a second time with a traceback of its own (the documented way, see the `signal` module's notes)."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        sys.stdout = None  # type: ignore[assignment]


def main(argv: list[str] | None = None, today: date | None = None, now: datetime | None = None) -> int:
    _tolerant_streams()
    try:
        try:
            args = _parser().parse_args(argv)
        except SystemExit as exc:  # --help: argparse printed it and asks to stop
            return exc.code if isinstance(exc.code, int) else 0
        if args.command == "policies":
            data = api.policies()
        elif args.command == "roles":
            data = api.roles(args.policy)
        elif args.command == "rules":
            data = api.rules(args.policy)
        elif args.command == "team":
            return _team(args, today)
        elif args.command == "schedule":
            params = {k.rstrip("_").replace("_", "-"): v for k, v in vars(args).items()}
            if args.ics:
                stamp = (now or datetime.now(timezone.utc)).isoformat()
                data = api.schedule_ics({**params, "stamp": stamp})
            else:
                data = api.schedule(params)
        else:
            params = {k.replace("_", "-"): v for k, v in vars(args).items()}
            params["on"] = args.on if args.on is not None else (today or date.today()).isoformat()
            data = api.due(params)
    except CheckerError as exc:
        return _error(exc.field, exc.message)
    except RecursionError:
        return _error("arguments", "too deeply nested to read")
    except Exception as exc:  # noqa: BLE001 - the last resort of the contract: never a traceback
        return _error("internal", f"{type(exc).__name__}: {echo(exc)} (a fault in the checker: please report it)")
    if sys.stdout is None:
        return _error("output", "standard output is closed, so the answer cannot be written")
    try:
        if getattr(args, "ics", False):
            sys.stdout.write(data["text"])
            if not args.base_url:
                print("note: the paragraph links in the file are relative; give --base-url for full links",
                      file=sys.stderr)
        elif args.json:
            json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
            print()
        else:
            _print_text(args.command, data)
        sys.stdout.flush()
    except BrokenPipeError:  # e.g. `| head`: the reader has gone, which is not an error of ours
        _drop_stdout()
    except (OSError, ValueError) as exc:  # a full disk (/dev/full), a closed or unwritable stream
        _drop_stdout()
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
        return _error("output", f"the answer could not be written: {reason}")
    return 0
