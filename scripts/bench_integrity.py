"""What the offline worker's integrity check costs: engine ready, cold and warm, side by side.

    python scripts/bench_integrity.py [--runs N]

sw.js serves a cached file only after hashing it against the SHA-256 the build wrote in
(rekindle.site.offline). Two copies of one build are served side by side by one server (so
by the same connection and gzip path; each has its own worker, caches and snapshot, as its
names are scoped to its path): the site as built at /rekindle/, and at /unchecked/ the same
site whose sw.js trusts its cache without hashing.
Cold = a fresh context (no service worker yet: it registers once the engine is ready, so the
check cannot cost a first visit anything). Warm = reloads after one unmeasured load that let
the worker install, cache the engine (~13 MB then hashed on every boot) and the memory
snapshot be made. Contenders run interleaved; medians are printed as a Markdown table,
with the time the page itself takes to hash the cached files a warm boot reads (the work
the worker adds, measured without the rest of the boot around it).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]

from playwright.sync_api import Browser, Page, sync_playwright  # noqa: E402
from tests.browser.chromium import launch_options  # noqa: E402
from tests.browser.server import SiteServer  # noqa: E402
from tests.conftest import build_site, free_port  # noqa: E402

import bench_browser as web  # noqa: E402

TIMER_PAGE = "after-a-breakup/the-conversation/"
CHECK = "return Boolean(want) && (await sha256(response.clone())) === want;"
NO_CHECK = "return Boolean(want);"


# In the page: SHA-256 of every cached file this visit fetched, as the worker does for each.
HASH_CACHED = """async () => {
    const names = (await caches.keys()).filter((n) => n.includes(" offline "));
    const cache = await caches.open(names[0]);
    const fetched = new Set(performance.getEntriesByType("resource").map((e) => e.name));
    const bodies = [];
    for (const request of await cache.keys()) {
        if (fetched.has(request.url)) bodies.push(await (await cache.match(request)).arrayBuffer());
    }
    const started = performance.now();
    for (const body of bodies) await crypto.subtle.digest("SHA-256", body);
    const bytes = bodies.reduce((sum, body) => sum + body.byteLength, 0);
    return { ms: performance.now() - started, files: bodies.length, bytes };
}"""


def unchecked_copy(site: Path, dest: Path) -> Path:
    """The same site (hard links) with a sw.js that trusts whatever its cache holds."""
    shutil.copytree(site, dest, copy_function=os.link)
    worker = dest / "sw.js"
    text = worker.read_text()
    if text.count(CHECK) != 1:
        raise RuntimeError("bench: sw.js no longer checks cached bytes the way this expects")
    worker.unlink()
    worker.write_text(text.replace(CHECK, NO_CHECK))
    return dest


def warmed(browser: Browser, url: str) -> Page:
    """A page whose service worker holds the engine and whose snapshot is saved."""
    page = web.new_context(browser).new_page()
    page.goto(url)
    web.measured(page)
    page.evaluate(
        """async (files) => {
        await navigator.serviceWorker.ready;
        for (;;) {
            const names = (await caches.keys()).filter((n) => n.includes(" offline "));
            const cache = names.length && (await caches.open(names[0]));
            const have = cache ? (await cache.keys()).map((r) => r.url) : [];
            if (files.every((f) => have.some((u) => u.endsWith(f)))) return;
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
    }""",
        ["pyodide.asm.wasm", "pyodide.asm.mjs", "pyodide.mjs", ".whl"],
    )
    page.reload()  # this load is served by the worker: now everything is in place
    web.measured(page)
    return page


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        port = free_port()
        site = Path(tmp) / "site"
        done = build_site(site, site_url=f"http://127.0.0.1:{port}/rekindle/")
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            return 1
        plain = unchecked_copy(site, Path(tmp) / "unchecked")
        with (
            SiteServer(site, "/rekindle/", port=port, also={"/unchecked/": plain}) as server,
            sync_playwright() as playwright,
        ):
            browser = playwright.chromium.launch(**launch_options())
            unchecked = server.origin + "/unchecked/"
            urls = {"checked": server.url + TIMER_PAGE, "unchecked": unchecked + TIMER_PAGE}
            cold = web.cold_results(browser, urls, args.runs)
            pages = {name: warmed(browser, url) for name, url in urls.items()}
            warm: dict[str, list[dict]] = {name: [] for name in urls}
            for _ in range(args.runs):
                for name, page in pages.items():
                    page.reload()
                    warm[name].append(web.measured(page))
            hashing = [pages["checked"].evaluate(HASH_CACHED) for _ in range(args.runs)]
            browser.close()
    median = {
        kind: {name: statistics.median(r["ready"] for r in runs) for name, runs in results.items()}
        for kind, results in (("cold", cold), ("warm", warm))
    }
    mb = hashing[0]["bytes"] / 1e6
    ms = statistics.median(h["ms"] for h in hashing)
    files = hashing[0]["files"]
    print(f"Hashing the {files} cached files a warm boot reads ({mb:.1f} MB): {ms:.0f} ms")
    print()
    print(f"| engine ready (median of {args.runs}) | checked | unchecked | cost |")
    print("| --- | --- | --- | --- |")
    for kind, values in median.items():
        cost = values["checked"] - values["unchecked"]
        checked, unchecked = values["checked"], values["unchecked"]
        print(f"| {kind} | {checked:.0f} ms | {unchecked:.0f} ms | {cost:+.0f} ms |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
