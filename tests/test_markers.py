"""The marker registry (hooks/handbook/markers.py): every marker the pages use is in it, and a wrong one stops
the build naming the file and line (STYLE.md, habit 11)."""

from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from builtsite import ROOT
from hooks.handbook import markers
from hooks.handbook.links import Where

DOCS = ROOT / "docs"


def where(src: str) -> Where:
    files = Files([File(p.relative_to(DOCS).as_posix(), str(DOCS), "/tmp/site", True) for p in DOCS.rglob("*.md")])
    return Where(files.get_file_from_path(src), files)


def test_every_marker_on_the_pages_is_registered():
    found = set()
    for path in DOCS.rglob("*.md"):
        for comment in markers.CANDIDATE.findall(path.read_text(encoding="utf-8")):
            assert markers.find(comment), f"{path.relative_to(ROOT)}: {comment} is not in the registry"
            found.add(markers.find(comment)[0].syntax)
    assert len(found) >= 10, found


@pytest.mark.parametrize("text, message", [
    ("<!-- rules:at-a-glanse -->", r"compare/frequency\.md:3: unknown marker <!-- rules:at-a-glanse -->"),
    ("<!-- topics:requirements somerset-6.2-write-up -->", r"compare/frequency\.md:3: unknown marker"),
    ("Text <!-- rules:readings --> in a line", r"compare/frequency\.md:3: .* must stand on a line of its own"),
    ("<!-- glossary:abbr ASYE -->", r"compare/frequency\.md:3: .* belongs only on glossary\.md"),
    ("<!-- checker:tool -->", r"compare/frequency\.md:3: .* belongs only on a page whose front matter"),
    ("<!-- rules:by-kind write-up,wirte-up -->", r"compare/frequency\.md: .*unknown kinds wirte-up"),
    ("<!-- topic:requirements no-such-rule -->", r"compare/frequency\.md: .*unknown rule ids: no-such-rule"),
    ("- <!-- rule:no-such-rule -->", r"compare/frequency\.md: <!-- rule:no-such-rule --> names no rule"),
    ("<!-- rules:at-a-glance -->", r"compare/frequency\.md: .*not a policy"),
])
def test_a_wrong_marker_stops_the_build_naming_the_file_and_line(text, message):
    with pytest.raises(PluginError, match=message):
        markers.expand(f"# Title\n\n{text}\n", where("compare/frequency.md"), {})


def test_an_ordinary_comment_and_a_right_marker_pass():
    out = markers.expand("# T\n\n<!-- a note: kept -->\n\n- <!-- rule:somerset-6.2-write-up -->\n",
                         where("induction/somerset.md"), {})
    assert "<!-- a note: kept -->" in out
    assert re.search(r"\(\[Somerset 6\.2\]\(\.\./policies/somerset\.md#p6-2\);", out), out


def test_a_link_to_a_page_the_site_lacks_stops_the_build():
    with pytest.raises(PluginError, match=r"induction/somerset\.md: a generated link points to nowhere\.md"):
        where("induction/somerset.md").md_link("nowhere.md")


def test_check_it_links_take_the_built_url_from_mkdocs():
    assert where("policies/sefton.md").url("tools/due-dates.md") == "../../tools/due-dates/"
    assert where("index.md").url("tools/due-dates.md") == "tools/due-dates/"
