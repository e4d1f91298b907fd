"""Short, checked share codes for small fixed-layout answers, so two people compare with no server.

Shape: ``PPV-XXXX-XXXX-…``. ``PP`` is the tool's two-letter prefix, ``V`` the layout version
(one Crockford base-32 character), then the body in groups of four.

Rules of the format:

- A code carries only small integers, each in a bit width fixed per version: never free text.
- The body is Crockford base 32 of ``payload bits + 24 checksum bits``; when that total is not
  a multiple of 5, zero bits lead the payload. The checksum is the low 24 bits of
  ``zlib.crc32`` over the version byte and the payload as big-endian bytes. It is linear, so
  whether a changed character is caught depends only on where and how it changed, never on
  the code: the tests try every change for every payload size up to `MAX_PAYLOAD_BITS`.
- A version's layout never changes. A new layout is a new version; older versions stay
  readable, newer ones are refused with a "reload" message.
- Every prefix a Rekindle tool uses is listed in `TOOL_PREFIXES`, so a code pasted into the
  wrong tool is named for what it is instead of being called garbage.
- Pastes are forgiven: dashes, spaces, quotes, brackets, letter case, full-width forms,
  O for 0 and I/L for 1, invisible direction and zero-width marks, a whole link whose
  fragment holds ``#share=<code>``, and the same code pasted twice in a row.
- Decoding checks cheapest first: input length, prefix, version, characters, body length,
  checksum. Each failure raises `ShareCodeError` (a `ReaderError`) with a stable `.reason`;
  nothing is ever half-decoded.

With prefix ``RK``, version 1 and 32 fields of 3 bits this is exactly the self-assessment's
``RK1-`` code (the tests encode and decode with both).
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from rekindle.shared.errors import ReaderError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
VALUES: Mapping[str, int] = {c: n for n, c in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
CHECK_BITS = 24
MAX_PAYLOAD_BITS = 320  # every single-character change is caught up to here (tests check all)
MAX_INPUT_CHARS = 600  # a full link is about 100 characters; far longer is not a code

# Every prefix a Rekindle tool uses, and how to name that tool to a reader.
TOOL_PREFIXES: Mapping[str, str] = {
    "RK": "self-assessment",
    "RD": "deciding-together worksheet",
}

_IGNORED = frozenset(
    " \t\r\n-_.,;:\u2010\u2011\u2012\u2013\u2014\u00a0"
    "\"'`\u2018\u2019\u201a\u201c\u201d\u201e\u00ab\u00bb\u2039\u203a\u300c\u300d\u300e\u300f"
    "()[]{}<>"
    # invisible marks a chat app or a right-to-left text may add
    "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff"
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)
_SHARE_KEY = re.compile(r"share=", re.IGNORECASE | re.ASCII)

MESSAGES: Mapping[str, str] = {
    "malformed": "This does not look like a share code from this page. Check that you copied "
    "all of it, starting with {prefix}.",
    "truncated": "This code is too short. Part of it may have been cut off when it was "
    "copied. Ask for the code again.",
    "tampered": "This code does not add up: a character may have been changed or mistyped. "
    "Ask for the code again.",
    "future-version": "This code is from a newer version of Rekindle. Reload this page to "
    "get the latest version, then try again.",
    "too-long": "This is far too long to be a share code. Paste only the code or the link.",
    "other-tool": "This is a code from Rekindle's {tool}, not from this page. Ask for the "
    "code this page makes, starting with {prefix}.",
}
REASONS = tuple(MESSAGES)


class ShareCodeError(ReaderError):
    """A pasted code that cannot be used; `.reason` is stable, `.message` is for the reader.

    `.other_tool` names the tool a code belongs to when the reason is "other-tool";
    `.detail` is for developers and never shown.
    """

    def __init__(
        self, reason: str, message: str, *, detail: str = "", other_tool: str | None = None
    ) -> None:
        super().__init__(message, field="code", reason=reason)
        self.detail = detail
        self.other_tool = other_tool


@dataclass(frozen=True)
class Decoded:
    """What a code held: the layout version it was made with and its integers, in order."""

    version: int
    values: tuple[int, ...]


def _body_chars(widths: Sequence[int]) -> int:
    return -(-(sum(widths) + CHECK_BITS) // 5)


def _checksum(version: int, payload: int, payload_bits: int) -> int:
    data = bytes([version]) + payload.to_bytes(-(-payload_bits // 8), "big")
    return zlib.crc32(data) & ((1 << CHECK_BITS) - 1)


def _to_base32(number: int, width: int) -> str:
    return "".join(ALPHABET[(number >> (5 * n)) & 31] for n in reversed(range(width)))


def _ascii_upper(text: str) -> str:
    return "".join(c.upper() if c.isascii() else c for c in text)


def normalise(text: str) -> str:
    """The code part of a pasted code or link, with every forgiven character removed."""
    text = unicodedata.normalize("NFKC", text)
    keys = list(_SHARE_KEY.finditer(text))
    if keys:
        text = text[keys[-1].end() :].split("&", 1)[0]
    return _ascii_upper("".join(c for c in text if c not in _IGNORED))


@dataclass(frozen=True)
class ShareCodec:
    """One tool's codes: its prefix and, per version, the bit width of every field."""

    prefix: str
    layouts: Mapping[int, tuple[int, ...]]
    messages: Mapping[str, str] = field(default_factory=dict)
    group: int = 4
    max_input_chars: int = MAX_INPUT_CHARS

    def __post_init__(self) -> None:
        if self.prefix not in TOOL_PREFIXES:
            raise ValueError(f"prefix {self.prefix!r} is not listed in TOOL_PREFIXES")
        if len(self.prefix) != 2 or not all(c in ALPHABET and c.isalpha() for c in self.prefix):
            raise ValueError(f"prefix {self.prefix!r} must be two letters of the alphabet")
        if not self.layouts or not all(1 <= v < len(ALPHABET) for v in self.layouts):
            raise ValueError("versions run from 1 to 31")
        if not all(w and all(1 <= b <= 16 for b in w) for w in self.layouts.values()):
            raise ValueError("every field is 1 to 16 bits wide")
        if any(sum(w) > MAX_PAYLOAD_BITS for w in self.layouts.values()):
            raise ValueError(f"a layout holds at most {MAX_PAYLOAD_BITS} bits")
        if unknown := set(self.messages) - set(MESSAGES):
            raise ValueError(f"messages for unknown reasons: {sorted(unknown)}")

    @property
    def current_version(self) -> int:
        return max(self.layouts)

    @property
    def tool(self) -> str:
        return TOOL_PREFIXES[self.prefix]

    def message(self, reason: str, other_tool: str | None = None) -> str:
        """The reader's sentence for a reason, in this tool's words when it gave its own."""
        template = self.messages.get(reason, MESSAGES[reason])
        return template.format(prefix=self.prefix, tool=other_tool or self.tool)

    def error(self, reason: str, detail: str = "", other_tool: str | None = None) -> ShareCodeError:
        """An error to raise; tools use it too, for values a layout allows but they do not."""
        return ShareCodeError(
            reason, self.message(reason, other_tool), detail=detail, other_tool=other_tool
        )

    def fragment(self, code: str) -> str:
        """The URL fragment that carries a code; browsers never send fragments to the host."""
        return f"#share={code}"

    def encode(self, values: Sequence[int], version: int | None = None) -> str:
        """Integers (each fitting its field) as a grouped code; a misfit is a bug."""
        version = self.current_version if version is None else version
        widths = self.layouts[version]
        if len(values) != len(widths):
            raise ValueError(f"{len(values)} values for {len(widths)} fields")
        payload = 0
        for value, bits in zip(values, widths, strict=True):
            if isinstance(value, bool) or not 0 <= value < 1 << bits:
                raise ValueError(f"{value!r} does not fit in {bits} bits")
            payload = (payload << bits) | value
        check = _checksum(version, payload, sum(widths))
        body = _to_base32((payload << CHECK_BITS) | check, _body_chars(widths))
        groups = [body[n : n + self.group] for n in range(0, len(body), self.group)]
        return "-".join([self.prefix + ALPHABET[version], *groups])

    def decode(self, text: object) -> Decoded:
        """The version and integers of a pasted code or link, or ShareCodeError saying why not."""
        if not isinstance(text, str):
            raise self.error("malformed", "not text")
        if len(text) > self.max_input_chars:
            raise self.error("too-long", f"{len(text)} characters")
        code = normalise(text)
        version = self._read_version(code)
        expected = _body_chars(self.layouts[version])
        if (
            len(code) == 2 * (len(self.prefix) + 1 + expected)
            and code[: len(code) // 2] * 2 == code
        ):
            code = code[: len(code) // 2]  # the same code pasted twice
        body = code[len(self.prefix) + 1 :]
        number = self._read_body(body)
        if len(body) < expected:
            raise self.error("truncated", f"{len(body)} of {expected} characters")
        if len(body) > expected:
            raise self.error("malformed", f"{len(body)} characters, expected {expected}")
        return Decoded(version, self._unpack(version, number))

    def _read_version(self, code: str) -> int:
        size = len(self.prefix)
        if not code:
            raise self.error("malformed", "empty")
        if len(code) <= size and self.prefix.startswith(code):
            raise self.error("truncated", "prefix only")
        if not code.startswith(self.prefix):
            if code[:size] in TOOL_PREFIXES:
                tool = TOOL_PREFIXES[code[:size]]
                raise self.error("other-tool", f"prefix {code[:size]}", other_tool=tool)
            raise self.error("malformed", f"no {self.prefix} prefix")
        version = VALUES.get(code[size])
        if version is None or version == 0:
            raise self.error("malformed", "bad version character")
        if version > self.current_version:
            raise self.error("future-version", f"version {version}")
        if version not in self.layouts:
            raise self.error("malformed", f"no layout for version {version}")
        return version

    def _read_body(self, body: str) -> int:
        number = 0
        for char in body:
            value = VALUES.get(char)
            if value is None:
                raise self.error("malformed", f"unexpected character {char!r}")
            number = (number << 5) | value
        return number

    def _unpack(self, version: int, number: int) -> tuple[int, ...]:
        widths = self.layouts[version]
        payload_bits = sum(widths)
        payload, check = number >> CHECK_BITS, number & ((1 << CHECK_BITS) - 1)
        if payload >> payload_bits:
            raise self.error("tampered", "padding bits set")
        if _checksum(version, payload, payload_bits) != check:
            raise self.error("tampered", "checksum mismatch")
        values = []
        for bits in reversed(widths):
            values.append(payload & ((1 << bits) - 1))
            payload >>= bits
        return tuple(reversed(values))
