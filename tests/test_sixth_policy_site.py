"""A sixth policy on the site needs its page, its rule file and its line in the menu, and no code: a throwaway
copy of the handbook gets Testshire, is built with `mkdocs build --strict`, and every generated part of the site
(the policy index, the at-a-glance box, the topic tables, the search entries, the must/should marks, the review
notice) shows it. CPython only: it starts a build."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MKDOCS = Path(sys.executable).with_name("mkdocs")

RULES = textwrap.dedent("""
    [policy]
    id = "testshire"
    name = "Testshire Supervision Policy"
    short = "Testshire"
    order = 6
    authority = "Testshire County Council"
    service = "Children's Services"
    version = "2"
    date = 2019-03-01
    review = 2020-03-01
    scope = "All social workers."

    [[roles]]
    id = "social-worker"
    name = "Social worker"
    sections = ["2.1"]

    [[requirements]]
    id = "testshire-2.1-six-weekly"
    section = "2.1"
    kind = "supervision"
    strength = "must"
    computable = true
    summary = "Social workers: every six weeks."
    quote = "Social workers must be supervised every six weeks."
    schedule = { type = "repeat", phases = [{ every = "6 weeks" }] }
""")

PAGE = textwrap.dedent("""
    # Testshire Supervision Policy

    !!! info "Document control"

        | | |
        |---|---|
        | Authority | Testshire County Council |

    <!-- rules:at-a-glance -->

    ## 2. Frequency of supervision {#p2}

    **2.1.** Social workers must be supervised every six weeks. Records should be kept.
    {: #p2-1 }
""")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    tmp = tmp_path_factory.mktemp("sixth")
    for name in ("hooks", "overrides", "checker"):
        shutil.copytree(ROOT / name, tmp / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=shutil.ignore_patterns("pyodide"))
    (tmp / "checker" / "rules" / "testshire.toml").write_text(RULES, encoding="utf-8")
    (tmp / "docs" / "policies" / "testshire.md").write_text(PAGE, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    line = re.search(r"^( +)- Bracknell Forest: policies/bracknell-forest\.md\n", config, re.M)
    assert line, "mkdocs.yml: the Policies menu has moved; update this test"
    config = config[:line.end()] + f"{line[1]}- Testshire: policies/testshire.md\n" + config[line.end():]
    (tmp / "mkdocs.yml").write_text(config, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp), "NO_MKDOCS_2_WARNING": "1"}
    for command in ([sys.executable, "-m", "checker.compile"], [str(MKDOCS), "build", "--strict", "--quiet"]):
        done = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    return tmp / "site"


def test_the_policy_index_and_the_policy_page_show_the_sixth_policy(built):
    index = (built / "policies" / "index.html").read_text(encoding="utf-8")
    assert 'href="testshire/"' in index and "Testshire County Council" in index
    page = (built / "policies" / "testshire" / "index.html").read_text(encoding="utf-8")
    assert "Requirements at a glance: 1 time-bound requirements, 1 of them dated by the checker" in page
    assert re.search(r'href="\.\./\.\./tools/due-dates/\?policy=testshire&amp;role=social-worker"[^>]*>'
                     r"Check Testshire dates \(social worker\)", page)
    assert "This policy’s review date has passed" in page  # review_notice
    assert '<span class="hb-must">must</span> be supervised' in page  # modal_verbs


def test_the_generated_topic_tables_show_the_sixth_policy(built):
    frequency = (built / "compare" / "frequency" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 id="testshire">Testshire', frequency)
    assert 'href="../../policies/testshire/#p2-1"' in frequency


def test_search_lands_on_the_sixth_policys_paragraph(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "policies/testshire/#p2-1")
    assert entry["title"] == "Testshire 2.1"
    assert "six weeks" in entry["text"]
