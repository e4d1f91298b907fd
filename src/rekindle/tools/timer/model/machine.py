"""The turn-taking timer: a pure state machine. No clock, no I/O; time is an argument.

Rules:

1. Two people take turns; a round is one turn each. Turn `i` belongs to person
   `(starts + i) % 2`, who holds the active role (Speaker, or Giver in sensate focus).
2. A session is idle, running, paused, in a hand-over, or finished: one frozen class per
   phase (`state.py`). `TRANSITIONS` below is the whole list of what may happen, with the
   phases each event may lead to; any (phase, event) pair not in it raises
   `IllegalTransition`, and the state passed in is untouched.
3. Running stores the deadline (ms on the page's monotonic clock), never a count of ticks;
   time left is `deadline - now`.
4. A turn ends at its deadline, on NextTurn, or on Finish. After a turn ends:
   - if it was the last turn of a finite session, the session is finished ("completed");
     there is no hand-over after the last turn;
   - with hand-overs on (the default), a hand-over follows. Its clock does not run: it
     lasts until Begin, and the next turn then gets one whole turn length from that tap.
     So a hand-over is nobody's time, never ends by itself, and changes no count of turns;
     in a finite session it moves the end later by exactly its own length, nothing more;
   - with hand-overs off, the next turn starts at once. At a deadline it is chained from
     that deadline, not from when the news arrived, so nothing drifts.
5. Every event handled while running first catches up with `event.at`: a deadline already
   passed (the laptop slept, the tab was hidden) ends its turn as rule 4 says, in one step.
   With hand-overs on, catching up stops at the first hand-over; off, it may pass many
   turns, each a whole turn spoken. Then Pause pauses whatever turn is under way (none in
   a hand-over or once finished); NextTurn and SkipPrompt do nothing more (rule 7).
6. Tick is legal in every phase and changes nothing unless a running deadline has passed:
   the page may tick whenever it likes (at deadlines, on becoming visible).
7. NextTurn ends the turn now, running or paused. One that arrives at or after the
   deadline only catches up, so a tap racing the deadline never skips two turns; so does a
   SkipPrompt, whose prompt has already changed or is about to.
8. Pause keeps the time left (at least 1 ms); Resume sets the deadline to `at` plus that.
   If the clock went backwards, time left is capped at one turn length.
9. Time spoken: when a turn ends, its speaker's `spoken_ms` grows by the turn length minus
   the time left (a whole turn at its deadline). Pauses and hand-overs never count.
10. Prompts: one per round, which both people answer. Each new round shows the next prompt
    (after the last comes the first again); SkipPrompt shows the next one at once, for the
    rest of the round.
11. Finish ("we both feel heard") ends a running, paused or hand-over session ("both-heard").
    Reset returns to idle with the same settings; Configure (idle or finished only) returns
    to idle with new settings.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from types import MappingProxyType
from typing import Any

from rekindle.tools.timer.model.codec import state_from_dict, state_to_dict
from rekindle.tools.timer.model.events import (
    EVENT_TYPES,
    Begin,
    Configure,
    Event,
    Finish,
    NextTurn,
    Pause,
    Reset,
    Resume,
    SkipPrompt,
    Start,
    Tick,
)
from rekindle.tools.timer.model.state import (
    BOTH_HEARD,
    COMPLETED,
    Finished,
    HandOver,
    Idle,
    Paused,
    Phase,
    Running,
    State,
    StateError,
    TimerState,
)

__all__ = [
    "EVENT_TYPES",
    "TRANSITIONS",
    "Begin",
    "Configure",
    "Event",
    "Finish",
    "Finished",
    "HandOver",
    "Idle",
    "IllegalTransition",
    "NextTurn",
    "Pause",
    "Paused",
    "Phase",
    "Reset",
    "Resume",
    "Running",
    "SkipPrompt",
    "Start",
    "State",
    "StateError",
    "Tick",
    "TimerState",
    "apply",
    "is_allowed",
    "state_from_dict",
    "state_to_dict",
]

IDLE, RUNNING, PAUSED = Phase.IDLE, Phase.RUNNING, Phase.PAUSED
HANDOVER, FINISHED = Phase.HANDOVER, Phase.FINISHED
_TURN_ENDS = frozenset({RUNNING, HANDOVER, FINISHED})  # rule 4: what may follow a turn


def _to(*phases: Phase) -> frozenset[Phase]:
    return frozenset(phases)


# (phase, event type) -> the phases it may lead to. Anything missing is illegal.
TRANSITIONS: Mapping[tuple[Phase, type[Event]], frozenset[Phase]] = MappingProxyType(
    {
        (IDLE, Start): _to(RUNNING),
        (IDLE, SkipPrompt): _to(IDLE),
        (IDLE, Tick): _to(IDLE),
        (IDLE, Configure): _to(IDLE),
        (RUNNING, Pause): _to(PAUSED, HANDOVER, FINISHED),  # rule 5
        (RUNNING, NextTurn): _TURN_ENDS,
        (RUNNING, SkipPrompt): _TURN_ENDS,  # rule 5: a deadline may have passed first
        (RUNNING, Tick): _TURN_ENDS,
        (RUNNING, Finish): _to(FINISHED),
        (RUNNING, Reset): _to(IDLE),
        (PAUSED, Resume): _to(RUNNING),
        (PAUSED, NextTurn): _TURN_ENDS,
        (PAUSED, SkipPrompt): _to(PAUSED),
        (PAUSED, Tick): _to(PAUSED),
        (PAUSED, Finish): _to(FINISHED),
        (PAUSED, Reset): _to(IDLE),
        (HANDOVER, Begin): _to(RUNNING),
        (HANDOVER, SkipPrompt): _to(HANDOVER),
        (HANDOVER, Tick): _to(HANDOVER),
        (HANDOVER, Finish): _to(FINISHED),
        (HANDOVER, Reset): _to(IDLE),
        (FINISHED, Tick): _to(FINISHED),
        (FINISHED, Reset): _to(IDLE),
        (FINISHED, Configure): _to(IDLE),
    }
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


def apply(state: State, event: Event) -> State:
    """The state after `event`; raises `IllegalTransition` (state untouched) if not allowed."""
    key = (state.phase, type(event))
    if key not in TRANSITIONS:
        raise IllegalTransition(state.phase, event)
    after = _HANDLERS[key](state, event)
    assert after.phase in TRANSITIONS[key], f"{key} led to {after.phase}"
    return after


# --- how a turn ends (rules 4, 9, 10) ---------------------------------------------------


def _turn_over(state: Running | Paused, spoken: int, at: int) -> State:
    """The turn under way ended at `at` after `spoken` ms: finished, a hand-over, or next."""
    settings = state.settings
    record = _spoke(state, spoken)
    if state.is_last_turn:
        return _finished(state, record, COMPLETED)
    turn = state.turn_index + 1
    prompt = _next_round_prompt(state, turn)
    if settings.handover:
        return HandOver(
            settings=settings, turn_index=turn, spoken_ms=record, prompt_index=prompt, since_ms=at
        )
    return Running(
        settings=settings,
        turn_index=turn,
        spoken_ms=record,
        prompt_index=prompt,
        deadline_ms=at + settings.turn_ms,
    )


def _spoke(state: TimerState, ms: int, turns: int = 1) -> tuple[int, int]:
    """`spoken_ms` after the speaker of this turn spoke `ms` more (rule 9)."""
    spoken = list(state.spoken_ms)
    spoken[state.speaker_index] += max(0, min(ms, turns * state.settings.turn_ms))
    return spoken[0], spoken[1]


def _next_round_prompt(state: TimerState, turn: int) -> int:
    """A new round (an even turn) moves on to the next prompt."""
    count = len(state.settings.prompts)
    if not count or turn % 2:
        return state.prompt_index
    return (state.prompt_index + 1) % count


def _finished(state: TimerState, spoken: tuple[int, int], reason: str) -> Finished:
    """Over: `state.turn_index` is the last turn taken (a hand-over's never began)."""
    last = state.turn_index - 1 if isinstance(state, HandOver) else state.turn_index
    return Finished(
        settings=state.settings,
        turn_index=last,
        spoken_ms=spoken,
        prompt_index=state.prompt_index,
        reason=reason,
    )


def _catch_up(state: State, at: int) -> State:
    """End every turn whose deadline is at or before `at` (rule 5)."""
    while isinstance(state, Running) and at >= state.deadline_ms:
        turn_ms = state.settings.turn_ms
        if not state.settings.handover and state.settings.rounds is None:
            # open-ended, no hand-overs: pass every missed turn in one step, not a loop
            passed = (at - state.deadline_ms) // turn_ms
            if passed:
                state = _skip_whole_turns(state, passed)
        state = _turn_over(state, turn_ms, state.deadline_ms)
    return state


def _skip_whole_turns(state: Running, passed: int) -> Running:
    """`passed` whole turns went by unseen (open-ended, no hand-overs): record them at once."""
    turn_ms = state.settings.turn_ms
    turn = state.turn_index + passed
    count = len(state.settings.prompts)
    rounds_begun = turn // 2 - state.turn_index // 2
    prompt = (state.prompt_index + rounds_begun) % count if count else 0
    spoken = list(state.spoken_ms)
    spoken[state.speaker_index] += (passed + 1) // 2 * turn_ms  # turns t, t+2, ...
    spoken[1 - state.speaker_index] += passed // 2 * turn_ms
    return replace(
        state,
        turn_index=turn,
        spoken_ms=(spoken[0], spoken[1]),
        prompt_index=prompt,
        deadline_ms=state.deadline_ms + passed * turn_ms,
    )


# --- handlers: one short function per (phase, event) ------------------------------------


def _start(state: Idle, event: Start) -> State:
    settings = state.settings
    return Running(
        settings=settings, prompt_index=state.prompt_index, deadline_ms=event.at + settings.turn_ms
    )


def _pause(state: Running, event: Pause) -> State:
    current = _catch_up(state, event.at)
    if not isinstance(current, Running):
        return current
    left = max(1, min(current.deadline_ms - event.at, current.settings.turn_ms))
    return Paused(
        settings=current.settings,
        turn_index=current.turn_index,
        spoken_ms=current.spoken_ms,
        prompt_index=current.prompt_index,
        remaining_ms=left,
    )


def _resume(state: Paused, event: Resume) -> State:
    return Running(
        settings=state.settings,
        turn_index=state.turn_index,
        spoken_ms=state.spoken_ms,
        prompt_index=state.prompt_index,
        deadline_ms=event.at + state.remaining_ms,
    )


def _next_running(state: Running, event: NextTurn) -> State:
    if event.at >= state.deadline_ms:
        return _catch_up(state, event.at)
    left = min(state.deadline_ms - event.at, state.settings.turn_ms)
    return _turn_over(state, state.settings.turn_ms - left, event.at)


def _next_paused(state: Paused, event: NextTurn) -> State:
    return _turn_over(state, state.settings.turn_ms - state.remaining_ms, event.at)


def _begin(state: HandOver, event: Begin) -> State:
    return Running(
        settings=state.settings,
        turn_index=state.turn_index,
        spoken_ms=state.spoken_ms,
        prompt_index=state.prompt_index,
        deadline_ms=event.at + state.settings.turn_ms,
    )


def _skip(state: Idle | Running | Paused | HandOver, event: SkipPrompt) -> State:
    count = len(state.settings.prompts)
    return replace(state, prompt_index=(state.prompt_index + 1) % count) if count else state


def _skip_running(state: Running, event: SkipPrompt) -> State:
    current = _catch_up(state, event.at)
    return _skip(state, event) if current is state else current


def _tick(state: State, event: Tick) -> State:
    return _catch_up(state, event.at)


def _finish_running(state: Running, event: Finish) -> State:
    current = _catch_up(state, event.at)
    if isinstance(current, Finished):
        return replace(current, reason=BOTH_HEARD)
    if isinstance(current, HandOver):
        return _finished(current, current.spoken_ms, BOTH_HEARD)
    assert isinstance(current, Running)
    left = max(0, min(current.deadline_ms - event.at, current.settings.turn_ms))
    return _finished(current, _spoke(current, current.settings.turn_ms - left), BOTH_HEARD)


def _finish_paused(state: Paused, event: Finish) -> State:
    spoken = _spoke(state, state.settings.turn_ms - state.remaining_ms)
    return _finished(state, spoken, BOTH_HEARD)


def _finish_handover(state: HandOver, event: Finish) -> State:
    return _finished(state, state.spoken_ms, BOTH_HEARD)


def _reset(state: State, event: Reset) -> State:
    return TimerState.initial(state.settings)


def _configure(state: Idle | Finished, event: Configure) -> State:
    return TimerState.initial(event.settings)


_HANDLERS: Mapping[tuple[Phase, type[Event]], Callable[[Any, Any], State]] = MappingProxyType(
    {
        (IDLE, Start): _start,
        (IDLE, SkipPrompt): _skip,
        (IDLE, Tick): _tick,
        (IDLE, Configure): _configure,
        (RUNNING, Pause): _pause,
        (RUNNING, NextTurn): _next_running,
        (RUNNING, SkipPrompt): _skip_running,
        (RUNNING, Tick): _tick,
        (RUNNING, Finish): _finish_running,
        (RUNNING, Reset): _reset,
        (PAUSED, Resume): _resume,
        (PAUSED, NextTurn): _next_paused,
        (PAUSED, SkipPrompt): _skip,
        (PAUSED, Tick): _tick,
        (PAUSED, Finish): _finish_paused,
        (PAUSED, Reset): _reset,
        (HANDOVER, Begin): _begin,
        (HANDOVER, SkipPrompt): _skip,
        (HANDOVER, Tick): _tick,
        (HANDOVER, Finish): _finish_handover,
        (HANDOVER, Reset): _reset,
        (FINISHED, Tick): _tick,
        (FINISHED, Reset): _reset,
        (FINISHED, Configure): _configure,
    }
)
assert set(_HANDLERS) == set(TRANSITIONS), "every legal pair has exactly one handler"
