"""The planner's engine ops, as the page calls them: JSON in, JSON out."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest

from rekindle.shared.errors import ReaderError
from rekindle.tools.checkin.model.zone import ZoneInputError
from rekindle.tools.checkin.ops import OPS, SAVE_VERSION
from tests.pure.checkin_support import AT, fixed_input, form, zone_input


def call(op: str, **args: Any) -> dict[str, Any]:
    return OPS[op](args)


def preview(**changes: str) -> dict[str, Any]:
    return call("preview", fields=form(**changes), zone=zone_input("Europe/Berlin"), at=AT)


def test_the_ops_the_page_can_call() -> None:
    assert set(OPS) == {"preview", "calendar", "save", "restore"}


def test_a_weekly_plan_previews_its_next_five_dates_in_words() -> None:
    seen = preview(reminder="10")
    assert seen["errors"] == {}
    assert seen["title"] == "Check-in"
    assert seen["next"] == [
        "Tuesday 1 December 2026 at 19:30",
        "Tuesday 8 December 2026 at 19:30",
        "Tuesday 15 December 2026 at 19:30",
        "Tuesday 22 December 2026 at 19:30",
        "Tuesday 29 December 2026 at 19:30",
    ]
    assert seen["more"] == 7
    assert seen["summary"].startswith("Every Tuesday at 19:30 for 30 minutes, 12 times")
    assert seen["reminder"] == "A reminder 10 minutes before each one."
    assert seen["lookback"] is None
    assert seen["zone_fixed"] is False
    assert "Europe/Berlin" in seen["zone_note"]
    assert seen["clock_notes"] == []
    assert "sync" in seen["sync_note"]


def test_fewer_than_five_check_ins_show_them_all() -> None:
    seen = preview(count="2")
    assert len(seen["next"]) == 2
    assert seen["more"] == 0


def test_the_dates_as_text_hold_every_date_and_the_look_back() -> None:
    text = preview(lookback="on", title="Our talk")["text"]
    lines = text.split("\n")
    assert lines[0] == "Our talk"
    assert "Tuesday 16 February 2027 at 19:30" in lines
    assert lines[-4:] == [
        "Monthly look back",
        "Tuesday 29 December 2026 at 19:30",
        "Tuesday 26 January 2027 at 19:30",
        "Tuesday 23 February 2027 at 19:30",
    ]


def test_field_problems_come_back_next_to_their_fields_not_raised() -> None:
    seen = preview(time="25:00", count="0")
    assert seen == {
        "errors": {
            "time": "Hours go from 0 to 23, so the latest time is 23:59.",
            "count": "Choose from 1 to 52 check-ins.",
        }
    }
    made = call("calendar", fields=form(count="0"), zone=zone_input("Europe/Berlin"), at=AT)
    assert made == {"errors": {"count": "Choose from 1 to 52 check-ins."}}


def test_today_is_the_readers_own_date() -> None:
    late = int(datetime(2026, 12, 1, 23, 30, tzinfo=UTC).timestamp() * 1000)
    fields = form(start="2026-12-01")
    in_new_york = call("preview", fields=fields, zone=zone_input("America/New_York"), at=late)
    in_sydney = call("preview", fields=fields, zone=zone_input("Australia/Sydney"), at=late)
    assert in_new_york["errors"] == {}  # still 1 December there
    assert "already passed" in in_sydney["errors"]["start"]  # already 2 December


@pytest.mark.parametrize("name", ["", None, "Etc/Unknown"])
def test_an_unknown_zone_falls_back_to_a_fixed_offset_and_says_so(name: object) -> None:
    zone = fixed_input(60, name)
    seen = call("preview", fields=form(), zone=zone, at=AT)
    assert seen["zone_fixed"] is True
    assert seen["zone_note"].startswith(
        "Times are set for UTC+01:00; your browser did not say which time zone you are in."
    )
    assert seen["zone_note"] in seen["text"]
    made = call("calendar", fields=form(), zone=zone, at=AT)
    assert "DTSTART;TZID=Etc/GMT-1:20261201T193000" in made["text"]


def test_a_browser_that_says_utc_is_told_so() -> None:
    seen = call("preview", fields=form(), zone=zone_input("UTC"), at=AT)
    assert seen["zone_fixed"] is False
    assert seen["zone_note"].startswith("Your browser gives UTC as your time zone")


def test_a_time_the_clocks_skip_is_pointed_out() -> None:
    fields = form(frequency="every-3-days", start="2027-03-02", count="5", time="2:30")
    seen = call("preview", fields=fields, zone=zone_input("America/New_York"), at=AT)
    assert seen["clock_notes"] == [
        "On Sunday 14 March 2027 the clocks go forward past 02:30, "
        "so that check-in will show at 03:30 in most calendars."
    ]


def test_the_calendar_op_gives_a_neutral_file_name_and_the_file() -> None:
    made = call("calendar", fields=form(), zone=zone_input("Europe/Berlin"), at=AT)
    assert made["errors"] == {}
    assert made["filename"] == "check-ins.ics"
    assert made["media_type"] == "text/calendar"
    assert made["text"].startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")


@pytest.mark.parametrize(
    "args",
    [{"fields": form(), "zone": zone_input("Europe/Berlin")},
     {"fields": form(), "zone": zone_input("Europe/Berlin"), "at": "now"},
     {"fields": form(), "zone": zone_input("Europe/Berlin"), "at": float("nan")},
     {"fields": "weekly", "zone": zone_input("Europe/Berlin"), "at": AT},
     {"fields": form(), "at": AT}],
)  # fmt: skip
def test_a_request_the_page_should_never_send_is_a_bug_not_the_readers_problem(
    args: dict[str, Any],
) -> None:
    for op in ("preview", "calendar"):
        with pytest.raises(ValueError) as caught:
            OPS[op](args)
        assert not isinstance(caught.value, ReaderError)


def test_zone_errors_are_value_errors() -> None:
    assert issubclass(ZoneInputError, ValueError)


def test_saving_keeps_the_form_as_typed_even_where_it_needs_a_look() -> None:
    fields = {**form(title="x" * 5000, time="seven"), "lookback": True, "extra": "dropped"}
    saved = call("save", fields=fields)["saved"]
    assert saved["format"] == "rekindle-checkin"
    assert saved["version"] == SAVE_VERSION
    assert saved["fields"]["title"] == "x" * 5000
    assert saved["fields"]["time"] == "seven"
    assert saved["fields"]["lookback"] == "on"
    assert "extra" not in saved["fields"]
    assert call("restore", saved=saved)["fields"] == saved["fields"]
    assert call("restore", saved=json.dumps(saved))["fields"] == saved["fields"]


def test_a_restored_plan_previews_again() -> None:
    saved = call("save", fields=form(reminder="30", lookback="on"))["saved"]
    fields = call("restore", saved=json.loads(json.dumps(saved)))["fields"]
    seen = call("preview", fields=fields, zone=zone_input("Europe/Berlin"), at=AT)
    assert seen["errors"] == {}
    assert seen["lookback"] is not None


def saved_with(**changes: Any) -> dict[str, Any]:
    saved: dict[str, Any] = call("save", fields=form())["saved"]
    return {**saved, **changes}


@pytest.mark.parametrize(
    "saved",
    [None, "", "{not json", "[]", "x" * 300_000, 42, [], {"format": "rekindle-assessment"},
     saved_with(version="1"), saved_with(version=True), saved_with(version=0),
     saved_with(fields=None), saved_with(fields={"title": 5}),
     saved_with(fields={"title": "x" * 10_001})],
)  # fmt: skip
def test_unreadable_saved_plans_are_set_aside_as_corrupt(saved: object) -> None:
    with pytest.raises(ReaderError) as caught:
        call("restore", saved=saved)
    assert caught.value.reason == "corrupt"
    assert "could not be read" in caught.value.message


def test_a_plan_saved_by_a_newer_version_asks_for_a_reload() -> None:
    with pytest.raises(ReaderError) as caught:
        call("restore", saved=saved_with(version=SAVE_VERSION + 1))
    assert caught.value.reason == "future-version"
    assert "Reload the page" in caught.value.message


def test_unknown_saved_fields_are_ignored() -> None:
    saved = saved_with(fields={"title": "Ours", "colour": "red"})
    assert call("restore", saved=saved)["fields"] == {"title": "Ours"}
