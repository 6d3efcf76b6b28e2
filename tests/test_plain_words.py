"""Plain words on user pages (issue 8, item 9): no interval notation, no library versions, no design-document
sections and no repository paths in what a reader sees, whether typed on a page or generated from the rulebook."""

from __future__ import annotations

import re

import pytest

from builtsite import SITE, read_page
from checker import api
from checker.rulebook import policy_ids, policy_rules

FORBIDDEN = re.compile(
    r"\[start"                      # interval notation: "[start, start + 6 weeks)"
    r"|python holidays|subdivision ENG|country GB"  # where the calendar comes from, in a library's terms
    r"|DESIGN|§"                    # the design document and its sections
    r"|checker/|tests/|hooks/|sitegen/|sources/|(?<!team-mapping)\.toml\b|\.py\b"   # repository paths
)
"""`team-mapping.toml` is the reader's own file, the mapping the team check downloads, not a repository path."""
PAGES = sorted(p.relative_to(SITE).as_posix() for p in SITE.rglob("index.html")
               if not p.relative_to(SITE).as_posix().startswith("assets/"))


@pytest.mark.parametrize("page", PAGES)
def test_a_page_says_nothing_in_the_builders_words(page):
    text, _ = read_page(page)
    found = sorted({m.group(0) for m in FORBIDDEN.finditer(text)})
    assert not found, f"{page}: {found}"


def _user_texts(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _user_texts(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _user_texts(item)


@pytest.mark.parametrize("policy", policy_ids())
def test_the_rulebook_words_the_pages_and_the_checker_show_are_plain(policy):
    """Summaries, readings, reasons and questions are drawn by the page and the checker as they are."""
    rules = policy_rules(policy)
    texts = [t for r in api.rules(policy) for k in ("summary", "reading", "why_not") if r.get(k) for t in [r[k]]]
    texts += list(_user_texts(rules.facts)) + [role.name for role in rules.roles]
    bad = sorted({t for t in texts if FORBIDDEN.search(t)})
    assert not bad, bad


def test_the_home_page_title_is_the_site_name_once():
    html = (SITE / "index.html").read_text(encoding="utf-8")
    assert re.search(r"<title>Supervision Handbook</title>", html), re.search(r"<title>.*?</title>", html)[0]


def test_the_practitioner_card_on_the_home_page_links_to_the_checker():
    html = (SITE / "index.html").read_text(encoding="utf-8")
    card = re.search(r"I am a practitioner.*?</li>", html, re.S)[0]
    assert 'href="tools/due-dates/"' in card, card
