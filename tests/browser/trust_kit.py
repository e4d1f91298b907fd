"""Helpers the trust tests share (issue: trust on a shared address).

GitHub Pages serves every project of an account from one origin, so these tests play the
other projects: pages under other paths of the same origin, and a second copy of the site.
"""

from __future__ import annotations

from playwright.sync_api import Page

from tests.browser.conftest import site_module_call
from tests.conftest import SITE_PREFIX

OURS = f"rekindle {SITE_PREFIX} "  # every name this copy keeps starts so (kit/scope.js)
SNAPSHOT_CACHE = OURS + "engine-snapshot"
NEUTRAL = "https://www.bbc.com/weather"  # the quick exit's neutral site
SIBLING = "/sibling/"  # another project's pages on the same origin

# Everything of every Rekindle copy a page of the origin can see, by kind.
STORED = """async () => ({
    local: Object.keys(localStorage).sort(),
    session: Object.keys(sessionStorage).sort(),
    caches: (await caches.keys()).sort(),
    databases: (await indexedDB.databases()).map((d) => d.name).sort(),
    workers: (await navigator.serviceWorker.getRegistrations()).map((r) => r.scope).sort(),
})"""


def engine(page: Page, expression: str) -> object:
    """Evaluate `expression` with `m` bound to the page's own engine-client.js module."""
    return site_module_call(page, "engine-client.js", expression)


def wait_until(page: Page, check: str, arg: object = None, timeout_ms: int = 60_000) -> object:
    """Wait in the page until the async JS function `check(arg)` is truthy; return it.

    (`page.wait_for_function` does not await a promise: an async predicate is always truthy.)
    """
    return page.evaluate(
        f"""async ([arg, timeout]) => {{
          const check = {check};
          const end = Date.now() + timeout;
          for (;;) {{
            const value = await check(arg);
            if (value) return value;
            if (Date.now() > end) throw new Error("timed out waiting for " + check);
            await new Promise((resolve) => setTimeout(resolve, 50));
          }}
        }}""",
        [arg, timeout_ms],
    )


def snapshot_state(page: Page, *states: str) -> str:
    """Wait until the page's engine snapshot is in one of `states`; return it."""
    return str(
        engine(
            page,
            f"""(async () => {{
                const want = {list(states)!r};
                for (let i = 0; i < 1200 && !want.includes(m.getEngine().snapshot); i++) {{
                    await new Promise((resolve) => setTimeout(resolve, 50));
                }}
                return m.getEngine().snapshot;
            }})()""",
        )
    )


def delete_everything(page: Page) -> str:
    """Press the privacy page's button (the page is open) and return the status it gives."""
    page.wait_for_selector("#delete-everything[data-state=ready] button")
    page.click("#delete-everything button")
    status = page.locator("#delete-everything [role=status]")
    status.filter(has_text="Deleted").wait_for(timeout=60_000)
    return status.inner_text()
