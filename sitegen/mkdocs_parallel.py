"""`mkdocs build`, with the pages rendered and written on every core (`python -m sitegen.mkdocs_parallel build …`).

MkDocs renders one page after another, and rendering the Markdown is most of its time: at 150 policies, 10 of its
15 s, and it grows with the text (docs/decisions/2026-12-05-building-on-every-core.md). MkDocs 1.6.1 is the last
1.x release, so how it builds will not change under us: it reads every page's Markdown and renders it
(`mkdocs.commands.build._populate_page`) before it writes any page, since each page's menu needs the others'
titles. This runner lets the first of those calls render every page, shared out over processes forked at that
moment (so they hold the same configuration, files and menu), and hands each page what its process made: its
Markdown, front matter, HTML, table of contents, title and anchors. Then the first call that writes a page
through the theme (`_build_page`) writes them all the same way, and the search plugin's entries come back in the
pages' order. The rest is MkDocs' own build, unchanged.

It is used only where it is safe: MkDocs 1.6.1, no plugin but search (a plugin's page events in another process
could keep state the build then lacks), a "fork" start method, more than one core, and at least
`sitegen.cores.PARALLEL_FROM` pages. Otherwise it is plain `mkdocs build`. A message a page's rendering logs in
another process is logged again here, so `--strict` counts it; an error stops the build naming the page, as
MkDocs does.
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

from . import cores

MKDOCS_VERSION = "1.6.1"
SAFE_PLUGINS = {"search", "material/search"}
RENDERED = ("markdown", "meta", "content", "toc", "_title_from_render", "present_anchor_ids")

_serial_populate = mkdocs_build._populate_page
_serial_build_page = mkdocs_build._build_page
_pages: list = []  # the pages of this build, set before the processes fork (they inherit it, with…)
_build: tuple = ()  # … what MkDocs passed the first call (configuration, files, menu), which cannot be sent


def workers() -> int:
    """How many processes may render: one per core, or 1 on another MkDocs or where forking is not possible."""
    return cores.cores() if mkdocs.__version__ == MKDOCS_VERSION else 1


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


def _search_entries(config) -> list | None:
    """The search plugin's index entries, the one thing _build_page adds to the build's state (Material's
    `entries`, MkDocs' own `_entries`); None without a search plugin. KeyError where they cannot be found."""
    plugin = next((p for name, p in config.plugins.items() if name in SAFE_PLUGINS), None)
    if plugin is None:
        return None
    index = getattr(plugin, "search_index", None)
    for name in ("entries", "_entries"):
        if isinstance(getattr(index, name, None), list):
            return getattr(index, name)
    raise KeyError("the search plugin's entries")


def _render(i: int) -> dict:
    """Render page i's Markdown (MkDocs' _populate_page); what the page became."""
    config, files = _build[:2]
    page = _pages[i]
    _serial_populate(page, config, files)
    return {name: getattr(page, name) for name in RENDERED} | {
        "links": {f.src_uri: anchors for f, anchors in (page.links_to_anchors or {}).items()}}


def _write(i: int) -> dict:
    """Write page i through the theme (MkDocs' _build_page); the search entries it added."""
    config, files, doc_files, nav, env = _build
    entries = _search_entries(config)
    before = len(entries) if entries is not None else 0
    page = _pages[i]
    _serial_build_page(page, config, doc_files, nav, env, excluded=page.file.inclusion.is_excluded())
    return {"entries": entries[before:] if entries is not None else []}


def _share(job: tuple[str, list[int]]) -> tuple[dict[int, dict], list[logging.LogRecord], str | None]:
    """In a forked process: one phase (_render or _write) for these pages; what each gave, what was logged (to
    be said once, by the build), and an error if any."""
    phase, indices = job
    log = logging.getLogger("mkdocs")
    kept = _Kept()
    log.handlers = [kept]
    log.propagate = False
    done, error = {}, None
    try:
        for i in indices:
            done[i] = PHASES[phase](i)
    except Exception as err:  # noqa: BLE001 (named and raised again by the build, in its own process)
        error = str(err) or type(err).__name__
    return done, kept.records, error


PHASES = {"render": _render, "write": _write}


def _in_parallel(phase: str) -> dict[int, dict]:
    """Run a phase for every page, the build's own process taking one share; what each page gave."""
    sizes = [os.path.getsize(p.file.abs_src_path) if p.file.abs_src_path else 0 for p in _pages]
    mine, *others = shares(sizes, workers())
    done, errors = {}, []
    if phase == "write" and mine:  # the theme's templates are compiled on first use: once, before the fork
        done[mine[0]] = PHASES[phase](mine[0])
    with ProcessPoolExecutor(len(others), mp_context=multiprocessing.get_context("fork")) as pool:
        futures = [pool.submit(_share, (phase, share)) for share in others]
        for i in mine:
            if i not in done:
                done[i] = PHASES[phase](i)
        for future in futures:
            theirs, records, error = future.result()
            for record in records:
                logging.getLogger(record.name).handle(record)
            if error:
                errors.append(error)
            done.update(theirs)
    if errors:
        raise BuildError("; ".join(errors))
    return done


_decided: dict[str, bool] = {}


def _populate_page(page, config, files, dirty: bool = False) -> None:
    """In place of MkDocs' own: the first call renders every page at once where that is safe; the later calls
    then have nothing to do. Where it is not, each call is MkDocs' own."""
    global _pages, _build
    if not _decided:
        # As MkDocs' loop would, give the pages outside the menu their Page first (they are made as it goes).
        for file in files.documentation_pages(inclusion=InclusionLevel.is_included):
            if file.page is None and file.inclusion.is_not_in_nav():
                Page(None, file, config)
        pages = [f.page for f in files.documentation_pages(inclusion=InclusionLevel.is_included)]
        _decided["parallel"] = (workers() > 1 and len(pages) >= cores.PARALLEL_FROM and not dirty
                                and set(config.plugins) <= SAFE_PLUGINS)
        if _decided["parallel"]:
            _pages, _build = pages, (config, files)
            for i, result in _in_parallel("render").items():
                for name in RENDERED:
                    setattr(_pages[i], name, result[name])
                _pages[i].links_to_anchors = {files.get_file_from_path(src): anchors
                                              for src, anchors in result["links"].items()}
            return
    if not _decided["parallel"]:
        _serial_populate(page, config, files, dirty)


def _build_page(page, config, doc_files, nav, env, dirty: bool = False, excluded: bool = False) -> None:
    """In place of MkDocs' own: where the pages were rendered in parallel, the first call writes every page at
    once, and the search entries come back in the pages' order."""
    global _build
    if _decided.get("parallel") and "write" not in _decided:
        try:
            _search_entries(config)
            _decided["write"] = True
        except KeyError:  # a search plugin whose entries this runner does not know: written one by one
            _decided["write"] = False
    if not _decided.get("write"):
        _serial_build_page(page, config, doc_files, nav, env, dirty, excluded)
        return
    if len(_build) == 2:  # the first page to write: write them all
        _build = (config, _build[1], doc_files, nav, env)
        done = _in_parallel("write")
        entries = _search_entries(config)
        if entries is not None:
            entries[:] = [entry for i in sorted(done) for entry in done[i]["entries"]]


def main(argv: list[str]) -> None:
    """`mkdocs` with these arguments (`build --strict --config-file …`), rendering on every core."""
    from mkdocs.__main__ import cli

    global _pages, _build
    _decided.clear()
    _pages, _build = [], ()
    mkdocs_build._populate_page, mkdocs_build._build_page = _populate_page, _build_page
    try:
        cli.main(args=argv, prog_name="mkdocs")
    finally:
        mkdocs_build._populate_page, mkdocs_build._build_page = _serial_populate, _serial_build_page


if __name__ == "__main__":
    main(sys.argv[1:])
