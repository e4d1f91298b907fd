"""The planner's form: every bad input gets a plain message next to its own field."""

from __future__ import annotations

from datetime import date, time

import pytest

from rekindle.shared.errors import ReaderError
from rekindle.tools.checkin.model.plan import PlanErrors, parse_plan
from tests.pure.checkin_support import form

TODAY = date(2026, 12, 1)

# (changes to a good weekly form, the field to blame, words the message must contain)
BAD_INPUT = [
    ({"start": "2027-02-30"}, "start", "February 2027 has 28 days."),
    ({"start": "2028-02-30"}, "start", "February 2028 has 29 days."),
    ({"start": "2027-04-31"}, "start", "April 2027 has 30 days."),
    ({"start": "2027-13-01"}, "start", "Months go from 1 to 12."),
    ({"start": "1/12/2026"}, "start", "year-month-day, like 2026-12-08"),
    ({"start": ""}, "start", "Choose the date of the first check-in."),
    ({"start": "2026-11-30"}, "start", "already passed"),
    ({"start": "2016-12-01"}, "start", "already passed"),
    ({"start": "2036-12-01"}, "start", "within the next year (by 1 December 2027)"),
    ({"time": "25:00"}, "time", "Hours go from 0 to 23"),
    ({"time": "7:60"}, "time", "Minutes go from 00 to 59."),
    ({"time": ""}, "time", "Choose a time"),
    ({"time": "seven"}, "time", "Write the time as hours and minutes, like 19:30."),
    ({"time": "13:30 pm"}, "time", "With am or pm, hours go from 1 to 12."),
    ({"time": "19:30:15"}, "time", "whole minutes"),
    ({"count": "0"}, "count", "Choose from 1 to 52 check-ins."),
    ({"count": "-1"}, "count", "Choose from 1 to 52 check-ins."),
    ({"count": "1000"}, "count", "Choose from 1 to 52 check-ins."),
    ({"count": "1,000"}, "count", "as a whole number"),
    ({"count": "12.5"}, "count", "as a whole number"),
    ({"count": ""}, "count", "Choose how many check-ins"),
    ({"duration": "0"}, "duration", "Choose from 15 to 60 minutes."),
    ({"duration": "600"}, "duration", "Choose from 15 to 60 minutes."),
    ({"duration": "half an hour"}, "duration", "as a whole number"),
    ({"frequency": "daily"}, "frequency", "Choose how often"),
    ({"frequency": ""}, "frequency", "Choose how often"),
    ({"day": ""}, "day", "Choose the day of the week."),
    ({"day": "someday"}, "day", "Choose a day of the week from the list."),
    ({"frequency": "twice-weekly", "second_day": "tue"}, "second_day", "two different days"),
    ({"frequency": "twice-weekly", "second_day": ""}, "second_day", "Choose the second day"),
    ({"frequency": "twice-weekly", "day": ""}, "day", "Choose the day of the week."),
    ({"reminder": "soon"}, "reminder", "Choose a reminder from the list."),
    ({"reminder": "20000"}, "reminder", "at most a week"),
    ({"title": "x" * 5000}, "title", "100 characters or fewer; it has 5,000."),
    ({"title": "a\ud800b"}, "title", "could not be read"),
    ({"description": "y" * 1001}, "description", "1,000 characters or fewer; they have 1,001."),
    ({"lookback": "maybe"}, "lookback", "monthly look back"),
]
# Reminders that would sound before the check-in before them has ended.
TOO_EARLY = [
    {"frequency": "twice-weekly", "day": "mon", "second_day": "tue", "reminder": "1440"},
    {"frequency": "every-3-days", "reminder": str(3 * 1440 - 29)},
    {"frequency": "weekly", "reminder": "10080"},
]


def problems(changes: dict[str, str]) -> dict[str, str]:
    with pytest.raises(PlanErrors) as caught:
        parse_plan(form(**changes), TODAY)
    return caught.value.by_field()


def test_enough_bad_inputs_are_covered() -> None:
    assert len(BAD_INPUT) + len(TOO_EARLY) >= 25


@pytest.mark.parametrize(("changes", "field", "words"), BAD_INPUT)
def test_each_bad_input_gets_a_message_next_to_its_field(
    changes: dict[str, str], field: str, words: str
) -> None:
    found = problems(changes)
    assert list(found) == [field]
    assert words in found[field]


@pytest.mark.parametrize(("changes", "field", "words"), BAD_INPUT)
def test_messages_never_repeat_what_was_typed(
    changes: dict[str, str], field: str, words: str
) -> None:
    typed = changes.get(field, "")
    if len(typed) > 4:
        assert typed not in problems(changes)[field]


@pytest.mark.parametrize("changes", TOO_EARLY)
def test_a_reminder_longer_than_the_gap_between_check_ins_is_refused(
    changes: dict[str, str],
) -> None:
    assert "before the check-in before it has ended" in problems(changes)["reminder"]


def test_the_longest_reminder_that_fits_is_accepted() -> None:
    plan = parse_plan(form(frequency="every-3-days", reminder=str(3 * 1440 - 30)), TODAY)
    assert plan.reminder == 3 * 1440 - 30


def test_a_single_check_in_has_no_gap_to_overrun() -> None:
    assert parse_plan(form(count="1", reminder="10080"), TODAY).reminder == 10080


def test_every_problem_is_reported_at_once_in_the_forms_order() -> None:
    found = problems({"count": "0", "time": "25:00", "start": "2027-02-30", "day": ""})
    assert list(found) == ["day", "time", "start", "count"]


def test_plan_errors_are_reader_errors_naming_the_first_field() -> None:
    with pytest.raises(ReaderError) as caught:
        parse_plan(form(time="", count="0"), TODAY)
    assert caught.value.field == "time"
    assert caught.value.message == "Choose a time for the check-ins, like 19:30."


def test_a_good_form_gives_the_plan_it_describes() -> None:
    plan = parse_plan(form(reminder="10", lookback="on", title="  Our talk "), TODAY)
    assert plan.frequency == "weekly"
    assert plan.weekdays == (1,)
    assert plan.at == time(19, 30)
    assert (plan.duration, plan.count, plan.reminder) == (30, 12, 10)
    assert plan.start == TODAY
    assert (plan.title, plan.description, plan.lookback) == ("Our talk", "", True)


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("19:30", time(19, 30)), ("7:05", time(7, 5)), ("07.45", time(7, 45)),
     ("7:30 pm", time(19, 30)), ("12am", time(0, 0)), ("12:15 PM", time(12, 15)),
     ("19:30:00", time(19, 30)), ("0:00", time(0, 0)), ("23:59", time(23, 59))],
)  # fmt: skip
def test_times_are_read_the_ways_people_write_them(typed: str, meant: time) -> None:
    assert parse_plan(form(time=typed), TODAY).at == meant


@pytest.mark.parametrize(
    ("start", "ok"),
    [("2026-12-01", True), ("2027-12-01", True), ("2027-12-02", False), ("2026-11-30", False)],
)
def test_the_start_date_runs_from_today_to_a_year_ahead(start: str, ok: bool) -> None:
    if ok:
        assert parse_plan(form(start=start), TODAY).start.isoformat() == start
    else:
        assert "start" in problems({"start": start})


@pytest.mark.parametrize("day", ["Tuesday", "tue", "TU", " tuesday "])
def test_weekdays_may_be_named_in_full_or_short(day: str) -> None:
    assert parse_plan(form(day=day), TODAY).weekdays == (1,)


def test_fields_a_frequency_does_not_use_are_ignored() -> None:
    plan = parse_plan(form(frequency="every-3-days", day="nonsense", second_day="??"), TODAY)
    assert plan.weekdays == ()


def test_twice_a_week_keeps_both_days_monday_first() -> None:
    plan = parse_plan(form(frequency="twice-weekly", day="friday", second_day="tuesday"), TODAY)
    assert plan.weekdays == (1, 4)


@pytest.mark.parametrize(
    ("typed", "minutes"), [("none", None), ("", None), ("start", 0), ("10", 10), ("60", 60)]
)
def test_reminder_choices(typed: str, minutes: int | None) -> None:
    assert parse_plan(form(reminder=typed), TODAY).reminder == minutes


@pytest.mark.parametrize("blank", ["", "   ", "\n\t", "\u200b", None])
def test_a_blank_title_is_the_neutral_default(blank: str | None) -> None:
    assert parse_plan({**form(), "title": blank}, TODAY).title == "Check-in"


def test_a_title_is_one_line_with_its_words_kept() -> None:
    plan = parse_plan(form(title="Talk\r\nabout\n\nus\tlater\x07"), TODAY)
    assert plan.title == "Talk about us later"


@pytest.mark.parametrize(
    "title",
    ["Us; time, a \\ b", "Check-in 💬❤️‍🔥", "موعد الحديث", "שיחה שלנו", "Zoë & Chloé <b>"],
)
def test_punctuation_emoji_and_right_to_left_titles_are_kept_as_typed(title: str) -> None:
    assert parse_plan(form(title=title), TODAY).title == title


def test_notes_keep_their_lines() -> None:
    plan = parse_plan(form(description="First line\r\nSecond; line,\rthird  \n"), TODAY)
    assert plan.description == "First line\nSecond; line,\nthird"


def test_a_title_of_exactly_100_characters_is_fine() -> None:
    assert len(parse_plan(form(title="é" * 100), TODAY).title) == 100


@pytest.mark.parametrize(("typed", "chosen"), [("on", True), ("", False), (True, True)])
def test_the_look_back_box(typed: str | bool, chosen: bool) -> None:
    assert parse_plan({**form(), "lookback": typed}, TODAY).lookback is chosen


def test_numbers_sent_as_numbers_are_read() -> None:
    plan = parse_plan({**form(), "count": 3, "duration": 45}, TODAY)
    assert (plan.count, plan.duration) == (3, 45)


def test_values_no_form_sends_are_refused_plainly() -> None:
    found = problems({"count": ["12"], "title": 42})  # type: ignore[dict-item]
    assert found == {
        "count": "This could not be read. Please choose or type it again.",
        "title": "This could not be read. Please type it again.",
    }
