"""The worksheet's share codes: round trips, every changed character, forged and foreign codes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.shared.errors import ReaderError
from rekindle.shared.sharecode import ALPHABET, ShareCodeError
from rekindle.tools.deciding.model.answers import Answers, Wish
from rekindle.tools.deciding.model.codes import (
    CODEC,
    V1_AREAS,
    V1_REASONS,
    decode_code,
    decode_theirs,
    encode_code,
    share_fragment,
)
from rekindle.tools.deciding.model.items import TABLE
from rekindle.tools.deciding.model.table import CHANGED_IDS, FIRMNESS_IDS


def wishes(choices: tuple[str, ...]) -> st.SearchStrategy[Wish | None]:
    firm = st.builds(Wish, st.sampled_from(choices), st.sampled_from(FIRMNESS_IDS))
    return st.one_of(st.none(), firm, st.just(Wish(None, "unsure")))


complete_answers = st.builds(
    lambda areas, reasons: Answers(
        {a: w for a, w in areas.items() if w is not None},
        {r: c for r, c in reasons.items() if c is not None},
    ),
    st.fixed_dictionaries({a.id: wishes(a.choice_ids) for a in TABLE.areas}),
    st.fixed_dictionaries(
        {r.id: st.one_of(st.none(), st.sampled_from(CHANGED_IDS)) for r in TABLE.reasons}
    ),
)
SAMPLE = Answers(
    {"children": Wish("yes", "must"), "money": Wish(None, "unsure"),
     "conflict": Wish("with-help", "flexible")},
    {"trust": "no", "something-else": "dont-know"},
)  # fmt: skip


def reason_of(text: object) -> str:
    with pytest.raises(ShareCodeError) as caught:
        decode_code(text)
    return caught.value.reason


def test_code_shape() -> None:
    code = encode_code(SAMPLE)
    prefix, *groups = code.split("-")
    assert prefix == "RD1"
    assert [len(g) for g in groups] == [4, 4, 4, 4, 4, 3]
    assert set("".join(groups)) <= set(ALPHABET)
    assert share_fragment(code) == "#share=" + code


def test_the_layout_is_the_table() -> None:
    assert [a for a, _ in V1_AREAS] == list(TABLE.area_ids)
    assert list(V1_REASONS) == [r.id for r in TABLE.shared_reasons]


@given(complete_answers)
def test_round_trip_keeps_everything_but_private_reasons(answers: Answers) -> None:
    decoded = decode_code(encode_code(answers))
    assert decoded == answers.shareable()
    assert "felt-unsafe" not in decoded.reasons


@given(complete_answers)
def test_a_private_reason_changes_nothing_in_the_code(answers: Answers) -> None:
    without = Answers(dict(answers.areas), {**answers.reasons, "felt-unsafe": "no"})
    assert encode_code(without) == encode_code(answers.shareable())


def test_every_single_changed_character_is_caught() -> None:
    """The checksum is linear, so every position and value for one code covers all codes."""
    body = encode_code(SAMPLE).replace("-", "")[3:]
    for pos, old in enumerate(body):
        for new in ALPHABET.replace(old, ""):
            assert reason_of("RD1" + body[:pos] + new + body[pos + 1 :]) == "tampered"


@given(complete_answers, st.data())
def test_any_changed_character_in_any_code_is_caught(answers: Answers, data: st.DataObject) -> None:
    code = encode_code(answers)
    pos = data.draw(st.sampled_from([n for n, c in enumerate(code) if c != "-"]))
    new = data.draw(st.sampled_from(ALPHABET.replace(code[pos], "")))
    with pytest.raises(ShareCodeError):
        decode_code(code[:pos] + new + code[pos + 1 :])


def _forged(area_values: tuple[int, int] = (0, 0), reason: int = 0) -> str:
    """A code with a correct checksum holding values the page can never make."""
    values = [*area_values, *[0] * (2 * len(V1_AREAS) - 2), reason, *[0] * (len(V1_REASONS) - 1)]
    return CODEC.encode(values)


@pytest.mark.parametrize(
    ("area_values", "reason"),
    [((5, 1), 0), ((1, 0), 0), ((0, 1), 0), ((1, 5), 0), ((0, 7), 0), ((0, 0), 5), ((0, 0), 7)],
)
def test_forged_values_with_a_good_checksum_are_refused(
    area_values: tuple[int, int], reason: int
) -> None:
    assert reason_of(_forged(area_values, reason)) == "malformed"


def test_forged_but_possible_values_decode() -> None:
    assert decode_code(_forged((0, 4), 3)) == Answers(
        {"commitment": Wish(None, "unsure")}, {"trust": "no"}
    )


def test_your_own_code_gets_its_own_message() -> None:
    with pytest.raises(ReaderError) as caught:
        decode_theirs(encode_code(SAMPLE), SAMPLE)
    assert caught.value.reason == "own-code"
    assert "your own code" in caught.value.message
    mine_with_private = Answers(dict(SAMPLE.areas), {**SAMPLE.reasons, "felt-unsafe": "yes"})
    with pytest.raises(ReaderError, match="your own code"):
        decode_theirs(encode_code(SAMPLE), mine_with_private)


def test_a_different_code_is_theirs() -> None:
    other = Answers({"children": Wish("no", "must")}, {})
    assert decode_theirs(encode_code(other), SAMPLE) == other


def test_an_assessment_code_is_named() -> None:
    with pytest.raises(ShareCodeError) as caught:
        decode_code("RK1-G491-SB1K-B8B4-1S3C-JS44-Z2N1")
    assert caught.value.reason == "other-tool"
    assert caught.value.message.startswith("That is a code from Rekindle's self-assessment")
    assert "RD" in caught.value.message


def test_a_newer_version_asks_for_a_reload() -> None:
    with pytest.raises(ShareCodeError) as caught:
        decode_code("RD2" + encode_code(SAMPLE)[3:])
    assert caught.value.reason == "future-version"
    assert "Reload this page" in caught.value.message
