"""Two built sites compared page by page: what a reader gets from each page's article (its elements, their
attributes in any order, their text with spacing normalised), and where search lands.

Used by tests/test_generators.py (MkDocs + Material against Zensical) and by hand, to check that a change to
the build leaves the site as it was:

    .venv/bin/python tests/sitecompare.py build/reference-site site

prints every page that differs, with its first difference, and exits 1 if any does. Build the reference first
from the commit you compare against (`git worktree add`, `make site`, copy its site/).
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset[^"]*"[^>]*>(.*?)</article>', re.S)
SKIP_TARGET = re.compile(r'<a id="__skip" tabindex="-1"></a>')  # Zensical's target of the skip link
SEARCH_INDEXES = ("search/search_index.json", "search.json")


ROOT = Path(__file__).resolve().parent.parent


def build_site(generator: str, dest: Path) -> Path:
    """Build the repository's site with `generator` into `dest` (as `make site GENERATOR=…` does, elsewhere)."""
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "--generator", generator, "--site", str(dest)],
                          cwd=ROOT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    return Path(dest)


class _Tokens(HTMLParser):
    """An article as tokens: ('<', tag, sorted attributes), ('>', tag), ('text', words)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tokens: list[tuple] = []

    def handle_starttag(self, tag, attrs):
        # data-search-* attributes are directions to the search indexer, which Zensical keeps to itself
        self.tokens.append(("<", tag, tuple(sorted((k, v or "") for k, v in attrs if not k.startswith("data-search-")))))

    def handle_endtag(self, tag):
        self.tokens.append((">", tag))

    def handle_data(self, data):
        words = " ".join(data.split())
        if words:
            self.tokens.append(("text", words))

    def handle_comment(self, data):
        self.tokens.append(("comment", data.strip()))


def article_tokens(html: str) -> list[tuple]:
    m = ARTICLE.search(html)
    parser = _Tokens()
    parser.feed(SKIP_TARGET.sub("", m.group(1) if m else ""))
    parser.close()
    return parser.tokens


def pages(site: Path) -> list[str]:
    """The built pages (not the theme's or the tools' assets)."""
    return sorted(p.relative_to(site).as_posix() for p in Path(site).rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("assets/"))


def search_locations(site: Path) -> list[str]:
    """Where each search entry lands, in index order, whichever generator's index the site has."""
    for name in SEARCH_INDEXES:
        path = Path(site) / name
        if path.exists():
            data = json.loads(path.read_text(encoding="utf-8"))
            return [entry["location"] for entry in data.get("docs", data.get("items", []))]
    return []


def differences(a: Path, b: Path) -> list[str]:
    """Every page whose article differs between the two sites (with its first difference), pages only one has,
    and search entries only one lands on."""
    out = []
    pa, pb = pages(a), pages(b)
    out += [f"{p}: only in {a}" for p in pa if p not in pb] + [f"{p}: only in {b}" for p in pb if p not in pa]
    for page in (p for p in pa if p in pb):
        ta = article_tokens((Path(a) / page).read_text(encoding="utf-8"))
        tb = article_tokens((Path(b) / page).read_text(encoding="utf-8"))
        if ta != tb:
            at = next((i for i, (x, y) in enumerate(zip(ta, tb)) if x != y), min(len(ta), len(tb)))
            out.append(f"{page}: differs at token {at}: {ta[at:at + 3]} / {tb[at:at + 3]}")
    la, lb = search_locations(a), search_locations(b)
    only_a, only_b = sorted(set(la) - set(lb)), sorted(set(lb) - set(la))
    if only_a or only_b:
        out.append(f"search: {len(only_a)} entries only in {a} ({only_a[:5]}), {len(only_b)} only in {b} "
                   f"({only_b[:5]})")
    return out


if __name__ == "__main__":
    found = differences(Path(sys.argv[1]), Path(sys.argv[2]))
    print("\n".join(found) or f"{len(pages(Path(sys.argv[2])))} pages, the same in both, and the same search entries")
    sys.exit(1 if found else 0)
