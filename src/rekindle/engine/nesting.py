"""How deeply a request nests, measured before Python parses any of it.

Saved data nested a few thousand levels deep (a few KB of "[[[[") made `json.loads` recurse
until WebAssembly's stack ran out. Pyodide reports that as a fatal error, not as a
RecursionError `handle` could catch, and the worker is gone. So the engine measures first,
with a regular expression and a loop (no recursion), and refuses anything deeper than
MAX_DEPTH for that call only. The page refuses the same before sending (`kit/shape.js`, the
same limit); this holds for any caller. No tool's data nests more than a few levels.
"""

from __future__ import annotations

import json
import re

MAX_DEPTH = 64
MESSAGE = (
    "Something given to this tool is nested far more deeply than anything the tools save, "
    "so it was not read."
)

# A JSON string literal (escapes included), and the brackets left once strings are gone.
_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_BRACKET = re.compile(r"[\[\]{}]")
_OPENS_JSON = re.compile(r'"(?:\s|\\[nrt])*[\[{]')  # a literal whose text starts "[" or "{"


def _depths(text: str) -> tuple[int, int, int]:
    """(deepest, lowest, final) nesting of the brackets outside strings."""
    depth = deepest = lowest = 0
    for bracket in _BRACKET.findall(_STRING.sub("", text)):
        depth += 1 if bracket in "[{" else -1
        deepest, lowest = max(deepest, depth), min(lowest, depth)
    return deepest, lowest, depth


def text_depth(text: str) -> int:
    """How deeply JSON text nests ("[[1]]" is 2), brackets inside strings not counted."""
    return _depths(text)[0]


def held_json_depth(text: str) -> int:
    """The depth of a string's text if it is shaped like JSON (saved data as it was read:
    "[...]" or "{...}" with its brackets balanced), else 0: what a reader typed ("[[[ note")
    is text, however many brackets it holds."""
    stripped = text.strip()
    if stripped[:1] not in ("[", "{") or stripped[-1:] not in ("]", "}"):
        return 0
    deepest, lowest, final = _depths(stripped)
    return deepest if lowest == 0 and final == 0 else 0


def too_deep(request_json: str) -> bool:
    """Whether the request, or JSON text held in one of its strings (saved data as it was
    read from storage), nests deeper than MAX_DEPTH."""
    outer = text_depth(request_json)
    if outer > MAX_DEPTH:
        return True
    for literal in _STRING.finditer(request_json):
        if not _OPENS_JSON.match(literal.group(0)):
            continue
        inner = json.loads(literal.group(0))  # one string literal: no nesting to fear
        if isinstance(inner, str) and outer + held_json_depth(inner) > MAX_DEPTH:
            return True
    return False
