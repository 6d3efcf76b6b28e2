"""The team check (CONTRIBUTING.md, "The team file"): a team's export in, one row per person out.

Three parts: checker/team_file.py reads the file (CSV or spreadsheet) into numbered rows; checker/team_mapping.py
says what its columns and values mean (header names, job titles, outcomes, dates as exports write them); this
module groups the rows into people and assesses each one with the engine. Every bad row is reported by its
line (the spreadsheet's row number; the header is line 1) and field, a value the check cannot place once
for all its rows, and every other row is still checked. Standard library only.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta
from functools import lru_cache
from operator import itemgetter

from . import engine, wording
from . import team_mapping as mapping_
from .dates import bank_holidays, parse_frequency
from .inputs import parse_whole_number
from .vocabulary import DUTY_KINDS, IN_TIMESCALE, MAX_SHIFTS, STATUS_ORDER, Status
from .errors import CheckerError
from .wording import team_quoted
from .rulebook import dated_kinds, fact_ids, policy_infos, policy_rules
from .team_file import MAX_BYTES, MAX_ROWS, FileError  # noqa: F401  (the limits the page states)
from .team_file import read as read_file
from .team_mapping import PERSON_FIELDS, REQUIRED, iso_date, key, words

STATUS_TEXT = {s.value: wording.STATUS_WORDS[s.value] for s in STATUS_ORDER}
"""The statuses in words (checker/wording.py), most urgent first: the order the table and the summary use."""
COLUMNS = wording.TEAM_COLUMNS
CSV_HEADER = tuple(label for _, label in COLUMNS)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PERSON_KEYS = frozenset((*PERSON_FIELDS, *fact_ids()))
MAX_EXTRA_COLUMNS = 8
"""Columns the check does not use that hold one value per person (team, supervisor, location): the table can
be filtered and grouped by them; more than this many are named but not carried."""


def all_policies() -> list[dict]:
    return policy_infos()


def policy_roles(policy: str) -> list[dict]:
    return [role.record for role in policy_rules(policy).roles]


def status_text(status: str) -> str:
    return STATUS_TEXT.get(status, status)


def _safe(cell) -> str:
    """A cell a spreadsheet will not run as a formula."""
    text = "" if cell is None else str(cell)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


# ---------------------------------------------------------------- policies and roles


class _Lookup:
    """Policies by id or name, and each policy's roles by id, name or the mapping's [roles]; cached per file."""

    def __init__(self, role_map: dict[str, str]):
        self.policies = {}
        for p in all_policies():
            for word in (p["id"], p["name"], p["authority"]):
                self.policies.setdefault(words(word), p["id"])
        self.roles: dict[str, dict] = {}
        self.role_list: dict[str, list[dict]] = {}
        self.role_map = {words(k): v for k, v in role_map.items()}
        self.seen: dict = {}

    def policy(self, text: str) -> str:
        if text in self.seen:
            return self.seen[text]
        found = self.policies.get(words(text))
        if not found:
            raise CheckerError("policy", f"unknown policy {team_quoted(text.strip())}; use one of: "
                                         f"{', '.join(sorted(set(self.policies.values())))}")
        self.seen[text] = found
        return found

    def table(self, policy: str) -> dict[str, dict]:
        if policy not in self.roles:
            self.role_list[policy] = policy_roles(policy)
            table = {}
            for r in self.role_list[policy]:
                table.setdefault(words(r["id"]), r)
                table.setdefault(words(r["name"]), r)
            self.roles[policy] = table
        return self.roles[policy]

    def role(self, policy: str, text: str) -> tuple[dict | None, str | None]:
        """The role a value of the role column stands for, and how it was placed ("mapping" or "name"); a
        value the mapping gives a role the policy lacks is (None, "mapping")."""
        if (policy, text) in self.seen:
            return self.seen[policy, text]
        table = self.table(policy)
        w = words(text)
        if w in self.role_map:
            found = (table.get(words(self.role_map[w])), "mapping")
        else:
            role = table.get(w)
            found = (role, "name" if role else None)
        self.seen[policy, text] = found
        return found


# ---------------------------------------------------------------- one person


def _case(params: dict) -> engine.Case:
    """The engine's case from a person's cells, already read (dates as ISO, facts as "1")."""
    shifts, agreed, changed = params.get("shifts"), params.get("agreed-every"), params.get("supervisor-changed")
    return engine.Case(
        role=params["role"], start=date.fromisoformat(params["start"]), on=date.fromisoformat(params["on"]),
        sessions=tuple(params["session"]), facts=frozenset(f for f in fact_ids() if params.get(f) == "1"),
        supervisor_changed_on=date.fromisoformat(changed) if changed else None,
        shifts_since_last=parse_whole_number(shifts, "shifts", MAX_SHIFTS, "shifts") if shifts else None,
        agreed_every=parse_frequency(agreed, "agreed-every") if agreed else None,
        done=tuple((kind, date.fromisoformat(day)) for kind, _, day in (d.partition("=") for d in params.get("done", []))),
    )


def assess(params: dict, since: date | None) -> dict:
    """Status, next due date, last session and the late and missed sessions counted from `since` (all of
    them when None): the engine's lean path, bound to the period the team check states."""
    r = engine.lean(policy_rules(params["policy"]), _case(params), since)
    return {"status": r.status.value, "next_due": r.next_due, "last_session": r.last_session,
            "missed": r.missed, "late": r.late, "citations": list(r.citations)}


class _Person:
    def __init__(self, name: str, employee_id: str, line: int):
        self.name = name
        self.employee_id = employee_id
        self.lines: list[int] = []
        self.first_line = line
        self.groups: dict[tuple[str, ...], _Rows] = {}  # the cells other than the session, as typed -> rows
        self.values: dict[str, tuple[str, int]] = {}  # field -> (value, line that gave it)
        self.sessions: dict[date, int] = {}  # session day -> first line
        self.done: dict[str, int] = {}  # "kind=DATE" -> line
        self.rejected: list[int] = []
        self.not_held = 0
        self.unclassified = 0
        self.extra: dict[int, str] = {}  # column -> the person's value
        self.role_value = ""


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
        raise CheckerError(field, f"{team_quoted(text)} is not a whole number of shifts")
    return str(int(text))


def _fact(text: str, field: str) -> str:
    return "1" if mapping_.yes_no(text, field) else "0"


def _as_is(text: str, field: str) -> str:
    return text


def _done_kinds() -> list[str]:
    return sorted(dated_kinds() & set(DUTY_KINDS))


def _plan(columns: dict[str, int], lookup: _Lookup) -> list[tuple[str, int, object]]:
    """How each column the person's rows share is read: (field, column index, reader of a non-empty cell)."""
    readers = {"policy": lambda text, field: lookup.policy(text), "start": _day,
               "supervisor-changed": _day, "role": _as_is, "shifts": _whole, "agreed-every": _as_is}
    plan = []
    for field, index in columns.items():
        if field in ("name", "session", "employee_id", "outcome", *mapping_.GROUP_FIELDS):
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


# ---------------------------------------------------------------- columns


def _columns(header: list[str], chosen: dict, notes: list[str]) -> tuple[dict[str, int], dict[str, str]]:
    """The fields' columns, done- columns the policies do not date set aside with a note."""
    columns, how, passed_over = mapping_.match_columns(header, chosen)
    notes += passed_over
    kinds = None
    for field in [f for f in columns if f.startswith("done-")]:
        kinds = kinds or _done_kinds()
        if field[5:] not in kinds:
            notes.append(f"Column {team_quoted(header[columns[field]].strip())} not used: {team_quoted(field[5:])} is not a duty the "
                         f"policies date (done- columns: {', '.join('done-' + d for d in kinds)}).")
            del columns[field]
    return columns, how


def _column_report(header: list[str], columns: dict[str, int], how: dict[str, str]) -> dict:
    """What the page shows before the answer: each field, the column matched to it and how, and the rest."""
    used = set(columns.values())
    fields = []
    for field, label in wording.TEAM_FIELDS.items():
        index = columns.get(field)
        fields.append({"field": field, "label": label, "required": field in REQUIRED,
                       "header": header[index].strip() if index is not None else None,
                       "how": how.get(field) if index is not None or how.get(field) == "off" else None,
                       "how_text": wording.HOW_FOUND.get(how.get(field, ""), "")})
    for field, index in columns.items():
        if field not in wording.TEAM_FIELDS:
            fields.append({"field": field, "label": field, "required": False, "header": header[index].strip(),
                           "how": how.get(field), "how_text": wording.HOW_FOUND.get(how.get(field, ""), "")})
    return {"fields": fields, "headers": [c.strip() for c in header],
            "unused": [c.strip() for i, c in enumerate(header) if i not in used and c.strip()],
            "header_key": "|".join(key(c) for c in header),
            "missing": [f for f in REQUIRED if f not in columns]}


# ---------------------------------------------------------------- the team


def team(data, policy: str | None, on: str, mapping: dict | None = None, since: str | None = None,
         sheet: str | None = None, ask: bool = False, remembered: dict | None = None, file: str | None = None) -> dict:
    """Check every person in a team file (text, bytes, or a spreadsheet's bytes) as of `on`, with `policy` for
    rows without one and `mapping` ({columns, roles, outcomes}, checker/team_mapping.py) for what the file's
    columns and values mean. Missed and late sessions are counted from `since`, else from the first session
    date in the file (or the start in post, where later). With `ask`, a file that lacks a required column
    gives the column report to choose from (the page) rather than an error (the command line). `remembered`
    holds the page's confirmed mappings by header row: the one for this file's header is used when no
    `mapping` is given. `file` is the file's name, for the heading of the print and the export."""
    if not on:
        raise CheckerError("on", "is required (the as-of date; the command line defaults it to today)")
    on_day = date.fromisoformat(iso_date(str(on), "on"))
    since_day = date.fromisoformat(iso_date(str(since), "from")) if since else None
    default_policy = _Lookup({}).policy(policy) if policy else None
    sheet_read = read_file(data, sheet)
    header, rows, errors, notes = sheet_read.header, sheet_read.rows, sheet_read.errors, list(sheet_read.notes)
    header_key = "|".join(key(c) for c in header)
    from_memory = not mapping and bool(remembered) and header_key in remembered
    if from_memory:
        mapping = remembered[header_key]
    chosen = mapping_.normalise(mapping) if mapping else {"columns": {}, "roles": {}, "outcomes": {}}
    lookup = _Lookup(chosen["roles"])
    columns, how = _columns(header, chosen["columns"], notes)
    report = _column_report(header, columns, how)
    report["sheets"], report["sheet"] = sheet_read.sheets, sheet_read.sheet
    report["remembered"] = from_memory
    report["mapping"] = chosen
    missing = report["missing"]
    if missing:
        if ask:
            return {"on": on_day.isoformat(), "policy": default_policy, "people": [], "summary": None,
                    "errors": [], "notes": notes, "columns": report, "roles": [], "outcomes": [], "ready": False,
                    "rows": len(rows)}
        if not columns:
            raise FileError("file", "the first row is not a header: it needs the columns name, role, start and "
                                    "session, or names exports use for them (download the template)")
        raise FileError(missing[0], f"the required column {team_quoted(missing[0])} is missing from the header (found: "
                                    f"{', '.join(c.strip() for c in header if c.strip())}): name its column in a "
                                    f"mapping file's [columns]")
    if not default_policy and "policy" not in columns:
        raise FileError("policy", wording.team_policy_missing())
    unused_cols = [i for i, c in enumerate(header) if i not in set(columns.values()) and c.strip()]
    if unused_cols:
        notes.append(f"Columns not used: {', '.join(header[i].strip() for i in unused_cols)}.")
    group_cols = [columns[f] for f in mapping_.GROUP_FIELDS if f in columns]
    extra_cols = (group_cols + unused_cols)[:MAX_EXTRA_COLUMNS]

    people: dict[str, _Person] = {}
    order: list[str] = []
    bad_lines: set[int] = {e["line"] for e in errors}

    def reject(line: int, field: str, message: str, person: _Person | None = None) -> None:
        errors.append({"line": line, "field": field, "message": message})
        bad_lines.add(line)
        if person is not None:
            person.rejected.append(line)

    after_on: list[tuple[int, date]] = []  # (line, session date) of the sessions after the as-of date
    plan = _plan(columns, lookup)
    cell_at = tuple(index for _, index, _ in plan)
    name_at, session_at = columns["name"], columns["session"]
    id_at, outcome_at = columns.get("employee_id"), columns.get("outcome")
    cells_of = _cells_getter(cell_at)
    outcome_map = {words(k): v for k, v in chosen["outcomes"].items()}
    outcome_seen: dict[str, tuple[str | None, str]] = {}  # typed -> (class, how)
    outcome_rows: dict[str, list[int]] = {}  # typed (trimmed) -> lines
    names: dict[tuple[str, str], tuple[str, str]] = {}  # (name, id) as typed -> (tidied name, person key)
    first_session: date | None = None
    for line, row in rows:
        width = len(row)
        typed = row[name_at] if name_at < width else ""
        typed_id = row[id_at] if id_at is not None and id_at < width else ""
        known = names.get((typed, typed_id))
        if known is None:
            tidied = " ".join(typed.split())
            ident = " ".join(typed_id.split())
            known = names[typed, typed_id] = (tidied, "#" + ident.casefold() if ident else tidied.casefold())
        name, folded = known
        if not name and folded == "":
            reject(line, "name", "is empty: every row needs the person's name")
            continue
        person = people.get(folded)
        if person is None:
            person = people[folded] = _Person(name or typed_id.strip(), typed_id.strip(), line)
            order.append(folded)
        elif not person.name and name:
            person.name = name
        person.lines.append(line)
        for index in extra_cols:
            if index < width and index not in person.extra and row[index].strip():
                person.extra[index] = row[index].strip()
        cells = cells_of(row) if width > max(cell_at, default=-1) else tuple(row[i] if i < width else "" for i in cell_at)
        group = person.groups.get(cells)
        if group is None:
            group = person.groups[cells] = _read_cells(cells, plan)
        text = row[session_at].strip() if session_at < width else ""
        outcome = row[outcome_at].strip() if outcome_at is not None and outcome_at < width else ""
        try:  # the first wrong cell of the row, in column order, is the one reported
            if group.error and group.error[0] < session_at:
                raise group.error[1]
            day = _session(text) if text else None
            if group.error:
                raise group.error[1]
            if day and day > on_day:  # not yet held, or the as-of date is wrong: said once for all such rows
                after_on.append((line, day))
                bad_lines.add(line)
                person.rejected.append(line)
                continue
            if day and (first_session is None or day < first_session):
                first_session = day
            if day and outcome:
                cls = outcome_seen.get(outcome)
                if cls is None:
                    w = words(outcome)
                    cls = outcome_seen[outcome] = ((outcome_map[w], "mapping") if w in outcome_map
                                                   else (mapping_.outcome_class(outcome), "words"))
                outcome_rows.setdefault(outcome, []).append(line)
                if cls[0] != "held":
                    if cls[0] == "not-held":
                        person.not_held += 1
                    else:
                        person.unclassified += 1
                    day = None
            group.sessions.append((line, day))
        except CheckerError as exc:
            reject(line, exc.field, exc.message, person)

    if after_on:
        lines = [ln for ln, _ in after_on]
        errors.append({"line": min(lines), "field": "session", "rows": len(lines), "lines": [min(lines), max(lines)],
                       "message": wording.team_sessions_after(lines, on_day, max(d for _, d in after_on))})
    role_rows: dict[str, dict] = {}  # role value as typed (trimmed) -> {lines, people, policy}
    unplaced: dict[tuple[str, str], list[int]] = {}
    no_policy: list[int] = []
    for folded in order:  # the person's policy (first given, else the default) decides how roles read
        person = people[folded]
        groups = sorted((g for g in person.groups.values() if g.sessions), key=lambda g: g.sessions[0][0])
        policy_of = next((g.values["policy"] for g in groups if g.values and "policy" in g.values), default_policy)
        read: list[tuple[int, date | None]] = []
        for group in groups:
            values = dict(group.values)
            lines = [ln for ln, _ in group.sessions]
            try:
                if "role" in values:
                    typed_role = values["role"]
                    within = values.get("policy", policy_of)
                    entry = role_rows.setdefault(typed_role, {"lines": [], "people": set(), "policy": within})
                    entry["lines"] += lines
                    entry["people"].add(folded)
                    if not within:
                        no_policy += lines
                        for ln in lines:
                            bad_lines.add(ln)
                            person.rejected.append(ln)
                        continue
                    found, _ = lookup.role(within, typed_role)
                    if found is None:
                        unplaced.setdefault((within, typed_role), []).extend(lines)
                        for ln in lines:
                            bad_lines.add(ln)
                            person.rejected.append(ln)
                        continue
                    values["role"] = found["id"]
                    person.role_value = typed_role
                _merge(person, group.sessions[0][0], values)
                read.extend(group.sessions)
            except CheckerError as exc:
                for line in lines:
                    reject(line, exc.field, exc.message, person)
        if len(groups) > 1:
            read.sort()
        for line, day in read:
            if day:
                person.sessions.setdefault(day, line)
        if "policy" not in person.values and default_policy:
            person.values["policy"] = (default_policy, person.first_line)

    role_report = []
    for typed_role, entry in role_rows.items():
        within = entry["policy"] or default_policy
        found, placed = lookup.role(within, typed_role) if within else (None, None)
        suggested = mapping_.suggest_role(typed_role, lookup.role_list.get(within) or (policy_roles(within) if within else []))
        role_report.append({"value": typed_role, "rows": len(entry["lines"]), "people": len(entry["people"]),
                            "lines": [min(entry["lines"]), max(entry["lines"])], "policy": within,
                            "role": found["id"] if found else None, "how": placed if found else None,
                            "suggested": found["id"] if found else suggested})
        if (within, typed_role) in unplaced:
            lines = unplaced[within, typed_role]
            message = (wording.team_role_not_in_policy(typed_role, chosen["roles"].get(typed_role) or
                                                       lookup.role_map.get(words(typed_role), ""), lines, within)
                       if placed == "mapping" else wording.team_role_unplaced(typed_role, lines, suggested, within))
            errors.append({"line": min(lines), "field": "role", "message": message, "value": typed_role,
                           "rows": len(lines), "lines": [min(lines), max(lines)], "suggested": suggested})
    role_report.sort(key=lambda r: (r["role"] is not None, r["lines"][0]))
    if no_policy:
        errors.append({"line": min(no_policy), "field": "policy", "rows": len(no_policy),
                       "lines": [min(no_policy), max(no_policy)],
                       "message": f"{wording.team_rows(len(no_policy))}, {wording.team_lines(no_policy)}, name no "
                                  f"policy: {wording.team_policy_missing()}"})
    outcome_report = []
    for typed, lines in outcome_rows.items():
        cls, found_by = outcome_seen[typed]
        outcome_report.append({"value": typed, "rows": len(lines), "lines": [min(lines), max(lines)],
                               "class": cls, "how": found_by if cls else None})
        if cls is None:
            errors.append({"line": min(lines), "field": "outcome", "message": wording.team_outcome_unknown(typed, lines),
                           "value": typed, "rows": len(lines), "lines": [min(lines), max(lines)]})
            bad_lines.update(lines)
    outcome_report.sort(key=lambda o: (o["class"] is not None, -o["rows"]))

    period_from = since_day or first_session
    results, rejected_people = [], 0
    for folded in order:
        person = people[folded]
        if person.rejected and len(person.rejected) == len(person.lines):
            rejected_people += 1
            continue  # every row of this person was bad: the errors say why
        start = person.values.get("start", ("", 0))[0]
        start_day = date.fromisoformat(start) if start else None
        for day, line in sorted(person.sessions.items()):
            if start_day and day < start_day:  # the start may come from a later row: checked once all are read
                reject(line, "session", f"the session on {day} is before the start date {start}", person)
                del person.sessions[day]
        if person.rejected and len(person.rejected) == len(person.lines):
            rejected_people += 1
            continue
        params = _case_params(person, on_day.isoformat())
        absent = [f for f in ("role", "start") if not params.get(f)]
        if not params.get("policy"):
            absent.insert(0, "policy")
        if absent:
            field = absent[0]
            hint = wording.team_policy_missing() if field == "policy" else f"give the {field} on at least one of their rows"
            reject(person.first_line, field, f"{person.name} is not in the table: no {field} ({hint})")
            rejected_people += 1
            continue
        counted_from = max(start_day, period_from) if period_from else start_day
        try:
            assessed = assess(params, counted_from)
        except CheckerError as exc:
            line = person.values.get(exc.field, (None, person.first_line))[1]
            reject(line, exc.field, f"{person.name} is not in the table: {exc.message}")
            rejected_people += 1
            continue
        role, _ = lookup.role(params["policy"], params["role"])
        next_due = assessed["next_due"]
        results.append({
            "name": person.name,
            "employee_id": person.employee_id or None,
            "policy": params["policy"],
            "role": params["role"],
            "role_name": role["name"] if role else params["role"],
            "role_value": person.role_value,
            "status": assessed["status"],
            "status_text": status_text(assessed["status"]),
            "next_due": next_due.isoformat() if next_due else None,
            "days_overdue": (on_day - next_due).days if next_due and on_day > next_due else 0,
            "last_session": assessed["last_session"].isoformat() if assessed["last_session"] else None,
            "sessions": len(params["session"]),
            "not_held": person.not_held,
            "missed": assessed["missed"],
            "late": assessed["late"],
            "counted_from": counted_from.isoformat(),
            "extra": {header[i].strip(): person.extra.get(i, "") for i in extra_cols},
            "lines": sorted(person.lines),
            "rejected_lines": sorted(person.rejected),
            "citations": assessed["citations"],
            "query": _query(params),
        })

    rank = {s: i for i, s in enumerate(STATUS_TEXT)}
    results.sort(key=lambda p: (rank.get(p["status"], 9), p["next_due"] or "9999", p["name"].casefold()))
    errors.sort(key=lambda e: e["line"])
    counts = {s: sum(1 for p in results if p["status"] == s) for s in STATUS_TEXT}
    computable = len(results) - counts[Status.NOT_COMPUTABLE.value]
    summary = {"people": len(results), **counts, "rejected_rows": len(bad_lines),
               "rejected_people": rejected_people,
               "not_held": sum(p["not_held"] for p in results),
               "missed": sum(p["missed"] for p in results), "late": sum(p["late"] for p in results),
               "in_time_percent": round(100 * sum(counts[s.value] for s in IN_TIMESCALE) / computable, 1) if computable else None}
    period = {"from": period_from.isoformat() if period_from else None, "chosen": since_day is not None,
              "text": wording.team_period(period_from, since_day is not None)}
    policy_name = next((p["name"] for p in all_policies() if p["id"] == default_policy), None)
    labels = {k: v for k, v in COLUMNS}
    labels.update(missed=wording.team_since_label(labels["missed"], period_from),
                  late=wording.team_since_label(labels["late"], period_from))
    in_time = sum(counts[s.value] for s in IN_TIMESCALE)
    summary["texts"] = wording.team_summary_texts(summary, in_time, computable, labels)
    ready = not any(e["field"] in ("role", "outcome") and "value" in e for e in errors)
    questions = ready and any(f["how"] == "header" for f in report["fields"])
    return {"on": on_day.isoformat(), "policy": default_policy, "people": results, "summary": summary,
            "errors": errors, "notes": notes, "statuses": [{"id": s, "text": t} for s, t in STATUS_TEXT.items()],
            "rows": len(rows), "period": period, "columns": report, "roles": role_report,
            "outcomes": outcome_report, "ready": ready and not questions, "labels": labels,
            "heading": wording.team_heading(policy_name, file, on_day, period["text"]),
            "extra_columns": [header[i].strip() for i in extra_cols]}


# ---------------------------------------------------------------- out


def paragraph(citations: list[dict]) -> str:
    return "; ".join(f"{c['policy']} {c['section']}" for c in citations)


def to_csv(people: list[dict], heading: str | None = None) -> str:
    """One row per person, formula-safe: a cell a spreadsheet would run starts with an apostrophe. `heading`,
    when given (the filter that made the export, the period), is the first line."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    if heading:
        writer.writerow([_safe(heading)])
    extra = list(dict.fromkeys(k for p in people for k in (p.get("extra") or {})))
    writer.writerow([*CSV_HEADER, *(_safe(k) for k in extra)])
    for p in people:
        writer.writerow([_safe(v) for v in (
            p.get("name"), p.get("policy"), p.get("role"), p.get("status"), p.get("next_due") or "",
            p.get("last_session") or "", p.get("sessions"), p.get("missed"), paragraph(p.get("citations") or []),
            p.get("employee_id") or "", p.get("days_overdue", ""), p.get("late", ""), p.get("not_held", ""),
            p.get("counted_from") or "", *((p.get("extra") or {}).get(k, "") for k in extra))])
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
    day = date.fromisoformat(iso_date(on, "on"))
    lines = ["name,policy,role,start,session,new-starter"]
    for name, policy, role, start, sessions in EXAMPLE:
        begin = (day - timedelta(days=start)).strftime("%d/%m/%Y")
        new = "yes" if role == "residential-worker" else "no"
        for ago in sessions or (None,):
            session = (day - timedelta(days=ago)).strftime("%d/%m/%Y") if ago is not None else ""
            lines.append(f"{name},{policy},{role},{begin},{session},{new}")
    return "\r\n".join(lines) + "\r\n"
