"""Helpers for the pause and journal's browser tests: a watched context in one time zone, a
fake clock set to the reader's local day, and the steps a reader takes on the page.

Expected words come from the Python ops themselves (the code the page runs in Pyodide), so
the tests check that the page shows what the engine decided, not a second copy of the rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from playwright.sync_api import Browser, BrowserContext, Locator, Page, expect

from tests.browser.conftest import PageWatch, new_context, watched
from tests.pure.pause_support import call

ZONE = "Europe/London"
TOOL_PAGE = "tools/pause-journal/"
NO_CONTACT_PAGE = "after-a-breakup/no-contact/"
ROOT = '[data-rekindle-widget="no-contact-pause"]'
BOOT = 60_000  # generous: Chromium contexts boot Pyodide at once on 2 shared cores


def local_ms(day: date, hour: int = 9, minute: int = 0) -> int:
    """Epoch ms of a local time in ZONE (the context's zone)."""
    moment = datetime(day.year, day.month, day.day, hour, minute, tzinfo=ZoneInfo(ZONE))
    return int(moment.timestamp() * 1000)


@contextmanager
def pause_context(browser: Browser, watch: PageWatch, **options: Any) -> Iterator[BrowserContext]:
    """A watched phone-sized context whose clock reads ZONE's local time."""
    with watched(new_context(browser, timezone_id=ZONE, **options), watch) as made:
        yield made


def start_clock(page: Page, day: date, hour: int = 9) -> None:
    """Fake time from `day` on (it keeps running; timers fire as time passes)."""
    page.clock.install(time=local_ms(day, hour) / 1000)


def go_to_day(page: Page, day: date, hour: int = 9) -> None:
    """Move the page's clock to another day, as a reader opening the page days later."""
    page.clock.set_system_time(local_ms(day, hour) / 1000)


def tool(page: Page) -> Locator:
    return page.locator(ROOT)


def open_tool(page: Page, server: Any, path: str = TOOL_PAGE) -> Locator:
    """Load the page and wait until the tool is ready and has shown its first view."""
    page.goto(server.url + path)
    root = tool(page)
    expect(root).to_have_attribute("data-state", "ready", timeout=BOOT)
    expect(root).to_have_attribute("data-rk-today", re.compile(r"\d{4}-\d\d-\d\d"), timeout=BOOT)
    return root


def headline(root: Locator) -> Locator:
    return root.locator("[data-rk-headline]")


def message(root: Locator, field: str) -> Locator:
    return root.locator(f'[data-rk-message="{field}"]')


def form_note(root: Locator, form: str) -> Locator:
    return root.locator(f"[data-rk-{form}] [data-rk-form-note]")


def save_plan(
    root: Locator,
    *,
    start: str = "",
    length: str = "",
    safety: bool = False,
    situation: str = "",
    open_ended: bool = False,
) -> None:
    root.locator("#rk-pause-start").fill(start)
    root.locator("#rk-pause-length").fill(length)
    root.locator("#rk-pause-safety").set_checked(safety)
    root.locator("#rk-pause-open_ended").set_checked(open_ended)
    root.locator(f"#rk-pause-situation-{situation}").check()
    root.locator("[data-rk-plan] button[type=submit]").click()


def add_entry(root: Locator, text: str, *, tags: tuple[str, ...] = (), prompt: bool = True) -> None:
    """Write an entry and wait until the page says it was added."""
    root.locator("[data-rk-use-prompt]").set_checked(prompt)
    root.locator("[data-rk-entry]").fill(text)
    if tags:
        details = root.locator("details.rk-pause__tags")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        for tag in tags:
            root.locator(f"#rk-pause-tag-{tag}").check()
    note = form_note(root, "journal")
    before = root.locator("[data-rk-entries] > li").count()
    kept = root.locator("[data-rk-keep]").is_checked()
    writes = saved_count(root)
    root.get_by_role("button", name="Add to my journal").click()
    expect(root.locator("[data-rk-entries] > li")).to_have_count(before + 1)
    expect(note).to_contain_text("Added to your journal")
    if kept:  # wait until it is written, so no call is in flight when a test moves the clock
        expect(root).to_have_attribute(
            "data-rk-saved", re.compile(rf"^({writes + 1}|{writes + 2})$")
        )


def keep_on_device(root: Locator) -> None:
    root.locator("[data-rk-keep]").check()
    expect(root).to_have_attribute("data-rk-saved", re.compile(r"\d+"))


def saved_count(root: Locator) -> int:
    return int(root.get_attribute("data-rk-saved") or 0)


def wait_saved_after(root: Locator, count: int) -> None:
    """Wait until the tool has written to the device more than `count` times."""
    expect(root).not_to_have_attribute("data-rk-saved", str(count) if count else "x")
    expect(root).to_have_attribute("data-rk-saved", re.compile(r"\d+"))


def expected_counter(today: date, **plan: Any) -> dict[str, Any]:
    """The counter the engine shows for a plan (start 1 March 2026, 30 days by default)."""
    fields = {"start": "2026-03-01", "length": 30, **plan}
    state = call("set_plan", state=None, today=today.isoformat(), **fields)["state"]
    return call("view", state=state, today=today.isoformat())["view"]["counter"]


def entry_texts(root: Locator) -> list[str]:
    """The words of every past entry, newest first (each unfolded to read it)."""
    texts = []
    for item in root.locator("[data-rk-entries] > li").all():
        details = item.locator("details")
        if details.get_attribute("open") is None:
            details.locator("summary").click()
        texts.append(item.locator(".rk-pause__words").inner_text())
    return texts


VAULT_JS = """async ([op, text]) => {
    const anchor = document.querySelector('script[src$="assets/rekindle/kit/widgets.js"]');
    const m = await import(new URL("../pause/vault.js", anchor.src).href);
    const vault = new m.Vault();
    try {
        if (op === "read") return await vault.read(m.JOURNAL);
        if (op === "aside") return await vault.read(m.ASIDE);
        if (op === "write") return await vault.write(m.JOURNAL, text);
        if (op === "name") return m.DB_NAME;
    } finally {
        vault.close();
    }
}"""


def stored(page: Page, what: str = "read") -> str | None:
    """The journal record as this browser keeps it (or the one set aside)."""
    return page.evaluate(VAULT_JS, [what, None])


def store(page: Page, text: str) -> None:
    """Write a journal record straight into this browser's storage, as damage would."""
    page.evaluate(VAULT_JS, ["write", text])


def set_lock(root: Locator, passphrase: str) -> str:
    """Set a passphrase lock; return the recovery code the page shows once."""
    root.get_by_role("button", name="Set a passphrase").click()
    root.locator("#rk-pause-new-passphrase").fill(passphrase)
    root.locator("#rk-pause-new-repeat").fill(passphrase)
    root.locator("#rk-pause-understand").check()
    root.get_by_role("button", name="Set the lock").click()
    code = root.locator("[data-rk-recovery-code]")
    expect(code).to_be_focused(timeout=BOOT)
    return code.inner_text()


def unlock(root: Locator, secret: str) -> None:
    form = root.locator("[data-rk-unlock]")
    expect(form).to_be_visible()
    form.locator("#rk-pause-passphrase").fill(secret)
    form.get_by_role("button", name="Unlock").click()


def wait_until(page: Page, check: str, arg: object = None, tries: int = 5000) -> None:
    """Wait in the page until the async JS function `check(arg)` is truthy
    (`page.wait_for_function` does not await a promise). Counts tries, not time, and yields
    through a MessageChannel: the fake clock freezes timers and animation frames."""
    page.evaluate(
        f"""async ([arg, tries]) => {{
          const check = {check};
          const pause = () => new Promise((resolve) => {{
            const channel = new MessageChannel();
            channel.port1.onmessage = resolve;
            channel.port2.postMessage(null);
          }});
          for (let n = 0; !(await check(arg)); n++) {{
            if (n > tries) throw new Error("gave up waiting");
            await pause();
          }}
        }}""",
        [arg, tries],
    )


READ_STORED = """async () => {
    const a = document.querySelector('script[src$="assets/rekindle/kit/widgets.js"]');
    const m = await import(new URL("../pause/vault.js", a.src).href);
    const v = new m.Vault(); const t = await v.read(m.JOURNAL); v.close(); return t;
}"""


def wait_stored(page: Page, test: str, arg: object = None) -> None:
    """Wait until the kept record passes `test`, a JS expression over `t` (its text) and `arg`."""
    wait_until(page, f"async (arg) => {{ const t = await ({READ_STORED})(); return {test}; }}", arg)
