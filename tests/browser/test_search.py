"""Search lands on paragraphs: each query is typed into Material's real search box in headless Chromium, and the
paragraph that answers it must be among the first results a reader sees (sitegen/search_paragraphs.py).

"Results a reader sees" are the links shown without opening "N more on this page": for each page in the result
list, its title and its best-matching entries.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

TOP = 5  # the expected paragraph is among the first five visible results

# query → the paragraphs that answer it (any one of them is right), as "page path#anchor"
QUERIES = {
    "ASYE": ["policies/sefton/#p3-12", "policies/sefton/#p3-14"],
    "newly qualified": ["policies/sefton/#p3-12", "policies/somerset/#p7-4", "policies/bracknell-forest/#pc"],
    "16 sessions": ["policies/sefton/#p3-18"],
    "three working days": ["policies/somerset/#p6-2"],
    "direct observation": ["policies/somerset/#p9-1", "policies/somerset/#p9-2", "policies/sefton/#p4-6",
                           "policies/sefton/#appendix-2", "policies/somerset/#p9"],
    "Personal Advisors": ["policies/sefton/#p3-9"],
    "reflective journal": ["policies/blackburn-with-darwen/#p6"],
    "performance engagement": ["policies/lancashire/#p5-13"],
    "three monthly": ["policies/bracknell-forest/#pc"],
    "how often": ["compare/frequency/"],
}

VISIBLE_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].flatMap(
    li => [...li.children].filter(c => c.matches('a.md-search-result__link')).map(a => a.href))"""


def type_search(page, query: str) -> None:
    """Type the query into the search box of the page at hand, until results show."""
    # On a wide screen the box is in the header; on a phone a button opens it.
    page.locator("label.md-header__button[for='__search']:visible, input.md-search__input:visible").first.click()
    page.locator("input.md-search__input").press_sequentially(query, delay=20)
    page.wait_for_selector(".md-search-result__item", timeout=30_000)


def search(page, site_url: str, query: str) -> list[str]:
    """Type the query into the search box and return the visible results as 'path#anchor', in order."""
    page.goto(site_url)
    type_search(page, query)
    page.wait_for_timeout(300)  # the list settles after the last keystroke
    results = []
    for href in page.evaluate(VISIBLE_RESULTS):
        parts = urlsplit(href)
        path = parts.path[len(urlsplit(site_url).path):]
        results.append(f"{path}#{parts.fragment}" if parts.fragment else path)
    return results


@pytest.mark.parametrize("query", list(QUERIES))
def test_search_lands_on_the_paragraph(page, site_url, query):
    results = search(page, site_url, query)
    expected = QUERIES[query]
    assert any(r in expected for r in results[:TOP]), (
        f"{query!r}: none of {expected} in the first {TOP} visible results: {results[:10]}")


def test_a_paragraph_result_is_titled_with_its_policy_and_number(page, site_url):
    search(page, site_url, "16 sessions")
    titles = page.eval_on_selector_all(".md-search-result__item a.md-search-result__link h2",
                                       "els => els.map(e => e.textContent.trim())")
    assert "Sefton 3.18" in titles


def test_following_a_result_opens_the_paragraph(page, site_url):
    search(page, site_url, "16 sessions")
    page.locator(".md-search-result__item a.md-search-result__link[href*='#p3-18']").first.click()
    page.wait_for_url("**/policies/sefton/**#p3-18")
    # Instant navigation changes the address before the new page's content is in place.
    page.wait_for_selector("#p3-18", state="visible", timeout=10_000)
    assert page.locator("#p3-18").is_visible()
    assert "every 16 sessions they work" in page.locator("#p3-18").inner_text()
