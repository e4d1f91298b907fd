"""Export and import: the Markdown file (golden files), the backup format, and merging."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt  # CommonMark's reference rules; arrives with pyodide-build

from rekindle.shared.errors import ReaderError
from rekindle.tools.pause.model.backup import MAX_BACKUP_CHARS, restore_saved
from rekindle.tools.pause.model.markdown import escape_line, reader_block
from tests.pure.pause_support import START_MS, call, planned, with_entries

GOLDEN = Path(__file__).parent / "golden" / "pause"
UPDATE = os.environ.get("REKINDLE_UPDATE_GOLDEN") == "1"  # rewrite the files, then review the diff


def golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


AWKWARD = (
    "<script>alert('x')</script> & &amp; *stars* _under_ `code`\n# Not a heading\n"
    "1. not a list\n- nor this\n> nor a quote\n\n\n"
    "A [link](http://example.org) | pipe ~~strike~~ \\ backslash"
)


def rich_journal() -> dict[str, Any]:
    """A month of writing with everything awkward a reader might type."""
    state: dict[str, Any] = planned(situation="ended")
    state = with_entries(
        state,
        ("2026-03-01", "First day.\nIt was quiet."),
        prompt="ended-turning-point",
        tags=["talking", "trust"],
    )
    state = with_entries(
        state,
        ("2026-03-03", AWKWARD),
    )
    state = with_entries(
        state,
        ("2026-03-05", "مرحبا، هذا نص من اليمين إلى اليسار\n🙂💔 👩🏽‍❤️‍👨🏿 e\u0301"),
        prompt="distance-friend",
        tags=["apart"],
    )
    state = call(
        "log_contact",
        state=state,
        today="2026-03-08",
        id="c1",
        who="them",
        note="Asked about the cat.\nI kept it short.",
        at=START_MS + 1,
    )["state"]
    state = call(
        "log_contact",
        state=state,
        today="2026-03-10",
        id="c2",
        who="necessary",
        about="home",
        at=START_MS + 2,
    )["state"]
    state = call(
        "keep_draft",
        state=state,
        today="2026-03-12",
        id="d1",
        text="I keep wanting to write to you.",
        at=START_MS + 3,
        **{"as": "entry"},
    )["state"]
    return state


def test_the_markdown_export_of_a_rich_journal() -> None:
    answer = call("export_markdown", state=rich_journal(), today="2026-03-31")
    assert answer["filename"] == "notes-2026-03-31.md"
    golden("journal.md", answer["text"])


def test_the_markdown_export_of_an_open_ended_pause_about_safety() -> None:
    state = planned(today="2026-03-12", safety=True, length="")
    answer = call("export_markdown", state=state, today="2026-03-12")
    golden("safety-open-ended.md", answer["text"])


def test_the_markdown_export_of_an_empty_journal_without_a_plan() -> None:
    golden("empty.md", call("export_markdown", state=None, today="2026-03-12")["text"])


@pytest.mark.parametrize(
    ("line", "escaped"),
    [
        ("<b>hi</b>", "\\<b\\>hi\\</b\\>"),
        ("# title", "\\# title"),
        ("  - item", "  \\- item"),
        ("12. twelve", "12\\. twelve"),
        ("3) three", "3\\) three"),
        ("a & b &amp; c &#39;", "a & b \\&amp; c \\&#39;"),
        ("=====", "\\====="),
        ("plain words, kept plain.", "plain words, kept plain."),
        ("مرحبا 🙂", "مرحبا 🙂"),
    ],
)
def test_the_readers_words_cannot_become_markup(line: str, escaped: str) -> None:
    assert escape_line(line) == escaped


def test_the_exported_file_renders_the_readers_words_as_text_only() -> None:
    html = (
        MarkdownIt("commonmark")
        .enable("strikethrough")
        .enable("table")
        .render((GOLDEN / "journal.md").read_text(encoding="utf-8"))
    )
    for tag in ("<script", "<a ", "<ol", "<blockquote", "<code", "<em>stars", "<del", "<table"):
        assert tag not in html
    assert html.count("<h1>") == 1 and html.count("<h3>") == 4
    assert "&lt;script&gt;alert('x')&lt;/script&gt;" in html
    assert "First day.<br />\nIt was quiet." in html


def test_line_breaks_are_kept_and_blank_lines_become_paragraphs() -> None:
    assert reader_block("one\r\ntwo\n\n\n\nthree  \n") == "one\\\ntwo\n\nthree"


# Backup format --------------------------------------------------------------------------


def test_a_backup_is_a_versioned_envelope_with_a_neutral_name() -> None:
    answer = call("backup", state=rich_journal(), today="2026-03-31")
    assert answer["filename"] == "notes-2026-03-31.json"
    envelope = json.loads(answer["text"])
    assert (envelope["format"], envelope["version"]) == ("rekindle-pause", 1)
    assert envelope["data"] == answer["state"]
    assert "مرحبا" in answer["text"]  # readable characters are kept, not \\u-escaped


def import_text(text: str, state: dict[str, Any] | None = None) -> dict[str, Any]:
    return call("import_backup", state=state, today="2026-03-31", text=text)


def refused_backup(text: str) -> ReaderError:
    with pytest.raises(ReaderError) as caught:
        import_text(text, state=planned())
    assert caught.value.field == "backup"
    return caught.value


def good_backup() -> str:
    text: str = call("backup", state=rich_journal(), today="2026-03-31")["text"]
    return text


@pytest.mark.parametrize("cut", [0.2, 0.5, 0.9, 0.999])
def test_a_truncated_backup_says_it_was_cut_off(cut: float) -> None:
    text = good_backup()
    problem = refused_backup(text[: int(len(text) * cut)])
    assert problem.reason == "truncated"
    assert "cut off" in problem.message


def test_a_backup_from_a_newer_version_asks_for_a_reload() -> None:
    envelope = json.loads(good_backup())
    envelope["version"] = 2
    problem = refused_backup(json.dumps(envelope))
    assert problem.reason == "future-version"
    assert "newer version" in problem.message


def test_a_50_mb_file_is_refused_by_its_size_before_it_is_read() -> None:
    problem = refused_backup("{" + " " * 50_000_000 + "}")
    assert problem.reason == "too-large"
    assert "about 50 MB" in problem.message
    assert f"{MAX_BACKUP_CHARS // 1_000_000} MB at most" in problem.message


PAUSE = {"format": "rekindle-pause", "version": 1}


@pytest.mark.parametrize(
    ("data", "reason", "words"),
    [
        ({"format": "rekindle-assessment", "version": 1}, "other-tool", "self-assessment"),
        ({"format": "rekindle-deciding", "version": 1}, "other-tool", "worksheet"),
        ({"format": "something-else"}, "not-a-backup", "not a backup of this journal"),
        ([1, 2, 3], "not-a-backup", "not a backup"),
        ({"version": 1, "data": {}}, "not-a-backup", "not a backup"),
        ({**PAUSE, "version": "1", "data": {}}, "corrupt", "damaged"),
        ({**PAUSE, "locked": {"iv": "..."}}, "locked", "passphrase"),
        ({**PAUSE, "data": {"entries": [{"id": "x"}]}}, "corrupt", "damaged"),
        ({**PAUSE, "data": {"entries": "lots"}}, "corrupt", "unchanged"),
        ({**PAUSE, "data": None}, "corrupt", "damaged"),
    ],
)
def test_a_file_that_is_not_a_usable_backup_says_why(data: object, reason: str, words: str) -> None:
    problem = refused_backup(json.dumps(data))
    assert problem.reason == reason
    assert words in problem.message


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("", "empty"),
        ("   \n", "empty"),
        ("hello", "not-a-backup"),
        ("Day 1: I miss them", "not-a-backup"),
        ("[" * 100_000, "not-a-backup"),  # nesting deep enough to trouble a parser
        ("# Pause journal\n\nExported on ...", "not-a-backup"),  # the Markdown export
    ],
)
def test_text_that_is_not_json_says_why(text: str, reason: str) -> None:
    assert refused_backup(text).reason == reason


def test_two_entries_sharing_an_id_make_a_backup_corrupt() -> None:
    envelope = json.loads(good_backup())
    envelope["data"]["entries"].append(dict(envelope["data"]["entries"][0]))
    assert refused_backup(json.dumps(envelope)).reason == "corrupt"


def test_an_entry_over_the_length_limit_makes_a_backup_corrupt() -> None:
    envelope = json.loads(good_backup())
    envelope["data"]["entries"][0]["text"] = "x" * 20_001
    assert refused_backup(json.dumps(envelope)).reason == "corrupt"


def test_a_refused_import_changes_nothing_here() -> None:
    here = planned()
    with pytest.raises(ReaderError):
        import_text(good_backup()[:-10], state=here)
    assert here == planned()


# Merging --------------------------------------------------------------------------------


def test_importing_into_an_empty_device_restores_everything() -> None:
    backup = call("backup", state=rich_journal(), today="2026-03-31")
    answer = import_text(backup["text"])
    assert answer["state"] == backup["state"]
    assert answer["report"]["added"] == 4
    assert answer["report"]["contacts_added"] == 2
    assert answer["report"]["plan_taken"] is True
    assert answer["message"] == (
        "Imported: 4 entries added; 2 contacts added; the pause plan taken from the backup. "
        "Nothing was duplicated."
    )


def test_importing_the_same_backup_twice_changes_nothing_the_second_time() -> None:
    backup = call("backup", state=rich_journal(), today="2026-03-31")
    once = import_text(backup["text"], state=backup["state"])
    assert once["state"] == backup["state"]
    twice = import_text(backup["text"], state=once["state"])
    assert twice["state"] == once["state"]
    assert twice["message"] == "Everything in this backup was already here, so nothing changed."
    assert twice["report"]["unchanged"] == 4


def edit(state: dict[str, Any], entry_id: str, text: str, at: int) -> dict[str, Any]:
    answer = call(
        "edit_entry", state=state, today="2026-03-20", id=entry_id, text=text, tags=[], at=at
    )
    edited: dict[str, Any] = answer["state"]
    return edited


def test_the_newer_edit_wins_whichever_side_it_is_on() -> None:
    base = with_entries(planned(), ("2026-03-02", "original"), ("2026-03-03", "second"))
    phone = edit(base, "e1", "edited on the phone", START_MS + 10_000_000)
    laptop = edit(base, "e1", "edited on the laptop, later", START_MS + 20_000_000)
    laptop = edit(laptop, "e2", "laptop only", START_MS + 5_000_000)
    backup = call("backup", state=laptop, today="2026-03-20")["text"]
    merged = import_text(backup, state=phone)
    texts = [e["text"] for e in merged["state"]["entries"]]
    assert texts == ["edited on the laptop, later", "laptop only"]
    assert merged["report"]["updated"] == 2
    older = call("backup", state=phone, today="2026-03-20")["text"]
    back = import_text(older, state=merged["state"])
    assert back["state"]["entries"] == merged["state"]["entries"]


def test_a_deleted_entry_stays_deleted_when_an_older_backup_is_imported() -> None:
    state = with_entries(planned(), ("2026-03-02", "painful"), ("2026-03-03", "kept"))
    old_backup = call("backup", state=state, today="2026-03-03")["text"]
    state = call("delete_entry", state=state, today="2026-03-04", id="e1", at=START_MS + 9_000_000)[
        "state"
    ]
    merged = import_text(old_backup, state=state)
    assert [e["text"] for e in merged["state"]["entries"]] == ["kept"]
    assert merged["report"]["kept_deleted"] == 1
    assert (
        merged["message"]
        == "Nothing new was in this backup. 1 entry you deleted here stays deleted."
    )


def test_a_delete_in_the_backup_removes_the_entry_here_unless_edited_since() -> None:
    state = with_entries(planned(), ("2026-03-02", "one"), ("2026-03-03", "two"))
    elsewhere = call(
        "delete_entry", state=state, today="2026-03-04", id="e1", at=START_MS + 9_000_000
    )["state"]
    elsewhere = call(
        "delete_entry", state=elsewhere, today="2026-03-04", id="e2", at=START_MS + 9_000_000
    )["state"]
    here = edit(state, "e2", "two, edited after the delete", START_MS + 9_500_000)
    merged = import_text(call("backup", state=elsewhere, today="2026-03-04")["text"], state=here)
    assert [e["text"] for e in merged["state"]["entries"]] == ["two, edited after the delete"]
    assert merged["report"]["removed"] == 1
    assert "e2" not in merged["state"]["deleted"]


def test_the_plan_here_is_kept_and_a_missing_one_is_taken() -> None:
    here = planned(start="2026-03-05", length=60)
    theirs = call("backup", state=planned(), today="2026-03-12")["text"]
    assert import_text(theirs, state=here)["state"]["plan"] == here["plan"]
    assert import_text(theirs)["state"]["plan"] == planned()["plan"]


# Saved data -----------------------------------------------------------------------------


def test_save_then_restore_gives_back_the_same_journal() -> None:
    state = rich_journal()
    saved = call("save", state=state)["saved"]
    assert call("restore", saved=saved)["state"] == state
    assert call("restore", saved=json.dumps(saved))["state"] == state


@pytest.mark.parametrize(
    "saved",
    [
        "{not json",
        "",
        "[]",
        {"format": "rekindle-pause", "version": 1, "data": {"entries": [None]}},
        {"format": "rekindle-assessment", "version": 1},
        {"format": "rekindle-pause", "version": 0, "data": {}},
        {"format": "rekindle-pause", "version": 1, "data": {"plan": {"start": "2026-02-30"}}},
        {"format": "rekindle-pause", "version": 1, "data": {"deleted": {"bad id!": 1}}},
        {"format": "rekindle-pause", "version": 1, "data": {"last_export": 20260301}},
        None,
        42,
    ],
)
def test_damaged_saved_data_is_reported_as_corrupt_and_never_used(saved: object) -> None:
    with pytest.raises(ReaderError) as caught:
        restore_saved(saved)
    assert (caught.value.field, caught.value.reason) == ("saved", "corrupt")
    assert "nothing was deleted" in caught.value.message


def test_saved_data_from_a_newer_version_or_still_locked_says_so() -> None:
    with pytest.raises(ReaderError) as newer:
        restore_saved({"format": "rekindle-pause", "version": 9, "data": {}})
    assert newer.value.reason == "future-version"
    with pytest.raises(ReaderError) as locked:
        restore_saved({"format": "rekindle-pause", "version": 1, "locked": {}})
    assert locked.value.reason == "locked"
