"""What the page shows and says: whole view models at key moments, clock text, announcements."""

from __future__ import annotations

import pytest

from rekindle.tools.timer.model.machine import (
    Configure,
    Finish,
    NextTurn,
    Pause,
    Reset,
    Resume,
    Start,
    Tick,
    TimerState,
    announcement,
    apply,
    format_clock,
    view,
    warning_announcement,
)
from rekindle.tools.timer.model.settings import TimerSettings
from rekindle.tools.timer.model.text import format_spoken

MIN = 60_000
T0 = 1_750_000_000_000
TWO_ROUNDS = TimerSettings("custom", 3, 2, ("Sam", "Alex"), 0, 30)
SENSATE = TimerSettings.from_preset("sensate-focus", names=("Sam", "Alex"), starts=1)
SPEAK = "Share your own feelings, fears and hopes, starting from “I”."
LISTEN = "Listen without interrupting; there is nothing to rebut, just take it in."

READY = {
    "phase": "idle",
    "preset": "custom",
    "round": 1,
    "rounds_total": 2,
    "round_label": "Round 1 of 2",
    "turn": 1,
    "turn_label": "Turn 1 of 4",
    "speaker_name": "Sam",
    "listener_name": "Alex",
    "speaker_role": "Speaker",
    "listener_role": "Listener",
    "speaker_reminder": SPEAK,
    "listener_reminder": LISTEN,
    "remaining_ms": 180_000,
    "clock": "3:00",
    "deadline_ms": None,
    "warning_at_ms": None,
    "warning_active": False,
    "turn_ms": 180_000,
    "progress": 0.0,
    "status_text": "Ready when you are",
    "can_start": True,
    "can_pause": False,
    "can_resume": False,
    "can_next": False,
    "can_reset": False,
    "can_finish": False,
    "can_configure": True,
}
RUNNING_BUTTONS = {"can_start": False, "can_pause": True, "can_next": True, "can_reset": True}
RUNNING_BUTTONS |= {"can_finish": True, "can_configure": False}


def test_a_two_round_conversation_from_start_to_both_feeling_heard() -> None:
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
    paused_view = {
        **near_the_end,
        "phase": "paused",
        "deadline_ms": None,
        "status_text": "Paused",
        "can_pause": False,
        "can_resume": True,
        "can_next": False,
    }
    assert view(paused, T0 + 99 * MIN) == paused_view

    resumed = apply(paused, Resume(T0 + 10 * MIN))
    assert announcement(paused, resumed) == "Resumed. Sam is speaking."
    assert view(resumed, T0 + 10 * MIN) == {**near_the_end, "deadline_ms": T0 + 10 * MIN + 24_500}

    alex_speaks = apply(resumed, Tick(resumed.deadline_ms))
    assert announcement(resumed, alex_speaks) == "Round 1 of 2. Alex speaks now; Sam listens."
    handed_over = T0 + 10 * MIN + 24_500
    assert view(alex_speaks, handed_over) == {
        **just_started,
        "turn": 2,
        "turn_label": "Turn 2 of 4",
        "speaker_name": "Alex",
        "listener_name": "Sam",
        "deadline_ms": handed_over + 3 * MIN,
        "warning_at_ms": handed_over + 150_000,
        "status_text": "Alex is speaking",
    }

    heard = apply(alex_speaks, Finish(handed_over + MIN))
    assert announcement(alex_speaks, heard) == (
        "Finished: you both feel heard. Thank you for listening to each other."
    )
    assert view(heard, handed_over + MIN) == {
        **READY,
        "phase": "finished",
        "turn": 2,
        "turn_label": "Turn 2 of 4",
        "speaker_name": "Alex",
        "listener_name": "Sam",
        "remaining_ms": 0,
        "clock": "0:00",
        "progress": 1.0,
        "status_text": "Finished: you both feel heard",
        "can_start": False,
        "can_reset": True,
    }

    again = apply(heard, Reset(handed_over + 2 * MIN))
    assert announcement(heard, again) == "Timer reset. Ready when you are."
    assert view(again, 0) == READY


def test_an_open_ended_check_in_in_round_five_after_the_laptop_slept() -> None:
    settings = TimerSettings(names=("Sam", "Alex"))
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
    }
    assert (model["clock"], model["turn_label"], model["warning_at_ms"]) == (
        "14:00",
        "Turn 1 of 2",
        T0 + 14 * MIN,
    )
    assert warning_announcement(alex_gives) == "1 minute left for Alex."
    assert "touch" in model["speaker_reminder"] and "receive" in model["listener_reminder"]

    done = apply(alex_gives, Tick(T0 + 30 * MIN))
    assert announcement(alex_gives, done) == (
        "Finished: that was the last turn. Take a moment together."
    )
    assert view(done, T0 + 30 * MIN)["status_text"] == "Finished: all rounds done"


def test_names_are_shown_exactly_as_typed() -> None:
    names = ('<img src=x onerror="alert(1)">', "{speaker}")
    settings = TimerSettings(names=names)
    running = apply(TimerState.initial(settings), Start(T0))
    assert view(running, T0)["status_text"] == '<img src=x onerror="alert(1)"> is speaking'
    flipped = apply(running, NextTurn(T0 + 1))
    assert view(flipped, T0 + 1)["status_text"] == "{speaker} is speaking"
    assert announcement(running, flipped) == (
        'Round 1. {speaker} speaks now; <img src=x onerror="alert(1)"> listens.'
    )


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
    finished = apply(running, Finish(T0 + 1_000))
    assert announcement(running, apply(running, Tick(T0 + 1_000))) is None
    assert announcement(paused, apply(paused, Tick(T0 + 99 * MIN))) is None
    assert announcement(idle, apply(idle, Configure(T0, TWO_ROUNDS))) is None
    assert announcement(finished, apply(finished, Tick(T0))) is None


def test_a_handover_within_a_round_and_into_the_next_round() -> None:
    running = apply(TimerState.initial(TWO_ROUNDS), Start(T0))
    second = apply(running, NextTurn(T0 + 1_000))
    third = apply(second, NextTurn(T0 + 2_000))
    assert announcement(running, second) == "Round 1 of 2. Alex speaks now; Sam listens."
    assert announcement(second, third) == "Round 2 of 2. Sam speaks now; Alex listens."


def test_the_second_person_can_start() -> None:
    settings = TimerSettings(names=("Sam", "Alex"), starts=1, rounds=3)
    idle = TimerState.initial(settings)
    assert (view(idle, T0)["speaker_name"], view(idle, T0)["listener_name"]) == ("Alex", "Sam")
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
    ("ms", "text"),
    [
        (0, "0 seconds"),
        (1_000, "1 second"),
        (24_500, "25 seconds"),
        (60_000, "1 minute"),
        (61_000, "1 minute 1 second"),
        (151_000, "2 minutes 31 seconds"),
        (900_000, "15 minutes"),
    ],
)
def test_format_spoken_says_minutes_and_seconds(ms: int, text: str) -> None:
    assert format_spoken(ms) == text


def test_an_odd_warning_is_said_in_minutes_and_seconds() -> None:
    settings = TimerSettings(names=("Sam", "Alex"), warning_seconds=90)
    assert warning_announcement(TimerState.initial(settings)) == "1 minute 30 seconds left for Sam."
