"""Other people's parsers read our calendar files the way we mean them.

`icalendar` parses each file; `recurring-ical-events` expands it. Every check-in must come
out the planned number of times, each at the chosen local time, across clock changes in New
York, Berlin and Sydney. Times the clocks skip (02:30 on a spring-forward night) are the one
exception, and the preview names each of them (`clock_notes`).
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import icalendar
import pytest
import recurring_ical_events
from hypothesis import given, settings
from hypothesis import strategies as st

from rekindle.tools.checkin.model.ics import calendar_file, calendar_zone, tzid, uid
from rekindle.tools.checkin.model.plan import Plan, last_weekday_of_month, parse_plan
from rekindle.tools.checkin.model.words import clock_notes, date_words
from rekindle.tools.checkin.model.zone import Zone, zone_from_input
from tests.pure.checkin_support import AT, fixed_input, form, zone_input

GOLDEN = Path(__file__).parent / "golden" / "checkin"
CASES = sorted(p.stem for p in GOLDEN.glob("*.json"))
TODAY = date(2026, 12, 1)
ZONES = ("America/New_York", "Europe/Berlin", "Australia/Sydney")


def expand(text: str) -> dict[str, list[datetime]]:
    """Each event's occurrences (by UID), as parsed and expanded by the third-party tools."""
    calendar = icalendar.Calendar.from_ical(text)
    found: dict[str, list[datetime]] = {}
    for occurrence in recurring_ical_events.of(calendar).all():
        found.setdefault(str(occurrence["UID"]), []).append(occurrence["DTSTART"].dt)
    return {key: sorted(starts) for key, starts in found.items()}


def place(zone: Zone) -> tzinfo:
    """The real zone, from the tz database the page never needs."""
    if zone.name is None:
        return timezone(timedelta(minutes=zone.offset))
    return ZoneInfo(zone.name)


def skipped(moment: datetime, where: tzinfo) -> bool:
    """A local time the clocks jump over on that day."""
    there = moment.replace(tzinfo=where)
    return there.astimezone(UTC).astimezone(where).replace(tzinfo=None) != moment


def repeated(moment: datetime, where: tzinfo) -> bool:
    """A local time that happens twice (the hour the clocks go back)."""
    return (
        moment.replace(tzinfo=where, fold=0).utcoffset()
        != moment.replace(tzinfo=where, fold=1).utcoffset()
    )


def check_expansion(plan: Plan, zone: Zone, text: str) -> None:
    """The planned number of each event, on the planned dates, at the chosen local time."""
    used = calendar_zone(plan, zone)
    where = place(used)
    occurrences = expand(text)
    wanted = {uid(plan, used, "check-in"): plan.starts(plan.dates)}
    if plan.lookback:
        wanted[uid(plan, used, "lookback")] = plan.starts(plan.lookback_dates)
    assert {key: len(starts) for key, starts in occurrences.items()} == {
        key: len(starts) for key, starts in wanted.items()
    }
    for key, starts in wanted.items():
        for start, parsed in zip(starts, occurrences[key], strict=True):
            local = parsed.astimezone(where).replace(tzinfo=None)
            if skipped(start, where):
                assert local.date() == start.date()
            else:
                assert local == start


def golden(case: str) -> tuple[Plan, Zone, str]:
    args: dict[str, Any] = json.loads((GOLDEN / f"{case}.json").read_text(encoding="utf-8"))
    zone = zone_from_input(args["zone"])
    plan = parse_plan(args["fields"], zone.local_date(args["at"]))
    return plan, zone, (GOLDEN / f"{case}.ics").read_bytes().decode("utf-8")


@pytest.mark.parametrize("case", CASES)
def test_every_golden_file_parses_and_expands_as_planned(case: str) -> None:
    check_expansion(*golden(case))


@pytest.mark.parametrize(
    ("name", "start"),
    [("America/New_York", "2027-02-23"), ("Europe/Berlin", "2027-03-09"),
     ("Australia/Sydney", "2027-03-16"), ("America/New_York", "2027-10-19"),
     ("Europe/Berlin", "2027-10-12"), ("Australia/Sydney", "2027-09-21")],
)  # fmt: skip
def test_check_ins_stay_at_the_chosen_time_across_a_clock_change(name: str, start: str) -> None:
    plan = parse_plan(form(start=start, count="6", lookback="on"), TODAY)
    zone = zone_from_input(zone_input(name))
    text = calendar_file(plan, zone, AT)
    check_expansion(plan, zone, text)
    starts = next(iter(expand(text).values()))
    assert len({s.utcoffset() for s in starts}) == 2  # the clocks did change in between
    assert {s.astimezone(ZoneInfo(name)).time() for s in starts} == {time(19, 30)}


def with_own_tzid(text: str, zone: Zone) -> str:
    """The same file under a TZID no tz database knows, so parsers must read our VTIMEZONE.
    (icalendar caches zones by TZID for the whole process: one TZID per zone.)"""
    own = "Rekindle-Test-" + tzid(zone).replace("/", "-")
    return text.replace(f"TZID={tzid(zone)}:", f"TZID={own}:").replace(
        f"TZID:{tzid(zone)}\r\n", f"TZID:{own}\r\n"
    )


@pytest.mark.parametrize("name", [*ZONES, "Australia/Lord_Howe", "Asia/Kolkata"])
def test_our_timezone_block_alone_gives_the_real_moments(name: str) -> None:
    plan = parse_plan(form(frequency="every-3-days", time="2:30", count="52"), TODAY)
    zone = zone_from_input(zone_input(name))
    text = with_own_tzid(calendar_file(plan, zone, AT), zone)
    assert "TZID=Rekindle-Test-" in text
    (starts,) = expand(text).values()
    where = ZoneInfo(name)
    for start, parsed in zip(plan.starts(plan.dates), starts, strict=True):
        if not skipped(start, where) and not repeated(start, where):
            assert parsed.astimezone(UTC) == start.replace(tzinfo=where).astimezone(UTC)


@pytest.mark.parametrize("name", ZONES)
def test_our_timezone_block_has_the_real_offset_at_every_check_in(name: str) -> None:
    plan = parse_plan(form(frequency="fortnightly", count="52", time="12:00"), TODAY)
    zone = zone_from_input(zone_input(name))
    calendar = icalendar.Calendar.from_ical(calendar_file(plan, zone, AT))
    ours = calendar.timezones[0].to_tz(lookup_tzid=False)
    for start in plan.starts(plan.dates):
        assert (
            start.replace(tzinfo=ours).utcoffset()
            == start.replace(tzinfo=ZoneInfo(name)).utcoffset()
        )


@pytest.mark.parametrize("offset", [60, -300, 330, 345, -210, 0])
def test_a_fixed_offset_file_keeps_that_offset(offset: int) -> None:
    plan = parse_plan(form(count="4", lookback="on"), TODAY)
    zone = zone_from_input(fixed_input(offset))
    text = calendar_file(plan, zone, AT)
    check_expansion(plan, zone, text)
    for starts in expand(text).values():
        assert {s.utcoffset() for s in starts} == {timedelta(minutes=offset)}


def test_the_monthly_look_back_is_a_second_event_on_the_last_weekday() -> None:
    plan = parse_plan(form(start="2027-01-05", count="20", lookback="on"), TODAY)
    zone = zone_from_input(zone_input("Europe/Berlin"))
    calendar = icalendar.Calendar.from_ical(calendar_file(plan, zone, AT))
    events = list(calendar.walk("VEVENT"))
    assert [str(e["SUMMARY"]) for e in events] == ["Check-in", "Monthly look back"]
    assert events[0]["UID"] != events[1]["UID"]
    lookbacks = expand(calendar.to_ical().decode("utf-8"))[str(events[1]["UID"])]
    assert [s.date() for s in lookbacks] == [
        last_weekday_of_month(2027, month, 1) for month in range(1, 6)
    ]


def test_the_reminder_is_an_alarm_the_parser_understands() -> None:
    plan = parse_plan(form(reminder="30", title="Our time"), TODAY)
    text = calendar_file(plan, zone_from_input(zone_input("Europe/Berlin")), AT)
    (event,) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    (alarm,) = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert alarm["TRIGGER"].dt == timedelta(minutes=-30)
    assert str(alarm["DESCRIPTION"]) == "Our time"
    assert event["DTSTAMP"].dt == datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


titles = st.text(st.characters(exclude_categories=("Cs", "Cc")), min_size=1, max_size=100)
plans = st.fixed_dictionaries(
    {
        "frequency": st.sampled_from(["weekly", "fortnightly", "twice-weekly", "every-3-days"]),
        "day": st.sampled_from(["monday", "tuesday", "friday", "sunday"]),
        "second_day": st.sampled_from(["wednesday", "saturday"]),
        "time": st.times().map(lambda t: f"{t.hour}:{t.minute:02d}"),
        "duration": st.integers(15, 60).map(str),
        "start": st.dates(TODAY, date(2027, 12, 1)).map(date.isoformat),
        "count": st.integers(1, 52).map(str),
        "reminder": st.sampled_from(["none", "start", "10", "30", "60"]),
        "title": titles,
        "description": st.text(st.characters(exclude_categories=("Cs",)), max_size=200),
        "lookback": st.sampled_from(["on", ""]),
    }
)


@settings(max_examples=50, deadline=None)
@given(fields=plans, name=st.sampled_from(ZONES))
def test_random_plans_parse_and_expand_as_planned(fields: dict[str, str], name: str) -> None:
    plan = parse_plan(fields, TODAY)
    zone = zone_from_input(zone_input(name))
    text = calendar_file(plan, zone, AT)
    check_expansion(plan, zone, text)
    (event, *_) = icalendar.Calendar.from_ical(text).walk("VEVENT")
    assert str(event["SUMMARY"]) == plan.title
    if plan.description:
        assert str(event["DESCRIPTION"]) == plan.description


@settings(max_examples=50, deadline=None)
@given(fields=plans, name=st.sampled_from(ZONES))
def test_the_preview_names_every_check_in_the_clocks_skip(
    fields: dict[str, str], name: str
) -> None:
    fields = {**fields, "time": "2:30", "description": ""}
    plan = parse_plan(fields, TODAY)
    zone = zone_from_input(zone_input(name))
    starts = plan.starts(plan.dates) + plan.starts(plan.lookback_dates)
    gaps = sorted({s.date() for s in starts if skipped(s, ZoneInfo(name))})
    notes = clock_notes(plan, zone)
    assert len(notes) == sum(skipped(s, ZoneInfo(name)) for s in starts)
    assert all(any(date_words(day) in note for note in notes) for day in gaps)
