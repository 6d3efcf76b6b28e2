"""Benchmark of the rule core on CPython: loading the compiled rulebook, one `due` answer (JSON included),
and the lean path the team check uses for 1,000 people x 24 sessions. Prints medians; asserts nothing."""

from __future__ import annotations

import statistics
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from datetime import date, timedelta  # noqa: E402

from checker import api  # noqa: E402
from checker.dates import bank_holidays  # noqa: E402
from checker.engine import Case, lean  # noqa: E402
from checker.rulebook import forget, policy_rules, rulebook  # noqa: E402
from timing import median_ms  # noqa: E402  (bench/, this script's folder)

CASES = [
    {"policy": "sefton", "role": "nqsw", "start": "2024-01-08", "on": "2024-11-20",
     "session": ",".join(f"2024-{m:02d}-10" for m in range(1, 12))},
    {"policy": "somerset", "role": "practitioner", "start": "2023-09-04", "on": "2024-11-20",
     "session": "2024-01-15,2024-02-12,2024-03-11,2024-05-13,2024-09-09", "new-starter": "1"},
    {"policy": "bracknell-forest", "role": "case-holder", "start": "2022-01-10", "on": "2024-11-20",
     "session": "2024-01-31,2024-06-30"},
]


def load_everything():
    forget()
    bank_holidays.cache_clear()
    rulebook()
    bank_holidays()


def team(people: int = 1000, sessions: int = 24) -> list[tuple]:
    """A made-up team: every policy's supervisee roles in turn, 24 sessions each, roughly monthly."""
    cases = []
    roles = [(p, r.id) for p, rules in rulebook().items() for r in rules.roles
             if r.subject == "supervisee" and not r.record["asks"]["shifts"]]
    for i in range(people):
        policy, role = roles[i % len(roles)]
        start = date(2021, 1, 4) + timedelta(days=i % 300)
        days = tuple(start + timedelta(days=30 * k + (i * k) % 9) for k in range(1, sessions + 1))
        cases.append((policy_rules(policy), Case(role, start, date(2024, 11, 20), days)))
    return cases


def lean_team(cases) -> None:
    for rules, case in cases:
        lean(rules, case)


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
    cases = team()
    print(f"  lean path, 1,000 people x 24 sessions   : {median_ms(lambda: lean_team(cases), 5):7.1f} ms")
    print(f"  full `check`, same 1,000 people          : "
          f"{median_ms(lambda: [api.result_json(api.check(r, c), r, c) for r, c in cases], 3):7.1f} ms")
    print(f"  cold import + first answer (new process): {cold_import_ms():7.1f} ms")


if __name__ == "__main__":
    main()
