"""An intranet deployment (issue 11), as an administrator would make it from tools/embed/: the built site
copied under a sub-path of another server, which sends the strict Content-Security-Policy that page gives.

The server is Debian's nginx (installed by `make browser-deps`) running the `location` block printed in
docs/tools/embed.md, so the documented configuration is the one tested. Without nginx, a small Python
server sends the same header and 404 page. Two copies of the site are mounted:

- `/kb/`: site/ as `make site` builds it (no SITE_URL), as copied onto a server without telling the build;
- `/intranet/kb/`: the site built with SITE_URL naming another host (`intranet.invalid`) and that path,
  as the embed page says to build it: canonical links, sitemap and the 404 page follow SITE_URL.

In both, no page may report a CSP violation, and search, the palette toggle, the checker and Material's
instant navigation must work.
"""

from __future__ import annotations

import functools
import gzip
import http.server
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from checker import api

from .conftest import ROOT, SITE, QuietHandler, free_port, wait_ready, wait_result, wait_theme
from .test_accessibility import PAGES
from .test_search import type_search

EMBED_DOC = ROOT / "docs" / "tools" / "embed.md"
POLICY = ("default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; style-src 'self'; "
          "img-src 'self' data:; connect-src 'self'")
SITE_URL = "http://intranet.invalid/intranet/kb/"
CASE = {"policy": "sefton", "role": "social-worker", "start": "2024-01-08", "session": "2024-02-01", "on": "2024-03-10"}

# Every CSP violation, from the page's `securitypolicyviolation` events (kept across instant navigation).
WATCH_CSP = """window.__csp = window.__csp || [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(
  `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} in ${e.sourceFile || location.href}:${e.lineNumber}`));"""


def fenced(lang: str) -> str:
    """The one fenced block of tools/embed.md in this language, e.g. ```{ .nginx .copy }."""
    blocks = re.findall(r"^``` *\{ *\." + lang + r"\b[^}]*\}\n(.*?)^```", EMBED_DOC.read_text("utf-8"), re.M | re.S)
    assert len(blocks) == 1, f"tools/embed.md should have one {lang} block, has {len(blocks)}"
    return blocks[0]


# ---------------------------------------------------------------- the two copies of the site and the server


def build_with_site_url(dest: Path) -> None:
    env = {**os.environ, "SITE_URL": SITE_URL, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "sitegen", "build", "--site", str(dest)], cwd=ROOT, env=env, check=True,
                   capture_output=True, timeout=600)


def nginx_conf(tmp: Path, port: int, mounts: dict[str, Path]) -> str:
    block = fenced("nginx")
    locations = []
    for path, directory in mounts.items():
        loc = block.replace("/srv/handbook/site/", f"{directory}/").replace("/kb/", path)
        locations.append(loc)
    temp = "\n".join(f"  {kind}_temp_path {tmp}/{kind};" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    return f"""daemon off;
pid {tmp}/nginx.pid;
error_log {tmp}/error.log;
worker_processes 1;
user root;
events {{ worker_connections 128; }}
http {{
  default_type application/octet-stream;
  access_log off;
{temp}
  server {{
    listen 127.0.0.1:{port};
    {"".join(locations)}
  }}
}}
"""


class CSPHandler(QuietHandler):
    """The fallback server: the strict policy on every response, and each mount's 404 page."""

    mounts: dict[str, Path] = {}

    def translate_path(self, path):
        for prefix, directory in self.mounts.items():
            if path.startswith(prefix):
                return str(directory / urlsplit(path[len(prefix):]).path.lstrip("/"))
        return "/nonexistent"

    def end_headers(self):
        self.send_header("Content-Security-Policy", POLICY)
        super().end_headers()

    def send_error(self, code, message=None, explain=None):
        prefix = next((p for p in self.mounts if self.path.startswith(p)), None)
        if code != 404 or prefix is None:
            return super().send_error(code, message, explain)
        body = (self.mounts[prefix] / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def wait_listening(port: int) -> None:
    for _ in range(100):
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"nothing listens on 127.0.0.1:{port}")


@pytest.fixture(scope="module")
def intranet():
    tmp = Path(tempfile.mkdtemp(prefix="handbook-intranet-"))
    built = tmp / "site-with-url"
    build_with_site_url(built)
    mounts = {"/kb/": SITE, "/intranet/kb/": built}
    port = free_port("127.0.0.1")
    nginx = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
    if nginx and Path("/etc/nginx/mime.types").exists():
        shutil.copy("/etc/nginx/mime.types", tmp / "mime.types")
        (tmp / "nginx.conf").write_text(nginx_conf(tmp, port, mounts), encoding="utf-8")
        proc = subprocess.Popen([nginx, "-c", str(tmp / "nginx.conf"), "-e", str(tmp / "error.log")],
                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
        try:
            wait_listening(port)
        except RuntimeError:
            proc.kill()
            raise RuntimeError(f"nginx did not start: {proc.communicate()[0].decode(errors='replace')}") from None
        server = "nginx"
    else:
        handler = type("Handler", (CSPHandler,), {"mounts": mounts})
        httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), functools.partial(handler, directory=str(tmp)))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        server = "python"
    base = f"http://127.0.0.1:{port}"
    yield {"kb": base + "/kb/", "url": base + "/intranet/kb/", "server": server, "built": built}
    if server == "nginx":
        proc.terminate()
        proc.wait(timeout=10)
    else:
        httpd.shutdown()
    shutil.rmtree(tmp, ignore_errors=True)


@pytest.fixture
def csp_page(page):
    """The `page` fixture, recording CSP violations from events and from the console (page and workers)."""
    page.add_init_script(WATCH_CSP)
    console: list[str] = []

    def note(msg):
        if "Content Security Policy" in msg.text or "Content-Security-Policy" in msg.text:
            console.append(msg.text)

    page.on("console", note)
    page.on("worker", lambda w: w.on("console", note))
    page.csp_console = console
    return page


def violations(page) -> list[str]:
    return page.evaluate("window.__csp || []") + page.csp_console


# ---------------------------------------------------------------- the server sends what the page says


def test_the_server_sends_the_strict_policy_and_the_mime_types(intranet):
    for path, mime in [("", "text/html"), ("assets/javascripts/checker-worker.mjs", "text/javascript"),
                       ("assets/pyodide/pyodide.asm.wasm", "application/wasm"),
                       ("assets/pyodide/pyodide-lock.json", "application/json")]:
        with urllib.request.urlopen(intranet["kb"] + path) as r:
            assert r.headers["Content-Security-Policy"] == POLICY, path
            assert r.headers["Content-Type"].split(";")[0] == mime, path
    whl = next((SITE / "assets" / "pyodide").glob("*.whl")).name
    with urllib.request.urlopen(intranet["kb"] + "assets/pyodide/" + whl) as r:
        assert r.headers["Content-Type"] in ("application/zip", "application/octet-stream")


def test_the_documented_server_sends_pyodides_wasm_as_the_builds_gzip_file(intranet):
    """README, "Compression": with the block's `gzip_static on`, nginx sends the .gz the build wrote at gzip's
    highest level (3.5 MB), as wasm, rather than compressing the 9 MB file again on each request."""
    gz = SITE / "assets" / "pyodide" / "pyodide.asm.wasm.gz"
    request = urllib.request.Request(intranet["kb"] + "assets/pyodide/pyodide.asm.wasm",
                                     headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request) as r:
        body = r.read()
        assert r.headers["Content-Encoding"] == "gzip"
        assert r.headers["Content-Type"].split(";")[0] == "application/wasm"
    assert body == gz.read_bytes()
    assert gzip.decompress(body) == (SITE / "assets" / "pyodide" / "pyodide.asm.wasm").read_bytes()


# ---------------------------------------------------------------- strict CSP: nothing inline, nothing blocked


@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_no_csp_violation_under_the_strict_policy(intranet, csp_page, path):
    csp_page.goto(intranet["kb"] + path)
    csp_page.wait_for_load_state("load")
    if csp_page.query_selector("[data-checker]"):
        wait_ready(csp_page)
    wait_theme(csp_page)  # Material's bundle, which tool pages start once the checker has answered
    csp_page.wait_for_timeout(200)  # late scripts (the bundle sets up search and tooltips)
    assert violations(csp_page) == []


def test_search_works_under_the_strict_policy(intranet, csp_page):
    csp_page.goto(intranet["kb"])
    type_search(csp_page, "reflective journal")
    hrefs = csp_page.eval_on_selector_all("a.md-search-result__link", "as => as.map(a => a.href)")
    assert any(h.startswith(intranet["kb"] + "policies/blackburn-with-darwen/") for h in hrefs), hrefs
    assert violations(csp_page) == []


def test_palette_toggle_works_and_is_remembered_under_the_strict_policy(intranet, csp_page):
    csp_page.goto(intranet["kb"] + "glossary/")
    before = csp_page.eval_on_selector("body", "b => b.dataset.mdColorScheme")
    csp_page.locator("form[data-md-component=palette] label:visible").first.click()
    csp_page.wait_for_function("s => document.body.dataset.mdColorScheme !== s", arg=before)
    after = csp_page.eval_on_selector("body", "b => b.dataset.mdColorScheme")
    csp_page.reload()  # theme/palette.js applies the stored choice on a full load
    assert csp_page.eval_on_selector("body", "b => b.dataset.mdColorScheme") == after
    assert violations(csp_page) == []


@pytest.mark.parametrize("mount", ["kb", "url"])
def test_the_checker_answers_a_url_case_under_the_strict_policy(intranet, csp_page, mount):
    csp_page.goto(intranet[mount] + "tools/due-dates/?" + urlencode(CASE))
    got = wait_result(csp_page)
    out = api.call("due", dict(CASE))["ok"]
    assert got == {"status": out["status"], "next_due": out["next_due"]}
    assert csp_page.eval_on_selector("[data-checker]", "e => e.dataset.state") == "ready"
    assert violations(csp_page) == []


# ---------------------------------------------------------------- any host and sub-path


@pytest.mark.parametrize("mount", ["kb", "url"])
def test_instant_navigation_keeps_the_page_on_another_host_and_sub_path(intranet, csp_page, mount):
    base = intranet[mount]
    csp_page.goto(base)
    csp_page.evaluate("window.__kept = 'same window'")
    csp_page.locator(".md-sidebar--primary a.md-nav__link[href$='glossary/']").first.click()
    csp_page.wait_for_url(base + "glossary/")
    csp_page.wait_for_selector("h1:has-text('Glossary')")
    assert csp_page.evaluate("window.__kept") == "same window", "the click loaded a whole new page"
    # To the checker and back: Python is started once, and the tool works after an instant navigation.
    csp_page.locator(".md-sidebar--primary a.md-nav__link[href$='tools/due-dates/']").first.click()
    csp_page.wait_for_url(base + "tools/due-dates/")
    wait_ready(csp_page)
    assert csp_page.evaluate("window.__kept") == "same window"
    # Away and back twice: the tool is drawn afresh each time, and only the tool on the page listens to the
    # worker (one listener per visit was added and never removed).
    for _ in range(2):
        csp_page.locator(".md-sidebar--primary a.md-nav__link[href$='glossary/']").first.click()
        csp_page.wait_for_url(base + "glossary/")
        csp_page.locator(".md-sidebar--primary a.md-nav__link[href$='tools/due-dates/']").first.click()
        csp_page.wait_for_url(base + "tools/due-dates/")
        wait_ready(csp_page)
    assert csp_page.evaluate("window.__kept") == "same window"
    assert csp_page.evaluate("window.HandbookChecker.listeners.length") == 1
    assert violations(csp_page) == []


def test_the_404_page_is_styled_and_its_links_stay_under_the_sub_path(intranet, csp_page):
    base = intranet["url"]
    response = csp_page.goto(base + "no/such/page/")
    assert response.status == 404
    assert csp_page.evaluate("[...document.styleSheets].some(s => /main\\.[0-9a-f]+\\.min\\.css/.test(s.href || ''))")
    assert csp_page.eval_on_selector(".md-header", "h => getComputedStyle(h).position") == "sticky"
    links = csp_page.eval_on_selector_all("a[href]", "as => as.map(a => a.href)")
    inside = [h for h in links if urlsplit(h).netloc == urlsplit(base).netloc]
    assert inside and all(h.startswith(base) for h in inside), [h for h in inside if not h.startswith(base)]
    assert violations(csp_page) == []


def test_site_url_gives_canonical_links_and_the_sitemap_only_when_set(intranet):
    default_home = (SITE / "index.html").read_text("utf-8")
    assert 'rel="canonical"' not in default_home
    assert "127.0.0.1:8000" not in (SITE / "sitemap.xml").read_text("utf-8")
    built = intranet["built"]
    assert f'<link rel="canonical" href="{SITE_URL}policies/sefton/">' in (built / "policies/sefton/index.html").read_text("utf-8")
    locs = re.findall(r"<loc>(.*?)</loc>", (built / "sitemap.xml").read_text("utf-8"))
    assert locs and all(loc.startswith(SITE_URL) for loc in locs)


def test_the_embed_snippets_have_a_copy_button_that_copies_under_the_strict_policy(intranet, context, csp_page):
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    csp_page.goto(intranet["kb"] + "tools/embed/")
    blocks = csp_page.locator(".md-content .highlight")
    assert blocks.count() >= 5
    for i in range(blocks.count()):
        assert blocks.nth(i).locator("button[data-md-type=copy]").count() == 1, f"code block {i} has no copy button"
    snippet = blocks.first
    snippet.hover()
    snippet.locator("button[data-md-type=copy]").click()
    copied = csp_page.evaluate("navigator.clipboard.readText()")
    assert copied.startswith("<iframe") and "embed/due-dates/" in copied
    assert violations(csp_page) == []
