"""The registry: every tool named once, and everything that lists tools derives from it.

A tool is one folder here (its pure `model`, its engine `ops`, its Markdown `fence`) and one
folder under `overrides/assets/rekindle/` (its browser module and stylesheet). The engine's
dispatch (`rekindle.engine`), the widget roots the fences write (so the page's widget loader
and the per-page stylesheet links in `overrides/main.html` need no list of their own), and
the check that `mkdocs.yml` declares one fence per tool (`tests/site/test_registry.py`) all
read `TOOLS`. This module is plain data: the browser's engine imports it too.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Tool:
    """One tool: the names that connect its Markdown fence, its engine ops and its scripts."""

    fence: str  # the fence's name in Markdown, and the widget's `data-rekindle-widget`
    ops: str  # the module whose OPS the engine dispatches to
    formatter: str  # the fence's format function, as mkdocs.yml names it
    script: str  # the browser module, relative to assets/rekindle/ (exports mount(root))
    stylesheet: str  # relative to assets/rekindle/

    @property
    def folder(self) -> str:
        """The tool's folder name, here and under overrides/assets/rekindle/."""
        return self.ops.split(".")[2]


TOOLS: tuple[Tool, ...] = (
    Tool(
        fence="turn-timer",
        ops="rekindle.tools.timer.ops",
        formatter="rekindle.tools.timer.fence.format_turn_timer",
        script="timer/timer.js",
        stylesheet="timer/timer.css",
    ),
    Tool(
        fence="barrier-assessment",
        ops="rekindle.tools.assessment.ops",
        formatter="rekindle.tools.assessment.fence.format_barrier_assessment",
        script="assessment/assessment.js",
        stylesheet="assessment/assessment.css",
    ),
    Tool(
        fence="checkin-planner",
        ops="rekindle.tools.checkin.ops",
        formatter="rekindle.tools.checkin.fence.format_checkin_planner",
        script="checkin/checkin.js",
        stylesheet="checkin/checkin.css",
    ),
    Tool(
        fence="deciding-worksheet",
        ops="rekindle.tools.deciding.ops",
        formatter="rekindle.tools.deciding.fence.format_deciding_worksheet",
        script="deciding/deciding.js",
        stylesheet="deciding/deciding.css",
    ),
    Tool(
        fence="no-contact-pause",
        ops="rekindle.tools.pause.ops",
        formatter="rekindle.tools.pause.fence.format_pause",
        script="pause/pause.js",
        stylesheet="pause/pause.css",
    ),
)

BY_FENCE: dict[str, Tool] = {tool.fence: tool for tool in TOOLS}

# For templates: mkdocs.yml hands this to them as `config.extra.rekindle_stylesheets`
# (a `!!python/name:` tag, which MkDocs and Zensical both resolve), so the per-page
# stylesheet links in overrides/main.html come from the registry without a hook.
STYLESHEETS: list[str] = [tool.stylesheet for tool in TOOLS]
