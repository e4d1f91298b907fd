"""The turn-taking timer's values: its phases, and one frozen state class per phase.

A session is in exactly one phase, and each phase is its own class holding only what exists
in it: a deadline only while running, the time left only while paused, the moment the last
turn ended only during a hand-over, a reason only once finished. Every class shares:

- `settings`;
- `turn_index`, the turn under way or about to begin (0-based; turn `i` belongs to person
  `(starts + i) % 2`);
- `spoken_ms`, how long each person (in the order of the names) has had the active role in
  turns already over, pauses and hand-overs excluded: the summary is plain arithmetic on
  it, and it stays two numbers however long a session runs;
- `prompt_index`, which of the settings' prompts is showing (0 when there are none).

Every instance is checked on construction (`StateError` otherwise), so every state that
exists is coherent. The events live in `events.py`, the machine that moves between states
in `machine.py`, the JSON form in `codec.py`.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import ClassVar, Final

from rekindle.shared.errors import ReaderError
from rekindle.tools.timer.model.settings import TimerSettings


class Phase(StrEnum):
    """Where a session is. A StrEnum, so it serialises as its plain string value."""

    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    HANDOVER = "handover"
    FINISHED = "finished"


COMPLETED: Final = "completed"
BOTH_HEARD: Final = "both-heard"
FINISHED_REASONS: Final = (COMPLETED, BOTH_HEARD)


class StateError(ReaderError):
    """A timer state that breaks the rules, e.g. a malformed dict from the page."""


def _is_int(value: object) -> bool:
    return type(value) is int


@dataclass(frozen=True, kw_only=True)
class TimerState:
    """What every phase has. Use the phase classes below; `initial` gives a fresh session."""

    phase: ClassVar[Phase]
    settings: TimerSettings
    turn_index: int = 0
    spoken_ms: tuple[int, int] = (0, 0)
    prompt_index: int = 0

    def __post_init__(self) -> None:
        problem = self._common_problem() or self._phase_problem()
        if problem:
            raise StateError(f"Invalid timer state: {problem}")

    @staticmethod
    def initial(settings: TimerSettings) -> Idle:
        """Ready to start: first turn, full time on the clock, first prompt."""
        return Idle(settings=settings)

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

    @property
    def prompt(self) -> str | None:
        prompts = self.settings.prompts
        return prompts[self.prompt_index] if prompts else None

    def _common_problem(self) -> str | None:
        if not isinstance(self.settings, TimerSettings):
            return "settings must be TimerSettings"
        if not _is_int(self.turn_index) or self.turn_index < 0:
            return "turn_index must be a whole number, 0 or more"
        total = self.settings.total_turns
        if total is not None and self.turn_index >= total:
            return "turn_index is past the last turn"
        spoken = self.spoken_ms
        if not isinstance(spoken, tuple) or len(spoken) != 2 or not all(map(_is_int, spoken)):
            return "spoken_ms must be two whole numbers of milliseconds"
        turns = self.turns_over
        for person, ms in enumerate(spoken):
            if not 0 <= ms <= turns_of(self.settings.starts, turns, person) * self.settings.turn_ms:
                return "spoken_ms holds more time than that person's turns so far"
        choices = max(1, len(self.settings.prompts))
        if not _is_int(self.prompt_index) or not 0 <= self.prompt_index < choices:
            return "prompt_index must point at one of the prompts"
        return None

    @property
    def turns_over(self) -> int:
        """Turns already over: those before this one (finished: this one too)."""
        return self.turn_index

    def _phase_problem(self) -> str | None:
        return None


@dataclass(frozen=True, kw_only=True)
class Idle(TimerState):
    """Not started: the first turn, full time on the clock."""

    phase: ClassVar[Phase] = Phase.IDLE

    def _phase_problem(self) -> str | None:
        if self.turn_index != 0:
            return "idle means the first turn"
        return None


@dataclass(frozen=True, kw_only=True)
class Running(TimerState):
    """A turn under way; it ends at `deadline_ms` (the page's monotonic clock, ms)."""

    phase: ClassVar[Phase] = Phase.RUNNING
    deadline_ms: int

    def _phase_problem(self) -> str | None:
        if not _is_int(self.deadline_ms):
            return "running needs a deadline in whole milliseconds"
        return None


@dataclass(frozen=True, kw_only=True)
class Paused(TimerState):
    """A turn on hold, keeping `remaining_ms` (1 ms up to one turn) for when it resumes."""

    phase: ClassVar[Phase] = Phase.PAUSED
    remaining_ms: int

    def _phase_problem(self) -> str | None:
        if not _is_int(self.remaining_ms) or not 1 <= self.remaining_ms <= self.settings.turn_ms:
            return "paused needs 1 ms up to the turn length remaining"
        return None


@dataclass(frozen=True, kw_only=True)
class HandOver(TimerState):
    """A turn ended at `since_ms`; turn `turn_index` starts when its speaker taps."""

    phase: ClassVar[Phase] = Phase.HANDOVER
    since_ms: int

    def _phase_problem(self) -> str | None:
        if not _is_int(self.since_ms):
            return "a hand-over needs the time the last turn ended, in whole milliseconds"
        if self.turn_index < 1:
            return "a hand-over comes after a turn, never before the first"
        return None


@dataclass(frozen=True, kw_only=True)
class Finished(TimerState):
    """Over, for `reason`; `turn_index` is the last turn taken, and `spoken_ms` includes it."""

    phase: ClassVar[Phase] = Phase.FINISHED
    reason: str

    @property
    def turns_over(self) -> int:
        return self.turn_index + 1

    def _phase_problem(self) -> str | None:
        if self.reason not in FINISHED_REASONS:
            return f"finished needs a reason: {' or '.join(FINISHED_REASONS)}"
        return None


def turns_of(starts: int, turns: int, person: int) -> int:
    """How many of the first `turns` turns were person 0's or person 1's."""
    first = starts % 2
    return (turns + 1) // 2 if person == first else turns // 2


State = Idle | Running | Paused | HandOver | Finished
STATE_CLASSES: Final = (Idle, Running, Paused, HandOver, Finished)
BY_PHASE: Final[dict[Phase, type[State]]] = {kind.phase: kind for kind in STATE_CLASSES}
