"""Parsing and checking one timer setting at a time, with messages a reader can act on.

Every parser takes the raw value (text from a form or a fence; an int is accepted where a
number is meant) and the field name to blame, and returns the clean value or raises
`SettingsError`. Messages never echo the input back: it may be 10,000 characters of markup.
"""

from __future__ import annotations

import unicodedata

from rekindle.shared.errors import ReaderError
from rekindle.tools.timer.model.presets import (
    MAX_MINUTES,
    MAX_NAME_LENGTH,
    MAX_PROMPT_LENGTH,
    MAX_PROMPTS,
    MAX_ROUNDS,
    MIN_MINUTES,
    MIN_ROUNDS,
    PRESETS,
)

LABELS = {
    "preset": "Preset",
    "minutes": "Minutes per turn",
    "rounds": "Rounds",
    "names": "Names",
    "name_a": "First person's name",
    "name_b": "Second person's name",
    "starts": "Who starts",
    "warning": "Warning",
    "handover": "When a turn ends",
    "prompts": "Prompts",
}

# Bidi embeddings, overrides and isolates can flip the sentence a name is shown in.
# Right-to-left names need none of them: the page isolates each name when it renders it.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_FORBIDDEN_CATEGORIES = frozenset({"Cc", "Cs", "Zl", "Zp"})
# Letters that draw nothing (Hangul fillers); with format characters (zero-width space,
# joiners, soft hyphen) and spaces they would make a name that shows as a blank.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
_MAX_NUMBER_TEXT = 6


class SettingsError(ReaderError):
    """A setting that cannot be used. `field` names the option; `message` is plain words."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


def label(field: str) -> str:
    """The reader-facing name of a field (the field name itself if it has no label)."""
    return LABELS.get(field, field)


def whole_number(raw: object, field: str, low: int, high: int) -> int:
    """A whole number in [low, high] from text like " 12 " or from an int (never a bool)."""
    problem = f"{label(field)} must be a whole number from {low} to {high}."
    if isinstance(raw, bool) or not isinstance(raw, int | str):
        raise SettingsError(field, problem)
    if isinstance(raw, str):
        text = raw.strip()
        # isdecimal() refuses "3.5", "-1", "1e3", "NaN", "Infinity" and "1_000", and allows
        # any script's digits (e.g. Arabic-Indic), which int() reads correctly.
        if not text.isdecimal() or len(text) > _MAX_NUMBER_TEXT:
            raise SettingsError(field, problem)
        raw = int(text)
    if not low <= raw <= high:
        raise SettingsError(field, problem)
    return raw


def parse_preset(raw: object, field: str = "preset") -> str:
    """One of the preset keys, e.g. "check-in" (surrounding spaces and case forgiven)."""
    key = raw.strip().lower() if isinstance(raw, str) else ""
    if key not in PRESETS:
        choices = ", ".join(PRESETS)
        raise SettingsError(field, f"{label(field)} must be one of: {choices}.")
    return key


def parse_minutes(raw: object, field: str = "minutes") -> int:
    """Whole minutes per turn, 1 to 60."""
    return whole_number(raw, field, MIN_MINUTES, MAX_MINUTES)


def parse_rounds(raw: object, field: str = "rounds") -> int | None:
    """1 to 20 rounds, or "open" (None: the couple decides when to stop)."""
    if isinstance(raw, str) and raw.strip().lower() == "open":
        return None
    try:
        return whole_number(raw, field, MIN_ROUNDS, MAX_ROUNDS)
    except SettingsError:
        message = f"{label(field)} must be “open” or a whole number from 1 to {MAX_ROUNDS}."
        raise SettingsError(field, message) from None


def parse_warning(raw: object, field: str = "warning") -> int:
    """Seconds of soft warning before a turn ends; "off" or 0 turns it off."""
    if isinstance(raw, str) and raw.strip().lower() == "off":
        return 0
    try:
        return whole_number(raw, field, 0, MAX_MINUTES * 60)
    except SettingsError:
        message = f"{label(field)} must be a whole number of seconds, or 0 for off."
        raise SettingsError(field, message) from None


def check_warning_fits(minutes: int, warning_seconds: int, field: str = "warning") -> None:
    """The warning must come strictly before the turn ends, or it would never be a warning."""
    if warning_seconds >= minutes * 60:
        unit = "minute" if minutes == 1 else "minutes"
        message = (
            f"{label(field)} must be shorter than the turn ({minutes} {unit}); "
            "choose fewer seconds, or 0 for off."
        )
        raise SettingsError(field, message)


def name_problem(name: str, longest: int = MAX_NAME_LENGTH) -> str | None:
    """What is wrong with an already-trimmed name (or prompt), in words, or None if fine."""
    if not name:
        return "can't be empty."
    if len(name) > longest:
        return f"must be at most {longest} characters."
    for char in name:
        if char in _BIDI_CONTROLS or unicodedata.category(char) in _FORBIDDEN_CATEGORIES:
            return "can't contain control characters or line breaks."
    if all(_draws_nothing(char) for char in name):
        return "needs at least one visible character."
    return None


def _draws_nothing(char: str) -> bool:
    return char in _BLANK_LETTERS or unicodedata.category(char)[0] in "CZ"


def clean_name(raw: object, field: str) -> str:
    """A trimmed name of 1 to 40 characters. Any script is fine; markup is just text."""
    if not isinstance(raw, str):
        raise SettingsError(field, f"{label(field)} must be text.")
    name = raw.strip()
    problem = name_problem(name)
    if problem:
        raise SettingsError(field, f"{label(field)} {problem}")
    return name


def parse_name_pair(raw: object, field: str = "names") -> tuple[str, str]:
    """Two names separated by a comma, as in a fence's `names: Sam, Alex`."""
    if not isinstance(raw, str) or raw.count(",") != 1:
        message = f"{label(field)} must be two names separated by one comma, e.g. “Sam, Alex”."
        raise SettingsError(field, message)
    first, second = raw.split(",")
    return clean_name(first, field), clean_name(second, field)


def parse_starts_word(raw: object, field: str = "starts") -> int:
    """A fence's words: "first" -> 0, "second" -> 1 ("1" would be ambiguous there)."""
    words = {"first": 0, "second": 1}
    word = raw.strip().lower() if isinstance(raw, str) else None
    if word not in words:
        raise SettingsError(field, f"{label(field)} must be “first” or “second”.")
    return words[word]


def parse_starts_index(raw: object, field: str = "starts") -> int:
    """The form's radio values: "0" -> first person, "1" -> second person."""
    try:
        return whole_number(raw, field, 0, 1)
    except SettingsError:
        message = f"{label(field)} must be 0 (first person) or 1 (second person)."
        raise SettingsError(field, message) from None


def parse_handover(raw: object, field: str = "handover") -> bool:
    """ "tap": the next turn waits for a tap (a hand-over, the default); "auto": at once."""
    words = {"tap": True, "auto": False}
    word = raw.strip().lower() if isinstance(raw, str) else None
    if word not in words:
        raise SettingsError(field, f"{label(field)} must be “tap” or “auto”.")
    return words[word]


def clean_prompt(raw: object, field: str = "prompts") -> str:
    """One prompt: 1 to 200 characters of text on one line (shown as text, never markup)."""
    if not isinstance(raw, str):
        raise SettingsError(field, f"{label(field)} must be text.")
    prompt = raw.strip()
    problem = name_problem(prompt, MAX_PROMPT_LENGTH)
    if problem:
        raise SettingsError(field, f"Each prompt {problem}")
    return prompt


def check_prompts(prompts: object, field: str = "prompts") -> tuple[str, ...]:
    """A tuple of at most 20 clean prompts (none is fine: the timer then shows none)."""
    if not isinstance(prompts, tuple | list) or len(prompts) > MAX_PROMPTS:
        raise SettingsError(field, f"{label(field)} must be a list of at most {MAX_PROMPTS}.")
    cleaned = tuple(clean_prompt(prompt, field) for prompt in prompts)
    if cleaned != tuple(prompts):
        raise SettingsError(field, "Prompts must not start or end with spaces.")
    return cleaned
