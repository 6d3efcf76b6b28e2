"""The knowledge-base pages against the built site: glossary and tooltips from one list, the induction path, the
forms list, document control, the must/should marks on the policy pages, and the paragraph search index."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest

from builtsite import POLICY_SLUGS, ROOT, SITE, SOURCES, normalise, read_page
from datetime import date

from checker import api, wording

ABBREVIATIONS = ROOT / "docs" / "includes" / "abbreviations.md"
HTML_PAGES = sorted(p for p in SITE.rglob("index.html") if "assets" not in p.parts)


def abbreviations() -> dict[str, str]:
    lines = ABBREVIATIONS.read_text(encoding="utf-8").splitlines()
    return dict(re.fullmatch(r"\*\[([^\]]+)\]:\s*(.+)", line).groups() for line in lines if line.strip())


class _Links(HTMLParser):
    """The links in the article (not the navigation) and the abbreviations marked on the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.abbrs: dict[str, set[str]] = {}
        self._in_article = 0
        self._abbr: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "article":
            self._in_article += 1
        if tag == "a" and self._in_article and a.get("href") and "headerlink" not in (a.get("class") or ""):
            self.links.append(a["href"])
        if tag == "abbr":
            self._abbr = a.get("title", "")

    def handle_endtag(self, tag):
        if tag == "article":
            self._in_article -= 1
        if tag == "abbr":
            self._abbr = None

    def handle_data(self, data):
        if self._abbr is not None:
            self.abbrs.setdefault(data, set()).add(self._abbr)


def parse(relative: str) -> _Links:
    parser = _Links()
    parser.feed((SITE / relative / "index.html").read_text(encoding="utf-8"))
    return parser


def resolve(page: str, href: str) -> tuple[str, str] | None:
    """A link from `page` (e.g. 'induction/') as (target page, fragment); None if it leaves the site."""
    if re.match(r"^[a-z]+:", href):
        return None
    url = urlsplit(urljoin("http://site/" + page, href))
    return url.path.lstrip("/"), url.fragment


def assert_links_resolve(page: str):
    broken = []
    for href in parse(page).links:
        target = resolve(page, href)
        if target is None:
            continue
        path, fragment = target
        file = SITE / path / "index.html" if not path.endswith((".html", ".ics", ".csv")) else SITE / path
        if not file.exists():
            broken.append(href)
        elif fragment and fragment not in read_page(path)[1]:
            broken.append(href)
    assert not broken, f"{page}: links that lead nowhere: {broken}"


# ---------------------------------------------------------------- glossary and tooltips


def test_every_abbreviation_has_a_tooltip_somewhere_outside_the_glossary():
    marked: dict[str, set[str]] = {}
    for path in HTML_PAGES:
        relative = path.parent.relative_to(SITE).as_posix()
        if relative == "glossary":
            continue
        for text, titles in parse("" if relative == "." else relative).abbrs.items():
            marked.setdefault(text, set()).update(titles)
    for key, title in abbreviations().items():
        assert key in marked, f"{key} is in abbreviations.md but used on no page"
        assert marked[key] == {title}, f"{key}: tooltip {marked[key]} differs from abbreviations.md"


def test_glossary_explains_each_abbreviation_once_with_the_tooltip_text():
    html = (SITE / "glossary" / "index.html").read_text(encoding="utf-8")
    text, ids = read_page("glossary/")
    terms = re.findall(r'<h3 class="hb-glossary-term" id="([^"]+)"', html)
    assert len(terms) == len(set(terms))
    for key, title in abbreviations().items():
        # A variant spelling (NQSWs, OFSTED) is named in the entry of its main form.
        assert normalise(title) in text or f"also printed “{key}”" in text, f"the glossary does not explain {key}"
    for key in ("ASYE", "NQSW", "IRO", "PCF", "KSS", "SWE", "BASW", "LCS", "EHM", "CoNR", "PDR", "CPD", "DSAR",
                "UK GDPR", "SMART", "CWCN", "ILACS", "PEPS", "ADP"):
        assert re.sub(r"[^a-z0-9]+", "-", key.lower()) in ids, f"no glossary entry for {key}"


def test_every_glossary_entry_says_where_it_is_used_and_the_links_resolve():
    html = (SITE / "glossary" / "index.html").read_text(encoding="utf-8")
    entries = html.count('class="hb-glossary-term"')
    assert html.count('class="hb-glossary-uses"') == entries
    assert_links_resolve("glossary/")


def test_an_abbreviation_on_a_policy_page_has_its_tooltip():
    abbrs = parse("policies/sefton/").abbrs
    assert abbrs["ASYE"] == {"Assessed and Supported Year in Employment"}
    assert abbrs["IRO"] == {"Independent Reviewing Officer"}


# ---------------------------------------------------------------- induction, forms, changes

# An induction checklist is optional for a policy (CONTRIBUTING.md, "Adding a policy"): the policies that have one.
INDUCTION_SLUGS = [slug for slug in POLICY_SLUGS if (ROOT / "docs" / "induction" / f"{slug}.md").exists()]
INDUCTION = ["induction/"] + [f"induction/{slug}/" for slug in INDUCTION_SLUGS]


@pytest.mark.parametrize("page", INDUCTION)
def test_induction_page_links_resolve(page):
    assert_links_resolve(page)


@pytest.mark.parametrize("slug", INDUCTION_SLUGS)
def test_induction_page_has_the_four_checklists_and_ends_with_the_tools(slug):
    html = (SITE / "induction" / slug / "index.html").read_text(encoding="utf-8")
    text, ids = read_page(f"induction/{slug}/")
    assert [i for i in ("first-week", "first-month", "first-quarter", "first-year", "tools") if i in ids] == [
        "first-week", "first-month", "first-quarter", "first-year", "tools"]
    assert html.count('type="checkbox"') >= 8
    tools = html[html.index('id="tools"'):]
    assert f"tools/due-dates/?policy={slug}" in tools


@pytest.mark.parametrize("slug", INDUCTION_SLUGS)
def test_induction_quotes_each_deadline_from_the_rule_data_with_its_paragraph(slug):
    """Every requirement an induction page quotes appears with its summary as in the rule data."""
    source = (ROOT / "docs" / "induction" / f"{slug}.md").read_text(encoding="utf-8")
    ids = re.findall(r"<!-- rule:([A-Za-z0-9.-]+) -->", source)
    assert ids, f"induction/{slug}.md quotes no requirement from the rule data"
    text, _ = read_page(f"induction/{slug}/")
    by_id = {r["id"]: r for r in api.rules(slug)}
    for rule_id in ids:
        assert normalise(by_id[rule_id]["summary"].rstrip(".")) in text


def test_forms_page_links_every_form_on_the_policy_pages():
    linked = {resolve("forms/", href) for href in parse("forms/").links}
    for slug in POLICY_SLUGS:
        html = (SITE / "policies" / slug / "index.html").read_text(encoding="utf-8")
        form_ids = set(re.findall(r'id="((?:form|appendix)-[a-z0-9-]+)"', html))
        for form_id in form_ids:
            assert (f"policies/{slug}/", form_id) in linked, f"forms/ does not link policies/{slug}/#{form_id}"
    assert_links_resolve("forms/")


def test_print_stylesheet_hides_navigation_and_starts_each_form_on_a_new_page():
    css = (SITE / "assets" / "stylesheets" / "handbook.css").read_text(encoding="utf-8")
    prints = "".join(re.findall(r"@media print\s*{(.*?)\n}", css, re.S))
    for selector in (".md-header", ".md-sidebar", ".md-footer", ".md-tabs"):
        assert selector in prints
    assert re.search(r"\.form\s*{[^}]*break-before:\s*page", prints)
    assert re.search(r"td\s*{[^}]*border:\s*1px solid", prints)


def test_changes_page_gives_each_policys_history_and_the_passed_review_date():
    text, _ = read_page("changes/")
    somerset, _ = read_page("policies/somerset/")
    for row in ("Version number 1 08/07/2020 Paul Shallcross 31/10/2020",
                "Version number 2 31/10/2021 Paul Shallcross 31/10/2022",
                "Version number 3 19/06/2023 Jane Sprague 19/06/2024"):
        assert row in text and row in somerset
    assert "Previous Version 1.0 dated 10/10/2017" in text and "20/01/2022" in text
    assert "19 June 2024 (passed)" in text
    assert_links_resolve("changes/")


@pytest.mark.parametrize("policy", api.policies(), ids=lambda p: p["id"])
def test_a_passed_review_date_is_announced_at_the_top_of_the_policy(policy):
    html = (SITE / "policies" / policy["id"] / "index.html").read_text(encoding="utf-8")
    notice = "This policy’s review date has passed"
    passed = wording.document_control(policy, date.today())["review_passed"]
    assert (notice in html) == passed
    if passed:
        assert html.index(notice) < html.index("Document control")


def test_home_page_sends_new_supervisors_to_the_induction_path():
    links = {resolve("", href) for href in parse("").links}
    for page in ("induction/", "forms/", "glossary/", "changes/"):
        assert (page, "") in links


# ---------------------------------------------------------------- must, should, will

WORDS = re.compile(r"\b(must|shall|should|will)\b", re.I)
CLASS = {"must": "hb-must", "shall": "hb-must", "should": "hb-should", "will": "hb-will"}


@pytest.mark.parametrize("slug", POLICY_SLUGS)
def test_every_duty_word_of_the_source_is_marked_and_nothing_else(slug):
    html = (SITE / "policies" / slug / "index.html").read_text(encoding="utf-8")
    body = html[html.index("</p>", html.index("hb-modal-legend")):]  # after the legend
    marks = re.findall(r'<span class="(hb-must|hb-should|hb-will)">([^<]*)</span>', body)
    assert all(CLASS[word.lower()] == cls for cls, word in marks), "a word is marked with the wrong class"
    source = (SOURCES / f"{slug}.txt").read_text(encoding="utf-8")
    in_source = {cls: 0 for cls in ("hb-must", "hb-should", "hb-will")}
    for word in WORDS.findall(re.sub(r"\[bookmark: [^\]]*\]", "", source)):
        in_source[CLASS[word.lower()]] += 1
    marked = {cls: sum(1 for c, _ in marks if c == cls) for cls in in_source}
    # The source's headings and contents list are not marked; everything else is.
    for cls in in_source:
        assert 0.9 * in_source[cls] <= marked[cls] <= in_source[cls], (slug, cls, marked[cls], in_source[cls])


# ---------------------------------------------------------------- search index


def test_search_index_has_one_entry_per_numbered_paragraph():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    locations = {d["location"]: d for d in index["docs"]}
    assert locations["policies/sefton/#p3-18"]["title"] == "Sefton 3.18"
    assert "every 16 sessions they work" in locations["policies/sefton/#p3-18"]["text"]
    assert locations["policies/somerset/#p6-2"]["title"] == "Somerset 6.2"
    for slug in POLICY_SLUGS:
        _, ids = read_page(f"policies/{slug}/")
        paragraphs = {i for i in ids if re.fullmatch(r"p[0-9a-z][0-9a-z-]*|appendix-[0-9a-z]+", i)}
        indexed = {loc.split("#")[1] for loc in locations if loc.startswith(f"policies/{slug}/#")}
        assert paragraphs <= indexed, f"{slug}: paragraphs not in the search index: {sorted(paragraphs - indexed)}"


def test_each_sentence_is_indexed_once():
    index = json.loads((SITE / "search" / "search_index.json").read_text(encoding="utf-8"))
    sefton = [d for d in index["docs"] if d["location"].startswith("policies/sefton/")]
    assert sum("every 16 sessions they work" in d["text"] for d in sefton) == 1
