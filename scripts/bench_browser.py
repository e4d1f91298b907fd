"""Browser measurements: engine ready (cold and warm) and bytes transferred per page.

Engine ready is `performance.now()` (ms since navigation start) when the page's engine can
answer: on the bare page when `runPython("1+1")` returned, on a widget page when the
widget root's `data-state` became "ready" (a MutationObserver installed before navigation).
Cold = a fresh browser context per run (empty HTTP and code caches). Warm = one context per
contender, one unmeasured load, then reloads. Contenders run interleaved (ABCABC...) so
the load on this shared machine hits them alike.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, Page

READY_TIMEOUT_MS = 120_000
VIEWPORT = {"width": 390, "height": 844}

# Stamps the moment any widget root turns ready; the bare page sets window.__rk itself.
WATCH_READY = """
new MutationObserver((records) => {
  for (const r of records) {
    if (r.target.dataset?.rekindleWidget && r.target.dataset.state === "ready") {
      window.__rk ??= { ready: performance.now() };
    }
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-state"] });
"""

COMPRESSED = (".zip", ".whl", ".png", ".jpg", ".woff", ".woff2", ".ico", ".gif", ".webp")


def new_context(browser: Browser) -> BrowserContext:
    """A phone-sized context watching for engine ready.

    `bypass_csp`: the site's CSP forbids eval, which Playwright's wait_for_function needs.
    Lighthouse runs its own Chromium and sees the real CSP.
    """
    context = browser.new_context(viewport=VIEWPORT, bypass_csp=True)
    context.add_init_script(WATCH_READY)
    return context


def block_off_site(context: BrowserContext, origin: str, blocked: list[str]) -> None:
    """Abort requests to other hosts (stock Material's Google Fonts) and list them."""
    def route(route) -> None:
        if route.request.url.startswith(origin):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()
    context.route("**/*", route)


def ready_ms(page: Page) -> float:
    """Wait for the engine and return its ready time; raises on a widget error."""
    return float(ready_result(page)["ready"])


def ready_result(page: Page) -> dict:
    """Wait for the engine and return the page's `window.__rk` (ready time, probe marks)."""
    page.wait_for_function(
        "window.__rk || document.querySelector('[data-rekindle-widget][data-state=error]')",
        timeout=READY_TIMEOUT_MS, polling=20)
    value = page.evaluate("window.__rk")
    if not value or "ready" not in value:
        raise RuntimeError(f"engine failed on {page.url}: {value}")
    return value


def cold_runs(browser: Browser, urls: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Engine ready per contender, each run in a fresh context, interleaved."""
    out: dict[str, list[float]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, url in urls.items():
            context = new_context(browser)
            page = context.new_page()
            page.goto(url)
            out[name].append(ready_ms(page))
            context.close()
    return out


def warm_runs(browser: Browser, urls: dict[str, str], runs: int) -> dict[str, list[float]]:
    """Engine ready per contender on reloads after one unmeasured load, interleaved."""
    got = warm_results(browser, urls, runs)
    return {name: [float(r["ready"]) for r in results] for name, results in got.items()}


def warm_results(browser: Browser, urls: dict[str, str], runs: int) -> dict[str, list[dict]]:
    """warm_runs, keeping each page's whole `window.__rk` (the probes' marks)."""
    pages: dict[str, Page] = {}
    for name, url in urls.items():
        pages[name] = new_context(browser).new_page()
        pages[name].goto(url)
        ready_result(pages[name])
    out: dict[str, list[dict]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, page in pages.items():
            page.reload()
            out[name].append(ready_result(page))
    for page in pages.values():
        page.context.close()
    return out


@dataclass
class Transfer:
    """What one page load moved over the wire (headers + bodies) and its gzip estimate."""

    raw: int = 0
    gzip: int = 0
    requests: int = 0
    engine: int = 0  # of raw: files under assets/pyodide/
    worker_cache: int = 0  # fetched by the service worker itself (precache), not in raw
    blocked: list[str] = field(default_factory=list)


def _count(transfer: Transfer, response) -> None:
    request = response.request
    if response.from_service_worker:  # answered by the service worker: its fetch counts
        return
    try:
        sizes = request.sizes()
        body = response.body()
    except Exception:  # an aborted or evicted response moved nothing we can count
        return
    moved = sizes["responseHeadersSize"] + sizes["responseBodySize"]
    if request.service_worker is not None:
        transfer.worker_cache += moved
        return
    transfer.raw += moved
    transfer.requests += 1
    path = request.url.split("?")[0]
    squeezed = len(body) if path.endswith(COMPRESSED) else len(zlib.compress(body, 6))
    transfer.gzip += sizes["responseHeadersSize"] + squeezed
    if "/assets/pyodide/" in path:
        transfer.engine += moved


def page_bytes(browser: Browser, url: str, origin: str, widget: bool) -> Transfer:
    """Bytes of one cold visit: until network idle and, on a widget page, engine ready."""
    transfer = Transfer()
    context = new_context(browser)
    block_off_site(context, origin, transfer.blocked)
    responses: list = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url, wait_until="networkidle")
    if widget:
        ready_ms(page)
        page.wait_for_load_state("networkidle")
    for response in responses:
        _count(transfer, response)
    context.close()
    return transfer


def all_page_bytes(browser: Browser, base: str, origin: str, pages: list[str],
                   is_widget: Callable[[str], bool]) -> dict[str, Transfer]:
    """page_bytes for each page path under base."""
    return {p: page_bytes(browser, base + p, origin, is_widget(p)) for p in pages}
