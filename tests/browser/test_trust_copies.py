"""Two copies of the site on one address keep and delete their own data only.

A fork's staging copy at `/rekindle-beta/` beside the real one at `/rekindle/` (GitHub Pages
serves both from one origin) shared the timer's saved names, and "Delete everything" in one
removed the other's data, and another app's `rekindle-notes` key. Every name is now scoped
to the copy's path (kit/scope.js).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.server import SiteServer
from tests.browser.test_offline import wait_for_worker
from tests.browser.test_timer import BOOT, CONVERSATION, open_settings, part, set_field
from tests.browser.trust_kit import STORED, delete_everything, snapshot_state

pytestmark = pytest.mark.browser

BETA = "/rekindle-beta/"
OTHER_APP = "rekindle-notes"  # another app on the address whose name happens to start alike


@pytest.fixture(scope="module")
def two_copies(built_site: Path) -> Iterator[SiteServer]:
    """The site at /rekindle/ and the same site again at /rekindle-beta/, one origin."""
    with SiteServer(built_site, "/rekindle/", also={BETA: built_site}) as running:
        yield running


@pytest.fixture
def visitor(browser: Browser, two_copies: SiteServer) -> Iterator[BrowserContext]:
    with watched(new_context(browser), PageWatch(two_copies.origin)) as made:
        yield made


def remember_name(page: Page, url: str, name: str) -> None:
    page.goto(url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    open_settings(timer)
    set_field(timer, "name_a", name)
    expect(part(timer, "speaker_name")).to_have_text(name)
    timer.locator("[data-rk-remember]").check()
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("saved")


def expect_name(page: Page, url: str, name: str) -> None:
    """Open the copy's timer and wait until it shows `name` (a restore lands after ready)."""
    page.goto(url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(part(timer, "speaker_name")).to_have_text(name, timeout=BOOT)
    if name == "Partner A":  # nothing to restore: nothing of this copy's is stored
        open_settings(timer)
        expect(timer.locator("[data-rk-remember]")).not_to_be_checked()


def ours(stored: dict, path: str) -> dict:
    """What of `stored` (STORED) belongs to the copy at `path`."""
    prefix = f"rekindle {path} "
    return {
        "local": [k for k in stored["local"] if k.startswith(prefix)],
        "caches": [c for c in stored["caches"] if c.startswith(prefix)],
        "workers": [w for w in stored["workers"] if w.endswith(path)],
    }


def test_each_copy_keeps_its_own_names(visitor: BrowserContext, two_copies: SiteServer) -> None:
    main, beta = two_copies.url, two_copies.origin + BETA
    page = visitor.new_page()
    remember_name(page, main, "Robin")
    expect_name(page, beta, "Partner A")  # the other copy sees nothing of it
    remember_name(page, beta, "Sam")
    expect_name(page, main, "Robin")
    expect_name(page, beta, "Sam")


def test_delete_everything_in_one_copy_leaves_the_other_alone(
    visitor: BrowserContext, two_copies: SiteServer
) -> None:
    main, beta = two_copies.url, two_copies.origin + BETA
    page = visitor.new_page()
    remember_name(page, main, "Robin")
    assert snapshot_state(page, "saved", "failed") == "saved"
    wait_for_worker(page)
    remember_name(page, beta, "Sam")
    assert snapshot_state(page, "saved", "failed") == "saved"
    wait_for_worker(page)
    page.evaluate(f"localStorage.setItem({OTHER_APP!r}, 'not ours')")
    before = page.evaluate(STORED)
    assert all(
        ours(before, path)[kind] for path in ("/rekindle/", BETA) for kind in ours(before, "/")
    )

    page.goto(beta + "privacy/")
    status = delete_everything(page)

    after = page.evaluate(STORED)
    assert ours(after, BETA) == {"local": [], "caches": [], "workers": []}
    assert ours(after, "/rekindle/") == ours(before, "/rekindle/")  # untouched
    assert OTHER_APP in after["local"]
    assert "could not be deleted" not in status
    expect_name(page, main, "Robin")
    expect_name(page, beta, "Partner A")
