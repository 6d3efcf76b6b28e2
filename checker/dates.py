"""Date moves, named as values: the readings of DESIGN §3 (day and month steps, calendar-month windows,
working days). No policy number lives here; the rule data says which move applies."""

from __future__ import annotations

import calendar
import json
import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources

from .errors import CheckerError
from .inputs import echo

# ---------------------------------------------------------------- bank holidays


@dataclass(frozen=True)
class BankHolidays:
    """England and Wales bank holidays over a stated range; outside it, a working day is unknown."""

    days: frozenset[date]
    first: date
    last: date
    source: str

    def check_covered(self, day: date, field: str) -> None:
        if not self.first <= day <= self.last:
            raise CheckerError(
                field,
                f"{day.isoformat()} is outside the bank-holiday calendar, which covers "
                f"{self.first.isoformat()} to {self.last.isoformat()}",
            )


@lru_cache(maxsize=1)
def bank_holidays() -> BankHolidays:
    raw = json.loads(resources.files("checker").joinpath("data/bank-holidays.json").read_text("utf-8"))
    return BankHolidays(
        days=frozenset(date.fromisoformat(d) for d in raw["days"]),
        first=date.fromisoformat(raw["covers"]["from"]),
        last=date.fromisoformat(raw["covers"]["to"]),
        source=raw["source"],
    )


def is_working_day(day: date) -> bool:
    """Monday to Friday, except England and Wales bank holidays."""
    return day.weekday() < 5 and day not in bank_holidays().days


# ---------------------------------------------------------------- month arithmetic


def add_months(day: date, months: int) -> date:
    """Same day of the month; where that day does not exist, the last day of the month (31 Jan -> 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def end_of_month(day: date) -> date:
    return date(day.year, day.month, calendar.monthrange(day.year, day.month)[1])


# ---------------------------------------------------------------- intervals

_INTERVAL = re.compile(
    r"^\s*(?P<n>[0-9]{1,4})\s+(?P<unit>working days?|days?|weeks?|months?|years?)\s*(?P<less>-\s*1\s+day)?\s*$"
)


@dataclass(frozen=True)
class Interval:
    """One reading of a policy's period: a step forward from a day.

    `unit` is 'days', 'months', 'working-days' or 'calendar-month'; `minus_one_day` reads "at the end of
    month k" as start + k months - 1 day.
    """

    count: int
    unit: str
    minus_one_day: bool = False

    @classmethod
    def parse(cls, text: str) -> "Interval":
        if text.strip() == "calendar month":
            return cls(1, "calendar-month")
        match = _INTERVAL.match(text)
        if not match:
            raise ValueError(
                f"unknown interval {text!r}: write e.g. '14 days', '6 weeks', '1 month', "
                "'3 working days', '1 month - 1 day' or 'calendar month'"
            )
        n, unit = int(match["n"]), match["unit"].rstrip("s")
        less = bool(match["less"])
        if unit == "week":
            return cls(n * 7, "days", less)
        if unit == "year":
            return cls(n * 12, "months", less)
        return cls(n, {"day": "days", "month": "months", "working day": "working-days"}[unit], less)

    def after(self, day: date) -> date:
        """The day this interval after `day` (for working days: the Nth working day, `day` not counted)."""
        if self.unit == "days":
            result = day + timedelta(days=self.count)
        elif self.unit == "months":
            result = add_months(day, self.count)
        elif self.unit == "calendar-month":
            result = end_of_month(add_months(day.replace(day=1), self.count))
        else:
            result = day
            left = self.count
            holidays = bank_holidays()
            while left:
                result += timedelta(days=1)
                holidays.check_covered(result, "working days")
                if is_working_day(result):
                    left -= 1
        return result - timedelta(days=1) if self.minus_one_day else result

    def times(self, k: int) -> "Interval":
        return Interval(self.count * k, self.unit, self.minus_one_day)

    def first_due_from_start(self, start: date) -> date:
        """With no session yet: start + the interval; for a calendar-month rule, the start month counts
        only when the person started on its 1st."""
        if self.unit == "calendar-month" and start.day == 1:
            return end_of_month(start)
        return self.after(start)

    def describe(self) -> str:
        if self.unit == "calendar-month":
            return "once in every calendar month"
        if self.unit == "days" and self.count % 7 == 0:
            weeks = self.count // 7
            text = {1: "every week", 2: "every fortnight"}.get(weeks, f"every {weeks} weeks")
        elif self.unit == "days":
            text = f"every {self.count} days"
        elif self.unit == "months" and self.count % 12 == 0:
            years = self.count // 12
            text = "every year" if years == 1 else f"every {years} years"
        elif self.unit == "months":
            text = "every month" if self.count == 1 else f"every {self.count} months"
        else:
            text = f"within {self.count} working days"
        return text

    def __str__(self) -> str:  # the data's own spelling, for round trips and messages
        if self.unit == "calendar-month":
            return "calendar month"
        unit = {"days": "day", "months": "month", "working-days": "working day"}[self.unit]
        return f"{self.count} {unit}{'s' if self.count != 1 else ''}" + (" - 1 day" if self.minus_one_day else "")


def parse_date(text: str, field: str) -> date:
    """An ISO date, or an error that names the field and says what was wrong."""
    # [0-9], not \d, which also matches other scripts' digits; the input is quoted by inputs.echo, on one
    # line and cut short (issue 11).
    if not isinstance(text, str) or not re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", text.strip()):
        raise CheckerError(field, f"{echo(text)} is not a date in the form YYYY-MM-DD")
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise CheckerError(field, f"{echo(text.strip())} is not a real date") from None
