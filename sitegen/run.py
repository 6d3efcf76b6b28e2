"""The whole site build, one command for either generator: generate, run the generator, finish.

`python -m sitegen build [--generator mkdocs|zensical]` (what `make site` runs) writes build/docs/ from docs/,
build/mkdocs.yml from mkdocs.yml (`config`: the menu's policy lines), runs the site generator on it (both read
it), moves what it wrote to site/, and finishes site/ (`finish`). The generator's own messages pass through; a failing generator stops the build.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from .config import write_config
from .errors import BuildError
from .finish import GENERATORS, finish
from .generate import generate

DOCS, GENERATED, SITE = Path("docs"), Path("build/docs"), Path("site")


def generator_command(generator: str) -> list[str]:
    """The generator's build command, from the same environment as this Python, strict (a warning fails)."""
    bin_dir = Path(sys.executable).parent
    if generator == "mkdocs":  # `mkdocs build`, rendering the pages on every core (mkdocs_parallel)
        # Not --quiet: it drops warnings before --strict counts them, so a broken link passed.
        return [sys.executable, "-m", "sitegen.mkdocs_parallel", "build", "--strict"]
    if generator == "zensical":
        return [str(bin_dir / "zensical"), "build", "--strict", "--clean"]
    raise BuildError(f"unknown site generator {generator!r}: the build knows {', '.join(GENERATORS)}")


def build(root: Path, generator: str = "mkdocs", site: Path | None = None) -> dict[str, float]:
    """Build the site in `root` (the repository) with `generator` into `site` (root/site/ unless given); the
    seconds each stage took."""
    root, times = Path(root), {}
    site = Path(site) if site else root / SITE
    command = generator_command(generator)
    start = time.perf_counter()
    generate(root / DOCS, root / GENERATED)
    times["generate"] = time.perf_counter() - start
    config = write_config(root)
    built = config.parent / "site"
    shutil.rmtree(built, ignore_errors=True)
    start = time.perf_counter()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run([*command, "--config-file", str(config)], cwd=root, env=env)
    if done.returncode != 0:
        raise BuildError(f"{generator} stopped the build (exit {done.returncode}); its messages are above")
    times["generator"] = time.perf_counter() - start
    shutil.rmtree(site, ignore_errors=True)
    shutil.move(built, site)
    start = time.perf_counter()
    finish(site, root / GENERATED, generator)
    times["finish"] = time.perf_counter() - start
    return times
