"""What the columns of a team file mean (CONTRIBUTING.md, "The team file"): header names to fields, values of
the role column to the policy's roles, values of the outcome column to held or not held, and the cells as
the check reads them (dates as exports write them, yes/no facts, whole numbers).

A mapping is the manager's answer to those three questions, the same on the page and on the command line
(`team FILE --mapping MAPPING.toml`): {"columns": {field: header}, "roles": {value: role id},
"outcomes": {value: "held" | "not-held"}}. Standard library only.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import lru_cache

from .dates import parse_date
from .errors import CheckerError
from .vocabulary import NO_WORDS, YES_WORDS
from .wording import team_quoted
from .rulebook import fact_ids

REQUIRED = ("name", "role", "start", "session")
HEADER_NAMES: dict[str, tuple[str, ...]] = {
    "name": ("Name", "Worker name", "Employee name", "Staff name", "Practitioner name", "Practitioner", "Worker",
             "Employee", "Staff member", "Staff", "Full name", "Supervisee", "Supervisee name", "Person"),
    "employee_id": ("Employee ID", "Employee no", "Employee number", "Staff ID", "Staff no", "Staff number",
                    "Payroll number", "Payroll no", "Payroll ID", "Worker ID", "Worker no", "Person ID",
                    "Personnel number", "Employee ref"),
    "role": ("Role", "Job title", "Job role", "Post", "Post title", "Position", "Job", "Designation", "Worker type"),
    "start": ("Start", "Start date", "Date started", "Date joined", "Start in post", "Started in post",
              "Date started in post", "Start date in post", "Post start date", "Date in post", "Appointment date",
              "Date appointed"),
    "session": ("Session", "Session date", "Supervision date", "Date of supervision", "Date held", "Meeting date",
                "Supervision", "Date of session", "Supervision held", "Supervision session date", "Actual date"),
    "outcome": ("Outcome", "Status", "Session status", "Supervision status", "Session outcome", "Attendance",
                "Meeting status"),
    "policy": ("Policy", "Authority", "Local authority"),
    "supervisor": ("Supervisor", "Supervisor name", "Line manager", "Manager", "Supervised by", "Supervising manager"),
    "team": ("Team", "Team name", "Service", "Unit", "Service area", "Locality"),
}
"""The header names each field is found under, as case-management exports and kept spreadsheets write them
(matched without regard to case, spaces, hyphens or underscores). The first name is the field's own; a column
found under it is the field's for certain, one found under another name is shown for the manager to confirm.
Facts and the other optional columns (`supervisor-changed`, `shifts`, `agreed-every`, `done-KIND`) are found
by their command-line names. This list is the one README.md documents."""
PERSON_FIELDS = ("policy", "role", "start", "supervisor-changed", "shifts", "agreed-every")
"""Columns that describe the person rather than one session: the first value given stands."""
OPTIONAL_FIELDS = ("employee_id", "outcome", "policy", "supervisor", "team", "supervisor-changed", "shifts",
                   "agreed-every")
GROUP_FIELDS = ("team", "supervisor")
"""Fields the table can be filtered and grouped by (besides other columns that hold one value per person)."""

NOT_HELD_WORDS = ("cancel", "did not attend", "dna", "postpon", "reschedul", "re schedul", "declin", "not held",
                  "no show", "rearrang", "did not take place", "not attended", "absent", "missed", "planned",
                  "scheduled", "booked", "not happened", "abandon")
HELD_WORDS = ("held", "complete", "attended", "took place", "done", "happened", "yes", "recorded", "signed off",
              "authorised", "authorized", "approved", "finalised", "finalized", "closed")
"""What an outcome cell says happened, by its words (the beginnings of words), not-held looked for first
("not held" holds "held"). A session planned, scheduled or booked has not happened yet. Anything else is
listed for the manager to classify; such rows are not counted until it is."""
OUTCOME_CLASSES = ("held", "not-held")

JOB_TITLE_WORDS = {
    "practitioner": "social worker", "caseworker": "social worker", "sw": "social worker", "swk": "social worker",
    "asye": "newly qualified social worker", "nqsw": "newly qualified social worker", "pa": "personal advisor",
    "adviser": "advisor", "fsw": "family support worker", "rsw": "residential worker", "tm": "team manager",
    "carer": "residential worker", "keyworker": "residential worker", "admin": "business support",
    "administrator": "business support",
}
"""Words of job titles and the words of policy role names they stand for: used only to suggest a role for a
value of the role column, which the manager confirms."""
_STOP = frozenset("a an and any as at by for from in is of on or other the to who with not does".split())

_DAY_FIRST = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_DAY_MONTH_NAME = re.compile(r"^(\d{1,2})[\-\s/]+([A-Za-z]{3,9})\.?[\-\s/,]+(\d{2}|\d{4})$")
_TIME_TAIL = re.compile(r"^(.*?\d)(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$")
_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
EXCEL_EPOCH = date(1899, 12, 30)
"""Day 0 of Excel's date serials (the 1900 system, counting its phantom 29 February 1900)."""


def key(text: str) -> str:
    """A header name without regard to case, spaces, hyphens or underscores."""
    return re.sub(r"[\s\-_]+", "", str(text).strip().lstrip("\ufeff")).casefold()


def words(text: str) -> str:
    """A policy's, role's or outcome's name without regard to case, spaces or punctuation."""
    return re.sub(r"[\W_]+", "", str(text)).casefold()


def _word_list(text: str) -> list[str]:
    return [w for w in re.split(r"[^a-z0-9]+", str(text).casefold()) if w]


# ---------------------------------------------------------------- columns


class MappingError(CheckerError):
    """A mapping file that cannot be used (not TOML, an unknown field, a header the file does not have)."""


def field_of(cell: str) -> tuple[str | None, bool]:
    """The field a header names and whether it names it by the field's own name (certain) or another one."""
    k = key(cell)
    if not k:
        return None, False
    for canonical in (*PERSON_FIELDS, *fact_ids()):
        if k == key(canonical):
            return canonical, True
    for field, names in HEADER_NAMES.items():
        for i, name in enumerate(names):
            if k == key(name):
                return field, i == 0 or k == key(field)
    if k.startswith("done") and len(k) > 4:  # done-agreement, "Done agreement review", done_observation
        pieces = re.split(r"[\s\-_]+", cell.strip().lstrip("\ufeff").casefold()[4:].strip(" -_"))
        return "done-" + "-".join(p for p in pieces if p), True
    return None, False


def match_columns(header: list[str], chosen: dict[str, str] | None) -> tuple[dict[str, int], dict[str, str], list[str]]:
    """Each field's column: from the mapping's [columns] first, else by header name. Returns the columns,
    how each was found ("mapping", "name" for its own name, "header" for another name the list knows) and the
    notes on columns passed over."""
    keys = [key(c) for c in header]
    columns: dict[str, int] = {}
    how: dict[str, str] = {}
    notes: list[str] = []
    taken: set[int] = set()
    for field, wanted in (chosen or {}).items():
        if not str(wanted).strip():
            how[field] = "off"  # the manager chose no column for this field
            continue
        if key(wanted) not in keys:
            raise MappingError("mapping", f"[columns] {field} = {team_quoted(wanted)}: the file has no column {team_quoted(wanted)} "
                                          f"(its columns: {', '.join(c.strip() for c in header if c.strip())})")
        columns[field] = keys.index(key(wanted))
        how[field] = "mapping"
        taken.add(columns[field])
    seen: dict[str, int] = {}
    for index, cell in enumerate(header):
        k = keys[index]
        if not k or index in taken:
            continue
        if k in seen:
            field, _ = field_of(cell)
            raise CheckerError(field or "file", f"the column {team_quoted(cell.strip())} appears twice in the header")
        seen[k] = index
        field, certain = field_of(cell)
        if field is None or field in how and how[field] in ("mapping", "off"):
            continue
        if field in columns:
            if certain and how[field] == "header":  # "Role" beats "Job Title": the field's own name wins
                notes.append(f"Column {team_quoted(header[columns[field]].strip())} not used for {field}: the file also has "
                             f"{team_quoted(cell.strip())}.")
            else:
                notes.append(f"Column {team_quoted(cell.strip())} not used for {field}: {team_quoted(header[columns[field]].strip())} is.")
                continue
        columns[field] = index
        how[field] = "name" if certain else "header"
    return columns, how, notes


def check_fields(chosen: dict) -> None:
    """A mapping's [columns] names only fields the check reads."""
    known = set(HEADER_NAMES) | set(PERSON_FIELDS) | set(fact_ids())
    for field in chosen:
        if field not in known and not str(field).startswith("done-"):
            raise MappingError("mapping", f"[columns] {team_quoted(field)} is not a field of the team file; use: "
                                          f"{', '.join(sorted(known))}")


# ---------------------------------------------------------------- role values


def suggest_role(value: str, roles: list[dict]) -> str | None:
    """The policy role whose name and id share most words with a job title, or None when none shares one."""
    mine = set()
    for w in _word_list(value):
        mine.update(_word_list(JOB_TITLE_WORDS.get(w, w)))
    mine = {w.rstrip("s") for w in mine if w not in _STOP}
    best, best_score = None, (0, 0.0)
    for role in roles:
        theirs = {w.rstrip("s") for w in _word_list(role["name"] + " " + role["id"].replace("-", " ")) if w not in _STOP}
        overlap = len(mine & theirs)
        score = (overlap, overlap / len(theirs) if theirs else 0.0)
        if overlap and score > best_score:
            best, best_score = role["id"], score
    return best


# ---------------------------------------------------------------- outcomes


@lru_cache(maxsize=4096)
def outcome_class(text: str) -> str | None:
    """'held', 'not-held', or None for a word the check does not know. An empty cell is a session held."""
    plain = " " + " ".join(_word_list(text)) + " "
    if not plain.strip():
        return "held"
    if any(" " + w in plain for w in NOT_HELD_WORDS):
        return "not-held"
    if any(" " + w in plain for w in HELD_WORDS):
        return "held"
    return None


# ---------------------------------------------------------------- the mapping file


def from_toml(text: str) -> dict:
    """A mapping file's three tables, checked for shape; TOML errors name the line."""
    import tomllib

    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError("mapping", f"the mapping file is not TOML: {exc}") from None
    return normalise(data)


def normalise(data) -> dict:
    """A mapping from the page (JSON) or a file (TOML), with each table a {text: text} dict."""
    if not isinstance(data, dict):
        raise MappingError("mapping", "a mapping has the tables [columns], [roles] and [outcomes]")
    unknown = set(data) - {"columns", "roles", "outcomes"}
    if unknown:
        raise MappingError("mapping", f"unknown table [{sorted(unknown)[0]}]: a mapping has [columns], [roles] and [outcomes]")
    out = {}
    for table in ("columns", "roles", "outcomes"):
        entries = data.get(table) or {}
        if not isinstance(entries, dict) or not all(isinstance(v, str) for v in entries.values()):
            raise MappingError("mapping", f"[{table}] holds lines of the form \"value\" = \"text\"")
        out[table] = {str(k): v.strip() for k, v in entries.items()}
    check_fields(out["columns"])
    for value, cls in out["outcomes"].items():
        if cls not in OUTCOME_CLASSES:
            raise MappingError("mapping", f"[outcomes] {team_quoted(value)} = {team_quoted(cls)}: an outcome is \"held\" or \"not-held\"")
    return out


def _toml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def to_toml(mapping: dict) -> str:
    """The mapping file, as the page downloads it and `team --mapping` reads it."""
    mapping = normalise(mapping)
    lines = ["# Team check mapping (Supervision Handbook): what the columns and values of this export mean.",
             "# Use it with: python -m checker team FILE --mapping THIS_FILE.toml", ""]
    comments = {"columns": "field = header as in the file; fields not listed are found by header name",
                "roles": "value in the role column = role id of the policy",
                "outcomes": "value in the outcome column = \"held\" or \"not-held\""}
    for table in ("columns", "roles", "outcomes"):
        lines.append(f"[{table}]  # {comments[table]}")
        for k, v in mapping[table].items():
            lines.append(f"{_toml_string(k)} = {_toml_string(v)}")
        lines.append("")
    return "\n".join(lines)


# ---------------------------------------------------------------- cells


@lru_cache(maxsize=8192)  # a team file repeats each start date on every row of the person
def iso_date(text: str, field: str) -> str:
    """A date as exports and Excel write it: ISO (2024-01-08), day first (08/01/2024, 08/01/24), with the
    month's name (01-Jul-2015, 1 July 2015) or as an Excel date serial (42186); a time of day is dropped.
    Two-digit years are read as Excel reads them: 00-29 are 2000-2029, 30-99 are 1930-1999."""
    t = text.strip()
    if _SERIAL.match(t):
        day = EXCEL_EPOCH + timedelta(days=int(float(t)))
        if not 20_000 <= int(float(t)) <= 80_000:
            raise CheckerError(field, f"{team_quoted(t)} is not a date (as an Excel date number it would be {day.isoformat()})")
        return day.isoformat()
    m = _TIME_TAIL.match(t)
    if m:
        t = m.group(1)
    m = _DAY_FIRST.match(t) or _DAY_MONTH_NAME.match(t)
    if m:
        d, mth, y = m.groups()
        year = int(y) if len(y) == 4 else (2000 if int(y) < 30 else 1900) + int(y)
        if not mth.isdigit():
            return parse_date(f"{int(d)} {mth} {year}", field).isoformat()
        try:
            return date(year, int(mth), int(d)).isoformat()
        except ValueError:
            raise CheckerError(field, f"{team_quoted(text.strip())} is not a real date (dates are read day first, as "
                                      f"31/01/2024)") from None
    return parse_date(t, field).isoformat()


def yes_no(text: str, field: str) -> bool:
    """A yes/no cell, read strictly: a word of vocabulary.YES_WORDS or NO_WORDS, or blank (no); else an error."""
    word = text.strip().casefold()
    if word in YES_WORDS:
        return True
    if not word or word in NO_WORDS:
        return False
    raise CheckerError(field, f"{team_quoted(text.strip())} is not yes or no (write yes, no, true, false, 1, 0, or leave it blank)")
