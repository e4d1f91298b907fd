"""What the reader writes, and the page's ids and timestamps, checked the same way everywhere.

Rules:

1. The reader's text is kept exactly as typed: markup, script tags, right-to-left text,
   emoji and combining marks are characters like any other. Nothing is trimmed, escaped or
   normalised here; whoever shows the text shows it as text.
2. Text that is empty, or only spaces and invisible format characters, is refused with a
   message; so is text longer than MAX_TEXT_CHARS, with the limit named.
3. Ids and timestamps come from the page (a random id, epoch milliseconds). A bad one is a
   bug in the page: ValueError, never the reader's fault.
"""

from __future__ import annotations

import re
import unicodedata

from rekindle.shared.errors import ReaderError

MAX_TEXT_CHARS = 20_000  # about eight pages of writing: far more than a fifteen-minute entry
ID_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,64}")
MAX_MS = 2**53 - 1  # the largest whole number JavaScript keeps exactly


def is_blank(text: str) -> bool:
    """True when nothing visible was written: spaces, line breaks, zero-width characters."""
    return all(ch.isspace() or unicodedata.category(ch) == "Cf" for ch in text)


def reader_text(value: object, *, field: str, what: str, optional: bool = False) -> str:
    """Text the reader typed, returned verbatim, or a ReaderError saying what to change."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a string")
    if len(value) > MAX_TEXT_CHARS:
        raise ReaderError(
            f"This {what} is {len(value):,} characters long; one {what} can hold up to "
            f"{MAX_TEXT_CHARS:,}. Nothing was lost: you could split it into two.",
            field=field,
            reason="too-long",
        )
    if not optional and is_blank(value):
        raise ReaderError(
            f"This {what} is empty, so there is nothing to keep yet.",
            field=field,
            reason="empty",
        )
    return value


def page_id(value: object) -> str:
    """A random id made by the page (for example crypto.randomUUID())."""
    if not isinstance(value, str) or ID_PATTERN.fullmatch(value) is None:
        raise ValueError(f"not an id: {str(value)[:70]!r}")
    return value


def page_ms(value: object) -> int:
    """Epoch milliseconds from the page; JavaScript may send a whole float."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= MAX_MS:
        raise ValueError(f"not a timestamp in ms: {value!r}")
    return value
