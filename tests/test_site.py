"""The built site as a whole: no request to any other host, and the pages a user starts from."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from builtsite import SITE, read_page

_EXTERNAL = re.compile(r"^(?:[a-z]+:)?//", re.I)


class _Resources(HTMLParser):
    """Every URL the browser would fetch by itself: scripts, styles, fonts, images, frames, preloads."""

    def __init__(self):
        super().__init__()
        self.urls: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "iframe", "audio", "video", "source", "embed") and a.get("src"):
            self.urls.append(a["src"])
        if tag == "link" and a.get("href") and set((a.get("rel") or "").split()) & {
            "stylesheet", "preload", "modulepreload", "icon", "prefetch", "preconnect", "dns-prefetch", "manifest"
        }:
            self.urls.append(a["href"])
        if tag == "object" and a.get("data"):
            self.urls.append(a["data"])
        if a.get("srcset"):
            self.urls += [part.split()[0] for part in a["srcset"].split(",")]
        if a.get("style") and "url(" in a["style"]:
            self.urls += re.findall(r"url\(['\"]?([^'\")]+)", a["style"])


HTML_FILES = sorted(SITE.rglob("*.html"))


@pytest.mark.parametrize("path", HTML_FILES, ids=[str(p.relative_to(SITE)) for p in HTML_FILES])
def test_page_loads_nothing_from_another_host(path):
    parser = _Resources()
    parser.feed(path.read_text(encoding="utf-8"))
    external = [u for u in parser.urls if _EXTERNAL.match(u)]
    assert not external, f"{path.relative_to(SITE)} fetches {external}"


def test_stylesheets_import_nothing_from_another_host():
    for css in SITE.rglob("*.css"):
        text = css.read_text(encoding="utf-8", errors="replace")
        urls = re.findall(r"(?:url\(\s*['\"]?|@import\s+['\"])([^'\")\s]+)", text)
        external = [u for u in urls if _EXTERNAL.match(u)]
        assert not external, f"{css.relative_to(SITE)} fetches {external}"


def test_home_page_has_a_start_point_for_each_kind_of_user():
    text, _ = read_page("")
    for heading in ("I am a practitioner", "I manage a team", "I am new to supervising", "I write or compare policies"):
        assert heading in text


def test_policy_index_lists_all_five_with_review_dates():
    text, _ = read_page("policies/")
    for name in ("Somerset", "Sefton", "Blackburn with Darwen", "Lancashire", "Bracknell Forest"):
        assert name in text
    assert "19 June 2024 (passed)" in text


def test_the_site_is_built():
    assert (SITE / "index.html").exists(), f"no built site at {SITE}: run `make site`"
    assert len(HTML_FILES) >= 8
