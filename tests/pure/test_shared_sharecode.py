"""The shared share-code codec: the self-assessment's RK1 codes exactly, and any small layout.

`Rk1Reference` restates, on its own, how the self-assessment made and read its codes before
the shared codec existed (src/rekindle/core/sharecode.py up to commit 0a80899), so the
comparison stays meaningful now that the assessment itself uses the shared codec. The golden
codes were made by that original module.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Callable
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.shared.errors import ReaderError
from rekindle.shared.sharecode import (
    ALPHABET,
    CHECK_BITS,
    MAX_PAYLOAD_BITS,
    MESSAGES,
    TOOL_PREFIXES,
    Decoded,
    ShareCodec,
    ShareCodeError,
)

RK = ShareCodec("RK", {1: (3,) * 32})
RD = ShareCodec("RD", {1: (3, 3, 3)})

# Made by the assessment's original module: (values, code).
GOLDEN = [
    ([0] * 32, "RK1-0000-0000-0000-0000-000E-57R7"),
    ([5] * 32, "RK1-PVDP-VDPV-DPVD-PVDP-VDPX-GVS9"),
    ([int(c) for c in "21350040240410033010430401554044"], "RK1-8Q82-0M22-0DG8-HH06-V0J0-0W6V"),
]


class RefCodeError(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Rk1Reference:
    """The original RK1 rules: 32 answers of 3 bits (0 = none, 1..5), a 24-bit CRC."""

    VALUES = {c: n for n, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
    IGNORED = frozenset(
        " \t\r\n-_.\u2010\u2011\u2012\u2013\u2014\u00a0\u200b\u200c\u200d\u200e"
        "\u200f\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    )

    @staticmethod
    def crc(payload: int) -> int:
        return zlib.crc32(bytes([1]) + payload.to_bytes(12, "big")) & 0xFFFFFF

    @classmethod
    def encode(cls, values: list[int]) -> str:
        payload = 0
        for value in values:
            payload = payload << 3 | value
        number = payload << 24 | cls.crc(payload)
        body = "".join(ALPHABET[number >> 5 * n & 31] for n in reversed(range(24)))
        return "RK1-" + "-".join(body[n : n + 4] for n in range(0, 24, 4))

    @classmethod
    def decode(cls, text: object) -> list[int]:
        if not isinstance(text, str):
            raise RefCodeError("malformed")
        if len(text) > 600:
            raise RefCodeError("too-long")
        if "share=" in text.lower():
            text = text[text.lower().rindex("share=") + 6 :].split("&", 1)[0]
        code = "".join(c for c in text if c not in cls.IGNORED).upper()
        if not code:
            raise RefCodeError("malformed")
        if len(code) < 3 and "RK".startswith(code):
            raise RefCodeError("truncated")
        if not code.startswith("RK"):
            raise RefCodeError("malformed")
        version = cls.VALUES.get(code[2])
        if not version:
            raise RefCodeError("malformed")
        if version > 1:
            raise RefCodeError("future-version")
        number = 0
        for char in code[3:]:
            if char not in cls.VALUES:
                raise RefCodeError("malformed")
            number = number << 5 | cls.VALUES[char]
        if len(code) - 3 != 24:
            raise RefCodeError("truncated" if len(code) - 3 < 24 else "malformed")
        if cls.crc(number >> 24) != number & 0xFFFFFF:
            raise RefCodeError("tampered")
        values = [number >> 24 + 3 * n & 7 for n in reversed(range(32))]
        if max(values) > 5:
            raise RefCodeError("malformed")
        return values


rk_values = st.lists(st.integers(min_value=0, max_value=5), min_size=32, max_size=32)


def reason_of(decode: Callable[[object], Any], text: object) -> str:
    with pytest.raises((ShareCodeError, RefCodeError)) as caught:
        decode(text)
    error = caught.value
    assert isinstance(error, ShareCodeError | RefCodeError)
    return error.reason


def rk_decode(text: object) -> list[int]:
    """The RK codec as the assessment uses it: answers 1..5, 0 for none."""
    values = list(RK.decode(text).values)
    if max(values) > 5:
        raise RK.error("malformed", "answer out of range")
    return values


@pytest.mark.parametrize(("values", "code"), GOLDEN)
def test_golden_assessment_codes(values: list[int], code: str) -> None:
    assert RK.encode(values) == Rk1Reference.encode(values) == code
    assert RK.decode(code) == Decoded(1, tuple(values))


@given(rk_values)
def test_same_codes_as_the_assessment_both_ways(values: list[int]) -> None:
    code = Rk1Reference.encode(values)
    assert RK.encode(values) == code
    assert list(RK.decode(code).values) == values
    assert Rk1Reference.decode(RK.encode(values)) == values


def test_the_assessment_module_makes_the_golden_codes() -> None:
    sharecode = pytest.importorskip("rekindle.tools.assessment.model.sharecode")
    for values, code in GOLDEN:
        answers = {i: v or None for i, v in zip(sharecode.V1_ITEM_ORDER, values, strict=True)}
        assert sharecode.encode_share_code(answers) == code
        assert sharecode.decode_share_code(code) == answers


CODE_CHARS = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcxyzOoIiLlU!- \u200f"
pasted = st.one_of(
    st.text(CODE_CHARS, max_size=40),
    st.builds(lambda s: "RK1" + s, st.text(CODE_CHARS, max_size=40)),
    st.builds(lambda values, cut: RK.encode(values)[:cut], rk_values, st.integers(0, 40)),
    st.builds(
        lambda values, pos, char: (lambda c: c[:pos] + char + c[pos + 1 :])(RK.encode(values)),
        rk_values,
        st.integers(0, 33),
        st.sampled_from(CODE_CHARS),
    ),
)


def _outcome(decode: Callable[[object], list[int]], text: object) -> object:
    try:
        return decode(text)
    except (ShareCodeError, RefCodeError) as error:
        return error.reason


@given(pasted)
def test_any_paste_gets_the_assessments_outcome(text: str) -> None:
    """Same answer or same reason, except that a code of another tool is now named."""
    old, new = _outcome(Rk1Reference.decode, text), _outcome(rk_decode, text)
    assert new == old or (new == "other-tool" and old == "malformed")


@pytest.mark.parametrize(
    "text",
    ["", "hello there", "XK1-AAAA", "RK1-AAAA-!!!!", "RK0-AAAA", "RK1" + "A" * 30,
     "RK1-" + "U" * 24, "R", "RK", "RK1", "RK1-", "RK2-AAAA", "rkz-abcd", 12345, None,
     "RK1-" + "A" * 1000, "RKO-AAAA", GOLDEN[2][1][:-1], GOLDEN[2][1] + "0"],
)  # fmt: skip
def test_the_assessments_bad_codes_get_the_same_reason(text: object) -> None:
    assert reason_of(rk_decode, text) == reason_of(Rk1Reference.decode, text)


@pytest.mark.parametrize(
    "mangle",
    [
        str.lower,
        lambda c: c.replace("-", ""),
        lambda c: "  " + c.replace("-", " - ") + "\n",
        lambda c: c.replace("0", "O").replace("1", "l"),
        lambda c: "https://example.org/tools/self-assessment/#share=" + c,
        lambda c: "Here is mine: https://example.org/x/#SHARE=" + c.lower() + "&v=1",
        lambda c: f"“{c}”",
        lambda c: f"'{c}'",
        lambda c: f"<{c}>",
        lambda c: "\u200f\u202b" + c + "\u202c\u200e",
        lambda c: c[:9] + "\u200b" + c[9:],
        lambda c: c + c,
        lambda c: c + "\n" + c,
        lambda c: "".join(chr(ord(x) + 0xFEE0) if x.isalnum() else x for x in c),  # full width
    ],
)
def test_forgiven_pastes(mangle: Callable[[str], str]) -> None:
    values = GOLDEN[2][0]
    assert RK.decode(mangle(RK.encode(values))).values == tuple(values)


def test_two_different_codes_pasted_together_are_refused() -> None:
    text = RK.encode(GOLDEN[1][0]) + RK.encode(GOLDEN[2][0])
    assert reason_of(RK.decode, text) == "malformed"


@pytest.mark.parametrize("text", ["RK1-0000", "rk", GOLDEN[0][1], "#share=" + GOLDEN[1][1]])
def test_a_code_of_another_tool_is_named(text: str) -> None:
    with pytest.raises(ShareCodeError) as caught:
        RD.decode(text)
    assert caught.value.reason == "other-tool"
    assert caught.value.other_tool == "self-assessment"
    assert "self-assessment" in caught.value.message
    assert "RD" in caught.value.message


def test_every_reason_has_a_plain_message_and_is_a_reader_error() -> None:
    assert set(MESSAGES) == {
        "malformed", "truncated", "tampered", "future-version", "too-long", "other-tool"
    }  # fmt: skip
    for reason in MESSAGES:
        error = RD.error(reason, "detail for developers", other_tool="self-assessment")
        assert isinstance(error, ReaderError)
        assert error.reason == reason and error.field == "code"
        assert "detail" not in error.message and "{" not in error.message


def test_a_tool_can_word_its_own_messages() -> None:
    codec = ShareCodec("RD", {1: (3,)}, messages={"malformed": "Not one of ours ({prefix})."})
    assert codec.error("malformed").message == "Not one of ours (RD)."
    assert codec.error("tampered").message == MESSAGES["tampered"]


def test_future_and_missing_versions() -> None:
    codec = ShareCodec("RD", {1: (3,), 3: (3, 3)})
    assert codec.current_version == 3
    assert reason_of(codec.decode, "RD4" + codec.encode([1, 2])[3:]) == "future-version"
    assert reason_of(codec.decode, "RD2-0000") == "malformed"
    assert codec.decode(codec.encode([5], version=1)) == Decoded(1, (5,))
    assert codec.decode(codec.encode([5, 6])) == Decoded(3, (5, 6))


def test_gigantic_paste_is_refused_by_length_alone() -> None:
    huge = "RD1-" + "A" * 100_000
    start = time.perf_counter()
    assert reason_of(RD.decode, huge) == "too-long"
    assert time.perf_counter() - start < 0.05


layouts = st.lists(st.integers(min_value=1, max_value=16), min_size=1, max_size=20)


@given(
    layouts.flatmap(
        lambda w: st.tuples(st.just(w), st.tuples(*(st.integers(0, 2**b - 1) for b in w)))
    )
)
def test_round_trip_for_any_layout(layout: tuple[list[int], tuple[int, ...]]) -> None:
    widths, values = layout
    codec = ShareCodec("RD", {1: tuple(widths)})
    code = codec.encode(values)
    assert code.startswith("RD1-")
    assert all(len(group) <= 4 for group in code.split("-")[1:])
    assert codec.decode(code) == Decoded(1, values)


@given(
    layouts.flatmap(
        lambda w: st.tuples(st.just(w), st.tuples(*(st.integers(0, 2**b - 1) for b in w)))
    ),
    st.data(),
)
def test_any_single_changed_character_is_caught(
    layout: tuple[list[int], tuple[int, ...]], data: st.DataObject
) -> None:
    widths, values = layout
    codec = ShareCodec("RD", {1: tuple(widths)})
    body = codec.encode(values).replace("-", "")[3:]
    pos = data.draw(st.integers(0, len(body) - 1))
    new = data.draw(st.sampled_from(ALPHABET.replace(body[pos], "")))
    changed = "RD1" + body[:pos] + new + body[pos + 1 :]
    assert reason_of(codec.decode, changed) == "tampered"


def _crc24(version: int, payload: int, bits: int) -> int:
    data = bytes([version]) + payload.to_bytes(-(-bits // 8), "big")
    return zlib.crc32(data) & ((1 << CHECK_BITS) - 1)


def test_every_single_change_is_caught_for_every_allowed_payload_size() -> None:
    """The checksum is linear: a change is caught in every code of a size iff in the zero code.

    A change XORs `d << shift` into the body; it goes unseen only if it leaves the padding
    clear and alters the checksum exactly as it alters the payload's CRC.
    """
    for bits in range(1, MAX_PAYLOAD_BITS + 1):
        chars = -(-(bits + CHECK_BITS) // 5)
        for shift in range(0, 5 * chars, 5):
            for d in range(1, 32):
                change = d << shift
                payload, check = change >> CHECK_BITS, change & ((1 << CHECK_BITS) - 1)
                if payload >> bits == 0:
                    unseen = _crc24(1, payload, bits) ^ _crc24(1, 0, bits) == check
                    assert not unseen, (bits, shift, d)


@pytest.mark.parametrize("bits", [1, 7, 16, 87, 96, 320])
def test_every_single_change_is_refused_by_the_decoder(bits: int) -> None:
    codec = ShareCodec("RD", {1: (1,) * bits})
    body = codec.encode([1, 0] * (bits // 2) + [1] * (bits % 2)).replace("-", "")[3:]
    for pos, old in enumerate(body):
        for new in ALPHABET.replace(old, ""):
            changed = "RD1" + body[:pos] + new + body[pos + 1 :]
            assert reason_of(codec.decode, changed) == "tampered", (pos, new)


@pytest.mark.parametrize(
    "kwargs",
    [
        {"prefix": "XX", "layouts": {1: (3,)}},  # not listed in TOOL_PREFIXES
        {"prefix": "RD", "layouts": {}},
        {"prefix": "RD", "layouts": {0: (3,)}},
        {"prefix": "RD", "layouts": {32: (3,)}},
        {"prefix": "RD", "layouts": {1: ()}},
        {"prefix": "RD", "layouts": {1: (17,)}},
        {"prefix": "RD", "layouts": {1: (16,) * 21}},
        {"prefix": "RD", "layouts": {1: (3,)}, "messages": {"oops": "x"}},
    ],
)
def test_bad_codecs_are_refused_when_made(kwargs: dict[str, Any]) -> None:
    with pytest.raises(ValueError) as caught:
        ShareCodec(**kwargs)
    assert not isinstance(caught.value, ReaderError)


def test_prefixes_are_distinct_letters_of_the_alphabet() -> None:
    for prefix in TOOL_PREFIXES:
        assert len(prefix) == 2 and all(c in ALPHABET and c.isalpha() for c in prefix)


@pytest.mark.parametrize("values", [[8], [-1], [True], [1, 2]])
def test_values_that_do_not_fit_are_a_bug(values: list[int]) -> None:
    with pytest.raises(ValueError) as caught:
        ShareCodec("RD", {1: (3,)}).encode(values)
    assert not isinstance(caught.value, ReaderError)
