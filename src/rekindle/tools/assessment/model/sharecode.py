"""Short share codes for questionnaire answers, so partners can compare with no server.

Format (version 1): ``RK1-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX``

- ``RK`` marks a Rekindle code; the next character is the version (Crockford base 32).
- The body is 24 Crockford base-32 characters = 120 bits: every item of `V1_ITEM_ORDER`
  as 3 bits (0 = skipped, 1..5 = the answer), 96 bits in all, then a 24-bit checksum
  (the low 24 bits of zlib.crc32 over the version byte and the 12 answer bytes).
  CRC catches every error burst shorter than 24 bits, and one changed character alters at
  most 5 neighbouring bits, so any single changed character is detected.
- Dashes, spaces, letter case, O for 0 and I/L for 1 are forgiven when a code is pasted, as
  are invisible direction and zero-width marks (pasted from right-to-left text or a chat
  app), and a whole link whose fragment holds ``#share=<code>``.

Decoding checks cheapest first: length of the raw input, then shape, version, length of
the body, checksum. Each failure raises ShareCodeError with a `.reason` and a plain
`.message`; nothing is ever half-decoded.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping

from rekindle.shared.errors import ReaderError
from rekindle.tools.assessment.model.compare import compare_view
from rekindle.tools.assessment.model.scoring import Answer, Answers

__all__ = [
    "CURRENT_VERSION",
    "V1_ITEM_ORDER",
    "ShareCodeError",
    "compare_view",
    "decode_share_code",
    "encode_share_code",
    "share_link_fragment",
]

CURRENT_VERSION = 1
PREFIX = "RK"
ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUES = {c: n for n, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
_IGNORED = frozenset(
    " \t\r\n-_.\u2010\u2011\u2012\u2013\u2014\u00a0"
    # invisible marks a chat app or a right-to-left text may add
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
MAX_INPUT_CHARS = 600  # a full link is about 80; anything far longer is not a code
BITS_PER_ITEM = 3
CHECK_BITS = 24
GROUP = 4

# Frozen forever for version 1: the position of each item in the code.
V1_ITEM_ORDER: tuple[str, ...] = (
    "rej-1",
    "rej-2",
    "rej-3",
    "con-1",
    "con-2",
    "con-3",
    "body-1",
    "body-2",
    "body-3",
    "att-1",
    "att-2",
    "att-3",
    "eng-1",
    "eng-2",
    "eng-3",
    "child-1",
    "child-2",
    "child-3",
    "shame-1",
    "shame-2",
    "shame-3",
    "emo-1",
    "emo-2",
    "emo-3",
    "perf-1",
    "perf-2",
    "perf-3",
    "sign-1",
    "sign-2",
    "sign-3",
    "sign-4",
    "sign-5",
)
PAYLOAD_BITS = BITS_PER_ITEM * len(V1_ITEM_ORDER)
BODY_CHARS = (PAYLOAD_BITS + CHECK_BITS) // 5

MESSAGES = {
    "malformed": "This does not look like a Rekindle share code. Check that you copied all "
    "of it, starting with RK.",
    "truncated": "This code is too short. Part of it may have been cut off when it was "
    "copied. Ask for the code again.",
    "tampered": "This code does not add up: a character may have been changed or mistyped. "
    "Ask for the code again.",
    "future-version": "This code is from a newer version of Rekindle. Reload this page to "
    "get the latest version, then try again.",
    "too-long": "This is far too long to be a share code. Paste only the code or the link.",
}


class ShareCodeError(ReaderError):
    """A share code that cannot be used; `.reason` is stable, `.message` is for the reader."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason, reason=reason)
        self.message = MESSAGES[reason]


def _checksum(version: int, payload: int) -> int:
    data = bytes([version]) + payload.to_bytes(PAYLOAD_BITS // 8, "big")
    return zlib.crc32(data) & ((1 << CHECK_BITS) - 1)


def _pack(answers: Mapping[str, Answer]) -> int:
    payload = 0
    for item_id in V1_ITEM_ORDER:
        payload = (payload << BITS_PER_ITEM) | (answers.get(item_id) or 0)
    return payload


def _unpack(payload: int) -> Answers:
    mask = (1 << BITS_PER_ITEM) - 1
    values = [(payload >> (BITS_PER_ITEM * n)) & mask for n in range(len(V1_ITEM_ORDER))]
    answers: Answers = {}
    for item_id, value in zip(V1_ITEM_ORDER, reversed(values), strict=True):
        if value > 5:
            raise ShareCodeError("malformed", f"{item_id} holds {value}")
        answers[item_id] = value or None
    return answers


def _to_base32(number: int, width: int) -> str:
    return "".join(ALPHABET[(number >> (5 * n)) & 31] for n in reversed(range(width)))


def encode_share_code(answers: Mapping[str, Answer]) -> str:
    """The reader's answers (already checked by parse_answers) as a grouped share code."""
    payload = _pack(answers)
    body = _to_base32((payload << CHECK_BITS) | _checksum(CURRENT_VERSION, payload), BODY_CHARS)
    groups = [body[n : n + GROUP] for n in range(0, len(body), GROUP)]
    return "-".join([PREFIX + ALPHABET[CURRENT_VERSION], *groups])


def share_link_fragment(code: str) -> str:
    """The URL fragment that carries a code; browsers never send fragments to the host."""
    return f"#share={code}"


def _extract_code(text: str) -> str:
    """The code part of a pasted code or link, with forgiven characters removed."""
    lowered = text.lower()
    if "share=" in lowered:
        text = text[lowered.rindex("share=") + len("share=") :].split("&", 1)[0]
    return "".join(c for c in text if c not in _IGNORED).upper()


def _decode_body(body: str) -> int:
    number = 0
    for char in body:
        value = _VALUES.get(char)
        if value is None:
            raise ShareCodeError("malformed", f"unexpected character {char!r}")
        number = (number << 5) | value
    return number


def _read_version(code: str) -> int:
    if not code:
        raise ShareCodeError("malformed", "empty")
    if len(code) < len(PREFIX) + 1 and PREFIX.startswith(code):
        raise ShareCodeError("truncated", "prefix only")
    if not code.startswith(PREFIX):
        raise ShareCodeError("malformed", "no RK prefix")
    version = _VALUES.get(code[len(PREFIX)])
    if version is None or version == 0:
        raise ShareCodeError("malformed", "bad version character")
    if version > CURRENT_VERSION:
        raise ShareCodeError("future-version", f"version {version}")
    return version


def decode_share_code(text: object) -> Answers:
    """Answers from a pasted code or link, or ShareCodeError saying what is wrong."""
    if not isinstance(text, str):
        raise ShareCodeError("malformed", "not text")
    if len(text) > MAX_INPUT_CHARS:
        raise ShareCodeError("too-long", f"{len(text)} characters")
    code = _extract_code(text)
    version = _read_version(code)
    body = code[len(PREFIX) + 1 :]
    number = _decode_body(body)
    if len(body) < BODY_CHARS:
        raise ShareCodeError("truncated", f"{len(body)} of {BODY_CHARS} characters")
    if len(body) > BODY_CHARS:
        raise ShareCodeError("malformed", f"{len(body)} characters, expected {BODY_CHARS}")
    payload, check = number >> CHECK_BITS, number & ((1 << CHECK_BITS) - 1)
    if _checksum(version, payload) != check:
        raise ShareCodeError("tampered", "checksum mismatch")
    return _unpack(payload)
