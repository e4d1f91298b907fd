"""Saved data nested thousands of levels deep is set aside with a plain message, and the
tools carry on; a call that crashed the worker is never sent again.

Before, settings nested about 3,000 levels deep (a few KB, under the size caps) made the
worker die or never answer; the message said "check your connection"; every "Try again"
sent the same call and crashed again; and the data was never set aside.
"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from tests.browser.test_timer import BOOT, CONVERSATION, open_settings, press
from tests.browser.trust_kit import OURS, engine

pytestmark = pytest.mark.browser

ASSESSMENT = "tools/self-assessment/"
TIMER_KEY = OURS + "turn-timer"
ASSESSMENT_KEY = OURS + "barrier-assessment"
SET_ASIDE = ".corrupt"
WORDS = "nested far more deeply"
FIRST_ANSWER = 'input[type="radio"][value="3"]'


def answer_one(tool) -> None:
    """Answer the first statement as a keyboard reader does (the layout of the answer row
    is the questionnaire's own business)."""
    radio = tool.locator(FIRST_ANSWER).first
    radio.focus()
    radio.press("Space")
    expect(radio).to_be_checked()


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def seed(context: BrowserContext, key: str, value: str) -> None:
    """Put `value` under `key` before the site's own scripts run, on the first load only."""
    context.add_init_script(
        f"""if (!sessionStorage.getItem("seeded")) {{
            sessionStorage.setItem("seeded", "1");
            localStorage.setItem({json.dumps(key)}, {json.dumps(value)});
        }}"""
    )


def stored(page: Page, key: str) -> str | None:
    return page.evaluate("(key) => localStorage.getItem(key)", key)


@pytest.mark.parametrize("levels", [3_000, 10_000])
def test_deep_timer_settings_are_set_aside_and_the_timer_works(
    page: Page, context: BrowserContext, server, levels: int
) -> None:
    saved = json.dumps({"format": 1, "settings": "SETTINGS"}).replace('"SETTINGS"', deep(levels))
    seed(context, TIMER_KEY, saved)
    page.goto(server.url + CONVERSATION)
    timer = page.locator('[data-rekindle-widget="turn-timer"]')
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(timer.locator("[data-rk-storage-note]")).to_contain_text(WORDS)
    assert stored(page, TIMER_KEY + SET_ASIDE) == saved  # kept aside, whole
    assert stored(page, TIMER_KEY) is None
    open_settings(timer)
    expect(timer.locator("[data-rk-remember]")).not_to_be_checked()
    press(timer, "toggle")
    expect(timer).to_have_attribute("data-phase", "running")
    expect(timer).to_have_attribute("data-state", "ready")  # it never broke

    # This tab keeps the running session (sessionStorage), the press with it until Python answers.
    page.wait_for_function(
        "() => Object.keys(sessionStorage).some((k) => k.includes('turn-timer.session:'))"
    )
    page.reload()  # and the next visit starts clean, without a word about it
    expect(timer).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(timer).to_have_attribute("data-phase", "running")  # the session this tab kept
    expect(timer.locator("[data-rk-storage-note]")).not_to_contain_text(WORDS)
    assert stored(page, TIMER_KEY) is None
    assert stored(page, TIMER_KEY + SET_ASIDE) == saved


@pytest.mark.parametrize("levels", [3_000, 10_000])
def test_deep_saved_answers_are_set_aside_and_the_questionnaire_works(
    page: Page, context: BrowserContext, server, levels: int
) -> None:
    seed(context, ASSESSMENT_KEY, deep(levels))
    page.goto(server.url + ASSESSMENT)
    tool = page.locator('[data-rekindle-widget="barrier-assessment"]')
    expect(tool).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(tool.locator("[data-rk-keep-note]")).to_contain_text(WORDS)
    assert stored(page, ASSESSMENT_KEY + SET_ASIDE) == deep(levels)
    assert stored(page, ASSESSMENT_KEY) is None
    assert page.locator("[data-rk-save]").is_checked() is False
    answer_one(tool)
    expect(tool).to_have_attribute("data-state", "ready")


@pytest.mark.parametrize("levels", [3_000, 10_000])
def test_the_engine_answers_deep_requests_for_that_call_only(
    page: Page, server, levels: int
) -> None:
    """Defence in depth: a request that skips the page's limits still gets an answer."""
    page.goto(server.url + ASSESSMENT)
    tool = page.locator('[data-rekindle-widget="barrier-assessment"]')
    expect(tool).to_have_attribute("data-state", "ready", timeout=BOOT)
    answer = engine(
        page,
        f"""new Promise((resolve) => {{
            const worker = m.getEngine().worker;
            worker.addEventListener("message", ({{ data }}) => data.id === -1 && resolve(data));
            worker.postMessage({{ type: "call", id: -1, widget: "barrier-assessment",
                                  op: "restore", args: {{ saved: {json.dumps(deep(levels))} }} }});
        }})""",
    )
    assert answer["ok"] is False
    assert (answer["error"]["kind"], answer["error"]["reason"]) == ("invalid", "corrupt")
    assert engine(page, "m.getEngine().state") == "ready"
    answer_one(tool)  # the same worker carries on
    expect(tool).to_have_attribute("data-state", "ready")


# Makes the worker die while a `restore` is in flight, as crafted data once did, and counts
# how often a `restore` is sent.
CRASH_ON_RESTORE = """
window.__restoresSent = 0;
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  post.call(this, message, ...rest);
  if (message?.type === "call" && message.op === "restore") {
    window.__restoresSent += 1;
    queueMicrotask(() => this.dispatchEvent(new ErrorEvent("error", { message: "crashed" })));
  }
};
"""


def test_a_call_that_crashed_the_worker_is_not_sent_again(
    page: Page, context: BrowserContext, server, watch
) -> None:
    seed(context, ASSESSMENT_KEY, json.dumps({"format": 1, "answers": {}}))
    context.add_init_script(CRASH_ON_RESTORE)
    page.goto(server.url + ASSESSMENT)
    tool = page.locator('[data-rekindle-widget="barrier-assessment"]')
    expect(tool).to_have_attribute("data-state", "error", timeout=BOOT)
    expect(tool.locator("[data-rk-keep-note]")).to_contain_text("not tried again")
    status = tool.locator("[data-rk-status]")
    expect(status).to_contain_text("stopped unexpectedly")
    expect(status).not_to_contain_text("connection")  # nothing to do with the network
    assert stored(page, ASSESSMENT_KEY + SET_ASIDE) is not None  # what it was given: aside
    tool.locator("[data-rk-retry]").click()  # one "Try again"
    expect(tool).to_have_attribute("data-state", "ready", timeout=BOOT)
    answer_one(tool)
    expect(tool).to_have_attribute("data-state", "ready")
    assert page.evaluate("window.__restoresSent") == 1
