"""Write checker/data/bank-holidays.json: England and Wales bank holidays, from the `holidays` package.

Run at build time (`make site` runs it when the pinned `holidays` version changes). The engine reads
only the JSON, so the browser needs no `holidays` wheel.
"""

import json
import sys
from datetime import date
from pathlib import Path

import holidays

FIRST_YEAR, LAST_YEAR = 1978, 2036
"""From the first year of today's pattern of bank holidays to ten years ahead of the handbook's release."""
OUT = Path(__file__).resolve().parent.parent / "checker" / "data" / "bank-holidays.json"


def main() -> int:
    england = holidays.country_holidays("GB", subdiv="ENG", years=range(FIRST_YEAR, LAST_YEAR + 1))
    days = {d.isoformat(): name for d, name in sorted(england.items())}
    data = {
        "region": "England and Wales",
        "source": f"python holidays {holidays.__version__}, country GB, subdivision ENG",
        "note": (
            "Years after the current one are computed by the holidays package's rules; a one-off bank "
            "holiday announced later needs a new release of this file."
        ),
        "covers": {"from": date(FIRST_YEAR, 1, 1).isoformat(), "to": date(LAST_YEAR, 12, 31).isoformat()},
        "days": days,
    }
    OUT.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(data, indent=1, ensure_ascii=False) + "\n"
    if OUT.exists() and OUT.read_text(encoding="utf-8") == text:
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT.relative_to(Path.cwd()) if OUT.is_relative_to(Path.cwd()) else OUT}: {len(days)} days")
    return 0


if __name__ == "__main__":
    sys.exit(main())
