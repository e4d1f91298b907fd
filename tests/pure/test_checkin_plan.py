"""The planner's dates and its words: what the reader checks before adding a file."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.tools.checkin.model.plan import Plan, last_weekday_of_month, parse_plan
from rekindle.tools.checkin.model.words import (
    date_words,
    length_words,
    lookback_words,
    reminder_words,
    summary,
    when_words,
)
from tests.pure.checkin_support import form

TODAY = date(2026, 12, 1)  # a Tuesday
DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


def plan(**changes: str) -> Plan:
    return parse_plan(form(**changes), TODAY)


def iso(days: tuple[date, ...]) -> list[str]:
    return [d.isoformat() for d in days]


def test_weekly_starts_on_the_first_chosen_day_on_or_after_the_start() -> None:
    weekly = plan(start="2026-12-02", count="3")  # a Wednesday; the day is Tuesday
    assert iso(weekly.dates) == ["2026-12-08", "2026-12-15", "2026-12-22"]


def test_every_two_weeks_skips_a_week() -> None:
    every_other = plan(frequency="fortnightly", day="thursday", count="3")
    assert iso(every_other.dates) == ["2026-12-03", "2026-12-17", "2026-12-31"]


def test_every_three_days_counts_from_the_start_date() -> None:
    every_three = plan(frequency="every-3-days", start="2026-12-30", count="4")
    assert iso(every_three.dates) == ["2026-12-30", "2027-01-02", "2027-01-05", "2027-01-08"]


def test_twice_a_week_alternates_between_the_two_days() -> None:
    twice = plan(frequency="twice-weekly", day="fri", second_day="tue", start="2026-12-02")
    assert iso(twice.dates[:4]) == ["2026-12-04", "2026-12-08", "2026-12-11", "2026-12-15"]


def test_twice_a_week_across_the_weekend() -> None:
    twice = plan(frequency="twice-weekly", day="sun", second_day="mon", start="2026-12-05")
    assert iso(twice.dates[:4]) == ["2026-12-06", "2026-12-07", "2026-12-13", "2026-12-14"]


@given(
    frequency=st.sampled_from(["weekly", "fortnightly", "twice-weekly", "every-3-days"]),
    days=st.lists(st.sampled_from(DAYS), min_size=2, max_size=2, unique=True),
    ahead=st.integers(0, 365),
    count=st.integers(1, 52),
)
def test_dates_are_the_planned_number_on_the_chosen_days(
    frequency: str, days: list[str], ahead: int, count: int
) -> None:
    start = TODAY + timedelta(days=ahead)
    chosen = plan(frequency=frequency, day=days[0], second_day=days[1], start=start.isoformat(),
                  count=str(count))  # fmt: skip
    dates = chosen.dates
    assert len(dates) == count
    assert all(a < b for a, b in pairwise(dates))
    assert start <= dates[0] < start + timedelta(days=7)
    if frequency != "every-3-days":
        wanted = {DAYS.index(d) for d in days[: 2 if frequency == "twice-weekly" else 1]}
        assert {d.weekday() for d in dates} <= wanted
    if count > 2 and frequency in ("weekly", "fortnightly"):
        assert {(b - a).days for a, b in pairwise(dates)} == {7 if frequency == "weekly" else 14}


@pytest.mark.parametrize(
    ("year", "month", "weekday", "last"),
    [(2026, 12, 1, "2026-12-29"), (2027, 2, 6, "2027-02-28"), (2027, 2, 0, "2027-02-22"),
     (2028, 2, 1, "2028-02-29"), (2027, 1, 4, "2027-01-29")],
)  # fmt: skip
def test_last_weekday_of_month(year: int, month: int, weekday: int, last: str) -> None:
    assert last_weekday_of_month(year, month, weekday).isoformat() == last


def test_the_look_back_is_the_last_check_in_weekday_of_each_month_of_the_plan() -> None:
    weekly = plan(lookback="on")  # 1 December 2026 to 16 February 2027, Tuesdays
    assert iso(weekly.lookback_dates) == ["2026-12-29", "2027-01-26", "2027-02-23"]


def test_no_look_back_before_the_first_check_in() -> None:
    late = plan(frequency="every-3-days", start="2026-12-30", count="2", lookback="on")
    # 30 December is a Wednesday; December's last Wednesday is that very day.
    assert iso(late.lookback_dates) == ["2026-12-30", "2027-01-27"]


def test_no_look_back_unless_chosen() -> None:
    assert plan().lookback_dates == ()


def test_dates_in_words() -> None:
    weekly = plan()
    assert date_words(date(2026, 12, 8)) == "Tuesday 8 December 2026"
    assert when_words(weekly.starts(weekly.dates)[1]) == "Tuesday 8 December 2026 at 19:30"


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({}, "Every Tuesday at 19:30 for 30 minutes, 12 times: "
             "from Tuesday 1 December 2026 to Tuesday 16 February 2027."),
        ({"frequency": "fortnightly", "count": "2", "duration": "60"},
         "Every two weeks on Tuesday at 19:30 for 1 hour, 2 times: "
         "from Tuesday 1 December 2026 to Tuesday 15 December 2026."),
        ({"frequency": "twice-weekly", "second_day": "friday", "count": "3", "time": "7:05"},
         "Every Tuesday and Friday at 07:05 for 30 minutes, 3 times: "
         "from Tuesday 1 December 2026 to Tuesday 8 December 2026."),
        ({"frequency": "every-3-days", "count": "2", "duration": "15"},
         "Every 3 days at 19:30 for 15 minutes, 2 times: "
         "from Tuesday 1 December 2026 to Friday 4 December 2026."),
        ({"count": "1"}, "Once, on Tuesday 1 December 2026 at 19:30, for 30 minutes."),
    ],
)  # fmt: skip
def test_the_plan_in_one_sentence(changes: dict[str, str], words: str) -> None:
    assert summary(plan(**changes)) == words


@pytest.mark.parametrize(
    ("reminder", "words"),
    [("none", "No reminder."), ("start", "A reminder as each one starts."),
     ("10", "A reminder 10 minutes before each one."), ("60", "A reminder 1 hour before each one."),
     ("1", "A reminder 1 minute before each one.")],
)  # fmt: skip
def test_the_reminder_in_words(reminder: str, words: str) -> None:
    assert reminder_words(plan(reminder=reminder)) == words


def test_lengths_in_words() -> None:
    assert length_words(90) == "1 hour 30 minutes"
    assert length_words(1440 + 120) == "1 day 2 hours"


def test_the_look_back_in_words() -> None:
    assert lookback_words(plan()) is None
    words = lookback_words(plan(lookback="on"))
    assert words is not None
    assert words.startswith(
        "Monthly look back: the last Tuesday of each month at 19:30, 3 times, "
        "from Tuesday 29 December 2026."
    )
    once = lookback_words(plan(lookback="on", count="1"))
    assert once is not None
    assert once.startswith("Monthly look back: once, on Tuesday 29 December 2026 at 19:30.")
