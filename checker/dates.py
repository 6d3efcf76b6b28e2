"""Date moves, named as values: the readings of CONTRIBUTING.md ("Reading the policies") (day and month steps, calendar-month windows,
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

# ---------------------------------------------------------------- bank holidays


class OutsideCalendar(CheckerError):
    """A working-day sum that leaves the bank-holiday calendar: reported on its own, never guessed."""


@dataclass(frozen=True)
class BankHolidays:
    """England and Wales bank holidays over a stated range; outside it, a working day is unknown."""

    days: frozenset[date]
    first: date
    last: date

    def covers(self, day: date) -> bool:
        return self.first <= day <= self.last

    def check_covered(self, day: date, field: str) -> None:
        if not self.covers(day):
            raise OutsideCalendar(
                field,
                f"{long_date(day)} is outside the bank-holiday calendar, which covers "
                f"{long_date(self.first)} to {long_date(self.last)}",
            )


@lru_cache(maxsize=1)
def bank_holidays() -> BankHolidays:
    raw = json.loads(resources.files("checker").joinpath("data/bank-holidays.json").read_text("utf-8"))
    return BankHolidays(
        days=frozenset(date.fromisoformat(d) for d in raw["days"]),
        first=date.fromisoformat(raw["covers"]["from"]),
        last=date.fromisoformat(raw["covers"]["to"]),
    )


def is_working_day(day: date) -> bool:
    """Monday to Friday, except England and Wales bank holidays."""
    return day.weekday() < 5 and day not in bank_holidays().days


def working_day_on_or_before(day: date) -> date:
    """The day itself if it is a working day, else the working day before it (a planned date moved back)."""
    holidays = bank_holidays()
    while not is_working_day(day):
        holidays.check_covered(day, "working days")
        day -= timedelta(days=1)
    return day


# ---------------------------------------------------------------- month arithmetic


_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """calendar.monthrange's second value, without its weekday: the team check calls this thousands of times."""
    return 29 if month == 2 and calendar.isleap(year) else _MONTH_DAYS[month - 1]


def add_months(day: date, months: int) -> date:
    """Same day of the month; where that day does not exist, the last day of the month (31 Jan -> 28/29 Feb)."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def end_of_month(day: date) -> date:
    return date(day.year, day.month, days_in_month(day.year, day.month))


# ---------------------------------------------------------------- intervals

_INTERVAL = re.compile(
    r"^\s*(?P<n>\d+)\s+(?P<unit>working days?|days?|weeks?|months?|years?)\s*(?P<less>-\s*1\s+day)?\s*$"
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
        """The rule data's spelling ('14 days', '6 weeks', '1 month - 1 day', 'calendar month')."""
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

    def as_data(self) -> list:
        """The compiled rulebook's form: [count, unit, minus_one_day]."""
        return [self.count, self.unit, self.minus_one_day]

    @classmethod
    def from_data(cls, data: list) -> "Interval":
        return cls(data[0], data[1], data[2])

    def approx_days(self) -> float:
        """For comparing two intervals' lengths (which is the stricter), not for dating."""
        per = {"days": 1, "months": 30.44, "working-days": 1.4, "calendar-month": 30.44}[self.unit]
        return self.count * per

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

    def month_steps_after(self, day: date, k: int) -> date:
        """For an interval in months: the day k intervals after `day`, counted in one step from it (31 Jan,
        29 Feb, 31 Mar: a clamped month end never drifts). Other units step from the last due date (`after`)."""
        result = add_months(day, self.count * k)
        return result - timedelta(days=1) if self.minus_one_day else result

    def first_due_from_start(self, start: date) -> date:
        """With no session yet: start + the interval; for a calendar-month rule, the start month counts
        only when the person started on its 1st."""
        if self.unit == "calendar-month" and start.day == 1:
            return end_of_month(start)
        return self.after(start)


# ---------------------------------------------------------------- what people type

AGREED_MIN_DAYS, AGREED_MAX_DAYS = 7, 366
"""An agreed supervision frequency is at least weekly and at most yearly: anything else is a typing slip."""

_WORDS = {
    "weekly": (7, "days"), "fortnightly": (14, "days"), "monthly": (1, "months"),
    "bi-monthly": (2, "months"), "bimonthly": (2, "months"), "bi monthly": (2, "months"),
    "every other month": (2, "months"), "quarterly": (3, "months"), "three-monthly": (3, "months"),
    "every fortnight": (14, "days"), "every week": (7, "days"), "every month": (1, "months"),
    "annually": (12, "months"), "yearly": (12, "months"), "every year": (12, "months"),
}
_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                 "nine": 9, "ten": 10, "eleven": 11, "twelve": 12}
_FREQUENCY = re.compile(
    r"^(?:every\s+|once\s+every\s+)?(?P<n>[0-9]{1,6}|[a-z]+)[\s-]*(?P<unit>days?|weeks?|weekly|months?|monthly|years?)$"
)


def parse_frequency(text: str, field: str) -> Interval:
    """A supervision frequency as a person writes it: '6 weeks', 'every 6 weeks', 'fortnightly', 'monthly',
    '4-weekly', 'bi-monthly'. Between a week and a year; anything else is an error quoting what was typed."""
    typed = str(text).strip()
    shown = typed if len(typed) <= 40 else typed[:40] + "…"
    words = re.sub(r"\s+", " ", typed.lower()).strip().rstrip(".")
    if words in _WORDS:
        count, unit = _WORDS[words]
    else:
        match = _FREQUENCY.match(words) if words.isascii() else None
        if not match:
            raise CheckerError(field, f"“{shown}” is not a frequency: write it like “6 weeks”, “fortnightly” or “monthly”")
        n = match["n"]
        count = int(n) if n.isdigit() else _NUMBER_WORDS.get(n, 0)
        unit = match["unit"].rstrip("s").replace("ly", "")
        if not n.isdigit() and not count:
            raise CheckerError(field, f"“{shown}” is not a frequency: write it like “6 weeks”, “fortnightly” or “monthly”")
        count, unit = {"day": (count, "days"), "week": (count * 7, "days"), "month": (count, "months"),
                       "year": (count * 12, "months")}[unit]
    interval = Interval(count, unit)
    if count == 0 or interval.approx_days() < AGREED_MIN_DAYS:
        raise CheckerError(field, f"“{shown}” is too often: an agreed frequency is at least a week apart")
    if interval.approx_days() > AGREED_MAX_DAYS:
        raise CheckerError(field, f"“{shown}” is too far apart: an agreed frequency is at most a year apart")
    return interval


_MONTH_NAMES = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
_MONTH_NAMES.update({name[:3]: i for name, i in list(_MONTH_NAMES.items())})
_MONTH_NAMES["sept"] = 9


def parse_date(text: str, field: str) -> date:
    """A date as people write it: 2025-09-01, 01/09/2025, 1/9/25, 1.9.2025, 1 September 2025, 1 Sep 2025
    (UK order: day first). An error quotes what was typed and says what is wrong. A date already read (the
    team check's sessions) passes through."""
    if type(text) is date:
        return text
    typed = text.strip() if isinstance(text, str) else ""
    shown = typed if len(typed) <= 40 else typed[:40] + "…"
    if not typed:
        raise CheckerError(field, "enter a date, for example 2024-01-08 or 08/01/2024")
    if not typed.isascii() or "\n" in typed:
        raise CheckerError(field, f"“{shown}” is not a date: write it like 2024-01-08 or 08/01/2024")
    if m := re.fullmatch(r"(\d{4})-(\d{1,2})-(\d{1,2})", typed):
        year, month, day = int(m[1]), int(m[2]), int(m[3])
    elif m := re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})", typed):
        day, month, year = int(m[1]), int(m[2]), int(m[3])
        year += 2000 if len(m[3]) == 2 else 0
    elif m := re.fullmatch(r"(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})", typed):
        day, year = int(m[1]), int(m[3])
        month = _MONTH_NAMES.get(m[2].lower(), 0)
        if not month:
            raise CheckerError(field, f"“{shown}” is not a date: “{m[2]}” is not a month")
    else:
        raise CheckerError(field, f"“{shown}” is not a date: write it like 2024-01-08 or 08/01/2024")
    if not 1 <= month <= 12:
        raise CheckerError(field, f"“{shown}” is not a real date: there is no month {month}")
    try:
        return date(year, month, day)
    except ValueError:
        raise CheckerError(field, f"“{shown}” is not a real date") from None


_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December")


def long_date(day: date) -> str:
    """1 March 2024: how the checker's sentences write a date."""
    return f"{day.day} {_MONTHS[day.month - 1]} {day.year}"
