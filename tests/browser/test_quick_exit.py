"""Quick exit ("Leave this site", Escape x3) and "Delete everything this site stored"."""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.server import SiteServer
from tests.conftest import SITE_PREFIX

pytestmark = pytest.mark.browser

NEUTRAL = "https://www.bbc.com/weather"
EXIT = "[data-rk-quick-exit]"
OURS = f"rekindle {SITE_PREFIX} "  # this copy's names (kit/scope.js)


@pytest.fixture
def neutral(context: BrowserContext, watch: PageWatch):
    """The neutral site, answered locally: no real network. Its request is the one we expect."""
    context.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(
            body="<!doctype html><title>Weather</title><h1>Weather</h1>", content_type="text/html"
        ),
    )
    yield NEUTRAL
    watch.off_origin[:] = [url for url in watch.off_origin if not url.startswith(NEUTRAL)]


def open_after_blank(page: Page, url: str) -> None:
    page.goto("about:blank")
    page.goto(url)
    page.wait_for_selector(EXIT)


def test_link_works_without_javascript_and_sends_no_referrer(
    page: Page, server: SiteServer
) -> None:
    page.goto(server.url + "safety/")
    link = page.locator(EXIT)
    assert link.get_attribute("href") == NEUTRAL
    assert "noreferrer" in link.get_attribute("rel")
    assert page.locator('meta[name="referrer"]').get_attribute("content") == "no-referrer"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [390, 1280])
def test_visible_in_the_viewport(
    context: BrowserContext, server: SiteServer, width: int, scheme: str
) -> None:
    page = context.new_page()
    page.set_viewport_size({"width": width, "height": 800})
    page.emulate_media(color_scheme=scheme)
    page.goto(server.url + "intimacy/barriers/")
    link = page.locator(EXIT)
    assert link.is_visible()
    box = link.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    assert box["y"] >= 0 and box["y"] + box["height"] <= 800
    page.mouse.wheel(0, 3000)  # still there after scrolling: it is fixed
    page.wait_for_function("() => scrollY > 0")
    assert link.is_visible()
    colours = link.evaluate("e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")
    assert colours[0] != colours[1]


def test_early_in_tab_order_with_visible_focus(page: Page, server: SiteServer) -> None:
    page.goto(server.url + "about/")
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-rk-quick-exit]')"):
            break
    else:
        pytest.fail("the quick exit is not among the first three tab stops")
    outline = page.locator(EXIT).evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid"


def test_click_replaces_the_page_so_back_does_not_return(
    page: Page, server: SiteServer, neutral: str
) -> None:
    open_after_blank(page, server.url + "breakup-sex/")
    page.click(EXIT)
    page.wait_for_url(neutral)
    page.go_back()
    page.wait_for_url("about:blank")
    assert page.url == "about:blank"


def test_escape_three_times_leaves(page: Page, server: SiteServer, neutral: str) -> None:
    open_after_blank(page, server.url + "intimacy/")
    page.keyboard.press("Escape")
    page.keyboard.press("Escape")
    assert page.url.startswith(server.url), "two presses must not leave"
    page.keyboard.press("Escape")
    page.wait_for_url(neutral)
    page.go_back()
    page.wait_for_url("about:blank")


def test_escape_counts_while_typing_in_a_field(
    page: Page, server: SiteServer, neutral: str
) -> None:
    open_after_blank(page, server.url + "after-a-breakup/the-conversation/")
    field = page.locator("input[type=text], input:not([type])").first
    field.focus()
    for _ in range(3):
        page.keyboard.press("Escape")
    page.wait_for_url(neutral)


def test_delete_everything(page: Page, server: SiteServer) -> None:
    page.goto(server.url + "privacy/")
    page.wait_for_selector("#delete-everything[data-state=ready] button")
    page.evaluate(
        """async (ours) => {
        localStorage.setItem(ours + "turn-timer", "{}");
        localStorage.setItem("rekindle.turn-timer", "{}");  // an earlier version's name
        localStorage.setItem("other-site.key", "keep me");
        sessionStorage.setItem(ours + "note", "x");
        await (await caches.open(ours + "test")).put("x", new Response("x"));
        await (await caches.open("other-site")).put("x", new Response("x"));
        await new Promise((ok) => { indexedDB.open(ours + "test").onsuccess = (e) => {
            e.target.result.close(); ok(); }; });
        await navigator.serviceWorker.ready;
    }""",
        OURS,
    )
    page.click("#delete-everything button")
    status = page.locator("#delete-everything [role=status]")
    status.filter(has_text="Deleted").wait_for()
    left = page.evaluate("""async () => ({
        local: Object.keys(localStorage).filter((k) => !k.startsWith("other-site")),
        kept: localStorage.getItem("other-site.key"),
        session: Object.keys(sessionStorage).filter(
            (k) => k.startsWith("rekindle") && !k.endsWith(" forgot-in-this-tab")),
        caches: await caches.keys(),
        databases: (await indexedDB.databases()).map((d) => d.name),
        workers: (await navigator.serviceWorker.getRegistrations()).length,
    })""")
    assert left == {
        "local": [],
        "kept": "keep me",
        "session": [],
        "caches": ["other-site"],
        "databases": [],
        "workers": 0,
    }
    assert "1 offline helper" in status.inner_text()


def test_delete_fallback_without_javascript(browser, server: SiteServer) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(server.url + "privacy/")
    assert "browser's settings" in page.locator("#delete-everything").inner_text()
    expect(page.get_by_role("button", name="Delete everything")).to_be_hidden()  # inert there
    context.close()
