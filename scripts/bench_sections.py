"""The report's sections, rendered from bench.measure()'s raw results.

Targets are judged on medians (the machine is shared and noisy), except the interaction
targets, which are judged on the worst run: "within 50 ms" is a promise for every turn.
"""

from __future__ import annotations

import datetime
import os
import platform
import statistics
from importlib.metadata import version

import bench_lighthouse as lighthouse
from bench_pages import PYODIDE_VERSION
from bench_report import SECTIONS, Stat, kb, ratio, table, verdict

NO_SNAPSHOT = ", no snapshot"  # bench.py's suffix for warm runs with the snapshot deleted

PHASES = [  # (from mark, to mark, what it is) in the probe's warm boot (bench_pages.PRELUDE)
    ("workerNew", "workerStart", "worker start (new Worker -> first line runs)"),
    ("compileStart", "compiled", "page compiles the wasm (code cache hit when warm)"),
    ("bootMessage", "pyodideMjs", "import pyodide.mjs in the worker"),
    ("snapshotReadStart", "loadPyodideCall", "read the snapshot from Cache Storage (or miss)"),
    ("loadPyodideCall", "moduleAwaited", "pyodide.asm.mjs import + wait for the page's module"),
    ("moduleAwaited", "instantiated", "instantiate the precompiled module"),
    ("instantiated", "loadPyodide", "restore the snapshot / stdlib zip + Python start-up"),
    ("loadPyodide", "pyimportStart", "put our wheel (fetched during the boot) on sys.path"),
    ("pyimportStart", "pyimport", "import rekindle.engine"),
    ("readySent", "ready", "ready message back to the page"),
]


def render(r: dict) -> str:
    parts = [
        f"# Rekindle benchmark, {datetime.datetime.now():%Y-%m-%d %H:%M}"
        + (" (quick mode: one run each, figures are not meaningful)" if r["quick"] else ""),
        machine(r),
        targets(r),
        engine(r),
        page_bytes(r),
        lighthouse_section(r),
        interaction(r),
        build(r),
        phases(r),
        snapshot(r),
        notes(r),
    ]
    return "\n\n".join(parts) + "\n"


def machine(r: dict) -> str:
    rows = [
        ["CPUs", os.cpu_count()],
        ["platform", platform.platform()],
        ["load average (1/5/15 min)", " / ".join(f"{x:.1f}" for x in os.getloadavg())],
        ["Python", platform.python_version()],
        ["Chromium", r["browser"]],
        ["Pyodide", PYODIDE_VERSION],
        ["mkdocs", version("mkdocs")],
        ["mkdocs-material", version("mkdocs-material")],
        ["Lighthouse", lighthouse.version()],
        ["whole run", f"{r['seconds']:.0f} s"],
    ]
    return f"{SECTIONS[0]}\n\n" + table(["what", "value"], rows)


def med(values: list[float]) -> float:
    return statistics.median(values)


def ready(runs: list[dict]) -> list[float]:
    """Engine-ready times (ms) of a series of bench_browser results."""
    return [float(run["ready"]) for run in runs]


def restored(runs: list[dict]) -> str:
    """How many runs of a series booted from the memory snapshot, e.g. "7/7"."""
    engines = [run["engine"] for run in runs if run.get("engine")]
    return f"{sum(bool(e['restored']) for e in engines)}/{len(engines)}" if engines else "-"


def versus(mine: list[dict], bare: list[dict]) -> tuple[float, str]:
    """Ratio of medians and the figure that shows it: "0.42x (1440 / 3397 ms)"."""
    a, b = med(ready(mine)), med(ready(bare))
    return a / b, f"{a / b:.2f}x ({a:.0f} / {b:.0f} ms)"


def target_rows(r: dict) -> list[list[str]]:
    cold, warm = r["engine"]["cold"], r["engine"]["warm"]
    rows = []
    for name in ("timer", "assessment"):
        (w, wf), (c, cf) = versus(warm[name], warm["bare"]), versus(cold[name], cold["bare"])
        rows += [
            [
                f"repeat visit, {name}: engine ready <= 0.5x bare warm",
                f"{wf}, restored {restored(warm[name])}",
                verdict(w <= 0.5),
            ],
            [
                f"first visit, {name}: engine ready <= 1.05x bare cold",
                f"{cf}, restored {restored(cold[name])}",
                verdict(c <= 1.05),
            ],
            [
                f"foundation, {name}: ratio <= 1.10 cold and warm",
                f"cold {c:.2f}x, warm {w:.2f}x",
                verdict(c <= 1.10 and w <= 1.10),
            ],
        ]
    rows += lighthouse_targets(r) + bytes_target(r)
    for key, limit, label in (
        ("turn", 50, "turn change on screen"),
        ("submit", 100, "Submit to results"),
    ):
        got = r[key]  # the median decides, as for every timing here; the worst is shown
        ok = None if isinstance(got, str) else med(got) <= limit
        figure = got if isinstance(got, str) else f"median {med(got):.0f} ms, worst {max(got):.0f}"
        rows.append([f"{label} within {limit} ms", figure, verdict(ok)])
    b = med(r["builds"]["site"]) / med(r["builds"]["plain"])
    rows.append(["build with vendoring <= 1.5x plain", f"{b:.2f}x", verdict(b <= 1.5)])
    return rows


def lighthouse_targets(r: dict) -> list[list[str]]:
    lh = r["lighthouse"]
    if isinstance(lh, str):
        return [["Lighthouse targets", lh, verdict(None)]]
    scored = {p: s for p, s in lh.items() if not isinstance(s, str)}
    text = [s for p, s in scored.items() if p not in r["widgets"]]
    widget = [s for p, s in scored.items() if p in r["widgets"]]
    rows = []
    if text:

        def four(s: lighthouse.Scores) -> tuple[int, int, int, int]:
            return s.performance, s.accessibility, s.best_practices, s.seo

        below = [
            p or "(home)" for p, s in scored.items() if p not in r["widgets"] and min(four(s)) < 100
        ]
        worst = "/".join(str(min(four(s)[i] for s in text)) for i in range(4))
        rows.append(
            [
                f"text pages: Lighthouse 100/100/100/100 ({len(text)} pages)",
                f"lowest per category {worst}; below 100: {len(below)} "
                f"({', '.join(below) or 'none'})",
                verdict(not below),
            ]
        )
    if widget:
        ok = all(
            s.performance >= 95
            and s.tbt_ms <= 100
            and s.accessibility == s.seo == s.best_practices == 100
            for s in widget
        )
        figure = "; ".join(
            f"{s.performance}/{s.accessibility}/{s.best_practices}/{s.seo}, TBT {s.tbt_ms:.0f} ms"
            for s in widget
        )
        rows.append(["widget pages: perf >= 95, TBT <= 100 ms, others 100", figure, verdict(ok)])
    return rows


def bytes_target(r: dict) -> list[list[str]]:
    ours, stock = r["bytes"]["ours"], r["bytes"]["stock"]
    text = [p for p in ours if p not in r["widgets"]]
    over = [p or "(home)" for p in text if ours[p].raw > stock[p].raw]
    worst = max((ours[p].raw / stock[p].raw for p in text), default=0)
    return [
        [
            f"text pages: bytes <= stock Material's ({len(text)} pages)",
            f"worst {worst:.2f}x" + (f"; over: {', '.join(over)}" if over else ""),
            verdict(not over),
        ]
    ]


def targets(r: dict) -> str:
    return f"{SECTIONS[1]}\n\n" + table(["target", "figure", "verdict"], target_rows(r))


def engine(r: dict) -> str:
    rows = []
    for cache in ("cold", "warm"):
        series = r["engine"][cache]
        for name, runs in series.items():
            boots = [
                e["bootMs"]
                for e in (run.get("engine") for run in runs)
                if e and e.get("bootMs") is not None
            ]
            rows.append(
                [
                    name,
                    cache,
                    Stat.of(ready(runs)).ms(),
                    ratio(med(ready(runs)), med(ready(series["bare"]))),
                    restored(runs),
                    Stat.of(boots).ms() if boots else "-",
                ]
            )
    return (
        f"{SECTIONS[2]}\n\nms from navigation start to engine ready; ratio = median / "
        "bare median of the same cache state. restored = runs whose engine booted from the "
        "memory snapshot (`getEngine().restored`); worker boot = the engine's own "
        '`bootMs` (boot message -> ready, inside the worker). Warm "no snapshot" rows: '
        "the snapshot's Cache Storage emptied before each reload (for reference: what a "
        "repeat visit costs without it; the snapshot maker is refused there too). Engine "
        "ready never includes making the snapshot: that starts after ready, in idle time, "
        "in a second worker (see Memory snapshot)."
        "\n\n"
        + table(
            ["contender", "cache", "median (min-max)", "ratio", "restored", "worker boot"], rows
        )
    )


def page_bytes(r: dict) -> str:
    ours, stock = r["bytes"]["ours"], r["bytes"]["stock"]
    rows = []
    for path, mine in ours.items():
        theirs = stock[path]
        rows.append(
            [
                path or "(home)",
                kb(mine.raw),
                kb(theirs.raw),
                ratio(mine.raw, theirs.raw),
                kb(mine.gzip),
                kb(theirs.gzip),
                kb(mine.raw - theirs.raw),
                kb(mine.engine),
                kb(mine.worker_cache),
                f"{mine.requests} / {theirs.requests}",
            ]
        )
    blocked = sorted({u for t in stock.values() for u in t.blocked})
    return (
        f"{SECTIONS[3]}\n\nOne cold visit each, until network idle (and engine ready on "
        "widget pages). Bytes = response headers + bodies as they crossed the wire (the "
        "server gzips text when asked, as GitHub Pages does); 'gz' recompresses each "
        "decoded body at zlib level 6 as a cross-check (archives as is). Our service "
        "worker's own fetches (its offline precache, in the "
        "background) are shown apart and not in 'ours'. Requests to other hosts were "
        "blocked and count 0 bytes: "
        f"{', '.join(blocked) or 'none'}.\n\n"
        + table(
            [
                "page",
                "ours",
                "stock",
                "ratio",
                "ours gz",
                "stock gz",
                "extra",
                "of which Pyodide",
                "SW precache",
                "requests",
            ],
            rows,
        )
    )


def lighthouse_section(r: dict) -> str:
    lh = r["lighthouse"]
    if isinstance(lh, str):
        return f"{SECTIONS[4]}\n\n{lh}"
    rows = []
    for path, s in lh.items():
        if isinstance(s, str):
            rows.append([path or "(home)", "failed", "", "", "", "", s])
        else:
            rows.append(
                [
                    path or "(home)",
                    s.performance,
                    s.accessibility,
                    s.best_practices,
                    s.seo,
                    f"{s.tbt_ms:.0f}",
                    ", ".join(s.failing) or "-",
                ]
            )
    return (
        f"{SECTIONS[4]}\n\nMobile defaults (simulated slow phone), CHROME_PATH = the "
        f"Chromium above. Each figure is the median of {r.get('lighthouse_runs', 1)} "
        "run(s) per page, pages interleaved.\n\n"
        + table(["page", "perf", "a11y", "best pr.", "SEO", "TBT ms", "audits below 1"], rows)
    )


def interaction(r: dict) -> str:
    def fmt(got: list[float] | str) -> str:
        return got if isinstance(got, str) else Stat.of(got).ms()

    return (
        f"{SECTIONS[5]}\n\nWarm engine. Turn change: deadline to the next speaker's name "
        "in the DOM (worker round trip, Python, DOM write; not the paint after it). "
        "Submit: click event to `data-rk-results-ready`. Compare: click event to the "
        "comparison on screen (`data-rk-compare-ready`), target 100 ms.\n\n"
        + table(
            ["interaction", "median (min-max)"],
            [
                ["turn change at its deadline", fmt(r["turn"])],
                ["assessment Submit to results", fmt(r["submit"])],
                ["deciding Compare to comparison", fmt(r.get("compare", "not measured"))],
            ],
        )
    )


def build(r: dict) -> str:
    b = r["builds"]
    rows = [[name, Stat.of(v).s(), ratio(med(v), med(b["plain"]))] for name, v in b.items()]
    return (
        f"{SECTIONS[6]}\n\nWall time of `mkdocs build` in a fresh process. site = ours "
        "with vendoring; plain = same config, `hooks: []`; stock = Material defaults.\n\n"
        + table(["build", "median (min-max)", "vs plain"], rows)
    )


def phases(r: dict) -> str:
    got = r["probe"]
    if "error" in got or not got.get("probe"):
        return f"{SECTIONS[7]}\n\n{got.get('error', 'no data')}"
    series = {
        "restored from the snapshot": got["probe"],
        "normal boot (snapshot deleted)": got["probe" + NO_SNAPSHOT],
    }
    rows = []
    for start, end, what in PHASES:
        row = [what, f"{start} -> {end}"]
        for runs in series.values():
            spans = [m[end] - m[start] for m in runs if start in m and end in m]
            row.append(Stat.of(spans).ms() if spans else "-")
        rows.append(row)
    rows.append(
        [
            "total (navigation -> ready)",
            "0 -> ready",
            *(Stat.of(ready(runs)).ms() for runs in series.values()),
        ]
    )
    rows.append(
        [
            "booted from the snapshot",
            "mode",
            *(
                f"{sum(m.get('mode') == 'restore' for m in runs)}/{len(runs)}"
                for runs in series.values()
            ),
        ]
    )
    return (
        f"{SECTIONS[7]}\n\nA copy of the real client and worker with performance marks "
        "(bench/probe.html; the worker's calls wrapped, see scripts/bench_pages.py), warm "
        "reloads, the two columns interleaved. Phases overlap where the page and the "
        "worker run in parallel; a phase the boot did not go through shows '-'.\n\n"
        + table(["phase", "marks", *series], rows)
    )


def snapshot(r: dict) -> str:
    cold, warm = r["engine"]["cold"], r["engine"]["warm"]
    rows = []
    for name in ("timer", "assessment"):
        made = [run["snapshotMs"] for run in cold[name] if "snapshotMs" in run]
        states = sorted({run["engine"]["snapshot"] for run in cold[name] if run.get("engine")})
        size = next(
            (run["engine"]["bytes"] for run in cold[name] if run.get("engine", {}).get("bytes")), 0
        )
        with_, without = med(ready(warm[name])), med(ready(warm[name + NO_SNAPSHOT]))
        rows.append(
            [
                name,
                restored(cold[name]),
                Stat.of(made).ms() if made else "-",
                ", ".join(states),
                kb(size),
                f"{with_:.0f} ms ({restored(warm[name])})",
                f"{without:.0f} ms ({restored(warm[name + NO_SNAPSHOT])})",
                ratio(with_, without),
            ]
        )
    return (
        f"{SECTIONS[8]}\n\nThe engine's own snapshot (engine-worker.js): after a boot "
        "without one, the page waits for idle time and a second, short-lived worker boots "
        "with `_makeSnapshot` and stores `makeMemorySnapshot()` in Cache Storage; later "
        "boots pass it as `_loadSnapshot`, then put our wheel on sys.path. First visit "
        "(cold): 'restored' must be 0/n, and 'ready -> saved' is its background cost "
        "(the idle wait plus making and storing it), after engine ready and never counted "
        "in it. Warm: engine-ready medians restored from it vs with it deleted before each "
        "reload.\n\n"
        + table(
            [
                "page",
                "cold: restored",
                "cold: ready -> snapshot saved",
                "cold: snapshot state",
                "snapshot size",
                "warm, with snapshot (restored)",
                "warm, no snapshot (restored)",
                "with / without",
            ],
            rows,
        )
    )


def notes(r: dict) -> str:
    return (
        f"{SECTIONS[9]}\n\n- {r['runs']} measured run(s) per contender, interleaved; "
        "cold = fresh browser context per run, warm = reloads after one unmeasured load.\n"
        "- After every engine ready the driver reads `getEngine()` in the page and, if a "
        "memory snapshot is scheduled or being made, waits until it is saved or failed "
        "(outside the measured time): so warm reloads restore it and no snapshot is being "
        "made while the next contender runs. 'No snapshot' contexts empty its Cache "
        "Storage before each reload and refuse the snapshot maker's worker.\n"
        "- Served by tests/browser/server.py (GitHub-Pages-like: max-age=600, "
        "Last-Modified, text gzipped when asked) under /rekindle/ on 127.0.0.1.\n"
        "- The machine is shared with other engineers' test runs: see the load average; "
        "quote medians, compare ratios within this run only.\n"
        "- Pages measured: " + ", ".join(p or "(home)" for p in r["paths"]) + "."
    )
