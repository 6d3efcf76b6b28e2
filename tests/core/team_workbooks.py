"""Workbooks the team tests write, as the spreadsheets managers keep them: .xlsx with openpyxl (the issue asks
for that), .ods assembled here as LibreOffice lays one out (a zip of the OpenDocument parts, the sheets in
content.xml), so that no reader of the checker's own writes the files it is tested on."""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime
from xml.sax.saxutils import escape, quoteattr

import pytest


def xlsx(rows, sheets=()) -> bytes:
    """The rows on the first sheet of an Excel workbook (dates as date cells); `sheets` names blank sheets after it."""
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for name in sheets:
        book.create_sheet(name)
    for row in rows:
        book.worksheets[0].append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


ODS_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0"')


def _ods_cell(value) -> str:
    if value is None or value == "":
        return "<table:table-cell/>"
    if isinstance(value, (datetime, date)):
        day = value.date() if isinstance(value, datetime) else value
        return (f'<table:table-cell office:value-type="date" office:date-value="{day.isoformat()}">'
                f"<text:p>{day:%d/%m/%Y}</text:p></table:table-cell>")
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return f'<table:table-cell office:value-type="float" office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
    return f'<table:table-cell office:value-type="string"><text:p>{escape(str(value))}</text:p></table:table-cell>'


def ods(rows, sheets=(), name="Sheet1") -> bytes:
    """The rows on the first sheet of an OpenDocument spreadsheet (dates as date cells, numbers as numbers)."""
    tables = [f"<table:table table:name={quoteattr(name)}>" + "".join(
        "<table:table-row>" + "".join(_ods_cell(v) for v in row) + "</table:table-row>" for row in rows) + "</table:table>"]
    tables += [f"<table:table table:name={quoteattr(s)}><table:table-row><table:table-cell/></table:table-row></table:table>"
               for s in sheets]
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ODS_NS} office:version="1.3">'
               f"<office:body><office:spreadsheet>{''.join(tables)}</office:spreadsheet></office:body>"
               "</office:document-content>")
    manifest = (f'<?xml version="1.0" encoding="UTF-8"?><manifest:manifest {ODS_NS} manifest:version="1.3">'
                '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                "</manifest:manifest>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.spreadsheet")  # first, stored
        z.writestr("META-INF/manifest.xml", manifest, compress_type=zipfile.ZIP_DEFLATED)
        z.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
