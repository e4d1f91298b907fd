"""Short share codes for questionnaire answers, so partners can compare with no server.

Format (version 1): ``RK1-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX``, made and read by the shared codec
(`rekindle.shared.sharecode`, where the format's rules are stated): prefix ``RK``, then every
item of `V1_ITEM_ORDER` as 3 bits (0 = skipped, 1..5 = the answer), 96 bits, then a 24-bit
checksum. Pastes are forgiven as the codec says (dashes, case, O/I/L, invisible marks, a
whole ``#share=`` link). What is the assessment's own: the item order, that a field may hold
only 0 to 5, and the words of its messages.
"""

from __future__ import annotations

from collections.abc import Mapping

from rekindle.shared.sharecode import ALPHABET, ShareCodec, ShareCodeError
from rekindle.tools.assessment.model.compare import compare_view
from rekindle.tools.assessment.model.scoring import Answer, Answers

__all__ = [
    "ALPHABET",
    "CODEC",
    "CURRENT_VERSION",
    "MESSAGES",
    "V1_ITEM_ORDER",
    "ShareCodeError",
    "compare_view",
    "decode_share_code",
    "encode_share_code",
    "share_link_fragment",
]

CURRENT_VERSION = 1
BITS_PER_ITEM = 3
HIGHEST_ANSWER = 5

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
    "other-tool": "This is a code from Rekindle's {tool}, not from the self-assessment. Ask "
    "for the code this page makes, starting with RK.",
}

CODEC = ShareCodec(
    prefix="RK", layouts={1: (BITS_PER_ITEM,) * len(V1_ITEM_ORDER)}, messages=MESSAGES
)


def encode_share_code(answers: Mapping[str, Answer]) -> str:
    """The reader's answers (already checked by parse_answers) as a grouped share code."""
    return CODEC.encode([answers.get(item_id) or 0 for item_id in V1_ITEM_ORDER])


def share_link_fragment(code: str) -> str:
    """The URL fragment that carries a code; browsers never send fragments to the host."""
    return CODEC.fragment(code)


def decode_share_code(text: object) -> Answers:
    """Answers from a pasted code or link, or ShareCodeError saying what is wrong."""
    values = CODEC.decode(text).values
    answers: Answers = {}
    for item_id, value in zip(V1_ITEM_ORDER, values, strict=True):
        if value > HIGHEST_ANSWER:
            raise CODEC.error("malformed", f"{item_id} holds {value}")
        answers[item_id] = value or None
    return answers
