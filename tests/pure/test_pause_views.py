"""What the reader sees: the counter, the safety promise, the read-back, the export nudge."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from rekindle.tools.pause.model.views import unsaved_days
from tests.pure.pause_support import START_MS, call, planned, strings_in, with_entries

# Words that would suggest getting in touch with the ex, or getting back together.
SUGGESTS_CONTACT = re.compile(
    r"reach(ing)? out|get(ting)? in touch|got in touch|in touch with|contact(ing)? (them|your ex)"
    r"|(made|make) contact|message them|text them|call them|try(ing)? again|back together"
    r"|going back|come back|fresh start|the deciding",
    re.IGNORECASE,
)


def counter(state: dict[str, Any], today: str) -> dict[str, Any]:
    view: dict[str, Any] = call("view", state=state, today=today)["view"]["counter"]
    return view


def test_day_12_of_30_with_its_end_date() -> None:
    view = counter(planned(), "2026-03-12")
    assert view["status"] == "under-way"
    assert (view["headline"], view["day"], view["length"]) == ("Day 12 of 30", 12, 30)
    assert view["last_day"] == "2026-03-30"
    assert view["lines"] == ["Its last day is Monday 30 March 2026, 18 days from today."]
    assert view["contact_line"] == "No contact logged since the pause began, 11 days ago."
    assert view["days_since_contact"] == 11


def test_the_first_and_last_days_read_naturally() -> None:
    first = counter(planned(), "2026-03-01")
    assert first["headline"] == "Day 1 of 30"
    assert first["contact_line"] == "No contact logged since the pause began today."
    assert counter(planned(), "2026-03-30")["lines"] == ["Today is its last day."]


def test_day_31_says_the_pause_is_complete_and_offers_the_read_back() -> None:
    view = counter(planned(), "2026-03-31")
    assert view["status"] == "complete"
    assert view["headline"] == "Your 30-day pause is complete"
    assert view["readback_ready"] is True
    assert "Its last day was Monday 30 March 2026." in view["lines"]


def test_a_clock_set_back_shows_when_the_pause_begins_never_a_negative_day() -> None:
    view = counter(planned(), "2026-02-26")
    assert view["status"] == "before"
    assert view["day"] is None
    assert view["headline"] == "Your pause begins in 3 days"
    assert "the date on this device may have changed" in view["lines"][1]
    assert view["days_since_contact"] is None
    assert view["contact_line"] == "No contact logged."


def test_a_device_clock_reset_to_1970_is_still_a_calm_view() -> None:
    view = counter(planned(), "1970-01-01")
    assert view["headline"] == "Your pause begins in 20,513 days"


def test_open_ended_shows_only_the_day() -> None:
    view = counter(planned(length="", open_ended=True), "2026-04-15")
    assert (view["headline"], view["open_ended"], view["last_day"]) == ("Day 46", True, None)
    assert view["lines"] == ["It began on Sunday 1 March 2026 and has no set end."]


def test_without_a_plan_the_journal_still_works() -> None:
    view = counter(None, "2026-03-12")  # type: ignore[arg-type]
    assert (view["status"], view["headline"], view["has_plan"]) == (
        "no-plan",
        "No pause planned yet",
        False,
    )


def test_the_reach_out_step_offers_three_choices_and_a_ten_minute_wait() -> None:
    draft = counter(planned(), "2026-03-12")["draft"]
    assert draft["title"] == "Before you reach out"
    assert draft["wait_minutes"] == 10
    assert [c["id"] for c in draft["choices"]] == ["keep", "entry", "contact"]


def safety_journey() -> list[str]:
    """Every sentence the tool shows over a whole pause about safety, the reader's aside."""
    state = planned(safety=True, length="", situation="left")
    state = with_entries(state, ("2026-03-02", "Writing it down."), tags=["unsafe", "respect"])
    state = call("log_contact", state=state, today="2026-03-05", id="c1", who="them", at=START_MS)[
        "state"
    ]
    shown: list[str] = []
    for offset in (-3, 0, 11, 30, 400):
        today = (date(2026, 3, 1) + timedelta(days=offset)).isoformat()
        shown += strings_in(call("view", state=state, today=today)["view"])
        for track in ("mix", "ended", "left", "distance", "ahead"):
            for skip in range(12):
                shown += strings_in(
                    call("prompt_for", state=state, today=today, track=track, skip=skip)
                )
    shown += strings_in(call("readback", state=state, today="2026-04-01"))
    shown += strings_in(call("export_markdown", state=state, today="2026-04-01")["text"])
    shown.append(
        call("log_contact", state=state, today="2026-03-12", id="c2", who="necessary", at=START_MS)[
            "message"
        ]
    )
    return [s for s in shown if s not in ("Writing it down.",)]


def test_a_pause_about_safety_never_suggests_getting_in_touch() -> None:
    shown = safety_journey()
    suggesting = [s for s in shown if SUGGESTS_CONTACT.search(s)]
    assert suggesting == []


def test_the_check_for_suggestions_would_catch_them_in_an_ordinary_pause() -> None:
    state = with_entries(planned(situation="ended"), ("2026-03-02", "x"))
    shown = strings_in(call("view", state=state, today="2026-03-12")["view"])
    shown += strings_in(call("readback", state=state, today="2026-04-01"))
    assert any(SUGGESTS_CONTACT.search(s) for s in shown)  # "Before you reach out", "try again"


def test_a_pause_about_safety_links_to_the_safety_page_everywhere() -> None:
    state = planned(safety=True)
    view = call("view", state=state, today="2026-03-12")["view"]["counter"]
    assert view["safety"] is True
    assert {"key": "safety", "doc": "safety.md", "text": "Safety and getting help"} in view["links"]
    assert view["draft"]["title"] == "A letter you will not send"
    assert [c["id"] for c in view["draft"]["choices"]] == ["keep", "entry"]
    assert view["draft"]["wait_minutes"] == 0
    readback = call("readback", state=state, today="2026-04-01")
    assert readback["next"]["doc"] == "safety.md"


def test_logged_contacts_are_listed_newest_first_in_words_so_a_mistake_can_be_deleted() -> None:
    state = planned()
    for number, (day, who) in enumerate([("2026-03-03", "them"), ("2026-03-09", "necessary")]):
        state = call(
            "log_contact",
            state=state,
            today="2026-03-12",
            id=f"c{number}",
            on=day,
            who=who,
            about="children" if who == "necessary" else None,
            note="<b>asked</b> about Friday" if who == "them" else "",
            at=START_MS + number,
        )["state"]
    contacts = call("view", state=state, today="2026-03-12")["view"]["contacts"]
    assert [(c["id"], c["line"]) for c in contacts] == [
        ("c1", "Monday 9 March 2026: Necessary contact (children)"),
        ("c0", "Tuesday 3 March 2026: They started it"),
    ]
    assert contacts[1]["note"] == "<b>asked</b> about Friday"  # the reader's words, verbatim
    assert contacts[1]["date_text"] == "Tuesday 3 March 2026"


# Read-back ------------------------------------------------------------------------------


def test_the_read_back_groups_entries_by_prompt_and_gathers_the_reasons() -> None:
    state = planned(situation="left")
    state = with_entries(
        state, ("2026-03-02", "Felt far away."), prompt="left-last-year", tags=["apart"]
    )
    state = with_entries(state, ("2026-03-04", "No prompt today."), tags=["apart", "talking"])
    state = with_entries(
        state, ("2026-03-06", "Again, the distance."), prompt="left-last-year", tags=["apart"]
    )
    state = with_entries(state, ("2026-03-07", "What I need."), prompt="ahead-needs")
    draft = {"as": "entry", "id": "d1", "text": "Unsent.", "at": START_MS}
    state = call("keep_draft", state=state, today="2026-03-08", **draft)["state"]
    readback = call("readback", state=state, today="2026-03-31")
    groups = [(g["prompt"], [e["text"] for e in g["entries"]]) for g in readback["groups"]]
    assert groups == [
        ("left-last-year", ["Felt far away.", "Again, the distance."]),
        ("ahead-needs", ["What I need."]),
        ("unsent", ["Unsent."]),
        (None, ["No prompt today."]),
    ]
    assert readback["groups"][0]["track_label"] == "I was left"
    assert [(r["tag"], r["count"]) for r in readback["reasons"]] == [("apart", 3), ("talking", 1)]
    assert readback["reasons"][0]["days"] == ["2026-03-02", "2026-03-04", "2026-03-06"]
    assert readback["reasons_line"] == "You tagged 3 entries with reasons the relationship ended."
    assert readback["next"]["doc"] == "after-a-breakup/deciding.md"
    assert readback["links"] == []


def test_a_reason_of_not_feeling_safe_adds_the_safety_page_to_the_read_back() -> None:
    state = with_entries(planned(), ("2026-03-02", "x"), tags=["unsafe"])
    readback = call("readback", state=state, today="2026-03-31")
    assert [link["doc"] for link in readback["links"]] == ["safety.md"]


def test_an_empty_read_back_is_calm() -> None:
    readback = call("readback", state=planned(), today="2026-03-31")
    assert (readback["groups"], readback["reasons"], readback["entry_count"]) == ([], [], 0)
    assert readback["reasons_line"] == "No entry was tagged with a reason."


# Export reminder ------------------------------------------------------------------------


def test_reminder_after_every_seven_days_of_entries_since_the_last_export() -> None:
    days = [date(2026, 3, d) for d in (1, 2, 2, 3, 5, 8, 9)]
    assert unsaved_days(days, None) == 6
    assert unsaved_days([*days, date(2026, 3, 10)], None) == 7
    assert unsaved_days([*days, date(2026, 3, 10)], date(2026, 3, 2)) == 5


def test_the_view_reminds_on_the_seventh_day_written_and_an_export_resets_it() -> None:
    state = planned()
    for day in range(1, 7):
        state = with_entries(state, (f"2026-03-{day:02d}", f"day {day}"))
    assert counter(state, "2026-03-07")["export_reminder"] == {
        "due": False,
        "unsaved_days": 6,
        "text": None,
    }
    state = with_entries(state, ("2026-03-07", "day 7"))
    reminder = counter(state, "2026-03-07")["export_reminder"]
    assert reminder["due"] is True
    assert "written on 7 days since your last export" in reminder["text"]
    exported = call("backup", state=state, today="2026-03-07")
    assert exported["view"]["counter"]["export_reminder"]["due"] is False
    assert exported["state"]["last_export"] == "2026-03-07"
    markdown = call("export_markdown", state=state, today="2026-03-07")
    assert markdown["state"]["last_export"] == "2026-03-07"
