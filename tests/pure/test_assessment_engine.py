"""The engine ops for the assessment: JSON in, JSON out, clear errors for the reader."""

from __future__ import annotations

import json

import pytest

from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import AssessmentError
from rekindle.tools.assessment.model.sharecode import ShareCodeError
from rekindle.tools.assessment.ops import OPS, SavedDataError

SOME = {"rej-1": 5, "rej-2": 4, "rej-3": 1, "sign-2": 4}


def call(op: str, args: dict) -> dict:
    """Call an op the way the worker does: through JSON both ways."""
    result = OPS[op](json.loads(json.dumps(args)))
    assert json.loads(json.dumps(result)) == result
    return result


def test_ops_table() -> None:
    assert set(OPS) >= {"questionnaire", "score", "share", "compare", "restore", "save"}


def test_questionnaire_lists_groups_and_the_scale() -> None:
    view = call("questionnaire", {})
    assert view["groups"][0]["id"] == "reaching-out"
    assert sum(len(g["items"]) for g in view["groups"]) == view["item_count"] == 32
    assert [s["label"] for s in view["scale"]][-1] == "Skip"


def test_score_returns_the_results_view() -> None:
    more = {**SOME, "con-1": 1, "con-2": 1, "con-3": 5, "att-1": 2, "att-2": 2, "att-3": 4}
    view = call("score", {"answers": more})
    assert view["status"] == "ok"
    assert view["barriers"][0]["id"] == "fear-of-rejection"
    assert view["signs"]["count"] == 1
    assert view["chart"]["svg"].startswith("<svg ")


def test_score_with_too_few_answers_says_what_is_missing() -> None:
    view = call("score", {"answers": SOME})
    assert view["status"] == "too-few"
    assert (view["answered"], view["needed"]) == (4, 10)
    order = [i for g in ITEM_BANK.groups for i in g.item_ids]
    assert view["first_missing"] == next(i for i in order if i not in SOME)


def test_score_with_bad_answers_raises_a_reader_message() -> None:
    with pytest.raises(AssessmentError) as caught:
        call("score", {"answers": {"rej-1": 9}})
    assert "outside 1 to 5" in caught.value.message
    with pytest.raises(AssessmentError):
        call("score", {})


def test_share_then_compare() -> None:
    shared = call("share", {"answers": SOME})
    assert shared["code"].startswith("RK1-")
    assert shared["fragment"] == "#share=" + shared["code"]
    view = call("compare", {"answers": {}, "code": shared["code"]})
    assert view["rows"][0]["theirs"]["summary"] == "Stands out: 11 of 12 points"
    assert view["rows"][0]["mine"]["band"] == "not-enough"


def test_compare_with_a_bad_code_raises() -> None:
    with pytest.raises(ShareCodeError) as caught:
        call("compare", {"answers": SOME, "code": "RK1-ABCD"})
    assert caught.value.reason == "truncated"


def test_save_then_restore_round_trip() -> None:
    saved = call("save", {"answers": SOME, "group_index": 2})["saved"]
    restored = call("restore", {"saved": saved})
    assert restored["group_index"] == 2
    assert {k: v for k, v in restored["answers"].items() if v is not None} == SOME
    assert call("restore", {"saved": json.dumps(saved)}) == restored


@pytest.mark.parametrize(
    "saved",
    [
        "{not json",
        "[]",
        None,
        42,
        {"answers": {}},
        {"format": "rekindle-assessment", "version": 1, "answers": {"rej-1": 7}, "group_index": 0},
        {"format": "rekindle-assessment", "version": 1, "answers": {"zzz": 1}, "group_index": 0},
        {"format": "rekindle-assessment", "version": 1, "answers": {}, "group_index": 99},
        {"format": "rekindle-assessment", "version": "1", "answers": {}, "group_index": 0},
        "x" * 50_000,
    ],
)
def test_corrupt_saved_data_raises_a_clear_error(saved: object) -> None:
    with pytest.raises(SavedDataError) as caught:
        OPS["restore"]({"saved": saved})
    assert caught.value.reason == "corrupt"
    assert "set them aside" in caught.value.message
    assert isinstance(caught.value, ValueError)


def test_saved_data_from_a_newer_version() -> None:
    saved = {"format": "rekindle-assessment", "version": 2, "answers": {}, "group_index": 0}
    with pytest.raises(SavedDataError) as caught:
        OPS["restore"]({"saved": saved})
    assert caught.value.reason == "future-version"


def test_save_rejects_a_bad_group_index() -> None:
    with pytest.raises(AssessmentError):
        call("save", {"answers": {}, "group_index": -1})


def test_save_keeps_skips_and_restore_gives_them_back() -> None:
    """A skipped statement (null) is an answer, "Skip"; one not reached yet is absent."""
    answers = {"rej-1": 4, "att-2": None, "sign-5": None}
    saved = call("save", {"answers": answers, "group_index": 3})["saved"]
    assert saved["answers"] == {"rej-1": 4, "att-2": None, "sign-5": None}
    restored = call("restore", {"saved": json.dumps(saved)})
    assert restored == {"answers": answers, "group_index": 3}
    assert "rej-2" not in restored["answers"]  # not reached: nothing to tick on the page


def test_old_saves_without_skips_still_restore() -> None:
    old = {
        "format": "rekindle-assessment",
        "version": 1,
        "group_index": 1,
        "answers": {"rej-1": 5, "con-2": 2},
    }
    restored = call("restore", {"saved": json.dumps(old)})
    assert restored == {"answers": {"rej-1": 5, "con-2": 2}, "group_index": 1}


def test_save_still_checks_the_answers() -> None:
    with pytest.raises(AssessmentError) as caught:
        call("save", {"answers": {"rej-1": 7}, "group_index": 0})
    assert "outside 1 to 5" in caught.value.message
    with pytest.raises(AssessmentError):
        call("save", {"group_index": 0})
