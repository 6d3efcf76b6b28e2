"""A new authority is four files and no code (CONTRIBUTING.md, "Adding a policy"): a throwaway copy of the
handbook gets Testshire as exactly the worked example's four files, sources/testshire.txt,
docs/policies/testshire.md, checker/rules/testshire.toml and tests/scenarios/testshire.toml, is built with
`python -m sitegen build` (what `make site` runs), and then:

- every generated part of the site shows it: the menu, the policy index, the count of policies, the
  at-a-glance box, the comparison tables (its own [topics] row, and "not compared yet" where it has none),
  the search entries, the must/should marks and the review notice;
- the checker answers for it;
- the suite's tests of the pages, the topics, the scenarios and the team check pass in the copy, so `make test`
  passes with it: an induction page and team scenarios are optional.
CPython only: it starts a build."""

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

SOURCE = textwrap.dedent("""\
    Testshire County Council
    Supervision Policy

    2. Frequency of supervision
    2.1. Social workers must be supervised every six weeks. Records should be kept.
""")

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

    [topics]
    "recording/who-writes-the-record" = '''"Records should be kept." ([Testshire 2.1](../policies/testshire.md#p2-1))'''
""")

PAGE = textwrap.dedent("""
    # Testshire Supervision Policy

    !!! info "Document control"

        | Item | Detail |
        |---|---|
        | Authority | Testshire County Council |
        | Review date | 01/03/2020 |

    <!-- rules:at-a-glance -->

    Testshire County Council
    Supervision Policy

    ## 2. Frequency of supervision {#p2}

    **2.1.** Social workers must be supervised every six weeks. Records should be kept.
    {: #p2-1 }
""")

SCENARIOS = textwrap.dedent("""
    [[scenario]]
    name = "2.1 six weeks after the last session"
    section = "2.1"
    input = { role = "social-worker", start = "2024-01-01", session = ["2024-03-01"], on = "2024-03-20" }
    expect = { next_due = "2024-04-12" }

    [[scenario]]
    name = "2.1 overdue once six weeks have passed"
    section = "2.1"
    input = { role = "social-worker", start = "2024-01-01", session = ["2024-03-01"], on = "2024-05-01" }
    expect = { status = "overdue" }
""")

FOUR_FILES = {"sources/testshire.txt": SOURCE, "docs/policies/testshire.md": PAGE,
              "checker/rules/testshire.toml": RULES, "tests/scenarios/testshire.toml": SCENARIOS}
# The suite's tests that read every policy's files and pages, run again in the copy.
SUITE = ["tests/test_policy_pages.py", "tests/test_topics.py", "tests/test_knowledge_base.py",
         "tests/test_markers.py", "tests/core/test_scenarios.py", "tests/core/test_team.py",
         "tests/core/test_rule_data.py", "tests/test_rule_health.py"]


def _copy(tmp: Path) -> None:
    """The repository without its build output; the Pyodide assets are left out (no browser runs here)."""
    for name in ("checker", "sitegen", "overrides", "sources", "tests"):
        shutil.copytree(ROOT / name, tmp / name, ignore=shutil.ignore_patterns("__pycache__", "browser"))
    shutil.copytree(ROOT / "docs", tmp / "docs", ignore=shutil.ignore_patterns("pyodide"))
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copy2(ROOT / name, tmp / name)


@pytest.fixture(scope="module")
def copy(tmp_path_factory) -> tuple[Path, dict]:
    tmp = tmp_path_factory.mktemp("sixth")
    _copy(tmp)
    for path, text in FOUR_FILES.items():
        (tmp / path).write_text(text, encoding="utf-8")
    env = {**os.environ, "PYTHONPATH": str(tmp), "NO_MKDOCS_2_WARNING": "1", "HANDBOOK_SITE": str(tmp / "site")}
    for command in ([sys.executable, "-m", "checker.compile"], [sys.executable, "-m", "sitegen", "build"]):
        done = subprocess.run(command, cwd=tmp, env=env, capture_output=True, text=True, timeout=600)
        assert done.returncode == 0, done.stdout + done.stderr
    return tmp, env


@pytest.fixture(scope="module")
def built(copy) -> Path:
    return copy[0] / "site"


def test_the_worked_example_in_contributing_is_these_four_files():
    guide = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    section = guide[guide.index("## Adding a policy"):]
    section = section[:section.index("\n## ", 3)]
    for path in FOUR_FILES:
        assert path.replace("testshire", "<slug>") in section, f"CONTRIBUTING.md, Adding a policy: {path}"


def test_the_menu_the_index_and_the_count_show_the_sixth_policy(built):
    index = (built / "policies" / "index.html").read_text(encoding="utf-8")
    assert 'href="testshire/"' in index and "Testshire County Council" in index
    home = (built / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<a href="policies/testshire/" class="md-nav__link">\s*<span class="md-ellipsis">\s*Testshire',
                     home), "the menu has no Testshire line"
    assert "publishes six children" in home and "All six policies" in home


def test_the_policy_page_has_its_generated_parts(built):
    page = (built / "policies" / "testshire" / "index.html").read_text(encoding="utf-8")
    assert "Requirements at a glance: 1 time-bound requirements, 1 of them dated by the checker" in page
    assert re.search(r'href="\.\./\.\./tools/due-dates/\?policy=testshire&amp;role=social-worker"[^>]*>'
                     r"Check Testshire dates \(social worker\)", page)
    assert "This policy’s review date has passed" in page  # review_notice
    assert '<span class="hb-must">must</span> be supervised' in page  # modal_verbs
    assert "Compare with other authorities" in page and 'href="../../compare/recording/"' in page


def test_the_comparison_tables_show_the_sixth_policy_from_its_own_files(built):
    frequency = (built / "compare" / "frequency" / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<h3 id="testshire">Testshire', frequency)
    assert 'href="../../policies/testshire/#p2-1"' in frequency
    recording = (built / "compare" / "recording" / "index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr>\s*<td(?: data-label="Policy")?>Testshire</td>\s*<td[^>]*>(.*?)</td>', recording, re.S)
    assert len(rows) == 6, "every table of the recording page has a Testshire row"
    assert "Records should be kept." in rows[0]  # its [topics] entry, in the first table
    assert sum("Not compared yet" in row for row in rows) == 4  # the other four written tables


def test_search_lands_on_the_sixth_policys_paragraph(built):
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    entry = next(d for d in index["docs"] if d["location"] == "policies/testshire/#p2-1")
    assert entry["title"] == "Testshire 2.1"
    assert "six weeks" in entry["text"]


def test_the_checker_answers_for_the_sixth_policy(copy):
    tmp, env = copy
    done = subprocess.run([sys.executable, "-m", "checker", "due", "--policy", "testshire", "--role", "social-worker",
                           "--start", "2024-01-01", "--session", "2024-03-01", "--on", "2024-03-20", "--json"],
                          cwd=tmp, env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["next_due"] == "2024-04-12"


def test_the_suite_passes_with_the_sixth_policy(copy):
    tmp, env = copy
    done = subprocess.run([sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *SUITE],
                          cwd=tmp, env=env, capture_output=True, text=True, timeout=900)
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert "testshire" in subprocess.run([sys.executable, "-m", "pytest", "-q", "--collect-only", *SUITE[:1]],
                                         cwd=tmp, env=env, capture_output=True, text=True).stdout
