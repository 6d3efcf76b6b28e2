"""Benchmark of the rule core on CPython: median time of one `due` computation and of loading every
policy's rule data. Prints figures; asserts nothing. Goals: under 5 ms and under 100 ms."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import api  # noqa: E402
from checker.dates import bank_holidays  # noqa: E402
from checker.ruledata import load, load_all  # noqa: E402

CASES = [
    {"policy": "sefton", "role": "nqsw", "start": "2024-01-08", "on": "2024-11-20",
     "session": ",".join(f"2024-{m:02d}-10" for m in range(1, 12))},
    {"policy": "somerset", "role": "practitioner", "start": "2023-09-04", "on": "2024-11-20",
     "session": "2024-01-15,2024-02-12,2024-03-11,2024-05-13,2024-09-09", "new-starter": "1"},
    {"policy": "bracknell-forest", "role": "case-holder", "start": "2022-01-10", "on": "2024-11-20",
     "session": "2024-01-31,2024-06-30"},
]


def median_ms(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def load_everything():
    load.cache_clear()
    bank_holidays.cache_clear()
    load_all()
    bank_holidays()


def cold_import_ms(runs: int = 5) -> float:
    code = "import time; t=time.perf_counter(); from checker import api; api.policies(); print((time.perf_counter()-t)*1000)"
    out = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
           for _ in range(runs)]
    return statistics.median(out)


def main() -> None:
    print(f"Rule core on CPython {sys.version.split()[0]} (medians)")
    print(f"  load all rule data + bank holidays : {median_ms(load_everything, 30):7.2f} ms   (goal < 100 ms)")
    for case in CASES:
        api.due(case)  # warm
        label = f"{case['policy']}/{case['role']}"
        print(f"  one `due` computation {label:<28}: {median_ms(lambda: api.due(case), 200):7.3f} ms   (goal < 5 ms)")
    print(f"  cold import + first answer (new process): {cold_import_ms():7.1f} ms")


if __name__ == "__main__":
    main()
