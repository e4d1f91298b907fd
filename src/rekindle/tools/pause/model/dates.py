"""Calendar dates as the reader lives them: parsed from "YYYY-MM-DD", said in plain English.

Rules:

1. A date is a local calendar date (`datetime.date`): no time, no zone. The page works out
   today's local date; the model only compares and counts dates.
2. The page's own dates ("today") must be well formed: a bad one is a bug in the page and
   raises ValueError. Dates the reader typed raise ReaderError with a sentence to show.
3. Dates are written for people as "Tuesday 3 March 2026": English names kept here, so the
   words never depend on the machine's locale.
"""

from __future__ import annotations

import re
from datetime import date

from rekindle.shared.errors import ReaderError

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")

# Dates the page may report as today; outside this the device's clock is not believable and
# end-of-pause arithmetic could leave Python's calendar (year 9999).
EARLIEST_TODAY = date(1970, 1, 1)
LATEST_TODAY = date(9000, 12, 31)

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def parse_iso(value: object) -> date:
    """A stored or page-given "YYYY-MM-DD"; ValueError when it is anything else."""
    if not isinstance(value, str):
        raise ValueError(f"expected a date string, got {type(value).__name__}")
    found = ISO_DATE.fullmatch(value)
    if found is None:
        raise ValueError(f"not a YYYY-MM-DD date: {value[:40]!r}")
    year, month, day = (int(part) for part in found.groups())
    return date(year, month, day)


def parse_today(value: object) -> date:
    """The page's local date for today. A malformed one is the page's bug, not the reader's."""
    today = parse_iso(value)
    if not EARLIEST_TODAY <= today <= LATEST_TODAY:
        raise ValueError(f"today's date is out of range: {value!r}")
    return today


def parse_typed_date(value: object, *, field: str) -> date | None:
    """A date the reader typed or picked; None when the field was left empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    text = value.strip() if isinstance(value, str) else ""
    found = ISO_DATE.fullmatch(text)
    if found is None:
        raise ReaderError(
            "Please give the date as year-month-day, for example 2026-03-01.",
            field=field,
            reason="malformed",
        )
    year, month, day = (int(part) for part in found.groups())
    try:
        return date(year, month, day)
    except ValueError:
        raise ReaderError(
            _no_such_date(year, month, day), field=field, reason="no-such-date"
        ) from None


def _no_such_date(year: int, month: int, day: int) -> str:
    if 1 <= month <= 12 and year >= 1:
        last = _days_in_month(year, month)
        return f"{MONTHS[month - 1]} {year} has {last} days, so day {day} does not exist."
    return f"{year:04d}-{month:02d}-{day:02d} is not a date on the calendar."


def _days_in_month(year: int, month: int) -> int:
    if month == 12:
        return 31
    return (date(year, month + 1, 1) - date(year, month, 1)).days


def long_date(day: date) -> str:
    """'Tuesday 3 March 2026': how the guide writes a date."""
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]} {day.year}"


def count_days(count: int) -> str:
    """'1 day', '12 days', '1,204 days'."""
    return f"{count:,} day" if count == 1 else f"{count:,} days"
