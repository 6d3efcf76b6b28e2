"""Two generators, one site: the handbook built by MkDocs + Material and by Zensical has the same pages, the same
paragraph anchors, the same generated tables, glossary entries, back-links and marks, no marker left, and search
that lands on paragraphs in both (docs/decisions/2026-12-04-generation-before-the-generator.md)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from checker.rulebook import policy_ids, policy_rules
from sitecompare import ROOT, article_tokens, build_site, differences, pages, search_locations

GENERATORS = ("mkdocs", "zensical")


@pytest.fixture(scope="module")
def sites(tmp_path_factory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("generators")
    return {generator: build_site(generator, tmp / generator) for generator in GENERATORS}


def read(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


def test_both_generators_build_the_same_pages_article_for_article(sites):
    assert len(pages(sites["mkdocs"])) >= 35
    assert differences(sites["mkdocs"], sites["zensical"]) == []


def test_a_difference_in_one_page_is_found(sites, tmp_path):
    """The comparison itself: one changed word on one page is reported, naming the page."""
    import shutil
    copy = tmp_path / "copy"
    shutil.copytree(sites["zensical"], copy, ignore=shutil.ignore_patterns("assets"))
    page = copy / "compare" / "frequency" / "index.html"
    page.write_text(page.read_text(encoding="utf-8").replace("Everyone the policy covers", "Everybody", 1),
                    encoding="utf-8")
    assert [d.split(":")[0] for d in differences(sites["mkdocs"], copy)] == ["compare/frequency/index.html"]


@pytest.mark.parametrize("generator", GENERATORS)
def test_the_generated_content_is_in_the_site(sites, generator):
    site = sites[generator]
    frequency = read(site, "compare/frequency")
    for policy in policy_ids():
        assert re.search(rf'<h3 id="{policy}">{re.escape(policy_rules(policy).short)}', frequency), policy
    glossary_entries = len(re.findall(r"^<!-- glossary:(?:abbr|term) ", (ROOT / "docs" / "glossary.md").read_text(
        encoding="utf-8"), re.M))
    assert glossary_entries >= 50
    assert len(re.findall(r'class="hb-glossary-term"', read(site, "glossary"))) == glossary_entries
    sefton = read(site, "policies/sefton")
    assert len(re.findall(r'class="hb-compare"', sefton)) >= 60  # "Compare with other authorities" back-links
    assert len(re.findall(r'<span class="hb-(?:must|should)">', sefton)) >= 30  # must/should marks
    assert 'id="p3-18"' in sefton
    assert "Requirements at a glance" in sefton and 'data-label="Check it"' in sefton


@pytest.mark.parametrize("generator", GENERATORS)
def test_no_page_keeps_a_marker(sites, generator):
    for page in pages(sites[generator]):
        html = (sites[generator] / page).read_text(encoding="utf-8")
        assert not re.search(r"<!--\s*[a-z][a-z-]*:", html), page


@pytest.mark.parametrize("generator", GENERATORS)
def test_search_lands_on_paragraphs(sites, generator):
    locations = search_locations(sites[generator])
    paragraphs = [loc for loc in locations if re.search(r"^policies/[a-z-]+/#(p[0-9a-z-]+|appendix-)", loc)]
    assert len(paragraphs) >= 200, len(paragraphs)  # 212 with the five policies
    index = next((sites[generator] / name) for name in ("search/search_index.json", "search.json")
                 if (sites[generator] / name).exists())
    entries = json.loads(index.read_text(encoding="utf-8"))
    entry = next(e for e in entries.get("docs", entries.get("items", [])) if e["location"] == "policies/sefton/#p3-18")
    assert entry["title"] == "Sefton 3.18" and "every 16 sessions they work" in entry["text"]
    assert sum("every 16 sessions they work" in e["text"] for e in entries.get("docs", entries.get("items", []))
               if e["location"].startswith("policies/sefton/")) == 1


def test_the_tables_have_the_same_cells_in_both(sites):
    """The generated tables cell by cell (a stricter reading of the article comparison for the tables)."""
    for page in ("compare/frequency", "compare/recording", "policies/somerset", "tools/due-dates"):
        cells = {g: [t for t in article_tokens(read(sites[g], page)) if t[0] == "text"] for g in GENERATORS}
        assert cells["mkdocs"] == cells["zensical"], page
