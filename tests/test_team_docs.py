"""The team check's page documents the header names the check recognises (issue 18 item 1): the list on
docs/tools/team.md and checker/team_mapping.HEADER_NAMES are the same. (Not in tests/core: it reads the docs,
which the in-Pyodide run of the core tests does not have.)"""

from __future__ import annotations

import re
from pathlib import Path

from checker import team_mapping


def test_the_page_documents_every_header_name_the_check_recognises():
    page = (Path(__file__).parent.parent / "docs" / "tools" / "team.md").read_text(encoding="utf-8")
    listed = {}
    for line in page.splitlines():
        m = re.match(r"\| [^|]+ \(`([a-z_-]+)`\) \| (.+) \|$", line)
        if m:
            listed[m[1]] = tuple(re.findall(r"`([^`]+)`", m[2]))
    assert listed == team_mapping.HEADER_NAMES


def test_the_team_pages_date_fields_give_the_one_date_hint_every_tool_gives():
    """Issue 19 item 6: one date hint serves every tool (checker/wording.DATE_HINT), the team check's too."""
    from checker import wording
    html = (Path(__file__).parent.parent / "overrides" / "partials" / "team-tool.html").read_text(encoding="utf-8")
    for field in ("on", "from"):
        hint = re.search(rf'id="team-{field}-hint">([^<]*)<', html)
        assert hint and hint[1].endswith(wording.DATE_HINT), field


def test_the_team_pages_words_are_the_cores_and_every_one_is_used():
    """The page only draws (DESIGN): each word its modules say is a key of checker/wording.TEAM_PAGE, which the
    "team-files" answer delivers; a key no module says is a word left behind."""
    from checker import api, wording
    modules = sorted((Path(__file__).parent.parent / "docs" / "assets" / "javascripts" / "team").glob("*.mjs"))
    source = "\n".join(m.read_text(encoding="utf-8") for m in modules)
    said = set(re.findall(r'say\("([a-z_]+)"', source))
    said |= {k for pair in re.findall(r'say\([^()]*\? "([a-z_]+)" : "([a-z_]+)"', source) for k in pair}
    said |= set(re.findall(r'label\(C, "([a-z_]+)"\)', source))
    assert said and said <= set(wording.TEAM_PAGE), sorted(said - set(wording.TEAM_PAGE))
    assert set(wording.TEAM_PAGE) <= said, sorted(set(wording.TEAM_PAGE) - said)
    assert api.call("team-files", {"on": "2025-07-01"})["ok"]["words"] == wording.TEAM_PAGE


def test_a_value_in_a_message_is_quoted_as_typed_not_as_python_writes_it():
    """Issue 18 item 2's form: 'Senior Practitioner' on 12 rows, in plain quotes, an apostrophe as typed."""
    from checker import team
    text = "name,role,start,session\nAnn,Manager's Assistant,2024-01-08,2024-02-01\n"
    error = team.team(text, "sefton", "2024-03-01")["errors"][0]
    assert error["message"].startswith("'Manager's Assistant' on 1 row, line 2: choose its sefton role")
    assert "\\" not in error["message"]
