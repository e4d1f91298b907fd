"""What the page shows: one flat, JSON-ready view model of a state at a moment.

Every string is meant to be shown as text. The page binds keys to elements by name
(`data-bind="speaker_name"`), so keys are stable; a key that means nothing in a phase is
an empty string (never missing), so nothing stale stays on screen.
"""

from __future__ import annotations

from rekindle.tools.timer.model.events import (
    Begin,
    Configure,
    Finish,
    NextTurn,
    Pause,
    Reset,
    Resume,
    SkipPrompt,
    Start,
)
from rekindle.tools.timer.model.machine import is_allowed
from rekindle.tools.timer.model.state import (
    Finished,
    HandOver,
    Paused,
    Running,
    State,
)
from rekindle.tools.timer.model.text import (
    format_clock,
    handover_text,
    names_in_roles,
    round_label,
    status_text,
    time_in_role,
    toggle_label,
    turn_label,
    turns_taken,
)


def remaining_at(state: State, now_ms: int) -> int:
    """Time left in the current turn at `now_ms`, between 0 and one turn length."""
    turn_ms = state.settings.turn_ms
    match state:
        case Running():
            return max(0, min(state.deadline_ms - now_ms, turn_ms))
        case Paused():
            return state.remaining_ms
        case Finished():
            return 0
    return turn_ms  # idle, or a hand-over: the next turn is whole


def warning_at(state: State, now_ms: int) -> int | None:
    """When to say the soft warning: only while running, if on and still to come."""
    if not isinstance(state, Running) or not state.settings.warning_seconds:
        return None
    moment = state.deadline_ms - state.settings.warning_ms
    return moment if moment > now_ms else None


def progress(state: State, remaining_ms: int) -> float:
    """The fraction of the current turn already spoken, 0.0 to 1.0."""
    if isinstance(state, Finished):
        return 1.0
    turn_ms = state.settings.turn_ms
    return (turn_ms - remaining_ms) / turn_ms


def _summary(state: State) -> dict[str, object]:
    """The ending's figures (empty strings before the end)."""
    if not isinstance(state, Finished):
        keys = ("summary_turns", "summary_a_time", "summary_b_time", "closing_question")
        return dict.fromkeys(keys, "")
    return {
        "summary_turns": turns_taken(state),
        "summary_a_time": time_in_role(state, 0),
        "summary_b_time": time_in_role(state, 1),
        "closing_question": state.settings.recipe.closing_question,
    }


def _abilities(state: State) -> dict[str, object]:
    phase = state.phase
    return {
        "can_start": is_allowed(phase, Start),
        "can_pause": is_allowed(phase, Pause),
        "can_resume": is_allowed(phase, Resume),
        "can_next": is_allowed(phase, NextTurn),
        "can_begin": is_allowed(phase, Begin),
        "can_skip": is_allowed(phase, SkipPrompt) and bool(state.settings.prompts),
        "can_reset": is_allowed(phase, Reset),
        "can_finish": is_allowed(phase, Finish),
        "can_configure": is_allowed(phase, Configure),
    }


def view(state: State, now_ms: int) -> dict[str, object]:
    """A flat, JSON-ready view model; every string is meant to be shown as text."""
    settings = state.settings
    remaining = remaining_at(state, now_ms)
    in_turn = isinstance(state, Running | Paused)
    speaker, listener = names_in_roles(state)
    return {
        "phase": state.phase.value,
        "preset": settings.preset,
        "in_session": in_turn or isinstance(state, HandOver),
        "round": state.round,
        "rounds_total": settings.rounds,
        "round_label": round_label(state),
        "turn": state.turn_index + 1,
        "turn_label": turn_label(state),
        "speaker_index": state.speaker_index,
        "speaker_name": speaker,
        "listener_name": listener,
        "name_a": settings.names[0],
        "name_b": settings.names[1],
        "speaker_role": settings.roles[0],
        "listener_role": settings.roles[1],
        "speaker_reminder": settings.recipe.reminders[0],
        "listener_reminder": settings.recipe.reminders[1],
        "remaining_ms": remaining,
        "clock": format_clock(remaining),
        "deadline_ms": state.deadline_ms if isinstance(state, Running) else None,
        "warning_at_ms": warning_at(state, now_ms),
        "warning_active": in_turn and 0 < remaining <= settings.warning_ms,
        "warning_ms": settings.warning_ms,
        "turn_ms": settings.turn_ms,
        "progress": progress(state, remaining),
        "status_text": status_text(state),
        # what the status says once this speaker's turn runs (the page may show it at once)
        "running_text": settings.recipe.running_status.format(speaker=speaker, listener=listener),
        "toggle_label": toggle_label(state),
        "handover": settings.handover,
        "handover_text": handover_text(state) if isinstance(state, HandOver) else "",
        "prompt": state.prompt or "",
        **_summary(state),
        **_abilities(state),
    }
