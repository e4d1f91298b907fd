"""The Content-Security-Policy holds on every page: no violations, and both tools run under it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page

from tests.browser.conftest import PageWatch, new_context, wait_for_instant_navigation, watched
from tests.browser.server import SiteServer
from tests.browser.site_pages import CSP_LISTENER, TOOL_PAGES, sitemap_paths, widget_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def instant_server(server: SiteServer) -> SiteServer:
    """The shared server: its build's site_url is where it is served, so Material's instant
    navigation (which only intercepts links listed in sitemap.xml) is on."""
    return server


@pytest.fixture
def csp_page(context: BrowserContext) -> Page:
    context.add_init_script(CSP_LISTENER)
    return context.new_page()


@pytest.fixture
def instant_page(browser: Browser, instant_server: SiteServer) -> Iterator[Page]:
    """A watched page on the instant-navigation site, collecting CSP violations."""
    with watched(new_context(browser), PageWatch(instant_server.origin)) as made:
        made.add_init_script(CSP_LISTENER)
        yield made.new_page()


def violations(page: Page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_every_page_carries_the_policy_before_any_script(built_site: Path) -> None:
    for path in sorted(built_site.rglob("*.html")):
        if "assets/pyodide" in path.as_posix():
            continue
        html = path.read_text()
        meta = html.find('http-equiv="Content-Security-Policy"')
        assert 0 < meta < html.find("<script"), path


def test_no_violation_on_any_page_of_the_sitemap(
    csp_page: Page, server: SiteServer, built_site: Path
) -> None:
    paths = sitemap_paths(built_site)
    assert len(paths) >= 20
    for path in paths:
        csp_page.goto(server.url + path)
        csp_page.wait_for_selector("h1")
        csp_page.wait_for_load_state("load")
        assert violations(csp_page) == [], path


def test_no_violation_across_instant_navigation(
    instant_page: Page, instant_server: SiteServer, built_site: Path
) -> None:
    server, csp_page = instant_server, instant_page
    csp_page.goto(server.url)
    wait_for_instant_navigation(csp_page)
    csp_page.evaluate("window.__sameDocument = true")
    for path in sitemap_paths(built_site)[1:]:
        # Material intercepts same-site links: go the way a reader's click goes.
        csp_page.evaluate(
            "(href) => { const a = document.createElement('a'); a.href = href;"
            " document.querySelector('.md-content').append(a); a.click(); }",
            server.url + path,
        )
        csp_page.wait_for_url(server.url + path)
        csp_page.wait_for_function("(p) => location.pathname.endsWith(p)", arg=path)
        csp_page.wait_for_selector("h1")
        assert csp_page.evaluate("window.__sameDocument") is True, "instant navigation was off"
    assert violations(csp_page) == []


@pytest.mark.parametrize("path", sorted(TOOL_PAGES))
def test_tool_reaches_ready_under_the_policy(csp_page: Page, server: SiteServer, path: str) -> None:
    csp_page.goto(server.url + path)
    csp_page.wait_for_selector(widget_ready(TOOL_PAGES[path]), timeout=30_000)
    assert violations(csp_page) == []


def test_tools_reach_ready_after_instant_navigation(
    instant_page: Page, instant_server: SiteServer
) -> None:
    server, csp_page = instant_server, instant_page
    csp_page.goto(server.url)
    wait_for_instant_navigation(csp_page)
    csp_page.evaluate("window.__sameDocument = true")
    for path, name in TOOL_PAGES.items():
        csp_page.evaluate(
            "(href) => { const a = document.createElement('a'); a.href = href;"
            " document.querySelector('.md-content').append(a); a.click(); }",
            server.url + path,
        )
        csp_page.wait_for_selector(widget_ready(name), timeout=30_000)
    assert csp_page.evaluate("window.__sameDocument") is True
    assert violations(csp_page) == []
