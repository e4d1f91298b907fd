"""The home page as a reader meets it: a landing page on a phone and a desktop, both schemes.

- axe-core (WCAG 2.2 A and AA) finds nothing, light and dark, phone and desktop;
- each door is one large link: a tap anywhere on the card (not just its title) goes there;
- nothing scrolls sideways on a phone; on a desktop the three doors share one row;
- the landing's stylesheet comes with the home page and goes with it under instant
  navigation, so every other page keeps its own layout.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch, wait_for_instant_navigation, watched
from tests.browser.server import SiteServer
from tests.browser.test_accessibility import AXE_OPTIONS, DESKTOP, PHONE, describe

pytestmark = pytest.mark.browser

HOME_CSS = 'link[rel="stylesheet"][href$="assets/rekindle/home/home.css"]'
DOORS = {"breakup": "after-a-breakup/", "drifting": "intimacy/", "safety": "safety/"}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_axe_finds_nothing_on_the_home_page(
    browser: Browser, watch: PageWatch, server: SiteServer, scheme: str, viewport: dict
) -> None:
    with watched(browser.new_context(viewport=viewport, color_scheme=scheme), watch) as context:
        page = context.new_page()
        page.goto(server.url)
        expect(page.locator("body")).to_have_attribute(
            "data-md-color-scheme", "slate" if scheme == "dark" else "default"
        )
        violations = Axe().run(page, options=AXE_OPTIONS).response["violations"]
        assert not violations, describe(server.url, violations)


@pytest.mark.parametrize("door", list(DOORS))
def test_a_tap_anywhere_on_a_door_opens_its_page(
    browser: Browser, watch: PageWatch, server: SiteServer, door: str
) -> None:
    options = {"viewport": PHONE, "has_touch": True, "is_mobile": True}
    with watched(browser.new_context(**options), watch) as context:
        page = context.new_page()
        page.goto(server.url)
        card = page.locator(f".rk-door--{door}")
        box = card.bounding_box()
        assert box and box["height"] >= 88 and box["width"] >= PHONE["width"] * 0.8, box
        card.scroll_into_view_if_needed()
        words = card.locator("p").bounding_box()  # the description, not the title's link
        assert words
        page.touchscreen.tap(words["x"] + words["width"] / 2, words["y"] + words["height"] / 2)
        expect(page).to_have_url(server.url + DOORS[door])


def test_the_home_page_fits_a_phone(page: Page, server: SiteServer) -> None:
    page.goto(server.url)
    expect(page.locator(".rk-door")).to_have_count(3)
    overflow = page.evaluate("document.documentElement.scrollWidth - innerWidth")
    assert overflow <= 0, f"the home page scrolls sideways by {overflow}px on a phone"
    heading = page.get_by_role("heading", level=1)
    expect(heading).to_be_in_viewport()
    expect(page.locator(".rk-door--breakup")).to_be_in_viewport()  # a door above the fold


def test_the_doors_share_a_row_on_a_desktop(
    browser: Browser, watch: PageWatch, server: SiteServer
) -> None:
    with watched(browser.new_context(viewport=DESKTOP), watch) as context:
        page = context.new_page()
        page.goto(server.url)
        tops = [
            box["y"]
            for box in page.locator(".rk-door").evaluate_all(
                "cards => cards.map((c) => c.getBoundingClientRect().toJSON())"
            )
        ]
        assert len(tops) == 3 and max(tops) - min(tops) < 1, tops
        expect(page.locator(".rk-home__art")).to_be_visible()


def test_the_landing_style_comes_and_goes_with_the_home_page(
    browser: Browser, watch: PageWatch, server: SiteServer
) -> None:
    with watched(browser.new_context(viewport=DESKTOP), watch) as context:
        page = context.new_page()
        page.goto(server.url + "about/")
        wait_for_instant_navigation(page)
        expect(page.locator(HOME_CSS)).to_have_count(0)
        page.evaluate("window.__rkSamePage = true")  # survives only instant navigation

        page.locator(".md-content").get_by_role("link", name="home page", exact=True).click()
        expect(page).to_have_url(server.url)
        expect(page.locator(HOME_CSS)).to_have_count(1)
        expect(page.locator(".rk-doors")).to_have_css("display", "grid")

        page.locator(".rk-door--safety h3 a:not(.headerlink)").click()
        expect(page).to_have_url(server.url + "safety/")
        expect(page.locator(HOME_CSS)).to_have_count(0)
        expect(page.locator(".md-sidebar--secondary")).to_be_visible()  # its contents list
        assert page.evaluate("window.__rkSamePage === true"), "a full load, not instant"
