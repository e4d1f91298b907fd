"""Another project on the same address cannot plant files in the offline copy.

On GitHub Pages every project of an account shares one origin, so a page of a sibling
project can write into this site's Cache Storage. It did: its own HTML under one of our page
addresses, served by the cache-first worker on the next visit (with no policy, reading the
saved answers), and an engine file (`pyodide.mjs`) that ran in the engine worker and was
carried into the new cache at the next deploy. Here a sibling page at `/sibling/` does just
that, and the next visit gets the real files: sw.js serves and keeps only bytes that match
the SHA-256 the build wrote into it.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from rekindle.site.offline import write_service_worker
from rekindle.site.vendor import pinned_pyodide_version
from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.server import SiteServer
from tests.browser.test_offline import engine_paths, wait_for_cached, wait_for_worker
from tests.browser.test_timer import BOOT, CONVERSATION, press
from tests.browser.trust_kit import SIBLING, wait_until

pytestmark = pytest.mark.browser

PAGE = "about/"
PLANTED_PAGE = "<!doctype html><title>Planted</title><h1>PLANTED by a sibling</h1>"
PLANTED_ENGINE = 'export async function loadPyodide() { throw new Error("PLANTED engine"); }'
ENGINE_FILE = f"assets/pyodide/{pinned_pyodide_version()}/pyodide.mjs"

# Run in a page of the sibling project: write `files` over every cache that looks like a
# copy of Rekindle's, as the sibling did. Returns the caches it wrote into.
PLANT = """async ([site, files]) => {
    const names = (await caches.keys()).filter((name) => name.startsWith("rekindle "));
    for (const name of names) {
        const cache = await caches.open(name);
        for (const [path, body, type] of files) {
            await cache.put(site + path, new Response(body, { headers: { "Content-Type": type } }));
        }
    }
    return names;
}"""
CACHED_TEXT = """async (url) => {
    for (const name of await caches.keys()) {
        const hit = await (await caches.open(name)).match(url);
        if (hit) return await hit.text();
    }
    return null;
}"""

# A cache holds `url` again, and not the planted bytes (`want`: exactly these, if given).
KEPT_GENUINE = f"""async ([url, want]) => {{
    const text = await ({CACHED_TEXT})(url);
    return text !== null && !text.includes("PLANTED") && (want === null || text === want);
}}"""
NEW_OFFLINE_CACHE = """async (old) => {
    const names = (await caches.keys()).filter((name) => name.includes(" offline "));
    return names.length === 1 && names[0] !== old && names[0];
}"""


@pytest.fixture
def own_site(built_site: Path, tmp_path: Path) -> Iterator[tuple[Path, SiteServer]]:
    """A private copy of the site (hard links: cheap) so a test can redeploy it, and the
    sibling project's folder beside it on the same origin."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, copy_function=os.link)
    sibling = tmp_path / "sibling"
    sibling.mkdir()
    page = '<!doctype html><title>A sibling project</title><link rel="icon" href="data:,">'
    (sibling / "index.html").write_text(page)
    with SiteServer(site, "/rekindle/", also={SIBLING: sibling}) as running:
        yield site, running


@pytest.fixture
def visitor(browser: Browser, own_site: tuple[Path, SiteServer]) -> Iterator[BrowserContext]:
    watch = PageWatch(own_site[1].origin)
    watch.allow("PLANTED")  # the planted engine file may be named when it is refused
    watch.allow("status of 503")  # the honest offline page is a 503, which Chromium logs
    with watched(new_context(browser), watch) as made:
        yield made


def plant(page: Page, server: SiteServer, files: list[tuple[str, str, str]]) -> None:
    page.goto(server.origin + SIBLING)
    assert page.evaluate(PLANT, [server.url, files]), "no offline copy to plant into"


def cached_text(page: Page, url: str) -> str | None:
    return page.evaluate(CACHED_TEXT, url)


def test_a_page_planted_by_a_sibling_is_never_served(
    visitor: BrowserContext, own_site: tuple[Path, SiteServer]
) -> None:
    _, server = own_site
    page = visitor.new_page()
    page.goto(server.url + PAGE)
    wait_for_worker(page)
    wait_for_cached(page, [server.url + PAGE])
    real = page.locator("h1").first.inner_text()

    plant(page, server, [(PAGE, PLANTED_PAGE, "text/html")])
    page.goto(server.url + PAGE)
    expect(page.locator("h1").first).to_have_text(real)
    # The planted copy was thrown away and the genuine page kept in its place.
    wait_until(page, KEPT_GENUINE, [server.url + PAGE, None])

    plant(page, server, [(PAGE, PLANTED_PAGE, "text/html")])
    visitor.new_cdp_session(page).send("Network.clearBrowserCache")  # no HTTP-cached copy
    visitor.set_offline(True)
    page.goto(server.url + PAGE)  # offline: no genuine copy to be had, so plain words
    expect(page.locator("h1")).to_have_text("This page is not available offline")
    assert "PLANTED" not in page.content()
    visitor.set_offline(False)
    page.goto(server.url + PAGE)
    expect(page.locator("h1").first).to_have_text(real)


def test_an_engine_file_planted_by_a_sibling_never_runs(
    visitor: BrowserContext, own_site: tuple[Path, SiteServer]
) -> None:
    site, server = own_site
    page = visitor.new_page()
    page.goto(server.url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    wait_for_worker(page)
    wait_for_cached(page, [server.url + path for path in engine_paths(site)])

    plant(page, server, [(ENGINE_FILE, PLANTED_ENGINE, "text/javascript")])
    served: list[bool] = []
    visitor.on(
        "response",
        lambda r: (
            r.url.endswith(ENGINE_FILE)
            and r.request.service_worker is None  # the worker's own fetch from the network
            and served.append(r.from_service_worker)
        ),
    )
    page.goto(server.url + CONVERSATION)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    assert served and all(served), served  # it did go through the offline worker
    genuine = (site / ENGINE_FILE).read_text()
    wait_until(page, KEPT_GENUINE, [server.url + ENGINE_FILE, genuine])


def redeploy(site: Path) -> None:
    """A new deploy: one page changed, and the build's last step run again."""
    target = site / PAGE / "index.html"
    html = target.read_text()
    target.unlink()  # never write through a hard link into the session's site
    target.write_text(html.replace("</h1>", " (second edition)</h1>", 1))
    (site / "sw.js").unlink()
    write_service_worker(site)


def test_a_planted_engine_file_is_not_carried_into_the_next_deploy(
    visitor: BrowserContext, own_site: tuple[Path, SiteServer]
) -> None:
    site, server = own_site
    page = visitor.new_page()
    page.goto(server.url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    wait_for_worker(page)
    wait_for_cached(page, [server.url + path for path in engine_paths(site)])
    (old,) = [name for name in page.evaluate("caches.keys()") if " offline " in name]

    plant(page, server, [(ENGINE_FILE, PLANTED_ENGINE, "text/javascript")])
    redeploy(site)
    page.goto(server.url + PAGE)  # the browser re-checks sw.js on every navigation
    new = wait_until(page, NEW_OFFLINE_CACHE, old)
    carried = page.evaluate(
        "async ([name, url]) => (await (await caches.open(name)).match(url))?.text() ?? null",
        [new, server.url + ENGINE_FILE],
    )
    assert carried is None or "PLANTED" not in carried
    page.goto(server.url + CONVERSATION)
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
