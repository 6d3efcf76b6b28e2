"""Before the site generator: docs/ in, finished Markdown out (`python -m sitegen generate`).

Every page of docs/ is written to the build folder (build/docs/, the `docs_dir` of mkdocs.yml) with what the
handbook generates already in it: the markers expanded (`markers`: the rulebook's tables, quoted requirements),
the "Compare with other authorities" back-links (`crosslinks`), the glossary's entries (`glossary`) and the
review-date notice (`review_notice`). Other files (stylesheets, scripts, the Pyodide assets) are linked into
the build folder, not copied, so a second build costs no disk and little time. Any site generator that reads
Markdown then renders the same pages: no step here knows which one will.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from . import cores, crosslinks, glossary, markers, review_notice, topics
from .errors import BuildError
from .links import Sources, Where, policy_of, split_front_matter


def page(src: str, sources: Sources, cites: crosslinks.Cites) -> str:
    """One page's finished Markdown: its front matter as written, its body with everything generated in it."""
    front, body, meta = split_front_matter(src, sources.text(src))
    where = Where(src, sources)
    front = markers.expand(front, where, meta)  # a count in a description
    if policy_of(src):
        front = _not_indexed_by_the_generator(src, front, meta)
    body = markers.expand(body, where, meta)
    body = crosslinks.add_back_links(body, where, cites)
    body = glossary.add_glossary(body, where)
    return front + review_notice.add_notice(body, where)


def _not_indexed_by_the_generator(src: str, front: str, meta: dict) -> str:
    """A policy page's front matter with `search: exclude: true`: the finishing step writes its search entries
    (one per numbered paragraph), so the generator need not read the largest pages for its own, which at 150
    policies is a third of its time (`search_paragraphs.rewrite_index` puts them where the page's would be)."""
    if "search" in meta:
        raise BuildError(f"{src}: a policy page's search entries are the build's (sitegen/search_paragraphs.py): "
                         f"remove `search:` from its front matter")
    if not front:
        return "---\nsearch:\n  exclude: true\n---\n\n"
    closing = front.rstrip("\n").rfind("\n") + 1
    return front[:closing] + "search:\n  exclude: true\n" + front[closing:]


# The pages are written on every core (sitegen/cores.py), each process with the sources and the back-links
# read once before it forked.
_shared: tuple = ()


def _page(src: str) -> str:
    return page(src, *_shared)


def generate(docs_dir: Path, out_dir: Path, every_topic_shown: bool = True) -> list[str]:
    """Write the finished site sources from `docs_dir` into `out_dir` (emptied first); the pages written.
    `every_topic_shown`: a topic entry of a rule file that no page shows stops the build (off for a docs
    folder that is not the whole site)."""
    global _shared
    docs_dir, out_dir = Path(docs_dir), Path(out_dir)
    sources = Sources(docs_dir)
    _shared = (sources, crosslinks.collect(sources))
    srcs = sources.pages()
    finished = dict(zip(srcs, cores.each(_page, srcs)))  # all or nothing: errors first
    used = {key for src in srcs for key in topics.MARKER.findall(sources.text(src))}
    if every_topic_shown and (orphans := topics.unused(used)):
        raise BuildError("topic entries no comparison page shows (a removed table or a misspelt key):\n  "
                         + "\n  ".join(orphans))
    if out_dir.exists():
        shutil.rmtree(out_dir)
    for src in sources.paths:
        target = out_dir / src
        target.parent.mkdir(parents=True, exist_ok=True)
        if src in finished:
            target.write_text(finished[src], encoding="utf-8")
        else:
            _link(docs_dir / src, target)
    return sorted(finished)


def _link(source: Path, target: Path) -> None:
    """A hard link where the file system allows one (no copy of the Pyodide assets), else a copy."""
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)
