"""What the timer's browser tests share: opening a timer page on a fake clock, its parts,
and waiting until Python has answered every press (never a sleep).

Time is Playwright's fake clock: `install` before the page loads, `pause_at` to hold it,
`run_for` to let it pass with every timer firing. The engine's call watchdog runs on the
same clock, so a test lets Python answer (`settled`) before it moves time on by more than
a few seconds.
"""

from __future__ import annotations

import re

from playwright.sync_api import Locator, Page, expect

CONVERSATION = "after-a-breakup/the-conversation/"
SENSATE = "intimacy/reconnecting/"
T0 = 1_800_000_000_000  # a fixed "now" in epoch ms
BOOT = 60_000  # generous: several Chromium contexts boot Pyodide at once on 2 cores
TIMER = '[data-rekindle-widget="turn-timer"]'
PHONE = {"width": 390, "height": 844}
ANY = re.compile(".*")


def open_timer(page: Page, url: str, *, fake_clock: bool = True) -> Locator:
    """Load a timer page with the clock frozen at T0 + 1 s (unless not `fake_clock`: axe,
    for one, waits on real timers); wait until the engine is ready."""
    if fake_clock:
        page.clock.install(time=T0 / 1000)  # Playwright's Python API takes epoch seconds here
        page.clock.pause_at((T0 + 1_000) / 1000)
    page.goto(url)
    timer = page.locator(TIMER).first
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    settled(timer)
    return timer


def settled(timer: Locator) -> None:
    """Wait until every press and tick sent to Python has been answered."""
    expect(timer).not_to_have_attribute("data-rk-busy", ANY)


def part(timer: Locator, name: str) -> Locator:
    return timer.locator(f'[data-bind="{name}"]').first


def clock(timer: Locator) -> Locator:
    return timer.locator("[data-rk-clock]")


def button(timer: Locator, action: str) -> Locator:
    return timer.locator(f'[data-rk-action="{action}"]')


def press(timer: Locator, action: str) -> None:
    button(timer, action).click()


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


def run_to_deadline(page: Page, timer: Locator, past_ms: int = 50) -> None:
    """Let time run to just past the running turn's deadline, then let Python answer."""
    settled(timer)
    deadline = int(timer.get_attribute("data-chime-at") or 0)
    now = page.evaluate("() => Math.round(window.__rkTimerEarly.anchor + performance.now())")
    page.clock.run_for(deadline - now + past_ms)
    settled(timer)
