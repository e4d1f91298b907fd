"""The benchmark in quick mode, so `make bench` cannot rot between the times someone runs it.

One run of everything (Lighthouse on one text page), in a subprocess exactly as `make bench`
starts it. Asserts the report has every section and a verdict per target, and that the
repeat visit was restored from the engine's memory snapshot and the first visit was not;
never a time: the figures of a single run on a shared machine mean nothing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from bench_report import SECTIONS  # noqa: E402

pytestmark = pytest.mark.browser


def test_quick_bench_writes_every_section(tmp_path: Path) -> None:
    out = tmp_path / "bench.md"
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "bench.py"), "--quick", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    report = out.read_text()
    assert done.stdout.strip() == report.strip()
    missing = [header for header in SECTIONS if header not in report]
    assert not missing, missing
    targets = report.split("## Targets", 1)[1].split("\n## ", 1)[0]
    for target in ("repeat visit", "first visit", "turn change", "Submit", "build with"):
        assert target in targets
    # The repeat visit measures the memory-snapshot path, the first visit a boot without one.
    rows = {line.split(" | ")[0].lstrip("| "): line for line in targets.splitlines()}
    for page in ("timer", "assessment"):
        assert "restored 1/1" in rows[f"repeat visit, {page}: engine ready <= 0.5x bare warm"]
        assert "restored 0/1" in rows[f"first visit, {page}: engine ready <= 1.05x bare cold"]
    assert "failed" not in report.split("## Lighthouse", 1)[1].split("\n## ", 1)[0]
