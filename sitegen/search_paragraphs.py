"""Search that lands on a numbered paragraph, not just on the heading above it.

Material's search plugin makes one search entry per heading section, so "16 sessions" finds "FREQUENCY – WELFARE
SUPERVISION" on the Sefton page and leaves the reader to look for 3.18 among 20 paragraphs. Adding headings
would change the text, so instead the index entries of the policy pages are rebuilt after the generator has
written them (`finish`), in the generator's own index format: MkDocs + Material's search/search_index.json
(`{"docs": [{location, title, text, boost}]}`) or Zensical's search.json (`{"items": [{location, level, title,
text, path, tags}]}`). Material's HTML parser reads the page's article (the one Python parser of this kind we
have; Zensical's is compiled into it), but every element carrying a paragraph anchor (`#p3-18`,
`#pc`, `#appendix-1`) also starts an entry, titled "Sefton 3.18", that runs until the next anchor or heading.
Each sentence is still indexed exactly once (the heading's entry keeps only the text before its first numbered
paragraph), so a query ranks the paragraph that says it, and the result links to `policies/sefton/#p3-18`.

The generated "Requirements at a glance" box restates the paragraphs; it is left out of the index so that a
query lands on the paragraph itself rather than on the page's opening.

Ranking (Material's index only: Zensical's format has no boosts, and ranks by its own rules). Material weighs a match in a title 1000 times a match in the text, which suits documentation sites
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
import re
from dataclasses import dataclass, field
from pathlib import Path

from material.plugins.search.plugin import Element, Parser, Section

from checker import api
from checker.citations import anchor_for

from .config import menu_path
from .errors import BuildError
from .links import label_for, policy_of, short

PARAGRAPH_ID = re.compile(r"^(?:p[0-9a-z][0-9a-z-]*|appendix-[0-9a-z]+)$")
HEADINGS = {f"h{n}" for n in range(1, 7)}
MATERIAL_TITLE_BOOST = 1e3
TITLE_BOOST = 5
POLICY_BOOST = 4
REQUIREMENT_BOOST = 4
FORM_BOOST = 0.25
TOPIC_BOOST = POLICY_BOOST * REQUIREMENT_BOOST
_LEADING_ANCHORS = re.compile(r"^\s*(?:<a [^>]*></a>\s*)*")  # Zensical's skip-link target, then whitespace
# The handbook's own additions to a policy page, never its text: left out of the index by their class, since
# Zensical drops the `data-search-exclude` attribute from the pages it writes (it reads it for its own index).
EXCLUDED_CLASSES = {"hb-compare", "hb-modal-legend"}
POLICY_INDEX = "policies/"
INDEX_FILES = {"mkdocs": "search/search_index.json", "zensical": "search.json"}


@dataclass(frozen=True)
class BuiltPage:
    """A built page, as the search step needs it: its source, URL, article HTML and front matter."""

    src: str
    url: str
    content: str
    meta: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Entry:
    """One search entry of a policy page: a heading's section or a numbered paragraph."""

    location: str
    title: str
    text: str
    level: int
    boost: float


class ParagraphParser(Parser):
    """Material's parser, with one more kind of section: a non-heading element with a paragraph anchor."""

    def __init__(self, policy: str):
        super().__init__()
        self.policy = policy
        self.form_chars: dict[int, list[int]] = {}  # id(section) → [characters in forms, elsewhere]

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "details" and "abstract" in classes or classes & EXCLUDED_CLASSES:
            a["data-search-exclude"] = ""  # the generated at-a-glance box, back-links, the legend
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


def paragraph_entries(page: BuiltPage) -> list[Entry]:
    """A policy page's entries: one per heading section and one per numbered paragraph, in page order."""
    policy = policy_of(page.src)
    parser = ParagraphParser(policy)
    parser.feed(_LEADING_ANCHORS.sub("", page.content))
    parser.close()
    cited = cited_anchors(policy)
    entries, level = [], 1
    for section in parser.data:
        if section.is_excluded():
            continue
        if section.el.tag in HEADINGS:
            level = int(section.el.tag[1])
        title = "".join(section.title).strip() or str(page.meta.get("title", ""))
        boost = POLICY_BOOST * (REQUIREMENT_BOOST if section.id in cited else 1)
        boost *= FORM_BOOST if parser.is_form(section) else 1
        entries.append(Entry(page.url + (f"#{section.id}" if section.id else ""), title,
                             "".join(section.text).strip(), level if section.el.tag in HEADINGS else min(level + 1, 6),
                             boost))
    return entries


def _replace(items: list[dict], pages: dict[str, list[dict]]) -> list[dict]:
    """The index's items with the policy pages' paragraph entries where the generator would have put the pages'
    own: the policy pages follow the policy index in the menu, so their entries go after its entries (or, where
    the generator did index a policy page, in place of its items)."""
    out, done = [], set()
    for item in items:
        page = item["location"].split("#")[0]
        if page in pages:
            if page not in done:
                out.extend(pages[page])
                done.add(page)
            continue
        out.append(item)
    rest = [entry for url, entries in pages.items() if url not in done for entry in entries]
    after = max((i for i, item in enumerate(out) if item["location"].split("#")[0] == POLICY_INDEX), default=len(out) - 1)
    return out[:after + 1] + rest + out[after + 1:]


def rewrite_index(site_dir: Path, generator: str, built: list[BuiltPage],
                  entries: dict[str, list[Entry]] | None = None) -> None:
    """Rewrite the generator's search index with the policy pages' paragraph entries (`entries`, by page URL,
    where the caller has them already)."""
    index_file = INDEX_FILES[generator]
    path = Path(site_dir) / index_file
    if not path.exists():
        raise BuildError(f"{path} is missing: is the generator's search enabled?")
    data = json.loads(path.read_text(encoding="utf-8"))
    policies = [page for page in built if policy_of(page.src)]
    entries = entries if entries is not None else {page.url: paragraph_entries(page) for page in policies}
    topics = {page.url for page in built if page.meta.get("topic")}
    if generator == "mkdocs":
        pages = {page.url: [{"location": e.location, "title": e.title, "text": e.text, "boost": e.boost}
                            for e in entries[page.url]] for page in policies}
        data["docs"] = _replace(data["docs"], pages)
        for doc in data["docs"]:
            if doc["location"] in topics:
                doc["boost"] = doc.get("boost", 1) * TOPIC_BOOST
        title = data["config"]["fields"].get("title", {})
        if title.get("boost") == MATERIAL_TITLE_BOOST:  # Material's default, not a choice made in mkdocs.yml
            title["boost"] = TITLE_BOOST
    else:
        pages = {}
        section = next((d.get("path", [])[:-1] for d in data["items"] if d["location"] == POLICY_INDEX), [])
        # Zensical's path is the page's place in the menu: ["Policies", "Sefton"] (["Policies", "S", "Sefton"]
        # where the menu groups the policies by letter).
        for page in policies:
            path_ = [*section, *menu_path(policy_of(page.src))]
            pages[page.url] = [{"location": e.location, "level": e.level, "title": e.title, "text": e.text,
                                "path": path_, "tags": []} for e in entries[page.url]]
        data["items"] = _replace(data["items"], pages)
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
