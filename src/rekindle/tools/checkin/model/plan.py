"""A check-in plan: one frozen value, read from the page's fields, and the dates it gives.

Rules:

- `parse_plan(fields, today)` reads every field and reports every problem at once
  (`PlanErrors`, one `FieldError` per field), so the page can show each message next to its
  field. A `Plan` it returns is always usable: nothing else makes one from page data.
- How often: every 3 days (from the start date), twice a week on two different weekdays,
  weekly or every two weeks on one weekday. Weekday plans begin on the first chosen weekday
  on or after the start date. Fields a frequency does not use are ignored.
- Dates are local calendar dates: the plan knows nothing of time zones or clocks; a
  check-in is the same local time on every date (the calendar file keeps it there).
- A reminder must come after the previous check-in has ended; otherwise it would sound
  before a check-in that has not happened yet.
- The monthly look back falls on the last day of each month that has the first check-in's
  weekday, at the same time and for the same length, from the first check-in's month to the
  last one's (never before the first check-in).
"""

from __future__ import annotations

import calendar
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from itertools import pairwise
from typing import TypeVar

from rekindle.shared.errors import ReaderError
from rekindle.tools.checkin.model.fields import (
    WEEKDAYS,
    FieldError,
    parse_count,
    parse_description,
    parse_duration,
    parse_lookback,
    parse_reminder,
    parse_start,
    parse_time,
    parse_title,
    parse_weekday,
)

FIELDS = (
    "frequency",
    "day",
    "second_day",
    "time",
    "duration",
    "start",
    "count",
    "reminder",
    "title",
    "description",
    "lookback",
)
EVERY_N_DAYS = 3
MINUTES_PER_DAY = 24 * 60
_T = TypeVar("_T")


@dataclass(frozen=True)
class Frequency:
    """How often: `days` weekdays to choose, every `weeks` weeks (0: every 3 days instead)."""

    key: str
    days: int
    weeks: int


FREQUENCIES = {
    f.key: f
    for f in (
        Frequency("every-3-days", 0, 0),
        Frequency("twice-weekly", 2, 1),
        Frequency("weekly", 1, 1),
        Frequency("fortnightly", 1, 2),
    )
}


class PlanErrors(ReaderError):
    """Every field problem found at once; the first one is this error's own message."""

    reason = "invalid-plan"

    def __init__(self, problems: list[FieldError]) -> None:
        super().__init__(problems[0].message, field=problems[0].field)
        self.problems = tuple(problems)

    def by_field(self) -> dict[str, str]:
        """Field name -> message, in the form's order (one message per field)."""
        return {p.field: p.message for p in self.problems if p.field is not None}


@dataclass(frozen=True)
class Plan:
    """A usable plan. `weekdays` are 0 (Monday) to 6, sorted; empty for every 3 days."""

    frequency: str
    weekdays: tuple[int, ...]
    at: time
    duration: int
    start: date
    count: int
    reminder: int | None
    title: str
    description: str
    lookback: bool

    @property
    def dates(self) -> tuple[date, ...]:
        """Every check-in's local date, in order."""
        if not self.weekdays:
            return tuple(self.start + timedelta(days=EVERY_N_DAYS * n) for n in range(self.count))
        weeks = FREQUENCIES[self.frequency].weeks
        ahead = min((d - self.start.weekday()) % 7 for d in self.weekdays)
        first = self.start + timedelta(days=ahead)
        monday = first - timedelta(days=first.weekday())
        found: list[date] = []
        for week in range(self.count + 1):
            for weekday in self.weekdays:
                day = monday + timedelta(days=7 * weeks * week + weekday)
                if day >= first and len(found) < self.count:
                    found.append(day)
        return tuple(found)

    @property
    def lookback_dates(self) -> tuple[date, ...]:
        """The monthly look backs' local dates (empty when not chosen)."""
        if not self.lookback:
            return ()
        first, last = self.dates[0], self.dates[-1]
        found = []
        year, month = first.year, first.month
        while (year, month) <= (last.year, last.month):
            day = last_weekday_of_month(year, month, first.weekday())
            if day >= first:
                found.append(day)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return tuple(found)

    def starts(self, days: tuple[date, ...]) -> tuple[datetime, ...]:
        """Naive local start times on the given dates."""
        return tuple(datetime.combine(day, self.at) for day in days)

    @property
    def shortest_gap_minutes(self) -> int | None:
        """Least time from one check-in's start to the next; None for a single check-in."""
        dates = self.dates
        gaps = [(b - a).days for a, b in pairwise(dates)]
        return min(gaps) * MINUTES_PER_DAY if gaps else None

    def canonical(self) -> dict[str, object]:
        """Everything that makes this plan, as plain JSON values (the basis of its UID)."""
        return {
            "frequency": self.frequency,
            "weekdays": [WEEKDAYS[d] for d in self.weekdays],
            "time": self.at.strftime("%H:%M"),
            "duration": self.duration,
            "start": self.start.isoformat(),
            "count": self.count,
            "reminder": self.reminder,
            "title": self.title,
            "description": self.description,
            "lookback": self.lookback,
        }


def last_weekday_of_month(year: int, month: int, weekday: int) -> date:
    """The last date in the month falling on weekday (0 = Monday)."""
    last = date(year, month, calendar.monthrange(year, month)[1])
    return last - timedelta(days=(last.weekday() - weekday) % 7)


def parse_frequency(raw: object) -> Frequency:
    key = raw.strip().lower() if isinstance(raw, str) else ""
    if key not in FREQUENCIES:
        raise FieldError(
            "frequency", "Choose how often: every 3 days, twice a week, weekly or every two weeks."
        )
    return FREQUENCIES[key]


def parse_weekdays(frequency: Frequency, fields: Mapping[str, object]) -> tuple[int, ...]:
    """The chosen weekday(s), as many as the frequency needs, sorted Monday first."""
    if frequency.days == 0:
        return ()
    first = parse_weekday(fields.get("day"), "day")
    if first is None:
        raise FieldError("day", "Choose the day of the week.")
    if frequency.days == 1:
        return (first,)
    second = parse_weekday(fields.get("second_day"), "second_day")
    if second is None:
        raise FieldError("second_day", "Choose the second day of the week.")
    if second == first:
        raise FieldError("second_day", "Choose two different days.")
    return tuple(sorted((first, second)))


def parse_plan(fields: Mapping[str, object], today: date) -> Plan:
    """A usable plan from the page's fields, or PlanErrors listing every problem."""
    problems: list[FieldError] = []

    def attempt(fallback: _T, parse: Callable[..., _T], *args: object) -> _T:
        try:
            return parse(*args)
        except FieldError as problem:
            problems.append(problem)
            return fallback

    frequency = attempt(None, parse_frequency, fields.get("frequency"))
    no_days: tuple[int, ...] = ()
    weekdays = attempt(no_days, parse_weekdays, frequency, fields) if frequency else no_days
    plan = Plan(
        frequency=frequency.key if frequency else "",
        weekdays=weekdays,
        at=attempt(time(0), parse_time, fields.get("time")),
        duration=attempt(0, parse_duration, fields.get("duration")),
        start=attempt(today, parse_start, fields.get("start"), today),
        count=attempt(0, parse_count, fields.get("count")),
        reminder=attempt(None, parse_reminder, fields.get("reminder")),
        title=attempt("", parse_title, fields.get("title")),
        description=attempt("", parse_description, fields.get("description")),
        lookback=attempt(False, parse_lookback, fields.get("lookback")),
    )
    if problems:
        raise PlanErrors(sorted(problems, key=lambda p: FIELDS.index(p.field or "frequency")))
    _check_reminder_fits(plan)
    return plan


def _check_reminder_fits(plan: Plan) -> None:
    gap = plan.shortest_gap_minutes
    if plan.reminder is not None and gap is not None and plan.reminder + plan.duration > gap:
        problem = FieldError(
            "reminder",
            "This reminder would go off before the check-in before it has ended. "
            "Choose a shorter one.",
        )
        raise PlanErrors([problem])
