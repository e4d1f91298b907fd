"""Saved answers are never lost: not to a tick made while they are being restored, and not to
an answer changed before the page's scripts had loaded.

Both tests hold something back with a route (the engine's wasm, or the tool's own script), act
as a reader would in that gap, then let go and check what the device keeps across a reload.
"""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, Route, expect

from rekindle.tools.assessment.ops import OPS
from tests.browser.conftest import PageWatch, new_context, watched
from tests.browser.test_assessment import KEY, MINE, READY, ROOT, radio, stored, tool_url

pytestmark = pytest.mark.browser

WASM = "**/pyodide.asm.wasm"
TOOL_SCRIPT = "**/assets/rekindle/assessment/assessment.js*"
CHANGED = "rej-1"
NEW_ANSWER = 1 if MINE[CHANGED] != 1 else 2

READ_ANSWERS = """(root) => {
  const answers = {};
  for (const item of root.querySelectorAll("[data-rk-item]")) {
    const chosen = item.querySelector("input[type=radio]:checked");
    const value = chosen && (chosen.value === "skip" ? null : Number(chosen.value));
    if (chosen) answers[item.dataset.rkItem] = value;
  }
  return answers;
}"""


def saved_text(answers: dict, group_index: int = 0) -> str:
    """What the page itself stores (the engine's own save op makes it)."""
    return json.dumps(OPS["save"]({"answers": answers, "group_index": group_index})["saved"])


def saved_answers(page: Page) -> dict:
    return json.loads(stored(page) or "{}").get("answers", {})


def wait_for(page: Page, held: list[Route]) -> None:
    """Let Playwright deliver the held request to us (each round trip pumps its events)."""
    for _ in range(400):
        if held:
            return
        page.evaluate("0")
    raise AssertionError("the held request never came")


def let_go(context: BrowserContext, pattern: str, held: list[Route]) -> None:
    for route in held:
        route.continue_()
    context.unroute(pattern)


def on_the_page(page: Page) -> dict:
    return page.locator(ROOT).evaluate(READ_ANSWERS)


def test_a_tick_during_the_restore_is_saved_with_everything_restored(
    page: Page, context: BrowserContext, server
) -> None:
    assert len(MINE) == 32
    page.goto(tool_url(server))
    page.wait_for_selector(READY)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, saved_text(MINE, 1)])

    held: list[Route] = []
    context.route(WASM, lambda route: held.append(route))  # the engine cannot finish booting
    page.reload()
    expect(page.locator(ROOT)).to_have_attribute("data-state", "loading")
    expect(page.locator("[data-rk-save]")).to_be_checked()  # restoring: saving stays on
    wait_for(page, held)
    page.check(radio(CHANGED, NEW_ANSWER))  # one tick while the restore waits for the engine
    assert saved_answers(page) == MINE  # nothing written over the saved answers meanwhile

    let_go(context, WASM, held)
    page.wait_for_selector(READY)
    expected = {**MINE, CHANGED: NEW_ANSWER}
    page.wait_for_function(
        "([k, id, v]) => { const s = JSON.parse(localStorage.getItem(k) || '{}');"
        " return s.answers && s.answers[id] === v && Object.keys(s.answers).length === 32; }",
        arg=[KEY, CHANGED, NEW_ANSWER],
    )
    assert saved_answers(page) == expected
    assert on_the_page(page) == expected  # the screen agrees with the device
    expect(page.locator(ROOT)).to_have_attribute("data-rk-step", "0")  # left where they ticked

    page.reload()
    page.wait_for_selector(f'{READY}[data-rk-step="0"]')
    expect(page.locator(radio(CHANGED, NEW_ANSWER))).to_be_checked()
    expect(page.locator(radio("sign-5", MINE["sign-5"]))).to_be_checked()
    assert on_the_page(page) == expected


@pytest.fixture
def no_worker_context(browser: Browser, watch: PageWatch) -> Iterator[BrowserContext]:
    """The offline service worker would serve the tool's script from its cache, out of the
    route's sight: this context has none."""
    watch.allow("Service Worker registration blocked by Playwright")
    with watched(new_context(browser, service_workers="block"), watch) as made:
        yield made


def test_an_answer_changed_before_the_scripts_load_is_saved(
    no_worker_context: BrowserContext, server
) -> None:
    context = no_worker_context
    page = context.new_page()
    page.goto(tool_url(server))
    page.wait_for_selector(READY)
    page.evaluate("([k, v]) => localStorage.setItem(k, v)", [KEY, saved_text(MINE)])

    held: list[Route] = []
    context.route(TOOL_SCRIPT, lambda route: held.append(route))
    page.goto(tool_url(server), wait_until="domcontentloaded")
    wait_for(page, held)
    # The build's own form, before any script of the tool has run: a plain radio to tick.
    expect(page.locator(f"{ROOT}[data-rk-step]")).to_have_count(0)
    page.check(radio(CHANGED, NEW_ANSWER))

    let_go(context, TOOL_SCRIPT, held)
    page.wait_for_selector(READY)
    page.wait_for_function(
        "([k, id, v]) => JSON.parse(localStorage.getItem(k) || '{}').answers?.[id] === v",
        arg=[KEY, CHANGED, NEW_ANSWER],
    )
    assert saved_answers(page) == {**MINE, CHANGED: NEW_ANSWER}

    page.reload()
    page.wait_for_selector(f'{READY}[data-rk-step="0"]')
    expect(page.locator(radio(CHANGED, NEW_ANSWER))).to_be_checked()  # not the old answer back
    assert on_the_page(page) == {**MINE, CHANGED: NEW_ANSWER}
