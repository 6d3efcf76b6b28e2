"""Reading the built site: where it is, and the text and ids of a built page."""

from __future__ import annotations

import os
import re
from html.parser import HTMLParser
from pathlib import Path

from checker.rulebook import policy_ids

ROOT = Path(__file__).resolve().parent.parent
SITE = Path(os.environ.get("HANDBOOK_SITE", ROOT / "site"))
SOURCES = ROOT / "sources"
POLICY_SLUGS = policy_ids()

_BLOCK_TAGS = {
    "p", "li", "td", "th", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "div", "br",
    "blockquote", "dt", "dd", "summary", "details", "table", "ul", "ol", "section", "article",
}


class _PageReader(HTMLParser):
    """Collects the readable text of the article and every id on the page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: set[str] = set()
        self._skipping: str | None = None  # the tag whose text is not part of the reading

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if attrs.get("id"):
            self.ids.add(attrs["id"])
        if self._skipping is None and (
            tag in ("script", "style") or "headerlink" in (attrs.get("class") or "")
        ):
            self._skipping = tag
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag == self._skipping:
            self._skipping = None
        if tag in _BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data):
        if self._skipping is None:
            self.parts.append(data)


def normalise(text: str) -> str:
    """One space between words, so that line wrapping and markup never matter."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def read_page(relative: str) -> tuple[str, set[str]]:
    """The normalised text and the ids of the built page at `relative` (e.g. 'policies/sefton/')."""
    path = SITE / relative / "index.html" if not relative.endswith(".html") else SITE / relative
    reader = _PageReader()
    reader.feed(path.read_text(encoding="utf-8"))
    return normalise("".join(reader.parts)), reader.ids
