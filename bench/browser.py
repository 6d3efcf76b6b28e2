"""Browser benchmark for the due-date checker (issues 4 and 12), in headless Debian Chromium. Prints medians.

- cold: a fresh browser context opens the tool page with a complete case in its URL; time until the
  answer is on the page ([data-result][data-status]). Measured against a bare page that only starts the
  stock npm Pyodide (node_modules/pyodide, untouched: its own source standard library, no snapshot) and
  runs `1 + 1`, in the same run, alternating; their ratio. Goal (issue 21): at most 0.25.
- warm: the same, opened again in the same browser (each pair of visits gets a new on-disk profile, so the
  HTTP cache and the code cache are kept as a person's browser keeps them; the service worker running),
  after what the first visit leaves behind (the worker's exercise for the code cache, and 4 s).
  Goal: the tool's warm time at most 0.12 of the bare page's cold time.
- floor: the same start (checker-boot.js, the worker, its snapshot and wasm) and the same question on an
  empty page, answered into the page, cold and warm as above: what no work of the tool page's can go below.
- milestones: when the worker reached each step of its start (checker-worker.mjs sends them with "ready"),
  cold and warm, so that a regression shows where it is.
- phone class: the tool page cold and warm under Chromium's 4x CPU slowdown and a 16 Mbit/s connection.
  Goals: cold at most 5 s, warm at most 1.5 s.
- wasm compiled lazily on a first and a second visit in one on-disk profile (Chromium's trace), for the
  tool and for the stock page: a visit served by the browser's wasm code cache compiles a small fraction
  of what the first did; the trace also says whether the cache was written or read at all.
- recalculation: time from pressing "Check" to the new answer, as the page measures it. Goal: under 20 ms.
  The date is typed, as people do, so the page has asked the checker before Check is pressed (it asks as an
  entry changes). Also shown: the same when the date is set by script, with no input event, so that Check
  itself asks the checker and waits for the worker (the round trip the early ask hides).
- bytes: what a policy page and the tool page download (on the tool page, with the theme's scripts and the
  search index they fetch once the first answer is on the screen): "transferred" is what crosses the network;
  "uncompressed" is the same files' own sizes. Goal: the tool page under 10 MB transferred.

The server: Debian's nginx, configured as the README tells administrators (the `location` block of
docs/tools/embed.md, with `gzip_static on`: Pyodide's wasm and its script are sent as the .gz files the build
writes beside them, everything else compressed on the fly at nginx's default level; `Cache-Control: no-cache`,
so a warm visit asks the server about each file and gets 304s). The stock page is served by the same nginx,
its wasm compressed on the fly. Without nginx, a Python server that compresses the same types at gzip level 6
(the first line of the output says which).
- the team check's path: 1,000 people x 24 sessions inside Pyodide under Node (bench/lean.mjs).

Both pages are timed the same two ways. "in page": a MutationObserver installed before any of the page's
own scripts (an init script, identical for both pages) notes `performance.now()` when the answer's
attribute is set, i.e. milliseconds from the start of navigation. "seen by the driver": wall-clock time from
`goto` until Playwright's wait_for_selector returns; Playwright polls at growing intervals (up to 500 ms
apart), so this figure is quantised and is shown for reference only. The ratio goal is judged in page.

    .venv/bin/python bench/browser.py [--runs N]
"""

from __future__ import annotations

import argparse
import atexit
import functools
import gzip
import http.server
import json
import shutil
import socket
import subprocess
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
CASE = "policy=sefton&role=social-worker&start=2024-01-08&session=2024-02-01&on=2024-03-10"
NPM = ROOT / "node_modules" / "pyodide"
# The stock npm package, as anyone would start it: no lock of ours, no option.
# Its script is a file of its own: the strict Content-Security-Policy nginx sends (as documented) forbids inline ones.
BARE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title></head><body>
<script type="module" src="/bare.mjs"></script></body></html>"""
BARE_SCRIPT = """import { loadPyodide } from "/npm/pyodide.mjs";
const py = await loadPyodide({ indexURL: "/npm/" });
document.body.dataset.answer = String(py.runPython("1 + 1"));
"""
# The floor: a page with nothing but the tool pages' own start (checker-boot.js, the same worker, snapshot and
# wasm) and the due-date question the tool page's link asks, answered into the page. What the tool page adds to
# this (the theme's page, the form, drawing the answer) is the page's share; the rest is Pyodide's and the
# browser's, whatever the page does.
FLOOR = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>floor</title>
<script src="/site/assets/javascripts/checker-boot.js"></script><script src="/floor.js"></script></head><body></body></html>"""
FLOOR_SCRIPT = """HandbookWorker.addEventListener("message", (e) => {
  if (e.data && e.data.type === "result" && e.data.id === 1) document.body.dataset.answer = e.data.result.ok ? "2" : "error";
});
HandbookWorker.postMessage({ id: 1, command: "due", params: Object.fromEntries(new URLSearchParams(%s)) });
""" % json.dumps(CASE)
COMPRESSIBLE = {".wasm", ".mjs", ".js", ".json", ".html", ".css", ".svg", ".txt", ".map", ".xml"}


class Quiet(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                      ".mjs": "text/javascript", ".whl": "application/zip"}
    gzipped: dict[str, bytes] = {}

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (path.suffix not in COMPRESSIBLE or "gzip" not in self.headers.get("Accept-Encoding", "")
                or not path.is_file()):
            return super().send_head()
        modified = self.date_time_string(int(path.stat().st_mtime))
        if self.headers.get("If-Modified-Since") == modified:  # as nginx answers a revalidation
            self.send_response(304)
            self.send_header("Last-Modified", modified)
            self.end_headers()
            return None
        key = str(path.resolve())
        if key not in self.gzipped:
            self.gzipped[key] = gzip.compress(path.read_bytes(), compresslevel=6)
        body = self.gzipped[key]
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", modified)
        self.end_headers()
        return __import__("io").BytesIO(body)

    def log_message(self, *a):
        pass


def serve() -> tuple[object, str]:
    """(server, with shutdown() and `what` it is; base URL): the site and the stock page side by side, served by
    nginx as the README tells administrators to serve the handbook (the `location` block of
    docs/tools/embed.md, with its `gzip_static on`), or, without nginx, by a Python server
    that compresses the same types on the fly."""
    tmp = Path(tempfile.mkdtemp(prefix="handbook-bench-"))
    (tmp / "site").symlink_to(SITE, target_is_directory=True)
    (tmp / "npm").symlink_to(NPM, target_is_directory=True)
    (tmp / "bare.html").write_text(BARE, encoding="utf-8")
    (tmp / "bare.mjs").write_text(BARE_SCRIPT, encoding="utf-8")
    (tmp / "floor.html").write_text(FLOOR, encoding="utf-8")
    (tmp / "floor.js").write_text(FLOOR_SCRIPT, encoding="utf-8")
    if NGINX.exists() and Path("/etc/nginx/mime.types").exists():
        return Nginx(tmp), f"http://127.0.0.1:{Nginx.port}/"
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(tmp)))
    server.what = "Python's http.server, gzip level 6 on the fly (no nginx here)"
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


NGINX = Path("/usr/sbin/nginx")


class Nginx:
    """Debian's nginx serving `root` at / with the documented `location` block, written as the deployment test
    writes it (tests/browser/test_deployment.py: docs/tools/embed.md's block, its /kb/ and folder replaced),
    with its `gzip_static on`: Pyodide's wasm and its script go as the .gz files the build writes beside them,
    the rest gzipped on the fly at nginx's default level."""

    port = 0
    what = "nginx, configured as the README says (docs/tools/embed.md's block, gzip_static on)"

    def __init__(self, root: Path):
        sys.path.insert(0, str(ROOT))
        from tests.browser.test_deployment import nginx_conf

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            Nginx.port = s.getsockname()[1]
        conf = nginx_conf(root, Nginx.port, {"/": root})
        shutil.copy("/etc/nginx/mime.types", root / "mime.types")
        (root / "nginx.conf").write_text(conf, encoding="utf-8")
        self.proc = subprocess.Popen([str(NGINX), "-c", str(root / "nginx.conf"), "-e", str(root / "error.log")],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        atexit.register(self.shutdown)  # also when the bench stops half-way
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", Nginx.port), timeout=0.2).close()
                return
            except OSError:
                time.sleep(0.05)
        self.proc.kill()
        raise RuntimeError(f"nginx did not start: {self.proc.communicate()[1].decode(errors='replace')}")

    def shutdown(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(timeout=10)


TOOL_DONE = "[data-result][data-status]:not([data-status=''])"
BARE_DONE = "body[data-answer='2']"
# Installed in every page before its own scripts run; notes when either page's answer appears.
ANSWER_CLOCK = """(() => {
  const done = () => document.querySelector("%s") || document.querySelector("%s");
  new MutationObserver((_, obs) => {
    if (window.__answeredAt === undefined && done()) { window.__answeredAt = performance.now(); obs.disconnect(); }
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-status", "data-answer"] });
})();""" % (TOOL_DONE.replace('"', '\\"'), BARE_DONE)


def timed(page, url: str, selector: str, steps: list | None = None) -> tuple[float, float]:
    """(seconds in page from navigation start to the answer, seconds seen by the driver). On the tool page,
    `steps` gets the worker's milestones, in ms from navigation start (checker-worker.mjs), and the answer."""
    t = time.perf_counter()
    page.goto(url, wait_until="commit")
    page.wait_for_selector(selector, state="attached", timeout=120_000)
    seen = time.perf_counter() - t
    if steps is not None:
        steps.append(page.evaluate(MILESTONES))
    return page.evaluate("window.__answeredAt") / 1000, seen


# The worker's milestones (wall-clock ms) less the page's time origin, then the answer in the page.
MILESTONES = """(() => {
  const out = {};
  const m = (window.HandbookStartup && HandbookStartup.milestones) || {};
  for (const [name, at] of Object.entries(m)) out[name] = at - performance.timeOrigin;
  out["answer in the page"] = window.__answeredAt;
  return out;
})()"""
STEPS = ["worker running", "snapshot requested", "pyodide.asm.mjs evaluated", "wasm compiled", "snapshot unpacked", "instantiated", "snapshot restored", "ready",
         "answer in the page"]
# A phone-class profile: Chromium's 4x CPU slowdown and a 16 Mbit/s connection (40 ms round trip).
PHONE_CPU = 4
PHONE_NETWORK = {"offline": False, "latency": 40, "downloadThroughput": 16e6 / 8, "uploadThroughput": 8e6 / 8}


def on_disk(playwright, **options):
    """A browser with a new on-disk profile (HTTP cache and code cache kept as a person's browser keeps them
    between visits), removed when it is closed."""
    profile = tempfile.mkdtemp(prefix="handbook-profile-")
    ctx = playwright.chromium.launch_persistent_context(profile, executable_path="/usr/bin/chromium", args=ARGS, **options)
    ctx.on("close", lambda _: shutil.rmtree(profile, ignore_errors=True))
    return ctx


def phone(playwright, url: str, runs: int) -> tuple[list, list]:
    """Cold and warm first answers (s, in page) on the phone-class profile, each in a new on-disk profile."""
    cold, warm = [], []
    for _ in range(runs):
        ctx = on_disk(playwright, viewport={"width": 390, "height": 844}, is_mobile=True)
        ctx.add_init_script(ANSWER_CLOCK)
        page = ctx.new_page()
        cdp = ctx.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": PHONE_CPU})
        cdp.send("Network.enable")
        cdp.send("Network.emulateNetworkConditions", PHONE_NETWORK)
        cold.append(timed(page, url, TOOL_DONE)[0])
        after_first_visit(page)
        warm.append(timed(page, url, TOOL_DONE)[0])
        ctx.close()
    return cold, warm


# Chromium's trace events that say what the wasm engine did: functions compiled on first call, and the
# browser's wasm code cache written (v8.wasm.cachedModule) or read (v8.wasm.moduleCacheHit).
TRACE_CATEGORIES = ["disabled-by-default-v8.wasm.detailed", "disabled-by-default-devtools.timeline"]


# Until the checker's worker has done its exercise for the code cache (once per build: at once if done).
EXERCISED = """new Promise((resolve) => {
  const t = setTimeout(() => resolve(false), 60000);
  HandbookWorker.addEventListener("message", (e) => { if (e.data && e.data.type === "exercised") { clearTimeout(t); resolve(true); } });
  caches.open("handbook-code-cache").then((c) => c.keys()).then((k) => { if (k.length) { clearTimeout(t); resolve(true); } });
})"""


def after_first_visit(page, settle_ms: int = 4000) -> None:
    """What a reader's first visit of a tool page leaves behind before the next: the worker's exercise for the
    code cache (once per build), and the time Chromium takes to write the cache."""
    page.evaluate(EXERCISED)
    page.wait_for_timeout(settle_ms)


def traced_visit(ctx, url: str, done: str, settle_ms: int = 4000) -> dict:
    """One visit of `url` in `ctx` until `done` is in the page (and on the tool page, the worker's exercise
    for the code cache), and `settle_ms` more (the browser writes its code cache a little after the last
    optimised function): how many wasm functions were compiled lazily, the code cache's events, and when the
    answer was in the page (s from navigation start)."""
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    events: list = []
    finished: list = []
    cdp.on("Tracing.dataCollected", lambda e: events.extend(e["value"]))
    cdp.on("Tracing.tracingComplete", lambda e: finished.append(True))
    cdp.send("Tracing.start", {"traceConfig": {"includedCategories": TRACE_CATEGORIES}, "transferMode": "ReportEvents"})
    page.goto(url)
    page.wait_for_selector(done, state="attached", timeout=120_000)
    if page.evaluate("!!window.HandbookWorker"):  # the tool page
        after_first_visit(page, settle_ms)
    else:
        page.wait_for_timeout(settle_ms)
    cdp.send("Tracing.end")
    while not finished:
        page.wait_for_timeout(100)
    answered = page.evaluate("window.__answeredAt")
    page.close()
    names = [e.get("name") for e in events]
    return {"lazy": names.count("wasm.CompileLazy"), "cached": names.count("v8.wasm.cachedModule"),
            "hits": names.count("v8.wasm.moduleCacheHit"), "invalid": names.count("v8.wasm.moduleCacheInvalid"),
            "answer_s": answered / 1000}


def cold_and_warm(playwright, url: str, done: str, settle_ms: int = 4000) -> tuple[dict, dict]:
    """A first and a second visit in one new on-disk browser profile (as a person's browser keeps its
    caches, the wasm code cache among them, between visits)."""
    ctx = on_disk(playwright)
    ctx.add_init_script(ANSWER_CLOCK)
    try:
        return traced_visit(ctx, url, done, settle_ms), traced_visit(ctx, url, done, settle_ms)
    finally:
        ctx.close()


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--code-cache", metavar="URL", help="only: a first and a second visit of the tool page at URL in one "
                    "on-disk profile, as JSON (tests/browser/test_snapshot_start.py)")
    args = ap.parse_args()
    runs = args.runs
    if args.code_cache:
        with sync_playwright() as p:
            print(json.dumps(cold_and_warm(p, args.code_cache, TOOL_DONE)))
        return 0
    if not (SITE / "assets" / "pyodide" / "pyodide-lock.json").exists():
        print("error: build the site first (make site)", file=sys.stderr)
        return 2
    server, base = serve()
    tool = base + "site/tools/due-dates/?" + CASE
    bare = base + "bare.html"
    floor = base + "floor.html"
    cold_tool, cold_bare, warm_tool, warm_bare, recalc, unprepared = [], [], [], [], [], []
    cold_floor, warm_floor = [], []
    cold_steps, warm_steps = [], []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        # One unmeasured round so the OS file cache is warm for both pages alike.
        for url, done in ((bare, BARE_DONE), (tool, TOOL_DONE)):
            ctx = browser.new_context()
            ctx.add_init_script(ANSWER_CLOCK)
            timed(ctx.new_page(), url, done)
            ctx.close()
        for _ in range(runs):
            for url, done, cold, warm in ((bare, BARE_DONE, cold_bare, warm_bare), (tool, TOOL_DONE, cold_tool, warm_tool),
                                          (floor, BARE_DONE, cold_floor, warm_floor)):
                ctx = on_disk(p)
                ctx.add_init_script(ANSWER_CLOCK)
                page = ctx.new_page()
                is_tool = url == tool
                cold.append(timed(page, url, done, cold_steps if is_tool else None))
                if url != bare:
                    after_first_visit(page)
                warm.append(timed(page, url, done, warm_steps if is_tool else None))
                if url == tool:
                    for day in range(11, 31):
                        on = f"2024-03-{day}"
                        if day <= 20:  # typed, as a person does: the page asks the checker as the date changes
                            page.fill("#dd-on", on)
                        else:  # set by script, with no input event: the page first asks on Check
                            page.eval_on_selector("#dd-on", "(e, v) => { e.value = v; }", on)
                        page.click("[data-submit]")
                        page.wait_for_function(
                            f"document.querySelector('[data-result]').dataset.status && location.search.includes('{on}')")
                        page.wait_for_function("document.querySelector('[data-result]').getAttribute('aria-busy') === null")
                        (recalc if day <= 20 else unprepared).append(float(page.get_attribute("[data-result]", "data-ms")))
                ctx.close()

        def downloaded(url: str, done: str | None) -> tuple[int, int]:
            """(bytes the page and its workers transferred, the same files' own sizes, bytes the service worker
            transferred to keep files for offline use)."""
            ctx = browser.new_context()
            sizes: list[tuple[int, int]] = []

            def finished(r):
                try:
                    response = r.response()
                    raw = len(response.body()) if response and response.status == 200 else 0
                    # The service worker's keeping of the checker's files for offline use, after the answer,
                    # is counted apart: it is not what the page needs.
                    (kept if r.service_worker else sizes).append((r.sizes()["responseBodySize"], raw))
                except Exception:  # the page has gone (a request finishing as the context closes)
                    pass

            kept: list[tuple[int, int]] = []
            ctx.on("requestfinished", finished)
            page = ctx.new_page()
            page.goto(url)
            if done:
                page.wait_for_selector(done, state="attached", timeout=120_000)
            # The theme's scripts (and the search index they fetch) start after the first answer, and their
            # template leaves the page when they have: counted too.
            page.wait_for_selector("template[data-theme-scripts]", state="detached", timeout=120_000)
            page.wait_for_load_state("networkidle")
            ctx.close()
            return sum(a for a, _ in sizes), sum(b for _, b in sizes), sum(a for a, _ in kept)

        policy_bytes = downloaded(base + "site/policies/sefton/", None)
        tool_bytes = downloaded(tool, TOOL_DONE)
        phone_cold, phone_warm = phone(p, tool, max(1, min(runs, 3)))
        browser.close()
        compiles = cold_and_warm(p, tool, TOOL_DONE)
        stock = cold_and_warm(p, bare, BARE_DONE)
    server.shutdown()
    def med(values, i=0):
        return statistics.median(v[i] if isinstance(v, tuple) else v for v in values)

    manifest = json.loads((SITE / "assets" / "pyodide" / "checker-startup.json").read_text(encoding="utf-8"))
    cold_ratio = med(cold_tool) / med(cold_bare)
    warm_ratio = med(warm_tool) / med(cold_bare)

    def goal(ok: bool) -> str:
        return "met" if ok else "NOT MET"

    print(f"browser benchmark: headless Chromium, {runs} runs each, medians (in page; seen by the driver)")
    print(f"  served by {server.what}")
    print("  start-up: " + (f"memory snapshot {manifest['snapshot']}" if manifest.get("snapshot") else manifest.get("note", "")))
    print(f"  cold, bare stock Pyodide page (1 + 1):  {med(cold_bare):6.2f} s   ({med(cold_bare, 1):.2f} s)")
    print(f"  cold, tool page to first answer:        {med(cold_tool):6.2f} s   ({med(cold_tool, 1):.2f} s)")
    print(f"  cold ratio tool / bare cold:            {cold_ratio:6.2f}   "
          f"({med(cold_tool, 1) / med(cold_bare, 1):.2f})   goal <= 0.25: {goal(cold_ratio <= 0.25)}")
    print(f"  warm, bare stock Pyodide page:          {med(warm_bare):6.2f} s   ({med(warm_bare, 1):.2f} s)")
    print(f"  warm, tool page to first answer:        {med(warm_tool):6.2f} s   ({med(warm_tool, 1):.2f} s)")
    print(f"  warm ratio tool warm / bare cold:       {warm_ratio:6.2f}   goal <= 0.12: {goal(warm_ratio <= 0.12)}")
    print(f"  floor, the same start and question on an empty page: cold {med(cold_floor):.2f} s ({med(cold_floor) / med(cold_bare):.2f}),"
          f" warm {med(warm_floor):.2f} s ({med(warm_floor) / med(cold_bare):.2f})")
    print(f"    what the tool page adds to it: cold {med(cold_tool) - med(cold_floor):+.2f} s, warm {med(warm_tool) - med(warm_floor):+.2f} s")
    print("  start-up milestones, ms from navigation start (medians):   cold     warm")
    for step in STEPS:
        c = [m[step] for m in cold_steps if m.get(step) is not None]
        w = [m[step] for m in warm_steps if m.get(step) is not None]
        fmt = lambda v: f"{statistics.median(v):7.0f}" if v else "      -"  # noqa: E731
        print(f"    {step:<26}{' ' * 30}{fmt(c)}  {fmt(w)}")
    print(f"  phone class (CPU x{PHONE_CPU}, 16 Mbit/s), tool page cold: {statistics.median(phone_cold):5.2f} s  "
          f"goal <= 5 s: {goal(statistics.median(phone_cold) <= 5)}   warm: {statistics.median(phone_warm):5.2f} s  "
          f"goal <= 1.5 s: {goal(statistics.median(phone_warm) <= 1.5)}   ({len(phone_cold)} runs)")
    print("  wasm compiled lazily, first / second visit in one on-disk profile (Chromium's trace), and the wasm code")
    print("  cache written / read:")
    for label, (first, second) in (("tool page", compiles), ("stock bare page", stock)):
        print(f"    {label:<17} {first['lazy']:5} / {second['lazy']:<5} functions   cache written {first['cached'] + second['cached']},"
              f" read {second['hits']}")
    print(f"    the code cache served the tool's second visit: {goal(compiles[1]['lazy'] <= compiles[0]['lazy'] / 10)}"
          + ("" if stock[1]["hits"] else "   (this browser served no visit of the stock page from it either)"))
    print(f"  recalculation, date typed, then Check:  {med(recalc):6.1f} ms  goal < 20 ms: {goal(med(recalc) < 20)}")
    print(f"    the same with no early ask (Check asks the checker): {med(unprepared):.1f} ms")
    print(f"  bytes, policy page (policies/sefton/):  {policy_bytes[0] / 1e6:6.2f} MB transferred ({policy_bytes[1] / 1e6:.2f} MB uncompressed)")
    print(f"  bytes, tool page with its answer:       {tool_bytes[0] / 1e6:6.2f} MB transferred ({tool_bytes[1] / 1e6:.2f} MB uncompressed)"
          f"   goal < 10 MB: {goal(tool_bytes[0] < 10e6)}")
    print(f"    then kept for offline use by the service worker: {tool_bytes[2] / 1e6:.2f} MB transferred")
    print("  per run, cold bare / tool (in page): " + "  ".join(
        f"{b[0]:.2f}/{t[0]:.2f}" for b, t in zip(cold_bare, cold_tool)))
    lean = subprocess.run(["node", str(ROOT / "bench" / "lean.mjs")], capture_output=True, text=True)
    try:
        got = json.loads(lean.stdout.strip().splitlines()[-1])
    except (IndexError, ValueError):
        print(f"  team check path: bench/lean.mjs failed: {lean.stderr.strip()[-500:]}")
        return 1
    head = f"  team check, {got['people']:,} people x {got['sessions']} sessions in Pyodide under Node"
    if got["lean"]:
        print(f"{head}: checker.engine.lean {got['lean_ms']:,.0f} ms "
              f"({got['lean_with_parsing_ms']:,.0f} ms with each case parsed from its params); "
              f"checker.api.call('due') {got['due_ms']:,.0f} ms (medians of 3)")
    else:
        print(f"{head}: checker.engine.lean is not there yet; 1,000 x checker.api.call('due') {got['due_ms']:,.0f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
