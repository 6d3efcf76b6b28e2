"""Search that lands on a numbered paragraph, not just on the heading above it.

Material's search plugin makes one search entry per heading section, so "16 sessions" finds "FREQUENCY – WELFARE
SUPERVISION" on the Sefton page and leaves the reader to look for 3.18 among 20 paragraphs. Adding headings
would change the text, so instead the index entries of the policy pages are rebuilt after the plugin has
written them: Material's own HTML parser reads the page, but every element carrying a paragraph anchor (`#p3-18`,
`#pc`, `#appendix-1`) also starts an entry, titled "Sefton 3.18", that runs until the next anchor or heading.
Each sentence is still indexed exactly once (the heading's entry keeps only the text before its first numbered
paragraph), so a query ranks the paragraph that says it, and the result links to `policies/sefton/#p3-18`.

The generated "Requirements at a glance" box restates the paragraphs; it is left out of the index so that a
query lands on the paragraph itself rather than on the page's opening.

Ranking. Material weighs a match in a title 1000 times a match in the text, which suits documentation sites
whose headings say everything; here the answer is in a paragraph's text, so a heading that shares one word
with the query ("Personal Supervision" for "Personal Advisors") would always outrank the paragraph that says
it. So, unless `plugins: search: fields: title: boost` is set in mkdocs.yml, the title counts TITLE_BOOST
times the text. And the policies' own text ranks above the handbook's pages that restate it: entries of the
policy pages are boosted (POLICY_BOOST), the paragraphs that set a time-bound requirement in the rule data
more so (REQUIREMENT_BOOST), and an entry that is mostly a form's field labels less (FORM_BOOST). A topic page
(`topic:` in its front matter) is where a reader asking its question wants to land, so its opening entry, the
one with the page's title, weighs as much as a cited paragraph (TOPIC_BOOST): "how often" finds "How often".

Material's default pipeline drops stop words, and "how often" is nothing but stop words, so mkdocs.yml keeps
them (`pipeline: [trimmer]`; Material's default has no stemmer either).
"""

from __future__ import annotations

import json
import os
import re

from material.plugins.search.plugin import Element, Parser, SearchIndex, Section
from mkdocs.exceptions import PluginError

from checker import api
from checker.citations import anchor_for

from .links import label_for, policy_of, short

PARAGRAPH_ID = re.compile(r"^(?:p[0-9a-z][0-9a-z-]*|appendix-[0-9a-z]+)$")
HEADINGS = {f"h{n}" for n in range(1, 7)}
MATERIAL_TITLE_BOOST = 1e3
TITLE_BOOST = 5
POLICY_BOOST = 4
REQUIREMENT_BOOST = 4
FORM_BOOST = 0.25
TOPIC_BOOST = POLICY_BOOST * REQUIREMENT_BOOST

_entries: dict[str, list[dict]] = {}  # page URL → its rebuilt entries, in page order
_topics: set[str] = set()  # URLs of the topic pages


def reset() -> None:
    """A new build (`mkdocs serve` rebuilds in the same process) starts with no entries."""
    _entries.clear()
    _topics.clear()


class ParagraphParser(Parser):
    """Material's parser, with one more kind of section: a non-heading element with a paragraph anchor."""

    def __init__(self, policy: str):
        super().__init__()
        self.policy = policy
        self.form_chars: dict[int, list[int]] = {}  # id(section) → [characters in forms, elsewhere]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "details" and "abstract" in (a.get("class") or "").split():
            a["data-search-exclude"] = ""  # the generated at-a-glance box
            attrs = list(a.items())
        elif tag not in HEADINGS and PARAGRAPH_ID.match(a.get("id") or "") and self.data:
            # Like a heading at this depth, but its text is the entry's text, not its title.
            section = Section(Element("hx"), len(self.context) + 1)
            section.id = a["id"]
            section.title = [f"{short(self.policy)} {label_for(a['id'])}"]
            self.section = section
            self.data.append(section)
        super().handle_starttag(tag, attrs)

    def handle_data(self, data):
        super().handle_data(data)
        if self.section is not None and not data.isspace():
            in_form = any("form" in (el.attrs.get("class") or "").split() for el in self.context)
            self.form_chars.setdefault(id(self.section), [0, 0])[0 if in_form else 1] += len(data)

    def is_form(self, section) -> bool:
        in_form, elsewhere = self.form_chars.get(id(section), [0, 0])
        return in_form > elsewhere


def cited_anchors(policy: str) -> set[str]:
    """The anchors of the paragraphs that set a time-bound requirement in the rule data."""
    return {anchor_for(s) for r in api.rules(policy) for s in [r["section"], *r.get("also_cites", [])]}


def index_paragraphs(page) -> None:
    """Run before Material's search plugin strips the data-search-* attributes (events.on_page_context)."""
    if page.meta.get("topic"):
        _topics.add(page.url)
    policy = policy_of(page.file.src_uri)
    if policy is None:
        return
    parser = ParagraphParser(policy)
    parser.feed(page.content)
    parser.close()
    index = SearchIndex(lang=[], separator="", pipeline=[], fields={})
    cited = cited_anchors(policy)
    for section in parser.data:
        if section.is_excluded():
            continue
        index.create_entry_for_section(section, page.toc, page.url, page)
        entry = index.entries[-1]
        boost = entry.get("boost", 1) * POLICY_BOOST
        if section.id in cited:
            boost *= REQUIREMENT_BOOST
        if parser.is_form(section):
            boost *= FORM_BOOST
        entry["boost"] = boost
    _entries[page.url] = index.entries


def rewrite_index(config) -> None:
    """Run after Material's plugin has written search/search_index.json (events.on_post_build)."""
    path = os.path.join(config["site_dir"], "search", "search_index.json")
    if not os.path.exists(path):
        raise PluginError(f"{path} is missing: is the search plugin enabled?")
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    docs = []
    for url, entries in _entries.items():
        if not any(d["location"] == url for d in data["docs"]):
            raise PluginError(f"search index: no entry for {url} to replace")
    done: set[str] = set()
    for doc in data["docs"]:
        page = doc["location"].split("#")[0]
        if page in _entries:
            if page not in done:
                docs.extend(_entries[page])
                done.add(page)
            continue
        if doc["location"] in _topics:
            doc["boost"] = doc.get("boost", 1) * TOPIC_BOOST
        docs.append(doc)
    data["docs"] = docs
    title = data["config"]["fields"].get("title", {})
    if title.get("boost") == MATERIAL_TITLE_BOOST:  # Material's default, not a choice made in mkdocs.yml
        title["boost"] = TITLE_BOOST
    with open(path, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=False, separators=(",", ":"))
