"""The Zensical build, served under a sub-path as GitHub Pages serves a project site: every
tool reaches ready, search shows styled results, and nothing breaks the policy, writes to
the console, asks another host, or fails axe at 390 px in light and dark."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.server import SiteServer
from tests.browser.site_pages import CSP_LISTENER, widget_ready
from tests.browser.test_accessibility import AXE_OPTIONS, describe
from tests.conftest import SITE_PREFIX, ZENSICAL_PORT

pytestmark = pytest.mark.browser

WIDGET = re.compile(r'data-rekindle-widget="([\w-]+)"')


@pytest.fixture(scope="module")
def zensical_server(zensical_site: Path) -> Iterator[SiteServer]:
    with SiteServer(zensical_site, SITE_PREFIX, port=ZENSICAL_PORT) as running:
        yield running


def tool_pages(site: Path) -> dict[str, str]:
    """{widget name: the first page (path under the site root) that holds it}."""
    pages: dict[str, str] = {}
    for index in sorted(site.rglob("index.html")):
        if "assets/" in index.as_posix():
            continue
        for name in WIDGET.findall(index.read_text()):
            pages.setdefault(name, index.parent.relative_to(site).as_posix() + "/")
    return pages


@pytest.fixture(params=["light", "dark"])
def zensical_page(
    request: pytest.FixtureRequest, browser: Browser, zensical_server: SiteServer
) -> Iterator[Page]:
    with watched(
        new_context(browser, color_scheme=request.param), PageWatch(zensical_server.origin)
    ) as made:
        made.add_init_script(CSP_LISTENER)
        yield made.new_page()


def test_every_tool_reaches_ready_under_the_policy(
    zensical_page: Page, zensical_server: SiteServer, zensical_site: Path
) -> None:
    pages = tool_pages(zensical_site)
    assert len(pages) >= 2, pages
    for name, path in pages.items():
        zensical_page.goto(zensical_server.url + path.removeprefix("./"))
        expect(zensical_page.locator(widget_ready(name)).first).to_be_visible(timeout=60_000)
    assert zensical_page.evaluate("window.__cspViolations") == []


def test_search_shows_styled_results(zensical_page: Page, zensical_server: SiteServer) -> None:
    zensical_page.goto(zensical_server.url + "intimacy/")
    zensical_page.locator("label[for=__search]").first.click()
    zensical_page.keyboard.type("sensate")
    expect(zensical_page.get_by_text("Sensate focus").first).to_be_visible()
    rules = zensical_page.evaluate(
        """() => {
          const host = [...document.querySelectorAll('body *')].find((e) => e.shadowRoot);
          const style = host?.shadowRoot.querySelector('style');
          return style?.sheet ? style.sheet.cssRules.length : 0;
        }"""
    )
    assert rules > 10  # the results' own stylesheet applied, not blocked
    assert zensical_page.evaluate("window.__cspViolations") == []


def test_axe_finds_nothing_at_phone_width(
    zensical_page: Page, zensical_server: SiteServer, zensical_site: Path
) -> None:
    axe = Axe()
    found = []
    for path in ["", "after-a-breakup/no-contact/", *tool_pages(zensical_site).values()]:
        zensical_page.goto(zensical_server.url + path.removeprefix("./"))
        zensical_page.wait_for_load_state("networkidle")
        for root in zensical_page.locator("[data-rekindle-widget]").all():
            expect(root).to_have_attribute("data-state", "ready", timeout=60_000)
        results = axe.run(zensical_page, options=AXE_OPTIONS)
        if results.response["violations"]:
            found.append(describe(path, results.response["violations"]))
    assert not found, "\n".join(found)


NEUTRAL = "https://www.bbc.com/weather"


def test_offline_quick_exit_and_delete_everything_work_as_in_the_mkdocs_build(
    browser: Browser, zensical_server: SiteServer
) -> None:
    watch = PageWatch(zensical_server.origin)
    with watched(new_context(browser), watch) as context:
        context.route(NEUTRAL + "**", lambda route: route.fulfill(body="<h1>Weather</h1>"))
        page = context.new_page()
        page.goto(zensical_server.url + "intimacy/")
        page.evaluate("async () => !!(await navigator.serviceWorker.ready).active")
        page.reload()
        page.wait_for_function("() => !!navigator.serviceWorker.controller")
        page.evaluate(
            "async (url) => { while (!(await caches.match(url))) "
            "await new Promise((ok) => setTimeout(ok, 100)); }",
            zensical_server.url + "safety/",
        )
        context.set_offline(True)
        page.goto(zensical_server.url + "safety/")
        expect(page.locator("h1")).to_contain_text("Safety")
        context.set_offline(False)

        page.goto(zensical_server.url + "privacy/")
        page.locator("#delete-everything[data-state=ready] button").click()
        expect(page.locator("#delete-everything [role=status]")).to_contain_text("Deleted")
        assert page.evaluate("async () => (await caches.keys()).length") == 0

        for _ in range(3):
            page.keyboard.press("Escape")
        page.wait_for_url(NEUTRAL)
        # The neutral site, answered locally: the one request off the site we expect.
        watch.off_origin[:] = [url for url in watch.off_origin if not url.startswith(NEUTRAL)]
