"""The journal and the contact log: what is kept, exactly as written, and what is refused."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from rekindle.shared.errors import ReaderError
from rekindle.tools.pause.model.fields import MAX_TEXT_CHARS, is_blank
from rekindle.tools.pause.model.journal import MAX_JOURNAL_CHARS, SESSION_MINUTES, make_entry
from tests.pure.pause_support import START_MS, call, planned, with_entries

TODAY = date(2026, 3, 12)


def add(state: dict[str, Any] | None = None, **fields: Any) -> dict[str, Any]:
    args: dict[str, Any] = {
        "today": "2026-03-12",
        "id": "e1",
        "prompt": None,
        "text": "A few lines.",
    }
    args.update(fields)
    return call("add_entry", state=state, at=START_MS, **args)


def refused_entry(text: object) -> ReaderError:
    with pytest.raises(ReaderError) as caught:
        add(text=text)
    return caught.value


VERBATIM = [
    "<script>alert('hi')</script> and <b>bold</b> & &amp;",
    "# not a heading\n- not a list\n[not](a link)",
    "مرحبا، كيف حالك اليوم؟",  # right to left
    "שלום עולם and English in one line",
    "🙂 💔 👩🏽‍❤️‍👨🏿 🏳️‍🌈",  # emoji, skin tones, zero-width joiners
    "Z̶̢a̸͜l̷g̵o and e\u0301 (e + combining acute) and é",
    "tabs\tand\r\nWindows line ends\n\n\nand blank lines   ",
    "\u202eright-to-left override\u202c",
]


@pytest.mark.parametrize("text", VERBATIM)
def test_what_the_reader_writes_is_kept_exactly(text: str) -> None:
    answer = add(text=text)
    assert answer["state"]["entries"][0]["text"] == text
    assert answer["entry"]["text"] == text
    assert answer["view"]["journal"][0]["text"] == text


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t ", "\u00a0\u2003", "\u200b\u200d\ufeff", None])
def test_an_empty_entry_is_refused_with_a_message(text: object) -> None:
    problem = refused_entry(text)
    assert (problem.field, problem.reason) == ("text", "empty")
    assert "empty" in problem.message


def test_combining_marks_alone_are_writing_not_blank() -> None:
    assert not is_blank("\u0301")
    assert add(text="\u0301")["state"]["entries"][0]["text"] == "\u0301"


def test_a_megabyte_entry_is_refused_naming_the_limit() -> None:
    problem = refused_entry("x" * 1_048_576)
    assert (problem.field, problem.reason) == ("text", "too-long")
    assert "1,048,576 characters" in problem.message
    assert f"{MAX_TEXT_CHARS:,}" in problem.message


def test_an_entry_at_the_limit_is_kept() -> None:
    assert len(add(text="y" * MAX_TEXT_CHARS)["state"]["entries"][0]["text"]) == MAX_TEXT_CHARS


def test_an_entry_remembers_its_date_prompt_tags_and_times() -> None:
    entry = add(prompt="left-last-year", tags=["unknown", "trust", "trust"])["state"]["entries"][0]
    assert entry == {
        "id": "e1",
        "on": "2026-03-12",
        "prompt": "left-last-year",
        "text": "A few lines.",
        "tags": ["trust", "unknown"],
        "created": START_MS,
        "edited": START_MS,
    }


def test_editing_changes_words_and_tags_but_not_date_or_prompt() -> None:
    state = add(prompt="ahead-needs")["state"]
    edited = call(
        "edit_entry",
        state=state,
        today="2026-03-20",
        id="e1",
        text="Second thoughts.",
        tags=["apart"],
        at=START_MS + 5_000,
    )
    entry = edited["state"]["entries"][0]
    assert (entry["on"], entry["prompt"], entry["text"], entry["tags"]) == (
        "2026-03-12",
        "ahead-needs",
        "Second thoughts.",
        ["apart"],
    )
    assert entry["edited"] == START_MS + 5_000
    assert edited["entry"]["edited"] is True


def test_an_edit_with_a_clock_set_back_never_moves_the_edit_time_backwards() -> None:
    state = add()["state"]
    edited = call(
        "edit_entry", state=state, today="2026-03-12", id="e1", text="B", tags=[], at=START_MS - 99
    )
    assert edited["state"]["entries"][0]["edited"] == START_MS


def test_an_edit_that_empties_the_entry_is_refused_and_the_entry_stays() -> None:
    state = add()["state"]
    with pytest.raises(ReaderError) as caught:
        call("edit_entry", state=state, today="2026-03-12", id="e1", text=" ", tags=[], at=START_MS)
    assert caught.value.reason == "empty"
    assert state["entries"][0]["text"] == "A few lines."


def test_deleting_an_entry_leaves_only_a_tombstone() -> None:
    state = add()["state"]
    after = call("delete_entry", state=state, today="2026-03-12", id="e1", at=START_MS + 10)
    assert after["state"]["entries"] == []
    assert after["state"]["deleted"] == {"e1": START_MS + 10}
    assert "A few lines." not in str(after["state"])


def test_entries_are_listed_newest_first_for_the_page_to_fold() -> None:
    state = with_entries(
        planned(), ("2026-03-02", "one"), ("2026-03-05", "two"), ("2026-03-03", "three")
    )
    journal = call("view", state=state, today="2026-03-12")["view"]["journal"]
    assert [e["text"] for e in journal] == ["two", "three", "one"]
    assert journal[0]["date_text"] == "Thursday 5 March 2026"
    assert journal[0]["prompt_text"] == "Written without a prompt"


def test_a_page_bug_is_not_the_readers_fault() -> None:
    with pytest.raises(ValueError):
        add(id="not an id!")
    with pytest.raises(ValueError):
        add(prompt="no-such-prompt")
    with pytest.raises(ValueError):
        add(tags=["no-such-tag"])
    with pytest.raises(ValueError):
        add(today="12/03/2026")
    state = add()["state"]
    with pytest.raises(ValueError):
        add(state)  # the same id twice


def test_the_journal_refuses_to_grow_past_what_a_backup_can_carry() -> None:
    big = "z" * MAX_TEXT_CHARS
    entries = [
        make_entry(TODAY, id=f"e{i}", prompt=None, text=big, tags=[], at=START_MS + i)
        for i in range(MAX_JOURNAL_CHARS // MAX_TEXT_CHARS)
    ]
    state: dict[str, Any] = {
        "plan": None,
        "contacts": [],
        "deleted": {},
        "last_export": None,
        "entries": [
            {"id": e.id, "on": "2026-03-12", "prompt": None, "text": big, "tags": [],
             "created": e.created, "edited": e.edited}
            for e in entries
        ],
    }  # fmt: skip
    with pytest.raises(ReaderError) as caught:
        add(state, id="one-more", text="a last line")
    assert caught.value.reason == "journal-full"
    assert "export" in caught.value.message


def test_a_fifteen_minute_session_is_suggested() -> None:
    catalogue = call("catalogue")
    assert SESSION_MINUTES == catalogue["limits"]["session_minutes"] == 15
    assert "fifteen minutes" in catalogue["session_note"]


# Contacts -------------------------------------------------------------------------------


def log(state: dict[str, Any], **fields: Any) -> dict[str, Any]:
    args = {"today": "2026-03-12", "id": "c1", "who": "them", "at": START_MS}
    args.update(fields)
    return call("log_contact", state=state, **args)


def test_a_contact_never_resets_the_pause() -> None:
    state = planned()
    before = call("view", state=state, today="2026-03-12")["view"]["counter"]
    logged = log(state, who="me", on="2026-03-10", note="Sent a birthday message.")
    counter = logged["view"]["counter"]
    assert (
        (counter["headline"], counter["day"])
        == (before["headline"], before["day"])
        == (
            "Day 12 of 30",
            12,
        )
    )
    assert counter["days_since_contact"] == 2
    assert counter["contact_line"] == "2 days since the last contact you logged."
    assert logged["message"] == (
        "Contact logged for Tuesday 10 March 2026. The pause carries on as before: Day 12 of 30."
    )
    assert logged["state"]["plan"] == state["plan"]


def test_necessary_contact_is_listed_but_not_counted_as_a_slip() -> None:
    state = log(planned(), id="c1", who="necessary", about="children", on="2026-03-11")["state"]
    state = log(state, id="c2", who="necessary", about="work")["state"]
    counter = call("view", state=state, today="2026-03-12")["view"]["counter"]
    assert counter["days_since_contact"] == 11  # since the start: necessary contact is not counted
    assert counter["necessary_line"] == (
        "Necessary contact logged 2 times (children, work): part of life, not a break in the pause."
    )


def test_no_streaks_badges_or_shame_in_what_the_counter_says() -> None:
    state = log(planned(), who="me")["state"]
    counter = call("view", state=state, today="2026-03-12")["view"]["counter"]
    words = " ".join(str(v) for v in counter.values()).lower()
    for shaming in ("streak", "badge", "failed", "broke", "reset to", "start over", "again from"):
        assert shaming not in words


def test_a_contact_before_a_pause_already_under_way_counts_from_its_day() -> None:
    state = log(planned(), on="2026-02-20")["state"]
    counter = call("view", state=state, today="2026-03-12")["view"]["counter"]
    assert counter["days_since_contact"] == 20


@pytest.mark.parametrize(
    ("fields", "field", "reason"),
    [
        ({"on": "2026-03-13"}, "on", "future"),
        ({"on": "2026-02-30"}, "on", "no-such-date"),
        ({"on": "1950-01-01"}, "on", "too-old"),
        ({"who": None}, "who", "missing"),
        ({"note": "n" * (MAX_TEXT_CHARS + 1)}, "note", "too-long"),
    ],
)
def test_a_contact_that_cannot_be_logged_says_why(
    fields: dict[str, Any], field: str, reason: str
) -> None:
    with pytest.raises(ReaderError) as caught:
        log(planned(), **fields)
    assert (caught.value.field, caught.value.reason) == (field, reason)


def test_a_contact_note_is_optional_and_kept_verbatim() -> None:
    assert log(planned())["state"]["contacts"][0]["note"] == ""
    note = "<i>they</i> asked about the keys 🔑"
    assert log(planned(), note=note)["state"]["contacts"][0]["note"] == note


def test_a_contact_logged_by_mistake_can_be_deleted() -> None:
    state = log(planned())["state"]
    after = call("delete_contact", state=state, today="2026-03-12", id="c1", at=START_MS + 1)
    assert after["state"]["contacts"] == []
    assert after["view"]["counter"]["days_since_contact"] == 11


# Before you reach out -------------------------------------------------------------------


def test_an_unsent_draft_can_move_into_the_journal() -> None:
    draft = "I miss you. Can we talk?"
    kept = call(
        "keep_draft", state=planned(), today="2026-03-12", id="d1", text=draft, at=START_MS,
        **{"as": "entry"},
    )  # fmt: skip
    entry = kept["state"]["entries"][0]
    assert (entry["prompt"], entry["text"], entry["on"]) == ("unsent", draft, "2026-03-12")
    assert kept["state"]["contacts"] == []
    assert kept["view"]["journal"][0]["prompt_text"] == (
        "A message I wanted to send, kept here instead"
    )


def test_a_sent_draft_is_logged_as_a_contact_with_the_message_as_its_note() -> None:
    kept = call(
        "keep_draft", state=planned(), today="2026-03-12", id="d1", text="Hi.", at=START_MS,
        **{"as": "contact"},
    )  # fmt: skip
    contact = kept["state"]["contacts"][0]
    assert (contact["who"], contact["note"], contact["on"]) == ("me", "Hi.", "2026-03-12")
    assert kept["view"]["counter"]["headline"] == "Day 12 of 30"


def test_an_empty_draft_cannot_go_into_the_journal() -> None:
    with pytest.raises(ReaderError) as caught:
        call("keep_draft", state=planned(), today="2026-03-12", id="d1", text="  ", at=START_MS,
             **{"as": "entry"})  # fmt: skip
    assert caught.value.reason == "empty"


def test_the_ten_minute_wait_is_a_deadline_not_a_tick_count() -> None:
    started = START_MS
    assert call("draft_wait", started=started, at=started) == {
        "ends_at": started + 600_000,
        "remaining_ms": 600_000,
        "done": False,
    }
    assert call("draft_wait", started=started, at=started + 599_000)["remaining_ms"] == 1_000
    assert call("draft_wait", started=started, at=started + 600_000)["done"] is True
    assert call("draft_wait", started=started, at=started - 5_000_000)["remaining_ms"] == 600_000
