""" "Delete everything" stays done: other open tabs hear it, and a snapshot being made is
stopped or deleted again.

Before, a tool open in another tab wrote its names and answers back on its next touch (its
"remember" box stayed ticked), and pressed within about ten seconds of a tool starting, the
31 MB engine snapshot was written after the deletion while the status said deleted.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.test_timer import BOOT, CONVERSATION, open_settings, part, set_field
from tests.browser.trust_kit import OURS, SNAPSHOT_CACHE, delete_everything, engine, snapshot_state

pytestmark = pytest.mark.browser

TIMER_KEY = OURS + "turn-timer"
ASSESSMENT = "tools/self-assessment/"
KEPT = "async (key) => localStorage.getItem(key)"
SNAPSHOT_KEPT = "async (name) => await caches.has(name)"


def timer_with_name(page: Page, url: str, name: str):
    page.goto(url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    open_settings(timer)
    set_field(timer, "name_a", name)
    expect(part(timer, "speaker_name")).to_have_text(name)
    timer.locator("[data-rk-remember]").check()
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("saved")
    return timer


def test_a_tool_open_in_another_tab_stops_keeping(context: BrowserContext, server) -> None:
    tool_tab = context.new_page()
    timer = timer_with_name(tool_tab, server.url, "Robin")
    assessment_tab = context.new_page()
    assessment_tab.goto(server.url + ASSESSMENT)
    assessment = assessment_tab.locator('[data-rekindle-widget="barrier-assessment"]')
    expect(assessment).to_have_attribute("data-state", "ready", timeout=BOOT)
    assessment_tab.locator("[data-rk-save]").evaluate(
        "box => { box.checked = true; box.dispatchEvent(new Event('change', {bubbles: true})); }"
    )
    expect(assessment.locator("[data-rk-keep-note]")).to_contain_text("Saving is on")

    privacy_tab = context.new_page()
    privacy_tab.goto(server.url + "privacy/")
    delete_everything(privacy_tab)

    # The other tabs heard it: boxes unticked, each tool saying what is now true.
    expect(timer.locator("[data-rk-remember]")).not_to_be_checked()
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text("Forgotten")
    expect(assessment_tab.locator("[data-rk-save]")).not_to_be_checked()
    expect(assessment.locator("[data-rk-keep-note]")).to_contain_text("Saving is off")

    # The timer's next touches write nothing back (two round trips: the first one's save,
    # had there been one, is answered before the second change shows).
    set_field(timer, "name_a", "Kim")
    expect(part(timer, "speaker_name")).to_have_text("Kim")
    set_field(timer, "name_b", "Lee")
    expect(timer.locator('[data-rk-starts-label="1"]')).to_have_text("Lee")
    assert tool_tab.evaluate(KEPT, TIMER_KEY) is None
    tool_tab.reload()
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(part(timer, "speaker_name")).to_have_text("Partner A")


def test_a_snapshot_being_made_in_this_tab_is_not_kept(page: Page, server) -> None:
    page.goto(server.url + CONVERSATION)
    expect(page.locator('[data-rekindle-widget="turn-timer"]')).to_have_attribute(
        "data-state", "ready", timeout=BOOT
    )
    assert snapshot_state(page, "making", "saved", "failed") == "making"
    # Instant navigation to the privacy page: the same engine, still making its snapshot.
    page.evaluate(
        "(href) => { const a = document.createElement('a'); a.href = href;"
        " document.querySelector('.md-content').append(a); a.click(); }",
        server.url + "privacy/",
    )
    page.wait_for_url(server.url + "privacy/")
    assert engine(page, "m.getEngine().snapshot") == "making"
    status = delete_everything(page)

    assert engine(page, "m.getEngine().snapshotDone.then(() => m.getEngine().snapshot)") == (
        "forgotten"
    )
    assert page.evaluate(SNAPSHOT_KEPT, SNAPSHOT_CACHE) is False
    assert "could not be deleted" not in status
    # This tab keeps nothing more: a new page load makes no snapshot and no offline copy.
    page.goto(server.url + CONVERSATION)
    expect(page.locator('[data-rekindle-widget="turn-timer"]')).to_have_attribute(
        "data-state", "ready", timeout=BOOT
    )
    assert snapshot_state(page, "forgotten", "making", "saved") == "forgotten"
    assert page.evaluate(SNAPSHOT_KEPT, SNAPSHOT_CACHE) is False
    assert page.evaluate("navigator.serviceWorker.getRegistrations()") == []


def test_a_snapshot_being_made_in_another_tab_is_not_kept(context: BrowserContext, server) -> None:
    tool_tab = context.new_page()
    tool_tab.goto(server.url + CONVERSATION)
    expect(tool_tab.locator('[data-rekindle-widget="turn-timer"]')).to_have_attribute(
        "data-state", "ready", timeout=BOOT
    )
    assert snapshot_state(tool_tab, "making", "saved", "failed") == "making"
    privacy_tab = context.new_page()
    privacy_tab.goto(server.url + "privacy/")
    delete_everything(privacy_tab)

    done = "m.getEngine().snapshotDone.then(() => m.getEngine().snapshot)"
    assert engine(tool_tab, done) == "forgotten"
    assert tool_tab.evaluate(SNAPSHOT_KEPT, SNAPSHOT_CACHE) is False
