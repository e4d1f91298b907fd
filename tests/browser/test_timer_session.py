"""The timer as a couple uses it on one phone (390 x 844): the full-screen session view, a
whole session in it, the way out (Back, its own button, the quick exit), a session that
survives a reload and a trip away, a wall clock set back, what a screen reader hears, and
nothing floating over a control, in every state.

Time is Playwright's fake clock (timer_helpers.py); every assertion waits on the screen.
"""

from __future__ import annotations

import re

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, Locator, Page, expect

from tests.browser.test_accessibility import AXE_OPTIONS, describe
from tests.browser.test_quick_exit import NEUTRAL, neutral  # noqa: F401 (a fixture)
from tests.browser.timer_helpers import (
    CONVERSATION,
    T0,
    announced,
    button,
    clock,
    open_timer,
    part,
    press,
    run_to_deadline,
    settled,
)

pytestmark = pytest.mark.browser

SESSION = re.compile(r"\brk-timer--session\b")
CHANGED = re.compile(r"\brk-timer--changed\b")

# Every sentence the live region says, in order (a MutationObserver from the first moment).
HEARD = """
window.__rkHeard = [];
new MutationObserver((records) => {
  for (const r of records) {
    const node = r.target.nodeType === 1 ? r.target : r.target.parentElement;
    const region = node?.closest("[data-rk-announce]");
    if (region) window.__rkHeard.push(region.textContent.trim());
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


def open_session(page: Page, server, *, fake_clock: bool = True) -> Locator:
    timer = open_timer(page, server.url + CONVERSATION, fake_clock=fake_clock)
    page.locator(".rk-session-launch a").click()  # "Start a session", under the title
    expect(timer).to_have_class(SESSION)
    return timer


def heard(page: Page) -> list[str]:
    return page.evaluate("() => window.__rkHeard")


def test_a_couples_whole_session_in_the_session_view(page: Page, server) -> None:
    page.add_init_script(HEARD)
    timer = open_session(page, server)
    # The page steps back: the article, the navigation and "Back to top" are gone ...
    for hidden in (".md-content__inner > h1", ".md-header", ".md-sidebar--primary", ".md-top"):
        expect(page.locator(hidden).first).to_be_hidden()
    # ... "Leave this site" stays, and so does the heading of the timer's named region.
    expect(page.locator("[data-rk-quick-exit]")).to_be_visible()
    expect(page.get_by_role("region", name="Turn-taking timer")).to_be_visible()
    name = part(timer, "speaker_name")
    assert float(name.evaluate("e => getComputedStyle(e).fontSize")[:-2]) >= 48
    mark = timer.locator(".rk-timer__now .rk-timer__mark")
    expect(timer).to_have_attribute("data-speaker", "0")
    assert mark.evaluate("e => getComputedStyle(e).borderRadius") == "50%"  # a circle

    press(timer, "toggle")
    expect(part(timer, "status_text")).to_have_text("Partner A is speaking")
    press(timer, "skip")  # the speaker would rather answer another prompt
    expect(part(timer, "prompt")).to_have_text("What scares me about trying again is…")
    expect(announced(timer)).to_have_text("Next prompt: What scares me about trying again is…")

    run_to_deadline(page, timer)  # the chime, then a calm hand-over
    expect(timer.locator(".rk-timer__handover")).to_have_text(
        "Partner B's turn. Tap when you are ready."
    )
    expect(timer).to_have_attribute("data-speaker", "1")
    assert mark.evaluate("e => getComputedStyle(e).borderRadius") != "50%"  # a square
    page.clock.run_for(20_000)  # nobody's time: the clock waits for the tap
    expect(clock(timer)).to_have_text("3:00")
    press(timer, "toggle")
    expect(part(timer, "status_text")).to_have_text("Partner B is speaking")
    expect(part(timer, "prompt")).to_have_text(
        "What scares me about trying again is…"
    )  # same round
    settled(timer)
    page.clock.run_for(45_000)
    press(timer, "toggle")  # pause
    expect(timer).to_have_attribute("data-phase", "paused")
    press(timer, "next")  # next turn, while paused
    expect(timer).to_have_attribute("data-phase", "handover")
    expect(part(timer, "prompt")).to_have_text("What I want for us is…")  # a new round
    press(timer, "toggle")
    settled(timer)
    page.clock.run_for(30_000)
    press(timer, "finish")
    expect(timer).to_have_attribute("data-phase", "finished")
    expect(timer.locator(".rk-timer__summary")).to_be_visible()
    expect(part(timer, "summary_turns")).to_have_text("3 turns taken")
    expect(part(timer, "summary_a_time")).to_have_text("3 minutes 30 seconds as Speaker")
    expect(part(timer, "summary_b_time")).to_have_text("45 seconds as Speaker")
    expect(part(timer, "closing_question")).to_contain_text("one thing you heard today")
    expect(button(timer, "toggle")).to_have_text("Start again")
    settled(timer)
    page.clock.run_for(5_000)
    said = heard(page)
    assert sum("Tap when you are ready" in s for s in said) == 2  # each hand-over, once
    assert sum(s.startswith("Finished:") for s in said) == 1  # the summary, once
    assert said[-1].startswith("Finished: you both feel heard") and "3 turns taken" in said[-1]


def test_back_closes_the_view_and_keeps_the_session(page: Page, server) -> None:
    timer = open_session(page, server)
    url = page.url
    press(timer, "toggle")
    settled(timer)
    page.go_back()
    expect(timer).not_to_have_class(SESSION)
    expect(page.locator(".md-content__inner > h1")).to_be_visible()
    assert page.url == url
    expect(timer).to_have_attribute("data-phase", "running")
    timer.locator(".rk-timer__open").click()  # and in again, from the timer itself
    expect(timer).to_have_class(SESSION)
    timer.locator(".rk-timer__close").click()  # its own way out goes through history too
    expect(timer).not_to_have_class(SESSION)
    page.keyboard.press("Escape")  # nothing left to close: the page stays
    assert page.url == url


def test_leave_this_site_is_reachable_in_the_session_view(page: Page, server, neutral) -> None:  # noqa: F811
    timer = open_session(page, server)
    press(timer, "toggle")  # mid-session: leaving quickly must not ask first
    settled(timer)
    page.locator("[data-rk-quick-exit]").click()
    page.wait_for_url(NEUTRAL)


def test_escape_three_times_leaves_from_the_session_view(page: Page, server, neutral) -> None:  # noqa: F811
    timer = open_session(page, server)
    press(timer, "toggle")
    settled(timer)
    for _ in range(3):
        page.keyboard.press("Escape")  # the first also closes the view; all three count
    page.wait_for_url(NEUTRAL)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_session_view(
    context: BrowserContext, server, scheme: str
) -> None:
    page = context.new_page()
    page.emulate_media(color_scheme=scheme)
    timer = open_session(page, server, fake_clock=False)  # axe waits on real timers
    axe = Axe()
    found = []
    steps = [("idle", None), ("running", "toggle"), ("handover", "next"), ("finished", "finish")]
    for step, action in steps:
        if action:
            press(timer, action)
        expect(timer).to_have_attribute("data-phase", step)
        settled(timer)
        expect(timer).not_to_have_class(CHANGED, timeout=5_000)  # past the cue's pulse
        violations = axe.run(page, options=AXE_OPTIONS).response["violations"]
        if violations:
            found.append(describe(f"{scheme} {step}", violations))
    assert not found, "\n".join(found)


def test_the_cue_at_each_change_of_turn_goes_away_on_time(page: Page, server) -> None:
    timer = open_session(page, server)
    press(timer, "toggle")
    changes = [
        # At the deadline: exactly, for the fake clock runs on while Python answers a tick
        # fired before its end, and the pulse then starts before the moment counted from.
        lambda: run_to_deadline(page, timer, past_ms=0),
        lambda: press(timer, "toggle") or settled(timer) or press(timer, "next"),  # early
        lambda: press(timer, "toggle") or press(timer, "toggle") or press(timer, "next"),  # paused
    ]
    for change in changes:
        settled(timer)
        change()
        expect(timer).to_have_class(CHANGED)
        settled(timer)
        page.clock.run_for(1_599)
        expect(timer).to_have_class(CHANGED)
        page.clock.run_for(2)
        expect(timer).not_to_have_class(CHANGED)


def test_a_reload_mid_turn_comes_back_to_the_same_turn_and_time(page: Page, server) -> None:
    timer = open_session(page, server)
    press(timer, "toggle")
    run_to_deadline(page, timer)
    press(timer, "toggle")  # Partner B's turn
    settled(timer)
    page.clock.run_for(40_000)
    expect(clock(timer)).to_have_text("2:20")
    page.reload()
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-phase", "running")
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    expect(part(timer, "turn_label")).to_have_text("Turn 2")
    expect(clock(timer)).to_have_text("2:20")
    expect(timer).to_have_class(SESSION)  # the view, too
    settled(timer)
    page.clock.run_for(140_000)
    expect(timer).to_have_attribute("data-phase", "handover")  # and it ends on time


# The engine keeps its answers to the timer's presses: Python has not confirmed yet.
HOLD_TIMER_ANSWERS = """async () => {
    const kit = document.querySelector('script[src$="assets/rekindle/kit/widgets.js"]');
    const engine = (await import(new URL("engine-client.js", kit.src).href)).getEngine();
    const call = engine.call.bind(engine);
    engine.call = (tool, op, args) =>
        tool === "turn-timer" && op === "event" ? new Promise(() => {}) : call(tool, op, args);
}"""


def test_a_reload_the_instant_after_start_keeps_the_press(page: Page, server) -> None:
    """Start shows at once, before Python answers; a reload in that moment (a thumb on the
    phone's refresh) must bring the running turn back, not a timer that was never started."""
    timer = open_timer(page, server.url + CONVERSATION)
    page.evaluate(HOLD_TIMER_ANSWERS)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    expect(timer).to_have_attribute("data-rk-busy", "")  # Python has not answered
    page.clock.run_for(5_000)
    page.reload()
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready")
    settled(timer)
    expect(timer).to_have_attribute("data-phase", "running")
    expect(clock(timer)).to_have_text("2:55")  # the turn counts from the press
    page.clock.run_for(175_000)
    expect(timer).to_have_attribute("data-phase", "handover")


def test_a_trip_away_and_back_keeps_the_session(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    settled(timer)
    page.clock.run_for(30_000)
    page.locator('.md-content a[href$="safety/"]').first.click()  # a guide link
    page.wait_for_url("**/safety/")
    page.clock.run_for(20_000)
    page.go_back()
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-phase", "running")
    expect(clock(timer)).to_have_text("2:10")
    settled(timer)
    page.clock.run_for(130_000)
    expect(timer).to_have_attribute("data-phase", "handover")


def test_a_finished_session_is_not_kept(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    press(timer, "finish")
    expect(timer).to_have_attribute("data-phase", "finished")
    settled(timer)
    page.reload()
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready")
    expect(timer).to_have_attribute("data-phase", "idle")


def test_the_wall_clock_set_back_ten_minutes_does_not_stretch_the_turn(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    settled(timer)
    page.clock.run_for(60_000)
    page.clock.set_system_time((T0 + 61_000 - 600_000) / 1000)  # the wall clock goes back
    page.clock.run_for(1_000)
    expect(clock(timer)).to_have_text("1:59")  # no freeze at 3:00
    settled(timer)
    page.clock.run_for(119_000)
    expect(timer).to_have_attribute("data-phase", "handover")  # on time, not 10 minutes late


def test_leaving_mid_session_asks_first(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    press(timer, "toggle")
    settled(timer)
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.type)
        dialog.accept()

    page.on("dialog", answer)
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert asked == ["beforeunload"]


def test_leaving_with_no_session_asks_nothing(page: Page, server) -> None:
    open_timer(page, server.url + CONVERSATION)
    asked: list[str] = []
    page.on("dialog", lambda dialog: asked.append(dialog.type) or dialog.accept())
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert asked == []


# --- nothing floating covers a control, in any state -----------------------------------

# For every visible control inside `root`: the element at its centre and at each corner
# (2 px in) must be that control or inside it. Off-screen controls are scrolled to the
# middle of the window first, as a reader would.
COVERED = """(root) => {
  const problems = [];
  const controls = [...root.querySelectorAll("button, a, input, select, summary")]
    .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility === "visible");
  for (const el of controls) {
    let box = el.getBoundingClientRect();
    if (box.top < 0 || box.bottom > innerHeight) {
      el.scrollIntoView({ block: "center" });
      box = el.getBoundingClientRect();
    }
    const points = [
      [box.left + box.width / 2, box.top + box.height / 2],
      [box.left + 2, box.top + 2], [box.right - 2, box.top + 2],
      [box.left + 2, box.bottom - 2], [box.right - 2, box.bottom - 2],
    ];
    for (const [x, y] of points) {
      const hit = document.elementFromPoint(x, y);
      const labels = [...(el.labels || [])];
      if (hit && (el.contains(hit) || labels.some((label) => label.contains(hit)))) continue;
      const what = hit ? `${hit.className || hit.tagName} "${hit.textContent.trim().slice(0, 30)}"`
        : "nothing";
      const name = (el.textContent || el.name || el.tagName).trim().slice(0, 30);
      problems.push(`${name} at ${Math.round(x)},${Math.round(y)} is under ${what}`);
    }
  }
  return { count: controls.length, problems };
}"""


def uncovered(timer: Locator) -> int:
    found = timer.evaluate(COVERED)
    assert not found["problems"], found["problems"]
    return found["count"]


def test_nothing_floating_covers_a_control_in_any_state(page: Page, server) -> None:
    timer = open_timer(page, server.url + CONVERSATION)
    timer.locator("details.rk-timer__settings summary").click()
    timer.locator("details.rk-timer__keys summary").click()
    assert uncovered(timer) >= 15  # the card on the page, settings open
    page.locator(".rk-session-launch a").click()
    expect(timer).to_have_class(SESSION)
    steps = {
        "idle": lambda: None,
        "running": lambda: press(timer, "toggle"),
        "paused": lambda: press(timer, "toggle"),
        "handover": lambda: press(timer, "next"),
        "finished": lambda: press(timer, "finish"),
    }
    for phase, step in steps.items():
        step()
        expect(timer).to_have_attribute("data-phase", phase)
        settled(timer)
        assert uncovered(timer) >= 2, phase
    press(timer, "toggle")  # "Start again", and a reset with its Undo
    press(timer, "toggle")
    press(timer, "reset")
    expect(timer.locator("[data-rk-undo]")).to_be_visible()
    assert uncovered(timer) >= 3


def test_keyboard_shortcuts_are_not_offered_on_a_touch_only_phone(browser, server, watch) -> None:
    from tests.browser.conftest import watched

    phone = browser.new_context(
        viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True
    )
    with watched(phone, watch) as context:
        timer = open_timer(context.new_page(), server.url + CONVERSATION)
        expect(timer.locator(".rk-timer__keys")).to_be_hidden()
        expect(timer.locator(".rk-timer__settings")).to_be_visible()
