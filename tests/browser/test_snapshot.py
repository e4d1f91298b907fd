"""The memory snapshot: made after a first visit, used by the next, and never a dead end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from rekindle.site.vendor import STDLIB_INFO, pinned_pyodide_version
from tests.browser.conftest import site_module_call
from tests.browser.test_timer import BOOT, CONVERSATION, part, press
from tests.conftest import SITE_PREFIX

pytestmark = pytest.mark.browser
SNAPSHOT_CACHE = f"rekindle {SITE_PREFIX} engine-snapshot"  # kit/scope.js

SNAPSHOT_SETTLED = """(async () => {
    for (let i = 0; i < 1200 && !["saved", "failed"].includes(m.getEngine().snapshot); i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return m.getEngine().snapshot;
})()"""


def engine(page: Page, expression: str) -> object:
    return site_module_call(page, "engine-client.js", expression)


def visit(page: Page, url: str):
    page.goto(url)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    return timer


def test_a_second_visit_starts_from_the_snapshot_the_first_left(page: Page, server) -> None:
    visit(page, server.url + CONVERSATION)
    assert engine(page, "m.getEngine().restored") is False
    assert engine(page, SNAPSHOT_SETTLED) == "saved"

    timer = visit(page, server.url + CONVERSATION)  # a new page load, same browser
    assert engine(page, "m.getEngine().restored") is True
    assert engine(page, "m.getEngine().snapshot") == "none"  # nothing more to make
    press(timer, "toggle")
    press(timer, "next")
    expect(part(timer, "speaker_name")).to_have_text("Partner B")


def test_making_the_snapshot_neither_downloads_nor_compiles_the_wasm_again(
    page: Page, context: BrowserContext, server
) -> None:
    wasm: list[str] = []
    context.on(
        "request",
        lambda request: (
            request.url.endswith("/pyodide.asm.wasm")
            and not request.service_worker
            and wasm.append(request.url)
        ),
    )
    visit(page, server.url + CONVERSATION)
    assert engine(page, SNAPSHOT_SETTLED) == "saved"
    assert len(wasm) == 1  # the engine's own; the snapshot maker got its compiled module


def snapshot_key(server, built_site: Path) -> str:
    """The Cache Storage key engine-worker.js gives its snapshot (Pyodide + stdlib zip)."""
    folder = f"assets/pyodide/{pinned_pyodide_version()}/"
    lock = json.loads((built_site / folder / "pyodide-lock.json").read_text())
    return f"{server.url}{folder}memory-snapshot-v2/{lock['info'][STDLIB_INFO]['file_name']}"


def test_a_snapshot_that_will_not_restore_falls_back_to_a_normal_start(
    page: Page, context: BrowserContext, server, built_site: Path, watch
) -> None:
    watch.allow("")  # Pyodide reports the failed restore on the console before we recover
    page.goto(server.url + "breakup-sex/")  # any page of the site, for its origin
    page.evaluate(
        """async ([name, key]) => {
        const cache = await caches.open(name);
        await cache.put(key, new Response(new Uint8Array(4096).fill(7)));
    }""",
        [SNAPSHOT_CACHE, snapshot_key(server, built_site)],
    )
    timer = visit(page, server.url + CONVERSATION)
    assert engine(page, "m.getEngine().restored") is False
    assert engine(page, "m.getEngine().restarts") == 1
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    assert engine(page, SNAPSHOT_SETTLED) == "saved"  # and a good one replaces it
