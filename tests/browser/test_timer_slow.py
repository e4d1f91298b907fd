"""A first visit on a slow phone connection: Chromium's network emulation at Lighthouse's
mobile profile (150 ms round trip, 1.6 Mbps both ways), served gzipped as GitHub Pages
serves it (the engine's .wasm too). A press made the moment the button shows counts from
that moment; the clock moves before the engine is ready; the download's progress is shown
in words and with a progress bar; once Python is ready it agrees with the page. With
Save-Data on, no byte of the engine is fetched until the reader asks.

The page clock is Playwright's fake clock (paused), so "the clock moved" is exact; the
network runs in real time, so waiting for the engine takes as long as its bytes need.
"""

from __future__ import annotations

import functools
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.server import _Handler, _QuietServer
from tests.browser.timer_helpers import CONVERSATION, T0, TIMER, clock, settled

pytestmark = pytest.mark.browser

SLOW_4G = {
    "offline": False,
    "latency": 150,
    "downloadThroughput": 1.6 * 1024 * 1024 / 8,  # bytes a second
    "uploadThroughput": 1.6 * 1024 * 1024 / 8,
}
ENGINE_READY_MS = 180_000  # about 30 s of bytes at this speed; the machine is shared
SAVE_DATA = """
Object.defineProperty(navigator, "connection", { value: { saveData: true }, configurable: true });
"""


class _PagesHandler(_Handler):
    """The test server, plus what GitHub Pages also does: .wasm is sent gzipped."""

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path.split("?", 1)[0]))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if path.suffix == ".wasm" and wants_gzip and path.is_file():
            return self._send_gzipped(path, "application/wasm")
        return super().do_GET()


@pytest.fixture(scope="module")
def pages_server(built_site: Path) -> Iterator[str]:
    handler = type("Handler", (_PagesHandler,), {"prefix": "/rekindle/"})
    httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(built_site)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/rekindle/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture
def slow(browser: Browser, pages_server: str) -> Iterator[BrowserContext]:
    origin = pages_server.split("/rekindle/")[0]
    with watched(new_context(browser), PageWatch(origin)) as context:
        yield context


def throttled(context: BrowserContext) -> Page:
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    page.clock.install(time=T0 / 1000)
    page.clock.pause_at((T0 + 1_000) / 1000)
    return page


def engine_requests(context: BrowserContext) -> list[str]:
    seen: list[str] = []
    context.on("request", lambda r: "/assets/pyodide/" in r.url and seen.append(r.url))
    return seen


def test_a_press_at_first_sight_counts_and_the_clock_moves_while_the_engine_loads(
    slow: BrowserContext, pages_server: str
) -> None:
    requested = engine_requests(slow)
    page = throttled(slow)
    page.goto(pages_server + CONVERSATION, wait_until="commit")
    timer = page.locator(TIMER)
    toggle = timer.locator('[data-rk-action="toggle"]')
    toggle.click()  # as soon as it can be seen and pressed
    expect(timer).to_have_attribute("data-phase", "running")
    expect(toggle).to_have_text("Pause")
    page.clock.run_for(1_000)
    expect(clock(timer)).to_have_text("2:59")  # moving, though Python is not there yet
    assert timer.get_attribute("data-state") != "ready"
    status = timer.locator("[data-rk-status]")
    expect(status).to_contain_text(re.compile(r"Getting the timer ready: \d+\.\d of 5\.5 MB"))
    expect(timer.locator("[data-rk-download]")).to_be_visible()
    bar = timer.locator("[data-rk-download]")
    first = bar.evaluate("e => e.value")
    page.wait_for_function(  # the bar moves with the bytes
        "(v) => document.querySelector('[data-rk-download]').value > v", arg=first
    )

    expect(timer).to_have_attribute("data-state", "ready", timeout=ENGINE_READY_MS)
    # The big files were asked for before Pyodide wanted them, then handed to it: each was
    # requested once (the snapshot maker's later requests come after this).
    big = [url.rsplit(".", 1)[1] for url in requested if url.endswith((".wasm", ".zip", ".whl"))]
    assert sorted(big) == ["wasm", "whl", "zip"]
    settled(timer)
    # Python took over from the moment of the press, not from when it was ready.
    expect(timer).to_have_attribute("data-chime-at", str(T0 + 1_000 + 180_000))
    expect(timer.locator("[data-rk-download]")).to_be_hidden()
    page.clock.run_for(4_000)
    expect(clock(timer)).to_have_text("2:55")


def test_with_save_data_no_engine_byte_comes_until_the_reader_asks(
    slow: BrowserContext, pages_server: str
) -> None:
    fetched = engine_requests(slow)
    page = slow.new_page()
    page.add_init_script(SAVE_DATA)
    page.clock.install(time=T0 / 1000)
    page.clock.pause_at((T0 + 1_000) / 1000)
    page.goto(pages_server + CONVERSATION)
    timer = page.locator(TIMER)
    load = timer.locator("[data-rk-load]")
    expect(load).to_have_text("Load the timer, 5.5 MB")
    expect(timer).to_have_attribute("data-state", "held")
    timer.locator('[data-rk-action="toggle"]').click()  # the clock runs without the engine
    page.clock.run_for(180_500)
    expect(clock(timer)).to_have_text("0:00")
    expect(timer.locator("[data-rk-wait]")).to_contain_text("as soon as the timer has finished")
    page.wait_for_load_state("networkidle")
    assert fetched == []
    assert (
        page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length") == 0
    )

    load.click()
    expect(timer).to_have_attribute("data-state", "ready", timeout=ENGINE_READY_MS)
    expect(timer).to_have_attribute("data-phase", "handover")  # Python decided the change
    assert fetched
