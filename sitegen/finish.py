"""After the site generator: the built pages finished, whichever generator wrote them (`python -m sitegen finish`).

1. Inside each page's article (`<article class="md-content__inner md-typeset…">`, the same in MkDocs + Material
   and in Zensical), the HTML steps: the induction checklists' tick-boxes (`checklists`), must/should/will marks
   on the policy pages (`modal_verbs`) and the phone labels of tables (`table_labels`). They work on the HTML
   the page's Markdown became, so they run here; they change no text and no anchor.
2. The paragraph-level search index, in the generator's own format (`search_paragraphs`).
3. No page may keep a marker: a `<!-- family:name … -->` comment left in any built page stops the build,
   naming the page (a marker the generator did not expand, or a tool page whose template did not draw the tool).
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from . import checklists, cores, modal_verbs, search_paragraphs, table_labels
from .errors import BuildError
from .links import Sources, page_url, policy_of, split_front_matter
from .markers import CANDIDATE

GENERATORS = ("mkdocs", "zensical")
ARTICLE = re.compile(r'(<article class="md-content__inner md-typeset[^"]*"[^>]*>)(.*?)(</article>)', re.S)


def built_path(src: str) -> str:
    """Where a generator writes a page: 'policies/sefton.md' → 'policies/sefton/index.html'."""
    url = page_url(src)
    return "index.html" if url == "./" else url + "index.html"


def finish_content(html: str, src: str) -> str:
    """A page's article content with the HTML steps applied (plain: HTML and the page's source path in)."""
    html = checklists.enable_boxes(html, src)
    html = modal_verbs.mark_policy_page(html, src)
    return table_labels.label_tables(html)


def finish_page(html: str, src: str) -> str:
    """A built page with `finish_content` applied inside its article; a page without one stops the build."""
    m = ARTICLE.search(html)
    if not m:
        raise BuildError(f"{built_path(src)} (from {src}): no <article class=\"md-content__inner md-typeset\"> "
                         f"to finish: has the theme changed?")
    return html[:m.start(2)] + finish_content(m.group(2), src) + html[m.end(2):]


def article(html: str) -> str:
    """The content of a built page's article."""
    m = ARTICLE.search(html)
    return m.group(2) if m else ""


def check_markers(site_dir: Path) -> None:
    """Stop the build when a built page still carries a marker, naming every such page."""
    left = []
    for path in sorted(Path(site_dir).rglob("*.html")):
        found = CANDIDATE.findall(path.read_text(encoding="utf-8"))
        if found:
            left.append(f"{path.relative_to(site_dir).as_posix()}: {found[0]}")
    if left:
        raise BuildError("markers left unexpanded in the built site:\n  " + "\n  ".join(left))


def _finish_file(job: tuple[Path, str, str]) -> tuple[search_paragraphs.BuiltPage, list | None]:
    """Finish one built page in place; the page as the search step needs it (without its HTML, which it has
    read already) and, for a policy page, its paragraph entries."""
    site_dir, src, source_text = job
    path = site_dir / built_path(src)
    if not path.exists():
        raise BuildError(f"{src}: the generator wrote no {built_path(src)}")
    html = finish_page(path.read_text(encoding="utf-8"), src)
    path.write_text(html, encoding="utf-8")
    page = search_paragraphs.BuiltPage(src=src, url=page_url(src).removeprefix("./"), content=article(html),
                                       meta=split_front_matter(src, source_text)[2])
    entries = search_paragraphs.paragraph_entries(page) if policy_of(src) else None
    return dataclasses.replace(page, content=""), entries


def finish(site_dir: Path, docs_dir: Path, generator: str) -> int:
    """Finish the site `generator` built from the generated sources in `docs_dir`; the pages finished."""
    if generator not in GENERATORS:
        raise BuildError(f"unknown site generator {generator!r}: the build knows {', '.join(GENERATORS)}")
    site_dir, sources = Path(site_dir), Sources(docs_dir)
    # Reading each built page is most of this step, and grows with the policies (4 s at 150 in one process).
    done = cores.each(_finish_file, [(site_dir, src, sources.text(src)) for src in sources.pages()])
    pages = [page for page, _ in done]
    search_paragraphs.rewrite_index(site_dir, generator, pages,
                                    {page.url: entries for page, entries in done if entries is not None})
    check_markers(site_dir)
    return len(pages)
