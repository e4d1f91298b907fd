"""The turn-taking timer's words: clock text, labels, status lines and screen-reader sentences.

Everything here returns plain text. Names go in as arguments, never as templates, so a name
like "{0}" or "<b>" is shown exactly as typed; the page renders all of it as text.
"""

from __future__ import annotations

from rekindle.tools.timer.model.state import BOTH_HEARD, Phase, TimerState


def format_clock(ms: int) -> str:
    """Minutes and seconds, rounded up: a 3-minute turn reads 3:00 at once, 0:00 only at the end.

    There are no hours: a turn is at most 60 minutes, shown as "60:00".
    """
    seconds = max(0, -(-ms // 1000))
    return f"{seconds // 60}:{seconds % 60:02d}"


def format_spoken(ms: int) -> str:
    """The same duration for the ear, e.g. "2 minutes 31 seconds"."""
    seconds = max(0, -(-ms // 1000))
    minutes, seconds = divmod(seconds, 60)
    parts = []
    if minutes:
        parts.append(f"{minutes} minute{'s' if minutes != 1 else ''}")
    if seconds or not minutes:
        parts.append(f"{seconds} second{'s' if seconds != 1 else ''}")
    return " ".join(parts)


def names_in_roles(state: TimerState) -> tuple[str, str]:
    """(name in the active role, name in the other role) for the current turn."""
    names = state.settings.names
    return names[state.speaker_index], names[1 - state.speaker_index]


def round_label(state: TimerState) -> str:
    """E.g. "Round 2 of 4", or "Round 2" when open-ended."""
    total = state.settings.rounds
    return f"Round {state.round}" if total is None else f"Round {state.round} of {total}"


def turn_label(state: TimerState) -> str:
    """E.g. "Turn 3 of 8", or "Turn 3" when open-ended."""
    total = state.settings.total_turns
    number = state.turn_index + 1
    return f"Turn {number}" if total is None else f"Turn {number} of {total}"


def status_text(state: TimerState) -> str:
    """One short line saying what is happening now."""
    if state.phase is Phase.IDLE:
        return "Ready when you are"
    if state.phase is Phase.PAUSED:
        return "Paused"
    if state.phase is Phase.FINISHED:
        if state.finished_reason == BOTH_HEARD:
            return "Finished: you both feel heard"
        return "Finished: all rounds done"
    speaker, listener = names_in_roles(state)
    return state.settings.recipe.running_status.format(speaker=speaker, listener=listener)


def turn_sentence(state: TimerState) -> str:
    """E.g. "Round 2. Alex speaks now; Sam listens." in the preset's own verbs."""
    speaker, listener = names_in_roles(state)
    active, other = state.settings.recipe.verbs
    return f"{round_label(state)}. {speaker} {active} now; {listener} {other}."


def finished_sentence(state: TimerState) -> str:
    if state.finished_reason == BOTH_HEARD:
        return "Finished: you both feel heard. Thank you for listening to each other."
    return "Finished: that was the last turn. Take a moment together."


def announcement(before: TimerState, after: TimerState) -> str | None:
    """What a screen reader should hear after an event, at milestones only; None otherwise.

    Milestones: started, turn changed, paused, resumed, finished, and reset (the clock jumps
    back, which sighted readers see, so it is said too).
    """
    if after.phase is Phase.FINISHED:
        return None if before.phase is Phase.FINISHED else finished_sentence(after)
    if after.phase is Phase.IDLE:
        return None if before.phase is Phase.IDLE else "Timer reset. Ready when you are."
    if after.phase is Phase.PAUSED:
        if before.phase is Phase.PAUSED:
            return None
        speaker, _ = names_in_roles(after)
        return f"Paused, with {format_spoken(after.remaining_ms)} left for {speaker}."
    if before.phase is Phase.IDLE:
        return f"Started. {turn_sentence(after)}"
    if before.phase is Phase.PAUSED:
        return f"Resumed. {status_text(after)}."
    if before.turn_index != after.turn_index:
        return turn_sentence(after)
    return None


def warning_announcement(state: TimerState) -> str:
    """The soft warning, e.g. "30 seconds left for Sam." (said once, at warning_at_ms)."""
    speaker, _ = names_in_roles(state)
    warning_ms = state.settings.warning_seconds * 1000
    if not warning_ms:
        return f"Time is nearly up for {speaker}."
    return f"{format_spoken(warning_ms).capitalize()} left for {speaker}."
