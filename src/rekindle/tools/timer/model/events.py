"""What can happen to a session: frozen events, each with `at`, when it happened.

`at` is whole milliseconds on the page's monotonic clock (`performance.now()` from an anchor
taken once, timer-clock.js), so a wall clock set back or forward changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from rekindle.tools.timer.model.settings import TimerSettings


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
    """End this turn now, running or paused: a hand-over, or the next turn at once."""


@dataclass(frozen=True)
class Begin(_Event):
    """The tap that ends a hand-over: the next speaker is ready, their clock starts."""


@dataclass(frozen=True)
class SkipPrompt(_Event):
    """Show the next prompt instead of this one, for the rest of this round."""


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


Event = Start | Pause | Resume | NextTurn | Begin | SkipPrompt | Tick | Finish | Reset | Configure
EVENT_TYPES: Final = (
    Start,
    Pause,
    Resume,
    NextTurn,
    Begin,
    SkipPrompt,
    Tick,
    Finish,
    Reset,
    Configure,
)
