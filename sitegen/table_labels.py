"""Tables that fit a phone (issue 11): every cell of a table with a header row gets `data-label` (its
column's heading), and the table `data-stack`, so that on a narrow screen handbook.css can show each row
as a card of "heading: value" lines instead of a table cut off at the right. Wide screens see the table
unchanged. Forms (`<div class="form">`) keep their table layout, which they need to be filled in.
"""

from __future__ import annotations

import html
import re

TABLE = re.compile(r"<table>(.*?)</table>", re.S)
HEAD = re.compile(r"<thead>(.*?)</thead>", re.S)
HEADING = re.compile(r"<th\b[^>]*>(.*?)</th>", re.S)
ROW = re.compile(r"<tr>(.*?)</tr>", re.S)
CELL = re.compile(r"<td\b")
TAG = re.compile(r"<[^>]+>")


def _label(match: re.Match) -> str:
    table = match.group(0)
    head = HEAD.search(table)
    if not head:
        return table
    labels = [" ".join(html.unescape(TAG.sub("", h)).split()) for h in HEADING.findall(head.group(1))]
    if len(labels) < 3:  # two columns fit any screen
        return table

    def row(m: re.Match) -> str:
        cells = iter(labels)
        return "<tr>" + CELL.sub(lambda _: f'<td data-label="{html.escape(next(cells, ""), quote=True)}"', m.group(1)) + "</tr>"

    body_at = head.end()
    return '<table data-stack="">' + table[len("<table>"):body_at] + ROW.sub(row, table[body_at:])


def label_tables(html_text: str) -> str:
    return TABLE.sub(_label, html_text)
