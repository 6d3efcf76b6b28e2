"""Reading a team file (CONTRIBUTING.md, "The team file"): its bytes in, a header row and numbered data rows out.

CSV (UTF-8 with or without Excel's byte-order mark, Windows-1252, UTF-16; commas, semicolons or tabs) is read
with the `csv` module; a spreadsheet (.xlsx, .ods) with `python-calamine`, loaded in the browser only when one
is chosen. Nothing here
knows what a column means (that is checker/team_mapping.py): every cell comes out as text, a date cell as
its ISO date. Line numbers are the spreadsheet's row numbers (the header is line 1). Standard library only,
but for the spreadsheet reader.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, datetime

from .errors import CheckerError
from .wording import TEAM_TOO_BIG, team_quoted

MAX_BYTES = 20_000_000
MAX_ROWS = 50_000
"""Bounds on what one file may hold; rows past the limit are reported, not read."""
CELL_LIMIT = 131_072
"""The longest cell read (the `csv` module's own default limit): a longer one is reported by its line."""
MAX_QUOTE_RESTARTS = 20
"""Unclosed quotes reported before the rest of the file is given up on (each one re-reads what it swallowed)."""


class FileError(CheckerError):
    """The whole file cannot be read (not text, no header, a required column missing)."""


@dataclass
class Sheet:
    """What a file holds: its header cells, its data rows with their line numbers, row errors and notes."""

    header: list[str]
    rows: list[tuple[int, list[str]]]
    errors: list[dict] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)
    """A workbook's sheet names (the first is read unless one is chosen)."""
    sheet: str | None = None


def _bytes(data) -> bytes | str:
    if isinstance(data, str):
        return data
    if hasattr(data, "to_bytes"):  # a JavaScript typed array in Pyodide
        data = data.to_bytes()
    return bytes(data)


def read(data, sheet: str | None = None) -> Sheet:
    """The rows of a CSV file or a spreadsheet, whichever the bytes are."""
    data = _bytes(data)
    if len(data) > MAX_BYTES:
        raise FileError("file", TEAM_TOO_BIG.format(file="the file", mb=f"{len(data) / 1e6:.1f}",
                                                    max=MAX_BYTES // 1_000_000))
    if is_spreadsheet(data):
        return read_workbook(data, sheet)
    text, notes = decode(data)
    out = read_csv(text)
    out.notes[:0] = notes
    return out


# ---------------------------------------------------------------- CSV


def decode(data: bytes | str) -> tuple[str, list[str]]:
    """Text from the file's bytes: UTF-8 (with or without a byte-order mark), else Windows-1252 with a note.
    A NUL character anywhere refuses the file: no spreadsheet writes one into a CSV file."""
    if isinstance(data, str):
        text, notes = data.lstrip("\ufeff"), []
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text, notes = data.decode("utf-16"), ["The file is in UTF-16 (Excel's \"Unicode Text\"); it was read as such."]
        except UnicodeDecodeError:
            raise FileError("file", "the file starts as UTF-16 text but is not: save the spreadsheet as CSV") from None
    else:
        text, notes = _decode_8bit(data)
    where = text.find("\x00")
    if where >= 0:
        line = text.count("\n", 0, where) + 1
        raise FileError("file", f"the file is not text: it holds binary data (a NUL byte on line {line}); "
                                "save the spreadsheet as CSV")
    return text.lstrip("\ufeff"), notes


def _decode_8bit(data: bytes) -> tuple[str, list[str]]:
    try:
        return data.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise FileError("file", "the file is not text: it holds binary data (NUL bytes); save the spreadsheet as CSV")
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


def _swallowed(cell: str, sep: str, width: int) -> bool:
    """Whether a cell holds whole rows of the file after a line break: the mark of a quote never closed
    (a note with line breaks in it rarely holds as many separators as a row has)."""
    if "\n" not in cell and "\r" not in cell or width < 3:
        return False
    inner = cell.splitlines()[1:]
    return any(line.count(sep) >= width - 1 for line in inner[:50])


def read_csv(text: str) -> Sheet:
    """The header and the rows of a CSV text. A cell over CELL_LIMIT characters and a quote never closed are
    reported by their line, and reading goes on after them."""
    lines = text.splitlines(keepends=True)
    first = next((ln for ln in lines if ln.strip()), "")
    sep, notes = _delimiter(first.rstrip("\r\n"))
    limit = csv.field_size_limit()
    csv.field_size_limit(max(limit, MAX_BYTES + 1))  # long cells are measured here, so reading never stops at one
    try:
        return _read_records(lines, sep, notes)
    finally:
        csv.field_size_limit(limit)


def _read_records(lines: list[str], sep: str, notes: list[str]) -> Sheet:
    # A cell over the limit is on a line over the limit, or in a record of several lines: only then measured.
    long_lines = any(len(ln) > CELL_LIMIT for ln in lines)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    errors: list[dict] = []
    line = 0  # the spreadsheet's row number of the last record read
    start = 0  # the physical line the reader starts at
    restarts = 0
    while start < len(lines):
        reader = csv.reader(iter(lines[start:]), delimiter=sep)
        consumed = 0
        restart_at = None
        try:
            for record in reader:
                spanned = reader.line_num - consumed
                consumed = reader.line_num
                if header is None:
                    line += 1
                    if any(cell.strip() for cell in record):
                        header = record
                        if any(len(c) > CELL_LIMIT for c in header):
                            raise FileError("file", "the header row has a cell longer than "
                                                    f"{CELL_LIMIT:,} characters: it is not a header")
                    continue
                line += 1
                width = len(header)
                if spanned > 1 and any(_swallowed(c, sep, width) for c in record):
                    first_physical = start + consumed - spanned
                    errors.append({"line": line, "field": "file", "message":
                                   f"a quote (\") opened on this line is never closed: it swallowed the "
                                   f"{spanned - 1} line(s) after it, which are read again from the next line"})
                    restart_at = first_physical + 1
                    break
                if len(rows) >= MAX_ROWS:
                    errors.append({"line": line, "field": "file", "message":
                                   f"the team check reads at most {MAX_ROWS:,} rows: this row and those after it "
                                   "were not read (split the file by team)"})
                    return Sheet(header, rows, errors, notes)
                long = next((i for i, c in enumerate(record) if len(c) > CELL_LIMIT), None) \
                    if long_lines or spanned > 1 else None
                if long is not None:
                    name = header[long].strip() if long < width else f"column {long + 1}"
                    errors.append({"line": line, "field": "file", "message":
                                   f"the cell under {team_quoted(name)} is {len(record[long]):,} characters long (the most "
                                   f"read is {CELL_LIMIT:,}): this row was not read"})
                    continue
                if "".join(record).strip():
                    rows.append((line, record))
        except csv.Error as exc:
            errors.append({"line": line + 1, "field": "file", "message": f"this row cannot be read as CSV ({exc}); "
                                                                        "the rows after it were not read"})
            break
        if restart_at is None:
            break
        restarts += 1
        if restarts > MAX_QUOTE_RESTARTS:
            errors.append({"line": line, "field": "file", "message":
                           f"more than {MAX_QUOTE_RESTARTS} quotes are never closed: the rest of the file was not read"})
            break
        start = restart_at
    if header is None:
        raise FileError("file", "the file is empty: it needs a header row (name, role, start, session) and a row per session")
    return Sheet(header, rows, errors, notes)


# ---------------------------------------------------------------- spreadsheets

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
"""The start of a Compound File: an Excel 97-2003 workbook (.xls), or any workbook protected by a password."""
SHEET_ROWS_READ = MAX_ROWS + 1_000
"""Spreadsheet rows read at most (room for blank rows and the header above the MAX_ROWS data rows)."""


def is_spreadsheet(data) -> bool:
    """Whether the bytes are a workbook (a zip file: .xlsx, .ods; or a Compound File: .xls) rather than text."""
    return isinstance(data, bytes) and (data.startswith(b"PK\x03\x04") or data.startswith(OLE))


def cell_text(value) -> str:
    """A spreadsheet cell as text: a date cell as its ISO date, a whole number without '.0'."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _kind(data: bytes) -> str:
    """Which workbook the bytes are ("xlsx", "ods", "xls"), or a FileError saying what they are instead."""
    if data.startswith(OLE):
        return "xls"
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
        with archive.open("mimetype") if "mimetype" in names else io.BytesIO() as entry:
            kind = entry.read(100)  # at most: it is a one-line name
    except (zipfile.BadZipFile, KeyError, OSError, RuntimeError):
        raise FileError("file", "the file looks like a spreadsheet but is damaged: open it and save it again") from None
    if "xl/workbook.xml" in names:
        return "xlsx"
    if "content.xml" in names and kind in (b"", b"application/vnd.oasis.opendocument.spreadsheet"):
        return "ods"  # (an OpenDocument text or presentation says so in its mimetype)
    raise FileError("file", "this is a zip file, not a spreadsheet (.xlsx, .ods) or a CSV file")


def read_workbook(data: bytes, sheet: str | None = None) -> Sheet:
    """The first sheet of a workbook (or the one chosen), read with python-calamine: values, not formulas."""
    kind = _kind(data)
    try:
        from python_calamine import CalamineWorkbook
    except ImportError:  # the browser loads python-calamine only when a spreadsheet is chosen
        raise FileError("file", "reading spreadsheets needs the python-calamine package, which is not loaded") from None
    try:
        book = CalamineWorkbook.from_filelike(io.BytesIO(data))
        sheets = list(book.sheet_names)
        if not sheets:
            raise FileError("file", "the workbook has no sheets: it needs a header row and a row per session")
        chosen = sheet if sheet in sheets else sheets[0]
        found = book.get_sheet_by_name(chosen)
        values = found.to_python(skip_empty_area=False, nrows=SHEET_ROWS_READ)
        height = found.end[0] + 1 if found.end else 0  # rows from the sheet's first, blank ones included
    except FileError:
        raise
    except Exception as exc:  # noqa: BLE001 - any fault of a damaged workbook is the file's, said once
        raise FileError("file", _unreadable(kind, exc)) from None
    notes = [f"The workbook has {len(sheets)} sheets; \u201c{chosen}\u201d was read."] if len(sheets) > 1 else []
    header, rows, errors = None, [], []
    for line, cells in enumerate(values, start=1):
        cells = [cell_text(v) for v in cells]
        if header is None:
            if any(c.strip() for c in cells):
                header = cells
            continue
        if len(rows) >= MAX_ROWS:
            errors.append({"line": line, "field": "file", "message":
                           f"the team check reads at most {MAX_ROWS:,} rows: this row and those after it were "
                           "not read (split the file by team)"})
            break
        if "".join(cells).strip():
            rows.append((line, cells))
    else:
        if height > SHEET_ROWS_READ:
            errors.append({"line": SHEET_ROWS_READ + 1, "field": "file", "message":
                           f"the team check reads the first {SHEET_ROWS_READ:,} rows of a sheet: this row and those "
                           "after it were not read (split the file by team)"})
    if header is None:
        raise FileError("file", f"the sheet \u201c{chosen}\u201d is empty: it needs a header row and a row per session")
    while header and not header[-1].strip():
        header.pop()
    return Sheet(header, rows, errors, notes, sheets, chosen)


def _unreadable(kind: str, exc: Exception) -> str:
    """What to say of a workbook the reader refused: a password, an old format, or damage."""
    if type(exc).__name__ == "PasswordError":
        return "the workbook is protected by a password: open it, remove the password (or save it as CSV) and choose it again"
    if kind == "xls":
        return ("the file is an old Excel workbook (.xls) or a protected one that cannot be read: save it as .xlsx or "
                "as \"CSV UTF-8 (Comma delimited)\"")
    what = "OpenDocument spreadsheet (.ods)" if kind == "ods" else "Excel workbook (.xlsx)"
    return f"the {what} cannot be read: open it and save it again, or save it as CSV"
