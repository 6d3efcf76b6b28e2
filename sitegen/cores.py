"""Work shared out over the machine's cores, for the build steps whose cost grows with the policies."""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

# From this many pages on, a build step shares them out over the cores (generating, MkDocs, finishing). Below
# it, starting processes costs more than it saves: the handbook has 35 pages with its 5 policies.
PARALLEL_FROM = 60


def cores() -> int:
    """Processes worth starting: one per core (at most 8), or 1 where processes cannot be forked."""
    if "fork" not in multiprocessing.get_all_start_methods():
        return 1
    return max(1, min(os.cpu_count() or 1, 8))


def each(work: Callable[[T], R], items: Iterable[T]) -> list[R]:
    """[work(item) for item in items], in forked processes (they have what the build has loaded) when there
    are at least PARALLEL_FROM items and more than one core; in order either way. An error raised by `work`
    is raised here."""
    items = list(items)
    n = cores()
    if len(items) < PARALLEL_FROM or n < 2:
        return [work(item) for item in items]
    with ProcessPoolExecutor(n, mp_context=multiprocessing.get_context("fork")) as pool:
        return list(pool.map(work, items, chunksize=max(1, len(items) // (n * 4))))
