"""A reader whose browser blocks all site storage (Chromium's "Block all cookies", the real
preference, not a stub): localStorage, sessionStorage, Cache Storage, IndexedDB and service
workers all refuse. Reading, search, the light/dark switch, instant navigation, both tools
and "Delete everything" still work, each saying plainly what it cannot keep."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.chromium import launch_options
from tests.browser.conftest import PageWatch, watched
from tests.browser.server import SiteServer

pytestmark = pytest.mark.browser


@pytest.fixture
def blocked(browser: Browser, watch: PageWatch, tmp_path: Path) -> Iterator[BrowserContext]:
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    block_all = {"profile": {"default_content_setting_values": {"cookies": 2}}}
    (profile / "Default" / "Preferences").write_text(json.dumps(block_all))
    options = launch_options()
    options.pop("headless")
    context = browser.browser_type.launch_persistent_context(
        str(profile), headless=True, viewport={"width": 390, "height": 844}, **options
    )
    with watched(context, watch) as made:
        yield made


@pytest.fixture
def page(blocked: BrowserContext) -> Page:
    return blocked.pages[0] if blocked.pages else blocked.new_page()


def test_storage_really_is_blocked_and_reading_search_and_the_switch_still_work(
    page: Page, server: SiteServer
) -> None:
    page.goto(server.url)
    assert (
        page.evaluate(
            "(() => { try { localStorage; return 'open'; }"
            " catch (error) { return error.name; } })()"
        )
        == "SecurityError"
    )
    page.keyboard.press("/")
    page.keyboard.type("breakup sex")
    expect(page.locator(".md-search-result__item").first).to_be_visible()
    page.keyboard.press("Escape")

    before = page.evaluate("document.body.dataset.mdColorScheme")
    page.locator("[data-rk-scheme-toggle]").click()
    expect(page.locator("body")).not_to_have_attribute("data-md-color-scheme", before)


def test_both_tools_start_and_say_what_they_cannot_keep(page: Page, server: SiteServer) -> None:
    page.goto(server.url + "after-a-breakup/the-conversation/")
    timer = page.locator("[data-rekindle-widget=turn-timer]")
    expect(timer).to_contain_text("Timer ready")
    expect(timer).to_contain_text("not letting the site store anything")

    # Instant navigation (the link sits in the closed drawer at phone width).
    page.locator("a.md-nav__link[href$='tools/self-assessment/']").first.dispatch_event("click")
    page.wait_for_url("**/tools/self-assessment/")
    tool = page.locator("[data-rekindle-widget=barrier-assessment]")
    expect(tool).to_contain_text("Your answers stay on this device")
    expect(tool).to_contain_text("Saving is off")


def test_delete_everything_says_why_it_cannot_reach_the_storage(
    page: Page, server: SiteServer
) -> None:
    page.goto(server.url + "privacy/")
    page.get_by_role("button", name="Delete everything this site stored").click()
    expect(
        page.get_by_role("status").filter(has_text="not letting this site use storage")
    ).to_contain_text("clear this site's data in your browser's settings")
