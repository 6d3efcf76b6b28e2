"""Topic pages (docs/compare/) and policy pages link to each other both ways.

1. `collect` reads every topic page's Markdown, with its markers expanded exactly as the build expands them
   (`markers.expand`), and returns its links to policy paragraphs (`../policies/sefton.md#p3-12`).
2. `add_back_links`, on each policy page, puts a small "Compare with other authorities: <Topic>" paragraph
   under each paragraph a topic page cites: after the paragraph (its text and the list or quotation it runs
   on into), or straight after a cited heading (`## 7. Frequency {#p7}`). A cited anchor that the policy page
   does not carry stops the build, naming the topic page.

A topic page's link text on the policy pages is its `topic:` front matter (a short name), else its title.
"""

from __future__ import annotations

import re

from markdown.extensions.toc import slugify

from . import markers
from .errors import BuildError
from .links import Sources, Where, policy_of, policy_page, split_front_matter

COMPARE = "compare/"
POLICY_LINK = re.compile(r"\]\((?:\.\./)?policies/(?P<slug>[a-z0-9-]+)\.md#(?P<anchor>[a-z0-9-]+)\)")
ANCHOR_LINE = re.compile(r"^\{: #(?P<id>[a-z0-9-]+) \}\s*$")
HEADING = re.compile(r"^#{1,6} .*\{#(?P<id>[a-z0-9-]+)\}\s*$")
PLAIN_HEADING = re.compile(r"^#{1,6} (?P<text>[^{]+?)\s*$")  # its id is MkDocs' slug of the text
# Where a numbered paragraph's run-on (its list, quotation or unnumbered follow-on text) ends.
_BLOCK_END = re.compile(r"^(#{1,6} |\*\*(\d|[A-Z]\b)|<div|</div>|!!! |<figure|\{: #)")

Cites = dict[tuple[str, str], list[tuple[str, str]]]
"""(policy slug, anchor) → [(topic page, topic name)], in page order."""


# ---------------------------------------------------------------- topic pages


def collect(sources: Sources) -> Cites:
    cites: Cites = {}
    for src in sorted(sources.pages()):
        if not src.startswith(COMPARE) or src == COMPARE + "index.md":
            continue
        front, body, meta = split_front_matter(src, sources.text(src))
        title = meta.get("topic") or meta.get("title") or re.search(r"^# (.+)$", body, re.M)[1]
        for m in POLICY_LINK.finditer(markers.expand(body, Where(src, sources), meta)):
            topics = cites.setdefault((m["slug"], m["anchor"]), [])
            if src not in (t[0] for t in topics):
                topics.append((src, title))
    return cites


# ---------------------------------------------------------------- policy pages


def _anchors(lines: list[str]) -> dict[str, tuple[int, bool]]:
    """Every anchor of a page's lines: its first line, and whether it is a paragraph's (`{: #p3-12 }`) rather
    than a heading's. One pass over the page, however many anchors are cited."""
    found: dict[str, tuple[int, bool]] = {}
    for i, line in enumerate(lines):
        if h := HEADING.match(line):
            found.setdefault(h["id"], (i, False))
        elif h := PLAIN_HEADING.match(line):
            found.setdefault(slugify(h["text"], "-"), (i, False))
        elif a := ANCHOR_LINE.match(line):
            found.setdefault(a["id"], (i, True))
    return found


def _insertion_point(lines: list[str], anchor: str, anchors: dict[str, tuple[int, bool]]) -> int | None:
    """The index of the line before which the back-link goes, or None when the page has no such anchor."""
    if anchor not in anchors:
        return None
    i, paragraph = anchors[anchor]
    if not paragraph:
        return i + 1
    j = i + 1
    while j < len(lines) and not _BLOCK_END.match(lines[j]):
        j += 1
    while j > i + 1 and not lines[j - 1].strip():  # keep the blank lines after the back-link
        j -= 1
    return j


def back_link(where: Where, topics: list[tuple[str, str]]) -> list[str]:
    links = " · ".join(f"[{name}]({where.md_link(src)})" for src, name in topics)
    return ["", f"Compare with other authorities: {links}", "{: .hb-compare data-search-exclude }", ""]


def add_back_links(markdown: str, where: Where, cites: Cites) -> str:
    """A policy page's Markdown with a back-link under each paragraph a topic page cites."""
    slug = policy_of(where.src)
    if slug is None:
        return markdown
    src = policy_page(slug)
    lines = markdown.split("\n")
    anchors = _anchors(lines)
    inserts: list[tuple[int, list[str]]] = []
    for (cited_slug, anchor), topics in cites.items():
        if cited_slug != slug:
            continue
        at = _insertion_point(lines, anchor, anchors)
        if at is None:
            raise BuildError(f"{', '.join(t[0] for t in topics)}: links to {src}#{anchor}, "
                              f"which is not a numbered paragraph or heading anchor on that page")
        inserts.append((at, back_link(where, topics)))
    for at, block in sorted(inserts, key=lambda x: x[0], reverse=True):
        lines[at:at] = block
    return "\n".join(lines)
