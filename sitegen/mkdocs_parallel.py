"""`mkdocs build`, with the pages' Markdown rendered on every core (`python -m sitegen.mkdocs_parallel build …`).

MkDocs renders one page after another, and rendering the Markdown is most of its time: at 150 policies, 10 of its
15 s, and it grows with the text (docs/decisions/2026-12-05-building-on-every-core.md). MkDocs 1.6.1 is the last
1.x release, so how it builds will not change under us: it reads every page's Markdown and renders it
(`mkdocs.commands.build._populate_page`) before it writes any page, since each page's menu needs the others'
titles. This runner lets the first of those calls render every page, shared out over processes forked at that
moment (so they hold the same configuration, files and menu), and hands each page what its process made: its
Markdown, front matter, HTML, table of contents, title and anchors. The rest is MkDocs' own build, unchanged.

It is used only where it is safe: MkDocs 1.6.1, no plugin but search (a plugin's page events in another process
could keep state the build then lacks), a "fork" start method, more than one core, and at least
PARALLEL_FROM pages. Otherwise it is plain `mkdocs build`. A message a page's rendering logs in another process
is logged again here, so `--strict` counts it; an error stops the build naming the page, as MkDocs does.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
from concurrent.futures import ProcessPoolExecutor

import mkdocs
from mkdocs.commands import build as mkdocs_build
from mkdocs.exceptions import BuildError
from mkdocs.structure.files import InclusionLevel
from mkdocs.structure.pages import Page

from .cores import cores

MKDOCS_VERSION = "1.6.1"
PARALLEL_FROM = 60  # pages; below this the processes cost more than they save (the handbook has 35 at 5 policies)
SAFE_PLUGINS = {"search", "material/search"}
RENDERED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")

_serial_populate = mkdocs_build._populate_page
_pages: list = []  # the pages of this build, set before the processes fork (they inherit it, with…)
_build: tuple = ()  # … its configuration and files, which cannot be sent to them


def workers() -> int:
    """How many processes may render: one per core, or 1 on another MkDocs or where forking is not possible."""
    return cores() if mkdocs.__version__ == MKDOCS_VERSION else 1


def shares(sizes: list[int], n: int) -> list[list[int]]:
    """The page indices split into n shares of about equal Markdown, largest pages first (each to the
    lightest share so far)."""
    out, load = [[] for _ in range(n)], [0] * n
    for i in sorted(range(len(sizes)), key=lambda i: -sizes[i]):
        k = load.index(min(load))
        out[k].append(i)
        load[k] += sizes[i]
    return out


class _Kept(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.records: list[logging.LogRecord] = []

    def emit(self, record):
        record.msg, record.args, record.exc_info, record.exc_text = record.getMessage(), None, None, None
        self.records.append(record)


def _render_share(indices: list[int]) -> tuple[list[dict], list[logging.LogRecord], str | None]:
    """In a forked process: render these pages; what each became, what was logged, and an error if any."""
    config, files = _build
    log = logging.getLogger("mkdocs")
    kept = _Kept()
    log.handlers = [kept]  # said once, by the build, when the records come back
    log.propagate = False
    done, error = [], None
    try:
        for i in indices:
            page = _pages[i]
            _serial_populate(page, config, files)
            done.append({"i": i, **{name: getattr(page, name) for name in RENDERED},
                         "links": {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}})
    except Exception as err:  # noqa: BLE001 (named and raised again by the build, in its own process)
        error = str(err) or type(err).__name__
    return done, kept.records, error


def _populate_all(config, files, pages: list) -> None:
    global _pages, _build
    _pages, _build = pages, (config, files)
    sizes = [os.path.getsize(p.file.abs_src_path) if p.file.abs_src_path else 0 for p in _pages]
    mine, *others = shares(sizes, workers())
    with ProcessPoolExecutor(len(others), mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_render_share, share) for share in others]
        for i in mine:
            _serial_populate(_pages[i], config, files)
        errors = []
        for future in futures:
            done, records, error = future.result()
            for record in records:
                logging.getLogger(record.name).handle(record)
            if error:
                errors.append(error)
            for result in done:
                page = _pages[result["i"]]
                for name in RENDERED:
                    setattr(page, name, result[name])
                page.links_to_anchors = {files.get_file_from_path(src): anchors
                                         for src, anchors in result["links"].items()}
    if errors:
        raise BuildError("; ".join(errors))


_decided: dict[str, bool] = {}


def _populate_page(page, config, files, dirty: bool = False) -> None:
    """In place of MkDocs' own: the first call renders every page at once where that is safe; the later calls
    then have nothing to do. Where it is not, each call is MkDocs' own."""
    if not _decided:
        # As MkDocs' loop would, give the pages outside the menu their Page first (they are made as it goes).
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        _decided["parallel"] = (workers() > 1 and len(pages) >= PARALLEL_FROM and not dirty
                                and set(config.plugins) <= SAFE_PLUGINS)
        if _decided["parallel"]:
            _populate_all(config, files, pages)
            return
    if not _decided["parallel"]:
        _serial_populate(page, config, files, dirty)


def main(argv: list[str]) -> None:
    """`mkdocs` with these arguments (`build --strict --quiet --config-file …`), rendering on every core."""
    from mkdocs.__main__ import cli

    _decided.clear()
    mkdocs_build._populate_page = _populate_page
    try:
        cli.main(args=argv, prog_name="mkdocs")
    finally:
        mkdocs_build._populate_page = _serial_populate


if __name__ == "__main__":
    main(sys.argv[1:])
