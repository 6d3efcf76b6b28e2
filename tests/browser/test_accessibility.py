"""axe-core (npm, pinned in package.json) on every page of the built site: no serious or critical WCAG 2.2 AA
violation (WCAG 2.2 AA), in the light and the dark colour scheme; and the site works by keyboard.

The pages are found when the tests are collected (every `site/**/index.html` outside `assets/`, and the
404 page), so a page added to `docs/` is checked without changing this file. Tool pages are checked once
the checker is ready, and `TOOL_STATES` adds the tool with an answer and with an error on the page.
Violations are fixed in the theme's extra CSS (`docs/assets/stylesheets/handbook.css`) or the templates,
never by turning a rule off.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, SITE, wait_ready, wait_result, wait_theme

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def site_pages() -> list[str]:
    """Every page of the built site, as a path relative to its root ("" for the home page)."""
    pages = []
    for index in sorted(SITE.rglob("index.html")):
        rel = index.relative_to(SITE)
        if rel.parts[0] == "assets":
            continue
        pages.append("" if rel.parent.as_posix() == "." else rel.parent.as_posix() + "/")
    if (SITE / "404.html").exists():
        pages.append("404.html")
    return pages


PAGES = site_pages()
TOOL_STATES = [
    "tools/due-dates/?policy=somerset&role=practitioner&start=2024-01-08&session=2024-02-01&on=2024-06-10&new-starter=1",
    "embed/due-dates/?policy=sefton&role=social-worker&start=2024-01-08&session=2024-02-01&on=2024-03-10",
    "tools/schedule/?policy=sefton&role=nqsw&start=2025-09-01",
]


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make does)")
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    # Let CSS transitions finish (e.g. Material's back-to-top button fading in after a scroll), so axe
    # measures the colours the reader sees, not a frame of a fade.
    page.evaluate("""() => Promise.race([
        Promise.all(document.getAnimations().map(a => a.finished.catch(() => null))),
        new Promise(r => setTimeout(r, 2000))])""")
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "count": len(v["nodes"]),
         "nodes": [{"target": n["target"], "html": n["html"][:160], "why": n.get("failureSummary", "")[:300]}
                   for n in v["nodes"][:5]]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


def report(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}, {v['count']} nodes): {v['help']}")
        for n in v["nodes"]:
            lines.append(f"    {n['target']}: {n['html']}")
            lines.append("      " + " ".join(n["why"].split()))
    return "\n".join(lines)


def assert_no_violations(page, label: str) -> None:
    found = axe_violations(page)
    if found:
        pytest.fail(f"axe on {label}:\n{report(found)}", pytrace=False)


def open_page(page, url: str) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    if page.query_selector("[data-checker]"):
        wait_ready(page)
        if "start=" in url and page.query_selector("[data-schedule]"):
            page.wait_for_selector("[data-schedule] tr[data-date], [data-schedule] .hb-problem", timeout=60_000)
        elif "start=" in url:
            wait_result(page)
    elif page.query_selector("[data-team]"):
        page.wait_for_selector('[data-team][data-state="ready"]', timeout=60_000)
    # Tool pages start Material's scripts once the checker has answered: checked as readers then use them.
    wait_theme(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_no_serious_axe_violations_on_any_page(page, site_url, path, scheme):
    page.emulate_media(color_scheme=scheme)
    open_page(page, site_url + path)
    assert_no_violations(page, f"{path or 'home'} ({scheme})")


@pytest.mark.parametrize("path", TOOL_STATES)
def test_no_serious_axe_violations_with_an_answer(page, site_url, path):
    open_page(page, site_url + path)
    assert_no_violations(page, path)


def test_site_pages_are_found():
    assert "" in PAGES and "policies/sefton/" in PAGES and "tools/due-dates/" in PAGES and "tools/team/" in PAGES
    assert not [p for p in PAGES if p.startswith("assets/")]


def test_inline_error_state_is_accessible(page, site_url):
    page.goto(site_url + "tools/due-dates/?policy=lancashire&role=staff")
    wait_ready(page)
    page.fill("#dd-start", "31/02/2024")
    page.click("[data-submit]")
    page.wait_for_selector("#dd-start-error:not([hidden])")
    assert_no_violations(page, "the due-date checker with an inline error")


def test_schedule_inline_error_state_is_accessible(page, site_url):
    page.goto(site_url + "tools/schedule/?policy=sefton&role=nqsw")
    wait_ready(page)
    page.fill("#sc-start", "31/02/2025")
    page.click("[data-submit]")
    page.wait_for_selector("#sc-start-error:not([hidden])")
    assert_no_violations(page, "the schedule builder with an inline error")


# ---------------------------------------------------------------------------------------------- keyboard

def focused(page) -> dict:
    return page.evaluate("""() => {
        const e = document.activeElement;
        return {tag: e.tagName, href: e.getAttribute('href') || '', text: (e.textContent || '').trim().slice(0, 80),
                id: e.id, visible: !!(e.offsetWidth || e.offsetHeight || e.getClientRects().length)};
    }""")


def test_policy_page_skip_link_goes_to_the_content(page, site_url):
    page.goto(site_url + "policies/sefton/")
    page.keyboard.press("Tab")
    skip = focused(page)
    # The first Tab stop is Material's "Skip to content" link, shown while it has the focus.
    assert skip["tag"] == "A" and skip["text"].lower().startswith("skip to content"), skip
    assert page.evaluate("() => { const r = document.activeElement.getBoundingClientRect(); return r.width > 1 && r.height > 1; }")
    target = "#" + skip["href"].split("#", 1)[-1]  # Material makes in-page links absolute
    assert len(target) > 1 and page.query_selector(f"[id='{target[1:]}']"), target
    page.keyboard.press("Enter")
    assert page.evaluate("() => location.hash") == target
    # The next Tab stop is in the page's content, past the header, the search and the navigation.
    page.keyboard.press("Tab")
    assert page.evaluate("() => !!document.activeElement.closest('.md-content')"), focused(page)


def test_policy_page_navigation_by_keyboard(page, site_url):
    """Tab reaches the navigation's links, each visibly focused, and Enter follows one."""
    page.goto(site_url + "policies/sefton/")
    target = None
    for _ in range(80):
        page.keyboard.press("Tab")
        info = page.evaluate("""() => {
            const e = document.activeElement;
            const nav = e.closest('.md-nav--primary');
            const s = getComputedStyle(e);
            return {inNav: !!nav, href: e.getAttribute('href') || '', text: (e.textContent || '').trim(),
                    outline: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0,
                    shown: e.getClientRects().length > 0};
        }""")
        if info["inNav"] and info["shown"] and info["href"].rstrip("/").endswith("policies/lancashire"):
            target = info
            break
    assert target, "Tab never reached the Lancashire link in the site navigation"
    assert target["outline"], f"the focused navigation link has no visible focus indicator: {target}"
    page.keyboard.press("Enter")
    page.wait_for_url("**/policies/lancashire/", timeout=10_000)
    # Instant navigation changes the address first and the content a moment later.
    page.wait_for_function("() => document.title.startsWith('Lancashire')", timeout=10_000)
    assert "Lancashire" in page.inner_text("h1")
