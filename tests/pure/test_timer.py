"""The turn-taking timer's state machine: its table, deadlines, hand-overs, time spoken,
prompts, and the state's JSON form."""

from __future__ import annotations

import copy
import dataclasses
import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rekindle.tools.timer.model.machine import (
    EVENT_TYPES,
    TRANSITIONS,
    Begin,
    Configure,
    Finish,
    Finished,
    HandOver,
    Idle,
    IllegalTransition,
    NextTurn,
    Pause,
    Paused,
    Phase,
    Reset,
    Resume,
    Running,
    SkipPrompt,
    Start,
    State,
    StateError,
    Tick,
    TimerState,
    apply,
    state_from_dict,
    state_to_dict,
)
from rekindle.tools.timer.model.settings import TimerSettings
from tests.pure.test_timer_settings import timer_settings

MIN = 60_000
T0 = 1_750_000_000_000  # a realistic page clock reading
PROMPTS = ("Hopes?", "Fears?", "Future?")
CHECK_IN = TimerSettings(names=("Sam", "Alex"))  # 3-minute turns, open-ended, hand-overs
AUTO = dataclasses.replace(CHECK_IN, handover=False)  # the next turn starts at once
FOUR_ROUNDS = TimerSettings("custom", 5, 4, ("Sam", "Alex"), 0, 30)
SENSATE = TimerSettings.from_preset("sensate-focus", names=("Sam", "Alex"))
TALK = dataclasses.replace(CHECK_IN, prompts=PROMPTS)


def run(state: State, *events: object) -> State:
    for event in events:
        state = apply(state, event)  # type: ignore[arg-type]
    return state


def started(settings: TimerSettings = CHECK_IN, at: int = T0) -> State:
    return apply(TimerState.initial(settings), Start(at))


# --- the transition table ---------------------------------------------------------------


def in_phase(phase: Phase) -> State:
    """A typical state in each phase, mid-session where that means anything."""
    running = started(FOUR_ROUNDS)
    return {
        Phase.IDLE: TimerState.initial(FOUR_ROUNDS),
        Phase.RUNNING: running,
        Phase.PAUSED: apply(running, Pause(T0 + MIN)),
        Phase.HANDOVER: apply(running, NextTurn(T0 + MIN)),
        Phase.FINISHED: apply(running, Finish(T0 + MIN)),
    }[phase]


def event_of(event_type: type) -> object:
    at = T0 + 2 * MIN
    return Configure(at, SENSATE) if event_type is Configure else event_type(at)


ALL_PAIRS = [(phase, kind) for phase in Phase for kind in EVENT_TYPES]
LEGAL = [pair for pair in ALL_PAIRS if pair in TRANSITIONS]
ILLEGAL = [pair for pair in ALL_PAIRS if pair not in TRANSITIONS]


def test_the_table_is_exactly_this() -> None:
    table = {
        (phase.value, kind.__name__): sorted(to.value for to in results)
        for (phase, kind), results in TRANSITIONS.items()
    }
    turn_ends = ["finished", "handover", "running"]
    assert table == {
        ("idle", "Start"): ["running"],
        ("idle", "SkipPrompt"): ["idle"],
        ("idle", "Tick"): ["idle"],
        ("idle", "Configure"): ["idle"],
        ("running", "Pause"): ["finished", "handover", "paused"],
        ("running", "NextTurn"): turn_ends,
        ("running", "SkipPrompt"): turn_ends,
        ("running", "Tick"): turn_ends,
        ("running", "Finish"): ["finished"],
        ("running", "Reset"): ["idle"],
        ("paused", "Resume"): ["running"],
        ("paused", "NextTurn"): turn_ends,
        ("paused", "SkipPrompt"): ["paused"],
        ("paused", "Tick"): ["paused"],
        ("paused", "Finish"): ["finished"],
        ("paused", "Reset"): ["idle"],
        ("handover", "Begin"): ["running"],
        ("handover", "SkipPrompt"): ["handover"],
        ("handover", "Tick"): ["handover"],
        ("handover", "Finish"): ["finished"],
        ("handover", "Reset"): ["idle"],
        ("finished", "Tick"): ["finished"],
        ("finished", "Reset"): ["idle"],
        ("finished", "Configure"): ["idle"],
    }
    assert len(ILLEGAL) == 5 * 10 - 24


@pytest.mark.parametrize(("phase", "kind"), LEGAL, ids=lambda x: getattr(x, "__name__", x))
def test_each_legal_transition_reaches_one_of_its_phases(phase: Phase, kind: type) -> None:
    before = in_phase(phase)
    assert before.phase is phase
    after = apply(before, event_of(kind))  # type: ignore[arg-type]
    assert after.phase in TRANSITIONS[(phase, kind)]


@pytest.mark.parametrize(("phase", "kind"), ILLEGAL, ids=lambda x: getattr(x, "__name__", x))
def test_each_illegal_transition_raises_and_leaves_the_state_alone(
    phase: Phase, kind: type
) -> None:
    before = in_phase(phase)
    snapshot = copy.deepcopy(before)
    with pytest.raises(IllegalTransition) as caught:
        apply(before, event_of(kind))  # type: ignore[arg-type]
    assert before == snapshot
    assert caught.value.phase is phase
    assert str(caught.value) == f"{kind.__name__} is not allowed while {phase.value}."
    assert caught.value.event_name == kind.__name__
    assert caught.value.message.endswith(".")


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.PAUSED, Phase.HANDOVER, Phase.FINISHED])
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


def test_each_phase_holds_only_its_own_moment() -> None:
    assert not hasattr(TimerState.initial(CHECK_IN), "deadline_ms")
    assert not hasattr(in_phase(Phase.PAUSED), "deadline_ms")
    assert not hasattr(in_phase(Phase.RUNNING), "remaining_ms")
    assert not hasattr(in_phase(Phase.HANDOVER), "deadline_ms")
    assert not hasattr(in_phase(Phase.RUNNING), "reason")


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


@pytest.mark.parametrize("phase", [Phase.RUNNING, Phase.PAUSED, Phase.HANDOVER, Phase.FINISHED])
def test_reset_goes_back_to_the_start_with_the_same_settings(phase: Phase) -> None:
    assert apply(in_phase(phase), Reset(T0)) == TimerState.initial(FOUR_ROUNDS)


# --- deadlines, with hand-overs off (the next turn starts at once) ---------------------


def test_start_sets_the_deadline_one_turn_ahead() -> None:
    state = started()
    assert isinstance(state, Running)
    assert (state.turn_index, state.deadline_ms, state.spoken_ms) == (0, T0 + 3 * MIN, (0, 0))


def test_without_hand_overs_a_tick_at_the_deadline_chains_the_next_deadline() -> None:
    state = apply(started(AUTO), Tick(T0 + 3 * MIN + 4_321))
    assert isinstance(state, Running)
    assert (state.turn_index, state.deadline_ms, state.speaker_index) == (1, T0 + 6 * MIN, 1)
    assert state.spoken_ms == (3 * MIN, 0)


@given(st.lists(st.integers(0, 2 * 60_000), min_size=20, max_size=40))
def test_late_ticks_never_make_an_hour_of_turns_drift(delays: list[int]) -> None:
    state = started(AUTO)
    for turn, delay in enumerate(delays, start=1):
        state = apply(state, Tick(T0 + turn * 3 * MIN + delay))
        assert isinstance(state, Running)
        assert state.turn_index == turn
        assert state.deadline_ms == T0 + (turn + 1) * 3 * MIN
    assert sum(state.spoken_ms) == len(delays) * 3 * MIN


@given(st.integers(0, 200 * 3 * MIN))
def test_a_sleep_passes_every_deadline_in_one_step(slept: int) -> None:
    state = apply(started(AUTO), Tick(T0 + slept))
    passed = slept // (3 * MIN)
    assert isinstance(state, Running)
    assert state.turn_index == passed
    assert state.deadline_ms == T0 + (passed + 1) * 3 * MIN > T0 + slept
    assert state.spoken_ms == ((passed + 1) // 2 * 3 * MIN, passed // 2 * 3 * MIN)


def test_open_ended_sessions_never_finish_by_themselves() -> None:
    ten_years = 10 * 365 * 24 * 60 * MIN
    assert apply(started(AUTO), Tick(T0 + ten_years)).phase is Phase.RUNNING
    assert apply(started(CHECK_IN), Tick(T0 + ten_years)).phase is Phase.HANDOVER


@pytest.mark.parametrize("handover", [False, True])
def test_a_finite_session_finishes_exactly_at_its_last_deadline(handover: bool) -> None:
    settings = dataclasses.replace(FOUR_ROUNDS, handover=handover)
    state, now = started(settings), T0
    for _ in range(7):
        now += 5 * MIN
        state = apply(state, Tick(now))
        if isinstance(state, HandOver):
            state = apply(state, Begin(now))
    assert (state.phase, state.turn_index, state.round) == (Phase.RUNNING, 7, 4)
    assert apply(state, Tick(now + 5 * MIN - 1)) is state
    done = apply(state, Tick(now + 5 * MIN))
    assert done == Finished(
        settings=settings, turn_index=7, spoken_ms=(20 * MIN, 20 * MIN), reason="completed"
    )


def test_sleeping_through_the_end_of_a_finite_session_finishes_it() -> None:
    done = apply(
        started(dataclasses.replace(FOUR_ROUNDS, handover=False)), Tick(T0 + 24 * 60 * MIN)
    )
    assert isinstance(done, Finished)
    assert (done.reason, done.turn_index, done.spoken_ms) == ("completed", 7, (20 * MIN, 20 * MIN))


def test_sensate_focus_is_two_fifteen_minute_turns_then_done() -> None:
    first = started(SENSATE)
    assert isinstance(first, Running) and first.deadline_ms == T0 + 15 * MIN
    handing = apply(first, Tick(T0 + 15 * MIN))
    second = apply(handing, Begin(T0 + 16 * MIN))
    assert isinstance(second, Running)
    assert (second.turn_index, second.speaker_index, second.deadline_ms) == (1, 1, T0 + 31 * MIN)
    done = apply(second, Tick(T0 + 31 * MIN))
    assert isinstance(done, Finished) and done.reason == "completed"


def test_pause_and_resume_keep_the_time_left() -> None:
    paused = apply(started(), Pause(T0 + 50_000))
    assert isinstance(paused, Paused) and paused.remaining_ms == 130_000
    resumed = apply(paused, Resume(T0 + 20 * MIN))
    assert isinstance(resumed, Running)
    assert (resumed.deadline_ms, resumed.turn_index) == (T0 + 20 * MIN + 130_000, 0)


def test_a_long_pause_does_not_let_the_turn_run_out() -> None:
    paused = apply(started(FOUR_ROUNDS), Pause(T0 + 1_000))
    assert apply(paused, Tick(T0 + 99 * MIN)) is paused


def test_without_hand_overs_a_late_pause_pauses_the_turn_now_under_way() -> None:
    paused = apply(started(AUTO), Pause(T0 + 3 * MIN + 10_000))
    assert isinstance(paused, Paused)
    assert (paused.turn_index, paused.remaining_ms) == (1, 170_000)


def test_a_pause_after_the_last_deadline_finds_the_session_finished() -> None:
    auto = dataclasses.replace(SENSATE, handover=False)
    done = apply(started(auto), Pause(T0 + 31 * MIN))
    assert isinstance(done, Finished) and done.reason == "completed"


def test_a_pause_with_the_clock_set_back_keeps_at_most_one_turn() -> None:
    paused = apply(started(), Pause(T0 - 10 * MIN))
    assert isinstance(paused, Paused) and paused.remaining_ms == 3 * MIN


def test_without_hand_overs_next_turn_starts_a_whole_turn_at_once() -> None:
    state = apply(started(AUTO), NextTurn(T0 + 40_000))
    assert isinstance(state, Running)
    assert (state.turn_index, state.speaker_index, state.deadline_ms) == (1, 1, T0 + 220_000)
    assert state.spoken_ms == (40_000, 0)


@pytest.mark.parametrize("settings", [AUTO, CHECK_IN], ids=["auto", "hand-over"])
def test_next_turn_racing_the_deadline_never_skips_two_turns(settings: TimerSettings) -> None:
    running = started(settings)
    assert apply(running, NextTurn(T0 + 3 * MIN)) == apply(running, Tick(T0 + 3 * MIN))
    late = apply(running, NextTurn(T0 + 3 * MIN + 200))
    assert late.turn_index == 1


def test_next_turn_on_the_last_turn_completes_the_session() -> None:
    last = run(started(SENSATE), NextTurn(T0 + MIN), Begin(T0 + 2 * MIN))
    done = apply(last, NextTurn(T0 + 3 * MIN))
    assert done == Finished(
        settings=SENSATE, turn_index=1, spoken_ms=(MIN, MIN), reason="completed"
    )


@pytest.mark.parametrize("paused", [False, True])
def test_finish_means_both_feel_heard(paused: bool) -> None:
    state = started(FOUR_ROUNDS)
    if paused:
        state = apply(state, Pause(T0 + MIN))
    done = apply(state, Finish(T0 + 2 * MIN))
    spoken = MIN if paused else 2 * MIN
    assert done == Finished(
        settings=FOUR_ROUNDS, turn_index=0, spoken_ms=(spoken, 0), reason="both-heard"
    )


def test_finish_after_a_missed_deadline_records_the_turn_reached() -> None:
    auto = dataclasses.replace(FOUR_ROUNDS, handover=False)
    done = apply(started(auto), Finish(T0 + 11 * MIN))
    assert isinstance(done, Finished)
    assert (done.turn_index, done.reason, done.spoken_ms) == (2, "both-heard", (6 * MIN, 5 * MIN))


# --- hand-overs --------------------------------------------------------------------------


def test_a_turn_that_runs_out_waits_for_a_tap() -> None:
    handing = apply(started(), Tick(T0 + 3 * MIN + 500))
    assert handing == HandOver(
        settings=CHECK_IN, turn_index=1, spoken_ms=(3 * MIN, 0), since_ms=T0 + 3 * MIN
    )
    assert handing.speaker_index == 1  # the hand-over already names who is next
    assert apply(handing, Tick(T0 + 5 * 60 * MIN)) is handing  # it never ends by itself


def test_the_tap_gives_the_next_speaker_a_whole_turn_from_that_moment() -> None:
    handing = apply(started(), Tick(T0 + 3 * MIN))
    tapped = T0 + 3 * MIN + 47_123
    state = apply(handing, Begin(tapped))
    assert isinstance(state, Running)
    assert (state.turn_index, state.deadline_ms, state.spoken_ms) == (
        1,
        tapped + 3 * MIN,
        (3 * MIN, 0),
    )


@pytest.mark.parametrize("paused", [False, True], ids=["running", "paused"])
def test_next_turn_hands_over_running_or_paused(paused: bool) -> None:
    state = started()
    if paused:
        state = apply(state, Pause(T0 + 40_000))
    handing = apply(state, NextTurn(T0 + 90_000))
    spoken = 40_000 if paused else 90_000
    assert handing == HandOver(
        settings=CHECK_IN, turn_index=1, spoken_ms=(spoken, 0), since_ms=T0 + 90_000
    )


def test_a_sleep_stops_at_the_first_hand_over() -> None:
    handing = apply(started(), Tick(T0 + 8 * 60 * MIN))
    assert isinstance(handing, HandOver)
    assert (handing.turn_index, handing.since_ms, handing.spoken_ms) == (
        1,
        T0 + 3 * MIN,
        (3 * MIN, 0),
    )


def test_a_pause_that_finds_the_turn_over_is_the_hand_over() -> None:
    handing = apply(started(), Pause(T0 + 4 * MIN))
    assert isinstance(handing, HandOver) and handing.since_ms == T0 + 3 * MIN


def test_no_hand_over_after_the_last_turn() -> None:
    last = run(started(SENSATE), Tick(T0 + 15 * MIN), Begin(T0 + 20 * MIN))
    assert isinstance(apply(last, Tick(T0 + 35 * MIN)), Finished)


def test_finishing_in_a_hand_over_counts_only_the_turns_taken() -> None:
    handing = run(started(), NextTurn(T0 + MIN), Begin(T0 + 2 * MIN), NextTurn(T0 + 4 * MIN))
    assert isinstance(handing, HandOver) and handing.turn_index == 2
    done = apply(handing, Finish(T0 + 60 * MIN))
    assert done == Finished(
        settings=CHECK_IN, turn_index=1, spoken_ms=(MIN, 2 * MIN), reason="both-heard"
    )


@given(st.lists(st.integers(0, 30 * MIN), min_size=7, max_size=7))
def test_hand_overs_move_a_finite_sessions_end_by_exactly_their_length(gaps: list[int]) -> None:
    state, now = started(FOUR_ROUNDS), T0
    for gap in gaps:
        now += 5 * MIN
        state = apply(state, Tick(now))
        assert isinstance(state, HandOver) and state.since_ms == now
        now += gap
        state = apply(state, Begin(now))
    assert isinstance(state, Running)
    assert state.deadline_ms == T0 + 8 * 5 * MIN + sum(gaps)
    assert state.turn_index == 7  # no turn gained or lost


@given(st.lists(st.tuples(st.integers(0, 10 * MIN), st.integers(0, 5 * MIN)), min_size=1))
def test_two_hours_of_turns_and_hand_overs_never_drift(steps: list[tuple[int, int]]) -> None:
    """Turns of 3 minutes for two simulated hours; ticks arrive up to 10 minutes late, taps
    up to 5 minutes after that. Every turn gets exactly 3 minutes from its tap, and the time
    spoken is exactly 3 minutes a turn, whatever the lateness."""
    state, now, turns = started(), T0, 0
    while now < T0 + 120 * MIN:
        late, tap = steps[turns % len(steps)]
        assert isinstance(state, Running)
        deadline = state.deadline_ms
        state = apply(state, Tick(deadline + late))
        assert isinstance(state, HandOver) and state.since_ms == deadline
        now = deadline + late + tap
        state = apply(state, Begin(now))
        turns += 1
        assert isinstance(state, Running) and state.deadline_ms == now + 3 * MIN
    assert sum(state.spoken_ms) == turns * 3 * MIN
    assert state.turn_index == turns


# --- time spoken: what the summary is made of -------------------------------------------


def test_pauses_and_partial_turns_count_only_the_time_spoken() -> None:
    state = run(
        started(),
        Pause(T0 + 30_000),  # 30 s spoken
        Resume(T0 + 10 * MIN),  # a 9.5-minute pause: nobody's time
        NextTurn(T0 + 10 * MIN + 45_000),  # 75 s in all
        Begin(T0 + 12 * MIN),  # a hand-over of 75 s: nobody's time
        Finish(T0 + 12 * MIN + 100_000),
    )
    assert isinstance(state, Finished)
    assert (state.spoken_ms, state.turns_over) == ((75_000, 100_000), 2)


def test_a_laptop_that_slept_mid_turn_counts_that_turn_whole_and_no_more() -> None:
    handed = apply(started(), Tick(T0 + 5 * 60 * MIN))  # hand-overs on: the sleep is a wait
    assert handed.spoken_ms == (3 * MIN, 0)
    auto = apply(started(AUTO), Tick(T0 + 10 * MIN))  # off: the turns went on meanwhile
    assert auto.spoken_ms == (6 * MIN, 3 * MIN) and auto.turn_index == 3


@given(st.lists(st.sampled_from([Pause, Resume, NextTurn, Begin, Tick]), max_size=30), st.data())
def test_time_spoken_never_exceeds_the_time_that_passed(
    kinds: list[type], data: st.DataObject
) -> None:
    state, now = started(), T0
    for kind in kinds:
        now += data.draw(st.integers(0, 5 * MIN))
        if (state.phase, kind) in TRANSITIONS:
            state = apply(state, kind(now))
    assert sum(state.spoken_ms) <= now - T0 + 3 * MIN


# --- prompts ------------------------------------------------------------------------------


def test_both_people_answer_one_prompt_per_round() -> None:
    shown = []
    state, now = started(TALK), T0
    for _ in range(7):
        shown.append(state.prompt)
        now += MIN
        state = run(state, NextTurn(now), Begin(now))
    assert shown == ["Hopes?", "Hopes?", "Fears?", "Fears?", "Future?", "Future?", "Hopes?"]


def test_the_hand_over_already_shows_the_next_rounds_prompt() -> None:
    handing = run(started(TALK), NextTurn(T0 + MIN), Begin(T0 + MIN), NextTurn(T0 + 2 * MIN))
    assert isinstance(handing, HandOver) and handing.prompt == "Fears?"


@pytest.mark.parametrize("phase", [Phase.IDLE, Phase.RUNNING, Phase.PAUSED, Phase.HANDOVER])
def test_skip_shows_the_next_prompt_for_the_rest_of_the_round(phase: Phase) -> None:
    state = {
        Phase.IDLE: TimerState.initial(TALK),
        Phase.RUNNING: started(TALK),
        Phase.PAUSED: apply(started(TALK), Pause(T0 + 1)),
        Phase.HANDOVER: apply(started(TALK), NextTurn(T0 + 1)),
    }[phase]
    skipped = apply(state, SkipPrompt(T0 + 2))
    assert (skipped.phase, skipped.prompt) == (phase, "Fears?")
    assert apply(apply(skipped, SkipPrompt(T0 + 3)), SkipPrompt(T0 + 4)).prompt == "Hopes?"


def test_a_skip_in_the_first_turn_holds_for_the_second_then_the_round_moves_on() -> None:
    state = run(started(TALK), SkipPrompt(T0 + 1), NextTurn(T0 + MIN), Begin(T0 + MIN))
    assert (state.turn_index, state.prompt) == (1, "Fears?")
    state = run(state, NextTurn(T0 + 2 * MIN), Begin(T0 + 2 * MIN))
    assert (state.turn_index, state.prompt) == (2, "Future?")


def test_a_skip_after_the_deadline_only_catches_up() -> None:
    running = started(TALK)
    assert apply(running, SkipPrompt(T0 + 3 * MIN)) == apply(running, Tick(T0 + 3 * MIN))


def test_without_prompts_skip_changes_nothing() -> None:
    state = started()
    assert state.prompt is None
    assert apply(state, SkipPrompt(T0 + 1)) is state


@given(st.integers(0, 60 * 3 * MIN), st.integers(0, 2))
def test_a_sleep_without_hand_overs_moves_prompts_as_the_turns_would(
    slept: int, skips: int
) -> None:
    auto = dataclasses.replace(TALK, handover=False)
    start = run(started(auto), *[SkipPrompt(T0 + i) for i in range(skips)])
    at_once = apply(start, Tick(T0 + slept))
    one_by_one = start
    for turn in range(1, slept // (3 * MIN) + 1):
        one_by_one = apply(one_by_one, Tick(T0 + turn * 3 * MIN))
    assert at_once == one_by_one


# --- any sequence of events -------------------------------------------------------------

event_kinds = st.sampled_from(EVENT_TYPES)


@st.composite
def sessions(draw: st.DrawFn) -> tuple[State, int]:
    """A state reached by legal events with random gaps, and the time of the last event."""
    state: State = TimerState.initial(draw(timer_settings()))
    now = T0
    for kind in draw(st.lists(event_kinds, max_size=25)):
        now += draw(st.integers(0, 30 * MIN))
        if (state.phase, kind) in TRANSITIONS:
            event = Configure(now, draw(timer_settings())) if kind is Configure else kind(now)
            state = apply(state, event)
    return state, now


@given(sessions())
def test_states_survive_a_trip_through_a_dict(session: tuple) -> None:
    state, _ = session
    data = json.loads(json.dumps(state_to_dict(state)))
    assert state_from_dict(data) == state


def test_a_state_dict_is_plain_json_with_its_phases_own_moment() -> None:
    settings = {
        "preset": "check-in",
        "minutes": 3,
        "rounds": None,
        "names": ["Sam", "Alex"],
        "starts": 0,
        "warning_seconds": 30,
        "handover": True,
        "prompts": [],
    }
    common = {"settings": settings, "turn_index": 0, "spoken_ms": [0, 0], "prompt_index": 0}
    assert state_to_dict(started()) == {"phase": "running", **common, "deadline_ms": T0 + 3 * MIN}
    handing = state_to_dict(apply(started(), NextTurn(T0 + 1000)))
    assert handing == {
        **common,
        "phase": "handover",
        "turn_index": 1,
        "spoken_ms": [1000, 0],
        "since_ms": T0 + 1000,
    }


OLD_SETTINGS = {
    "preset": "custom",
    "minutes": 5,
    "rounds": 4,
    "names": ["Sam", "Alex"],
    "starts": 0,
    "warning_seconds": 30,
}
OLD_COMMON = {"settings": OLD_SETTINGS, "deadline_ms": None, "remaining_ms": 0}
OLD_COMMON |= {"finished_reason": None}


@pytest.mark.parametrize(
    ("old", "expected"),
    [
        (
            {**OLD_COMMON, "phase": "idle", "turn_index": 0, "remaining_ms": 5 * MIN},
            TimerState.initial(FOUR_ROUNDS),
        ),
        (
            {**OLD_COMMON, "phase": "running", "turn_index": 3, "deadline_ms": T0},
            Running(
                settings=FOUR_ROUNDS, turn_index=3, spoken_ms=(10 * MIN, 5 * MIN), deadline_ms=T0
            ),
        ),
        (
            {**OLD_COMMON, "phase": "paused", "turn_index": 1, "remaining_ms": 7},
            Paused(settings=FOUR_ROUNDS, turn_index=1, spoken_ms=(5 * MIN, 0), remaining_ms=7),
        ),
        (
            {**OLD_COMMON, "phase": "finished", "turn_index": 1, "finished_reason": "both-heard"},
            Finished(
                settings=FOUR_ROUNDS,
                turn_index=1,
                spoken_ms=(5 * MIN, 5 * MIN),
                reason="both-heard",
            ),
        ),
    ],
    ids=["idle", "running", "paused", "finished"],
)
def test_a_state_saved_before_hand_overs_is_still_read(old: dict, expected: State) -> None:
    assert state_from_dict(old) == expected


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
        _broken(spoken_ms=None),
        _broken(spoken_ms=[0]),
        _broken(spoken_ms=[0, 0, 0]),
        _broken(spoken_ms=[1, 0]),  # spoken before any turn was over
        _broken(spoken_ms=[0.5, 0]),
        _broken(prompt_index=1),  # there are no prompts
        _broken(prompt_index="0"),
        _broken(phase="paused", remaining_ms=0),
        _broken(phase="paused", remaining_ms=5 * MIN + 1),
        _broken(phase="handover", since_ms=T0),  # no turn has ended yet
        _broken(phase="handover", turn_index=1, spoken_ms=[5 * MIN, 0]),  # no since_ms
        _broken(phase="finished", reason="bored"),
        _broken(phase="finished"),
        {**OLD_COMMON, "phase": "idle", "turn_index": 1, "remaining_ms": 5 * MIN},
        {**OLD_COMMON, "phase": "idle", "turn_index": 0, "remaining_ms": 5},
        {**OLD_COMMON, "phase": "running", "turn_index": 0, "remaining_ms": 5, "deadline_ms": T0},
        {**OLD_COMMON, "phase": "paused", "turn_index": 0, "remaining_ms": 7, "deadline_ms": T0},
        {**OLD_COMMON, "phase": "finished", "turn_index": 0, "finished_reason": "bored"},
    ],
)
def test_malformed_state_dicts_raise_a_clear_error(data: object) -> None:
    with pytest.raises(StateError, match="Invalid timer state"):
        state_from_dict(data)


def test_state_error_is_a_value_error() -> None:
    assert issubclass(StateError, ValueError)


def test_a_state_cannot_be_built_broken() -> None:
    with pytest.raises(StateError):
        Running(settings=CHECK_IN, turn_index=0, spoken_ms=(5 * MIN, 0), deadline_ms=T0)
    with pytest.raises(StateError):
        Idle(settings=CHECK_IN, turn_index=2)
