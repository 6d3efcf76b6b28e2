"""axe-core (npm, pinned in package.json) on the tool pages: no serious or critical WCAG 2.2 AA violation.

`PAGES` lists the pages checked here; the site-wide check can extend it.
"""

from __future__ import annotations

import pytest

from .conftest import ROOT, wait_ready, wait_result

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
PAGES = [
    "tools/",
    "tools/due-dates/",
    "tools/due-dates/?policy=somerset&role=practitioner&start=2024-01-08&session=2024-02-01&on=2024-06-10&new-starter=1",
    "tools/embed/",
    "embed/due-dates/?policy=sefton&role=social-worker&start=2024-01-08&session=2024-02-01&on=2024-03-10",
]


def axe_violations(page) -> list[dict]:
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `npm ci` (make does)")
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("tags => axe.run(document, {runOnly: {type: 'tag', values: tags}})", TAGS)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"],
         "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"] if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_axe_violations(page, site_url, path):
    page.goto(site_url + path)
    if "due-dates" in path:
        wait_ready(page)
        if "start=" in path:
            wait_result(page)
    assert axe_violations(page) == []


def test_inline_error_state_is_accessible(page, site_url):
    page.goto(site_url + "tools/due-dates/?policy=lancashire&role=staff")
    wait_ready(page)
    page.fill("#dd-start", "31/02/2024")
    page.click("[data-submit]")
    page.wait_for_selector("#dd-start-error:not([hidden])")
    assert axe_violations(page) == []
