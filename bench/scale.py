"""The handbook with N policies (issue 20, "Built to grow"): for N = 5, 30 and 150, a temporary copy of the
repository gets N - 5 synthetic policies (copies of the five, renamed: their rule file with its [topics], their
page), and the bench prints, per N:

- build: `python -m sitegen build` (generate, MkDocs, finish), seconds, median of --runs, with its three stages;
- pages: the HTML pages built;
- search index: the generator's (Material's search/search_index.json, Zensical's search.json), bytes gzipped
  (goal at 150: at most 1 MB);
- rulebook: checker/data/ (the index of the policies and a file per policy), bytes and gzipped, and the index
  alone gzipped (what every start-up holds; a policy's own file is fetched when it is first asked about);
- first answer: the due-date checker's first answer in headless Chromium, ms from navigation (in page, a
  MutationObserver notes performance.now() when the answer is set), median of --runs, after the Pyodide assets
  are staged for that copy (scripts/pyodide_assets.py stage: the checker wheel and start-up snapshot carry the N
  policies' rulebook). Also the start-up snapshot's size (Pyodide's default heap is 30 MB; pyodide issue 6254).

Goals: build at 150 at most 6 times the build at 5; first answer at 150 within 10 % of the first answer at 5;
search index at 150 at most 1 MB gzipped. The N = 5 copy is the reference each ratio is taken against, measured
in the same run; runs of the sizes alternate (5, 30, 150, 5, 30, 150, …) so that the machine's load falls on all.

    .venv/bin/python bench/scale.py [--sizes 5,30,150] [--runs 3] [--no-browser] [--generator mkdocs|zensical]
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from sitegen.run import GENERATORS  # noqa: E402  (the generators the build knows)
from sitegen.search_paragraphs import INDEX_FILES  # noqa: E402  (where each writes its search index)
CHROMIUM = "/usr/bin/chromium"
CASE = "policy=sefton&role=social-worker&start=2024-01-08&session=2024-02-01,2024-02-28&on=2024-03-10"
FIRST_ANSWER = """
new MutationObserver((_, observer) => {
  const result = document.querySelector('[data-result]');
  if (result && result.dataset.status) { window.__answeredAt = performance.now(); observer.disconnect(); }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ['data-status']});
"""


# ---------------------------------------------------------------- the copy with N policies


def copy_repository(dest: Path) -> None:
    """What a build reads, copied (the Pyodide stage is rebuilt by the copy's own `stage`, never shared)."""
    for name in ("checker", "sitegen", "overrides", "sources", "scripts"):
        shutil.copytree(ROOT / name, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(ROOT / "docs", dest / "docs", ignore=shutil.ignore_patterns("pyodide"))
    for name in ("mkdocs.yml", "pyproject.toml", "README.md"):  # the checker wheel is built from pyproject (its readme)
        shutil.copy2(ROOT / name, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules", target_is_directory=True)
    for cache in ("wheels", "wheels-pyc", "stdlib-pyc"):
        if (ROOT / "build" / cache).exists():
            shutil.copytree(ROOT / "build" / cache, dest / "build" / cache)


def synthetic_policy(dest: Path, original: str, number: int, order: int) -> None:
    """A renamed copy of `original`: slug '<original>-<number>', its own order, requirement ids and links."""
    slug = f"{original}-{number}"
    rules = (ROOT / "checker" / "rules" / f"{original}.toml").read_text(encoding="utf-8")
    out, table = [], ""
    for line in rules.split("\n"):
        if line.startswith("["):
            table = line.strip()
        if table == "[policy]":
            line = re.sub(r'^id = ".*"$', f'id = "{slug}"', line)
            line = re.sub(r'^short = "(.*)"$', rf'short = "\1 {number}"', line)
            line = re.sub(r"^order = \d+$", f"order = {order}", line)
        elif table == "[[requirements]]":
            line = re.sub(r'^id = "(.*)"$', rf'id = "{slug}--\1"', line)
        elif table == "[topics]":
            line = line.replace(f"policies/{original}.md", f"policies/{slug}.md")
        out.append(line)
    (dest / "checker" / "rules" / f"{slug}.toml").write_text("\n".join(out), encoding="utf-8")
    page = (ROOT / "docs" / "policies" / f"{original}.md").read_text(encoding="utf-8")
    (dest / "docs" / "policies" / f"{slug}.md").write_text(page, encoding="utf-8")


def make_copy(n: int, dest: Path) -> None:
    copy_repository(dest)
    originals = sorted(p.stem for p in (ROOT / "checker" / "rules").glob("*.toml"))
    for i in range(n - len(originals)):  # somerset-2, sefton-2, …, somerset-3, …
        synthetic_policy(dest, originals[i % len(originals)], i // len(originals) + 2, order=100 + i)
    env = {**os.environ, "PYTHONPATH": str(dest)}
    subprocess.run([sys.executable, "-m", "checker.compile"], cwd=dest, env=env, check=True, capture_output=True)


# ---------------------------------------------------------------- measurements


def build(dest: Path, generator: str = "mkdocs") -> dict[str, float]:
    env = {**os.environ, "PYTHONPATH": str(dest), "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "sitegen", "build", "--generator", generator], cwd=dest, env=env, capture_output=True,
                          text=True)
    total = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"the build of {dest} failed:\n{done.stdout[-2000:]}{done.stderr[-2000:]}")
    stages = dict(re.findall(r"(generate|generator|finish) ([0-9.]+) s", done.stdout))
    return {"total": total, **{k: float(v) for k, v in stages.items()}}


def stage_assets(dest: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(dest)}
    done = subprocess.run([sys.executable, "scripts/pyodide_assets.py", "stage"], cwd=dest, env=env,
                          capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"staging the Pyodide assets of {dest} failed:\n{done.stderr[-3000:]}")


def rulebook_files(copy: Path) -> list[Path]:
    """The compiled rulebook: the index of the policies and one file per policy (the browser holds the index
    and fetches a policy's file when it is first asked about)."""
    data = copy / "checker" / "data"
    return [data / "rulebook.json", *sorted((data / "policies").glob("*.json"))]


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), 9))


def serve(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    class Quiet(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map, ".wasm": "application/wasm",
                          ".mjs": "text/javascript", ".json": "application/json"}

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


def first_answer(browser, url: str) -> float:
    context = browser.new_context()
    context.add_init_script(FIRST_ANSWER)
    page = context.new_page()
    page.goto(url + "tools/due-dates/?" + CASE)
    page.wait_for_selector("[data-result][data-status]:not([data-status=''])", timeout=120_000)
    page.wait_for_function("window.__answeredAt !== undefined")
    ms = page.evaluate("window.__answeredAt")
    context.close()
    return ms


# ---------------------------------------------------------------- the bench


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="5,30,150")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-browser", action="store_true")
    parser.add_argument("--generator", choices=GENERATORS, default="mkdocs",
                        help="the site generator to build with (both read the same generated pages)")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    tmp = Path(tempfile.mkdtemp(prefix="handbook-scale-"))
    copies = {}
    try:
        for n in sizes:
            copies[n] = tmp / f"n{n}"
            make_copy(n, copies[n])
        builds: dict[int, list[dict]] = {n: [] for n in sizes}
        for _ in range(args.runs):
            for n in sizes:
                builds[n].append(build(copies[n], args.generator))
        results = {}
        for n in sizes:
            site = copies[n] / "site"
            results[n] = {
                "build": statistics.median(b["total"] for b in builds[n]),
                "stages": {k: statistics.median(b.get(k, 0) for b in builds[n]) for k in ("generate", "generator", "finish")},
                "pages": sum(1 for p in site.rglob("*.html") if "assets" not in p.relative_to(site).parts),
                "search_gz": gz(site / INDEX_FILES[args.generator]),
                "rulebook": sum(p.stat().st_size for p in rulebook_files(copies[n])),
                "rulebook_gz": sum(gz(p) for p in rulebook_files(copies[n])),
                "index_gz": gz(copies[n] / "checker" / "data" / "rulebook.json"),
            }
        if not args.no_browser:
            from playwright.sync_api import sync_playwright
            for n in sizes:
                stage_assets(copies[n])
                build(copies[n], args.generator)  # the site again, with the staged assets
                snapshot = sorted((copies[n] / "site" / "assets" / "pyodide").glob("checker-*.snapshot.gz"))
                results[n]["snapshot_gz"] = snapshot[0].stat().st_size if snapshot else 0
                results[n]["snapshot"] = len(gzip.decompress(snapshot[0].read_bytes())) if snapshot else 0
            servers = {n: serve(copies[n] / "site") for n in sizes}
            times: dict[int, list[float]] = {n: [] for n in sizes}
            with sync_playwright() as p:
                browser = p.chromium.launch(executable_path=CHROMIUM, args=["--headless", "--no-sandbox"])
                for _ in range(args.runs):
                    for n in sizes:
                        times[n].append(first_answer(browser, servers[n][1]))
                browser.close()
            for n in sizes:
                servers[n][0].shutdown()
                results[n]["first_answer"] = statistics.median(times[n])
        report(sizes, results, args.runs, args.generator)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


def report(sizes: list[int], results: dict, runs: int, generator: str) -> None:
    base = results[sizes[0]]
    print(f"Scale (bench/scale.py): {', '.join(map(str, sizes))} policies, built with {generator}; medians of {runs} "
          f"runs, alternating; {os.cpu_count()} cores (the build renders on every core from 60 pages on), "
          f"load average {os.getloadavg()[0]:.1f} at the end")
    print(f"{'policies':>8} {'build s':>8} {'× at 5':>7} {'generate':>9} {'generator':>10} {'finish':>7} {'pages':>6} "
          f"{'search gz':>10} {'rulebook':>10} {'rb gz':>8} {'index gz':>9} {'1st answer ms':>14} {'× at 5':>7} {'snapshot':>9}")
    for n in sizes:
        r = results[n]
        answer = r.get("first_answer")
        print(f"{n:>8} {r['build']:>8.1f} {r['build'] / base['build']:>7.2f} {r['stages']['generate']:>9.1f} "
              f"{r['stages']['generator']:>10.1f} {r['stages']['finish']:>7.1f} {r['pages']:>6} "
              f"{r['search_gz'] / 1e6:>8.2f}MB {r['rulebook'] / 1e6:>8.2f}MB {r['rulebook_gz'] / 1e6:>6.2f}MB {r['index_gz'] / 1e3:>7.1f}kB "
              + (f"{answer:>14.0f} {answer / base['first_answer']:>7.2f} {r['snapshot'] / 1e6:>7.1f}MB"
                 if answer else f"{'-':>14}"))
    last = results[sizes[-1]]
    print(f"goals at {sizes[-1]}: build ≤ 6× at {sizes[0]}: {last['build'] / base['build']:.2f}× "
          f"({'met' if last['build'] <= 6 * base['build'] else 'NOT met'}); search index ≤ 1 MB gzip: "
          f"{last['search_gz'] / 1e6:.2f} MB ({'met' if last['search_gz'] <= 1e6 else 'NOT met'})"
          + (f"; first answer within 10 %: {last['first_answer'] / base['first_answer']:.2f}× "
             f"({'met' if last['first_answer'] <= 1.1 * base['first_answer'] else 'NOT met'})"
             if "first_answer" in last else ""))


if __name__ == "__main__":
    sys.exit(main())
