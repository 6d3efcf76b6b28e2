"""The benches' one timer, used on CPython (bench/core.py) and inside Pyodide under Node (bench/lean.py, where
bench/lean.mjs mounts this folder)."""

import statistics
import time


def median_ms(fn, runs: int = 3) -> float:
    """fn() run `runs` times; the median of its times, in milliseconds."""
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)
