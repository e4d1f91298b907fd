"""The pause plan and its day count.

Rules:

1. A plan is a start date, a length in days (or open-ended) and whether the pause is about
   safety. Day 1 is the start date; the last day of an N-day pause is start + N - 1.
2. The start may be today or earlier (a pause already under way), at most ten years back;
   never later than today. An empty start means today, and the plan says so in a note.
3. The length is a whole number from 1 to 365. Shorter than the suggested 30 is allowed
   with a gentle note; longer than a year is what open-ended is for. An empty length means
   30, or open-ended when the pause is about safety.
4. The count compares calendar dates only. If today is before the start (the device's
   clock went back), the pause "begins in N days": no day 0, no negative days. Logging a
   contact never touches the plan: nothing here resets.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from rekindle.shared.errors import ReaderError
from rekindle.tools.pause.model.dates import count_days, long_date, parse_iso, parse_typed_date

SUGGESTED_LENGTH = 30
MAX_LENGTH = 365
MAX_START_AGE_DAYS = 3653  # ten years, leap days included

SITUATIONS = {"ended": "I ended it", "left": "I was left"}

BEFORE = "before"  # today is earlier than the start (a clock set back)
UNDER_WAY = "under-way"
COMPLETE = "complete"  # a fixed-length pause whose last day has passed


@dataclass(frozen=True)
class PausePlan:
    start: date
    length: int | None  # None: open-ended
    safety: bool  # the pause is about staying safe, not a pause before trying again
    situation: str | None  # a key of SITUATIONS, or None when the reader did not say

    @property
    def last_day(self) -> date | None:
        if self.length is None:
            return None
        return self.start + timedelta(days=self.length - 1)


@dataclass(frozen=True)
class Note:
    """A gentle remark beside a field: not an error, the plan was made."""

    field: str
    text: str


@dataclass(frozen=True)
class PlanChoice:
    plan: PausePlan
    notes: tuple[Note, ...]


@dataclass(frozen=True)
class PauseDay:
    """Where today falls in the plan."""

    status: str  # BEFORE, UNDER_WAY or COMPLETE
    day: int | None  # 1 on the start date; None before the start
    days_until_start: int  # 0 unless BEFORE
    days_left: int | None  # after today, for a fixed length under way; else None


def make_plan(
    today: date,
    *,
    start: object,
    length: object,
    open_ended: bool,
    safety: bool,
    situation: object,
) -> PlanChoice:
    """Check the plan form as typed; raise ReaderError naming the field to fix."""
    notes: list[Note] = []
    start_date = parse_typed_date(start, field="start")
    if start_date is None:
        start_date = today
        notes.append(
            Note(
                "start", f"No start date was given, so the pause starts today, {long_date(today)}."
            )
        )
    _check_start(start_date, today)
    days, length_notes = _length(length, open_ended=open_ended, safety=safety)
    notes += length_notes
    plan = PausePlan(start_date, days, bool(safety), parse_situation(situation))
    return PlanChoice(plan, tuple(notes))


def _length(value: object, *, open_ended: bool, safety: bool) -> tuple[int | None, list[Note]]:
    """The length in days (None: open-ended) and what to say about it."""
    if open_ended:
        return None, []
    days = parse_length(value)
    if days is None and safety:
        return None, [Note("length", SAFETY_NOTE)]
    if days is None:
        days = SUGGESTED_LENGTH
        return days, [Note("length", f"No length was given, so the plan uses {days} days.")]
    if days < SUGGESTED_LENGTH and not safety:  # a pause about safety needs no nudge
        return days, [Note("length", SHORT_NOTE)]
    return days, []


SHORT_NOTE = (
    "The guide suggests a month or more, because the first rush of feeling takes a while to "
    "settle. A shorter pause is your choice, and you can make it longer at any time."
)


SAFETY_NOTE = "This pause is about your safety, so it has no set end. It lasts as long as you need."


def _check_start(start: date, today: date) -> None:
    if start > today:
        raise ReaderError(
            f"That date is still to come. A pause starts today or on a day already behind "
            f"you; to start now, pick today, {long_date(today)}.",
            field="start",
            reason="future",
        )
    if (today - start).days > MAX_START_AGE_DAYS:
        raise ReaderError(
            "That start date is more than ten years ago. Please check the year: a pause "
            "here can reach back ten years at most.",
            field="start",
            reason="too-old",
        )


def parse_length(value: object) -> int | None:
    """The length field: a whole number of days from 1 to MAX_LENGTH, or None when empty."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    days = _whole_number(value)
    if days is None:
        raise ReaderError(
            f"Please give the length as a whole number of days, like {SUGGESTED_LENGTH}.",
            field="length",
            reason="not-a-number",
        )
    if days < 1:
        raise ReaderError(
            "A pause lasts at least 1 day. The guide suggests 30.",
            field="length",
            reason="too-short",
        )
    if days > MAX_LENGTH:
        raise ReaderError(
            f"{days:,} days is longer than this counter runs ({MAX_LENGTH} days). For a "
            "pause with no set end, choose open-ended.",
            field="length",
            reason="too-long",
        )
    return days


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value) if value.is_integer() else None
    if isinstance(value, str):
        text = value.strip()
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if digits.isascii() and digits.isdigit() and len(digits) <= 9:
            return sign * int(digits)
    return None


def parse_situation(value: object) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value in SITUATIONS:
        return value
    raise ValueError(f"unknown situation {value!r}")  # the page offers only SITUATIONS


def pause_day(plan: PausePlan, today: date) -> PauseDay:
    """Today's place in the pause; calendar days only, never negative."""
    if today < plan.start:
        return PauseDay(BEFORE, None, (plan.start - today).days, None)
    day = (today - plan.start).days + 1
    if plan.length is not None and day > plan.length:
        return PauseDay(COMPLETE, day, 0, None)
    left = None if plan.length is None else plan.length - day
    return PauseDay(UNDER_WAY, day, 0, left)


def headline(plan: PausePlan, where: PauseDay) -> str:
    """'Day 12 of 30', 'Day 12', or the plain words for before and after."""
    if where.status == BEFORE:
        return f"Your pause begins in {count_days(where.days_until_start)}"
    if where.status == COMPLETE:
        return f"Your {plan.length}-day pause is complete"
    if plan.length is None:
        return f"Day {where.day:,}"
    return f"Day {where.day} of {plan.length}"


def plan_to_json(plan: PausePlan) -> dict[str, Any]:
    return {
        "start": plan.start.isoformat(),
        "length": plan.length,
        "safety": plan.safety,
        "situation": plan.situation,
    }


def plan_from_json(data: object) -> PausePlan:
    """A stored plan; ValueError when it is not one (the caller says "corrupt")."""
    if not isinstance(data, dict):
        raise ValueError("plan is not an object")
    length = data.get("length")
    if length is not None and (
        isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= MAX_LENGTH
    ):
        raise ValueError("plan length out of range")
    safety = data.get("safety", False)
    if not isinstance(safety, bool):
        raise ValueError("plan safety is not true or false")
    return PausePlan(
        parse_iso(data.get("start")), length, safety, parse_situation(data.get("situation"))
    )
