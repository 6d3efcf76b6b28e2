"""Ready for a strict Content-Security-Policy (issue 11), checked on the built HTML without a browser
(tests/browser/test_deployment.py checks it in Chromium behind nginx): no inline script, no event-handler
attribute, no `<style>` element or `style=` attribute on any page, and the intranet page
(docs/tools/embed.md) gives exactly the policy the site runs under, with a well-formed IIS web.config."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from html.parser import HTMLParser
from pathlib import Path

import pytest

from builtsite import ROOT, SITE

POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; "
          "img-src 'self' data:; connect-src 'self'")
EMBED_DOC = ROOT / "docs" / "tools" / "embed.md"
DATA_SCRIPT_TYPES = {"application/json", "application/ld+json"}  # data, not run: CSP does not apply


class _Inline(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found: list[str] = []
        self._script: str | None = None

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "script" and not a.get("src") and (a.get("type") or "").lower() not in DATA_SCRIPT_TYPES:
            self._script = self.getpos()
        if tag == "style":
            self.found.append(f"<style> at line {self.getpos()[0]}")
        if "style" in a:
            self.found.append(f"<{tag} style={a['style']!r}> at line {self.getpos()[0]}")
        for name in a:
            if name.startswith("on"):
                self.found.append(f"<{tag} {name}=…> at line {self.getpos()[0]}")
        if any((v or "").strip().lower().startswith("javascript:") for k, v in a.items() if k in ("href", "src", "action")):
            self.found.append(f"<{tag}> with a javascript: URL at line {self.getpos()[0]}")

    def handle_data(self, data):
        if self._script and data.strip():
            self.found.append(f"inline <script> at line {self._script[0]}: {data.strip()[:60]!r}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._script = None


HTML_FILES = sorted(p for p in SITE.rglob("*.html") if "pyodide" not in p.parts)


@pytest.mark.skipif(not HTML_FILES, reason="the site is not built: run `make site`")
@pytest.mark.parametrize("path", HTML_FILES, ids=[str(p.relative_to(SITE)) for p in HTML_FILES])
def test_no_inline_script_or_style_on_any_page(path: Path):
    parser = _Inline()
    parser.feed(path.read_text("utf-8"))
    assert parser.found == []


def fenced(lang: str) -> str:
    blocks = re.findall(r"^``` *\{ *\." + lang + r"\b[^}]*\}\n(.*?)^```", EMBED_DOC.read_text("utf-8"), re.M | re.S)
    assert len(blocks) == 1, f"tools/embed.md should have one {lang} block, has {len(blocks)}"
    return blocks[0]


def test_the_embed_page_gives_exactly_the_strict_policy():
    assert fenced("text").strip() == POLICY
    assert f'add_header Content-Security-Policy "{POLICY}" always;' in fenced("nginx")
    assert "unsafe-inline" not in EMBED_DOC.read_text("utf-8")


def test_the_iis_web_config_is_well_formed_and_complete():
    root = ET.fromstring(fenced("xml").encode("utf-8"))
    maps = {m.get("fileExtension"): m.get("mimeType") for m in root.iter("mimeMap")}
    assert maps == {".wasm": "application/wasm", ".mjs": "text/javascript", ".whl": "application/zip",
                    ".zip": "application/zip", ".json": "application/json",
                    ".gz": "application/gzip"}
    removed = {r.get("fileExtension") for r in root.find("system.webServer/staticContent").iter("remove")}
    assert removed == set(maps), "each mimeMap needs its <remove> first: a duplicate mimeMap is an error on IIS"
    headers = {h.get("name"): h.get("value") for h in root.find("system.webServer/httpProtocol/customHeaders")}
    assert headers["Content-Security-Policy"] == POLICY
    error = root.find("system.webServer/httpErrors/error[@statusCode='404']")
    assert error is not None and error.get("path").endswith("/404.html")
