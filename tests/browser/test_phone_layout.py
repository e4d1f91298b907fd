"""Every page on a phone: headings without a stray blank line, and an exit that hides nothing.

- A heading's permalink mark (hidden until hover or focus) never wraps onto a line of its
  own under the heading, on any page of the sitemap, at 360 and 390 px.
- "Leave this site" sits on the header's band: in view at the top and after scrolling, over
  no page text and over none of the header's own controls; with search open on a phone,
  search's clear button stays clear of it. On a desktop it stays clear of the search field,
  even when the field widens for typing.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.a11y_helpers import sitemap_pages
from tests.browser.conftest import PageWatch, watched
from tests.browser.server import SiteServer

pytestmark = pytest.mark.browser

EXIT = "[data-rk-quick-exit]"

ORPHAN_MARKS_JS = """() => [...document.querySelectorAll(
    '.md-typeset :is(h1, h2, h3, h4) > .headerlink')].filter((mark) => {
  const heading = mark.parentElement;
  if (!heading.getClientRects().length) return false;  // not shown (the home page hides them)
  const text = document.createRange();
  text.selectNodeContents(heading);
  text.setEndBefore(mark);
  const lines = [...text.getClientRects()];
  return lines.length && mark.getBoundingClientRect().top >= lines.at(-1).bottom - 2;
}).map((mark) => mark.parentElement.textContent.trim())"""

# What the exit could cover. Page text only ever passes under the header's band (which
# hides it anyway), so an exit inside that band covers no text; within the band, it must
# not cover the header's own visible controls.
OVERLAPS_JS = """(exitSelector) => {
  const exit = document.querySelector(exitSelector).getBoundingClientRect();
  const meets = (r) => r.width > 0 && r.height > 0 && r.left < exit.right &&
    exit.left < r.right && r.top < exit.bottom && exit.top < r.bottom;
  const header = document.querySelector('.md-header').getBoundingClientRect();
  const found = [];
  if (exit.top < header.top || exit.bottom > header.bottom) found.push('outside the header');
  const controls = '.md-header__inner > *, .md-header__inner .md-header__button, ' +
    '.md-header__inner .md-search__form, .md-header__topic .md-ellipsis';
  for (const el of document.querySelectorAll(controls)) {
    if (getComputedStyle(el).visibility !== 'hidden' && meets(el.getBoundingClientRect())) {
      found.push(el.className);
    }
  }
  return found;
}"""


@pytest.fixture(scope="module")
def pages(built_site: Path, server: SiteServer) -> list[str]:
    return sitemap_pages(built_site, server.url)


def phone(browser: Browser, width: int = 390, **options):
    return browser.new_context(
        viewport={"width": width, "height": 844}, is_mobile=True, has_touch=True, **options
    )


@pytest.mark.parametrize("width", [360, 390])
def test_no_heading_mark_wraps_onto_a_line_of_its_own(
    browser: Browser, watch: PageWatch, pages: list[str], width: int
) -> None:
    with watched(phone(browser, width), watch) as context:
        page = context.new_page()
        found = []
        for url in pages:
            page.goto(url)
            found += [f"{url}: {heading}" for heading in page.evaluate(ORPHAN_MARKS_JS)]
        assert not found, f"headings with a mark alone on the next line at {width} px: {found}"


def covered(page: Page) -> list[str]:
    return page.evaluate(OVERLAPS_JS, EXIT)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_exit_covers_nothing_on_any_phone_page(
    browser: Browser, watch: PageWatch, pages: list[str], scheme: str
) -> None:
    with watched(phone(browser, color_scheme=scheme), watch) as context:
        page = context.new_page()
        found = []
        for url in pages:
            page.goto(url)
            expect(page.locator(EXIT)).to_be_in_viewport(ratio=1)
            found += [f"{url} (top): {thing}" for thing in covered(page)]
            page.evaluate("scrollTo(0, document.body.scrollHeight / 2)")
            page.wait_for_function("() => scrollY > 0 || innerHeight >= document.body.scrollHeight")
            expect(page.locator(EXIT)).to_be_in_viewport(ratio=1)
            found += [f"{url} (scrolled): {thing}" for thing in covered(page)]
        assert not found, f"the exit covers: {found}"


def test_search_on_a_phone_keeps_its_clear_button_clear_of_the_exit(
    browser: Browser, watch: PageWatch, server: SiteServer
) -> None:
    with watched(phone(browser), watch) as context:
        page = context.new_page()
        page.goto(server.url + "intimacy/barriers/")
        page.locator("label.md-header__button[for='__search']").click()
        field = page.locator(".md-search__input")
        expect(field).to_be_focused()
        field.fill("a long question about sensate focus")
        clear = page.locator(".md-search__options button[type='reset']")
        expect(clear).to_be_visible()
        expect(clear).to_be_in_viewport(ratio=1)  # the search sheet has finished sliding in
        exit_box, clear_box = page.locator(EXIT).bounding_box(), clear.bounding_box()
        assert exit_box and clear_box
        assert clear_box["x"] + clear_box["width"] <= exit_box["x"], (clear_box, exit_box)
        expect(page.locator(EXIT)).to_be_in_viewport(ratio=1)


def test_on_a_desktop_the_exit_stays_clear_of_the_search_field(
    browser: Browser, watch: PageWatch, server: SiteServer
) -> None:
    with watched(browser.new_context(viewport={"width": 1280, "height": 800}), watch) as context:
        page = context.new_page()
        page.goto(server.url + "intimacy/barriers/")
        assert not covered(page), covered(page)
        page.locator(".md-search__input").focus()  # the field widens when focused
        page.wait_for_function(
            "() => document.querySelector('.md-search__inner').getBoundingClientRect().width >= 680"
        )
        assert not covered(page), covered(page)
