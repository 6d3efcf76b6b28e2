"""MkDocs hook: the topic pages (docs/compare/) and the policy pages link to each other both ways.

1. `on_files` reads every topic page's Markdown, with its markers expanded exactly as the build expands them,
   and collects its links to policy paragraphs (`../policies/sefton.md#p3-12`).
2. `on_page_markdown`, on each policy page, puts a small "Compare with other authorities: <Topic>" paragraph
   under each paragraph a topic page cites: after the paragraph (its text and the list or quotation it runs
   on into), or straight after a cited heading (`## 7. Frequency {#p7}`). A cited anchor that the policy page
   does not carry stops the build, naming the topic page (STYLE.md, habit 11).
3. `<!-- topic:requirements ID[,ID…] -->` on a topic page renders the named requirements from the rule data
   (`python -m checker rules` ids) as a table, one block per policy, so that a topic page that groups
   requirements by stage (newly qualified, new starters …) never retypes a frequency or a deadline. An unknown
   id stops the build.

A topic page's link text on the policy pages is its `topic:` front matter (a short name), else its title.
"""

from __future__ import annotations

import importlib.util
import posixpath
import re
from pathlib import Path
from types import SimpleNamespace

from markdown.extensions.toc import slugify
from mkdocs.exceptions import PluginError
from mkdocs.utils.meta import get_data

from checker import api
from checker.rulebook import policy_ids

POLICY_IDS = policy_ids()

COMPARE = "compare/"
POLICY_LINK = re.compile(r"\]\((?:\.\./)?policies/(?P<slug>[a-z-]+)\.md#(?P<anchor>[a-z0-9-]+)\)")
TOPIC_MARKER = re.compile(r"^<!-- topic:requirements (?P<ids>[A-Za-z0-9.,-]+) -->$", re.M)
ANCHOR_LINE = re.compile(r"^\{: #(?P<id>[a-z0-9-]+) \}\s*$")
HEADING = re.compile(r"^#{1,6} .*\{#(?P<id>[a-z0-9-]+)\}\s*$")
PLAIN_HEADING = re.compile(r"^#{1,6} (?P<text>[^{]+?)\s*$")  # its id is MkDocs' slug of the text
# Where a numbered paragraph's run-on (its list, quotation or unnumbered follow-on text) ends.
_BLOCK_END = re.compile(r"^(#{1,6} |\*\*(\d|[A-Z]\b)|<div|</div>|!!! |<figure|\{: #)")

_cites: dict[tuple[str, str], list[tuple[str, str]]] = {}  # (slug, anchor) → [(topic src, topic name)]


def _rules_tables():
    """The rules_tables hook as a module, to expand its markers and reuse its cells."""
    path = Path(__file__).with_name("rules_tables.py")
    spec = importlib.util.spec_from_file_location("handbook_rules_tables_for_crosslinks", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_rt = _rules_tables()


# ---------------------------------------------------------------- topic pages


def requirements_by_id(page_src: str, ids: str) -> str:
    """The named requirements, grouped by policy in the usual order (rules_tables' table)."""
    wanted = ids.split(",")
    every = {r["id"]: r for r in api.rules()}
    unknown = [i for i in wanted if i not in every]
    if unknown:
        raise PluginError(f"{page_src}: <!-- topic:requirements … --> names unknown rule ids: {', '.join(unknown)} "
                          f"(see `python -m checker rules --json`)")
    return _rt.requirements_by_policy(page_src, [every[i] for i in wanted])


def expand(page_src: str, markdown: str) -> str:
    """The page's Markdown with the topic and rules markers replaced by their tables."""
    markdown = TOPIC_MARKER.sub(lambda m: requirements_by_id(page_src, m["ids"]), markdown)
    page = SimpleNamespace(file=SimpleNamespace(src_uri=page_src))
    return _rt.on_page_markdown(markdown, page, None, None)


def on_files(files, config):
    _cites.clear()
    for file in sorted(files, key=lambda f: f.src_uri):
        src = file.src_uri
        if not (src.startswith(COMPARE) and src.endswith(".md")) or src == COMPARE + "index.md":
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        body, meta = get_data(text)
        if text.startswith("---") and not meta:
            raise PluginError(f"{src}: its front matter is not valid YAML (quote a value that contains ': ')")
        title = meta.get("topic") or meta.get("title") or re.search(r"^# (.+)$", body, re.M)[1]
        for m in POLICY_LINK.finditer(expand(src, body)):
            topics = _cites.setdefault((m["slug"], m["anchor"]), [])
            if src not in (t[0] for t in topics):
                topics.append((src, title))
    return files


# ---------------------------------------------------------------- policy pages


def _insertion_point(lines: list[str], anchor: str) -> int | None:
    """The index of the line before which the back-link goes, or None when the page has no such anchor."""
    for i, line in enumerate(lines):
        if (h := HEADING.match(line)) and h["id"] == anchor:
            return i + 1
        if (h := PLAIN_HEADING.match(line)) and slugify(h["text"], "-") == anchor:
            return i + 1
        if (a := ANCHOR_LINE.match(line)) and a["id"] == anchor:
            j = i + 1
            while j < len(lines) and not _BLOCK_END.match(lines[j]):
                j += 1
            while j > i + 1 and not lines[j - 1].strip():  # keep the blank lines after the back-link
                j -= 1
            return j
    return None


def back_link(page_src: str, topics: list[tuple[str, str]]) -> list[str]:
    links = " · ".join(f"[{name}]({posixpath.relpath(src, posixpath.dirname(page_src))})" for src, name in topics)
    return ["", f"Compare with other authorities: {links}", "{: .hb-compare data-search-exclude }", ""]


def on_page_markdown(markdown, page, config, files):
    if "<!-- topic:" in markdown:
        markdown = TOPIC_MARKER.sub(lambda t: requirements_by_id(page.file.src_uri, t["ids"]), markdown)
        if "<!-- topic:" in markdown:
            raise PluginError(f"{page.file.src_uri}: a <!-- topic:… --> marker that is not "
                              f"<!-- topic:requirements ID[,ID…] --> on a line of its own")
    m = re.fullmatch(r"policies/([a-z-]+)\.md", page.file.src_uri)
    if not m or m[1] not in POLICY_IDS:
        return markdown
    slug, src = m[1], page.file.src_uri
    lines = markdown.split("\n")
    inserts: list[tuple[int, list[str]]] = []
    for (cited_slug, anchor), topics in _cites.items():
        if cited_slug != slug:
            continue
        at = _insertion_point(lines, anchor)
        if at is None:
            raise PluginError(f"{', '.join(t[0] for t in topics)}: links to {src}#{anchor}, "
                              f"which is not a numbered paragraph or heading anchor on that page")
        inserts.append((at, back_link(src, topics)))
    for at, block in sorted(inserts, key=lambda x: x[0], reverse=True):
        lines[at:at] = block
    return "\n".join(lines)
