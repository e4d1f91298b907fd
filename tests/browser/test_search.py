"""Site search: it finds pages, and on a tool page its index waits for the engine's boot
without ever keeping a reader who reaches for search waiting (rekindle-search.js)."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import BrowserContext, Page, Route, expect

from tests.browser.test_timer import BOOT, CONVERSATION

pytestmark = pytest.mark.browser

WASM = "**/pyodide.asm.wasm"
MATERIAL_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")


def search(page: Page, words: str):
    """Open Material's search as a reader does, type, and return the result links."""
    page.locator('label.md-header__button[for="__search"]').first.click()
    field = page.locator(".md-search__input")
    expect(field).to_be_focused()
    field.press_sequentially(words)  # Material searches on key presses, as a reader types
    return page.locator(".md-search-result__item a")


def test_search_finds_the_page_a_reader_means(page: Page, server) -> None:
    page.goto(server.url + "intimacy/")
    results = search(page, "sensate focus")
    expect(results.first).to_be_visible()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("reconnecting" in href for href in hrefs), hrefs


def test_on_a_tool_page_the_index_waits_for_the_engine(
    page: Page, context: BrowserContext, server
) -> None:
    held: list[Route] = []
    context.route(WASM, lambda route: held.append(route))
    asked: list[str] = []
    # The offline service worker precaches Material's worker too: only the page's count.
    context.on("request", lambda request: request.service_worker or asked.append(request.url))
    page.goto(server.url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]').first
    expect(timer).to_have_attribute("data-state", "loading")
    for _ in range(200):  # each round trip lets Playwright deliver the held request to us
        if held:
            break
        page.evaluate("0")
    assert held, "the engine never asked for its wasm"
    assert any(url.endswith("search/search_index.json") for url in asked), "search not set up"
    assert not [url for url in asked if MATERIAL_WORKER.search(url)], "index built during boot"
    for route in held:
        route.continue_()
    context.unroute(WASM)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    if not any(MATERIAL_WORKER.search(url) for url in asked):
        context.wait_for_event("request", lambda request: not request.service_worker
                               and bool(MATERIAL_WORKER.search(request.url)))


def test_a_reader_who_searches_during_the_boot_is_not_kept_waiting(
    page: Page, context: BrowserContext, server
) -> None:
    context.route(WASM, lambda route: None)  # the engine never finishes booting here
    page.goto(server.url + CONVERSATION)
    expect(page.locator('[data-rekindle-widget="turn-timer"]').first).to_have_attribute(
        "data-state", "loading")
    results = search(page, "no contact")
    expect(results.first).to_be_visible()
    hrefs = [results.nth(i).get_attribute("href") for i in range(results.count())]
    assert any("no-contact" in href for href in hrefs), hrefs
