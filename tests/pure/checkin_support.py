"""Helpers for the check-in planner tests: zone input built the way the page builds it.

The page has no time-zone database either: it asks `Intl` for the offset at a moment. So do
these helpers, asking `zoneinfo` only "what is the offset at this moment?", stepping through
the window and narrowing each change down to the minute, as the page's script does.
"""

from __future__ import annotations

from datetime import UTC, datetime
from functools import cache
from typing import Any
from zoneinfo import ZoneInfo

MINUTE_MS = 60_000
DAY_MS = 24 * 60 * MINUTE_MS
STEP_MS = 6 * 60 * MINUTE_MS
WINDOW_DAYS = 4 * 366

# 2026-12-01 10:00 UTC: "now" in every test unless it says otherwise.
AT = int(datetime(2026, 12, 1, 10, 0, tzinfo=UTC).timestamp() * 1000)

WEEKLY = {
    "frequency": "weekly",
    "day": "tuesday",
    "second_day": "",
    "time": "19:30",
    "duration": "30",
    "start": "2026-12-01",
    "count": "12",
    "reminder": "none",
    "title": "",
    "description": "",
    "lookback": "",
}


def offset_at(name: str, ms: int) -> tuple[int, str]:
    """What the page reads from Intl: minutes east of UTC, and the short name."""
    moment = datetime.fromtimestamp(ms / 1000, ZoneInfo(name))
    offset = moment.utcoffset()
    assert offset is not None
    return int(offset.total_seconds() // 60), moment.tzname() or ""


def _first_change(name: str, low: int, high: int) -> int:
    """The first minute in (low, high] whose offset differs from low's."""
    before = offset_at(name, low)
    low_minute, high_minute = low // MINUTE_MS, high // MINUTE_MS
    while high_minute - low_minute > 1:
        middle = (low_minute + high_minute) // 2
        if offset_at(name, middle * MINUTE_MS) == before:
            low_minute = middle
        else:
            high_minute = middle
    return high_minute * MINUTE_MS


@cache
def zone_input(name: str, at: int = AT) -> dict[str, Any]:
    """{"name", "offset_minutes", "abbr", "transitions", "until"} for a named zone (shared
    between tests: do not change it)."""
    start, until = at - 2 * DAY_MS, at + WINDOW_DAYS * DAY_MS
    offset, abbr = offset_at(name, start)
    transitions = []
    moment = start
    while moment < until:
        step_end = min(moment + STEP_MS, until)
        if offset_at(name, step_end) != offset_at(name, moment):
            change = _first_change(name, moment, step_end)
            new_offset, new_abbr = offset_at(name, change)
            transitions.append({"at": change, "offset_minutes": new_offset, "abbr": new_abbr})
        moment = step_end
    return {
        "name": name,
        "offset_minutes": offset,
        "abbr": abbr,
        "transitions": transitions,
        "until": until,
    }


def fixed_input(offset: int, name: object = "") -> dict[str, Any]:
    """What the page sends when the browser names no zone: today's offset only."""
    return {"name": name, "offset_minutes": offset}


def form(**changes: str) -> dict[str, str]:
    """The weekly plan's form with some fields changed."""
    return {**WEEKLY, **changes}
