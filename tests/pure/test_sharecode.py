"""Share codes: round trips, forgiving input, every kind of bad code, and the compare view."""

from __future__ import annotations

import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.tools.assessment.model.items import ITEM_BANK
from rekindle.tools.assessment.model.scoring import parse_answers
from rekindle.tools.assessment.model.sharecode import (
    ALPHABET,
    CODEC,
    MESSAGES,
    V1_ITEM_ORDER,
    ShareCodeError,
    compare_view,
    decode_share_code,
    encode_share_code,
)

answer_sets = st.fixed_dictionaries(
    {i: st.one_of(st.none(), st.integers(min_value=1, max_value=5)) for i in ITEM_BANK.item_ids}
)
SAMPLE = parse_answers({"rej-1": 5, "rej-2": 4, "rej-3": 1, "child-1": 4, "sign-1": 5})


def reason_of(text: object) -> str:
    with pytest.raises(ShareCodeError) as caught:
        decode_share_code(text)
    assert caught.value.message == MESSAGES[caught.value.reason]
    return caught.value.reason


def test_item_order_covers_the_bank_exactly() -> None:
    assert sorted(V1_ITEM_ORDER) == sorted(ITEM_BANK.item_ids)
    assert len(set(V1_ITEM_ORDER)) == len(V1_ITEM_ORDER)


def test_code_shape() -> None:
    code = encode_share_code(SAMPLE)
    parts = code.split("-")
    assert parts[0] == "RK1"
    assert [len(p) for p in parts[1:]] == [4] * 6
    assert set("".join(parts[1:])) <= set(ALPHABET)


@given(answer_sets)
def test_round_trip(answers: dict) -> None:
    assert decode_share_code(encode_share_code(answers)) == answers


@given(answer_sets)
def test_encoding_is_deterministic_and_order_free(answers: dict) -> None:
    backwards = dict(reversed(list(answers.items())))
    assert encode_share_code(answers) == encode_share_code(backwards)


@pytest.mark.parametrize(
    "mangle",
    [
        str.lower,
        lambda c: c.replace("-", ""),
        lambda c: c.replace("-", " "),
        lambda c: "  " + c.replace("-", " - ") + "\n",
        lambda c: c.replace("0", "O").replace("1", "l"),
        lambda c: "https://example.org/tools/self-assessment/#share=" + c,
        lambda c: "Here is mine: https://example.org/x/#share=" + c.lower() + "&v=1",
    ],
)
def test_pasted_variants_decode(mangle) -> None:
    assert decode_share_code(mangle(encode_share_code(SAMPLE))) == SAMPLE


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello there",
        "XK1-AAAA",
        "RK1-AAAA-!!!!",
        "RK0-AAAA",
        "RK1" + "A" * 30,
        "RK1-" + "U" * 24,
    ],
)
def test_malformed(text: str) -> None:
    assert reason_of(text) == "malformed"


def test_not_text_is_malformed() -> None:
    assert reason_of(12345) == "malformed"
    assert reason_of(None) == "malformed"


@pytest.mark.parametrize("keep", [1, 2, 3, 4, 10, 26, 32])
def test_truncated(keep: int) -> None:
    code = encode_share_code(SAMPLE)
    assert reason_of(code[:keep]) == "truncated"


def test_every_single_changed_character_is_detected() -> None:
    """CRC is linear, so covering every position and value for one code covers all codes."""
    body = encode_share_code(SAMPLE).replace("-", "")[3:]
    for pos, old in enumerate(body):
        for new in ALPHABET:
            if new != old:
                changed = "RK1" + body[:pos] + new + body[pos + 1 :]
                assert reason_of(changed) == "tampered", (pos, new)


def test_two_swapped_neighbours_are_detected() -> None:
    body = encode_share_code(SAMPLE).replace("-", "")[3:]
    for pos in range(len(body) - 1):
        if body[pos] != body[pos + 1]:
            swapped = body[:pos] + body[pos + 1] + body[pos] + body[pos + 2 :]
            assert reason_of("RK1" + swapped) == "tampered"


def test_future_version() -> None:
    code = encode_share_code(SAMPLE)
    assert reason_of("RK2" + code[3:]) == "future-version"
    assert reason_of("rkz-abcd") == "future-version"
    assert "newer version" in MESSAGES["future-version"]


def test_gigantic_input_is_refused_quickly_by_length() -> None:
    huge = "RK1-" + "A" * 1_000_000
    start = time.perf_counter()
    assert reason_of(huge) == "too-long"
    assert time.perf_counter() - start < 0.05


def test_errors_are_value_errors_with_plain_messages() -> None:
    error = CODEC.error("tampered")
    assert isinstance(error, ShareCodeError) and isinstance(error, ValueError)
    assert error.message == MESSAGES["tampered"]
    assert set(MESSAGES) == {
        "malformed",
        "truncated",
        "tampered",
        "future-version",
        "too-long",
        "other-tool",
    }


# compare_view
def filled(value_by_barrier: dict[str, int]) -> dict:
    answers: dict = {}
    for barrier_id, value in value_by_barrier.items():
        for item in ITEM_BANK.items_of(barrier_id):
            answers[item.id] = 6 - value if item.reverse else value
    return parse_answers(answers)


def test_compare_flags_the_biggest_differences_in_words() -> None:
    mine = filled(
        {
            "fear-of-rejection": 5,
            "unresolved-conflict": 4,
            "attachment-styles": 3,
            "shame-and-guilt": 2,
            "childhood-wounds": 3,
        }
    )
    theirs = filled(
        {
            "fear-of-rejection": 1,
            "unresolved-conflict": 1,
            "attachment-styles": 1,
            "shame-and-guilt": 5,
            "childhood-wounds": 3,
        }
    )
    view = compare_view(mine, theirs)
    assert view["biggest"] == ["fear-of-rejection", "unresolved-conflict", "shame-and-guilt"]
    rows = {r["id"]: r for r in view["rows"]}
    assert rows["fear-of-rejection"]["difference"] == 100
    assert rows["fear-of-rejection"]["sentence"] == "Shows much more for you."
    assert rows["shame-and-guilt"]["sentence"] == "Shows much more for your partner."
    assert rows["shame-and-guilt"]["higher"] == "theirs" and rows["shame-and-guilt"]["is_big"]
    assert rows["attachment-styles"]["difference"] == 50 and not rows["attachment-styles"]["is_big"]
    assert rows["childhood-wounds"]["sentence"] == "The same for you both."
    assert rows["perfectionism-and-control"]["difference"] is None
    assert "not answer enough" in rows["perfectionism-and-control"]["sentence"]
    assert rows["fear-of-rejection"]["mine"]["summary"] == "Stands out: 12 of 12 points"
    # No number out of 100 reaches the reader: gaps are said in words only.
    assert not any(
        "100" in r["sentence"] or "points higher" in r["sentence"] for r in rows.values()
    )
    assert [r["id"] for r in view["rows"]] == [b.id for b in ITEM_BANK.barriers]


def test_compare_small_gaps_are_not_flagged() -> None:
    theirs = {**filled({"fear-of-rejection": 3}), "rej-1": 5}  # 50 against 67
    view = compare_view(filled({"fear-of-rejection": 3}), theirs)
    assert view["rows"][0]["difference"] == 17
    assert view["rows"][0]["sentence"] == "Shows a little more for your partner."
    assert view["biggest"] == []
    assert "fairly close" in view["biggest_summary"]


def test_a_gap_of_exactly_25_is_flagged() -> None:
    view = compare_view(filled({"fear-of-rejection": 3}), filled({"fear-of-rejection": 4}))
    assert view["biggest"] == ["fear-of-rejection"]


def test_compare_signs_side_by_side() -> None:
    view = compare_view(
        parse_answers({"sign-1": 5, "sign-2": 4}), parse_answers({"sign-2": 5, "sign-3": 4})
    )
    signs = view["signs"]
    assert (signs["mine_count"], signs["theirs_count"], signs["both_count"]) == (2, 2, 1)
    assert signs["items"][1] == {
        "item_id": "sign-2",
        "short": "Less everyday touch",
        "mine": True,
        "theirs": True,
    }
