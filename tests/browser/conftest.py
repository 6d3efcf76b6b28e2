"""Fixtures for the browser tests: the built site served on loopback addresses, and Debian's Chromium.

- `site_url`: site/ served at the root of http://127.0.0.1:<port>/
- `kb_url`: the same site served under a sub-path, http://127.0.0.1:<port2>/kb/
- `host_url`: a page on another origin (http://127.0.0.2:<port3>/) that frames the embed from `kb_url`
Every request any page makes is recorded; a request to anything but these loopback servers is refused
and fails the test that made it.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import tempfile
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
SITE = ROOT / "site"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]
LOCAL_HOSTS = {"127.0.0.1", "127.0.0.2"}

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed: run `make test-browser`")

if not os.path.exists(CHROMIUM):
    pytest.skip(f"{CHROMIUM} is missing (apt-get install chromium; `make test-browser` does)", allow_module_level=True)
if not (SITE / "assets" / "pyodide" / "pyodide-lock.json").exists():
    pytest.skip("the site is not built with Pyodide: run `make site`", allow_module_level=True)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".whl": "application/zip",
                      ".zip": "application/zip", ".json": "application/json"}

    def log_message(self, *args):
        pass


def free_port(host: str) -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        return s.getsockname()[1]


def serve(directory: Path, host: str):
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((host, free_port(host)), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server, f"http://{host}:{server.server_address[1]}/"


@pytest.fixture(scope="session")
def servers():
    tmp = Path(tempfile.mkdtemp(prefix="handbook-kb-"))
    (tmp / "kb").symlink_to(SITE, target_is_directory=True)
    host_dir = Path(tempfile.mkdtemp(prefix="handbook-host-"))
    root, site_url = serve(SITE, "127.0.0.1")
    sub, sub_url = serve(tmp, "127.0.0.1")
    host, host_url = serve(host_dir, "127.0.0.2")
    yield {"site": site_url, "kb": sub_url + "kb/", "host": host_url, "host_dir": host_dir}
    for s in (root, sub, host):
        s.shutdown()


@pytest.fixture(scope="session")
def site_url(servers):
    return servers["site"]


@pytest.fixture(scope="session")
def browser():
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def context(browser):
    """A fresh browser context that refuses, and reports, any request that would leave loopback."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 900})
    outside: list[str] = []
    seen: list[str] = []  # every request, the offline service worker's included: none may leave loopback
    requests: list[str] = []  # those the pages and their workers made, which is what a test asks of a page

    def route(r):
        url = r.request.url
        seen.append(url)
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob") or urlsplit(url).hostname in LOCAL_HOSTS:
            r.continue_()
        else:
            outside.append(url)
            r.abort()

    ctx.route("**/*", route)
    # The service worker keeps the checker's files for a visit with no connection once a tool has answered (the
    # whole standard library and the on-demand wheels among them): a page that never asked for them did not wait.
    ctx.on("request", lambda req: (seen if req.service_worker else requests).append(req.url))
    ctx.requests = requests
    errors: list[str] = []
    ctx.page_errors = errors
    yield ctx
    ctx.close()
    assert not outside, f"requests left 127.0.0.1: {outside}"
    hosts = {urlsplit(u).hostname for u in seen + requests if urlsplit(u).scheme in ("http", "https")}
    assert hosts <= LOCAL_HOSTS, f"requests to {hosts - LOCAL_HOSTS}"
    assert not errors, f"JavaScript errors: {errors}"


@pytest.fixture
def page(context):
    pg = context.new_page()
    pg.on("pageerror", lambda e: context.page_errors.append(str(e)))
    pg.set_default_timeout(60_000)
    return pg


def press_while_python_loads(page, context, path: str, held_file: str = "checker-startup.json") -> str:
    """Open a tool with one of its files held back, press its button while it is, then let the file go; the
    button's text just after the press. Held: the worker's start-up list (the page's module has the form and
    Python is not up), or the page's own module (the button is pressed before the module has the form)."""
    held = []
    context.route(f"**/{held_file}*", lambda route: held.append(route))
    page.goto(path)
    module_held = held_file.endswith("-page.mjs")
    page.wait_for_selector("[data-checker]:not([hidden])" if module_held else
                           "[data-checker][data-form-ready]:not([hidden])", state="attached")
    page.wait_for_function("() => document.querySelector('[data-checker]').dataset.state === 'loading'")
    while not held:
        page.wait_for_timeout(50)
    page.click("[data-submit]")
    said = page.inner_text("[data-submit]")
    for route in held:
        route.continue_()
    return said


def leave_as_material_does(page, act: str, to: str, swap_after_ms: int = 0) -> None:
    """Run `act` (JavaScript) and, in the same turn, leave for `to` as Material's instant navigation does: the
    address changes at once, and the page is swapped `swap_after_ms` later, when the next page has come. Whatever
    `act` asked the checker is answered after the reader has gone; then a second and a half for a late answer to
    do its harm."""
    page.evaluate("""([to, after]) => {
      %s;
      history.pushState({}, '', to);
      const article = document.querySelector('[data-checker]').closest('article');
      if (after) setTimeout(() => article.replaceChildren(), after); else article.replaceChildren();
    }""" % act, [to, swap_after_ms])
    page.wait_for_timeout(swap_after_ms + 1500)


def wait_ready(page_or_frame):
    page_or_frame.wait_for_selector('[data-checker][data-state="ready"]', timeout=60_000)


def wait_theme(page, timeout: int = 60_000) -> None:
    """Until Material's scripts run: on a full load of a tool page they start once the checker has answered
    (checker-boot.js), and their template leaves the page when they have; other pages have no template."""
    page.wait_for_selector("template[data-theme-scripts]", state="detached", timeout=timeout)


def wait_result(page_or_frame):
    page_or_frame.wait_for_selector("[data-result][data-status]:not([data-status=''])", timeout=60_000)
    return page_or_frame.eval_on_selector("[data-result]", "e => ({status: e.dataset.status, next_due: e.dataset.nextDue})")
