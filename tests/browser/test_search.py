"""Site search: it finds pages, and Material's search worker (and its index build) starts only
when the reader reaches for search, on every page, without ever keeping that reader waiting
(search-gate.js, rekindle-search.js)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.test_timer import BOOT, CONVERSATION

pytestmark = pytest.mark.browser

WASM = "**/pyodide.asm.wasm"
MATERIAL_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
SEARCH_BUTTON = 'label.md-header__button[for="__search"]'


def watch_requests(context: BrowserContext) -> list[str]:
    """The URLs the pages ask for. The offline service worker precaches Material's worker
    too: only the pages' own requests count."""
    asked: list[str] = []
    context.on("request", lambda request: request.service_worker or asked.append(request.url))
    return asked


def asked_for_material_worker(asked: list[str]) -> bool:
    return any(MATERIAL_WORKER.search(url) for url in asked)


def settle(page: Page) -> None:
    """Wait until the page has stopped asking for things: had the worker been started
    without the reader, its request would be among them."""
    page.wait_for_load_state("networkidle")


def open_for_reading(page: Page, context: BrowserContext, url: str) -> None:
    """Open a text page, let it settle, and check Material's worker was not started."""
    asked = watch_requests(context)
    page.goto(url)
    settle(page)
    assert any(url.endswith("search/search_index.json") for url in asked), "search not set up"
    assert not asked_for_material_worker(asked), "search worker loaded for a reader who reads"


def material_worker_requested(context: BrowserContext):
    """Waits (as a `with` block) for a page, not the offline worker, to ask for it."""
    return context.expect_event(
        "request",
        lambda request: not request.service_worker and bool(MATERIAL_WORKER.search(request.url)),
    )


def search(page: Page, words: str):
    """Open Material's search as a reader does, type, and return the result links."""
    page.locator(SEARCH_BUTTON).first.click()
    field = page.locator(".md-search__input")
    expect(field).to_be_focused()
    field.press_sequentially(words)  # Material searches on key presses, as a reader types
    return page.locator(".md-search-result__item a")


def result_hrefs(results) -> list[str]:
    expect(results.first).to_be_visible()
    return [results.nth(i).get_attribute("href") for i in range(results.count())]


def test_on_a_text_page_the_worker_waits_for_the_reader(
    page: Page, context: BrowserContext, server
) -> None:
    open_for_reading(page, context, server.url + "intimacy/")
    with material_worker_requested(context):
        hrefs = result_hrefs(search(page, "sensate focus"))
    assert any("reconnecting" in href for href in hrefs), hrefs


def test_materials_search_key_starts_the_worker(
    page: Page, context: BrowserContext, server
) -> None:
    open_for_reading(page, context, server.url + "about/")
    with material_worker_requested(context):
        page.keyboard.press("/")  # Material's shortcut: focus the search field
    field = page.locator(".md-search__input")
    expect(field).to_be_focused()
    field.press_sequentially("no contact")
    assert any(
        "no-contact" in href for href in result_hrefs(page.locator(".md-search-result__item a"))
    )


def test_highlighting_a_result_needs_no_worker(page: Page, context: BrowserContext, server) -> None:
    # A result opens its page with ?h=: Material marks the words from the index it fetches on
    # the page, not from the worker, so the reader who followed a link gets them too.
    asked = watch_requests(context)
    page.goto(server.url + "intimacy/reconnecting/?h=sensate")
    expect(page.locator("article mark[data-md-highlight]").first).to_be_visible()
    settle(page)
    assert not asked_for_material_worker(asked)


def test_on_a_tool_page_the_worker_waits_for_the_reader(
    page: Page, context: BrowserContext, server
) -> None:
    held: list[Route] = []
    context.route(WASM, lambda route: held.append(route))
    asked = watch_requests(context)
    page.goto(server.url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]').first
    expect(timer).to_have_attribute("data-state", "loading")
    for _ in range(200):  # each round trip lets Playwright deliver the held request to us
        if held:
            break
        page.evaluate("0")
    assert held, "the engine never asked for its wasm"
    assert any(url.endswith("search/search_index.json") for url in asked), "search not set up"
    assert not asked_for_material_worker(asked), "index built during boot"
    for route in held:
        route.continue_()
    context.unroute(WASM)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    settle(page)
    assert not asked_for_material_worker(asked), "search worker loaded for a reader who reads"
    hrefs = result_hrefs(search(page, "no contact"))
    assert any("no-contact" in href for href in hrefs), hrefs
    assert asked_for_material_worker(asked)


def test_a_reader_who_searches_during_the_boot_is_not_kept_waiting(
    page: Page, context: BrowserContext, server
) -> None:
    context.route(WASM, lambda route: None)  # the engine never finishes booting here
    page.goto(server.url + CONVERSATION)
    expect(page.locator('[data-rekindle-widget="turn-timer"]').first).to_have_attribute(
        "data-state", "loading"
    )
    hrefs = result_hrefs(search(page, "no contact"))
    assert any("no-contact" in href for href in hrefs), hrefs
