"""The topic pages (docs/compare/) and the policy pages link to each other, both ways, and faithfully.

- every link from a topic page to a policy page lands on an id that page has;
- every comparison table has a row for each policy, and each row either links to a paragraph or
  says the policy is silent (or, for a policy whose rule file has no entry for it yet, not compared yet);
- every quotation on a topic page appears, word for word, on a policy page that its cell or paragraph links to;
- each paragraph a topic page cites carries a "Compare with other authorities" link back to that topic page;
- each "Check it" link in a policy's "Requirements at a glance" opens the checker with a policy and role that
  `python -m checker roles` knows.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from functools import cache
from html.parser import HTMLParser
from urllib.parse import parse_qsl, unquote, urlsplit

import pytest

from builtsite import POLICY_SLUGS, ROOT, SITE, normalise, read_page
from checker.rulebook import policy_rules

NAMES = {slug: policy_rules(slug).short for slug in POLICY_SLUGS}
TOPICS = sorted(p.stem for p in (ROOT / "docs" / "compare").glob("*.md") if p.stem != "index")
SILENT = ("Not covered in this policy.", "The policy sets no time limit for this.", "Not compared yet")
QUOTE = re.compile(r'"([^"]{3,})"')


class _Blocks(HTMLParser):
    """The article's tables (rows of cells) and paragraphs, each block with its text and link targets."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[list[list[dict]]] = []
        self.paragraphs: list[dict] = []
        self._in_article = 0
        self._block: dict | None = None
        self._block_tag: str | None = None
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._in_article += 1
        if not self._in_article:
            return
        if tag == "a" and "headerlink" in (a.get("class") or ""):
            self._skip += 1
        if tag == "table":
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th", "p") and self._block is None:
            self._block, self._block_tag = {"text": "", "links": [], "tag": tag}, tag
        if tag == "a" and self._block is not None and a.get("href"):
            self._block["links"].append(a["href"])

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1
        if tag == "a" and self._skip:
            self._skip -= 1
        if tag == self._block_tag and self._block is not None:
            self._block["text"] = normalise(self._block["text"])
            if tag == "p":
                self.paragraphs.append(self._block)
            elif self.tables and self.tables[-1]:
                self.tables[-1][-1].append(self._block)
            self._block = self._block_tag = None

    def handle_data(self, data):
        if self._block is not None and not self._skip:
            self._block["text"] += data


@cache
def blocks(topic: str) -> _Blocks:
    parser = _Blocks()
    parser.feed((SITE / "compare" / topic / "index.html").read_text(encoding="utf-8"))
    return parser


def policy_target(topic: str, href: str) -> tuple[str, str] | None:
    """('sefton', 'p3-12') for a link from a topic page to a policy paragraph; '' when it has no fragment."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = posixpath.normpath(posixpath.join(f"compare/{topic}/", unquote(parts.path)))
    m = re.fullmatch(r"policies/([a-z-]+)", path)
    return (m[1], parts.fragment) if m and m[1] in NAMES else None


@cache
def policy_page(slug: str) -> tuple[str, set[str]]:
    return read_page(f"policies/{slug}/")


@cache
def policy_html(slug: str) -> str:
    return (SITE / "policies" / slug / "index.html").read_text(encoding="utf-8")


def cited(topic: str) -> set[tuple[str, str]]:
    every = [b for t in blocks(topic).tables for row in t for b in row] + blocks(topic).paragraphs
    return {target for b in every for href in b["links"] if (target := policy_target(topic, href))}


# ---------------------------------------------------------------- topic pages → policy pages


def test_there_are_topic_pages():
    assert {"frequency", "agreements", "recording", "observation", "newly-qualified", "group-and-reflective",
            "case-supervision", "disagreements", "storage-and-retention", "supervisors"} <= set(TOPICS)
    index, _ = read_page("compare/")
    for topic in TOPICS:
        assert f'href="{topic}/"' in (SITE / "compare" / "index.html").read_text(encoding="utf-8"), topic
    assert "Not covered in this policy." in index


@pytest.mark.parametrize("topic", TOPICS)
def test_every_link_to_a_policy_lands_on_an_id_of_that_page(topic):
    targets = cited(topic)
    assert len([t for t in targets if t[1]]) >= 5, f"compare/{topic}: too few paragraph links"
    missing = [f"{slug}#{anchor}" for slug, anchor in sorted(targets)
               if anchor and anchor not in policy_page(slug)[1]]
    assert not missing, f"compare/{topic} links to anchors that do not exist: {missing}"


@pytest.mark.parametrize("topic", TOPICS)
def test_every_comparison_table_has_a_row_for_each_policy(topic):
    tables = [t for t in blocks(topic).tables if t and t[0] and t[0][0]["text"] == "Policy"]
    assert tables, f"compare/{topic} has no comparison table"
    for table in tables:
        policies = {row[0]["text"] for row in table[1:] if row}
        assert set(NAMES.values()) <= policies, f"compare/{topic}: a table lacks {set(NAMES.values()) - policies}"
        for row in table[1:]:
            said = " ".join(cell["text"] for cell in row[1:])
            linked = any(policy_target(topic, href) for cell in row[1:] for href in cell["links"])
            assert linked or any(s in said for s in SILENT), (
                f"compare/{topic}: the {row[0]['text']} row neither links to a paragraph nor says the policy "
                f"is silent: {said[:120]!r}")


@pytest.mark.parametrize("topic", TOPICS)
def test_quotations_are_word_for_word(topic):
    """A quotation in a cell or paragraph is on one of the policy pages that the same cell or paragraph links to."""
    every = [b for t in blocks(topic).tables for row in t for b in row] + blocks(topic).paragraphs
    wrong = []
    for block in every:
        slugs = {target[0] for href in block["links"] if (target := policy_target(topic, href))}
        if not slugs:
            continue
        for quote in QUOTE.findall(block["text"]):
            if not any(quote in policy_page(slug)[0] for slug in slugs):
                wrong.append(f"{sorted(slugs)}: {quote[:100]!r}")
    assert not wrong, f"compare/{topic}: quotations not found on the linked policy page:\n" + "\n".join(wrong)


# ---------------------------------------------------------------- policy pages → topic pages


def back_links(slug: str, anchor: str) -> list[str]:
    """The topic pages linked from the "Compare with other authorities" line under a paragraph or heading."""
    html = policy_html(slug)
    start = html.find(f'id="{anchor}"')
    assert start >= 0, f"{slug} has no #{anchor}"
    end = html.find(' id="', start + 5)
    section = html[start:end if end > 0 else len(html)]
    m = re.search(r'<p class="hb-compare"[^>]*>(.*?)</p>', section, re.S)
    return re.findall(r'href="\.\./\.\./compare/([a-z-]+)/"', m[1]) if m else []


@pytest.mark.parametrize("slug, anchor, topic", [
    ("sefton", "p3-12", "newly-qualified"),
    ("sefton", "p3-12", "frequency"),
    ("somerset", "p6-2", "recording"),
    ("somerset", "p9-1", "observation"),
    ("blackburn-with-darwen", "p7", "observation"),
    ("lancashire", "p5-8", "supervisors"),
    ("bracknell-forest", "pf", "disagreements"),
    ("sefton", "p10", "storage-and-retention"),
])
def test_known_paragraphs_link_back_to_their_topic(slug, anchor, topic):
    assert topic in back_links(slug, anchor)


@pytest.mark.parametrize("topic", TOPICS)
def test_every_cited_paragraph_links_back(topic):
    missing = [f"{slug}#{anchor}" for slug, anchor in sorted(cited(topic))
               if anchor and topic not in back_links(slug, anchor)]
    assert not missing, f"these paragraphs are cited by compare/{topic} but do not link back: {missing}"


def test_back_links_are_left_out_of_search():
    index = (SITE / "search" / "search_index.json").read_text(encoding="utf-8")
    for slug in POLICY_SLUGS:
        assert "Compare with other authorities" not in "".join(
            d["text"] for d in json.loads(index)["docs"] if d["location"].startswith(f"policies/{slug}/"))


# ---------------------------------------------------------------- "Check it": the checker, pre-filled


@cache
def known_roles(policy: str) -> set[str]:
    out = subprocess.run([sys.executable, "-m", "checker", "roles", "--policy", policy, "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return {role["id"] for role in json.loads(out.stdout)}


@cache
def computable(policy: str) -> list[dict]:
    out = subprocess.run([sys.executable, "-m", "checker", "rules", "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    return [r for r in json.loads(out.stdout) if r["policy"] == policy and r["computable"]]


@pytest.mark.parametrize("slug", POLICY_SLUGS)
def test_check_it_links_open_the_checker_with_a_known_policy_and_role(slug):
    links = [(href, re.sub(r"<[^>]+>", "", text)) for href, text in
             re.findall(r'<a class="hb-check-it" href="([^"]+)">(.*?)</a>', policy_html(slug))]
    assert len(links) == len(computable(slug)), "one Check it link per computable requirement"
    facts = {fact for r in computable(slug) for fact in r.get("when", {})}
    for href, text in links:
        parts = urlsplit(href.replace("&amp;", "&"))
        page = posixpath.normpath(posixpath.join(f"policies/{slug}/", parts.path))
        assert page == "tools/due-dates" and (SITE / page / "index.html").exists(), href
        query = dict(parse_qsl(parts.query))
        assert query.pop("policy") == slug
        assert query.pop("role") in known_roles(slug), href
        assert set(query) <= facts and set(query.values()) <= {"1"}, href
        assert text.startswith(f"Check {NAMES[slug]} dates ("), text
