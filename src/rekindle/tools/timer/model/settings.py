"""The turn-taking timer's settings: one frozen value, and the three ways to get one.

Rules:

- A `TimerSettings` is always valid: its constructor checks every field and the warning
  against the turn length, raising `SettingsError` (field + plain message) otherwise.
- Fence (build time, `parse_fence_options`): `key: value` lines; `prompts:` alone on its
  line is followed by one `- prompt` line per prompt. The preset's defaults apply first and
  every option overrides them; overriding a named preset's minutes or rounds keeps the preset
  (its roles and words) and simply customises its timing. Any problem raises.
- Form (`settings_from_form`): every valid field applies, every invalid one keeps its previous
  value and gets a message. Switching to check-in or sensate focus fills in that preset's
  minutes, rounds and warning (the form's stale numbers are ignored); switching to custom,
  or staying on a preset, takes the numbers from the form. Fields not sent are kept, and
  unknown fields are ignored. Prompts belong to the page, not the form: they are kept.
  `settings_to_form` gives the text to re-fill the form with.
- Dict (`settings_to_dict` / `settings_from_dict`, for localStorage and the state JSON):
  strict about the known keys' types and ranges, tolerant of extra keys (ignored). Dicts
  saved before hand-overs and prompts existed lack those keys: they get the default
  (hand-over on) and the preset's prompts.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from dataclasses import fields as dataclass_fields
from typing import Any

from rekindle.tools.timer.model.fields import (
    SettingsError,
    check_prompts,
    check_warning_fits,
    clean_name,
    clean_prompt,
    label,
    parse_handover,
    parse_minutes,
    parse_name_pair,
    parse_preset,
    parse_rounds,
    parse_starts_index,
    parse_starts_word,
    parse_warning,
)
from rekindle.tools.timer.model.presets import DEFAULT_NAMES, DEFAULT_PRESET, PRESETS, Preset

__all__ = [
    "PRESETS",
    "SettingsError",
    "TimerSettings",
    "parse_fence_options",
    "settings_from_dict",
    "settings_from_form",
    "settings_to_dict",
    "settings_to_form",
]

_default = PRESETS[DEFAULT_PRESET]


@dataclass(frozen=True)
class TimerSettings:
    """How a session runs. `rounds=None` is open-ended; `warning_seconds=0` is off."""

    preset: str = DEFAULT_PRESET
    minutes: int = _default.minutes
    rounds: int | None = _default.rounds
    names: tuple[str, str] = DEFAULT_NAMES
    starts: int = 0
    warning_seconds: int = _default.warning_seconds
    handover: bool = True  # a turn that ends waits for a tap before the next one starts
    prompts: tuple[str, ...] = ()  # one per round; from_preset and the fence use the preset's

    def __post_init__(self) -> None:
        if not isinstance(self.preset, str) or self.preset not in PRESETS:
            raise SettingsError("preset", f"Preset must be one of: {', '.join(PRESETS)}.")
        _check_int(self.minutes, "minutes", parse_minutes)
        if self.rounds is not None:
            _check_int(self.rounds, "rounds", parse_rounds)
        _check_names(self.names)
        _check_int(self.starts, "starts", parse_starts_index)
        _check_int(self.warning_seconds, "warning", parse_warning)
        check_warning_fits(self.minutes, self.warning_seconds)
        if type(self.handover) is not bool:
            raise SettingsError("handover", "The hand-over setting must be true or false.")
        if not isinstance(self.prompts, tuple):
            raise SettingsError("prompts", "Prompts must be a tuple of text.")
        check_prompts(self.prompts)

    @classmethod
    def from_preset(cls, preset: str, **changes: Any) -> TimerSettings:
        """A preset's recipe, with any fields changed by keyword."""
        recipe = PRESETS[parse_preset(preset)]
        defaults: dict[str, Any] = {
            "minutes": recipe.minutes,
            "rounds": recipe.rounds,
            "warning_seconds": recipe.warning_seconds,
            "prompts": recipe.prompts,
        }
        return cls(preset=recipe.key, **(defaults | changes))

    @property
    def recipe(self) -> Preset:
        return PRESETS[self.preset]

    @property
    def turn_ms(self) -> int:
        return self.minutes * 60_000

    @property
    def warning_ms(self) -> int:
        return self.warning_seconds * 1000

    @property
    def roles(self) -> tuple[str, str]:
        """(active role, other role), e.g. ("Speaker", "Listener")."""
        return self.recipe.roles

    @property
    def total_turns(self) -> int | None:
        """Two turns make a round; None when open-ended."""
        return None if self.rounds is None else self.rounds * 2


def _check_int(value: object, field: str, parser: Callable[[object, str], object]) -> None:
    """Stored settings hold real ints, never text or bools, then the range rule applies."""
    if type(value) is not int:
        raise SettingsError(field, f"{label(field)} must be a whole number.")
    parser(value, field)


def _check_names(names: object) -> None:
    if not isinstance(names, tuple) or len(names) != 2:
        raise SettingsError("names", "Names must be a pair of two names.")
    for name in names:
        if clean_name(name, "names") != name:
            raise SettingsError("names", "Names must not start or end with spaces.")


# --- build-time fence ------------------------------------------------------------------

# `prompts:` is followed by one `- prompt` line per prompt (or is `prompts: off`).
FENCE_OPTIONS = (
    "preset",
    "minutes",
    "rounds",
    "names",
    "starts",
    "warning",
    "handover",
    "prompts",
)


def parse_fence_options(text: str) -> TimerSettings:
    """Settings from a fence body such as "preset: sensate-focus\\nnames: Sam, Alex"."""
    raw, prompts = _fence_lines(text)
    recipe = PRESETS[parse_preset(raw["preset"]) if "preset" in raw else DEFAULT_PRESET]
    minutes = parse_minutes(raw["minutes"]) if "minutes" in raw else recipe.minutes
    warning = parse_warning(raw["warning"]) if "warning" in raw else recipe.warning_seconds
    check_warning_fits(minutes, warning)
    return TimerSettings(
        preset=recipe.key,
        minutes=minutes,
        rounds=parse_rounds(raw["rounds"]) if "rounds" in raw else recipe.rounds,
        names=parse_name_pair(raw["names"]) if "names" in raw else DEFAULT_NAMES,
        starts=parse_starts_word(raw["starts"]) if "starts" in raw else 0,
        warning_seconds=warning,
        handover=parse_handover(raw["handover"]) if "handover" in raw else True,
        prompts=recipe.prompts if prompts is None else prompts,
    )


def _fence_lines(text: str) -> tuple[dict[str, str], tuple[str, ...] | None]:
    """Known `key: value` pairs, and the prompts if given (`prompts: off` gives none).

    Blank lines and whole-line `# comments` are skipped; `- text` lines belong to the
    `prompts:` line above them.
    """
    found: dict[str, str] = {}
    prompts: list[str] | None = None
    listing = False
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith("-"):
            if not listing or prompts is None:
                message = f"Line {number}: a “- ” line belongs under a “prompts:” line."
                raise SettingsError(f"line {number}", message)
            prompts.append(clean_prompt(stripped[1:]))
            continue
        key, value = _key_value(stripped, number)
        if key in found or (key == "prompts" and prompts is not None):
            raise SettingsError(key, f"The option “{key}” is given more than once.")
        listing = key == "prompts" and not value
        if key == "prompts":
            prompts = _prompts_start(value)
        else:
            found[key] = value
    if prompts is not None:
        check_prompts(prompts)
    return found, None if prompts is None else tuple(prompts)


def _key_value(line: str, number: int) -> tuple[str, str]:
    key, colon, value = line.partition(":")
    key = key.strip().lower()
    if not colon or not key:
        raise SettingsError(f"line {number}", f"Line {number} should look like “key: value”.")
    if key not in FENCE_OPTIONS:
        known = ", ".join(FENCE_OPTIONS)
        raise SettingsError(key[:40], f"Unknown option “{key[:40]}”; known options: {known}.")
    return key, value.strip()


def _prompts_start(value: str) -> list[str]:
    """`prompts:` alone opens a list; `prompts: off` means none; anything else is an error."""
    if value.lower() in ("", "off"):
        return []
    raise SettingsError(
        "prompts", "Put each prompt on its own line under “prompts:”, starting with “- ”."
    )


# --- the page's form -------------------------------------------------------------------


def settings_from_form(
    fields: Mapping[str, object], previous: TimerSettings
) -> tuple[TimerSettings, dict[str, str]]:
    """Apply every valid form field; keep the previous value of each invalid one."""
    errors: dict[str, str] = {}

    def take[T](field: str, parser: Callable[[object, str], T], fallback: T) -> T:
        if field not in fields:
            return fallback
        try:
            return parser(fields[field], field)
        except SettingsError as error:
            errors[field] = error.message
            return fallback

    preset = take("preset", parse_preset, previous.preset)
    if preset != previous.preset and preset != "custom":
        recipe = PRESETS[preset]
        minutes, rounds, warning = recipe.minutes, recipe.rounds, recipe.warning_seconds
    else:
        minutes = take("minutes", parse_minutes, previous.minutes)
        rounds = take("rounds", parse_rounds, previous.rounds)
        warning = take("warning", parse_warning, previous.warning_seconds)
        minutes, warning = _fit_warning(minutes, warning, previous, errors)
    names = (
        take("name_a", clean_name, previous.names[0]),
        take("name_b", clean_name, previous.names[1]),
    )
    starts = take("starts", parse_starts_index, previous.starts)
    handover = take("handover", parse_handover, previous.handover)
    prompts = take("prompts", check_prompts, previous.prompts)  # e.g. the worksheet's topics
    settings = TimerSettings(preset, minutes, rounds, names, starts, warning, handover, prompts)
    return settings, errors


def settings_to_form(settings: TimerSettings) -> dict[str, str]:
    """The form's fields as text, to re-fill the form after every change (e.g. a new preset)."""
    return {
        "preset": settings.preset,
        "minutes": str(settings.minutes),
        "rounds": "open" if settings.rounds is None else str(settings.rounds),
        "name_a": settings.names[0],
        "name_b": settings.names[1],
        "starts": str(settings.starts),
        "warning": str(settings.warning_seconds),
        "handover": "tap" if settings.handover else "auto",
    }


def _fit_warning(
    minutes: int, warning: int, previous: TimerSettings, errors: dict[str, str]
) -> tuple[int, int]:
    """Resolve a warning that is not shorter than the turn: blame what changed."""
    try:
        check_warning_fits(minutes, warning)
    except SettingsError as error:
        if warning != previous.warning_seconds:
            errors["warning"] = error.message
            warning = previous.warning_seconds
    if warning >= minutes * 60:
        errors["minutes"] = (
            f"{label('minutes')} must be longer than the warning ({warning} seconds); "
            "shorten the warning or turn it off first."
        )
        minutes = previous.minutes
    return minutes, warning


# --- dict round trip -------------------------------------------------------------------


def settings_to_dict(settings: TimerSettings) -> dict[str, object]:
    """A JSON-ready dict; `names` and `prompts` become lists."""
    data: dict[str, object] = {
        f.name: getattr(settings, f.name) for f in dataclass_fields(settings)
    }
    data["names"] = list(settings.names)
    data["prompts"] = list(settings.prompts)
    return data


_ADDED_LATER = ("handover", "prompts")  # keys older saved dicts do not have


def settings_from_dict(data: object) -> TimerSettings:
    """The inverse of `settings_to_dict`. Extra keys are ignored; anything else wrong raises."""
    if not isinstance(data, Mapping):
        raise SettingsError("settings", "Settings must be an object.")
    values: dict[str, Any] = {}
    for f in dataclass_fields(TimerSettings):
        if f.name in data:
            values[f.name] = data[f.name]
        elif f.name not in _ADDED_LATER:
            raise SettingsError(f.name, f"The setting “{f.name}” is missing.")
    for key in ("names", "prompts"):
        if isinstance(values.get(key), list):
            values[key] = tuple(values[key])
    if "prompts" not in values and values.get("preset") in PRESETS:
        values["prompts"] = PRESETS[values["preset"]].prompts
    return TimerSettings(**values)
