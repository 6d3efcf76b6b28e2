"""The marker registry (sitegen/markers.py): every marker the pages use is in it, and a wrong one stops the build
naming the file and line (STYLE.md, habit 11). Plain functions on the sources: no site generator runs."""

from __future__ import annotations

import re

import pytest

from builtsite import ROOT
from sitegen import markers
from sitegen.errors import BuildError
from sitegen.links import Sources, Where

DOCS = ROOT / "docs"
SOURCES = Sources(DOCS)


def where(src: str) -> Where:
    return Where(src, SOURCES)


def test_every_marker_on_the_pages_is_registered():
    found = set()
    for path in DOCS.rglob("*.md"):
        for comment in markers.CANDIDATE.findall(path.read_text(encoding="utf-8")):
            assert markers.find(comment), f"{path.relative_to(ROOT)}: {comment} is not in the registry"
            found.add(markers.find(comment)[0].syntax)
    assert len(found) >= 12, found


@pytest.mark.parametrize("text, message", [
    ("<!-- rules:at-a-glanse -->", r"compare/frequency\.md:3: unknown marker <!-- rules:at-a-glanse -->"),
    ("<!-- topics:requirements somerset-6.2-write-up -->", r"compare/frequency\.md:3: unknown marker"),
    ("Text <!-- rules:readings --> in a line", r"compare/frequency\.md:3: .* must stand on a line of its own"),
    ("<!-- glossary:abbr ASYE -->", r"compare/frequency\.md:3: .* belongs only on glossary\.md"),
    ("<!-- checker:tool -->", r"compare/frequency\.md:3: .* belongs only on a page whose front matter"),
    ("<!-- rules:by-kind write-up,wirte-up -->", r"compare/frequency\.md: .*unknown kinds wirte-up"),
    ("<!-- topic:requirements no-such-rule -->", r"compare/frequency\.md: .*unknown rule ids: no-such-rule"),
    ("<!-- topic:says recording/no-such-table -->", r"compare/frequency\.md: .*names a topic no rule file has"),
    ("- <!-- rule:no-such-rule -->", r"compare/frequency\.md: <!-- rule:no-such-rule --> names no rule"),
    ("<!-- rules:at-a-glance -->", r"compare/frequency\.md: .*not a policy"),
])
def test_a_wrong_marker_stops_the_build_naming_the_file_and_line(text, message):
    with pytest.raises(BuildError, match=message):
        markers.expand(f"# Title\n\n{text}\n", where("compare/frequency.md"), {})


def test_an_ordinary_comment_and_a_right_marker_pass():
    out = markers.expand("# T\n\n<!-- a note: kept -->\n\n- <!-- rule:somerset-6.2-write-up -->\n",
                         where("induction/somerset.md"), {})
    assert "<!-- a note: kept -->" in out
    assert re.search(r"\(\[Somerset 6\.2\]\(\.\./policies/somerset\.md#p6-2\);", out), out


def test_the_policy_count_is_the_number_of_rule_files_in_words():
    out = markers.expand("<!-- policies:count capital --> policies; all <!-- policies:count -->.\n",
                         where("index.md"), {})
    word = {5: "five", 6: "six"}[len(list((ROOT / "checker" / "rules").glob("*.toml")))]  # six: test_sixth_policy_site
    assert out == f"{word.capitalize()} policies; all {word}.\n"


def test_a_link_to_a_page_the_site_lacks_stops_the_build():
    with pytest.raises(BuildError, match=r"induction/somerset\.md: a generated link points to nowhere\.md"):
        where("induction/somerset.md").md_link("nowhere.md")


@pytest.mark.parametrize("page, target, link", [
    ("policies/sefton.md", "tools/due-dates.md", "../tools/due-dates.md"),
    ("index.md", "tools/due-dates.md", "tools/due-dates.md"),
    ("compare/recording.md", "policies/index.md", "../policies/index.md"),
])
def test_generated_links_go_from_source_to_source_for_the_generator_to_check(page, target, link):
    assert where(page).md_link(target) == link


@pytest.mark.parametrize("page, target, url", [
    ("policies/sefton.md", "tools/due-dates.md", "../../tools/due-dates/"),
    ("index.md", "tools/due-dates.md", "tools/due-dates/"),
    ("tools/due-dates.md", "index.md", "../../"),
])
def test_built_urls_follow_the_directory_urls_both_generators_write(page, target, url):
    assert where(page).url(target) == url
