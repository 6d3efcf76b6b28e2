"""The team check (CONTRIBUTING.md, "The team file"): a spreadsheet export in, one row per person out.

Standard library only. The file is read with the `csv` module; each person's rows become one case, built
with `api.case_from` from the CLI's and the URL's names, and checked by the engine through one function
(`_assess`). Every bad row is reported by its line (the spreadsheet's row number; the header is line 1)
and field, and every other row is still checked.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from functools import lru_cache
from operator import itemgetter

from . import api
from .dates import bank_holidays, parse_date
from . import wording
from .engine import lean
from .rulebook import fact_ids, policy_rules
from .errors import CheckerError

MAX_BYTES = 20_000_000
MAX_ROWS = 50_000
"""Bounds on what one file may hold; rows past the limit are reported, not read."""

STATUS_TEXT = {s: wording.STATUS_WORDS[s] for s in ("overdue", "due-soon", "ok", "not-computable")}
"""The statuses in words (checker/wording.py), most urgent first: the order the table and the summary use."""

REQUIRED = ("name", "role", "start", "session")
PERSON_FIELDS = ("policy", "role", "start", "supervisor-changed", "shifts", "agreed-every")
"""Columns that describe the person rather than one session: the first value given stands."""
DATE_FIELDS = ("start", "session", "supervisor-changed")
_PERSON_KEYS = frozenset((*PERSON_FIELDS, *fact_ids()))
ALIASES = {
    "staffname": "name", "employee": "name", "employeename": "name", "worker": "name", "fullname": "name",
    "jobrole": "role", "jobtitle": "role",
    "startdate": "start", "datestarted": "start", "startedinpost": "start", "startdateinpost": "start",
    "sessiondate": "session", "supervisiondate": "session", "supervision": "session", "dateofsupervision": "session",
}
"""Header names case-management exports commonly use for the four required columns."""

COLUMNS = (("name", "Name"), ("policy", "Policy"), ("role", "Role"), ("status", "Status"), ("next_due", "Next due"),
           ("last_session", "Last session"), ("sessions", "Sessions"), ("missed", "Missed"),
           ("citations", "Paragraph"))
"""The result's columns and their labels: the table on the page and the exported CSV's header."""
CSV_HEADER = tuple(label for _, label in COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = {"yes", "y", "true", "1"}
FALSE_WORDS = {"no", "n", "false", "0", ""}
_UK_DATE = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_TIME_TAIL = re.compile(r"^(.*?\d)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")


def key(text: str) -> str:
    """A header name without regard to case, spaces, hyphens or underscores."""
    return re.sub(r"[\s\-_]+", "", text.strip().lstrip("\ufeff")).casefold()


def _words(text: str) -> str:
    """A policy's or role's name without regard to case, spaces or punctuation."""
    return re.sub(r"[\W_]+", "", text).casefold()


def status_text(status: str) -> str:
    return STATUS_TEXT.get(status, status)


# ---------------------------------------------------------------- reading the file


class FileError(CheckerError):
    """The whole file cannot be read (not text, no header, a required column missing)."""


def decode(data) -> tuple[str, list[str]]:
    """Text from the file's bytes: UTF-8 (with or without a byte-order mark), else Windows-1252 with a note."""
    if isinstance(data, str):
        return data.lstrip("\ufeff"), []
    if hasattr(data, "to_bytes"):  # a JavaScript typed array in Pyodide
        data = data.to_bytes()
    data = bytes(data)
    if len(data) > MAX_BYTES:
        raise FileError("file", f"the file is {len(data) / 1e6:.1f} MB; the team check reads files up to "
                                f"{MAX_BYTES // 1_000_000} MB: split it by team")
    if data.startswith(b"PK\x03\x04"):
        raise FileError("file", "this is an Excel workbook (.xlsx) or another zip file, not a CSV file: in Excel "
                                "choose File, Save As, and the type \"CSV UTF-8 (Comma delimited)\"")
    for bom, codec in ((b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(codec), ["The file is in UTF-16 (Excel's \"Unicode Text\"); it was read as such."]
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:65536]:
        raise FileError("file", "the file is not text (it holds binary data): save the spreadsheet as CSV")
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise FileError("file", "the file is not text in UTF-8 or Windows-1252: save the spreadsheet as "
                                "\"CSV UTF-8 (Comma delimited)\"") from None
    return text, ["The file is not UTF-8; it was read as Windows-1252 (what Excel's plain \"CSV\" writes). "
                  "Check that names with accents look right, or save it as \"CSV UTF-8\"."]


def _delimiter(first_line: str) -> tuple[str, list[str]]:
    if "," in first_line or not first_line:
        return ",", []
    for sep, name in ((";", "semicolons"), ("\t", "tabs")):
        if sep in first_line:
            return sep, [f"The columns are separated by {name}, not commas; they were read as such."]
    return ",", []


def read_rows(text: str) -> tuple[dict[str, int], list[tuple[int, list[str]]], list[dict], list[str]]:
    """The header's columns, the data rows with their line numbers, row errors past the limit, and notes."""
    first_line = text.split("\n", 1)[0]
    sep, notes = _delimiter(first_line)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep)
    try:
        header = next(reader, None)
        while header is not None and not any(cell.strip() for cell in header):
            header = next(reader, None)  # blank lines above the header
    except csv.Error as exc:
        raise FileError("file", f"the header row cannot be read as CSV ({exc})") from None
    if header is None:
        raise FileError("file", "the file is empty: it needs a header row (name, role, start, session) and a row per session")
    columns: dict[str, int] = {}
    unused = []
    duties = None
    for index, cell in enumerate(header):
        name = _column_name(cell)
        if name and name.startswith("done-"):
            duties = duties or sorted({r["kind"] for r in api.rules() if r["computable"]}
                                    - {"supervision", "supervision-floor", "case-record", "duration"})
            if name[5:] not in duties:
                notes.append(f"Column {cell.strip()!r} not used: {name[5:]!r} is not a duty the policies date "
                             f"(done- columns: {', '.join('done-' + d for d in duties)}).")
                continue
        if name is None:
            if cell.strip():
                unused.append(cell.strip())
            continue
        if name in columns:
            raise FileError(name, f"the column {cell.strip()!r} appears twice in the header")
        columns[name] = index
    missing = [c for c in REQUIRED if c not in columns]
    if missing:
        if not columns:
            raise FileError("file", "the first row is not a header: it needs the columns name, role, start and "
                                    "session (download the template)")
        raise FileError(missing[0], f"the required column {missing[0]!r} is missing from the header (found: "
                                    f"{', '.join(c.strip() for c in header if c.strip())})")
    if unused:
        notes.append(f"Columns not used: {', '.join(unused)}.")
    rows, errors = [], []
    line = 1
    try:
        for row in reader:
            line += 1
            if len(rows) >= MAX_ROWS:
                errors.append({"line": line, "field": "file", "message":
                               f"the team check reads at most {MAX_ROWS:,} rows: this row and those after it "
                               f"were not read (split the file by team)"})
                break
            if "".join(row).strip():
                rows.append((line, row))
    except csv.Error as exc:
        errors.append({"line": line + 1, "field": "file", "message": f"this row cannot be read as CSV ({exc}); "
                                                                    "the rows after it were not read"})
    return columns, rows, errors, notes


def _column_name(cell: str) -> str | None:
    k = key(cell)
    if k in ("name", "role", "start", "session", "policy"):
        return k
    for canonical in (*PERSON_FIELDS, *fact_ids()):
        if k == key(canonical):
            return canonical
    if k.startswith("done") and len(k) > 4:  # done-agreement, "Done agreement review", done_observation
        words = re.split(r"[\s\-_]+", cell.strip().lstrip("\ufeff").casefold()[4:].strip(" -_"))
        return "done-" + "-".join(w for w in words if w)
    return ALIASES.get(k)


# ---------------------------------------------------------------- cells


@lru_cache(maxsize=8192)  # a team file repeats each start date on every row of the person
def iso_date(text: str, field: str) -> str:
    """ISO (2024-01-08) or day first as UK spreadsheets write it (08/01/2024); a time of day is dropped."""
    t = text.strip()
    m = _TIME_TAIL.match(t)
    if m:
        t = m.group(1)
    uk = _UK_DATE.match(t)
    if uk:
        d, mth, y = uk.groups()
        if len(y) == 2:
            raise CheckerError(field, f"{text.strip()!r} has a two-digit year: write the year in full (08/01/2024)")
        try:
            return date(int(y), int(mth), int(d)).isoformat()
        except ValueError:
            raise CheckerError(field, f"{text.strip()!r} is not a real date (dates are read day first, as "
                                      f"31/01/2024)") from None
    return parse_date(t, field).isoformat()


def _yes_no(text: str, field: str) -> bool:
    word = text.strip().casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise CheckerError(field, f"{text.strip()!r} is not yes or no (write yes, no, true, false, 1, 0, or leave it blank)")


def _safe(cell) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# ---------------------------------------------------------------- policies and roles


class _Lookup:
    """Policies by id or name, and each policy's roles by id or name, loosely matched; cached per file."""

    def __init__(self):
        self.policies = {}
        for p in api.policies():
            for word in (p["id"], p["name"], p["authority"]):
                self.policies.setdefault(_words(word), p["id"])
        self.roles: dict[str, dict] = {}
        self.seen: dict = {}

    def policy(self, text: str) -> str:
        if text in self.seen:
            return self.seen[text]
        found = self.policies.get(_words(text))
        if not found:
            raise CheckerError("policy", f"unknown policy {text.strip()!r}; use one of: "
                                         f"{', '.join(sorted(set(self.policies.values())))}")
        self.seen[text] = found
        return found

    def role(self, policy: str, text: str) -> dict:
        if (policy, text) in self.seen:
            return self.seen[policy, text]
        if policy not in self.roles:
            table = {}
            for r in api.roles(policy):
                table.setdefault(_words(r["id"]), r)
                table.setdefault(_words(r["name"]), r)
            self.roles[policy] = table
        found = self.roles[policy].get(_words(text))
        if not found:
            ids = sorted({r["id"] for r in self.roles[policy].values()})
            raise CheckerError("role", f"unknown role {text.strip()!r} for {policy}; use a role's id or name "
                                       f"from: {', '.join(ids)}")
        self.seen[policy, text] = found
        return found


# ---------------------------------------------------------------- one person


def _assess(params: dict) -> dict:
    """The one call into the engine, its lean path: status, next due date, last session, missed count and
    citations, without the obligations and sentences the one-person checker shows."""
    rules = policy_rules(params["policy"])
    result = lean(rules, api.case_from(params, rules))
    return {"status": result.status.value, "next_due": result.next_due, "last_session": result.last_session,
            "missed": result.missed, "citations": list(result.citations)}


class _Person:
    def __init__(self, name: str, line: int):
        self.name = name
        self.lines: list[int] = []
        self.first_line = line
        self.groups: dict[tuple[str, ...], _Rows] = {}  # the cells other than the session, as typed -> rows
        self.values: dict[str, tuple[str, int]] = {}  # field -> (value, line that gave it)
        self.sessions: dict[date, int] = {}  # session day -> first line
        self.done: dict[str, int] = {}  # "kind=DATE" -> line
        self.rejected: list[int] = []


class _Rows:
    """A person's rows that are the same but for the session: an export repeats the person's cells on every
    row, so they are read, matched and merged once per group, not once per row."""

    __slots__ = ("values", "error", "sessions")

    def __init__(self, values: dict[str, str] | None, error: tuple[int, CheckerError] | None):
        self.values = values  # the cells read, or None when one is wrong
        self.error = error  # (column, error) of the first wrong cell
        self.sessions: list[tuple[int, date | None]] = []  # (line, session day) of the rows read


@lru_cache(maxsize=8192)
def _day(text: str, field: str) -> str:
    """A date cell as ISO, inside the bank-holiday calendar."""
    iso = iso_date(text, field)
    bank_holidays().check_covered(date.fromisoformat(iso), field)
    return iso


@lru_cache(maxsize=65536)
def _session(text: str) -> date:
    return date.fromisoformat(_day(text, "session"))


def _whole(text: str, field: str) -> str:
    if not re.fullmatch(r"[0-9]+", text):
        raise CheckerError(field, f"{text!r} is not a whole number of shifts")
    return str(int(text))


def _fact(text: str, field: str) -> str:
    return "1" if _yes_no(text, field) else "0"


def _as_is(text: str, field: str) -> str:
    return text


def _plan(columns: dict[str, int], lookup: _Lookup) -> list[tuple[str, int, object]]:
    """How each column but the name and the session is read: (field, column index, reader of a non-empty cell)."""
    readers = {"policy": lambda text, field: lookup.policy(text), "start": _day,
               "supervisor-changed": _day, "role": _as_is, "shifts": _whole, "agreed-every": _as_is}
    plan = []
    for field, index in columns.items():
        if field in ("name", "session"):
            continue
        if field in fact_ids():
            plan.append((field, index, _fact))
        elif field.startswith("done-"):
            plan.append((field, index, _day))
        else:
            plan.append((field, index, readers[field]))
    return plan


def _cells_getter(indexes: tuple[int, ...]):
    """A row's cells at these columns, as a tuple (operator.itemgetter, which gives a bare value for one)."""
    if not indexes:
        return lambda row: ()
    get = itemgetter(*indexes)
    return get if len(indexes) > 1 else lambda row: (get(row),)


def _read_cells(cells: tuple[str, ...], plan) -> _Rows:
    """Normalise the cells of a group of rows (the role is matched later, against the person's policy), or keep
    the first error with its field and column."""
    out: dict[str, str] = {}
    for text, (field, index, read) in zip(cells, plan):
        text = text.strip()
        if text:
            try:
                out[field] = read(text, field)
            except CheckerError as exc:
                return _Rows(None, (index, exc))
    return _Rows(out, None)


def _merge(person: _Person, line: int, values: dict[str, str]) -> None:
    """Add a group's values to its person; a value that contradicts an earlier row's is an error."""
    known = person.values
    for field, value in values.items():
        if field in known and known[field][0] != value and field in _PERSON_KEYS:
            earlier = known[field]
            raise CheckerError(field, f"{value} differs from {earlier[0]} on line {earlier[1]} for "
                                      f"{person.name} (one value per person)")
    for field, value in values.items():
        if field in _PERSON_KEYS:
            if field not in known:
                known[field] = (value, line)
        elif field.startswith("done-"):
            person.done.setdefault(f"{field[5:]}={value}", line)


def _case_params(person: _Person, on: str) -> dict:
    v = {k: val for k, (val, _) in person.values.items()}
    params = {"policy": v.get("policy"), "role": v.get("role"), "start": v.get("start"),
              "session": sorted(person.sessions), "on": on}
    for field in ("supervisor-changed", "shifts", "agreed-every"):
        if v.get(field):
            params[field] = v[field]
    for fact in fact_ids():
        if v.get(fact) == "1":
            params[fact] = "1"
    if person.done:
        params["done"] = sorted(person.done)
    return params


def _query(params: dict) -> list[list[str]]:
    """The one-person checker's address for this case, as name/value pairs with the URL's names."""
    pairs = [[n, params[n]] for n in ("policy", "role", "start") if params.get(n)]
    if params["session"]:
        pairs.append(["session", ",".join(day.isoformat() for day in params["session"])])
    pairs.append(["on", params["on"]])
    for n in ("supervisor-changed", "shifts", "agreed-every", *fact_ids()):
        if params.get(n):
            pairs.append([n, params[n]])
    for entry in params.get("done", []):
        pairs.append(["done", entry])
    return pairs


# ---------------------------------------------------------------- the team


def team(data, policy: str | None, on: str) -> dict:
    """Check every person in a team file (text or bytes) as of `on`, with `policy` for rows without one."""
    if not on:
        raise CheckerError("on", "is required (the as-of date; the command line defaults it to today)")
    on_day = date.fromisoformat(iso_date(str(on), "on"))
    lookup = _Lookup()
    default_policy = lookup.policy(policy) if policy else None
    text, notes = decode(data)
    columns, rows, errors, more_notes = read_rows(text)
    notes += more_notes
    people: dict[str, _Person] = {}
    order: list[str] = []
    bad_lines: set[int] = {e["line"] for e in errors}

    def reject(line: int, field: str, message: str, person: _Person | None = None) -> None:
        errors.append({"line": line, "field": field, "message": message})
        bad_lines.add(line)
        if person is not None:
            person.rejected.append(line)

    plan = _plan(columns, lookup)
    cell_at = tuple(index for _, index, _ in plan)
    name_at, session_at = columns["name"], columns["session"]
    full_width = max((name_at, session_at, *cell_at)) + 1
    cells_of = _cells_getter(cell_at)
    names: dict[str, tuple[str, str]] = {}  # the name as typed -> (tidied, folded): typed again on every row
    for line, row in rows:
        width = len(row)
        typed = row[name_at] if name_at < width else ""
        known = names.get(typed)
        if known is None:
            tidied = " ".join(typed.split())
            known = names[typed] = (tidied, tidied.casefold())
        name, folded = known
        if not name:
            reject(line, "name", "is empty: every row needs the person's name")
            continue
        person = people.get(folded)
        if person is None:
            person = people[folded] = _Person(name, line)
            order.append(folded)
        person.lines.append(line)
        cells = cells_of(row) if width >= full_width else tuple(row[i] if i < width else "" for i in cell_at)
        group = person.groups.get(cells)
        if group is None:
            group = person.groups[cells] = _read_cells(cells, plan)
        text = row[session_at].strip() if session_at < width else ""
        try:  # the first wrong cell of the row, in column order, is the one reported
            if group.error and group.error[0] < session_at:
                raise group.error[1]
            day = _session(text) if text else None
            if group.error:
                raise group.error[1]
            if day and day > on_day:
                raise CheckerError("session", f"the session on {day} is after the as-of date {on_day}")
            group.sessions.append((line, day))
        except CheckerError as exc:
            reject(line, exc.field, exc.message, person)

    for folded in order:  # the person's policy (first given, else the default) decides how roles read
        person = people[folded]
        groups = sorted((g for g in person.groups.values() if g.sessions), key=lambda g: g.sessions[0][0])
        policy_of = next((g.values["policy"] for g in groups if "policy" in g.values), default_policy)
        read: list[tuple[int, date | None]] = []
        for group in groups:
            values = dict(group.values)
            try:
                if "role" in values:
                    within = values.get("policy", policy_of)
                    if not within:
                        raise CheckerError("policy", "no policy for this person: choose one on the page or "
                                                     "with --policy, or add a policy column")
                    values["role"] = lookup.role(within, values["role"])["id"]
                _merge(person, group.sessions[0][0], values)
                read.extend(group.sessions)
            except CheckerError as exc:
                for line, _ in group.sessions:
                    reject(line, exc.field, exc.message, person)
        if len(groups) > 1:
            read.sort()
        for line, day in read:
            if day:
                person.sessions.setdefault(day, line)
        if "policy" not in person.values and default_policy:
            person.values["policy"] = (default_policy, person.first_line)

    results, rejected_people = [], 0
    for folded in order:
        person = people[folded]
        if len(person.rejected) == len(person.lines):
            rejected_people += 1
            continue  # every row of this person was bad: the errors say why
        start = person.values.get("start", ("", 0))[0]
        start_day = date.fromisoformat(start) if start else None
        for day, line in sorted(person.sessions.items()):
            if start_day and day < start_day:  # the start may come from a later row: checked once all are read
                reject(line, "session", f"the session on {day} is before the start date {start}", person)
                del person.sessions[day]
        if len(person.rejected) == len(person.lines):
            rejected_people += 1
            continue
        params = _case_params(person, on_day.isoformat())
        missing = [f for f in ("role", "start") if not params.get(f)]
        if not params.get("policy"):
            missing.insert(0, "policy")
        if missing:
            field = missing[0]
            hint = "choose a policy on the page or with --policy, or add a policy column" if field == "policy" \
                else f"give the {field} on at least one of their rows"
            reject(person.first_line, field, f"{person.name} is not in the table: no {field} ({hint})")
            rejected_people += 1
            continue
        try:
            assessed = _assess(params)
        except CheckerError as exc:
            line = person.values.get(exc.field, (None, person.first_line))[1]
            reject(line, exc.field, f"{person.name} is not in the table: {exc.message}")
            rejected_people += 1
            continue
        role = lookup.role(params["policy"], params["role"])
        results.append({
            "name": person.name,
            "policy": params["policy"],
            "role": params["role"],
            "role_name": role["name"],
            "status": assessed["status"],
            "status_text": status_text(assessed["status"]),
            "next_due": assessed["next_due"].isoformat() if assessed["next_due"] else None,
            "last_session": assessed["last_session"].isoformat() if assessed["last_session"] else None,
            "sessions": len(params["session"]),
            "missed": assessed["missed"],
            "lines": sorted(person.lines),
            "rejected_lines": sorted(person.rejected),
            "citations": assessed["citations"],
            "query": _query(params),
        })

    rank = {s: i for i, s in enumerate(STATUS_TEXT)}
    results.sort(key=lambda p: (rank.get(p["status"], 9), p["next_due"] or "9999", p["name"].casefold()))
    errors.sort(key=lambda e: e["line"])
    counts = {s: sum(1 for p in results if p["status"] == s) for s in ("ok", "due-soon", "overdue", "not-computable")}
    computable = len(results) - counts["not-computable"]
    summary = {"people": len(results), **counts, "rejected_rows": len(bad_lines),
               "rejected_people": rejected_people,
               "in_time_percent": round(100 * (counts["ok"] + counts["due-soon"]) / computable, 1) if computable else None}
    return {"on": on_day.isoformat(), "policy": default_policy, "people": results, "summary": summary,
            "errors": errors, "notes": notes, "statuses": [{"id": s, "text": t} for s, t in STATUS_TEXT.items()],
            "rows": len(rows)}


# ---------------------------------------------------------------- out


def paragraph(citations: list[dict]) -> str:
    return "; ".join(f"{c['policy']} {c['section']}" for c in citations)


def to_csv(people: list[dict]) -> str:
    """One row per person, formula-safe: a cell a spreadsheet would run starts with an apostrophe."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for p in people:
        writer.writerow([_safe(v) for v in (
            p.get("name"), p.get("policy"), p.get("role"), p.get("status"), p.get("next_due") or "",
            p.get("last_session") or "", p.get("sessions"), p.get("missed"), paragraph(p.get("citations") or []))])
    return out.getvalue()


def template() -> str:
    """A file to start from: the required columns, the optional ones most teams need, and one sample person."""
    return ("name,role,start,session,policy,new-starter,supervisor-changed,done-agreement\r\n"
            "Sample Person,social-worker,08/01/2024,01/02/2024,sefton,no,,08/01/2024\r\n"
            "Sample Person,social-worker,08/01/2024,28/02/2024,sefton,no,,\r\n")


EXAMPLE = (
    # name, policy, role, start (days before the as-of date), sessions (days before), facts
    ("Amira Khan", "sefton", "social-worker", 700, (95, 64, 36)),
    ("Ben O'Neill", "sefton", "nqsw", 120, (113, 99, 85, 71, 57, 43, 29, 15)),
    ("Chloé Dubois", "sefton", "social-worker", 400, (58, 27)),
    ("Dan Evans", "sefton", "team-manager", 900, (60, 30, 8)),
    ("Erin Walsh", "sefton", "personal-advisor", 500, (120, 70)),
    ("Femi Adeyemi", "sefton", "support-worker", 300, (92, 61, 25)),
    ("Grace Liu", "sefton", "residential-worker", 100, (90, 76, 62, 48, 34, 20, 5)),
    ("Harry Patel", "sefton", "social-worker", 12, ()),
)


def example(on: str) -> str:
    """A worked example team, dated back from the as-of date so that it always shows a mix of statuses."""
    from datetime import timedelta
    day = date.fromisoformat(iso_date(on, "on"))
    lines = ["name,policy,role,start,session,new-starter"]
    for name, policy, role, start, sessions in EXAMPLE:
        begin = (day - timedelta(days=start)).strftime("%d/%m/%Y")
        new = "yes" if role == "residential-worker" else "no"
        for ago in sessions or (None,):
            session = (day - timedelta(days=ago)).strftime("%d/%m/%Y") if ago is not None else ""
            lines.append(f"{name},{policy},{role},{begin},{session},{new}")
    return "\r\n".join(lines) + "\r\n"
