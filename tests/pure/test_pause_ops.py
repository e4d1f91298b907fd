"""The pause's engine ops: the table, a whole pause told as a story, and unlocking speed."""

from __future__ import annotations

import json
import re
import time
from datetime import date, timedelta

from rekindle.tools.pause import ops
from rekindle.tools.pause.ops import OPS
from tests.pure.pause_support import START_MS, call, planned


def test_the_docstring_table_lists_every_op_and_nothing_else() -> None:
    assert ops.__doc__ is not None
    listed = set(re.findall(r"^\| ([a-z_]+) +\|", ops.__doc__, re.MULTILINE)) - {"op"}
    assert listed == set(OPS)


def test_catalogue_gives_the_forms_their_choices() -> None:
    catalogue = call("catalogue")
    assert [t["id"] for t in catalogue["tracks"]] == ["mix", "ended", "left", "distance", "ahead"]
    assert [t["label"] for t in catalogue["tracks"][1:]] == [
        "I ended it",
        "I was left",
        "Stepping back",
        "Looking ahead",
    ]
    assert [w["id"] for w in catalogue["who"]] == ["me", "them", "necessary"]
    assert [a["id"] for a in catalogue["necessary_about"]] == ["children", "home", "work", "other"]
    assert len(catalogue["tags"]) == 9
    assert catalogue["limits"]["max_text_chars"] == 20_000


def test_validate_plan_checks_without_keeping_anything() -> None:
    answer = call(
        "validate_plan", today="2026-03-12", start="2026-03-10", length="14", situation="left"
    )
    assert answer["plan"] == {
        "start": "2026-03-10",
        "length": 14,
        "safety": False,
        "situation": "left",
    }
    assert [n["field"] for n in answer["notes"]] == ["length"]


def test_a_month_told_as_a_story() -> None:
    """Plan on day 1, write on several days, log a contact, reach day 31, read back, export."""
    state = call("new")["state"]
    answer = call(
        "set_plan", state=state, today="2026-03-01", start="", length=30, situation="ended"
    )
    state = answer["state"]
    assert answer["view"]["counter"]["headline"] == "Day 1 of 30"
    for offset, text in [(0, "Day one."), (3, "Quieter."), (9, "A bad night."), (20, "Better.")]:
        today = (date(2026, 3, 1) + timedelta(days=offset)).isoformat()
        prompt = call("view", state=state, today=today)["view"]["prompt"]["id"]
        state = call(
            "add_entry", state=state, today=today, id=f"e{offset}", prompt=prompt, text=text,
            tags=["talking"], at=START_MS + offset * 86_400_000,
        )["state"]  # fmt: skip
    state = call(
        "log_contact", state=state, today="2026-03-15", id="c1", who="them", at=START_MS + 1
    )["state"]
    counter = call("view", state=state, today="2026-03-31")["view"]["counter"]
    assert counter["headline"] == "Your 30-day pause is complete"
    assert counter["contact_line"] == "16 days since the last contact you logged."
    assert counter["readback_ready"] is True
    readback = call("readback", state=state, today="2026-03-31")
    assert readback["entry_count"] == 4
    assert readback["reasons"][0] == {
        "tag": "talking",
        "label": "We stopped talking, or talking turned into fighting",
        "count": 4,
        "days": ["2026-03-01", "2026-03-04", "2026-03-10", "2026-03-21"],
    }
    assert readback["next"]["text"] == "Deciding whether to try again"
    exported = call("export_markdown", state=state, today="2026-03-31")
    assert exported["text"].count("### ") == 4
    backup = call("backup", state=exported["state"], today="2026-03-31")
    restored = call("import_backup", state=None, today="2026-03-31", text=backup["text"])
    assert restored["state"] == backup["state"]


def a_year_of_entries() -> dict[str, object]:
    state = planned(today="2026-03-01", start="2025-03-02", length="", open_ended=True)
    entries = [
        {
            "id": f"entry-{n:03d}",
            "on": (date(2025, 3, 2) + timedelta(days=n)).isoformat(),
            "prompt": "distance-friend" if n % 3 else None,
            "text": ("A day of thinking it over, line after line. " * 20) + f"({n}) ✍️ مرحبا",
            "tags": ["apart", "talking"] if n % 2 else [],
            "created": START_MS + n,
            "edited": START_MS + n,
        }
        for n in range(365)
    ]
    return {**state, "entries": entries}


def test_unlocking_a_year_of_entries_is_fast() -> None:
    """Restore and view of 365 entries: under 100 ms in CPython (the browser allows 1 s)."""
    saved = json.dumps(call("save", state=a_year_of_entries())["saved"])
    best = float("inf")
    for _ in range(3):
        began = time.perf_counter()
        answer = OPS["restore"]({"saved": saved, "today": "2026-03-01"})
        json.dumps(answer, ensure_ascii=False)
        best = min(best, time.perf_counter() - began)
    assert len(answer["view"]["journal"]) == 365
    assert answer["view"]["counter"]["headline"] == "Day 365"
    assert best < 0.1, f"restore + view took {best * 1000:.0f} ms"
