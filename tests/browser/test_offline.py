"""Offline: after one online visit to a tool page, every page and both tools work offline.

"One visit" here means: one page load online (any page) that lets the service worker
install, which precaches every page, stylesheet, script and the search index; plus, for the
tools, one tool page whose engine reached "ready" online (it then caches the whole engine,
so the *other* tool works offline too).
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page

from rekindle.site.offline import engine_list
from tests.browser.server import SiteServer
from tests.browser.site_pages import TOOL_PAGES, sitemap_paths, widget_ready

pytestmark = pytest.mark.browser

CACHE_NAMES = "async () => await caches.keys()"
CACHED_URLS = """async () => {
  const out = [];
  for (const name of await caches.keys())
    for (const request of await (await caches.open(name)).keys()) out.push(request.url);
  return out;
}"""


def engine_paths(site: Path) -> list[str]:
    """The engine files the worker keeps after a tool's first start (all but Pyodide's full
    standard library, which the engine does not boot from)."""
    base = site / "assets" / "pyodide"
    kept = engine_list([p.relative_to(site).as_posix() for p in base.rglob("*") if p.is_file()])
    assert kept and not [path for path in kept if path.endswith("/python_stdlib.zip")]
    return sorted(kept)


def wait_until(page: Page, check: str, arg: object = None, timeout_ms: int = 60_000) -> None:
    """Wait in the page until the async JS function `check(arg)` is truthy.

    (`page.wait_for_function` does not await a promise: an async predicate is always truthy.)
    """
    page.evaluate(
        f"""async ([arg, timeout]) => {{
          const check = {check};
          const end = Date.now() + timeout;
          while (!(await check(arg))) {{
            if (Date.now() > end) throw new Error("timed out waiting for " + check);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }}
        }}""",
        [arg, timeout_ms],
    )


def wait_for_cached(page: Page, urls: list[str]) -> None:
    wait_until(
        page,
        f"async (want) => {{ const have = new Set(await ({CACHED_URLS})());"
        " return want.every((u) => have.has(u)); }",
        urls,
    )


def wait_for_worker(page: Page) -> None:
    wait_until(page, "async () => !!(await navigator.serviceWorker.ready).active")


def test_a_text_only_visit_fetches_no_engine_byte(
    context: BrowserContext, page: Page, server: SiteServer
) -> None:
    requested: list[str] = []
    context.on("request", lambda request: requested.append(request.url))
    page.goto(server.url + "intimacy/affection/")
    wait_for_worker(page)
    wait_for_cached(page, [server.url + "privacy/", server.url + "search/search_index.json"])
    assert not [url for url in requested if "/assets/pyodide/" in url]
    assert not [url for url in page.evaluate(CACHED_URLS) if "/assets/pyodide/" in url]


def test_after_one_tool_visit_everything_works_offline(
    context: BrowserContext, page: Page, server: SiteServer, built_site: Path
) -> None:
    page.goto(server.url + "after-a-breakup/the-conversation/")
    page.wait_for_selector(widget_ready("turn-timer"), timeout=30_000)
    wait_for_worker(page)
    wait_for_cached(page, [server.url + path for path in engine_paths(built_site)])

    context.set_offline(True)
    paths = sitemap_paths(built_site)
    for path in paths:
        page.goto(server.url + path)
        assert page.locator("h1").first.inner_text().strip(), path
    for path, name in TOOL_PAGES.items():
        page.goto(server.url + path)
        page.wait_for_selector(widget_ready(name), timeout=30_000)
    assert len(paths) >= 20


@pytest.fixture
def own_site(built_site: Path, tmp_path: Path) -> Iterator[tuple[Path, SiteServer]]:
    """A private copy of the site (hard links: cheap), so a test can redeploy it."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, copy_function=os.link)
    with SiteServer(site, "/rekindle/") as running:
        yield site, running


def redeploy(site: Path, page: str, old: str, new: str) -> None:
    """Change a page, then run the build's last step again, as a new deploy would."""
    from rekindle.site.offline import write_service_worker

    target = site / page
    html = target.read_text()
    target.unlink()  # never write through a hard link into the session's site
    target.write_text(html.replace(old, new))
    (site / "sw.js").unlink()
    write_service_worker(site)


def test_a_new_deploy_replaces_the_old_cache(browser, own_site) -> None:
    site, server = own_site
    context = browser.new_context()
    page = context.new_page()
    page.goto(server.url + "about/")
    wait_for_worker(page)
    wait_for_cached(page, [server.url + "about/"])
    (old_name,) = page.evaluate(CACHE_NAMES)

    redeploy(site, "about/index.html", "</h1>", " (second edition)</h1>")
    page.goto(server.url + "about/")  # the browser re-checks sw.js on every navigation
    wait_until(
        page,
        "async (old) => { const names = await caches.keys();"
        " return names.length === 1 && names[0] !== old; }",
        old_name,
    )
    page.reload()
    assert "(second edition)" in page.locator("h1").first.inner_text()
    context.close()
