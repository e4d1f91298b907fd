"""Statistics and Markdown for the benchmark report: one place for how figures are shown."""

from __future__ import annotations

import statistics
from dataclasses import dataclass

SECTIONS = (
    "## Machine and versions",
    "## Targets",
    "## Engine ready",
    "## Bytes per page",
    "## Lighthouse",
    "## Interaction latency",
    "## Build time",
    "## Where warm engine-ready time goes",
    "## Memory snapshot",
    "## Method notes",
)


@dataclass
class Stat:
    """Median, min and max of one series of runs (the median is what targets judge)."""

    median: float
    low: float
    high: float
    n: int

    @classmethod
    def of(cls, values: list[float]) -> Stat:
        return cls(statistics.median(values), min(values), max(values), len(values))

    def ms(self) -> str:
        return f"{self.median:.0f} ms ({self.low:.0f}-{self.high:.0f}, n={self.n})"

    def s(self) -> str:
        return f"{self.median:.2f} s ({self.low:.2f}-{self.high:.2f}, n={self.n})"


def table(head: list[str], rows: list[list[object]]) -> str:
    """A Markdown table."""
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def kb(n: float) -> str:
    return f"{n / 1024:,.1f} KB"


def verdict(ok: bool | None) -> str:
    return "n/a" if ok is None else ("**met**" if ok else "**not met**")


def ratio(a: float, b: float) -> str:
    return f"{a / b:.2f}x" if b else "n/a"
