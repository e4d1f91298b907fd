"""What the page shows and says: whole view models at key moments, the hand-over, the
summary at the end, clock text, announcements."""

from __future__ import annotations

import dataclasses

import pytest

from rekindle.tools.timer.model.machine import (
    Begin,
    Configure,
    Finish,
    NextTurn,
    Pause,
    Reset,
    Resume,
    Running,
    SkipPrompt,
    Start,
    Tick,
    TimerState,
    apply,
)
from rekindle.tools.timer.model.settings import TimerSettings
from rekindle.tools.timer.model.text import (
    announcement,
    format_clock,
    format_spoken,
    warning_announcement,
)
from rekindle.tools.timer.model.view import view

MIN = 60_000
T0 = 1_750_000_000_000
TWO_ROUNDS = TimerSettings("custom", 3, 2, ("Sam", "Alex"), 0, 30)
SENSATE = TimerSettings.from_preset("sensate-focus", names=("Sam", "Alex"), starts=1)
SPEAK = "Share your own feelings, fears and hopes, starting from “I”."
LISTEN = "Listen without interrupting; there is nothing to rebut, just take it in."
QUESTION = "What is one thing you heard today that you want to keep in mind?"
NO_SUMMARY = {"summary_turns": "", "summary_a_time": "", "summary_b_time": ""}

READY = {
    "phase": "idle",
    "preset": "custom",
    "in_session": False,
    "round": 1,
    "rounds_total": 2,
    "round_label": "Round 1 of 2",
    "turn": 1,
    "turn_label": "Turn 1 of 4",
    "speaker_index": 0,
    "speaker_name": "Sam",
    "listener_name": "Alex",
    "name_a": "Sam",
    "name_b": "Alex",
    "speaker_role": "Speaker",
    "listener_role": "Listener",
    "speaker_reminder": SPEAK,
    "listener_reminder": LISTEN,
    "remaining_ms": 180_000,
    "clock": "3:00",
    "deadline_ms": None,
    "warning_at_ms": None,
    "warning_active": False,
    "warning_ms": 30_000,
    "turn_ms": 180_000,
    "progress": 0.0,
    "status_text": "Ready when you are",
    "running_text": "Sam is speaking",
    "toggle_label": "Start",
    "handover": True,
    "handover_text": "",
    "prompt": "",
    **NO_SUMMARY,
    "closing_question": "",
    "can_start": True,
    "can_pause": False,
    "can_resume": False,
    "can_next": False,
    "can_begin": False,
    "can_skip": False,
    "can_reset": False,
    "can_finish": False,
    "can_configure": True,
}
RUNNING_BUTTONS = {"can_start": False, "can_pause": True, "can_next": True, "can_reset": True}
RUNNING_BUTTONS |= {"can_finish": True, "can_configure": False, "in_session": True}


def test_a_two_round_conversation_from_start_to_the_summary() -> None:
    idle = TimerState.initial(TWO_ROUNDS)
    assert view(idle, T0) == READY

    sam_speaks = apply(idle, Start(T0))
    assert announcement(idle, sam_speaks) == "Started. Round 1 of 2. Sam speaks now; Alex listens."
    just_started = {
        **READY,
        **RUNNING_BUTTONS,
        "phase": "running",
        "deadline_ms": T0 + 3 * MIN,
        "warning_at_ms": T0 + 150_000,
        "status_text": "Sam is speaking",
        "toggle_label": "Pause",
    }
    assert view(sam_speaks, T0) == just_started

    near_the_end = view(sam_speaks, T0 + 155_500)
    assert near_the_end == {
        **just_started,
        "remaining_ms": 24_500,
        "clock": "0:25",
        "warning_at_ms": None,
        "warning_active": True,
        "progress": 155_500 / 180_000,
    }
    assert warning_announcement(sam_speaks) == "30 seconds left for Sam."

    paused = apply(sam_speaks, Pause(T0 + 155_500))
    assert announcement(sam_speaks, paused) == "Paused, with 25 seconds left for Sam."
    assert view(paused, T0 + 99 * MIN) == {
        **near_the_end,
        "phase": "paused",
        "deadline_ms": None,
        "status_text": "Paused",
        "toggle_label": "Resume",
        "can_pause": False,
        "can_resume": True,
    }

    resumed = apply(paused, Resume(T0 + 10 * MIN))
    assert announcement(paused, resumed) == "Resumed. Sam is speaking."
    assert view(resumed, T0 + 10 * MIN) == {**near_the_end, "deadline_ms": T0 + 10 * MIN + 24_500}

    assert isinstance(resumed, Running)
    ended = resumed.deadline_ms
    handing = apply(resumed, Tick(ended + 2_000))
    assert announcement(resumed, handing) == "Turn over. Alex's turn. Tap when you are ready."
    assert view(handing, ended + 2_000) == {
        **READY,
        "phase": "handover",
        "in_session": True,
        "turn": 2,
        "turn_label": "Turn 2 of 4",
        "speaker_index": 1,
        "speaker_name": "Alex",
        "listener_name": "Sam",
        "status_text": "Hand-over: Alex is next",
        "running_text": "Alex is speaking",
        "toggle_label": "Start Alex's turn",
        "handover_text": "Alex's turn. Tap when you are ready.",
        "can_start": False,
        "can_begin": True,
        "can_reset": True,
        "can_finish": True,
        "can_configure": False,
    }

    tapped = ended + 40_000
    alex_speaks = apply(handing, Begin(tapped))
    assert announcement(handing, alex_speaks) == "Round 1 of 2. Alex speaks now; Sam listens."
    assert view(alex_speaks, tapped)["deadline_ms"] == tapped + 3 * MIN

    heard = apply(alex_speaks, Finish(tapped + MIN))
    assert announcement(alex_speaks, heard) == (
        "Finished: you both feel heard. Thank you for listening to each other. 2 turns taken: "
        f"Sam: 3 minutes as Speaker; Alex: 1 minute as Speaker. To close: {QUESTION}"
    )
    summary = view(heard, tapped + MIN)
    assert summary == {
        **READY,
        "phase": "finished",
        "turn": 2,
        "turn_label": "Turn 2 of 4",
        "speaker_index": 1,
        "speaker_name": "Alex",
        "listener_name": "Sam",
        "remaining_ms": 0,
        "clock": "0:00",
        "progress": 1.0,
        "status_text": "Finished: you both feel heard",
        "running_text": "Alex is speaking",
        "toggle_label": "Start again",
        "summary_turns": "2 turns taken",
        "summary_a_time": "3 minutes as Speaker",
        "summary_b_time": "1 minute as Speaker",
        "closing_question": QUESTION,
        "can_start": False,
        "can_reset": True,
    }
    assert announcement(heard, apply(heard, Tick(tapped + 5 * MIN))) is None  # said once

    again = apply(heard, Reset(tapped + 2 * MIN))
    assert announcement(heard, again) == "Timer reset. Ready when you are."
    assert view(again, 0) == READY


def test_the_summary_leaves_out_pauses_and_hand_overs_and_rounds_to_the_second() -> None:
    state = apply(TimerState.initial(TWO_ROUNDS), Start(T0))
    for event in (
        Pause(T0 + 59_400),  # Sam: 59.4 s
        Resume(T0 + 30 * MIN),
        NextTurn(T0 + 30 * MIN + 60_200),  # Sam: 119.6 s in all
        Begin(T0 + 45 * MIN),
        Finish(T0 + 45 * MIN + 1_499),  # Alex: 1.499 s
    ):
        state = apply(state, event)
    model = view(state, T0 + 99 * MIN)
    assert (model["summary_a_time"], model["summary_b_time"]) == (
        "2 minutes as Speaker",
        "1 second as Speaker",
    )
    assert model["summary_turns"] == "2 turns taken"


def test_one_turn_and_sensate_words_in_the_summary() -> None:
    done = apply(apply(TimerState.initial(SENSATE), Start(T0)), Finish(T0 + 10 * MIN + 15_000))
    model = view(done, T0)
    assert model["summary_turns"] == "1 turn taken"
    assert (model["summary_a_time"], model["summary_b_time"]) == (
        "0 seconds as Giver",
        "10 minutes 15 seconds as Giver",
    )
    assert model["closing_question"].startswith("What did each of you notice")


def test_an_open_ended_check_in_in_round_five_after_the_laptop_slept() -> None:
    settings = TimerSettings(names=("Sam", "Alex"), handover=False)
    running = apply(TimerState.initial(settings), Start(T0))
    woke = apply(running, Tick(T0 + 9 * 3 * MIN + 100_000))
    assert announcement(running, woke) == "Round 5. Alex speaks now; Sam listens."
    model = view(woke, T0 + 9 * 3 * MIN + 100_000)
    assert {key: model[key] for key in ("round", "rounds_total", "round_label", "turn_label")} == {
        "round": 5,
        "rounds_total": None,
        "round_label": "Round 5",
        "turn_label": "Turn 10",
    }
    assert (model["clock"], model["preset"], model["speaker_name"]) == ("1:20", "check-in", "Alex")


def test_sensate_focus_speaks_of_giving_and_receiving() -> None:
    idle = TimerState.initial(SENSATE)
    alex_gives = apply(idle, Start(T0))
    assert announcement(idle, alex_gives) == "Started. Round 1 of 1. Alex gives now; Sam receives."
    model = view(alex_gives, T0 + 60_000)
    assert {key: model[key] for key in model if key.endswith(("_name", "_role", "_text"))} == {
        "speaker_name": "Alex",
        "listener_name": "Sam",
        "speaker_role": "Giver",
        "listener_role": "Receiver",
        "status_text": "Alex is giving",
        "running_text": "Alex is giving",
        "handover_text": "",
    }
    assert (model["clock"], model["turn_label"], model["warning_at_ms"]) == (
        "14:00",
        "Turn 1 of 2",
        T0 + 14 * MIN,
    )
    assert warning_announcement(alex_gives) == "1 minute left for Alex."
    assert "touch" in model["speaker_reminder"] and "receive" in model["listener_reminder"]

    second = apply(apply(alex_gives, Tick(T0 + 15 * MIN)), Begin(T0 + 16 * MIN))
    done = apply(second, Tick(T0 + 31 * MIN))
    assert announcement(second, done).startswith(  # type: ignore[union-attr]
        "Finished: that was the last turn. Take a moment together. 2 turns taken"
    )
    assert view(done, T0 + 31 * MIN)["status_text"] == "Finished: all rounds done"


def test_the_prompt_is_shown_said_when_new_and_skippable() -> None:
    settings = dataclasses.replace(TWO_ROUNDS, prompts=("Hopes?", "Fears?"))
    idle = TimerState.initial(settings)
    assert (view(idle, T0)["prompt"], view(idle, T0)["can_skip"]) == ("Hopes?", True)
    started = apply(idle, Start(T0))
    assert announcement(idle, started) == (
        "Started. Round 1 of 2. Sam speaks now; Alex listens. Prompt: Hopes?"
    )
    skipped = apply(started, SkipPrompt(T0 + 1))
    assert announcement(started, skipped) == "Next prompt: Fears?"
    second = apply(skipped, NextTurn(T0 + 2))
    assert announcement(skipped, second) == "Turn over. Alex's turn. Tap when you are ready."
    third = apply(apply(second, Begin(T0 + 3)), NextTurn(T0 + 4))
    assert announcement(second, third) is not None
    assert view(third, T0)["prompt"] == "Hopes?"  # round 2 moves on, round and round
    assert view(TimerState.initial(TWO_ROUNDS), T0)["can_skip"] is False


def test_names_are_shown_exactly_as_typed() -> None:
    names = ('<img src=x onerror="alert(1)">', "{speaker}")
    settings = TimerSettings(names=names, handover=False)
    running = apply(TimerState.initial(settings), Start(T0))
    assert view(running, T0)["status_text"] == '<img src=x onerror="alert(1)"> is speaking'
    flipped = apply(running, NextTurn(T0 + 1))
    assert view(flipped, T0 + 1)["status_text"] == "{speaker} is speaking"
    assert announcement(running, flipped) == (
        'Round 1. {speaker} speaks now; <img src=x onerror="alert(1)"> listens.'
    )
    handing = apply(apply(TimerState.initial(TimerSettings(names=names)), Start(T0)), NextTurn(T0))
    assert view(handing, T0)["handover_text"] == "{speaker}'s turn. Tap when you are ready."


def test_right_to_left_names_pass_through_untouched() -> None:
    settings = TimerSettings(names=("سارا", "דנה"))
    running = apply(TimerState.initial(settings), Start(T0))
    assert view(running, T0)["speaker_name"] == "سارا"
    assert warning_announcement(running) == "30 seconds left for سارا."


def test_the_view_before_a_late_tick_reads_zero_not_negative() -> None:
    running = apply(TimerState.initial(TWO_ROUNDS), Start(T0))
    model = view(running, T0 + 5 * MIN)
    assert (model["remaining_ms"], model["clock"], model["progress"]) == (0, "0:00", 1.0)
    assert model["warning_active"] is False


def test_the_view_with_the_clock_set_back_reads_one_full_turn_at_most() -> None:
    running = apply(TimerState.initial(TWO_ROUNDS), Start(T0))
    model = view(running, T0 - 10 * MIN)
    assert (model["remaining_ms"], model["clock"], model["progress"]) == (180_000, "3:00", 0.0)


def test_with_the_warning_off_there_is_no_warning_moment() -> None:
    settings = TimerSettings(names=("Sam", "Alex"), warning_seconds=0)
    running = apply(TimerState.initial(settings), Start(T0))
    model = view(running, T0 + 170_000)
    assert (model["warning_at_ms"], model["warning_active"]) == (None, False)
    assert warning_announcement(running) == "Time is nearly up for Sam."


# --- announcements only at milestones ---------------------------------------------------


def test_nothing_is_announced_when_nothing_changed() -> None:
    idle = TimerState.initial(TWO_ROUNDS)
    running = apply(idle, Start(T0))
    paused = apply(running, Pause(T0 + 1_000))
    handing = apply(running, NextTurn(T0 + 1_000))
    finished = apply(running, Finish(T0 + 1_000))
    assert announcement(running, apply(running, Tick(T0 + 1_000))) is None
    assert announcement(paused, apply(paused, Tick(T0 + 99 * MIN))) is None
    assert announcement(handing, apply(handing, Tick(T0 + 99 * MIN))) is None
    assert announcement(idle, apply(idle, Configure(T0, TWO_ROUNDS))) is None
    assert announcement(finished, apply(finished, Tick(T0))) is None


def test_turns_without_hand_overs_within_a_round_and_into_the_next() -> None:
    running = apply(TimerState.initial(dataclasses.replace(TWO_ROUNDS, handover=False)), Start(T0))
    second = apply(running, NextTurn(T0 + 1_000))
    third = apply(second, NextTurn(T0 + 2_000))
    assert announcement(running, second) == "Round 1 of 2. Alex speaks now; Sam listens."
    assert announcement(second, third) == "Round 2 of 2. Sam speaks now; Alex listens."


def test_the_second_person_can_start() -> None:
    settings = TimerSettings(names=("Sam", "Alex"), starts=1, rounds=3)
    idle = TimerState.initial(settings)
    assert (view(idle, T0)["speaker_name"], view(idle, T0)["speaker_index"]) == ("Alex", 1)
    assert announcement(idle, apply(idle, Start(T0))) == (
        "Started. Round 1 of 3. Alex speaks now; Sam listens."
    )


# --- clock and spoken durations ---------------------------------------------------------


@pytest.mark.parametrize(
    ("ms", "text"),
    [
        (180_000, "3:00"),
        (179_001, "3:00"),
        (179_000, "2:59"),
        (60_001, "1:01"),
        (60_000, "1:00"),
        (59_999, "1:00"),
        (10_000, "0:10"),
        (1, "0:01"),
        (0, "0:00"),
        (-5_000, "0:00"),
        (3_600_000, "60:00"),
        (3_599_999, "60:00"),
    ],
)
def test_format_clock_rounds_up_to_whole_seconds(ms: int, text: str) -> None:
    assert format_clock(ms) == text


@pytest.mark.parametrize(
    ("ms", "text", "nearest"),
    [
        (0, "0 seconds", "0 seconds"),
        (1_000, "1 second", "1 second"),
        (24_500, "25 seconds", "25 seconds"),
        (24_499, "25 seconds", "24 seconds"),
        (60_000, "1 minute", "1 minute"),
        (61_000, "1 minute 1 second", "1 minute 1 second"),
        (151_000, "2 minutes 31 seconds", "2 minutes 31 seconds"),
        (900_000, "15 minutes", "15 minutes"),
        (2 * 3_600_000 + 60_000, "2 hours 1 minute", "2 hours 1 minute"),
    ],
)
def test_format_spoken_says_hours_minutes_and_seconds(ms: int, text: str, nearest: str) -> None:
    assert format_spoken(ms) == text
    assert format_spoken(ms, nearest=True) == nearest


def test_an_odd_warning_is_said_in_minutes_and_seconds() -> None:
    settings = TimerSettings(names=("Sam", "Alex"), warning_seconds=90)
    assert warning_announcement(TimerState.initial(settings)) == "1 minute 30 seconds left for Sam."
