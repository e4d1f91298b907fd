"""Two benchmark rows for a first visit on a slow phone connection (issue 13).

    python scripts/bench_slow.py [--runs N] [--site DIR]

Chromium's network emulation at Lighthouse's mobile profile (150 ms round trip, 1.6 Mbps
both ways), the site served gzipped as GitHub Pages serves it (.wasm too), a fresh browser
context per run (a first visit: nothing cached), a 390 px phone viewport:

- "slow 4G: press to moving clock": from the reader's press on Start, made as soon as the
  button can be pressed, to the first frame that shows the turn running (the button says
  Pause, the bar starts to fill), in ms. Target: at most 100 ms.
- "slow 4G: engine ready / (engine bytes on the wire / bandwidth)": the engine's ready
  moment after navigation start, over the time its bytes alone need at that bandwidth.
  Target: at most 1.10 (the boot adds little to the download itself).

Prints a Markdown table of medians; builds the site into a temporary folder unless --site
names a built one (built for any address: these pages need no instant navigation).
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from tests.browser.chromium import launch_options  # noqa: E402
from tests.browser.server import _QuietServer  # noqa: E402
from tests.browser.test_timer_slow import SLOW_4G, _PagesHandler  # noqa: E402
from tests.conftest import build_site  # noqa: E402

PAGE = "after-a-breakup/the-conversation/"
TIMER = '[data-rekindle-widget="turn-timer"]'
BYTES_PER_SECOND = SLOW_4G["downloadThroughput"]

# Stamps the press (capture phase, before anything of ours) and the first frame after the
# timer shows a running turn; and the moment the engine is ready.
STAMPS = """
window.__bench = {};
document.addEventListener("click", (e) => { window.__bench.press ??= e.timeStamp; }, true);
new MutationObserver(() => {
  const root = document.querySelector('[data-rekindle-widget="turn-timer"]');
  if (!root) return;
  if (root.dataset.phase === "running" && window.__bench.running === undefined) {
    window.__bench.running = null;
    requestAnimationFrame(() => { window.__bench.running = performance.now(); });
  }
  if (root.dataset.state === "ready") window.__bench.ready ??= performance.now();
}).observe(document, { subtree: true, attributes: true,
                        attributeFilter: ["data-phase", "data-state"] });
"""


def serve(site: Path) -> tuple[_QuietServer, str]:
    handler = type("Handler", (_PagesHandler,), {"prefix": "/rekindle/"})
    httpd = _QuietServer(("127.0.0.1", 0), functools.partial(handler, directory=str(site)))
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return httpd, f"http://127.0.0.1:{httpd.server_address[1]}/rekindle/"


def one_run(browser: Browser, url: str) -> tuple[float, float]:
    context = browser.new_context(viewport={"width": 390, "height": 844}, bypass_csp=True)
    engine_bytes = 0

    def count(request) -> None:
        nonlocal engine_bytes
        if "/assets/pyodide/" in request.url:
            sizes = request.sizes()
            engine_bytes += sizes["responseBodySize"] + sizes["responseHeadersSize"]

    context.on("requestfinished", count)
    context.add_init_script(STAMPS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.emulateNetworkConditions", SLOW_4G)
    page.goto(url + PAGE, wait_until="commit")
    page.locator(f'{TIMER} [data-rk-action="toggle"]').click()
    page.locator(f'{TIMER}[data-state="ready"]').wait_for(timeout=300_000)
    page.wait_for_function("() => typeof window.__bench.running === 'number'")
    stamps = page.evaluate("() => window.__bench")
    context.close()
    press_to_moving = stamps["running"] - stamps["press"]
    ratio = stamps["ready"] / 1000 / (engine_bytes / BYTES_PER_SECOND)
    return press_to_moving, ratio


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--site", type=Path)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as temp:
        site = args.site or Path(temp) / "site"
        if not args.site:
            done = build_site(site)
            if done.returncode:
                print(done.stderr[-2000:], file=sys.stderr)
                return 1
        httpd, url = serve(site)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(**launch_options())
                runs = [one_run(browser, url) for _ in range(args.runs)]
                browser.close()
        finally:
            httpd.shutdown()
    moving = statistics.median(r[0] for r in runs)
    ratio = statistics.median(r[1] for r in runs)
    print("| row | median | target |\n| --- | --- | --- |")
    print(f"| slow 4G: press to moving clock | {moving:.0f} ms | ≤ 100 ms |")
    print(
        f"| slow 4G: engine ready / (engine bytes on the wire ÷ bandwidth) | {ratio:.2f} | ≤ 1.10 |"
    )
    print("\nEach run (press to moving clock, ratio): ", end="")
    print(", ".join(f"{moving_ms:.0f} ms {run_ratio:.3f}" for moving_ms, run_ratio in runs))
    return 0


if __name__ == "__main__":
    sys.exit(main())
