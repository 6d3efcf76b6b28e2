"""Tables fit the screen (issue 11): at 1280 px and on a 390 px phone, no table on any page runs off the
right of the content (the seven-column list of policies, the "Check it" and paragraph columns). On a phone,
tables of three or more columns show each row as a card of "heading: value" lines (sitegen/table_labels.py
and handbook.css)."""

from __future__ import annotations

import pytest

from .test_accessibility import PAGES

OVERFLOWING = """() => [...document.querySelectorAll('.md-content table')].filter(t => t.offsetParent !== null).map(t => {
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    const right = document.querySelector('.md-content__inner').getBoundingClientRect().right;
    return {heads: [...t.querySelectorAll('th')].map(th => th.textContent.trim()).join(' | ').slice(0, 80),
            hidden: box.scrollWidth - box.clientWidth, beyond: t.getBoundingClientRect().right - right};
}).filter(x => x.hidden > 1 || x.beyond > 1)"""

TABLE_PAGES = [p for p in PAGES if p.startswith(("policies/", "changes/", "compare/", "tools/due-dates/", "forms/", "induction/"))]


@pytest.mark.parametrize("path", TABLE_PAGES, ids=[p.strip("/") for p in TABLE_PAGES])
def test_no_table_runs_off_the_right(page, site_url, path):
    page.goto(site_url + path)
    page.wait_for_load_state("load")
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)  # the layout settles
        assert page.evaluate(OVERFLOWING) == [], f"at {width} px"


def test_on_a_phone_a_row_is_a_card_of_labelled_values(page, site_url):
    page.set_viewport_size({"width": 390, "height": 900})
    page.goto(site_url + "policies/sefton/")
    cell = page.locator("table[data-stack] td[data-label='Check it']").first
    assert cell.evaluate("td => getComputedStyle(td).display") == "block"
    assert cell.evaluate("td => getComputedStyle(td, '::before').content") == '"Check it"'
    page.set_viewport_size({"width": 1280, "height": 900})
    assert cell.evaluate("td => getComputedStyle(td).display") == "table-cell"
