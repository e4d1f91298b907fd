"""Browser fixtures: the built site served under a sub-path, driven in real Chromium.

Every page a test opens is watched: a request to any other origin, a console error or
warning, or an uncaught page error fails the test at teardown (`page_watch` lists them), so
"nothing leaves the device" and "no console errors" are checked by every browser test. So
is the engine's trimmed standard library: a request for Pyodide's full zip means our code
imported a module the build left out (rekindle.engine.full_stdlib caught it, slowly).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

from rekindle.site.offline import FULL_STDLIB  # Pyodide's own; the engine boots from a trimmed one
from tests.browser.chromium import launch_options
from tests.browser.server import SiteServer
from tests.conftest import SITE_PORT, SITE_PREFIX

pytestmark = pytest.mark.browser

# On a busy 2-core machine an engine round trip can take seconds (a second worker may be
# making the memory snapshot at the time): wait longer than Playwright's 5 s for DOM state.
expect.set_options(timeout=15_000)


@dataclass
class PageWatch:
    """What a page did that a reader would object to."""

    origin: str
    off_origin: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    allowed: list[str] = field(default_factory=list)
    full_stdlib: list[str] = field(default_factory=list)

    def allow(self, fragment: str) -> None:
        """Expect console messages containing `fragment` (a test that breaks things on purpose)."""
        self.allowed.append(fragment)

    def attach(self, context: BrowserContext) -> None:
        context.on("request", self._request)
        context.on("console", self._console)
        context.on("weberror", self._error)

    def _request(self, request) -> None:
        url = request.url
        if not (url.startswith(self.origin) or url.startswith(("data:", "blob:"))):
            self.off_origin.append(url)
        if url.endswith(FULL_STDLIB) and not any(fragment in url for fragment in self.allowed):
            self.full_stdlib.append(url)

    def _console(self, message) -> None:
        expected = any(fragment in message.text for fragment in self.allowed)
        if message.type in ("error", "warning") and not expected:
            self.console.append(f"{message.type}: {message.text}")

    def _error(self, error) -> None:
        text = str(error.error)
        if not any(fragment in text for fragment in self.allowed):
            self.errors.append(text)

    def problems(self) -> list[str]:
        return (
            [f"request off the site: {u}" for u in self.off_origin]
            + [f"the engine needed Pyodide's full stdlib: {u}" for u in self.full_stdlib]
            + self.console
            + [f"page error: {e}" for e in self.errors]
        )


@pytest.fixture(scope="session")
def server(built_site: Path) -> Iterator[SiteServer]:
    with SiteServer(built_site, SITE_PREFIX, port=SITE_PORT) as running:
        yield running


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(**launch_options())
        yield launched
        launched.close()


def new_context(browser: Browser, **options) -> BrowserContext:
    return browser.new_context(viewport={"width": 390, "height": 844}, **options)


@pytest.fixture
def watch(server: SiteServer) -> PageWatch:
    return PageWatch(server.origin)


@contextmanager
def watched(made: BrowserContext, watch: PageWatch) -> Iterator[BrowserContext]:
    """Yield `made` with `watch` on it; then close it and fail on anything it saw."""
    watch.attach(made)
    yield made
    made.close()
    assert not watch.problems(), watch.problems()


@pytest.fixture
def context(browser: Browser, watch: PageWatch) -> Iterator[BrowserContext]:
    with watched(new_context(browser), watch) as made:
        yield made


@pytest.fixture
def page(context: BrowserContext) -> Page:
    return context.new_page()


def wait_for_instant_navigation(page: Page) -> None:
    """After a fresh page load: Material intercepts a link only once its sitemap.xml has
    arrived (its click handler waits on it), so a click before that is a full page load.
    A test that needs instant navigation waits until the page's requests have settled."""
    page.wait_for_load_state("networkidle")


def site_module_call(page: Page, module: str, expression: str) -> object:
    """Evaluate `expression` with `m` bound to one of our page modules, e.g.
    `site_module_call(page, "widgets.js", "m.mountedCount()")`. The module URL is taken
    from the page's own `<script src=".../widgets.js">`, so it works at any depth."""
    return page.evaluate(
        f"""async (module) => {{
            const anchor = document.querySelector('script[src$="assets/rekindle/kit/widgets.js"]');
            const m = await import(new URL(module, anchor.src).href);
            return await ({expression});
        }}""",
        module,
    )
