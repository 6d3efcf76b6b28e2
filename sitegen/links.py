"""Where a page is, and links from it, resolved through MkDocs' own file objects.

Generated Markdown links to a page's source (`../policies/sefton.md#p3-12`), so that MkDocs checks the link
and writes the built URL itself; raw HTML (a link with a query string) takes the built URL, relative to the
page, from `File.url_relative_to`. A link to a file the site does not have stops the build, naming the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from checker.citations import anchor_for
from checker.rulebook import policy_ids, policy_rules

POLICY_PAGE = re.compile(r"policies/(?P<id>[a-z0-9-]+)\.md")


def policy_page(policy: str) -> str:
    """The source path of a policy's page: 'sefton' → 'policies/sefton.md'."""
    return f"policies/{policy}.md"


def policy_of(src_uri: str) -> str | None:
    """The policy whose page this is, or None: only the rulebook's policies have policy pages."""
    m = POLICY_PAGE.fullmatch(src_uri)
    return m["id"] if m and m["id"] in policy_ids() else None


def short(policy: str) -> str:
    """The policy's short name from its rule file ('Blackburn with Darwen')."""
    return policy_rules(policy).short


def label_for(anchor: str) -> str:
    """p3-12 → 3.12, pc → C, appendix-1 → Appendix 1 (the inverse of checker.citations.anchor_for)."""
    if anchor.startswith("appendix-"):
        return "Appendix " + anchor.removeprefix("appendix-").upper()
    number = anchor[1:].replace("-", ".")
    if number.isalpha():  # a lettered heading (pc → C), or an unnumbered heading's paragraph (psupervision)
        return number.upper() if len(number) == 1 else number.capitalize()
    return number


@dataclass(frozen=True)
class Where:
    """The page that generated Markdown goes on, and the site's files, to link from it."""

    file: File
    files: Files

    @property
    def src(self) -> str:
        return self.file.src_uri

    def target(self, src_uri: str) -> File:
        found = self.files.get_file_from_path(src_uri)
        if found is None:
            raise PluginError(f"{self.src}: a generated link points to {src_uri}, which is not a page of the site")
        return found

    def md_link(self, src_uri: str, anchor: str = "") -> str:
        """A Markdown link target from this page to `src_uri` (and an anchor on it), for MkDocs to check."""
        fragment = f"#{anchor}" if anchor else ""
        if src_uri == self.src and anchor:
            return fragment
        return get_relative_url(self.target(src_uri).src_uri, self.src) + fragment

    def cite(self, policy: str, section: str) -> str:
        """The Markdown link target of a policy paragraph ('3.12' → '../policies/sefton.md#p3-12')."""
        return self.md_link(policy_page(policy), anchor_for(section))

    def url(self, src_uri: str) -> str:
        """The built URL of `src_uri` relative to this page's built URL, for raw HTML."""
        return self.target(src_uri).url_relative_to(self.file)
