"""Framed by another site: the page refuses to work, says why, and the quick exit leaves
the whole tab. (A `<meta>` policy cannot set frame-ancestors, and GitHub Pages sends no
header, so nothing stopped another site from showing these pages inside its own.)"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, FrameLocator, Page, expect

from tests.browser.conftest import PageWatch
from tests.browser.server import SiteServer
from tests.browser.test_timer import CONVERSATION
from tests.browser.trust_kit import NEUTRAL

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def framing(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[SiteServer]:
    """The site, and beside it on the same server another site's folder (`/framer/`), whose
    pages are reached as `localhost`: another origin than the site's `127.0.0.1` (and a
    local one: Chromium lets no public page frame a local address at all)."""
    folder = tmp_path_factory.mktemp("framer")
    with SiteServer(built_site, "/rekindle/", also={"/framer/": folder}) as running:
        for name, path in {
            "page": "breakup-sex/",
            "tool": CONVERSATION,
            "exit": "intimacy/",
        }.items():
            html = (
                "<!doctype html><title>Someone else's site</title><h1>Someone else's site</h1>"
                f'<iframe src="{running.url}{path}" width="380" height="700"></iframe>'
            )
            (folder / f"{name}.html").write_text(html)
        yield running


@pytest.fixture
def framer(context: BrowserContext, watch: PageWatch, framing: SiteServer) -> Iterator[str]:
    """The framing site's address; and the neutral site the quick exit goes to, answered
    locally. Their requests are the ones we expect."""
    framer_url = framing.origin.replace("127.0.0.1", "localhost") + "/framer/"
    watch.origin = framing.origin
    context.route(
        NEUTRAL + "**",
        lambda route: route.fulfill(body="<title>Weather</title>", content_type="text/html"),
    )
    yield framer_url
    watch.off_origin[:] = [u for u in watch.off_origin if not u.startswith((framer_url, NEUTRAL))]


def framed(page: Page, framer: str, path: str) -> FrameLocator:
    page.goto(framer + path)
    frame = page.frame_locator("iframe")
    expect(frame.locator(".rk-framed-note")).to_be_visible()
    return frame


def test_a_framed_page_hides_itself_and_says_why(page: Page, framer: str) -> None:
    frame = framed(page, framer, "page.html")
    expect(frame.locator(".rk-framed-note")).to_contain_text("inside another site's page")
    expect(frame.locator("article, .md-content").first).to_be_hidden()
    expect(frame.locator(".md-header")).to_be_hidden()
    open_alone = frame.get_by_role("link", name="Open this page on its own")
    assert open_alone.get_attribute("target") == "_blank"
    assert "noopener" in (open_alone.get_attribute("rel") or "")


def test_a_framed_tool_never_starts(page: Page, framer: str) -> None:
    frame = framed(page, framer, "tool.html")
    inner = page.frames[1]
    inner.wait_for_load_state("load")
    anchor = "document.querySelector('script[src$=\"assets/rekindle/kit/widgets.js\"]').src"
    mounted = inner.evaluate(
        f"async () => (await import(new URL('widgets.js', {anchor}).href)).mountedCount()"
    )
    assert mounted == 0
    for widget in frame.locator("[data-rekindle-widget]").all():
        expect(widget).not_to_have_attribute("data-state", "ready")
    assert not [w for w in page.workers if "engine-worker" in w.url]


def test_the_quick_exit_in_a_frame_leaves_the_whole_tab(page: Page, framer: str) -> None:
    frame = framed(page, framer, "exit.html")
    exit_link = frame.locator("[data-rk-quick-exit]")
    expect(exit_link).to_be_visible()
    exit_link.click()
    page.wait_for_url(NEUTRAL)  # the tab, not only the frame
    assert page.url == NEUTRAL


def test_unframed_pages_show_no_note(page: Page, server: SiteServer) -> None:
    page.goto(server.url + "intimacy/")
    expect(page.locator(".rk-framed-note")).to_be_hidden()
    expect(page.locator("h1").first).to_be_visible()
