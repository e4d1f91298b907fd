"""The timer's keys stay in their place: Space scrolls the page and N and R do nothing unless
the timer holds focus or its session view is open; held keys do nothing more; Material's
page keys cannot leave a session; a reset can be undone exactly."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.browser.timer_helpers import (
    CONVERSATION,
    button,
    open_timer,
    part,
    press,
    settled,
)

pytestmark = pytest.mark.browser

# Whether a keydown got past the capture phase to the window's own listeners, where
# Material's keyboard handling listens ("n", ".", ",", "p": next and previous page).
BUBBLED = """() => {
  window.__rkBubbled = [];
  window.addEventListener("keydown", (e) => window.__rkBubbled.push(e.key));
}"""


def test_space_scrolls_and_n_and_r_do_nothing_when_the_timer_is_not_in_focus(
    page: Page, server
) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    page.evaluate("() => { document.activeElement?.blur(); scrollTo(0, 0); }")
    page.keyboard.press(" ")
    page.wait_for_function("() => scrollY > 0")  # Space scrolled, as it always does
    for key in ("r", " "):  # (N there is Material's "next page": see the page-keys test)
        page.keyboard.press(key)
    settled(timer)
    expect(timer).to_have_attribute("data-phase", "idle")


def test_space_n_and_r_act_for_the_timer_in_focus(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    button(timer, "toggle").focus()
    page.keyboard.press(" ")  # presses the focused Start
    expect(timer).to_have_attribute("data-phase", "running")
    page.keyboard.press("n")
    expect(timer).to_have_attribute("data-phase", "handover")
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    page.keyboard.press("r")
    expect(timer).to_have_attribute("data-phase", "idle")
    expect(timer.locator("[data-rk-undo]")).to_be_visible()


def test_in_the_session_view_the_keys_work_wherever_focus_is(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    page.locator(".rk-session-launch a").click()
    expect(timer).to_have_class(re.compile("rk-timer--session"))
    page.evaluate("() => document.activeElement?.blur()")
    page.keyboard.press(" ")
    expect(timer).to_have_attribute("data-phase", "running")
    page.keyboard.press(" ")
    expect(timer).to_have_attribute("data-phase", "paused")


def test_held_keys_do_nothing_more(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    page.locator(".rk-session-launch a").click()
    page.evaluate("() => document.activeElement?.blur()")
    page.keyboard.press(" ")
    expect(timer).to_have_attribute("data-phase", "running")
    settled(timer)
    for _ in range(12):  # about 0.4 s of a held N: repeats after the first keydown
        page.keyboard.down("n")
    page.keyboard.up("n")
    settled(timer)
    expect(timer).to_have_attribute("data-phase", "handover")
    expect(part(timer, "turn_label")).to_have_text("Turn 2")
    for _ in range(12):  # a held Space: one tap, not a flip on every repeat
        page.keyboard.down(" ")
    page.keyboard.up(" ")
    settled(timer)
    expect(timer).to_have_attribute("data-phase", "running")
    expect(part(timer, "turn_label")).to_have_text("Turn 2")


def test_material_page_keys_cannot_leave_a_session(context, server) -> None:
    # Without a session, Material hears "." (next page) as always ...
    idle = context.new_page()
    open_timer(idle, server.url + CONVERSATION)
    idle.evaluate(BUBBLED)
    idle.evaluate("() => document.activeElement?.blur()")
    idle.keyboard.press("n")  # not the timer's: it is not in focus
    assert idle.evaluate("() => window.__rkBubbled") == ["n"]
    idle.close()
    # ... during one, none of its page keys get through.
    page = context.new_page()
    timer = open_timer(page, server.url + CONVERSATION)
    url = page.url
    page.evaluate(BUBBLED)
    press(timer, "toggle")
    settled(timer)
    page.evaluate("() => document.activeElement?.blur()")
    for key in (".", ",", "p", "n"):
        page.keyboard.press(key)
    assert page.evaluate("() => window.__rkBubbled") == []
    assert page.url == url
    expect(timer).to_have_attribute("data-phase", "running")


def test_undo_restores_exactly_the_session_that_was_reset(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    press(timer, "next")
    expect(timer).to_have_attribute("data-phase", "handover")
    press(timer, "toggle")  # Partner B's turn under way
    settled(timer)
    page.clock.run_for(20_000)
    deadline = timer.get_attribute("data-chime-at")
    press(timer, "reset")
    expect(timer).to_have_attribute("data-phase", "idle")
    expect(timer.locator("[data-rk-undo-box]")).to_contain_text("The session was reset.")
    settled(timer)
    page.clock.run_for(5_000)
    timer.locator("[data-rk-undo]").click()
    expect(timer).to_have_attribute("data-phase", "running")
    expect(timer).to_have_attribute("data-chime-at", deadline)  # the same turn, same deadline
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    expect(timer.locator("[data-rk-undo-box]")).to_be_hidden()


def test_the_undo_offer_goes_after_a_while(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    press(timer, "reset")
    expect(timer.locator("[data-rk-undo-box]")).to_be_visible()
    settled(timer)
    page.clock.run_for(30_000)
    expect(timer.locator("[data-rk-undo-box]")).to_be_hidden()
