"""The build package (sitegen/) as plain functions: sources in, finished Markdown, HTML and search entries out.
No site generator runs here; tests/test_generators.py runs both."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from checker.rulebook import policy_ids
from sitegen import config, finish, generate, search_paragraphs, topics
from sitegen.errors import BuildError
from sitegen.links import Sources, Where

ROOT = Path(__file__).resolve().parent.parent
POLICY = '<h1 id="t">Sefton policy</h1>\n<h2 id="p3">3. FREQUENCY</h2>\n<p id="p3-18">3.18 Staff must meet every 16 sessions they work.</p>\n<p class="hb-compare">Compare with other authorities: x</p>\n<p id="p3-19">3.19 Records should be kept.</p>\n'


def built(content: str, cls: str = "md-content__inner md-typeset") -> str:
    return f'<html><body><nav>You will find</nav><article class="{cls}">{content}</article><footer>will</footer></body></html>'


# ---------------------------------------------------------------- before the generator


def test_generate_writes_every_page_finished_and_links_every_other_file(tmp_path):
    docs = tmp_path / "docs"
    (docs / "includes").mkdir(parents=True)
    (docs / "includes" / "abbreviations.md").write_text("", encoding="utf-8")
    (docs / "index.md").write_text("---\ntitle: Home\n---\n\n# Home\n\nWe hold <!-- policies:count --> policies.\n",
                                   encoding="utf-8")
    (docs / "style.css").write_text("p {}", encoding="utf-8")
    written = generate.generate(docs, tmp_path / "out", every_topic_shown=False)
    assert written == ["index.md"]
    assert (tmp_path / "out" / "index.md").read_text(encoding="utf-8") == (
        f"---\ntitle: Home\n---\n\n# Home\n\nWe hold five policies.\n")
    assert (tmp_path / "out" / "style.css").stat().st_ino == (docs / "style.css").stat().st_ino  # linked, not copied


def test_a_wrong_page_stops_generation_and_leaves_the_last_build_as_it_was(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("# Home\n\n<!-- rules:readingz -->\n", encoding="utf-8")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "index.md").write_text("last build", encoding="utf-8")
    with pytest.raises(BuildError, match=r"index\.md:3: unknown marker <!-- rules:readingz -->"):
        generate.generate(docs, tmp_path / "out", every_topic_shown=False)
    assert (tmp_path / "out" / "index.md").read_text(encoding="utf-8") == "last build"


def test_the_generator_leaves_the_policy_pages_to_the_paragraph_search_step():
    sources = Sources.from_pages({"policies/sefton.md": "# Sefton\n", "policies/index.md": "---\ntitle: P\n---\n# P\n"})
    assert generate.page("policies/sefton.md", sources, {}).startswith("---\nsearch:\n  exclude: true\n---\n\n# Sefton")
    assert generate.page("policies/index.md", sources, {}).startswith("---\ntitle: P\n---\n")


def test_invalid_front_matter_stops_generation_naming_the_page(tmp_path):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "index.md").write_text("---\ntitle: a: b\n---\n# Home\n", encoding="utf-8")
    with pytest.raises(BuildError, match=r"index\.md: its front matter is not valid YAML"):
        generate.generate(docs, tmp_path / "out", every_topic_shown=False)


def test_a_topic_table_has_a_row_per_policy_and_says_when_one_is_not_compared_yet():
    sources = Sources.from_pages({"compare/recording.md": "", **{f"policies/{p}.md": "" for p in policy_ids()}})
    table = topics.says(Where("compare/recording.md", sources), "recording/who-writes-the-record")
    rows = table.strip().split("\n")[2:]
    assert [r.split(" | ")[0].lstrip("| ") for r in rows] == ["Somerset", "Sefton", "Blackburn with Darwen",
                                                              "Lancashire", "Bracknell Forest"]
    assert "(../policies/somerset.md#p" in rows[0]


def test_every_topic_entry_of_the_rule_files_is_shown_on_a_comparison_page():
    sources = Sources(ROOT / "docs")
    used = {key for src in sources.pages() for key in topics.MARKER.findall(sources.text(src))}
    assert topics.unused(used) == []
    assert topics.unused(used - {"recording/who-writes-the-record"}) == [
        f'checker/rules/{p}.toml: [topics] "recording/who-writes-the-record"' for p in policy_ids()]


def test_the_menu_gets_a_line_per_rule_file_and_an_induction_line_per_induction_page(tmp_path):
    (tmp_path / "induction").mkdir()
    (tmp_path / "induction" / "sefton.md").write_text("# Sefton", encoding="utf-8")
    text = ("site_description: <!-- policies:count capital --> policies\ndocs_dir: build/docs\ntheme:\n"
            "  custom_dir: overrides\nnav:\n  - Induction:\n    # sitegen:induction\n  - Policies:\n"
            "      # sitegen:policies\n")
    out = config.generated_config(text, tmp_path)
    assert "site_description: Five policies\n" in out
    assert "    - Sefton checklist: induction/sefton.md\n  - Policies:" in out
    assert "      - Somerset: policies/somerset.md\n      - Sefton: policies/sefton.md\n" in out
    assert "docs_dir: docs\nsite_dir: site\n" in out and "  custom_dir: ../overrides\n" in out


# ---------------------------------------------------------------- after the generator


def test_finishing_marks_the_policy_text_inside_the_article_only():
    page = finish.finish_page(built(POLICY), "policies/sefton.md")
    assert '<span class="hb-must">must</span> meet' in page
    assert "<nav>You will find</nav>" in page and "<footer>will</footer>" in page
    assert page.index("hb-modal-legend") > page.index("<article")


def test_finishing_a_page_without_the_article_stops_the_build():
    with pytest.raises(BuildError, match=r"policies/sefton/index\.html \(from policies/sefton\.md\): no <article"):
        finish.finish_page("<html><main>text</main></html>", "policies/sefton.md")


def test_finishing_labels_tables_and_enables_induction_boxes():
    table = "<table>\n<thead>\n<tr>\n<th>A</th>\n<th>B</th>\n<th>C</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td>1</td>\n<td>2</td>\n<td>3</td>\n</tr>\n</tbody>\n</table>"
    box = ('<ul class="task-list"><li class="task-list-item"><label class="task-list-control"><input type="checkbox" '
           'disabled/><span class="task-list-indicator"></span></label> Book the first session</li></ul>')
    out = finish.finish_content(table + box, "induction/sefton.md")
    assert '<td data-label="C">3</td>' in out
    assert '<input type="checkbox" aria-label="Book the first session"/>' in out


def test_a_marker_left_in_a_built_page_stops_the_build_naming_the_page(tmp_path):
    (tmp_path / "tools").mkdir()
    (tmp_path / "index.html").write_text(built("<p>fine</p><!-- a note: kept -->"), encoding="utf-8")
    (tmp_path / "tools" / "index.html").write_text(built("<!-- checker:tool -->"), encoding="utf-8")
    with pytest.raises(BuildError, match=r"tools/index\.html: <!-- checker:tool -->") as error:
        finish.check_markers(tmp_path)
    assert "index.html: " not in str(error.value).replace("tools/index.html", "")


@pytest.mark.parametrize("generator, name, key", [("mkdocs", "search/search_index.json", "docs"),
                                                  ("zensical", "search.json", "items")])
def test_search_lands_on_each_numbered_paragraph_in_either_index(tmp_path, generator, name, key):
    (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
    # The generator did not index the policy page (its front matter says search: exclude: true).
    index = {"config": {"fields": {"title": {"boost": 1e3}}},
             key: [{"location": "", "title": "Home", "text": "x"},
                   {"location": "policies/", "title": "The five policies", "text": "y", "path": ["Policies", "The five"]},
                   {"location": "tools/", "title": "Tools", "text": "z", "path": ["Tools"]}]}
    (tmp_path / name).write_text(json.dumps(index), encoding="utf-8")
    page = search_paragraphs.BuiltPage("policies/sefton.md", "policies/sefton/", POLICY, {})
    search_paragraphs.rewrite_index(tmp_path, generator, [page])
    entries = json.loads((tmp_path / name).read_text(encoding="utf-8"))[key]
    by_location = {e["location"]: e for e in entries}
    assert list(by_location) == ["", "policies/", "policies/sefton/", "policies/sefton/#p3", "policies/sefton/#p3-18",
                                 "policies/sefton/#p3-19", "tools/"]  # where the menu has the page
    assert by_location["policies/sefton/#p3-18"]["title"] == "Sefton 3.18"
    assert "every 16 sessions" in by_location["policies/sefton/#p3-18"]["text"]
    assert "Compare with other authorities" not in json.dumps(entries)
    if generator == "mkdocs":  # Sefton 3.18 sets a requirement in the rule data: it ranks above 3.19
        assert by_location["policies/sefton/#p3-18"]["boost"] > by_location["policies/sefton/#p3-19"]["boost"]
    else:
        assert by_location["policies/sefton/#p3-18"]["path"] == ["Policies", "Sefton"]


def test_beyond_twenty_policies_the_menu_groups_them_by_letter():
    """Issue 20, "Built to grow": 150 authorities are not one list a reader can scan, and every page carried
    all of them. Up to 20 the menu keeps the policies' own order; beyond, letter groups in A to Z order."""
    five = [("somerset", "Somerset"), ("sefton", "Sefton"), ("lancashire", "Lancashire")]
    assert config.policy_menu(five, "  ") == ["  - Somerset: policies/somerset.md", "  - Sefton: policies/sefton.md",
                                              "  - Lancashire: policies/lancashire.md"]
    names = [f"{letter}{suffix}" for letter in "ABCDEFGHKLMNOPRSTWY" for suffix in ("ford", "ton", "ley")]
    names += [f"S{n}" for n in range(20)]  # one letter with more than a group holds stays one group
    many = [(n.lower(), n) for n in reversed(names)]
    lines = config.policy_menu(many, "")
    groups = [line for line in lines if not line.startswith("    ")]
    entries = [line.strip().removeprefix("- ").split(":")[0] for line in lines if line.startswith("    ")]
    assert sorted(entries) == sorted(names) and len(entries) == len(names)  # every policy once
    letters = [e for e in entries if not e[1:].isdigit()]
    assert letters == sorted(letters, key=str.casefold)  # alphabetical through the groups
    assert entries.index("S2") < entries.index("S10") < entries.index("Sford")  # numbers read as numbers
    assert groups[0] == '- "A to E":' and '- "S":' in groups
    sizes, size = [], 0
    for line in lines[1:] + ['- "end":']:
        if line.startswith("    "):
            size += 1
        else:
            sizes.append(size)
            size = 0
    assert max(s for g, s in zip(groups, sizes) if g != '- "S":') <= config.MENU_GROUP_SIZE
    assert dict(zip(groups, sizes))['- "S":'] == 23
