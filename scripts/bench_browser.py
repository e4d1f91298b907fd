"""Browser measurements: engine ready (cold and warm) and bytes transferred per page.

Engine ready is `performance.now()` (ms since navigation start) when the page's engine can
answer: on the bare page when `runPython("1+1")` returned, on a widget page when the
widget root's `data-state` became "ready" (a MutationObserver installed before navigation).
Cold = a fresh browser context per run (empty HTTP and code caches, no memory snapshot).
Warm = one context per contender, one unmeasured load, then reloads. Contenders run
interleaved (ABCABC...) so the load on this shared machine hits them alike.

The memory snapshot: after a boot without one, the engine makes one in idle time, after
ready, in a second worker (`getEngine().snapshot` goes "scheduled", "making", then "saved"
or "failed"). After every engine ready the driver reads the page's engine (`restored`,
`snapshot`, `bootMs`) and, when a snapshot is on its way, waits until it is saved or failed:
so a warm context's reloads restore it, the time it took is recorded (the first visit's
background cost, never part of engine ready), and no snapshot worker is still running when
the next contender is measured. A "no snapshot" contender empties the snapshot's Cache
Storage before each reload, so each of its reloads boots as a first visit would (with warm
HTTP and code caches); its page is also refused the snapshot maker's worker (so the snapshot
goes "failed" at once, after ready: the bench need not wait seconds for a snapshot it
deletes).
"""

from __future__ import annotations

import gzip
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field

from playwright.sync_api import Browser, BrowserContext, Page

READY_TIMEOUT_MS = 120_000
# engine-worker.js's Cache Storage name, for a site served at /rekindle/ (kit/scope.js)
SNAPSHOT_CACHE = "rekindle /rekindle/ engine-snapshot"

# The page's engine, read through the same module instance the page uses (a dynamic import
# of the URL the page loaded engine-client.js from). With `settle`, waits (polling: Playwright
# would not await an async predicate in wait_for_function) until a scheduled snapshot is
# saved or failed. With `size`, also reads the stored snapshot's byte length. null on a page
# without our engine (the bare page).
ENGINE_INFO = """async ({ settle, size, timeoutMs, cache }) => {
  const url = performance.getEntriesByType("resource").map((e) => e.name)
    .find((name) => /\\/engine-client\\.js(\\?|$)/.test(name));
  if (!url) return null;
  const engine = (await import(url)).getEngine();
  const end = performance.now() + timeoutMs;
  const pending = () => ["scheduled", "making"].includes(engine.snapshot);
  while (settle && pending() && performance.now() < end) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const info = { restored: engine.restored, snapshot: engine.snapshot, bootMs: engine.bootMs,
                 state: engine.state, at: performance.now() };
  if (size && await caches.has(cache)) {
    const stored = await caches.open(cache);
    const [key] = await stored.keys();
    info.bytes = key ? (await (await stored.match(key)).arrayBuffer()).byteLength : 0;
  }
  return info;
}"""
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

# For "no snapshot" contexts: the page cannot start the snapshot maker's worker.
REFUSE_SNAPSHOT_WORKER = """
window.Worker = class extends window.Worker {
  constructor(url, options) {
    if (String(url).includes("purpose=snapshot")) throw new Error("bench: no snapshot here");
    super(url, options);
  }
};
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
        timeout=READY_TIMEOUT_MS,
        polling=20,
    )
    value = page.evaluate("window.__rk")
    if not value or "ready" not in value:
        raise RuntimeError(f"engine failed on {page.url}: {value}")
    return value


def engine_info(page: Page, settle: bool = True, size: bool = False) -> dict | None:
    """The page's engine after ready (see ENGINE_INFO), None on the bare page."""
    return page.evaluate(
        ENGINE_INFO,
        {"settle": settle, "size": size, "timeoutMs": READY_TIMEOUT_MS, "cache": SNAPSHOT_CACHE},
    )


def measured(page: Page, size: bool = False) -> dict:
    """One engine ready: the page's `window.__rk` plus its engine's snapshot facts.

    `snapshotMs` = engine ready -> snapshot saved or failed (idle wait + making it), when
    this boot scheduled one.
    """
    result = ready_result(page)
    info = engine_info(page, settle=True, size=size)
    if info is not None:
        result["engine"] = info
        if info["snapshot"] in ("saved", "failed") and not info["restored"]:
            result["snapshotMs"] = info["at"] - result["ready"]
    return result


def cold_results(browser: Browser, urls: dict[str, str], runs: int) -> dict[str, list[dict]]:
    """Engine ready per contender, each run in a fresh context, interleaved."""
    out: dict[str, list[dict]] = {name: [] for name in urls}
    for run in range(runs):
        for name, url in urls.items():
            context = new_context(browser)
            page = context.new_page()
            page.goto(url)
            out[name].append(measured(page, size=run == 0))
            context.close()
    return out


def warm_results(
    browser: Browser, urls: dict[str, str], runs: int, no_snapshot: frozenset[str] = frozenset()
) -> dict[str, list[dict]]:
    """Engine ready per contender on reloads after one unmeasured load, interleaved.

    The unmeasured load boots without a snapshot and makes one (waited for). Contenders in
    `no_snapshot` have the snapshot deleted before each reload.
    """
    pages: dict[str, Page] = {}
    for name, url in urls.items():  # unmeasured first loads, all at once
        context = new_context(browser)
        if name in no_snapshot:
            context.add_init_script(REFUSE_SNAPSHOT_WORKER)
        pages[name] = context.new_page()
        pages[name].goto(url)
    for page in pages.values():
        measured(page)
    out: dict[str, list[dict]] = {name: [] for name in urls}
    for _ in range(runs):
        for name, page in pages.items():
            if name in no_snapshot:
                page.evaluate("(name) => caches.delete(name)", SNAPSHOT_CACHE)
            page.reload()
            out[name].append(measured(page))
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
    moved = sizes["responseHeadersSize"] + wire_body_size(response, sizes, body)
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


def wire_body_size(response, sizes: dict, body: bytes) -> int:
    """The body's size on the wire. Chromium reports 0 for a worker's own script (Material's
    search worker, ours); there the bytes our server sent are recomputed exactly as it
    sends them (gzip level 6, mtime 0, for text it compressed)."""
    if sizes["responseBodySize"] or response.status != 200 or not body:
        return sizes["responseBodySize"]
    if response.headers.get("content-encoding") == "gzip":
        return len(gzip.compress(body, compresslevel=6, mtime=0))
    return len(body)


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


def all_page_bytes(
    browser: Browser, base: str, origin: str, pages: list[str], is_widget: Callable[[str], bool]
) -> dict[str, Transfer]:
    """page_bytes for each page path under base."""
    return {p: page_bytes(browser, base + p, origin, is_widget(p)) for p in pages}
