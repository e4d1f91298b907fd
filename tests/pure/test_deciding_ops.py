"""The worksheet's engine ops, and every kind of bad input the pure layer can see.

Each bad input gets a clear message and a stable reason; nothing the reader entered is lost
(the ops never change what they were given). Storage that is full or blocked is the page's
side and is tested in the browser.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

import pytest

from rekindle.shared.errors import ReaderError
from rekindle.tools.deciding.model.codes import CODEC
from rekindle.tools.deciding.model.items import NOTE_MAX_CHARS, TABLE
from rekindle.tools.deciding.ops import OPS, SAVE_FORMAT

MINE: dict[str, Any] = {
    "areas": {
        "children": {"choice": "yes", "firmness": "must"},
        "money": {"choice": None, "firmness": "unsure"},
        "conflict": {"choice": "cool-off", "firmness": "flexible"},
    },
    "reasons": {"trust": "no", "felt-unsafe": "partly"},
}
THEIRS: dict[str, Any] = {
    "areas": {
        "children": {"choice": "no", "firmness": "must"},
        "money": {"choice": "pooled", "firmness": "like"},
        "conflict": {"choice": "talk-now", "firmness": "must"},
    },
    "reasons": {"trust": "yes", "communication": "dont-know"},
}
THEIR_CODE: str = OPS["share"]({"answers": THEIRS})["code"]
MY_CODE: str = OPS["share"]({"answers": MINE})["code"]
LAST = len(THEIR_CODE) - 1
ASSESSMENT_CODE = "RK1-G491-SB1K-B8B4-1S3C-JS44-Z2N1"


def changed_char(code: str, pos: int) -> str:
    new = "0" if code[pos] != "0" else "1"
    return code[:pos] + new + code[pos + 1 :]


def forged(area: str, **changes: Any) -> dict[str, Any]:
    raw: dict[str, Any] = json.loads(json.dumps(MINE))
    raw["areas"][area] = {**raw["areas"].get(area, {}), **changes}
    return raw


def compare(code: object) -> tuple[str, Any]:
    return "compare", {"answers": MINE, "code": code}


BAD_INPUT: dict[str, tuple[tuple[str, Any], str, str | None]] = {
    # pasted codes
    "code truncated": (compare(THEIR_CODE[:14]), "truncated", "code"),
    "code cut to its prefix": (compare("RD"), "truncated", "code"),
    "one character changed": (compare(changed_char(THEIR_CODE, 9)), "tampered", "code"),
    "last character changed": (compare(changed_char(THEIR_CODE, LAST)), "tampered", "code"),
    "two codes pasted together": (compare(THEIR_CODE + MY_CODE), "malformed", "code"),
    "code from a newer version": (compare("RD2" + THEIR_CODE[3:]), "future-version", "code"),
    "self-assessment code": (compare(ASSESSMENT_CODE), "other-tool", "code"),
    "self-assessment link": (compare("https://x.org/#share=" + ASSESSMENT_CODE),
                             "other-tool", "code"),
    "your own code": (compare(MY_CODE), "own-code", "code"),
    "your own link": (compare("#share=" + MY_CODE.lower()), "own-code", "code"),
    "empty code": (compare(""), "malformed", "code"),
    "only spaces": (compare("   \n "), "malformed", "code"),
    "no code at all": (compare(None), "malformed", "code"),
    "a number": (compare(12345), "malformed", "code"),
    "100 KB paste": (compare("RD1-" + "A" * 100_000), "too-long", "code"),
    "a sentence": (compare("see you at eight"), "malformed", "code"),
    "made-up code": (compare("RD1-Z000-0000-0000-0000-0000-0ZR"), "tampered", "code"),
    "forged code, good checksum": (compare(CODEC.encode([7, 1] + [0] * 27)), "malformed", "code"),
    # answers forged in the page
    "choice not in the table": (("share", {"answers": forged("children", choice="twins")}),
                                "invalid-answers", "children"),
    "firmness not in the table": (("share", {"answers": forged("money", firmness="maybe")}),
                                  "invalid-answers", "money"),
    "choice of another area": (("share", {"answers": forged("money", choice="yes")}),
                               "invalid-answers", "money"),
    "choice as a number": (("summary", {"answers": forged("children", choice=1)}),
                           "invalid-answers", "children"),
    "unknown area": (("summary", {"answers": {"areas": {"pets": {"choice": "dog"}}}}),
                     "invalid-answers", None),
    "unknown reason": (("share", {"answers": {"reasons": {"aliens": "no"}}}),
                       "invalid-answers", None),
    "changed not in the table": (("share", {"answers": {"reasons": {"trust": "maybe"}}}),
                                 "invalid-answers", "trust"),
    "extra key in an area": (("compare", {"answers": forged("money", score=5), "code": ""}),
                             "invalid-answers", "money"),
    "answers as a list": (("summary", {"answers": ["children"]}), "invalid-answers", None),
    "no answers sent": (("share", {}), "invalid-answers", None),
    "a 1 MB area name": (("save", {"answers": {"areas": {"x" * 1_000_000: None}}}),
                         "invalid-answers", None),
    # unfinished answers, where a code or summary needs them finished
    "choice without firmness": (("share", {"answers": forged("marriage", choice="some-day")}),
                                "incomplete", "marriage"),
    "firm about no choice": (("summary", {"answers": forged("marriage", firmness="must")}),
                             "incomplete", "marriage"),
    "reason ticked, changed not said": (
        ("compare", {"answers": {"reasons": {"trust": None}}, "code": THEIR_CODE}),
        "incomplete", "trust"),
    "code of nothing at all": (("share", {"answers": {"areas": {}, "reasons": {}}}),
                               "nothing-answered", None),
    "only a private reason": (("share", {"answers": {"reasons": {"felt-unsafe": "no"}}}),
                              "nothing-answered", None),
    # the private note
    "1 MB note": (("save", {"answers": MINE, "note": "x" * 1_000_000}), "too-long", "note"),
    "note one over the limit": (("save", {"answers": MINE, "note": "x" * (NOTE_MAX_CHARS + 1)}),
                                "too-long", "note"),
    "note that is not text": (("save", {"answers": MINE, "note": {"html": "<b>"}}),
                              "invalid-note", "note"),
    # saved data
    "saved JSON broken": (("restore", {"saved": '{"format": "rekindle-dec'}), "corrupt", "saved"),
    "saved by a newer version": (
        ("restore", {"saved": {"format": SAVE_FORMAT, "version": 2, "answers": {}}}),
        "future-version", "saved"),
    "saved with a version of true": (
        ("restore", {"saved": {"format": SAVE_FORMAT, "version": True, "answers": {}}}),
        "corrupt", "saved"),
    "saved by another tool": (("restore", {"saved": {"format": "rekindle-assessment",
                                                     "version": 1}}), "corrupt", "saved"),
    "saved answers forged": (
        ("restore", {"saved": {"format": SAVE_FORMAT, "version": 1,
                               "answers": {"areas": {"children": {"choice": "twins"}}}}}),
        "corrupt", "saved"),
    "saved note too long": (
        ("restore", {"saved": {"format": SAVE_FORMAT, "version": 1, "answers": {},
                               "note": "x" * (NOTE_MAX_CHARS + 1)}}),
        "corrupt", "saved"),
    "saved text enormous": (("restore", {"saved": " " * 1_000_000}), "corrupt", "saved"),
    "saved JSON nested beyond reason": (("restore", {"saved": "[" * 100_000 + "]" * 100_000}),
                                        "corrupt", "saved"),
    "nothing saved": (("restore", {"saved": None}), "corrupt", "saved"),
}  # fmt: skip


def test_at_least_25_kinds_of_bad_input() -> None:
    assert len(BAD_INPUT) >= 25


@pytest.mark.parametrize("name", BAD_INPUT)
def test_bad_input_gets_a_clear_message(name: str) -> None:
    (op, args), reason, field = BAD_INPUT[name]
    before = json.dumps(args, sort_keys=True)
    start = time.perf_counter()
    with pytest.raises(ReaderError) as caught:
        OPS[op](args)
    assert time.perf_counter() - start < 0.5
    assert (caught.value.reason, caught.value.field) == (reason, field)
    message = caught.value.message
    assert 20 < len(message) < 300 and message[0].isupper() and message.endswith((".", ")"))
    assert "Traceback" not in message and "xxxxxxxxxx" not in message
    assert json.dumps(args, sort_keys=True) == before  # nothing the reader gave was changed


WRAPPED: dict[str, Callable[[str], str]] = {
    "spaces": lambda c: f"   {c}  \n",
    "curly quotes": lambda c: f"“{c}”",
    "straight quotes": lambda c: f'"{c}"',
    "bidi marks": lambda c: f"\u2067\u200f{c}\u200e\u2069",
    "zero-width space inside": lambda c: c[:8] + "\u200b" + c[8:],
    "pasted twice": lambda c: c + c,
    "pasted twice on two lines": lambda c: f"{c}\n{c}",
    "in a link": lambda c: f"https://example.org/after-a-breakup/deciding/#share={c}",
    "lower case, O and l": lambda c: c.lower().replace("0", "o").replace("1", "l"),
    "no dashes": lambda c: c.replace("-", ""),
}


@pytest.mark.parametrize("wrap", WRAPPED)
def test_wrapped_codes_still_compare(wrap: str) -> None:
    view = OPS["compare"]({"answers": MINE, "code": WRAPPED[wrap](THEIR_CODE)})
    assert view["topics"] == ["children", "trust", "money", "communication"]


def test_worksheet_is_the_table() -> None:
    sheet = OPS["worksheet"]({})
    assert [a["id"] for a in sheet["areas"]] == list(TABLE.area_ids)
    assert sheet["areas"][3]["choices"][0] == {
        "id": "yes",
        "label": "Yes, I want children, or more children",
    }
    assert [f["id"] for f in sheet["firmness"]] == ["must", "like", "flexible", "unsure"]
    assert [c["id"] for c in sheet["changed"]] == ["yes", "partly", "no", "dont-know"]
    assert {
        "id": "felt-unsafe",
        "label": TABLE.reason("felt-unsafe").label,
        "private": True,
    } in sheet["reasons"]
    assert sheet["note_max_chars"] == NOTE_MAX_CHARS and sheet["code_prefix"] == "RD"
    assert sheet["conversation_page"] == "after-a-breakup/the-conversation.md"
    assert "warning sign" in sheet["safety_note"]
    json.dumps(sheet)  # JSON-ready


def test_share_then_compare_then_topics() -> None:
    share = OPS["share"]({"answers": THEIRS, "note": "never in a code"})
    assert share == {"code": THEIR_CODE, "fragment": "#share=" + THEIR_CODE}
    view = OPS["compare"]({"answers": MINE, "code": share["fragment"]})
    assert view["sections"][0]["heading"] == "Talk about this first"
    assert view["topics_fragment"] == "#topics=children,trust,money,communication"
    topics = OPS["topics"]({"fragment": view["topics_fragment"] + ",nonsense"})
    assert [t["id"] for t in topics["topics"]] == ["children", "trust", "money", "communication"]
    assert topics["topics"][0]["prompt"] == TABLE.area("children").prompt
    assert topics["fragment"] == view["topics_fragment"]
    assert OPS["topics"]({}) == {"topics": [], "fragment": ""}
    json.dumps(view)


def test_summary_op() -> None:
    view = OPS["summary"]({"answers": MINE})
    must = next(s for s in view["sections"] if s["id"] == "must")
    assert must["items"] == [{"id": "children", "title": "Children",
                              "text": "Yes, I want children, or more children"}]  # fmt: skip
    assert view["safety"] is not None


def _save_and_restore(answers: Any, note: Any) -> dict[str, Any]:
    saved = OPS["save"]({"answers": answers, "note": note})["saved"]
    return OPS["restore"]({"saved": json.dumps(saved)})


NOTES = {
    "markup and script": '<script>alert("hi")</script><b onclick="x()">bold</b> &amp; <!--',
    "right to left": "\u05d0\u05e0\u05d9 \u05dc\u05d0 \u202e abc \u0645\u0631\u062d\u0628\u200f",
    "emoji and new lines": "I miss you \U0001f494\n\nbut not the fights.\r\n",
    "exactly at the limit": "é" * NOTE_MAX_CHARS,
    "empty": "",
}


@pytest.mark.parametrize("name", NOTES)
def test_a_note_is_kept_exactly_as_plain_text(name: str) -> None:
    restored = _save_and_restore(MINE, NOTES[name])
    assert restored["note"] == NOTES[name]
    assert restored["answers"] == MINE


def test_a_partial_draft_is_saved_and_restored_whole() -> None:
    draft = {"areas": {"marriage": {"choice": "some-day", "firmness": None},
                       "money": {"choice": None, "firmness": "must"}},
             "reasons": {"trust": None}}  # fmt: skip
    assert _save_and_restore(draft, None) == {"answers": draft, "note": ""}


def test_saved_data_is_versioned_json_and_the_note_only_there() -> None:
    saved = OPS["save"]({"answers": MINE, "note": "private words"})["saved"]
    assert saved["format"] == SAVE_FORMAT and saved["version"] == 1
    assert saved["note"] == "private words"
    assert OPS["restore"]({"saved": saved})["note"] == "private words"
    share = OPS["share"]({"answers": MINE, "note": "private words"})
    assert "private" not in json.dumps(share).lower()


def test_the_note_limit_message_says_nothing_was_lost() -> None:
    with pytest.raises(ReaderError) as caught:
        OPS["save"]({"answers": MINE, "note": "x" * 1_048_576})
    assert "1,048,576" in caught.value.message and "10,000" in caught.value.message
    assert "nothing has been deleted" in caught.value.message
