"""Rekindle's benchmark: one command, one process, every contender side by side.

    python scripts/bench.py [--quick] [--runs N] [--no-lighthouse] [--out PATH]

Builds the site (with vendoring), a plain build (no vendoring) and a stock Material build of
the same docs, serves them like GitHub Pages on localhost, drives headless Chromium, runs
Lighthouse, and writes a Markdown report to reports/bench-<date>.md (and prints it).
`--quick` runs everything once (Lighthouse on one text page) so the test suite can keep this
script from rotting; no test asserts a time.
"""

from __future__ import annotations

import argparse
import datetime
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(Path(__file__).parent)]

from playwright.sync_api import Browser, sync_playwright  # noqa: E402
from tests.browser.chromium import launch_options  # noqa: E402
from tests.browser.server import SiteServer  # noqa: E402

import bench_browser as web  # noqa: E402
import bench_build as builds  # noqa: E402
import bench_interact as interact  # noqa: E402
import bench_lighthouse as lighthouse  # noqa: E402
import bench_pages as pages  # noqa: E402
import bench_sections as sections  # noqa: E402

TIMER_PAGE = "after-a-breakup/the-conversation/"
ASSESSMENT_PAGE = "tools/self-assessment/"
DECIDING_PAGE = "after-a-breakup/deciding/"
WIDGET_CONTENDERS = ("timer", "assessment")
NO_SNAPSHOT = sections.NO_SNAPSHOT  # suffix of the warm contenders whose snapshot is deleted


def log(message: str) -> None:
    """Progress on stderr, so stdout is the report alone."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="one run of everything")
    parser.add_argument("--runs", type=int, default=7, help="measured runs per contender")
    parser.add_argument("--no-lighthouse", action="store_true")
    parser.add_argument(
        "--lighthouse-runs",
        type=int,
        default=5,
        help="Lighthouse runs per page; the report gives each figure's median "
        "(5, as for every other figure: 3 let one noisy run decide)",
    )
    parser.add_argument("--out", type=Path, help="report path (default reports/bench-<date>.md)")
    args = parser.parse_args(argv)
    if args.quick:
        args.runs = args.lighthouse_runs = 1
    return args


def engine_ready(browser: Browser, base: str, runs: int) -> dict:
    """The issue's contenders: bare Pyodide vs timer page vs assessment page, cold and warm.

    Warm adds, for reference, both pages with the memory snapshot deleted before each reload.
    """
    urls = {
        "bare": base + "bench/bare.html",
        "timer": base + TIMER_PAGE,
        "assessment": base + ASSESSMENT_PAGE,
    }
    log(f"engine ready, cold x{runs}")
    cold = web.cold_results(browser, urls, runs)
    log(f"engine ready, warm x{runs} (with and without the memory snapshot)")
    warm_urls = {**urls, **{name + NO_SNAPSHOT: urls[name] for name in WIDGET_CONTENDERS}}
    warm = web.warm_results(
        browser, warm_urls, runs, frozenset(name + NO_SNAPSHOT for name in WIDGET_CONTENDERS)
    )
    return {"cold": cold, "warm": warm}


def page_bytes(
    browser: Browser, ours: SiteServer, stock: SiteServer, paths: list[str], widgets: set[str]
) -> dict:
    """Bytes of each page, ours and stock Material's, one cold visit each."""
    log(f"bytes of {len(paths)} pages x2 builds")
    return {
        "ours": web.all_page_bytes(browser, ours.url, ours.origin, paths, lambda p: p in widgets),
        "stock": web.all_page_bytes(browser, stock.url, stock.origin, paths, lambda p: False),
    }


def lighthouse_scores(base: str, paths: list[str], runs: int) -> dict:
    """Lighthouse per page, each figure the median of `runs` runs (pages interleaved); a
    page whose runs all failed is reported, not fatal."""
    got: dict = {path: [] for path in paths}
    errors: dict = {}
    for run in range(runs):
        for path in paths:
            log(f"lighthouse {run + 1}/{runs} {path or '(home)'}")
            try:
                got[path].append(lighthouse.run(base + path))
            except Exception as error:  # one bad run should not lose the whole report
                errors[path] = str(error)[:300]
    return {
        path: lighthouse.median_of(runs_) if runs_ else errors[path] for path, runs_ in got.items()
    }


def investigate(browser: Browser, base: str, runs: int) -> dict:
    """Probe marks of the real engine, warm, restored from its snapshot and without one."""
    log(f"investigation: probe with and without the snapshot, warm x{runs}")
    url = base + "bench/probe.html"
    try:
        return web.warm_results(
            browser,
            {"probe": url, "probe" + NO_SNAPSHOT: url},
            runs,
            frozenset({"probe" + NO_SNAPSHOT}),
        )
    except Exception as error:
        return {"error": str(error)[:300]}


def measure(args: argparse.Namespace, tmp: Path) -> dict:
    """Everything, in one process; returns the raw results for bench_sections."""
    build_runs = 1 if args.quick else 5
    log(f"builds x{build_runs} (site, plain, stock)")
    build_times, dests = builds.timed_builds(tmp, build_runs)
    pages.write_bench_pages(dests["site"])
    paths = builds.html_pages(dests["site"])
    widgets = builds.widget_pages(dests["site"], paths)
    if args.quick:
        paths = ["", TIMER_PAGE, ASSESSMENT_PAGE]
    lh_paths = ["about/"] if args.quick else paths
    results: dict = {
        "builds": build_times,
        "runs": args.runs,
        "quick": args.quick,
        "lighthouse_runs": args.lighthouse_runs,
        "paths": paths,
        "widgets": widgets,
    }
    with (
        SiteServer(dests["site"]) as ours,
        SiteServer(dests["stock"]) as stock,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(**launch_options())
        results["browser"] = browser.version
        results["engine"] = engine_ready(browser, ours.url, args.runs)
        log(f"interaction latency x{args.runs}")
        results["turn"] = interact.turn_changes(browser, ours.url + TIMER_PAGE, args.runs)
        results["submit"] = interact.submits(browser, ours.url + ASSESSMENT_PAGE, args.runs)
        results["compare"] = interact.compares(browser, ours.url + DECIDING_PAGE, args.runs)
        results["bytes"] = page_bytes(browser, ours, stock, paths, widgets)
        results["probe"] = investigate(browser, ours.url, args.runs)
        browser.close()
        missing = None if not args.no_lighthouse else "skipped (--no-lighthouse)"
        missing = missing or lighthouse.available()
        results["lighthouse"] = missing or lighthouse_scores(
            ours.url, lh_paths, args.lighthouse_runs
        )
    return results


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="rekindle-bench-") as tmp:
        results = measure(args, Path(tmp))
    results["seconds"] = time.perf_counter() - started
    report = sections.render(results)
    stamp = datetime.date.today().isoformat() + ("-quick" if args.quick else "")
    out = args.out or ROOT / "reports" / f"bench-{stamp}.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report)
    print(report)
    log(f"report written to {out} ({results['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
