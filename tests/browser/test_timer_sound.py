"""The chimes as they actually sound: every note the audio graph is asked to play is
recorded with its scheduled start and stop on the audio clock, and with the moment it was
cut short, if ever. The turn-end bell must play to its end at every change of turn, in a
visible tab and in a hidden one whose timers run late; only bells still to come are ever
called off (a pause, a reset)."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.timer_helpers import (
    CONVERSATION,
    open_timer,
    press,
    run_to_deadline,
    settled,
)

pytestmark = pytest.mark.browser

BELL = (659.25, 987.77)  # the turn-end bell's two notes
SOFT = 523.25  # the warning's note

RECORD_NOTES = """
window.__rkNotes = [];
const proto = OscillatorNode.prototype;
const start = proto.start, stop = proto.stop;
proto.start = function (when = 0) {
  const note = { freq: Math.round(this.frequency.value * 100) / 100, start: when, stop: null,
                 cut: null, scheduledAt: this.context.currentTime };
  this.__rkNote = note;
  window.__rkNotes.push(note);
  return start.call(this, when);
};
proto.stop = function (when) {
  const note = this.__rkNote;
  if (note && when === undefined) note.cut = this.context.currentTime;
  else if (note) note.stop = when;
  return stop.call(this, when);
};
"""

HIDDEN = """
Object.defineProperty(document, "visibilityState", { get: () => "hidden" });
Object.defineProperty(document, "hidden", { get: () => true });
"""


def notes(page: Page) -> list[dict]:
    return page.evaluate("() => window.__rkNotes.map((n) => ({ ...n }))")


def bells(page: Page) -> list[list[dict]]:
    """The turn-end bells scheduled so far, each as its two notes."""
    found = [n for n in notes(page) if n["freq"] in BELL]
    return [found[i : i + 2] for i in range(0, len(found), 2)]


def played_in_full(note: dict) -> bool:
    return note["stop"] is not None and (note["cut"] is None or note["cut"] >= note["stop"])


def test_the_turn_end_bell_plays_in_full_at_every_change_of_turn(page: Page, server) -> None:
    page.add_init_script(RECORD_NOTES)
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    settled(timer)
    [first] = bells(page)
    assert [n["freq"] for n in first] == list(BELL)
    [soft] = [n for n in notes(page) if n["freq"] == SOFT]
    assert first[0]["start"] - soft["start"] == pytest.approx(30, abs=0.05)  # warned 30 s before

    run_to_deadline(page, timer)  # change 1: at the deadline (scheduled long before)
    press(timer, "toggle")
    settled(timer)
    page.clock.run_for(60_000)
    press(timer, "next")  # change 2: early, by Next turn
    settled(timer)
    press(timer, "toggle")
    press(timer, "toggle")  # paused ...
    press(timer, "next")  # change 3: Next turn while paused
    settled(timer)
    press(timer, "toggle")
    settled(timer)

    rung = bells(page)
    cut = [note for bell in rung for note in bell if note["cut"] is not None]
    sounded = [bell for bell in rung if all(note["cut"] is None for note in bell)]
    # Bells for deadlines that Next turn or a pause did away with were called off before
    # they began; every other bell plays in full: one at each of the three changes of
    # turn, and the one waiting for the running turn's end.
    assert all(note["cut"] < note["start"] for note in cut), cut
    assert len(sounded) == 4, rung
    assert all(played_in_full(note) for bell in sounded for note in bell)
    assert sounded[0] == first  # the deadline's bell, scheduled when the turn began
    for early in sounded[1:3]:  # Next turn's bells ring at once
        assert early[0]["start"] == pytest.approx(early[0]["scheduledAt"], abs=0.05)


def test_a_pause_or_a_reset_calls_off_only_bells_still_to_come(page: Page, server) -> None:
    page.add_init_script(RECORD_NOTES)
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    settled(timer)
    press(timer, "toggle")  # pause: the bell and the warning called off, before they began
    settled(timer)
    cut = [n for n in notes(page) if n["cut"] is not None]
    assert len(cut) == 3 and all(n["cut"] < n["start"] for n in cut)
    press(timer, "toggle")  # resume: a new bell for the new deadline
    press(timer, "next")  # a change: the bell sounds now ...
    settled(timer)
    press(timer, "reset")  # ... and a reset a moment later does not cut it
    settled(timer)
    now_bell = bells(page)[-1]
    assert all(played_in_full(note) for note in now_bell)


def test_in_a_hidden_tab_the_bell_is_on_time_though_the_page_hears_late(page: Page, server) -> None:
    page.add_init_script(RECORD_NOTES)
    page.add_init_script(HIDDEN)
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    settled(timer)
    [bell] = bells(page)
    page.clock.fast_forward(180_000 + 40_000)  # a hidden tab's timer fires 40 s late
    expect(timer).to_have_attribute("data-phase", "handover")
    settled(timer)
    assert bells(page) == [bell]  # no second, late bell: the first was already on the clock
    assert all(played_in_full(note) for note in bell)
