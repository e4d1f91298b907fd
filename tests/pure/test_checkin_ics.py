"""The calendar file as bytes: golden files, folding, escaping, UIDs, time-zone blocks.

Golden files: tests/pure/golden/checkin/<case>.json holds what the page sends (fields, zone
as the page builds it, the moment), <case>.ics the file it must give. After a deliberate
change, rewrite them with REKINDLE_UPDATE_GOLDEN=1 and read the diff.
"""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rekindle.tools.checkin.model.ics import calendar_file, escape_text, fold, tzid, uid, unfold
from rekindle.tools.checkin.model.plan import FIELDS, Plan, parse_plan
from rekindle.tools.checkin.model.zone import Zone, ZoneInputError, zone_from_input
from rekindle.tools.checkin.ops import OPS
from tests.pure.checkin_support import AT, fixed_input, form, zone_input

GOLDEN = Path(__file__).parent / "golden" / "checkin"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))
TODAY = date(2026, 12, 1)
ZONES = ("America/New_York", "Europe/Berlin", "Australia/Sydney")


def golden_args(case: str) -> dict[str, Any]:
    args: dict[str, Any] = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    return args


def made(args: dict[str, Any]) -> str:
    answer = OPS["calendar"](args)
    assert answer["errors"] == {}
    text: str = answer["text"]
    return text


def lines_of(text: str) -> list[str]:
    return unfold(text).split("\r\n")[:-1]


def berlin() -> Zone:
    return zone_from_input(zone_input("Europe/Berlin"))


def test_there_are_golden_files() -> None:
    assert len(CASES) >= 5


@pytest.mark.parametrize("case", CASES)
def test_golden_files(case: str) -> None:
    text = made(golden_args(case))
    path = GOLDEN / f"{case}.ics"
    if os.environ.get("REKINDLE_UPDATE_GOLDEN"):
        path.write_bytes(text.encode("utf-8"))
    assert text.encode("utf-8") == path.read_bytes()


@pytest.mark.parametrize("name", ZONES)
def test_the_golden_zones_are_what_the_page_would_send_today(name: str) -> None:
    recorded = [golden_args(c)["zone"] for c in CASES if golden_args(c)["zone"].get("name")]
    assert zone_input(name) in recorded


@pytest.mark.parametrize("case", CASES)
def test_golden_files_are_crlf_lines_of_at_most_75_octets(case: str) -> None:
    data = (GOLDEN / f"{case}.ics").read_bytes()
    assert data.endswith(b"\r\n")
    lines = data.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)
    assert all(line.decode("utf-8") for line in lines)  # no character split across lines


def test_a_long_title_folds_between_characters() -> None:
    plan = parse_plan(form(title="ü" * 60 + "💬" * 10), TODAY)
    data = calendar_file(plan, berlin(), AT).encode("utf-8")
    summary = [line for line in data.split(b"\r\n") if line.startswith((b"SUMMARY", b" "))]
    assert len(summary) > 1
    for line in summary:
        assert len(line) <= 75
        line.decode("utf-8")


@pytest.mark.parametrize(
    ("text", "escaped"),
    [("a;b,c\\d", "a\\;b\\,c\\\\d"), ("one\ntwo", "one\\ntwo"),
     ("one\r\ntwo\rthree", "one\\ntwo\\nthree"), ("💬 وقتنا", "💬 وقتنا"), ("\\n", "\\\\n")],
)  # fmt: skip
def test_text_is_escaped(text: str, escaped: str) -> None:
    assert escape_text(text) == escaped


@given(st.text(min_size=0, max_size=400))
def test_folding_keeps_every_line_short_and_unfolds_back(text: str) -> None:
    line = "DESCRIPTION:" + escape_text(text)
    folded = fold(line)
    assert unfold(folded) == line
    for part in folded.encode("utf-8", "surrogatepass").split(b"\r\n"):
        assert len(part) <= 75


titles = st.text(st.characters(exclude_categories=("Cs",)), max_size=100)
plans = st.fixed_dictionaries(
    {
        "frequency": st.sampled_from(["weekly", "fortnightly", "twice-weekly", "every-3-days"]),
        "day": st.sampled_from(["monday", "wednesday", "saturday"]),
        "second_day": st.sampled_from(["tuesday", "sunday"]),
        "time": st.times().map(lambda t: f"{t.hour}:{t.minute:02d}"),
        "duration": st.integers(15, 60).map(str),
        "start": st.dates(TODAY, date(2027, 12, 1)).map(date.isoformat),
        "count": st.integers(1, 52).map(str),
        "reminder": st.sampled_from(["none", "start", "10", "30", "60"]),
        "title": titles,
        "description": st.text(st.characters(exclude_categories=("Cs",)), max_size=300),
        "lookback": st.sampled_from(["on", ""]),
    }
)


@settings(max_examples=60, deadline=None)
@given(fields=plans, zone=st.sampled_from(ZONES))
def test_any_plan_gives_crlf_lines_short_enough_that_unfold_to_its_text(
    fields: dict[str, str], zone: str
) -> None:
    plan = parse_plan(fields, TODAY)
    text = calendar_file(plan, zone_from_input(zone_input(zone)), AT)
    data = text.encode("utf-8")
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") == data.count(b"\r")
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))
    unfolded = lines_of(text)
    assert f"SUMMARY:{escape_text(plan.title)}" in unfolded
    if plan.description:
        assert f"DESCRIPTION:{escape_text(plan.description)}" in unfolded


@settings(max_examples=40, deadline=None)
@given(fields=plans, later=st.integers(1, 36_000).map(lambda seconds: seconds * 1000))
def test_the_same_plan_gives_the_same_file_apart_from_dtstamp(
    fields: dict[str, str], later: int
) -> None:
    args = {"fields": fields, "zone": zone_input("Europe/Berlin"), "at": AT}  # 11:00 there
    first, second = made(args), made({**args, "at": AT + later})
    differ = [(a, b) for a, b in zip(lines_of(first), lines_of(second), strict=True) if a != b]
    assert differ
    assert all(a.startswith("DTSTAMP:") and b.startswith("DTSTAMP:") for a, b in differ)


def test_dtstamp_is_now_in_utc() -> None:
    assert "DTSTAMP:20261201T100000Z" in lines_of(made(golden_args("weekly-berlin")))


def test_the_uid_follows_the_plan_and_the_zone() -> None:
    plan = parse_plan(form(), TODAY)
    same = uid(parse_plan(form(), TODAY), berlin(), "check-in")
    assert uid(plan, berlin(), "check-in") == same
    assert uid(plan, berlin(), "lookback") != same
    assert uid(parse_plan(form(time="19:45"), TODAY), berlin(), "check-in") != same
    assert uid(plan, Zone(None, 60), "check-in") != same
    assert same[14] == "8" and same[19] in "89ab" and len(same) == 36


@pytest.mark.parametrize(
    ("offset", "name"),
    [(60, "Etc/GMT-1"), (-300, "Etc/GMT+5"), (0, "Etc/GMT"), (840, "Etc/GMT-14"),
     (-720, "Etc/GMT+12"), (330, "UTC+0530"), (-210, "UTC-0330"), (-780, "UTC-1300")],
)  # fmt: skip
def test_fixed_offsets_get_names_calendars_know_where_there_are_some(
    offset: int, name: str
) -> None:
    assert tzid(Zone(None, offset)) == name


@pytest.mark.parametrize("name", ["", None, "Etc/Unknown", "not a zone!", 5, "a" * 70])
def test_an_unusable_zone_name_means_a_fixed_offset(name: object) -> None:
    assert zone_from_input(fixed_input(60, name)).name is None


@pytest.mark.parametrize(
    "zone",
    [None, [], {"name": "Europe/Berlin"}, {"offset_minutes": "60"}, {"offset_minutes": 2000},
     {"offset_minutes": True}, {"offset_minutes": 60, "transitions": "none"},
     {"offset_minutes": 60, "transitions": [{"at": "soon", "offset_minutes": 120}]},
     {"offset_minutes": 60, "transitions": [{"at": 2, "offset_minutes": 120},
                                           {"at": 1, "offset_minutes": 60}]},
     {"name": "Europe/Berlin", "offset_minutes": 60},
     {"name": "Europe/Berlin", "offset_minutes": 60, "until": "later"}],
)  # fmt: skip
def test_malformed_zone_data_is_the_pages_bug(zone: object) -> None:
    with pytest.raises(ZoneInputError):
        zone_from_input(zone)


def test_zone_data_that_ends_before_the_plan_is_the_pages_bug() -> None:
    short = {**zone_input("Europe/Berlin"), "until": AT + 86_400_000}
    with pytest.raises(ZoneInputError):
        calendar_file(parse_plan(form(), TODAY), zone_from_input(short), AT)


def test_odd_abbreviations_are_left_out() -> None:
    zone = zone_from_input({**fixed_input(60), "abbr": "C\nE\x00T"})
    text = calendar_file(parse_plan(form(), TODAY), zone, AT)
    assert "TZNAME" not in text


def event_lines(plan: Plan) -> list[str]:
    return lines_of(calendar_file(plan, berlin(), AT))


def test_a_single_check_in_has_no_rrule() -> None:
    assert not [line for line in event_lines(parse_plan(form(count="1"), TODAY)) if "RRULE" in line]


@pytest.mark.parametrize(
    ("changes", "rule"),
    [({}, "RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=12"),
     ({"frequency": "fortnightly", "day": "sun"}, "RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=SU;COUNT=12"),
     ({"frequency": "twice-weekly", "day": "fri", "second_day": "mon"},
      "RRULE:FREQ=WEEKLY;BYDAY=MO,FR;COUNT=12"),
     ({"frequency": "every-3-days", "count": "5"}, "RRULE:FREQ=DAILY;INTERVAL=3;COUNT=5")],
)  # fmt: skip
def test_each_frequency_repeats_with_a_count(changes: dict[str, str], rule: str) -> None:
    lines = event_lines(parse_plan(form(**changes), TODAY))
    assert rule in lines
    assert not [line for line in lines if "UNTIL" in line]


def test_no_alarm_and_no_description_unless_chosen() -> None:
    lines = event_lines(parse_plan(form(), TODAY))
    assert not [line for line in lines if line.startswith(("BEGIN:VALARM", "DESCRIPTION"))]
    assert "SUMMARY:Check-in" in lines


@pytest.mark.parametrize(("reminder", "trigger"), [("start", "PT0S"), ("30", "-PT30M")])
def test_a_reminder_is_a_display_alarm(reminder: str, trigger: str) -> None:
    lines = event_lines(parse_plan(form(reminder=reminder), TODAY))
    alarm = lines[lines.index("BEGIN:VALARM") : lines.index("END:VALARM") + 1]
    assert alarm == [
        "BEGIN:VALARM", "ACTION:DISPLAY", f"TRIGGER:{trigger}", "DESCRIPTION:Check-in",
        "END:VALARM",
    ]  # fmt: skip


def test_times_are_local_with_a_tzid_and_a_matching_timezone_block() -> None:
    lines = event_lines(parse_plan(form(start="2027-03-02"), TODAY))
    assert "DTSTART;TZID=Europe/Berlin:20270302T193000" in lines
    assert "DTEND;TZID=Europe/Berlin:20270302T200000" in lines
    block = lines[lines.index("BEGIN:VTIMEZONE") : lines.index("END:VTIMEZONE") + 1]
    assert block == [
        "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
        "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0100", "TZNAME:CET", "END:STANDARD",
        "BEGIN:DAYLIGHT", "DTSTART:20270328T020000", "TZOFFSETFROM:+0100",
        "TZOFFSETTO:+0200", "TZNAME:CEST", "END:DAYLIGHT",
        "END:VTIMEZONE",
    ]  # fmt: skip


def test_repeated_clock_changes_become_rdates() -> None:
    plan = parse_plan(form(frequency="fortnightly", count="52"), TODAY)  # two years
    block = event_lines(plan)
    assert "RDATE:20280326T020000" in block
    assert "RDATE:20281029T030000" in block
    assert block.count("BEGIN:DAYLIGHT") == 1


def test_a_check_in_ending_after_midnight_ends_the_next_day() -> None:
    lines = event_lines(parse_plan(form(time="23:45", duration="60"), TODAY))
    assert "DTEND;TZID=Europe/Berlin:20261202T004500" in lines


def test_the_plans_fields_are_the_forms_fields() -> None:
    assert set(parse_plan(form(), TODAY).canonical()) - {"weekdays"} <= set(FIELDS) | {"time"}
