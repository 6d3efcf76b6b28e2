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
