"""The turn-taking timer: a pure state machine. No clock, no I/O; time is an argument.

Rules:

1. Two people take turns; a round is one turn each. Turn `i` belongs to person
   `(starts + i) % 2`, who holds the active role (Speaker, or Giver in sensate focus).
2. A session is idle, running, paused or finished. `TRANSITIONS` below is the whole list of
   what may happen: any (phase, event) pair not in it raises `IllegalTransition`, and the
   state passed in is untouched (states and events are frozen).
3. Running stores the deadline (epoch ms), never a count of ticks; time left is
   `deadline - now`. A turn that runs out hands over at its deadline, and the next deadline
   is chained from that deadline, not from when the news arrived, so nothing drifts.
4. Every event handled while running first catches up: each deadline already passed by
   `event.at` (the laptop slept, the tab was hidden) starts the next turn, in one step.
   When that passes the last turn of a finite session, the session finishes ("completed")
   instead of reaching the table's phase: see `MAY_COMPLETE`. Open-ended sessions never
   finish by themselves.
5. Tick is legal in every phase and changes nothing unless a running deadline has passed:
   the page may tick whenever it likes (at deadlines, on becoming visible).
6. NextTurn hands over now: the new turn ends one turn length after `at`. A NextTurn that
   arrives at or after the deadline only catches up, so a tap racing the deadline never
   skips two turns. NextTurn on the last turn of a finite session finishes it ("completed").
7. Pause keeps the time left (at least 1 ms); Resume sets the deadline to `at` plus that.
   If the clock went backwards, time left is capped at one turn length.
8. Finish ("we both feel heard") ends a running or paused session ("both-heard").
   Reset returns to idle with the same settings; Configure (idle or finished only) returns
   to idle with new settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from rekindle.tools.timer.model.state import (
    BOTH_HEARD,
    COMPLETED,
    EVENT_TYPES,
    Configure,
    Event,
    Finish,
    NextTurn,
    Pause,
    Phase,
    Reset,
    Resume,
    Start,
    StateError,
    Tick,
    TimerState,
    state_from_dict,
    state_to_dict,
)
from rekindle.tools.timer.model.text import (
    announcement,
    format_clock,
    names_in_roles,
    round_label,
    status_text,
    turn_label,
    warning_announcement,
)

__all__ = [
    "EVENT_TYPES",
    "MAY_COMPLETE",
    "TRANSITIONS",
    "Configure",
    "Finish",
    "IllegalTransition",
    "NextTurn",
    "Pause",
    "Phase",
    "Reset",
    "Resume",
    "Start",
    "StateError",
    "Tick",
    "TimerState",
    "announcement",
    "apply",
    "format_clock",
    "state_from_dict",
    "state_to_dict",
    "view",
    "warning_announcement",
]

IDLE, RUNNING, PAUSED, FINISHED = Phase.IDLE, Phase.RUNNING, Phase.PAUSED, Phase.FINISHED

# (phase, event type) -> resulting phase. Anything missing is illegal.
TRANSITIONS: Mapping[tuple[Phase, type[Event]], Phase] = MappingProxyType(
    {
        (IDLE, Start): RUNNING,
        (IDLE, Tick): IDLE,
        (IDLE, Configure): IDLE,
        (RUNNING, Pause): PAUSED,
        (RUNNING, NextTurn): RUNNING,
        (RUNNING, Tick): RUNNING,
        (RUNNING, Finish): FINISHED,
        (RUNNING, Reset): IDLE,
        (PAUSED, Resume): RUNNING,
        (PAUSED, Tick): PAUSED,
        (PAUSED, Finish): FINISHED,
        (PAUSED, Reset): IDLE,
        (FINISHED, Tick): FINISHED,
        (FINISHED, Reset): IDLE,
        (FINISHED, Configure): IDLE,
    }
)

# Pairs whose catch-up (rule 4) or hand-over (rule 6) may finish a finite session instead.
MAY_COMPLETE: frozenset[tuple[Phase, type[Event]]] = frozenset(
    {(RUNNING, Pause), (RUNNING, NextTurn), (RUNNING, Tick)}
)


class IllegalTransition(Exception):
    """An event that is not allowed in the current phase, e.g. Pause while idle.

    Usually a double tap or a stale page; `message` is plain words for the reader.
    """

    def __init__(self, phase: Phase, event: object) -> None:
        self.phase = phase
        self.event_name = type(event).__name__
        self.message = "That button does nothing right now; the timer has moved on."
        super().__init__(f"{self.event_name} is not allowed while {phase.value}.")


def is_allowed(phase: Phase, event_type: type[Event]) -> bool:
    return (phase, event_type) in TRANSITIONS


def apply(state: TimerState, event: Event) -> TimerState:
    """The state after `event`; raises `IllegalTransition` (state untouched) if not allowed."""
    key = (state.phase, type(event))
    if key not in TRANSITIONS:
        raise IllegalTransition(state.phase, event)
    after = _HANDLERS[type(event)](state, event)
    expected = {TRANSITIONS[key], FINISHED} if key in MAY_COMPLETE else {TRANSITIONS[key]}
    assert after.phase in expected, f"{key} led to {after.phase}"
    return after


# --- handlers: one short function per event type ---------------------------------------


def _catch_up(state: TimerState, at: int) -> TimerState:
    """Begin every turn whose start (a previous deadline) is at or before `at`."""
    if state.phase is not RUNNING or at < state.deadline_ms:
        return state
    turn_ms = state.settings.turn_ms
    passed = (at - state.deadline_ms) // turn_ms + 1
    return _begin_turn(state, state.turn_index + passed, state.deadline_ms + passed * turn_ms)


def _begin_turn(state: TimerState, turn_index: int, deadline_ms: int) -> TimerState:
    """Running in turn `turn_index`, or finished if a finite session has no such turn."""
    total = state.settings.total_turns
    if total is not None and turn_index >= total:
        return _finished(replace(state, turn_index=total - 1), COMPLETED)
    return replace(state, turn_index=turn_index, deadline_ms=deadline_ms)


def _finished(state: TimerState, reason: str) -> TimerState:
    return TimerState(FINISHED, state.settings, state.turn_index, finished_reason=reason)


def _start(state: TimerState, event: Start) -> TimerState:
    return TimerState(RUNNING, state.settings, 0, deadline_ms=event.at + state.settings.turn_ms)


def _pause(state: TimerState, event: Pause) -> TimerState:
    current = _catch_up(state, event.at)
    if current.phase is FINISHED:
        return current
    left = min(current.deadline_ms - event.at, current.settings.turn_ms)
    return TimerState(PAUSED, current.settings, current.turn_index, remaining_ms=left)


def _resume(state: TimerState, event: Resume) -> TimerState:
    deadline = event.at + state.remaining_ms
    return TimerState(RUNNING, state.settings, state.turn_index, deadline_ms=deadline)


def _next_turn(state: TimerState, event: NextTurn) -> TimerState:
    if event.at >= state.deadline_ms:
        return _catch_up(state, event.at)
    return _begin_turn(state, state.turn_index + 1, event.at + state.settings.turn_ms)


def _tick(state: TimerState, event: Tick) -> TimerState:
    return _catch_up(state, event.at)


def _finish(state: TimerState, event: Finish) -> TimerState:
    return _finished(_catch_up(state, event.at), BOTH_HEARD)


def _reset(state: TimerState, event: Reset) -> TimerState:
    return TimerState.initial(state.settings)


def _configure(state: TimerState, event: Configure) -> TimerState:
    return TimerState.initial(event.settings)


_HANDLERS: Mapping[type[Event], Callable[[Any, Any], TimerState]] = MappingProxyType(
    {
        Start: _start,
        Pause: _pause,
        Resume: _resume,
        NextTurn: _next_turn,
        Tick: _tick,
        Finish: _finish,
        Reset: _reset,
        Configure: _configure,
    }
)


# --- the view model ---------------------------------------------------------------------


def remaining_at(state: TimerState, now_ms: int) -> int:
    """Time left in the current turn at `now_ms`, between 0 and one turn length."""
    if state.phase is RUNNING:
        return max(0, min(state.deadline_ms - now_ms, state.settings.turn_ms))
    return state.remaining_ms


def warning_at(state: TimerState, now_ms: int) -> int | None:
    """When to say the soft warning: only while running, if on and still to come."""
    if state.phase is not RUNNING or not state.settings.warning_seconds:
        return None
    moment = state.deadline_ms - state.settings.warning_ms
    return moment if moment > now_ms else None


def progress(state: TimerState, remaining_ms: int) -> float:
    """The fraction of the current turn already spoken, 0.0 to 1.0."""
    if state.phase is FINISHED:
        return 1.0
    turn_ms = state.settings.turn_ms
    return (turn_ms - remaining_ms) / turn_ms


def view(state: TimerState, now_ms: int) -> dict[str, object]:
    """A flat, JSON-ready view model; every string is meant to be shown as text."""
    settings = state.settings
    remaining = remaining_at(state, now_ms)
    in_turn = state.phase in (RUNNING, PAUSED)
    speaker, listener = names_in_roles(state)
    return {
        "phase": state.phase.value,
        "preset": settings.preset,
        "round": state.round,
        "rounds_total": settings.rounds,
        "round_label": round_label(state),
        "turn": state.turn_index + 1,
        "turn_label": turn_label(state),
        "speaker_name": speaker,
        "listener_name": listener,
        "speaker_role": settings.roles[0],
        "listener_role": settings.roles[1],
        "speaker_reminder": settings.recipe.reminders[0],
        "listener_reminder": settings.recipe.reminders[1],
        "remaining_ms": remaining,
        "clock": format_clock(remaining),
        "deadline_ms": state.deadline_ms,
        "warning_at_ms": warning_at(state, now_ms),
        "warning_active": in_turn and 0 < remaining <= settings.warning_ms,
        "turn_ms": settings.turn_ms,
        "progress": progress(state, remaining),
        "status_text": status_text(state),
        "can_start": is_allowed(state.phase, Start),
        "can_pause": is_allowed(state.phase, Pause),
        "can_resume": is_allowed(state.phase, Resume),
        "can_next": is_allowed(state.phase, NextTurn),
        "can_reset": is_allowed(state.phase, Reset),
        "can_finish": is_allowed(state.phase, Finish),
        "can_configure": is_allowed(state.phase, Configure),
    }
