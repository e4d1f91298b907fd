"""The pause plan: what the reader may type, and how the days are counted."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from rekindle.shared.errors import ReaderError
from rekindle.tools.pause.model.plan import (
    BEFORE,
    COMPLETE,
    UNDER_WAY,
    PausePlan,
    headline,
    make_plan,
    pause_day,
)

TODAY = date(2026, 3, 12)


def plan(start: object = "2026-03-01", length: object = 30, **more: object) -> PausePlan:
    options: dict[str, object] = {"open_ended": False, "safety": False, "situation": None}
    options.update(more)
    return make_plan(TODAY, start=start, length=length, **options).plan  # type: ignore[arg-type]


def refused(**fields: object) -> ReaderError:
    with pytest.raises(ReaderError) as caught:
        plan(**fields)
    return caught.value


def test_a_plan_started_eleven_days_ago_is_on_day_12_of_30() -> None:
    made = plan()
    where = pause_day(made, TODAY)
    assert (where.status, where.day, where.days_left) == (UNDER_WAY, 12, 18)
    assert headline(made, where) == "Day 12 of 30"
    assert made.last_day == date(2026, 3, 30)


def test_the_start_day_is_day_1_and_the_last_day_is_day_30() -> None:
    made = plan()
    assert pause_day(made, date(2026, 3, 1)).day == 1
    last = pause_day(made, date(2026, 3, 30))
    assert (last.day, last.days_left, last.status) == (30, 0, UNDER_WAY)
    after = pause_day(made, date(2026, 3, 31))
    assert (after.status, after.day) == (COMPLETE, 31)
    assert headline(made, after) == "Your 30-day pause is complete"


@pytest.mark.parametrize(
    ("start", "today", "day"),
    [
        ("2026-01-31", "2026-03-01", 30),  # through a 28-day February
        ("2028-01-31", "2028-03-01", 31),  # through a 29-day February
        ("2028-02-28", "2028-03-01", 3),  # 28 Feb, 29 Feb, 1 Mar
        ("2024-02-29", "2025-02-28", 366),  # a leap day as the start
        ("2026-12-20", "2027-01-05", 17),  # across the new year
        ("2026-04-30", "2026-05-01", 2),
    ],
)
def test_days_are_counted_across_months_and_leap_days(start: str, today: str, day: int) -> None:
    made = make_plan(
        date.fromisoformat(today),
        start=start,
        length=None,
        open_ended=True,
        safety=False,
        situation=None,
    ).plan
    assert pause_day(made, date.fromisoformat(today)).day == day


def test_a_leap_day_start_ends_where_the_calendar_says() -> None:
    made = make_plan(
        date(2028, 2, 29),
        start="2028-02-28",
        length=3,
        open_ended=False,
        safety=False,
        situation=None,
    ).plan
    assert made.last_day == date(2028, 3, 1)


def test_the_clock_going_backwards_never_gives_a_negative_day() -> None:
    made = plan()
    for back in range(1, 400):
        where = pause_day(made, date(2026, 3, 1) - timedelta(days=back))
        assert where.status == BEFORE
        assert where.day is None
        assert where.days_until_start == back
    assert headline(made, pause_day(made, date(2026, 2, 27))) == "Your pause begins in 2 days"
    assert headline(made, pause_day(made, date(2026, 2, 28))) == "Your pause begins in 1 day"


@pytest.mark.parametrize(
    ("zone", "dst_changes"),
    [
        ("Europe/London", ["2026-03-29", "2026-10-25"]),
        ("America/New_York", ["2026-03-08", "2026-11-01"]),
        ("Australia/Lord_Howe", ["2026-04-05", "2026-10-04"]),  # half-hour shifts
    ],
)
def test_daylight_saving_changes_nothing_days_are_calendar_days(
    zone: str, dst_changes: list[str]
) -> None:
    """Every hour for a year, as the device would see it: the day follows the local date."""
    tz = ZoneInfo(zone)
    start = date(2026, 1, 1)
    made = PausePlan(start, None, False, None)
    instant = datetime(2026, 1, 1, 12, tzinfo=tz).astimezone(UTC)
    seen: list[date] = []
    while instant.year == 2026 and instant.astimezone(tz).date() < date(2026, 12, 31):
        local = instant.astimezone(tz).date()
        if not seen or seen[-1] != local:
            seen.append(local)
        assert pause_day(made, local).day == len(seen)
        instant += timedelta(hours=1)
    assert all(date.fromisoformat(d) in seen for d in dst_changes)  # the short and long days


def test_a_change_of_time_zone_moves_the_count_only_with_the_local_date() -> None:
    """Flying Tokyo to Los Angeles: the local date steps back, the count follows, never < 1."""
    made = PausePlan(date(2026, 5, 1), 30, False, None)
    moment = datetime(2026, 5, 1, 8, tzinfo=ZoneInfo("Asia/Tokyo"))  # day 1 begins in Tokyo
    assert pause_day(made, moment.date()).day == 1
    landed = moment.astimezone(ZoneInfo("America/Los_Angeles"))  # still 30 April there
    where = pause_day(made, landed.date())
    assert (where.status, where.day, where.days_until_start) == (BEFORE, None, 1)
    a_week_on = (moment + timedelta(days=7)).astimezone(ZoneInfo("America/Los_Angeles"))
    assert pause_day(made, a_week_on.date()).day == 7


def test_a_skipped_calendar_day_is_skipped_by_the_count() -> None:
    """Samoa skipped 30 December 2011: the reader's calendar decides what a day is."""
    tz = ZoneInfo("Pacific/Apia")
    made = PausePlan(date(2011, 12, 28), None, False, None)
    before = datetime(2011, 12, 29, 23, 30, tzinfo=tz)
    after = (before.astimezone(UTC) + timedelta(hours=1)).astimezone(tz)
    assert after.date() == date(2011, 12, 31)
    assert pause_day(made, before.date()).day == 2
    assert pause_day(made, after.date()).day == 4


def test_an_earlier_start_is_allowed_for_a_pause_already_under_way() -> None:
    assert plan(start="2025-06-01").start == date(2025, 6, 1)


def test_an_empty_start_means_today_and_says_so() -> None:
    choice = make_plan(TODAY, start="  ", length=30, open_ended=False, safety=False, situation=None)
    assert choice.plan.start == TODAY
    assert [n.field for n in choice.notes] == ["start"]
    assert "starts today, Thursday 12 March 2026" in choice.notes[0].text


@pytest.mark.parametrize(
    ("start", "reason", "words"),
    [
        ("2026-03-13", "future", "still to come"),
        ("2099-01-01", "future", "pick today, Thursday 12 March 2026"),
        ("1946-03-12", "too-old", "more than ten years ago"),
        ("2026-02-30", "no-such-date", "February 2026 has 28 days, so day 30 does not exist"),
        ("2025-02-29", "no-such-date", "February 2025 has 28 days"),
        ("2026-13-01", "no-such-date", "not a date on the calendar"),
        ("12/03/2026", "malformed", "year-month-day"),
        ("yesterday", "malformed", "2026-03-01"),
        (20260301, "malformed", "year-month-day"),
    ],
)
def test_a_start_that_cannot_be_used_says_why(start: object, reason: str, words: str) -> None:
    problem = refused(start=start)
    assert (problem.field, problem.reason) == ("start", reason)
    assert words in problem.message


def test_ten_years_back_is_the_limit() -> None:
    assert plan(start="2016-03-12").start == date(2016, 3, 12)
    assert refused(start="2016-03-10").reason == "too-old"


@pytest.mark.parametrize(
    ("length", "reason", "words"),
    [
        (0, "too-short", "at least 1 day"),
        (-1, "too-short", "at least 1 day"),
        ("-1", "too-short", "at least 1 day"),
        (10_000, "too-long", "10,000 days is longer than this counter runs"),
        ("10000", "too-long", "choose open-ended"),
        ("abc", "not-a-number", "whole number of days, like 30"),
        ("30.5", "not-a-number", "whole number"),
        (30.5, "not-a-number", "whole number"),
        (True, "not-a-number", "whole number"),
        ("٣٠", "not-a-number", "whole number"),  # Arabic-Indic digits: say so, do not guess
    ],
)
def test_a_length_that_cannot_be_used_says_why(length: object, reason: str, words: str) -> None:
    problem = refused(length=length)
    assert (problem.field, problem.reason) == ("length", reason)
    assert words in problem.message


def test_lengths_the_form_may_send_are_read_as_days() -> None:
    assert plan(length="45").length == 45
    assert plan(length=" 30 ").length == 30
    assert plan(length=60.0).length == 60
    assert plan(length=365).length == 365


def test_a_shorter_pause_is_allowed_with_a_gentle_note() -> None:
    choice = make_plan(
        TODAY, start="2026-03-10", length=7, open_ended=False, safety=False, situation=None
    )
    assert choice.plan.length == 7
    assert [n.field for n in choice.notes] == ["length"]
    assert "your choice" in choice.notes[0].text


def test_an_empty_length_is_the_suggested_month() -> None:
    choice = make_plan(TODAY, start=None, length="", open_ended=False, safety=False, situation=None)
    assert choice.plan.length == 30
    assert any("30 days" in n.text for n in choice.notes)


def test_open_ended_has_no_last_day_and_counts_on() -> None:
    made = plan(length="", open_ended=True)
    assert (made.length, made.last_day) == (None, None)
    where = pause_day(made, date(2027, 3, 12))
    assert (where.status, where.day) == (UNDER_WAY, 377)
    assert headline(made, where) == "Day 377"


def test_a_pause_about_safety_is_open_ended_unless_a_length_is_given() -> None:
    choice = make_plan(TODAY, start="", length="", open_ended=False, safety=True, situation=None)
    assert choice.plan.length is None
    assert choice.plan.safety
    assert any("safety" in n.text for n in choice.notes)
    assert plan(length=90, safety=True).length == 90


def test_the_open_ended_box_wins_over_a_typed_length() -> None:
    assert plan(length="abc", open_ended=True).length is None


def test_a_short_pause_about_safety_gets_no_nudge() -> None:
    choice = make_plan(TODAY, start="", length=7, open_ended=False, safety=True, situation=None)
    assert choice.plan.length == 7
    assert [n.field for n in choice.notes] == ["start"]
