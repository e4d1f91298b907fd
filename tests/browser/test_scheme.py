"""The light/dark switch (overrides/partials/palette.html and javascripts/palette.html):
it follows the system until the reader chooses, remembers only a choice, and forgets it
when asked."""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.server import SiteServer
from tests.conftest import SITE_PREFIX

pytestmark = pytest.mark.browser

TO_DARK = "Switch to dark mode"
TO_LIGHT = "Switch to light mode"


def scheme(page: Page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def stored(page: Page) -> list[str]:
    return page.evaluate("Object.keys(localStorage)")


@pytest.mark.parametrize(
    ("system", "shown", "name"), [("light", "default", TO_DARK), ("dark", "slate", TO_LIGHT)]
)
def test_the_first_look_follows_the_system_and_stores_nothing(
    browser: Browser, server: SiteServer, system: str, shown: str, name: str
) -> None:
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    # The scheme is set by the time the page's text is parsed: no flash of the other one.
    page.add_init_script("""document.addEventListener("readystatechange", () => {
        if (document.readyState === "interactive") {
          window.__firstScheme = document.body.dataset.mdColorScheme;
        }
    });""")
    page.goto(server.url + "about/")
    assert page.evaluate("window.__firstScheme") == shown == scheme(page)
    expect(page.get_by_role("button", name=name)).to_be_visible()
    assert stored(page) == []  # nothing kept until the reader chooses
    context.close()


def test_the_switch_is_a_keyboard_button_whose_choice_is_kept_and_deletable(
    page: Page, server: SiteServer
) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(server.url + "about/")
    switch = page.get_by_role("button", name=TO_DARK)
    switch.focus()
    page.keyboard.press("Enter")
    assert scheme(page) == "slate"
    expect(page.get_by_role("button", name=TO_LIGHT)).to_be_focused()
    assert page.evaluate(f"localStorage.getItem('rekindle {SITE_PREFIX} scheme')") == "slate"

    page.get_by_role("link", name="Privacy").first.click()  # instant navigation
    page.wait_for_url("**/privacy/")
    assert scheme(page) == "slate"
    page.reload()
    assert scheme(page) == "slate"  # the choice beats the system's light
    page.emulate_media(color_scheme="light")
    assert scheme(page) == "slate"

    page.wait_for_selector("#delete-everything[data-state=ready] button")
    page.click("#delete-everything button")
    page.locator("#delete-everything [role=status]").filter(has_text="Deleted").wait_for()
    assert stored(page) == []
    page.reload()
    assert scheme(page) == "default"  # back to following the system


def test_without_a_choice_a_change_of_system_setting_shows_at_once(
    page: Page, server: SiteServer
) -> None:
    page.emulate_media(color_scheme="light")
    page.goto(server.url + "about/")
    assert scheme(page) == "default"
    page.emulate_media(color_scheme="dark")
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    expect(page.get_by_role("button", name=TO_LIGHT)).to_be_visible()
