"""The site built by Zensical (`make site GENERATOR=zensical`): its due-date checker starts and gives the rule
core's answer, each citation a link to a paragraph of the policy, with nothing requested from another host."""

from __future__ import annotations

import re
from urllib.parse import urlencode

import pytest

from checker import api
from sitecompare import build_site

from .conftest import serve, wait_result

CASE = {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": "2024-02-01,2024-02-28",
        "on": "2024-03-10"}


@pytest.fixture(scope="module")
def zensical_url(tmp_path_factory):
    site = build_site("zensical", tmp_path_factory.mktemp("zensical") / "site")
    server, url = serve(site, "127.0.0.1")
    yield url
    server.shutdown()


def test_the_zensical_builds_due_date_checker_gives_the_rule_cores_answer(page, zensical_url):
    page.goto(zensical_url + "tools/due-dates/?" + urlencode(CASE))
    answer = api.call("due", dict(CASE))["ok"]
    assert wait_result(page) == {"status": answer["status"], "next_due": answer["next_due"] or ""}
    assert answer["headline"] in page.inner_text("[data-result]")
    cites = page.eval_on_selector_all("[data-result] .hb-cites a", "as => as.map(a => a.href)")
    paragraph = re.compile(re.escape(zensical_url + "policies/sefton/#") + r"(p[0-9a-z-]+|appendix-[0-9]+)$")
    assert cites and all(paragraph.match(c) for c in cites), cites
