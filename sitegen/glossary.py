"""The glossary, built from the one list of abbreviations that also gives every page its tooltips.

`docs/includes/abbreviations.md` holds `*[ASYE]: Assessed and Supported Year in Employment` lines; pymdownx.snippets
appends it to every page (`auto_append`), so the `abbr` extension marks each abbreviation with a tooltip.
On `docs/glossary.md`, an entry is a marker followed by its explanation:

    <!-- glossary:abbr ASYE -->
    The first year in practice of a newly qualified social worker ...

    <!-- glossary:term Consultant Social Worker -->
    A senior practitioner who ...

The build puts the heading and, for an abbreviation, its expansion (from the abbreviations file, so tooltip and
glossary never differ) above the explanation, and "Where the policies use it" below, found by reading the policy
pages: each use is linked to its numbered paragraph. The build stops when an abbreviation
has no entry or two, an entry names an unknown abbreviation, or a term is used on no page.
"""

from __future__ import annotations

import posixpath
import re
from functools import lru_cache
from pathlib import PurePosixPath

from checker.rulebook import policy_ids

from .errors import BuildError
from .links import Where, label_for, policy_page, short

ABBREVIATIONS = "includes/abbreviations.md"
GLOSSARY = "glossary.md"

_ABBR_LINE = re.compile(r"^\*\[(?P<key>[^\]]+)\]:\s*(?P<title>\S.*)$")
_ENTRY = re.compile(r"^<!-- glossary:(?P<kind>abbr|term) (?P<key>.+?) -->$", re.M)
_ANCHOR = re.compile(r"\{:?\s*#(?P<id>(?:p[0-9a-z][0-9a-z-]*|appendix-[0-9a-z]+))\b[^}]*\}")
_MAX_LINKS = 12  # per policy; the rest are counted


# ---------------------------------------------------------------- reading the sources


def read_abbreviations(text: str) -> dict[str, str]:
    """The abbreviations file as {abbreviation: expansion}; a malformed or repeated line stops the build."""
    found: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        m = _ABBR_LINE.match(line)
        if not m:
            raise BuildError(f"{ABBREVIATIONS}:{number}: not an abbreviation line (*[ABBR]: Expansion)")
        if m["key"] in found:
            raise BuildError(f"{ABBREVIATIONS}:{number}: {m['key']} is defined twice")
        found[m["key"]] = m["title"].strip()
    return found


def policy_blocks(text: str) -> list[tuple[str, str]]:
    """The policy text of a page as (anchor of the paragraph it belongs to, block), skipping the editor's boxes.

    A numbered paragraph carries its anchor in its own block (`{: #p3-12 }` on the line after it); a list or
    quotation that follows belongs to the last anchor seen. Text before the first anchor belongs to '' (the page).
    """
    out, current, box = [], "", None
    for block in re.split(r"\n\s*\n", text):
        stripped = block.strip()
        if not stripped or stripped.startswith("<!--") or stripped.startswith("# "):
            continue
        if re.match(r"^(!!!|\?\?\?)", stripped):
            box = "control" if "Document control" in stripped.splitlines()[0] else "editor"
            continue
        if box and block.startswith("    "):
            if box == "control":  # the source's own document control (version, dates) is policy text
                out.append(("", block))
            continue
        box = None
        anchors = _ANCHOR.findall(block)
        if anchors:
            current = anchors[0]
        out.append((current, block))
    return out


def _names(kind: str, key: str) -> list[str]:
    """An entry may list other names it goes by: `Supervision agreement | supervision contract`, `NQSW | NQSWs`."""
    return [n.strip() for n in key.split("|") if n.strip()]


def _pattern(kind: str, key: str) -> re.Pattern:
    # The same boundaries as the abbr extension: an abbreviation matches case and all; a term ignores case.
    names = "|".join(re.escape(n) for n in _names(kind, key))
    return re.compile(rf"(?<!\w)(?:{names})(?!\w)", 0 if kind == "abbr" else re.I)


def uses(where: Where, kind: str, key: str) -> tuple[dict[str, list[str]], list[str]]:
    """Where a key is used: {policy: [anchors in order]} on the policy pages, and the other pages' paths.

    Each page is read once (`_readable_blocks`, `_readable_page`, cached), and a block is searched only when one
    of the key's names occurs in it as plain text, so that the glossary's cost grows with the policies, not
    with the policies times the entries times the blocks."""
    pattern = _pattern(kind, key)
    names = [n.lower() for n in _names(kind, key)]
    in_policies: dict[str, list[str]] = {}
    for slug in policy_ids():
        anchors = []
        for anchor, block, lowered in _readable_blocks(where.sources.text(where.target(policy_page(slug)))):
            if anchor not in anchors and any(n in lowered for n in names) and pattern.search(block):
                anchors.append(anchor)
        if anchors:
            in_policies[slug] = anchors
    others = []
    for rel in sorted(where.sources.pages(), key=PurePosixPath):
        if rel.startswith(("policies/", "includes/")) or rel == GLOSSARY:
            continue
        if pattern.search(_readable_page(where.sources.text(rel))):
            others.append(rel)
    return in_policies, others


@lru_cache(maxsize=None)
def _readable_blocks(text: str) -> tuple[tuple[str, str, str], ...]:
    """A policy page's blocks as (anchor, the text a reader sees, the same in lower case)."""
    return tuple((anchor, readable, readable.lower())
                 for anchor, block in policy_blocks(text) for readable in [_strip_links(block)])


@lru_cache(maxsize=None)
def _readable_page(text: str) -> str:
    return _strip_links(_strip_markers(text))


def _strip_links(text: str) -> str:
    """Link targets and attribute lists are not text a reader sees."""
    text = re.sub(r"\]\([^)]*\)", "]", text)
    return re.sub(r"\{[:#.][^}]*\}", "", text)


def _strip_markers(text: str) -> str:
    return re.sub(r"<!--.*?-->", "", text, flags=re.S)


# ---------------------------------------------------------------- the page


def _slug(key: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", key.lower()).strip("-")


def _used_line(where: Where, in_policies: dict[str, list[str]], others: list[str]) -> str:
    parts = []
    for slug, anchors in in_policies.items():
        target = where.md_link(policy_page(slug))
        links = [f"[{label_for(a)}]({target}#{a})" if a else f"[opening]({target})"
                 for a in anchors[:_MAX_LINKS]]
        more = f" and {len(anchors) - _MAX_LINKS} more" if len(anchors) > _MAX_LINKS else ""
        parts.append(f"{short(slug)} " + ", ".join(links) + more)
    line = "; ".join(parts)
    if others and not parts:
        line = "the handbook's own pages: " + ", ".join(
            f"[{posixpath.splitext(o)[0]}]({where.md_link(o)})" for o in others)
    return f"*Where it is used:* {line}.\n{{: .hb-glossary-uses }}\n"


def render_glossary(markdown: str, where: Where) -> str:
    page_src = where.src
    abbreviations = read_abbreviations(where.sources.text(ABBREVIATIONS))
    entries = list(_ENTRY.finditer(markdown))
    seen: dict[str, int] = {}
    for m in entries:
        for name in _names(m["kind"], m["key"]):
            seen[name] = seen.get(name, 0) + 1
            if m["kind"] == "abbr" and name not in abbreviations:
                raise BuildError(f"{page_src}: glossary entry for {name}, which is not in {ABBREVIATIONS}")
    twice = sorted(k for k, n in seen.items() if n > 1)
    missing = sorted(k for k in abbreviations if k not in seen)
    if twice or missing:
        raise BuildError(f"{page_src}: every abbreviation needs one glossary entry; "
                          f"twice: {twice or 'none'}; missing: {missing or 'none'}")

    out, last = [], 0
    for i, m in enumerate(entries):
        end = entries[i + 1].start() if i + 1 < len(entries) else len(markdown)
        # An entry's explanation runs to the next entry or the next heading, whichever comes first.
        heading = re.search(r"^#{1,6} ", markdown[m.end():end], re.M)
        body_end = m.end() + heading.start() if heading else end
        kind, key = m["kind"], m["key"]
        in_policies, others = uses(where, kind, key)
        if not in_policies and not others:
            raise BuildError(f"{page_src}: glossary entry {key!r} is used on no page of the handbook")
        out.append(markdown[last:m.start()])
        name, *also = _names(kind, key)
        head = f"### {name} {{#{_slug(name)} .hb-glossary-term }}\n\n"
        if kind == "abbr":
            head += f"**{abbreviations[name]}**" + "".join(f" (also printed “{a}”)" for a in also)
            head += "\n{: .hb-glossary-expansion }\n\n"
        elif also:
            head += "Also: " + ", ".join(f"“{a}”" for a in also) + "\n{: .hb-glossary-expansion }\n\n"
        out.append(head + markdown[m.end():body_end].strip() + "\n\n" + _used_line(where, in_policies, others)
                   + "\n")
        last = body_end
    out.append(markdown[last:])
    return "".join(out)


def add_glossary(markdown: str, where: Where) -> str:
    """The glossary page with its entries written out; other pages unchanged (`markers` keeps the glossary's
    markers to this page)."""
    return render_glossary(markdown, where) if where.src == GLOSSARY else markdown
