"""The turn-taking timer's state machine, deadlines, view model and announcements."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.tools.timer.model.machine import (
    EVENT_TYPES,
    MAY_COMPLETE,
    TRANSITIONS,
    Configure,
    Finish,
    IllegalTransition,
    NextTurn,
    Pause,
    Phase,
    Reset,
    Resume,
    Start,
    StateError,
    Tick,
    TimerState,
    apply,
    state_from_dict,
    state_to_dict,
    view,
)
from rekindle.tools.timer.model.settings import TimerSettings
from tests.pure.test_timer_settings import timer_settings

MIN = 60_000
T0 = 1_750_000_000_000  # a realistic Date.now()
CHECK_IN = TimerSettings(names=("Sam", "Alex"))  # 3-minute turns, open-ended
FOUR_ROUNDS = TimerSettings("custom", 5, 4, ("Sam", "Alex"), 0, 30)
SENSATE = TimerSettings.from_preset("sensate-focus", names=("Sam", "Alex"))


def run(state: TimerState, *events: object) -> TimerState:
    for event in events:
        state = apply(state, event)
    return state


def started(settings: TimerSettings = CHECK_IN, at: int = T0) -> TimerState:
    return apply(TimerState.initial(settings), Start(at))


# --- the transition table ---------------------------------------------------------------


def in_phase(phase: Phase) -> TimerState:
    """A typical state in each phase, mid-session where that means anything."""
    running = started(FOUR_ROUNDS)
    return {
        Phase.IDLE: TimerState.initial(FOUR_ROUNDS),
        Phase.RUNNING: running,
        Phase.PAUSED: apply(running, Pause(T0 + MIN)),
        Phase.FINISHED: apply(running, Finish(T0 + MIN)),
    }[phase]


def event_of(event_type: type) -> object:
    at = T0 + 2 * MIN
    return Configure(at, SENSATE) if event_type is Configure else event_type(at)


ALL_PAIRS = [(phase, kind) for phase in Phase for kind in EVENT_TYPES]
LEGAL = [pair for pair in ALL_PAIRS if pair in TRANSITIONS]
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]


def test_the_table_is_exactly_this() -> None:
    table = {(phase.value, kind.__name__): to.value for (phase, kind), to in TRANSITIONS.items()}
    assert table == {
        ("idle", "Start"): "running",
        ("idle", "Tick"): "idle",
        ("idle", "Configure"): "idle",
        ("running", "Pause"): "paused",
        ("running", "NextTurn"): "running",
        ("running", "Tick"): "running",
        ("running", "Finish"): "finished",
        ("running", "Reset"): "idle",
        ("paused", "Resume"): "running",
        ("paused", "Tick"): "paused",
        ("paused", "Finish"): "finished",
        ("paused", "Reset"): "idle",
        ("finished", "Tick"): "finished",
        ("finished", "Reset"): "idle",
        ("finished", "Configure"): "idle",
    }
    assert set(TRANSITIONS) >= MAY_COMPLETE
    assert len(ILLEGAL) == 4 * 8 - 15


@pytest.mark.parametrize(("phase", "kind"), LEGAL, ids=lambda x: getattr(x, "__name__", x))
def test_each_legal_transition_reaches_its_phase(phase: Phase, kind: type) -> None:
    before = in_phase(phase)
    after = apply(before, event_of(kind))
    assert after.phase is TRANSITIONS[(phase, kind)]


@pytest.mark.parametrize(("phase", "kind"), ILLEGAL, ids=lambda x: getattr(x, "__name__", x))
def test_each_illegal_transition_raises_and_leaves_the_state_alone(
    phase: Phase, kind: type
) -> None:
    before = in_phase(phase)
    snapshot = copy.deepcopy(before)
    with pytest.raises(IllegalTransition) as caught:
        apply(before, event_of(kind))
    assert before == snapshot
    assert caught.value.phase is phase
    assert str(caught.value) == f"{kind.__name__} is not allowed while {phase.value}."
    assert caught.value.event_name == kind.__name__
    assert caught.value.message.endswith(".")


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.PAUSED, Phase.FINISHED])
def test_tick_when_not_running_changes_nothing(phase: Phase) -> None:
    state = in_phase(phase)
    assert apply(state, Tick(T0 + 100 * MIN)) is state


def test_tick_before_the_deadline_changes_nothing() -> None:
    state = started()
    assert apply(state, Tick(T0 + 3 * MIN - 1)) is state


def test_states_and_events_are_frozen() -> None:
    state = started()
    with pytest.raises(dataclasses.FrozenInstanceError):
        state.turn_index = 3  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        Tick(T0).at = 0  # type: ignore[misc]


@pytest.mark.parametrize("at", [1.5, "1000", None, True, float("nan")])
def test_events_need_whole_milliseconds(at: object) -> None:
    with pytest.raises(TypeError):
        Tick(at)  # type: ignore[arg-type]


def test_configure_needs_settings() -> None:
    with pytest.raises(TypeError):
        Configure(T0, {"minutes": 3})  # type: ignore[arg-type]


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.FINISHED])
def test_configure_starts_over_with_the_new_settings(phase: Phase) -> None:
    assert apply(in_phase(phase), Configure(T0, SENSATE)) == TimerState.initial(SENSATE)


@pytest.mark.parametrize("phase", [Phase.RUNNING, Phase.PAUSED, Phase.FINISHED])
def test_reset_goes_back_to_the_start_with_the_same_settings(phase: Phase) -> None:
    assert apply(in_phase(phase), Reset(T0)) == TimerState.initial(FOUR_ROUNDS)


# --- deadlines --------------------------------------------------------------------------


def test_start_sets_the_deadline_one_turn_ahead() -> None:
    state = started()
    assert (state.phase, state.turn_index, state.deadline_ms) == (Phase.RUNNING, 0, T0 + 3 * MIN)


def test_a_tick_at_the_deadline_hands_over_and_chains_the_next_deadline() -> None:
    state = apply(started(), Tick(T0 + 3 * MIN + 4_321))
    assert (state.turn_index, state.deadline_ms) == (1, T0 + 6 * MIN)
    assert state.speaker_index == 1


@given(st.lists(st.integers(0, 2 * 60_000), min_size=20, max_size=40))
def test_late_ticks_never_make_an_hour_of_turns_drift(delays: list[int]) -> None:
    state = started()
    for turn, delay in enumerate(delays, start=1):
        state = apply(state, Tick(T0 + turn * 3 * MIN + delay))
        assert state.turn_index == turn
        assert state.deadline_ms == T0 + (turn + 1) * 3 * MIN
    assert state.deadline_ms - T0 >= 63 * MIN


@given(st.integers(0, 200 * 3 * MIN))
def test_a_sleep_passes_every_deadline_in_one_step(slept: int) -> None:
    state = apply(started(), Tick(T0 + slept))
    passed = slept // (3 * MIN)
    assert state.turn_index == passed
    assert state.deadline_ms == T0 + (passed + 1) * 3 * MIN
    assert state.deadline_ms > T0 + slept


def test_a_sleep_across_several_deadlines_lands_in_the_right_turn() -> None:
    state = apply(started(), Tick(T0 + 5 * 3 * MIN + 30_000))
    assert (state.turn_index, state.round, state.speaker_index) == (5, 3, 1)
    assert state.deadline_ms == T0 + 6 * 3 * MIN


def test_open_ended_sessions_never_finish_by_themselves() -> None:
    ten_years = 10 * 365 * 24 * 60 * MIN
    state = apply(started(), Tick(T0 + ten_years))
    assert state.phase is Phase.RUNNING


def test_a_finite_session_finishes_exactly_at_its_last_deadline() -> None:
    end = T0 + 8 * 5 * MIN
    almost = apply(started(FOUR_ROUNDS), Tick(end - 1))
    assert (almost.phase, almost.turn_index, almost.round) == (Phase.RUNNING, 7, 4)
    done = apply(almost, Tick(end))
    assert done == TimerState(Phase.FINISHED, FOUR_ROUNDS, 7, finished_reason="completed")


def test_sleeping_through_the_end_of_a_finite_session_finishes_it() -> None:
    done = apply(started(FOUR_ROUNDS), Tick(T0 + 24 * 60 * MIN))
    assert (done.phase, done.finished_reason, done.turn_index) == (Phase.FINISHED, "completed", 7)


def test_sensate_focus_is_two_fifteen_minute_turns_then_done() -> None:
    first = started(SENSATE)
    assert first.deadline_ms == T0 + 15 * MIN
    second = apply(first, Tick(T0 + 15 * MIN))
    assert (second.turn_index, second.speaker_index, second.deadline_ms) == (1, 1, T0 + 30 * MIN)
    done = apply(second, Tick(T0 + 30 * MIN))
    assert (done.phase, done.finished_reason) == (Phase.FINISHED, "completed")


def test_pause_and_resume_keep_the_time_left() -> None:
    paused = apply(started(), Pause(T0 + 50_000))
    assert (paused.phase, paused.remaining_ms, paused.deadline_ms) == (Phase.PAUSED, 130_000, None)
    resumed = apply(paused, Resume(T0 + 20 * MIN))
    assert resumed.deadline_ms == T0 + 20 * MIN + 130_000
    assert resumed.turn_index == 0


def test_a_long_pause_does_not_let_the_turn_run_out() -> None:
    paused = apply(started(FOUR_ROUNDS), Pause(T0 + 1_000))
    assert apply(paused, Tick(T0 + 99 * MIN)) is paused


def test_a_pause_after_a_missed_deadline_pauses_the_turn_now_under_way() -> None:
    paused = apply(started(), Pause(T0 + 3 * MIN + 10_000))
    assert (paused.turn_index, paused.remaining_ms) == (1, 170_000)


def test_a_pause_after_the_last_deadline_finds_the_session_finished() -> None:
    done = apply(started(SENSATE), Pause(T0 + 31 * MIN))
    assert (done.phase, done.finished_reason) == (Phase.FINISHED, "completed")


def test_a_pause_with_the_clock_set_back_keeps_at_most_one_turn() -> None:
    paused = apply(started(), Pause(T0 - 10 * MIN))
    assert paused.remaining_ms == 3 * MIN


def test_next_turn_hands_over_early_and_the_new_turn_is_whole() -> None:
    state = apply(started(), NextTurn(T0 + 40_000))
    assert (state.turn_index, state.speaker_index) == (1, 1)
    assert state.deadline_ms == T0 + 40_000 + 3 * MIN


def test_next_turn_racing_the_deadline_never_skips_two_turns() -> None:
    running = started()
    assert apply(running, NextTurn(T0 + 3 * MIN)) == apply(running, Tick(T0 + 3 * MIN))
    late = apply(running, NextTurn(T0 + 3 * MIN + 200))
    assert (late.turn_index, late.deadline_ms) == (1, T0 + 6 * MIN)


def test_next_turn_on_the_last_turn_completes_the_session() -> None:
    last = apply(started(SENSATE), NextTurn(T0 + MIN))
    done = apply(last, NextTurn(T0 + 2 * MIN))
    assert done == TimerState(Phase.FINISHED, SENSATE, 1, finished_reason="completed")


@pytest.mark.parametrize("paused", [False, True])
def test_finish_means_both_feel_heard(paused: bool) -> None:
    state = started(FOUR_ROUNDS)
    if paused:
        state = apply(state, Pause(T0 + MIN))
    done = apply(state, Finish(T0 + 2 * MIN))
    assert done == TimerState(Phase.FINISHED, FOUR_ROUNDS, 0, finished_reason="both-heard")


def test_finish_after_a_missed_deadline_records_the_turn_reached() -> None:
    done = apply(started(FOUR_ROUNDS), Finish(T0 + 11 * MIN))
    assert (done.turn_index, done.finished_reason) == (2, "both-heard")


# --- any sequence of events -------------------------------------------------------------

event_kinds = st.sampled_from(EVENT_TYPES)


@st.composite
def sessions(draw: st.DrawFn) -> tuple[TimerState, int]:
    """A state reached by legal events with random gaps, and the time of the last event."""
    state = TimerState.initial(draw(timer_settings()))
    now = T0
    for kind in draw(st.lists(event_kinds, max_size=25)):
        now += draw(st.integers(0, 30 * MIN))
        if (state.phase, kind) in TRANSITIONS:
            event = Configure(now, draw(timer_settings())) if kind is Configure else kind(now)
            state = apply(state, event)
    return state, now


@given(sessions(), st.integers(0, 10 * MIN))
def test_every_reachable_state_has_a_sane_json_view(session: tuple, later: int) -> None:
    state, now = session
    model = view(state, now + later)
    assert json.loads(json.dumps(model)) == model
    assert 0 <= model["remaining_ms"] <= state.settings.turn_ms
    assert 0.0 <= model["progress"] <= 1.0
    assert model["speaker_name"] in state.settings.names
    for kind, flag in [(Start, "can_start"), (Pause, "can_pause"), (Finish, "can_finish")]:
        assert model[flag] == ((state.phase, kind) in TRANSITIONS)


@given(sessions())
def test_states_survive_a_trip_through_a_dict(session: tuple) -> None:
    state, _ = session
    data = json.loads(json.dumps(state_to_dict(state)))
    assert state_from_dict(data) == state


def test_a_state_dict_is_plain_json() -> None:
    assert state_to_dict(started()) == {
        "phase": "running",
        "settings": {
            "preset": "check-in",
            "minutes": 3,
            "rounds": None,
            "names": ["Sam", "Alex"],
            "starts": 0,
            "warning_seconds": 30,
        },
        "turn_index": 0,
        "deadline_ms": T0 + 3 * MIN,
        "remaining_ms": 0,
        "finished_reason": None,
    }


def _broken(**changes: object) -> dict:
    return {**state_to_dict(started(FOUR_ROUNDS)), **changes}


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        "running",
        {},
        {"phase": "running"},
        _broken(phase="sleeping"),
        _broken(phase=["running"]),
        _broken(settings=None),
        _broken(settings={"minutes": 3}),
        _broken(turn_index=-1),
        _broken(turn_index=8),
        _broken(turn_index="0"),
        _broken(turn_index=0.0),
        _broken(deadline_ms=None),
        _broken(deadline_ms="soon"),
        _broken(deadline_ms=1.5),
        _broken(remaining_ms=5),
        _broken(finished_reason="completed"),
        _broken(phase="paused", deadline_ms=None, remaining_ms=0),
        _broken(phase="paused", deadline_ms=None, remaining_ms=5 * MIN + 1),
        _broken(phase="finished", deadline_ms=None, finished_reason="bored"),
        _broken(phase="idle", deadline_ms=None, remaining_ms=5 * MIN, turn_index=1),
    ],
)
def test_malformed_state_dicts_raise_a_clear_error(data: object) -> None:
    with pytest.raises(StateError, match="Invalid timer state"):
        state_from_dict(data)


def test_state_error_is_a_value_error() -> None:
    assert issubclass(StateError, ValueError)
