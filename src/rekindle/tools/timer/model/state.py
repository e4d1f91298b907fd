"""The turn-taking timer's values: phases, frozen events, the frozen state and its JSON form.

The state machine that moves between them lives in `rekindle.tools.timer.model.machine`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from rekindle.shared.errors import ReaderError
from rekindle.tools.timer.model.settings import (
    SettingsError,
    TimerSettings,
    settings_from_dict,
    settings_to_dict,
)


class Phase(StrEnum):
    """Where a session is. A StrEnum, so it serialises as its plain string value."""

    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"


COMPLETED: Final = "completed"
BOTH_HEARD: Final = "both-heard"
FINISHED_REASONS: Final = (COMPLETED, BOTH_HEARD)


class StateError(ReaderError):
    """A timer state that breaks the rules, e.g. a malformed dict from the page."""


# --- events: each carries `at`, the page's Date.now() in milliseconds ----------------


@dataclass(frozen=True)
class _Event:
    at: int

    def __post_init__(self) -> None:
        if type(self.at) is not int:
            raise TypeError(f"{type(self).__name__}.at must be whole milliseconds (an int).")


@dataclass(frozen=True)
class Start(_Event):
    """Begin the first turn."""


@dataclass(frozen=True)
class Pause(_Event):
    """Stop the clock, keeping the time left in this turn."""


@dataclass(frozen=True)
class Resume(_Event):
    """Restart the clock with the time that was left."""


@dataclass(frozen=True)
class NextTurn(_Event):
    """Hand over early: the other person's turn starts now."""


@dataclass(frozen=True)
class Tick(_Event):
    """The page's "what time is it now": passes any deadlines that are due."""


@dataclass(frozen=True)
class Finish(_Event):
    """End the session now: "we both feel heard"."""


@dataclass(frozen=True)
class Reset(_Event):
    """Back to the start, same settings."""


@dataclass(frozen=True)
class Configure(_Event):
    """New settings; the session starts over with them."""

    settings: TimerSettings

    def __post_init__(self) -> None:
        super().__post_init__()
        if not isinstance(self.settings, TimerSettings):
            raise TypeError("Configure.settings must be a TimerSettings.")


Event = Start | Pause | Resume | NextTurn | Tick | Finish | Reset | Configure
EVENT_TYPES: Final = (Start, Pause, Resume, NextTurn, Tick, Finish, Reset, Configure)


# --- state ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TimerState:
    """One moment of a session. Checked on construction, so every instance is coherent.

    `turn_index` counts turns begun (0-based). `deadline_ms` is set only while running.
    `remaining_ms` is the time left in the turn while idle or paused, and 0 otherwise.
    """

    phase: Phase
    settings: TimerSettings
    turn_index: int = 0
    deadline_ms: int | None = None
    remaining_ms: int = 0
    finished_reason: str | None = None

    def __post_init__(self) -> None:
        problem = _state_problem(self)
        if problem:
            raise StateError(f"Invalid timer state: {problem}")

    @classmethod
    def initial(cls, settings: TimerSettings) -> TimerState:
        """Ready to start: first turn, full time on the clock."""
        return cls(Phase.IDLE, settings, remaining_ms=settings.turn_ms)

    @property
    def speaker_index(self) -> int:
        """0 or 1: which name has the active role (Speaker or Giver) this turn."""
        return (self.settings.starts + self.turn_index) % 2

    @property
    def round(self) -> int:
        return self.turn_index // 2 + 1

    @property
    def is_last_turn(self) -> bool:
        total = self.settings.total_turns
        return total is not None and self.turn_index == total - 1


def _is_int(value: object) -> bool:
    return type(value) is int


def _state_problem(state: TimerState) -> str | None:
    """The first broken rule, in words, or None."""
    if not isinstance(state.phase, Phase):
        return "phase must be a Phase"
    if not isinstance(state.settings, TimerSettings):
        return "settings must be TimerSettings"
    if not _is_int(state.turn_index) or state.turn_index < 0:
        return "turn_index must be a whole number, 0 or more"
    total = state.settings.total_turns
    if total is not None and state.turn_index >= total:
        return "turn_index is past the last turn"
    if not _is_int(state.remaining_ms):
        return "remaining_ms must be whole milliseconds"
    return _PHASE_RULES[state.phase](state)


def _idle_problem(state: TimerState) -> str | None:
    fresh = state.turn_index == 0 and state.remaining_ms == state.settings.turn_ms
    if not fresh or state.deadline_ms is not None or state.finished_reason is not None:
        return "idle means the first turn, full time, no deadline, no finish reason"
    return None


def _running_problem(state: TimerState) -> str | None:
    if not _is_int(state.deadline_ms):
        return "running needs a deadline in whole milliseconds"
    if state.remaining_ms != 0 or state.finished_reason is not None:
        return "running keeps remaining_ms at 0 and has no finish reason"
    return None


def _paused_problem(state: TimerState) -> str | None:
    if not 1 <= state.remaining_ms <= state.settings.turn_ms:
        return "paused needs 1 ms up to the turn length remaining"
    if state.deadline_ms is not None or state.finished_reason is not None:
        return "paused has no deadline and no finish reason"
    return None


def _finished_problem(state: TimerState) -> str | None:
    if state.finished_reason not in FINISHED_REASONS:
        return f"finished needs a reason: {' or '.join(FINISHED_REASONS)}"
    if state.deadline_ms is not None or state.remaining_ms != 0:
        return "finished has no deadline and no time remaining"
    return None


_PHASE_RULES = {
    Phase.IDLE: _idle_problem,
    Phase.RUNNING: _running_problem,
    Phase.PAUSED: _paused_problem,
    Phase.FINISHED: _finished_problem,
}


# --- JSON form --------------------------------------------------------------------------

_STATE_KEYS: Final = ("phase", "settings", "turn_index", "deadline_ms", "remaining_ms")


def state_to_dict(state: TimerState) -> dict[str, object]:
    """A JSON-ready dict: plain strings, ints, None and the settings dict."""
    return {
        "phase": state.phase.value,
        "settings": settings_to_dict(state.settings),
        "turn_index": state.turn_index,
        "deadline_ms": state.deadline_ms,
        "remaining_ms": state.remaining_ms,
        "finished_reason": state.finished_reason,
    }


def state_from_dict(data: object) -> TimerState:
    """The inverse of `state_to_dict`; raises `StateError` on anything malformed."""
    if not isinstance(data, dict):
        raise StateError("Invalid timer state: it must be an object.")
    missing = [key for key in _STATE_KEYS if key not in data]
    if missing:
        raise StateError(f"Invalid timer state: missing {', '.join(missing)}.")
    try:
        phase = Phase(data["phase"])
    except ValueError:
        raise StateError("Invalid timer state: unknown phase.") from None
    try:
        settings = settings_from_dict(data["settings"])
    except SettingsError as error:
        raise StateError(f"Invalid timer state: settings {error}") from None
    return TimerState(
        phase=phase,
        settings=settings,
        turn_index=data["turn_index"],
        deadline_ms=data["deadline_ms"],
        remaining_ms=data["remaining_ms"],
        finished_reason=data.get("finished_reason"),
    )
