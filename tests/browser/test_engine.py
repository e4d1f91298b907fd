"""The engine seen from the page: start-up, queued input, faults, memory, navigation."""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.conftest import site_module_call
from tests.browser.test_timer import BOOT, CONVERSATION, T0, clock, open_settings, part, press

pytestmark = pytest.mark.browser

TEXT_PAGE = "deciding/"
WASM = "**/pyodide.asm.wasm"
STDLIB = "**/rekindle-stdlib-*.zip"  # the engine's trimmed, precompiled standard library


def timer_on(page: Page):
    return page.locator('[data-rekindle-widget="turn-timer"]').first


def test_pages_without_widgets_fetch_no_pyodide_byte(page: Page, server) -> None:
    fetched: list[str] = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(server.url + "breakup-sex/")
    page.wait_for_load_state("networkidle")
    assert fetched, "the page loaded nothing at all?"
    assert not [url for url in fetched if "/assets/pyodide/" in url]
    assert page.evaluate("typeof window.Worker") == "function"


def test_the_engine_boots_from_the_trimmed_standard_library(
    page: Page, context: BrowserContext, server
) -> None:
    zips: list[str] = []
    context.on(
        "request",
        lambda request: request.url.endswith(".zip") and zips.append(request.url.rsplit("/", 1)[1]),
    )
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    assert [name for name in zips if name.startswith("rekindle-stdlib-")], zips
    assert "python_stdlib.zip" not in zips  # Pyodide's full zip: only if the trim missed one


def test_a_press_before_the_engine_is_ready_is_kept_with_its_time(
    page: Page, context: BrowserContext, server
) -> None:
    held: list[Route] = []
    # The engine cannot finish booting until we let go of its wasm.
    context.route(WASM, lambda route: held.append(route))
    page.clock.install(time=T0 / 1000)
    page.clock.pause_at((T0 + 1_000) / 1000)
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "loading")
    expect(timer.locator("[data-rk-status]")).to_contain_text("Getting the timer ready")
    press(timer, "toggle")  # at T0 + 1 s, while still loading
    page.clock.run_for(5_000)
    for _ in range(200):  # each round trip lets Playwright deliver the held request to us
        if held:
            break
        page.evaluate("0")
    assert held, "the engine never asked for its wasm"
    for route in held:
        route.continue_()
    context.unroute(WASM)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(timer).to_have_attribute("data-phase", "running")
    expect(clock(timer)).to_have_text("2:55")  # counted from the press, not from "ready"


def test_a_missing_engine_file_shows_an_error_and_retry_recovers(
    page: Page, context: BrowserContext, server, watch
) -> None:
    watch.allow("")  # Pyodide reports the broken start-up on the console, as it should
    context.route(STDLIB, lambda route: route.fulfill(status=404, body="gone"))
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "error", timeout=30_000)
    expect(timer.locator("[data-rk-status]")).to_contain_text("could not start")
    retry = timer.locator("[data-rk-retry]")
    expect(retry).to_be_visible()
    press(timer, "toggle")  # pressed while broken: it tries again, and the press is kept
    expect(timer).to_have_attribute("data-state", "error", timeout=30_000)
    context.unroute(STDLIB)
    retry.click()
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(timer).to_have_attribute("data-phase", "running")


def test_refused_webassembly_is_an_error_not_an_endless_spinner(
    page: Page, context: BrowserContext, server, watch
) -> None:
    watch.allow("wasm")
    watch.allow("CompileError")
    context.route(
        WASM,
        lambda route: route.fulfill(status=200, body=b"not wasm", content_type="application/wasm"),
    )
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "error", timeout=30_000)
    expect(timer.locator("[data-rk-retry]")).to_be_visible()


def test_an_engine_wheel_altered_in_transit_is_refused_in_words(
    page: Page, context: BrowserContext, server, watch
) -> None:
    watch.allow("integrity")  # Chromium names the failed integrity check on the console
    watch.allow("rekindle-")  # ...and the refused file
    wheel = "**/rekindle-*.whl"

    def tampered(route: Route) -> None:
        body = bytearray(route.fetch().body())
        body[-1] ^= 0xFF  # one bit pattern flipped: sha256 no longer matches the lock file
        route.fulfill(status=200, body=bytes(body), content_type="application/zip")

    context.route(wheel, tampered)
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "error", timeout=30_000)
    expect(timer.locator("[data-rk-status]")).to_contain_text("could not start")
    context.unroute(wheel)
    timer.locator("[data-rk-retry]").click()
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)


def test_a_worker_crash_mid_session_resumes_from_the_last_state(page: Page, server) -> None:
    page.clock.install(time=T0 / 1000)
    page.clock.pause_at((T0 + 1_000) / 1000)
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    press(timer, "toggle")
    press(timer, "next")
    expect(timer).to_have_attribute("data-phase", "handover")
    press(timer, "toggle")  # the hand-over: Partner B's turn starts on the tap
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    expect(timer).to_have_attribute("data-phase", "running")
    crash = 'm.getEngine().worker.dispatchEvent(new ErrorEvent("error", {message: "boom"}))'
    site_module_call(page, "engine-client.js", crash)
    expect(timer).to_have_attribute("data-state", "error")
    expect(timer.locator("[data-rk-status]")).to_contain_text("stopped unexpectedly")
    page.clock.run_for(60_000)
    timer.locator("[data-rk-retry]").click()
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(part(timer, "speaker_name")).to_have_text("Partner B")
    expect(clock(timer)).to_have_text("2:00")  # the same turn, a minute later


def test_remembering_is_opt_in_and_forget_forgets(page: Page, server) -> None:
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    open_settings(timer)
    name = timer.locator('[name="name_a"]')
    name.fill("Robin")
    name.press("Tab")
    expect(part(timer, "speaker_name")).to_have_text("Robin")
    assert ours_stored(page) == []  # nothing without consent
    timer.locator("[data-rk-remember]").check()
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("saved")

    page.reload()
    timer = timer_on(page)
    expect(part(timer, "speaker_name")).to_have_text("Robin", timeout=BOOT)
    open_settings(timer)
    expect(timer.locator("[data-rk-remember]")).to_be_checked()
    timer.locator("[data-rk-forget]").click()
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("Forgotten")
    assert ours_stored(page) == []

    page.reload()
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(part(timer, "speaker_name")).to_have_text("Partner A")


@pytest.mark.parametrize(
    "stored",
    [
        "{not json",
        json.dumps({"format": 1, "settings": {"x": 1}}),
        json.dumps({"format": 99}),
        json.dumps([1, 2]),
    ],
)
def test_unreadable_saved_settings_are_explained_and_the_timer_works(
    page: Page, context: BrowserContext, server, stored: str
) -> None:
    context.add_init_script(f"localStorage.setItem('rekindle.turn-timer', {json.dumps(stored)})")
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("could not be read")
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")


def test_storage_switched_off_still_times_and_says_so(
    page: Page, context: BrowserContext, server, watch
) -> None:
    watch.allow("denied")  # Material's own start-up reads localStorage unguarded
    context.add_init_script("""Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("denied", "SecurityError"); } });""")
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("not letting the site store")
    open_settings(timer)
    timer.locator("[data-rk-remember]").click()  # not check(): the page unticks it at once
    expect(timer.locator("[data-rk-remember]")).not_to_be_checked()
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")


def test_instant_navigation_mounts_once_and_keeps_one_engine(page: Page, server) -> None:
    workers: list[str] = []
    page.on("worker", lambda worker: workers.append(worker.url))
    page.goto(server.url + CONVERSATION)
    expect(timer_on(page)).to_have_attribute("data-state", "ready", timeout=BOOT)
    for _ in range(2):
        page.locator(f'a[href$="{TEXT_PAGE}"]:visible').first.click()
        expect(page.locator("h1")).to_contain_text("Deciding")
        expect(page.locator("[data-rekindle-widget]")).to_have_count(1)  # the worksheet
        page.wait_for_function(
            "() => document.querySelector('[data-rekindle-widget]').dataset.state === 'ready'"
        )
        assert mounted(page) == 1  # the conversation page's tools unmounted, the worksheet in
        page.locator('a[href$="the-conversation/"]:visible').first.click()
        expect(timer_on(page)).to_have_attribute("data-state", "ready", timeout=BOOT)
        roots = page.locator("[data-rekindle-widget]")
        expect(roots).to_have_count(2)  # the timer and the check-in planner
        for root in roots.all():
            expect(root).to_have_attribute("data-state", "ready", timeout=BOOT)
        assert mounted(page) == 2
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert len([url for url in workers if url.endswith("engine-worker.js")]) == 1


def mounted(page: Page) -> int:
    return site_module_call(page, "widgets.js", "m.mountedCount()")


def ours_stored(page: Page) -> list[str]:
    return page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('rekindle'))")


def test_a_full_storage_keeps_the_timer_running_and_says_saving_is_off(
    page: Page, context: BrowserContext, server
) -> None:
    context.add_init_script("""Storage.prototype.setItem = function () {
        throw new DOMException("full", "QuotaExceededError"); };""")
    page.goto(server.url + CONVERSATION)
    timer = timer_on(page)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    open_settings(timer)
    timer.locator("[data-rk-remember]").click()  # not check(): the page unticks it at once
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("not letting the site store")
    expect(timer.locator("[data-rk-remember]")).not_to_be_checked()
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
