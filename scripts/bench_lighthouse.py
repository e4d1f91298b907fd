"""Lighthouse, mobile defaults, against pages on the local server.

Uses the pinned devDependency (node_modules/.bin/lighthouse, installed by `npm ci`), never a
download at run time, and the same Chromium and flags as the browser tests (CHROME_PATH).
Lighthouse's mobile default simulates a slow phone and network (Lantern), so its figures
are estimates for that phone, not timings of this machine.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
from dataclasses import dataclass
from pathlib import Path

from tests.browser.chromium import ARGS, system_chromium

ROOT = Path(__file__).resolve().parents[1]
BIN = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")


@dataclass
class Scores:
    """Category scores (0-100) and total blocking time (ms) for one page."""

    performance: int
    accessibility: int
    best_practices: int
    seo: int
    tbt_ms: float
    failing: list[str]


def available() -> str | None:
    """Why Lighthouse cannot run here, or None when it can."""
    if not BIN.exists():
        return "node_modules/.bin/lighthouse missing (run `npm ci`)"
    if not system_chromium():
        return "no system Chromium for CHROME_PATH"
    return None


def version() -> str:
    """The installed Lighthouse version, for the report."""
    package = ROOT / "node_modules" / "lighthouse" / "package.json"
    return json.loads(package.read_text())["version"] if package.exists() else "missing"


def run(url: str, timeout: float = 240) -> Scores:
    """One Lighthouse run; raises on failure with Lighthouse's own last words."""
    flags = " ".join(["--headless=new", *ARGS])
    cmd = [
        str(BIN),
        url,
        "--output=json",
        "--output-path=stdout",
        "--quiet",
        f"--chrome-flags={flags}",
        f"--only-categories={','.join(CATEGORIES)}",
    ]
    env = {**os.environ, "CHROME_PATH": system_chromium() or ""}
    done = subprocess.run(
        cmd, capture_output=True, text=True, env=env, timeout=timeout, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}: {done.stderr[-1500:]}")
    return parse(json.loads(done.stdout))


def parse(lhr: dict) -> Scores:
    """Scores from a Lighthouse result, plus the audits that kept a category below 100."""
    cats = lhr["categories"]
    score = {name: round((cats[name]["score"] or 0) * 100) for name in CATEGORIES}
    failing = []
    for name in CATEGORIES[1:]:
        for ref in cats[name]["auditRefs"]:
            audit = lhr["audits"].get(ref["id"], {})
            if ref.get("weight") and audit.get("score") not in (None, 1):
                failing.append(f"{name}: {ref['id']}")
    return Scores(
        score["performance"],
        score["accessibility"],
        score["best-practices"],
        score["seo"],
        float(lhr["audits"]["total-blocking-time"]["numericValue"]),
        failing,
    )


def median_of(runs: list[Scores]) -> Scores:
    """Each figure's median over several runs of one page (Lighthouse varies run to run on a
    shared machine: its simulated phone scales this machine's task times). Audits listed are
    those that kept a category below 100 in more than half the runs."""

    def mid(name: str) -> float:
        return statistics.median(getattr(run, name) for run in runs)

    counts: dict[str, int] = {}
    for run in runs:
        for audit in run.failing:
            counts[audit] = counts.get(audit, 0) + 1
    failing = [audit for audit, n in counts.items() if n * 2 > len(runs)]
    return Scores(
        round(mid("performance")),
        round(mid("accessibility")),
        round(mid("best_practices")),
        round(mid("seo")),
        mid("tbt_ms"),
        failing,
    )
