"""The one file MkDocs loads (mkdocs.yml, `hooks:`): the build's events, each calling the package's steps in order.

MkDocs loads this file by its path, so it imports the package by its full name, `hooks.handbook`, never
relatively; nothing else imports this file.
"""

from __future__ import annotations

from mkdocs.plugins import event_priority

from hooks.handbook import (checklists, crosslinks, glossary, markers, modal_verbs, review_notice,
                            search_paragraphs, table_labels)
from hooks.handbook.links import Where


def on_files(files, config):
    search_paragraphs.reset()
    crosslinks.collect(files)
    return files


def on_page_markdown(markdown, page, config, files):
    where = Where(page.file, files)
    markdown = markers.expand(markdown, where, page.meta)
    markdown = crosslinks.add_back_links(markdown, where)
    markdown = glossary.add_glossary(markdown, where, config["docs_dir"])
    return review_notice.add_notice(markdown, where)


def on_page_content(html, page, config, files):
    html = checklists.enable_boxes(html, page.file.src_uri)
    html = modal_verbs.mark_policy_page(html, page.file.src_uri)
    return table_labels.label_tables(html)


@event_priority(100)  # before Material's search plugin strips the data-search-* attributes
def on_page_context(context, page, config, nav):
    search_paragraphs.index_paragraphs(page)
    return context


@event_priority(-100)  # after Material's search plugin has written search/search_index.json
def on_post_build(config):
    search_paragraphs.rewrite_index(config)
