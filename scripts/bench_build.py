"""The three builds the benchmark compares, each timed, from the same docs/.

- site:  our real `mkdocs build --strict` (the hook vendors Pyodide and our wheel).
- plain: the same config with `hooks: []`, i.e. the same build without vendoring.
- stock: Material's defaults (no custom_dir, no extra CSS/JS, stock fonts setting), the same
  nav and just the Markdown extensions needed to parse the docs; our widget fences are left
  to plain superfences, so their bodies render as code blocks. The yardstick for bytes.

Temporary configs live in a temp dir and point at the repo's docs and overrides by absolute
path, so nothing is written into the repo.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
STOCK_EXTENSIONS = [
    "abbr",
    "admonition",
    "attr_list",
    "def_list",
    "md_in_html",
    "tables",
    {"toc": {"permalink": True}},
    "pymdownx.details",
    "pymdownx.superfences",
]


class _Loose(yaml.SafeLoader):
    """Reads mkdocs.yml without resolving its `!ENV` and `!!python/name` tags."""


_Loose.add_multi_constructor("", lambda loader, suffix, node: None)
_Loose.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_nav() -> list:
    """The nav of the real mkdocs.yml, so every build has the same pages."""
    return yaml.load((ROOT / "mkdocs.yml").read_text(), Loader=_Loose)["nav"]


def plain_config(tmp: Path) -> Path:
    """mkdocs.yml inherited with the vendoring hook dropped."""
    path = tmp / "plain.yml"
    path.write_text(
        yaml.safe_dump(
            {
                "INHERIT": str(ROOT / "mkdocs.yml"),
                "docs_dir": str(ROOT / "docs"),
                "theme": {"name": "material", "custom_dir": str(ROOT / "overrides")},
                "hooks": [],
                "watch": [str(ROOT / "src" / "rekindle")],
            }
        )
    )
    return path


def stock_config(tmp: Path) -> Path:
    """A stock mkdocs-material site over the same Markdown. The home page names its own
    template (`template: home.html`); stock Material has none, so a stand-in that is
    Material's own page keeps the build whole and stock."""
    stand_in = tmp / "stock-overrides"
    stand_in.mkdir(exist_ok=True)
    (stand_in / "home.html").write_text('{% extends "main.html" %}\n')
    path = tmp / "stock.yml"
    path.write_text(
        yaml.safe_dump(
            {
                "site_name": "Rekindle",
                "docs_dir": str(ROOT / "docs"),
                "theme": {"name": "material", "custom_dir": str(stand_in)},
                "markdown_extensions": STOCK_EXTENSIONS,
                "nav": site_nav(),
            },
            sort_keys=False,
        )
    )
    return path


def build(dest: Path, config: Path | None, strict: bool = True) -> float:
    """One mkdocs build in a fresh process (as a developer runs it); returns seconds."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--site-dir", str(dest)]
    if strict:
        cmd.append("--strict")
    if config is not None:
        cmd += ["--config-file", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    # A build for this machine on purpose (rekindle.site.address warns about the default).
    env.setdefault("REKINDLE_SITE_URL", "http://127.0.0.1:8000/")
    started = time.perf_counter()
    done = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"build failed ({' '.join(cmd)}):\n{done.stderr[-3000:]}")
    return seconds


def timed_builds(tmp: Path, runs: int) -> tuple[dict[str, list[float]], dict[str, Path]]:
    """Build site, plain and stock `runs` times, interleaved; keep the last output of each."""
    configs = {"site": None, "plain": plain_config(tmp), "stock": stock_config(tmp)}
    times: dict[str, list[float]] = {name: [] for name in configs}
    dests = {name: tmp / f"{name}-site" for name in configs}
    for _ in range(runs):
        for name, config in configs.items():
            times[name].append(build(dests[name], config, strict=name != "stock"))
    return times, dests


def html_pages(site: Path) -> list[str]:
    """Every page of a built site as a URL path relative to its root ("" is the home page)."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.parent.relative_to(site).as_posix()
        if rel.startswith(("bench", "assets", "search")):
            continue
        pages.append("" if rel == "." else rel + "/")
    return pages


def widget_pages(site: Path, pages: list[str]) -> set[str]:
    """Pages that carry a widget (they start the engine), found in the built HTML."""
    return {p for p in pages if "data-rekindle-widget" in (site / p / "index.html").read_text()}
