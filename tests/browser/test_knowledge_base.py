"""The knowledge-base pages in headless Chromium: no serious axe violation, tooltips on abbreviations, the
must/should marks, and printing a form without the site's navigation."""

from __future__ import annotations

# The axe check of these pages is in test_accessibility.py (every page of the site, light and dark).


def test_checklist_boxes_can_be_ticked_and_are_named(page, site_url):
    page.goto(site_url + "induction/somerset/")
    box = page.locator("#first-month ~ ul input[type=checkbox]").first
    assert box.get_attribute("aria-label").startswith("A supervision agreement with each supervisee")
    box.check(force=True)
    assert box.is_checked()


def test_hovering_an_abbreviation_shows_what_it_stands_for(page, site_url):
    page.goto(site_url + "policies/sefton/#p3-12")
    abbr = page.locator("#p3-12 abbr", has_text="ASYE").first
    abbr.hover()
    tooltip = page.locator(".md-tooltip2, .md-tooltip").filter(has_text="Assessed and Supported Year in Employment")
    tooltip.first.wait_for(state="visible", timeout=5_000)


def test_duty_words_are_marked_with_a_legend(page, site_url):
    page.goto(site_url + "policies/sefton/")
    assert page.locator(".hb-modal-legend").is_visible()
    must = page.locator("#p3-18 .hb-must")
    assert must.inner_text() == "must"
    assert page.locator("#p3-18").inner_text().endswith("must receive supervision every 16 sessions they work.")
    weight = must.evaluate("e => getComputedStyle(e).fontWeight")
    assert int(weight) >= 600


def test_printing_a_policy_shows_only_the_text_and_starts_each_form_on_a_new_page(page, site_url):
    page.goto(site_url + "policies/somerset/")
    page.emulate_media(media="print")
    for selector in (".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-footer"):
        assert not page.locator(selector).first.is_visible(), f"{selector} prints"
    breaks = page.eval_on_selector_all(".md-typeset .form", "els => els.map(e => getComputedStyle(e).breakBefore)")
    assert breaks and set(breaks) == {"page"}
    border = page.eval_on_selector(".md-typeset .form td", "e => getComputedStyle(e).borderTopStyle")
    assert border == "solid"
    assert page.pdf(format="A4")[:4] == b"%PDF"
