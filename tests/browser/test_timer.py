"""The turn-taking timer in real Chromium, on the built site served under a sub-path: a
session on deadlines, the settings form, the device's effects, and what is kept on the
device. The session view, keys, sounds and slow networks have files of their own
(test_timer_session.py, test_timer_keys.py, test_timer_sound.py, test_timer_slow.py).

Time is Playwright's fake clock (see timer_helpers.py). Every assertion waits on what is on
screen.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.timer_helpers import (
    BOOT,
    CONVERSATION,
    SENSATE,
    T0,
    announced,
    button,
    clock,
    open_settings,
    open_timer,
    part,
    press,
    run_to_deadline,
    set_field,
    settled,
)

__all__ = ["BOOT", "CONVERSATION", "T0", "clock", "open_settings", "part", "press"]

pytestmark = pytest.mark.browser

SAVED_KEY = "rekindle /rekindle/ turn-timer"  # kit/scope.js: this copy's name for it


def test_ready_is_said_in_words_and_nothing_else_is_fetched(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    expect(timer.locator("[data-rk-status]")).to_contain_text("ready")
    expect(timer.locator("[data-rk-retry]")).to_be_hidden()
    expect(part(timer, "speaker_role")).to_have_text("Speaker")
    expect(clock(timer)).to_have_text("3:00")
    expect(part(timer, "prompt")).to_have_text("What I hope for if we try again is…")
    for hidden in ("next", "finish", "reset"):  # before a session only Start is offered
        expect(button(timer, hidden)).to_be_hidden()


def test_a_whole_session_runs_on_deadlines_with_calm_hand_overs(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    timer.locator('[name="rounds"]').select_option("2")
    expect(part(timer, "round_label")).to_have_text("Round 1 of 2")
    settled(timer)

    press(timer, "toggle")
    expect(part(timer, "status_text")).to_have_text("Partner A is speaking")
    expect(announced(timer)).to_contain_text("Partner A speaks now")
    expect(button(timer, "toggle")).to_have_text("Pause")
    expect(timer).to_have_attribute("data-chime-at", str(T0 + 1_000 + 180_000))

    settled(timer)
    page.clock.run_for(150_000)  # the 30-second warning
    expect(timer.locator("[data-rk-warning]")).to_be_visible()
    expect(announced(timer)).to_contain_text("30 seconds")
    expect(clock(timer)).to_have_text("0:30")

    run_to_deadline(page, timer)  # the deadline: a hand-over, and nobody's clock runs
    expect(timer).to_have_attribute("data-phase", "handover")
    expect(part(timer, "handover_text")).to_have_text("Partner B's turn. Tap when you are ready.")
    expect(announced(timer)).to_contain_text("Partner B's turn")
    page.clock.run_for(5_000)
    expect(clock(timer)).to_have_text("3:00")
    press(timer, "toggle")  # "Start Partner B's turn"
    expect(timer).to_have_attribute("data-phase", "running")
    expect(timer).to_have_attribute("data-chime-at", str(T0 + 1_000 + 180_050 + 5_000 + 180_000))
    settled(timer)

    press(timer, "toggle")  # pause, and time stops mattering
    expect(part(timer, "status_text")).to_have_text("Paused")
    settled(timer)
    page.clock.run_for(600_000)
    expect(clock(timer)).to_have_text("3:00")
    press(timer, "next")  # next turn works while paused
    expect(timer).to_have_attribute("data-phase", "handover")
    expect(part(timer, "round_label")).to_have_text("Round 2 of 2")
    expect(part(timer, "prompt")).to_have_text("What scares me about trying again is…")
    press(timer, "toggle")
    expect(part(timer, "speaker_name")).to_have_text("Partner A")
    run_to_deadline(page, timer)
    press(timer, "toggle")
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    run_to_deadline(page, timer)  # the last deadline ends the session: no hand-over
    expect(timer).to_have_attribute("data-phase", "finished")
    expect(announced(timer)).to_contain_text(re.compile("finish", re.I))
    expect(button(timer, "toggle")).to_have_text("Start again")
    expect(part(timer, "summary_turns")).to_have_text("4 turns taken")
    expect(part(timer, "summary_a_time")).to_have_text("6 minutes as Speaker")
    expect(part(timer, "summary_b_time")).to_have_text("3 minutes as Speaker")
    for gone in ("next", "finish", "reset"):  # one clear way on: "Start again"
        expect(button(timer, gone)).to_be_hidden()
    expect(timer.locator(".rk-timer__face")).to_be_hidden()  # no stale "Turn 4, 0:00"


def test_the_automatic_switch_is_still_there_for_who_wants_it(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    timer.locator('[name="handover"]').select_option("auto")
    settled(timer)
    press(timer, "toggle")
    run_to_deadline(page, timer)
    expect(timer).to_have_attribute("data-phase", "running")
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    expect(timer).to_have_attribute("data-chime-at", str(T0 + 1_000 + 360_000))


def test_we_both_feel_heard_finishes_an_open_session(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    press(timer, "finish")
    expect(timer).to_have_attribute("data-phase", "finished")
    expect(part(timer, "status_text")).to_contain_text("heard")
    expect(timer).not_to_have_attribute("data-chime-at", re.compile(".*"))


def test_a_sleeping_laptop_wakes_to_a_hand_over(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    settled(timer)
    page.clock.fast_forward(600_000)  # 10 minutes asleep: the turn ended at 3:00
    expect(timer).to_have_attribute("data-phase", "handover")
    expect(part(timer, "turn_label")).to_have_text("Turn 2")
    expect(clock(timer)).to_have_text("3:00")


@pytest.fixture(scope="module")
def form_timer(browser: Browser, server) -> Iterator[Locator]:
    """One idle timer with its settings open, shared by the many bad-input cases below
    (each case types into it; booting Pyodide per case would only slow the suite)."""
    with watched(new_context(browser), PageWatch(server.origin)) as context:
        timer = open_timer(context.new_page(), server.url + CONVERSATION)
        open_settings(timer)
        yield timer


BAD_MINUTES = ["0", "-1", "61", "abc", "", "3.5", "NaN", "1e3", "  ", "٣٠٠"]


@pytest.mark.parametrize("typed", BAD_MINUTES)
def test_bad_minutes_get_a_message_and_keep_the_last_good_value(
    form_timer: Locator, typed: str
) -> None:
    timer = form_timer
    set_field(timer, "minutes", typed)
    message = timer.locator('[data-rk-error-for="minutes"]')
    expect(message).to_be_visible()
    expect(message).to_contain_text("1 to 60")
    expect(timer.locator('[name="minutes"]')).to_have_attribute("aria-invalid", "true")
    expect(timer.locator('[name="minutes"]')).to_have_value(typed)  # what they typed stays
    expect(clock(timer)).to_have_text("3:00")  # the timer kept 3 minutes
    set_field(timer, "minutes", "3")
    expect(message).to_be_hidden()


HOSTILE_NAMES = [
    "<script>alert(1)</script>",
    '<img src=x onerror="document.title=1">',
    "سارا",  # right-to-left
    "Zoë 💞 Ana",
]


@pytest.mark.parametrize("typed", HOSTILE_NAMES)
def test_names_are_always_shown_as_text(form_timer: Locator, typed: str) -> None:
    timer = form_timer
    set_field(timer, "name_a", typed)
    expect(part(timer, "speaker_name")).to_have_text(typed)
    assert timer.locator("img, script").count() == 0
    assert timer.page.title() != "1"


BAD_NAMES = ["", "   ", "x" * 41, "x" * 10_000, "tab\there", "bell\u0007", "\u202eevil"]


@pytest.mark.parametrize("typed", BAD_NAMES)
def test_bad_names_get_a_message_and_the_old_name_stays(form_timer: Locator, typed: str) -> None:
    timer = form_timer
    # A good name that differs from the one shown, so the wait below sees this change land.
    good = "Kim" if part(timer, "speaker_name").text_content() == "Sam" else "Sam"
    set_field(timer, "name_a", good)
    expect(part(timer, "speaker_name")).to_have_text(good)
    timer.locator('[name="name_a"]').evaluate("(el, text) => { el.value = text; }", typed)
    timer.locator('[name="name_a"]').dispatch_event("change")
    expect(timer.locator('[data-rk-error-for="name_a"]')).to_be_visible()
    expect(part(timer, "speaker_name")).to_have_text(good)


def test_use_these_settings_says_they_are_in_use(form_timer: Locator) -> None:
    timer = form_timer
    set_field(timer, "name_a", "Sam")  # the cases above may have left a bad name typed
    timer.locator('[name="minutes"]').fill("4")
    timer.locator("button[type=submit]").click()
    expect(timer.locator("[data-rk-applied]")).to_have_text(
        "Done: the timer uses these settings now."
    )
    expect(clock(timer)).to_have_text("4:00")
    set_field(timer, "minutes", "3")


def test_sensate_focus_uses_giver_and_receiver(page: Page, server) -> None:
    timer = open_timer(page, server.url + SENSATE)
    expect(clock(timer)).to_have_text("15:00")
    expect(part(timer, "speaker_role")).to_have_text("Giver")
    expect(part(timer, "listener_role")).to_have_text("Receiver")
    expect(timer.locator(".rk-timer__prompt")).to_be_hidden()  # this page gives no prompts


def test_choosing_a_preset_fills_in_its_timing(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    timer.locator('[name="preset"]').select_option("sensate-focus")
    expect(clock(timer)).to_have_text("15:00")
    expect(timer.locator('[name="minutes"]')).to_have_value("15")
    expect(part(timer, "speaker_role")).to_have_text("Giver")


DEVICE_SPIES = """
window.__rk = { locks: 0, released: 0, buzzes: 0, tones: 0 };
Object.defineProperty(navigator, "wakeLock", { value: { request: async () => {
  window.__rk.locks++;
  const sentinel = new EventTarget();
  sentinel.release = async () => { window.__rk.released++; };
  return sentinel;
} } });
navigator.vibrate = () => { window.__rk.buzzes++; return true; };
const makeOscillator = AudioContext.prototype.createOscillator;
AudioContext.prototype.createOscillator = function () {
  window.__rk.tones++;
  return makeOscillator.call(this);
};
"""


def spies(page: Page) -> dict:
    return page.evaluate("({...window.__rk})")


def test_screen_stays_awake_through_a_session_and_turns_are_felt(page: Page, server) -> None:
    page.add_init_script(DEVICE_SPIES)
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    page.wait_for_function("() => window.__rk.locks === 1")
    assert spies(page)["tones"] >= 3  # the warning and the two-note turn chime, scheduled
    press(timer, "toggle")  # pause: the screen may sleep again
    expect(timer).to_have_attribute("data-phase", "paused")
    page.wait_for_function("() => window.__rk.released === 1")
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    run_to_deadline(page, timer)  # the deadline: a buzz and a visible cue
    expect(timer).to_have_attribute("data-phase", "handover")
    assert spies(page)["buzzes"] == 1
    assert spies(page)["released"] == 1  # a hand-over keeps the screen on
    press(timer, "finish")
    expect(timer).to_have_attribute("data-phase", "finished")
    page.wait_for_function("() => window.__rk.released === 2")


def test_mute_silences_the_chime(page: Page, server) -> None:
    page.add_init_script(DEVICE_SPIES)
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    timer.locator('[data-rk-pref="mute"]').check()
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    settled(timer)
    assert spies(page)["tones"] == 0


def test_mute_ticked_and_unticked_before_any_use_is_kept(page: Page, server, watch) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    timer.locator("[data-rk-remember]").check()
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("saved on this device")
    mute = timer.locator('[data-rk-pref="mute"]')
    mute.check()
    mute.uncheck()
    mute.check()
    page.wait_for_function(
        "(key) => JSON.parse(localStorage.getItem(key) || '{}').prefs?.mute === true", arg=SAVED_KEY
    )
    assert not watch.errors  # no TypeError, before or after (the fixture checks again)


def test_two_tabs_never_write_stale_names_over_fresh_ones(context, server) -> None:
    first, second = context.new_page(), context.new_page()
    a = open_timer(first, server.url + CONVERSATION)
    b = open_timer(second, server.url + CONVERSATION)
    for timer in (a, b):
        open_settings(timer)
    a.locator("[data-rk-remember]").check()
    expect(b.locator("[data-rk-remember]")).to_be_checked()  # the other tab hears it
    settled(b)
    set_field(a, "name_a", "Sam")
    expect(part(a, "speaker_name")).to_have_text("Sam")
    saved = "(key) => JSON.parse(localStorage.getItem(key)).settings.names[0]"
    first.wait_for_function(f"(key) => ({saved})(key) === 'Sam'", arg=SAVED_KEY)
    expect(part(b, "speaker_name")).to_have_text("Sam")  # the other tab follows
    press(b, "toggle")  # and using it writes nothing back
    settled(b)
    press(b, "finish")
    settled(b)
    assert first.evaluate(saved, SAVED_KEY) == "Sam"


def test_unreadable_saved_settings_are_kept_aside_and_never_overwritten(
    page: Page, server, watch
) -> None:
    page.goto(server.url + "breakup-sex/")  # any page of the site, for its origin
    broken = json.dumps({"format": 1, "settings": {"minutes": "many"}})
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [SAVED_KEY, broken])
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("kept aside")
    expect(timer.locator("[data-rk-remember]")).not_to_be_checked()
    aside = page.evaluate("(key) => localStorage.getItem(key)", SAVED_KEY + ".corrupt")
    assert aside == broken
    timer.locator("[data-rk-remember]").check()  # remembering again keeps the copy aside
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("saved on this device")
    assert page.evaluate("(key) => localStorage.getItem(key)", SAVED_KEY + ".corrupt") == broken
    assert not watch.errors
