"""The turn-taking timer in real Chromium, on the built site served under a sub-path.

Time is Playwright's fake clock: `install` before the page loads, `pause_at` to hold it,
`run_for` to let it pass with every timer firing, `fast_forward` to jump as a sleeping
laptop does (due timers fire once, late). Every assertion waits on what is on screen.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched

pytestmark = pytest.mark.browser

CONVERSATION = "after-a-breakup/the-conversation/"
SENSATE = "intimacy/reconnecting/"
T0 = 1_800_000_000_000  # a fixed "now" in epoch ms
BOOT = 60_000  # generous: several Chromium contexts boot Pyodide at once on 2 cores


def open_timer(page: Page, url: str) -> Locator:
    """Load a timer page with the clock frozen at T0 and wait until the engine is ready."""
    page.clock.install(time=T0 / 1000)  # Playwright's Python API takes epoch seconds here
    page.clock.pause_at((T0 + 1_000) / 1000)
    page.goto(url)
    timer = page.locator('[data-rekindle-widget="turn-timer"]').first
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    return timer


def part(timer: Locator, name: str) -> Locator:
    return timer.locator(f'[data-bind="{name}"]').first


def clock(timer: Locator) -> Locator:
    return timer.locator("[data-rk-clock]")


def press(timer: Locator, action: str) -> None:
    timer.locator(f'[data-rk-action="{action}"]').click()


def announced(timer: Locator) -> Locator:
    return timer.locator("[data-rk-announce]")


def open_settings(timer: Locator) -> None:
    details = timer.locator("details.rk-timer__settings")
    if details.get_attribute("open") is None:
        details.locator("summary").click()


def set_field(timer: Locator, name: str, value: str) -> None:
    field = timer.locator(f'[name="{name}"]')
    field.fill(value)
    field.press("Tab")  # commit: the form reacts on change, as it does for a reader


def test_ready_is_said_in_words_and_nothing_else_is_fetched(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    expect(timer.locator("[data-rk-status]")).to_contain_text("ready")
    expect(timer.locator("[data-rk-retry]")).to_be_hidden()
    expect(part(timer, "speaker_role")).to_have_text("Speaker")
    expect(clock(timer)).to_have_text("3:00")


def test_a_whole_session_runs_on_deadlines(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    timer.locator('[name="rounds"]').select_option("2")
    expect(part(timer, "round_label")).to_have_text("Round 1 of 2")

    press(timer, "toggle")
    expect(part(timer, "status_text")).to_have_text("Partner A is speaking")
    expect(announced(timer)).to_contain_text("Partner A speaks now")
    expect(timer.locator('[data-rk-action="toggle"]')).to_have_text("Pause")
    expect(timer).to_have_attribute("data-chime-at", str(T0 + 1_000 + 180_000))

    page.clock.run_for(150_000)  # the 30-second warning
    expect(timer.locator("[data-rk-warning]")).to_be_visible()
    expect(announced(timer)).to_contain_text("30 seconds")
    expect(clock(timer)).to_have_text("0:30")

    page.clock.run_for(30_000)  # the deadline: Partner B's turn
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    expect(announced(timer)).to_contain_text("Partner B speaks now")
    expect(clock(timer)).to_have_text("3:00")

    press(timer, "toggle")  # pause, and time stops mattering
    expect(part(timer, "status_text")).to_have_text("Paused")
    page.clock.run_for(600_000)
    expect(clock(timer)).to_have_text("3:00")
    press(timer, "toggle")  # resume
    expect(timer.locator('[data-rk-action="toggle"]')).to_have_text("Pause")

    press(timer, "next")  # hand over early: round 2
    expect(part(timer, "round_label")).to_have_text("Round 2 of 2")
    expect(part(timer, "speaker_name")).to_have_text("Partner A")
    page.clock.run_for(180_000)
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    page.clock.run_for(180_000)  # the last deadline ends the session
    expect(timer).to_have_attribute("data-phase", "finished")
    expect(announced(timer)).to_contain_text(re.compile("finish", re.I))
    expect(timer.locator('[data-rk-action="toggle"]')).to_have_text("New session")


def test_we_both_feel_heard_finishes_an_open_session(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    press(timer, "finish")
    expect(timer).to_have_attribute("data-phase", "finished")
    expect(part(timer, "status_text")).to_contain_text("heard")
    expect(timer).not_to_have_attribute("data-chime-at", re.compile(".*"))


def test_a_sleeping_laptop_wakes_to_the_right_turn(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    page.clock.fast_forward(600_000)  # 10 minutes asleep: 3 deadlines passed, 1:00 into turn 4
    expect(part(timer, "turn_label")).to_have_text("Turn 4")
    expect(part(timer, "round_label")).to_have_text("Round 2")
    expect(clock(timer)).to_have_text("2:00")


def test_keyboard_shortcuts_work_but_never_while_typing(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    page.locator("body").press(" ")
    expect(timer).to_have_attribute("data-phase", "running")
    page.keyboard.press("n")
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    page.keyboard.press(" ")
    expect(timer).to_have_attribute("data-phase", "paused")
    page.keyboard.press("r")
    expect(timer).to_have_attribute("data-phase", "idle")

    open_settings(timer)
    name = timer.locator('[name="name_a"]')
    name.fill("")
    name.type("Rennie ")  # "n", "r" and a space while typing: no shortcut may fire
    expect(timer).to_have_attribute("data-phase", "idle")
    name.press("Tab")
    expect(part(timer, "speaker_name")).to_have_text("Rennie")
    for key in ("Space", "n", "r"):
        assert timer.locator(f'[aria-keyshortcuts~="{key.upper() if len(key) == 1 else key}"]')
    expect(timer.locator(".rk-timer__keys")).to_contain_text("Next turn")


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


def test_sensate_focus_uses_giver_and_receiver(page: Page, server) -> None:
    timer = open_timer(page, server.url + SENSATE)
    expect(clock(timer)).to_have_text("15:00")
    expect(part(timer, "speaker_role")).to_have_text("Giver")
    expect(part(timer, "listener_role")).to_have_text("Receiver")


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


def test_screen_stays_awake_while_running_and_turns_are_felt(page: Page, server) -> None:
    page.add_init_script(DEVICE_SPIES)
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    page.wait_for_function("window.__rk.locks === 1")
    assert spies(page)["tones"] >= 3  # the warning and the two-note turn chime, scheduled
    press(timer, "toggle")  # pause: the screen may sleep again, the chimes are called off
    expect(timer).to_have_attribute("data-phase", "paused")
    page.wait_for_function("window.__rk.released === 1")
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    page.clock.run_for(180_000)  # the deadline: a buzz and a visible cue
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    assert spies(page)["buzzes"] == 1
    press(timer, "finish")
    expect(timer).to_have_attribute("data-phase", "finished")
    page.wait_for_function("window.__rk.released === 2")


def test_mute_silences_the_chime(page: Page, server) -> None:
    page.add_init_script(DEVICE_SPIES)
    timer = open_timer(page, server.url + CONVERSATION)
    open_settings(timer)
    timer.locator('[data-rk-pref="mute"]').check()
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    assert spies(page)["tones"] == 0
