"""A timer state as plain JSON, and back: what the page keeps and sends with every event.

The dict holds the phase, the settings dict, `turn_index`, `spoken_ms` (a list of two) and
`prompt_index`, plus the one value only its phase has: `deadline_ms` (running),
`remaining_ms` (paused), `since_ms` (hand-over) or `reason` (finished).

States written before hand-overs existed (no `spoken_ms`; `deadline_ms`, `remaining_ms`
and `finished_reason` always present) are still read: turns already over count as whole
turns, as they ran then. Anything else malformed raises `StateError`, never a Python error.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final

from rekindle.tools.timer.model.settings import (
    SettingsError,
    TimerSettings,
    settings_from_dict,
    settings_to_dict,
)
from rekindle.tools.timer.model.state import (
    BY_PHASE,
    Finished,
    HandOver,
    Paused,
    Phase,
    Running,
    State,
    StateError,
    turns_of,
)

_COMMON: Final = ("phase", "settings", "turn_index", "spoken_ms", "prompt_index")
_OWN_KEY: Final = {
    Phase.IDLE: None,
    Phase.RUNNING: "deadline_ms",
    Phase.PAUSED: "remaining_ms",
    Phase.HANDOVER: "since_ms",
    Phase.FINISHED: "reason",
}


def state_to_dict(state: State) -> dict[str, object]:
    """A JSON-ready dict: plain strings, ints, lists and the settings dict."""
    data: dict[str, object] = {
        "phase": state.phase.value,
        "settings": settings_to_dict(state.settings),
        "turn_index": state.turn_index,
        "spoken_ms": list(state.spoken_ms),
        "prompt_index": state.prompt_index,
    }
    match state:
        case Running():
            data["deadline_ms"] = state.deadline_ms
        case Paused():
            data["remaining_ms"] = state.remaining_ms
        case HandOver():
            data["since_ms"] = state.since_ms
        case Finished():
            data["reason"] = state.reason
    return data


def state_from_dict(data: object) -> State:
    """The inverse of `state_to_dict`; raises `StateError` on anything malformed."""
    if not isinstance(data, Mapping):
        raise StateError("Invalid timer state: it must be an object.")
    try:
        phase = Phase(str(data.get("phase")))
    except ValueError:
        raise StateError("Invalid timer state: unknown phase.") from None
    try:
        settings = settings_from_dict(data.get("settings"))
    except SettingsError as error:
        raise StateError(f"Invalid timer state: settings {error}") from None
    fields = _upgraded(data, phase, settings) if "spoken_ms" not in data else dict(data)
    own = _OWN_KEY[phase]
    missing = [key for key in (*_COMMON, own) if key is not None and key not in fields]
    if missing:
        raise StateError(f"Invalid timer state: missing {', '.join(missing)}.")
    spoken = fields["spoken_ms"]
    if not isinstance(spoken, list):
        raise StateError("Invalid timer state: spoken_ms must be a list.")
    values: dict[str, Any] = {
        "settings": settings,
        "turn_index": fields["turn_index"],
        "spoken_ms": tuple(spoken),
        "prompt_index": fields["prompt_index"],
    }
    if own is not None:
        values[own] = fields[own]
    return BY_PHASE[phase](**values)


def _upgraded(data: Mapping[str, Any], phase: Phase, settings: TimerSettings) -> dict[str, Any]:
    """An older state dict in today's shape (its turns already over count as whole turns)."""
    turn = data.get("turn_index")
    if type(turn) is not int or turn < 0:
        raise StateError("Invalid timer state: turn_index must be a whole number, 0 or more.")
    over = turn + 1 if phase is Phase.FINISHED else turn
    spoken = [turns_of(settings.starts, over, person) * settings.turn_ms for person in (0, 1)]
    fields = {**data, "spoken_ms": spoken, "prompt_index": 0}
    if phase is Phase.FINISHED:
        fields["reason"] = data.get("finished_reason")
    if phase is Phase.IDLE and data.get("remaining_ms") != settings.turn_ms:
        raise StateError("Invalid timer state: idle means full time on the clock.")
    if phase in (Phase.RUNNING, Phase.FINISHED) and data.get("remaining_ms") != 0:
        raise StateError(f"Invalid timer state: {phase.value} keeps no time remaining.")
    for key, allowed in (("deadline_ms", Phase.RUNNING), ("finished_reason", Phase.FINISHED)):
        if phase is not allowed and data.get(key) is not None:
            raise StateError(f"Invalid timer state: {key} does not belong to {phase.value}.")
    return fields
