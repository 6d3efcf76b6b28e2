"""Where a page is, and links from it, worked out from the source tree alone (no site generator).

Generated Markdown links to a page's source (`../policies/sefton.md#p3-12`), so that the site generator
checks the link and writes the built URL itself; raw HTML (a link with a query string) takes the built URL,
relative to the page, from `Where.url`, which follows the directory URLs both generators write
(`policies/sefton.md` → `policies/sefton/`). A link to a file the site does not have stops the build,
naming the page.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

from checker.citations import anchor_for
from checker.rulebook import policy_ids, policy_rules

from .errors import BuildError

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


def page_url(src: str) -> str:
    """The built URL of a Markdown source, as both generators write it with directory URLs:
    'index.md' → './', 'policies/index.md' → 'policies/', 'policies/sefton.md' → 'policies/sefton/'."""
    stem = src.removesuffix(".md")
    if stem == "index":
        return "./"
    if stem.endswith("/index"):
        return stem.removesuffix("index")
    return stem + "/"


def relative_url(url: str, other: str) -> str:
    """`url` relative to `other` (both site-relative): the rule MkDocs' `get_relative_url` applies."""
    head, tail = posixpath.split(other)
    other = head if "." in tail else other
    rel = posixpath.relpath("/" + url, "/" + other)
    return rel + "/" if url.endswith("/") else rel


UNPUBLISHED = ("decisions/",)


class Sources:
    """The documentation sources: every file's path under docs/, and the Markdown pages' text."""

    def __init__(self, docs_dir: Path, exclude: tuple[str, ...] = ("includes/",)):
        # decisions/ holds the maintainers' decision records: kept beside the pages, never published.
        self.docs_dir = Path(docs_dir)
        self.paths = sorted(path for p in self.docs_dir.rglob("*") if p.is_file()
                            and not (path := p.relative_to(self.docs_dir).as_posix()).startswith(UNPUBLISHED))
        self.exclude = exclude
        self._text: dict[str, str] = {}

    @classmethod
    def from_pages(cls, pages: dict[str, str], other_files: tuple[str, ...] = ()) -> "Sources":
        """Sources held in memory ({path: Markdown}), for tests and for a build's own copies."""
        self = cls.__new__(cls)
        self.docs_dir, self.exclude = Path("."), ("includes/",)
        self.paths = sorted({*pages, *other_files})
        self._text = dict(pages)
        return self

    def __contains__(self, src: str) -> bool:
        return src in self.paths

    def text(self, src: str) -> str:
        if src not in self._text:
            self._text[src] = (self.docs_dir / src).read_text(encoding="utf-8")
        return self._text[src]

    def pages(self) -> list[str]:
        """The Markdown pages the site renders (the snippets under includes/ are not pages)."""
        return [p for p in self.paths if p.endswith(".md") and not p.startswith(self.exclude)]


@dataclass(frozen=True)
class Where:
    """The page that generated Markdown goes on, and the site's sources, to link from it."""

    src: str
    sources: Sources

    def target(self, src_uri: str) -> str:
        if src_uri not in self.sources:
            raise BuildError(f"{self.src}: a generated link points to {src_uri}, which is not a page of the site")
        return src_uri

    def md_link(self, src_uri: str, anchor: str = "") -> str:
        """A Markdown link target from this page to `src_uri` (and an anchor on it), for the generator to check."""
        fragment = f"#{anchor}" if anchor else ""
        if src_uri == self.src and anchor:
            return fragment
        return relative_url(self.target(src_uri), self.src) + fragment

    def cite(self, policy: str, section: str) -> str:
        """The Markdown link target of a policy paragraph ('3.12' → '../policies/sefton.md#p3-12')."""
        return self.md_link(policy_page(policy), anchor_for(section))

    def url(self, src_uri: str) -> str:
        """The built URL of `src_uri` relative to this page's built URL, for raw HTML."""
        return relative_url(page_url(self.target(src_uri)), page_url(self.src))


_FRONT_MATTER = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.S)


def split_front_matter(src: str, text: str) -> tuple[str, str, dict]:
    """A page's YAML front matter as written, its body, and the front matter read (the rule both generators
    follow: a `---` block at the very top); invalid YAML stops the build, naming the page."""
    import yaml

    m = _FRONT_MATTER.match(text)
    if not m:
        return "", text, {}
    try:
        meta = yaml.safe_load(m.group(1))
    except yaml.YAMLError as error:
        raise BuildError(f"{src}: its front matter is not valid YAML (quote a value that contains ': '): {error}")
    if not isinstance(meta, dict):
        raise BuildError(f"{src}: its front matter is not a set of `key: value` lines")
    return m.group(0), text[m.end():], meta
