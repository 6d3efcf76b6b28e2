""""Must" and "should" made visible in the policies' own text, without changing a word.

On the policy pages, every whole word must / shall (a duty), should (an expectation) and will (a statement of
what will happen) in the policy text is wrapped in `<span class="hb-must">`, `hb-should` or `hb-will`, and a
short legend with the counts goes above the document control box. Only the look changes: the words, their case
and the text around them are untouched (tests/test_policy_pages.py checks every sentence of each source verbatim).

Skipped: headings, links, code, abbreviations, and the handbook's own boxes (admonitions, the generated
"Requirements at a glance" table), which are not the policy's text.
"""

from __future__ import annotations

import re

from .links import policy_of

CLASSES = {"must": "hb-must", "shall": "hb-must", "should": "hb-should", "will": "hb-will"}
WORD = re.compile(r"\b(must|shall|should|will)\b", re.I)

_TOKEN = re.compile(r"(<!--.*?-->|<[^>]+>)", re.S)
_TAG = re.compile(r"<\s*(/)?\s*([a-zA-Z0-9]+)([^>]*?)(/)?\s*>", re.S)
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
_SKIP_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6", "a", "code", "pre", "script", "style", "abbr", "summary",
              "details", "svg", "button", "label"}
_SKIP_CLASS = re.compile(r'class="[^"]*\badmonition\b')


def mark(html: str) -> tuple[str, dict[str, int]]:
    """The HTML with each duty word wrapped, and how many of each class were marked."""
    counts = {"hb-must": 0, "hb-should": 0, "hb-will": 0}
    stack: list[bool] = []  # for each open element: is its content skipped?
    out = []

    def wrap(m: re.Match) -> str:
        cls = CLASSES[m.group(1).lower()]
        counts[cls] += 1
        return f'<span class="{cls}">{m.group(1)}</span>'

    for token in _TOKEN.split(html):
        if not token:
            continue
        if token.startswith("<!--"):
            out.append(token)
            continue
        tag = _TAG.fullmatch(token) if token.startswith("<") else None
        if tag:
            closing, name, attrs, selfclosing = tag.group(1), tag.group(2).lower(), tag.group(3), tag.group(4)
            if closing:
                if stack:
                    stack.pop()
            elif name not in _VOID and not selfclosing:
                skipped = (stack and stack[-1]) or name in _SKIP_TAGS or bool(_SKIP_CLASS.search(attrs))
                stack.append(bool(skipped))
            out.append(token)
        elif stack and stack[-1]:
            out.append(token)
        else:
            out.append(WORD.sub(wrap, token))
    return "".join(out), counts


def legend(counts: dict[str, int]) -> str:
    return (
        '<p class="hb-modal-legend" data-search-exclude>'
        "In this policy’s text, "
        f'<span class="hb-must">must</span> and <span class="hb-must">shall</span> mark a duty '
        f"({counts['hb-must']}), "
        f'<span class="hb-should">should</span> an expectation ({counts["hb-should"]}), and '
        f'<span class="hb-will">will</span> a statement of what will happen ({counts["hb-will"]}). '
        "The marks change only how the words look, never the words."
        "</p>"
    )


def mark_policy_page(html: str, src_uri: str) -> str:
    if policy_of(src_uri) is None:
        return html
    marked, counts = mark(html)
    # The legend goes just above the document control box (below the title and any review notice).
    box = re.search(r'<div class="admonition info">', marked)
    if box:
        return marked[:box.start()] + legend(counts) + marked[box.start():]
    return re.sub(r"(</h1>)", lambda m: m.group(1) + legend(counts), marked, count=1)
