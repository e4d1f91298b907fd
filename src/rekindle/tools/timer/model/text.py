"""The turn-taking timer's words: clock text, labels, status lines and screen-reader sentences.

Everything here returns plain text. Names and prompts go in as arguments, never as
templates, so a name like "{0}" or "<b>" is shown exactly as typed; the page renders all of
it as text.
"""

from __future__ import annotations

from rekindle.tools.timer.model.state import (
    BOTH_HEARD,
    Finished,
    HandOver,
    Idle,
    Paused,
    Running,
    State,
    TimerState,
)


def format_clock(ms: int) -> str:
    """Minutes and seconds, rounded up: a 3-minute turn reads 3:00 at once, 0:00 only at the end.

    There are no hours: a turn is at most 60 minutes, shown as "60:00".
    """
    seconds = max(0, -(-ms // 1000))
    return f"{seconds // 60}:{seconds % 60:02d}"


def format_spoken(ms: int, *, nearest: bool = False) -> str:
    """The same duration for the ear, e.g. "2 minutes 31 seconds".

    Rounded up, like the clock, unless `nearest` (for totals: 59.4 s is "59 seconds").
    """
    seconds = max(0, (ms + 500) // 1000 if nearest else -(-ms // 1000))
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    parts = [_count(hours, "hour"), _count(minutes, "minute")]
    if seconds or not (hours or minutes):
        parts.append(_count(seconds, "second", keep_zero=True))
    return " ".join(part for part in parts if part)


def _count(number: int, unit: str, *, keep_zero: bool = False) -> str:
    if not number and not keep_zero:
        return ""
    return f"{number} {unit}{'s' if number != 1 else ''}"


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


def handover_text(state: TimerState) -> str:
    """The hand-over's one line, e.g. "Sam's turn. Tap when you are ready."."""
    speaker, _ = names_in_roles(state)
    return f"{speaker}'s turn. Tap when you are ready."


def toggle_label(state: State) -> str:
    """The main button's words in each phase."""
    match state:
        case Idle():
            return "Start"
        case Running():
            return "Pause"
        case Paused():
            return "Resume"
        case HandOver():
            return f"Start {names_in_roles(state)[0]}'s turn"
        case Finished():
            return "Start again"


def status_text(state: State) -> str:
    """One short line saying what is happening now."""
    match state:
        case Idle():
            return "Ready when you are"
        case Paused():
            return "Paused"
        case HandOver():
            return f"Hand-over: {names_in_roles(state)[0]} is next"
        case Finished():
            if state.reason == BOTH_HEARD:
                return "Finished: you both feel heard"
            return "Finished: all rounds done"
        case Running():
            speaker, listener = names_in_roles(state)
            return state.settings.recipe.running_status.format(speaker=speaker, listener=listener)


def turn_sentence(state: TimerState) -> str:
    """E.g. "Round 2. Alex speaks now; Sam listens." in the preset's own verbs."""
    speaker, listener = names_in_roles(state)
    active, other = state.settings.recipe.verbs
    return f"{round_label(state)}. {speaker} {active} now; {listener} {other}."


def turns_taken(state: Finished) -> str:
    count = state.turns_over
    return f"{count} turn{'s' if count != 1 else ''} taken"


def time_in_role(state: Finished, person: int) -> str:
    """E.g. "7 minutes 30 seconds as Speaker": pauses and hand-overs are not in it."""
    spoken = format_spoken(state.spoken_ms[person], nearest=True)
    return f"{spoken} as {state.settings.roles[0]}"


def finished_sentence(state: Finished) -> str:
    """Said once at the end: how it ended, the summary, and the closing question."""
    if state.reason == BOTH_HEARD:
        opening = "Finished: you both feel heard. Thank you for listening to each other."
    else:
        opening = "Finished: that was the last turn. Take a moment together."
    names = state.settings.names
    people = "; ".join(f"{names[person]}: {time_in_role(state, person)}" for person in (0, 1))
    question = state.settings.recipe.closing_question
    return f"{opening} {turns_taken(state)}: {people}. To close: {question}"


def announcement(before: State, after: State) -> str | None:
    """What a screen reader should hear after an event, at milestones only; None otherwise.

    Milestones: started, turn changed, hand-over, paused, resumed, finished, reset (the
    clock jumps back, which sighted readers see, so it is said too), and a new prompt.
    Each is said once: the same phase again says nothing unless the prompt changed.
    """
    if type(before) is type(after) and before.turn_index == after.turn_index:
        return _prompt_sentence(before, after)
    return _milestone(before, after)


def _milestone(before: State, after: State) -> str | None:
    match after:
        case Finished():
            return finished_sentence(after)
        case Idle():
            return "Timer reset. Ready when you are."
        case Paused():
            speaker, _ = names_in_roles(after)
            return f"Paused, with {format_spoken(after.remaining_ms)} left for {speaker}."
        case HandOver():
            return _with_prompt(f"Turn over. {handover_text(after)}", before, after)
        case Running() if isinstance(before, Paused) and before.turn_index == after.turn_index:
            return f"Resumed. {status_text(after)}."
        case Running():
            opening = "Started. " if isinstance(before, Idle) else ""
            return _with_prompt(f"{opening}{turn_sentence(after)}", before, after)
    return None


def _with_prompt(sentence: str, before: State, after: State) -> str:
    """Name the prompt when it is new to the listener."""
    changed = after.prompt != before.prompt or isinstance(before, Idle)
    return f"{sentence} Prompt: {after.prompt}" if after.prompt and changed else sentence


def _prompt_sentence(before: State, after: State) -> str | None:
    if after.prompt and after.prompt_index != before.prompt_index:
        return f"Next prompt: {after.prompt}"
    return None


def warning_announcement(state: TimerState) -> str:
    """The soft warning, e.g. "30 seconds left for Sam." (said once, at warning_at_ms)."""
    speaker, _ = names_in_roles(state)
    warning_ms = state.settings.warning_ms
    if not warning_ms:
        return f"Time is nearly up for {speaker}."
    return f"{format_spoken(warning_ms).capitalize()} left for {speaker}."
