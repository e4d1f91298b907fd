"""One family for problems a reader can fix, so the engine can tell them from bugs.

A `ReaderError` is shown to the reader as it is (plain words, nothing they entered is lost);
`field` names the input to point at, `reason` is a stable tag for the page and the tests.
Anything else raised inside an operation is a bug: the engine answers "internal" with a
plain apology and keeps the detail for developers. It is a ValueError (a value the reader
gave is wrong), but the engine catches `ReaderError` only, so a stray `int("x")` in our own
code can never pass for the reader's mistake.
"""

from __future__ import annotations


class ReaderError(ValueError):
    """Something the reader typed, pasted or saved that cannot be used, said in plain words."""

    reason: str = "invalid"

    def __init__(self, message: str, *, field: str | None = None, reason: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        if reason is not None:
            self.reason = reason
