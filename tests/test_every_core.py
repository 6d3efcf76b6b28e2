"""The build on every core (issue 20, "Built to grow"): MkDocs rendering pages in several processes
(sitegen/mkdocs_parallel.py) writes what plain `mkdocs build` writes, a warning from a page rendered in another
process still stops a strict build, and finishing the pages in several processes (sitegen.finish) writes what
finishing them in one does."""

from __future__ import annotations

import filecmp
from pathlib import Path

import pytest

from sitegen import cores, finish, mkdocs_parallel
from sitegen.run import generator_command

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "build" / "mkdocs.yml"
ARGS = generator_command("mkdocs")[3:]  # what `make site` gives the runner: build --strict


def build(argv: list[str], parallel_from: int, monkeypatch) -> int:
    monkeypatch.setattr(cores, "PARALLEL_FROM", parallel_from)
    with pytest.raises(SystemExit) as done:
        mkdocs_parallel.main(argv)
    return done.value.code


def built_files(site: Path) -> dict[str, Path]:
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


@pytest.mark.skipif(mkdocs_parallel.workers() < 2, reason="one core, or MkDocs other than 1.6.1: the build is MkDocs' own")
def test_the_handbook_built_on_every_core_is_byte_for_byte_the_plain_build(tmp_path, monkeypatch):
    if not CONFIG.exists():
        pytest.skip("build/mkdocs.yml is written by `make site`")
    args = [*ARGS, "--config-file", str(CONFIG), "--site-dir"]
    assert build([*args, str(tmp_path / "plain")], 10**6, monkeypatch) == 0
    assert build([*args, str(tmp_path / "shared")], 1, monkeypatch) == 0
    assert mkdocs_parallel._decided == {"parallel": True, "write": True}
    plain, shared = built_files(tmp_path / "plain"), built_files(tmp_path / "shared")
    assert sorted(plain) == sorted(shared) and len(plain) > 30
    differ = [name for name in plain if not filecmp.cmp(plain[name], shared[name], shallow=False)]
    assert not differ, f"pages built on every core differ from MkDocs' own: {differ[:5]}"
    # Finishing them (marks, labels, the paragraph search index) in one process and in several.
    monkeypatch.setattr(cores, "PARALLEL_FROM", 10**6)
    assert finish.finish(tmp_path / "plain", ROOT / "build" / "docs", "mkdocs") == len(finish.Sources(ROOT / "build" / "docs").pages())
    monkeypatch.setattr(cores, "PARALLEL_FROM", 1)
    finish.finish(tmp_path / "shared", ROOT / "build" / "docs", "mkdocs")
    differ = [name for name in plain if not filecmp.cmp(plain[name], shared[name], shallow=False)]
    assert not differ, f"pages finished on every core differ from those finished in one process: {differ[:5]}"
    assert "policies/sefton/#p3-18" in (tmp_path / "shared" / "search" / "search_index.json").read_text(encoding="utf-8")


@pytest.mark.skipif(mkdocs_parallel.workers() < 2, reason="one core, or MkDocs other than 1.6.1: the build is MkDocs' own")
def test_a_warning_from_a_page_rendered_in_another_process_stops_the_strict_build(tmp_path, monkeypatch, capfd):
    """As `make site` runs it: with --quiet, MkDocs dropped the warnings before --strict counted them."""
    docs = tmp_path / "docs"
    docs.mkdir()
    pages = [f"page-{n}.md" for n in range(6)]
    for n, name in enumerate(pages):  # every page links to a page that is not there
        (docs / name).write_text(f"# Page {n}\n\n" + "Text. " * (50 * (n + 1)) + "\n\n[gone](missing.md)\n",
                                 encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text("site_name: t\ntheme: mkdocs\nvalidation:\n  links:\n    not_found: warn\nnav:\n"
                                         + "".join(f"  - {p}\n" for p in pages), encoding="utf-8")
    code = build([*ARGS, "--config-file", str(tmp_path / "mkdocs.yml")], 1, monkeypatch)
    assert mkdocs_parallel._decided == {"parallel": True, "write": True}
    out = capfd.readouterr()
    err = out.err + out.out
    assert code == 1 and "Aborted with 6 warnings in strict mode" in err, err
    assert err.count("missing.md") == 6  # each said once, wherever it was rendered


def test_pages_are_shared_by_the_size_of_their_markdown():
    assert mkdocs_parallel.shares([5, 1, 9, 3, 3], 2) == [[2, 1], [0, 3, 4]]  # 10 and 11
    assert sorted(i for share in mkdocs_parallel.shares(list(range(50)), 3) for i in share) == list(range(50))


@pytest.mark.skipif(cores.cores() < 2, reason="one core: generation runs in one process")
def test_the_pages_generated_on_every_core_are_those_generated_in_one_process(tmp_path, monkeypatch):
    from sitegen import generate

    monkeypatch.setattr(cores, "PARALLEL_FROM", 10**6)
    one = generate.generate(ROOT / "docs", tmp_path / "one")
    monkeypatch.setattr(cores, "PARALLEL_FROM", 1)
    assert generate.generate(ROOT / "docs", tmp_path / "every") == one and len(one) > 30
    differ = [src for src in one if (tmp_path / "one" / src).read_bytes() != (tmp_path / "every" / src).read_bytes()]
    assert not differ, f"pages generated on every core differ: {differ[:5]}"
