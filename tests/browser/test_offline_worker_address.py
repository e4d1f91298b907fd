"""A worker script answered from the offline copy keeps the address it was asked for.

A worker takes its location from its script's response. The offline copy stores each file
under its address without a query, so an answer straight from the cache would tell
Material's search gate (`rekindle-search.js?worker=...`) that it has no `?worker=`, and the
gate would import itself ("Identifier 'CHANNEL' has already been declared") instead of
Material's search.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page

from tests.browser.server import SiteServer
from tests.browser.test_offline import wait_for_worker, wait_until

pytestmark = pytest.mark.browser

GATE = "assets/javascripts/workers/rekindle-search.js"


def test_a_cached_file_asked_for_with_a_query_answers_at_that_address(
    page: Page, server: SiteServer
) -> None:
    page.goto(server.url + "about/")
    wait_for_worker(page)
    page.reload()
    wait_until(page, "async () => !!navigator.serviceWorker.controller")
    cached = server.url + GATE
    wait_until(page, "async (url) => !!(await caches.match(url))", cached)
    asked = cached + "?worker=search.js"
    answered = page.evaluate("async (url) => (await fetch(url)).url", asked)
    assert answered == asked
