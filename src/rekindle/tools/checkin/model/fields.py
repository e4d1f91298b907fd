"""Reading one planner field at a time from the text the page sends.

Rules:

- Every parser takes the raw value (page text; an int is accepted where a number is meant)
  and returns a clean value, or raises `FieldError` (a `ReaderError` naming its field).
- Messages say what to do in plain words and never echo the input back: it may be 5,000
  characters of anything.
- Text the reader writes is data: any script, emoji and punctuation are kept as typed. Line
  breaks and tabs in the title become spaces (a calendar shows a title on one line); other
  control characters are dropped. A blank title means the neutral default.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from datetime import date, time, timedelta

from rekindle.shared.errors import ReaderError

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# English whatever the process locale (calendar.month_name follows it).
MONTHS = ("", "January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")  # fmt: skip
MIN_DURATION, MAX_DURATION = 15, 60
MIN_COUNT, MAX_COUNT = 1, 52
MAX_START_AHEAD_DAYS = 365
MAX_REMINDER_MINUTES = 7 * 24 * 60
MAX_TITLE, MAX_DESCRIPTION = 100, 1000
DEFAULT_TITLE = "Check-in"
_MAX_NUMBER_TEXT = 6

_TIME = re.compile(r"(\d{1,2})(?:[:.](\d{1,2})(?::(\d{1,2}))?)?\s*([ap])?\.?\s*(m\.?)?", re.I)
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_LINE_BREAKS = re.compile(r"\r\n|[\r\n\t\v\f\x85\u2028\u2029]")
_TRUE = frozenset({"on", "yes", "true", "1"})
_FALSE = frozenset({"", "off", "no", "false", "0"})


class FieldError(ReaderError):
    """One field the reader can fix; `field` is the page's name for the input."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message, field=field)


def _text(raw: object, field: str) -> str:
    """Stripped page text; None counts as empty, a number as its digits."""
    if raw is None:
        return ""
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise FieldError(field, "This could not be read. Please choose or type it again.")
    return str(raw).strip()


def whole_number(raw: object, field: str, bounds: tuple[int, int], unit: str, example: int) -> int:
    """A whole number within bounds from text like " 12 ", "-1" or an int."""
    low, high = bounds
    text = _text(raw, field)
    if not text:
        raise FieldError(field, f"Choose how many {unit}, from {low} to {high}.")
    digits = text[1:] if text[0] in "+-" else text
    if not digits.isdecimal() or len(digits) > _MAX_NUMBER_TEXT:
        raise FieldError(field, f"Write the number of {unit} as a whole number, like {example}.")
    value = int(text)
    if not low <= value <= high:
        raise FieldError(field, f"Choose from {low} to {high} {unit}.")
    return value


def parse_duration(raw: object) -> int:
    """Minutes each check-in lasts."""
    return whole_number(raw, "duration", (MIN_DURATION, MAX_DURATION), "minutes", 30)


def parse_count(raw: object) -> int:
    """How many check-ins the calendar file holds."""
    return whole_number(raw, "count", (MIN_COUNT, MAX_COUNT), "check-ins", 12)


def parse_weekday(raw: object, field: str) -> int | None:
    """0 (Monday) to 6 (Sunday) from "tuesday", "Tue" or "tu"; None when nothing is chosen."""
    text = _text(raw, field).lower()
    if not text:
        return None
    matches = [n for n, name in enumerate(WEEKDAYS) if len(text) >= 2 and name.startswith(text)]
    if len(matches) != 1:
        raise FieldError(field, "Choose a day of the week from the list.")
    return matches[0]


def parse_time(raw: object) -> time:
    """A time of day in whole minutes: "19:30", "7:30", "7.30 pm", "19:30:00"."""
    text = _text(raw, "time")
    if not text:
        raise FieldError("time", "Choose a time for the check-ins, like 19:30.")
    found = _TIME.fullmatch(text)
    if found is None or (found[4] is None) != (found[5] is None):
        raise FieldError("time", "Write the time as hours and minutes, like 19:30.")
    hour, minute, second = (int(part or 0) for part in found.group(1, 2, 3))
    if found[4] is not None:
        if not 1 <= hour <= 12:
            raise FieldError("time", "With am or pm, hours go from 1 to 12.")
        hour = hour % 12 + (12 if found[4].lower() == "p" else 0)
    if hour > 23:
        raise FieldError("time", "Hours go from 0 to 23, so the latest time is 23:59.")
    if minute > 59:
        raise FieldError("time", "Minutes go from 00 to 59.")
    if second:
        raise FieldError("time", "Choose a time in whole minutes, like 19:30.")
    return time(hour, minute)


def parse_start(raw: object, today: date) -> date:
    """The first day of the plan: from today to a year ahead, written as 2026-12-08."""
    text = _text(raw, "start")
    if not text:
        raise FieldError("start", "Choose the date of the first check-in.")
    found = _DATE.fullmatch(text)
    if found is None:
        raise FieldError("start", "Write the date as year-month-day, like 2026-12-08.")
    year, month, day = (int(part) for part in found.groups())
    if not 1 <= month <= 12:
        raise FieldError("start", "Months go from 1 to 12.")
    if year < 1 or year < today.year - 1:
        raise FieldError("start", "That date has already passed. Choose today or a later day.")
    days_in_month = calendar.monthrange(year, month)[1]
    if not 1 <= day <= days_in_month:
        raise FieldError("start", f"{MONTHS[month]} {year} has {days_in_month} days.")
    start = date(year, month, day)
    if start < today:
        raise FieldError("start", "That date has already passed. Choose today or a later day.")
    latest = today + timedelta(days=MAX_START_AHEAD_DAYS)
    if start > latest:
        last_day = f"{latest.day} {MONTHS[latest.month]} {latest.year}"
        raise FieldError("start", f"Choose a start date within the next year (by {last_day}).")
    return start


def parse_reminder(raw: object) -> int | None:
    """Minutes before each check-in: "none" (None), "start" (0), or a number like "10"."""
    text = _text(raw, "reminder").lower()
    if text in ("", "none", "off"):
        return None
    if text in ("start", "at-start"):
        return 0
    if not text.isdecimal() or len(text) > _MAX_NUMBER_TEXT:
        raise FieldError("reminder", "Choose a reminder from the list.")
    minutes = int(text)
    if minutes > MAX_REMINDER_MINUTES:
        raise FieldError("reminder", "Choose a reminder of at most a week before.")
    return minutes


def parse_lookback(raw: object) -> bool:
    """Whether to add the monthly look back: a ticked box sends "on" (or true)."""
    if isinstance(raw, bool):
        return raw
    text = _text(raw, "lookback").lower()
    if text not in _TRUE | _FALSE:
        raise FieldError("lookback", "Tick the box for a monthly look back, or leave it empty.")
    return text in _TRUE


def _clean(raw: object, field: str, *, one_line: bool) -> str:
    """Text as typed, made safe to store: NFC, no control characters, no broken ones."""
    if raw is None:
        return ""
    if not isinstance(raw, str):
        raise FieldError(field, "This could not be read. Please type it again.")
    if any(unicodedata.category(char) == "Cs" for char in raw):
        raise FieldError(field, "Part of this text could not be read. Please type it again.")
    text = _LINE_BREAKS.sub(lambda m: " " if one_line or m[0] == "\t" else "\n", raw)
    text = "".join(char for char in text if char == "\n" or unicodedata.category(char) != "Cc")
    text = unicodedata.normalize("NFC", text)
    if one_line:
        return " ".join(part for part in text.split(" ") if part)
    return "\n".join(line.rstrip() for line in text.strip().split("\n"))


def _visible(text: str) -> bool:
    return any(unicodedata.category(char)[0] not in "CZ" for char in text)


def parse_title(raw: object) -> str:
    """The event's title: the reader's words on one line, or "Check-in" when left blank."""
    text = _clean(raw, "title", one_line=True)
    if not _visible(text):
        return DEFAULT_TITLE
    if len(text) > MAX_TITLE:
        raise FieldError(
            "title", f"Keep the title to {MAX_TITLE} characters or fewer; it has {len(text):,}."
        )
    return text


def parse_description(raw: object) -> str:
    """Optional notes for the event; empty unless the reader wrote some."""
    text = _clean(raw, "description", one_line=False)
    if not _visible(text):
        return ""
    if len(text) > MAX_DESCRIPTION:
        raise FieldError(
            "description",
            f"Keep the notes to {MAX_DESCRIPTION:,} characters or fewer; they have {len(text):,}.",
        )
    return text
