"""The one registry of markers: every `<!-- family:name … -->` a page may carry, in one list.

A marker is an HTML comment that starts with a lower-case word and a colon. Each registered marker says how it
is written, where it may stand (on a line of its own or anywhere in a line; on which pages) and what replaces
it. `expand` replaces every marker of a page and stops the build, naming the file and the line, on a marker
that is not in the list, is misspelt, or stands where it may not. Ordinary comments (`<!-- a note -->`) are
left alone.

| Marker | Becomes |
|---|---|
| `<!-- rules:at-a-glance [POLICY] -->` | a policy page's "Requirements at a glance" box |
| `<!-- rules:by-kind KIND[,KIND…] -->` | every requirement of those kinds, policy by policy |
| `<!-- rules:policy-index [short] -->` | the policies side by side (`short`: three columns, for the home page) |
| `<!-- rules:frequency-comparison -->` | each policy's frequencies, with the roles they apply to |
| `<!-- rules:requirements-table -->` | a line per policy linking to its "Requirements at a glance" box, for the tool pages without JavaScript |
| `<!-- rules:readings -->` | every reading of ambiguous wording the checker applies |
| `<!-- rules:bank-holidays -->` | the sentence on working days and the calendar's range |
| `<!-- topic:requirements ID[,ID…] -->` | the named requirements, policy by policy |
| `<!-- topic:says PAGE/SECTION -->` | what each policy says on a comparison topic, from the rule files' `[topics]` |
| `<!-- policies:count [capital] -->` (in a line) | how many policies the rule files hold, in words ("five"; "Five") |
| `<!-- rule:ID -->` (in a line) | one requirement in running text, with its link and reading |
| `<!-- glossary:abbr KEY -->`, `<!-- glossary:term KEY -->` | a glossary entry (glossary.md only; `glossary`) |
| `<!-- checker:tool -->` | kept for the tool template, which draws the tool there (`template: tool.html`/`embed.html`) |
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from checker import wording

from . import rule_refs, tables, topics
from .errors import BuildError
from .links import Where, policy_of

GLOSSARY = "glossary.md"
TOOL_TEMPLATES = ("tool.html", "embed.html")

# A marker, known or not: an HTML comment opening with a lower-case word and a colon.
CANDIDATE = re.compile(r"<!--\s*[a-z][a-z-]*:[^\n]*?-->")


@dataclass(frozen=True)
class Marker:
    syntax: str
    """How it is written, for error messages."""
    pattern: str
    """A regular expression for the whole comment, with named groups for its arguments."""
    render: Callable[[Where, re.Match], str] | None
    """What replaces it; None keeps it for a later step (the glossary, the tool template)."""
    own_line: bool = True
    only_on: Callable[[Where, dict], bool] | None = None
    """The pages it may stand on (the page and its front matter), when not every page."""
    only_on_text: str = ""


def _at_a_glance(where: Where, m: re.Match) -> str:
    policy = m["arg"] or policy_of(where.src)
    if policy is None or policy_of(f"policies/{policy}.md") is None:
        raise BuildError(f"{where.src}: <!-- rules:at-a-glance --> on a page that is not a policy, "
                          f"and no policy named after it")
    return tables.at_a_glance(where, policy)


def _by_kind(where: Where, m: re.Match) -> str:
    kinds = m["kinds"].split(",")
    unknown = [k for k in kinds if k not in wording.KIND_NAMES]
    if unknown:
        raise BuildError(f"{where.src}: <!-- rules:by-kind … --> names unknown kinds {', '.join(unknown)}; "
                          f"the kinds are: {', '.join(wording.KIND_NAMES)}")
    return tables.by_kind(where, m["kinds"])


MARKERS: tuple[Marker, ...] = (
    Marker("<!-- rules:at-a-glance [POLICY] -->", r"<!-- rules:at-a-glance(?: (?P<arg>[a-z0-9-]+))? -->",
           _at_a_glance),
    Marker("<!-- rules:by-kind KIND[,KIND…] -->", r"<!-- rules:by-kind (?P<kinds>[a-z-]+(?:,[a-z-]+)*) -->",
           _by_kind),
    Marker("<!-- rules:policy-index [short] -->", r"<!-- rules:policy-index(?P<short> short)? -->",
           lambda where, m: tables.policy_index(where, brief=bool(m["short"]))),
    Marker("<!-- rules:frequency-comparison -->", r"<!-- rules:frequency-comparison -->",
           lambda where, m: tables.frequency_comparison(where)),
    Marker("<!-- rules:requirements-table -->", r"<!-- rules:requirements-table -->",
           lambda where, m: tables.requirements_table(where)),
    Marker("<!-- rules:readings -->", r"<!-- rules:readings -->", lambda where, m: tables.readings(where)),
    Marker("<!-- rules:bank-holidays -->", r"<!-- rules:bank-holidays -->",
           lambda where, m: tables.bank_holidays(where)),
    Marker("<!-- topic:requirements ID[,ID…] -->", r"<!-- topic:requirements (?P<ids>[A-Za-z0-9.-]+(?:,[A-Za-z0-9.-]+)*) -->",
           lambda where, m: tables.requirements_by_id(where, m["ids"])),
    Marker("<!-- topic:says PAGE/SECTION -->", r"<!-- topic:says (?P<key>[a-z0-9-]+/[a-z0-9-]+) -->",
           lambda where, m: topics.says(where, m["key"])),
    Marker("<!-- policies:count [capital] -->", r"<!-- policies:count(?P<capital> capital)? -->",
           lambda where, m: tables.policy_count(capital=bool(m["capital"])), own_line=False),
    Marker("<!-- rule:ID -->", r"<!-- rule:(?P<id>[A-Za-z0-9.-]+) -->",
           lambda where, m: rule_refs.render(where, m["id"]), own_line=False),
    Marker("<!-- glossary:abbr KEY -->", r"<!-- glossary:abbr \S.*? -->", None,
           only_on=lambda where, meta: where.src == GLOSSARY, only_on_text=GLOSSARY),
    Marker("<!-- glossary:term KEY -->", r"<!-- glossary:term \S.*? -->", None,
           only_on=lambda where, meta: where.src == GLOSSARY, only_on_text=GLOSSARY),
    Marker("<!-- checker:tool -->", r"<!-- checker:tool -->", None, only_on=lambda where, meta: meta.get(
        "template") in TOOL_TEMPLATES, only_on_text="a page whose front matter says template: tool.html or embed.html"),
)
_COMPILED = [(re.compile(marker.pattern), marker) for marker in MARKERS]


def find(comment: str) -> tuple[Marker, re.Match] | None:
    for pattern, marker in _COMPILED:
        if m := pattern.fullmatch(comment):
            return marker, m
    return None


def expand(markdown: str, where: Where, meta: dict) -> str:
    """The page's Markdown with every marker replaced (or kept for a later step); a wrong marker stops the build."""

    def one(candidate: re.Match) -> str:
        comment, start, end = candidate.group(0), candidate.start(), candidate.end()
        line = markdown.count("\n", 0, start) + 1
        found = find(comment)
        if found is None:
            known = "; ".join(marker.syntax for marker in MARKERS)
            raise BuildError(f"{where.src}:{line}: unknown marker {comment} (the markers are: {known})")
        marker, m = found
        alone = (start == 0 or markdown[start - 1] == "\n") and (end == len(markdown) or markdown[end] == "\n")
        if marker.own_line and not alone:
            raise BuildError(f"{where.src}:{line}: {comment} must stand on a line of its own")
        if marker.only_on and not marker.only_on(where, meta):
            raise BuildError(f"{where.src}:{line}: {comment} belongs only on {marker.only_on_text}")
        return marker.render(where, m) if marker.render else comment

    return CANDIDATE.sub(one, markdown)
