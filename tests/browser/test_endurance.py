"""Endurance (issue 6 part 8): a long session and a restless reader.

(a) The check-in timer (3 minutes a turn, open-ended) runs two simulated hours on
    Playwright's fake clock: the labels say Round 21, Turn 41, and the countdown shows
    exactly the time left, so nothing drifted over 40 changes of turn.
(b) Fifty instant-navigation round trips between the timer page and a text page, by clicking
    the real navigation links: never a full reload, one engine worker for the whole visit,
    the right number of mounted widgets, no interval left running after leaving the timer,
    and the page's JS heap grows by less than 5 MB.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.a11y_helpers import wait_for_widgets
from tests.browser.conftest import PageWatch, wait_for_instant_navigation, watched
from tests.browser.server import SiteServer

pytestmark = pytest.mark.browser

TOOL_PAGE = "after-a-breakup/the-conversation/"
TEXT_PAGE = "after-a-breakup/sex-is-not-a-shortcut/"  # a page with no tool
TURN_MS = 3 * 60 * 1000
TWO_HOURS_MS = 2 * 60 * 60 * 1000
START_MS = 1_767_225_600_000  # 2026-01-01T00:00:00Z: a fixed, ordinary moment
ROUND_TRIPS = 50
HEAP_LIMIT = 5 * 1024 * 1024

COUNT_INTERVALS = """(() => {
  const active = new Map(); // id -> where it was set, for the failure message
  const set = window.setInterval.bind(window), clear = window.clearInterval.bind(window);
  window.setInterval = (...args) => {
    const id = set(...args);
    active.set(id, (new Error().stack || '').split('\\n').slice(2, 4).join(' | ').trim());
    return id;
  };
  window.clearInterval = (id) => { active.delete(id); return clear(id); };
  window.__rkActiveIntervals = () => active.size;
  window.__rkIntervalSources = () => [...active.values()];
})();"""


@pytest.fixture
def desktop(browser: Browser, server: SiteServer) -> Iterator[BrowserContext]:
    """A wide, watched context: the navigation sidebar is on screen to be clicked."""
    wide = browser.new_context(viewport={"width": 1280, "height": 800})
    with watched(wide, PageWatch(server.origin)) as context:
        yield context


def moment(epoch_ms: int) -> datetime:
    """Playwright's Python clock reads bare numbers as seconds; a datetime is unambiguous."""
    return datetime.fromtimestamp(epoch_ms / 1000, tz=UTC)


def timer_face(page: Page) -> dict:
    return page.evaluate("""() => {
      const root = document.querySelector('[data-rekindle-widget="turn-timer"]');
      const text = (sel) => root.querySelector(sel).textContent.trim();
      return {round: text('[data-bind="round_label"]'), turn: text('[data-bind="turn_label"]'),
              clock: text('[data-rk-clock]'), phase: root.dataset.phase,
              deadline: Number(root.dataset.chimeAt), now: Date.now(),
              used: root.querySelector('[data-rk-progress]').value};
    }""")


def test_the_timer_runs_two_hours_without_drift(page: Page, server: SiteServer) -> None:
    page.clock.install(time=moment(START_MS))
    page.goto(server.url + TOOL_PAGE)
    wait_for_widgets(page)
    # Stop the clock's natural flow: from here on only run_for moves time, so every reading
    # is exact however slow the machine is.
    started = START_MS + 10 * 60 * 1000
    page.clock.pause_at(moment(started))
    # Turns switch by themselves for this run (the setting a couple may choose instead of
    # the hand-over tap), so two hours pass with nobody touching the timer.
    timer = page.locator('[data-rekindle-widget="turn-timer"]').first
    timer.locator(".rk-timer__settings > summary").click()
    timer.locator('select[name="handover"]').select_option("auto")
    timer.locator("[data-rk-form] button[type=submit]").click()
    expect(timer.locator('select[name="handover"]')).to_have_value("auto")
    page.locator('[data-rk-action="toggle"]').first.click()
    page.locator('[data-rekindle-widget][data-phase="running"]').wait_for()
    face = timer_face(page)
    assert (face["round"], face["turn"], face["clock"]) == ("Round 1", "Turn 1", "3:00")
    assert face["deadline"] == started + TURN_MS

    # One turn at a time: run to just past the deadline, then wait for the engine's answer
    # (so its call time-out never sees fake minutes go by while the worker is busy).
    for turn in range(2, 2 + TWO_HOURS_MS // TURN_MS):
        face = timer_face(page)
        page.clock.run_for(face["deadline"] - face["now"] + 50)
        page.wait_for_function(
            """(want) => document.querySelector('[data-rekindle-widget="turn-timer"]')
                 .querySelector('[data-bind="turn_label"]').textContent.trim() === want""",
            arg=f"Turn {turn}",
        )

    face = timer_face(page)
    assert face["now"] == started + TWO_HOURS_MS + 50
    assert (face["round"], face["turn"], face["phase"]) == ("Round 21", "Turn 41", "running")
    assert face["deadline"] == started + TWO_HOURS_MS + TURN_MS, "the deadlines drifted"
    assert face["clock"] == "3:00"
    # 61.5 s into turn 41. The face repaints every 250 ms, so it last painted within the
    # past quarter second: 118.5 to 118.75 s left, shown rounded up as 1:59.
    page.clock.run_for(61_500 - 50)
    page.wait_for_function("""() => document.querySelector('[data-rk-clock]')
                              .textContent.trim() !== '3:00'""")
    face = timer_face(page)
    assert face["clock"] == "1:59", face
    assert face["used"] == pytest.approx(61.5 / 180, abs=0.01)


def nav_link(page: Page, path: str):
    """The page's entry in the navigation sidebar (Material may make hrefs absolute)."""
    return page.locator(
        f'.md-sidebar--primary a.md-nav__link[href$="/{path}"], '
        f'.md-sidebar--primary a.md-nav__link[href="../{path.split("/")[-2]}/"]'
    ).first


def on_text_page(page: Page, server: SiteServer) -> None:
    nav_link(page, TEXT_PAGE).click()
    page.wait_for_url(server.url + TEXT_PAGE)
    page.wait_for_function("() => !document.querySelector('[data-rekindle-widget]')")


def on_tool_page(page: Page, server: SiteServer) -> None:
    nav_link(page, TOOL_PAGE).click()
    page.wait_for_url(server.url + TOOL_PAGE)
    # The address changes before instant navigation swaps the content in: wait for the widget.
    page.locator("[data-rekindle-widget]").first.wait_for()
    wait_for_widgets(page)


def heap_after_gc(page: Page, cdp) -> int:
    cdp.send("HeapProfiler.collectGarbage")
    cdp.send("HeapProfiler.collectGarbage")
    return int(cdp.send("Runtime.getHeapUsage")["usedSize"])


def test_fifty_round_trips_leave_nothing_behind(
    desktop: BrowserContext, server: SiteServer
) -> None:
    desktop.add_init_script(COUNT_INTERVALS)
    page = desktop.new_page()
    workers = []
    closed = []

    def spawned(worker) -> None:
        workers.append(worker.url)
        worker.on("close", lambda w: closed.append(w.url))

    page.on("worker", spawned)
    widgets_js = server.url + "assets/rekindle/kit/widgets.js"
    mounted = f"() => import({widgets_js!r}).then((m) => m.mountedCount())"
    one_load = "() => performance.getEntriesByType('navigation').length === 1"

    page.goto(server.url + TEXT_PAGE)
    wait_for_instant_navigation(page)
    cdp = desktop.new_cdp_session(page)
    intervals = "() => window.__rkIntervalSources()"
    baseline = heap_start = None
    for trip in range(1, ROUND_TRIPS + 1):
        on_tool_page(page, server)
        tools = page.locator("[data-rekindle-widget]").count()  # the timer and the planner
        assert page.evaluate(mounted) == tools == 2, f"trip {trip}"
        # Run the timer, so leaving has a ticking interval to clean up. A running session
        # survives the trip away, so from the second trip on it is running on arrival.
        # Turns of an hour, so the real minutes fifty trips take never end a turn.
        if trip == 1:
            timer = page.locator('[data-rekindle-widget="turn-timer"]').first
            timer.locator(".rk-timer__settings > summary").click()
            timer.locator('[name="minutes"]').fill("60")
            timer.locator("[data-rk-form] button[type=submit]").click()
            expect(timer.locator("[data-rk-clock]")).to_have_text("60:00")
            page.locator('[data-rk-action="toggle"]').click()
        page.locator('[data-rekindle-widget][data-phase="running"]').wait_for()
        assert any("timer" in where for where in page.evaluate(intervals))
        on_text_page(page, server)
        assert page.evaluate(mounted) == 0, f"trip {trip}"
        # Material's RxJS scheduler sets and clears short-lived intervals of its own; count
        # every other one (ours, and anything else the site loads).
        left = [w for w in page.evaluate(intervals) if "/assets/javascripts/bundle." not in w]
        assert not [w for w in left if "timer" in w], f"trip {trip}: the timer's interval lived on"
        if baseline is None:
            baseline = len(left)
        assert len(left) == baseline, f"trip {trip}: intervals {baseline} -> {left}"
        assert page.evaluate(one_load), f"a full page load happened (trip {trip})"
        if trip == 1:  # measured once everything the visit needs is loaded and warm
            heap_start = heap_after_gc(page, cdp)

    heap_end = heap_after_gc(page, cdp)
    growth = heap_end - heap_start
    # The engine proper; a one-off snapshot worker (engine-worker.js?purpose=snapshot) may
    # also run once per visit, in idle time, and end by itself.
    engines = [url for url in workers if url.endswith("/assets/rekindle/kit/engine-worker.js")]
    ended = [url for url in closed if url.endswith("/assets/rekindle/kit/engine-worker.js")]
    print(
        f"\n{ROUND_TRIPS} round trips: engine workers {len(engines)} "
        f"({len(ended)} ended; workers of any kind {len(workers)}), "
        f"our intervals back to {baseline}, "
        f"heap {heap_start / 1e6:.1f} MB -> {heap_end / 1e6:.1f} MB "
        f"({growth / 1e6:+.2f} MB)"
    )
    assert growth < HEAP_LIMIT, f"JS heap grew {growth / 1e6:.1f} MB over {ROUND_TRIPS} trips"
    assert len(engines) == 1, (
        f"{len(engines)} engine workers were started, {len(ended)} of "
        "them ended: the engine does not survive instant navigation"
    )
