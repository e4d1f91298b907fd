"""The 404 page, and the offline fallback built from it, load everything from this site.

Built with the local default address and published under a sub-path, the 404 page loaded
its stylesheets and scripts from the origin's root: on GitHub Pages, the account's other
site. The build now refuses that quietly no longer (rekindle.site.address), and the page's
addresses are relative behind one `<base>`, which the offline worker points at its own
scope: so offline, even a copy built with the wrong address stays inside its own path.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.server import SiteServer
from tests.browser.test_offline import wait_for_cached, wait_for_worker
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

MISSING = "no/such/page/here/"
LOADED_STYLES = """() => [...document.querySelectorAll('link[rel="stylesheet"]')]
    .map((link) => [link.href, Boolean(link.sheet)])"""


def outside(requests: list[str], server: SiteServer) -> list[str]:
    """Requests on the site's origin but outside its path: another project's files."""
    return [u for u in requests if u.startswith(server.origin) and not u.startswith(server.url)]


def check_styled_from_the_site(page: Page, server: SiteServer, requests: list[str]) -> None:
    styles = page.evaluate(LOADED_STYLES)
    assert styles, "the 404 page has no stylesheet at all"
    assert all(href.startswith(server.url) and loaded for href, loaded in styles), styles
    assert outside(requests, server) == []


@pytest.fixture(scope="module")
def pages_like(built_site: Path) -> Iterator[SiteServer]:
    """The site as GitHub Pages serves it: a missing address gets the site's 404 page."""
    with SiteServer(built_site, "/rekindle/", not_found_page=True) as running:
        yield running


def test_the_404_page_deep_in_the_site_is_styled_from_the_site(
    browser: Browser, pages_like: SiteServer
) -> None:
    watch = PageWatch(pages_like.origin)
    watch.allow("404")  # the missing page itself answers 404, as it should
    with watched(new_context(browser), watch) as context:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        response = page.goto(pages_like.url + MISSING)
        assert response is not None and response.status == 404
        expect(page.locator("h1").first).to_be_visible()
        page.wait_for_load_state("load")
        check_styled_from_the_site(page, pages_like, requests)
        assert page.evaluate("__md_scope.href") == pages_like.url


@pytest.fixture(scope="module")
def misbuilt(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The site built without an address (the local default), served under /rekindle/."""
    dest = tmp_path_factory.mktemp("misbuilt")
    env = {k: v for k, v in os.environ.items() if k != "REKINDLE_SITE_URL"}
    env["NO_MKDOCS_2_WARNING"] = "1"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--site-dir", str(dest)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "REKINDLE_SITE_URL is not set" in done.stderr  # and it said so
    with SiteServer(dest, "/rekindle/", not_found_page=True) as running:
        yield running


def test_offline_a_misbuilt_copy_still_loads_its_fallback_from_its_own_path(
    browser: Browser, misbuilt: SiteServer
) -> None:
    watch = PageWatch(misbuilt.origin)
    watch.allow("404")
    with watched(new_context(browser), watch) as context:
        page = context.new_page()
        page.goto(misbuilt.url + "about/")
        wait_for_worker(page)
        wait_for_cached(page, [misbuilt.url + "404.html"])
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        context.set_offline(True)
        page.goto(misbuilt.url + MISSING)  # never cached: the worker's fallback
        expect(page.locator("h1").first).to_be_visible()
        page.wait_for_load_state("load")
        check_styled_from_the_site(page, misbuilt, requests)
