"""Vendoring: a real build holds the pinned Pyodide and our wheel, listed in its lock file."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from rekindle.site import wheel
from rekindle.site.vendor import PYODIDE_FILES, minimal_lockfile, pinned_pyodide_version
from tests.conftest import ROOT, build_site

VERSION = pinned_pyodide_version()
ENGINE_JS = ROOT / "overrides" / "assets" / "rekindle" / "kit" / "engine-client.js"


def test_the_build_holds_pyodide_under_a_versioned_path(built_site: Path) -> None:
    folder = built_site / "assets" / "pyodide" / VERSION
    for name in PYODIDE_FILES:
        assert (folder / name).stat().st_size > 1000, name


def test_our_wheel_is_in_the_sites_lock_file_and_nothing_else_is(built_site: Path) -> None:
    folder = built_site / "assets" / "pyodide" / VERSION
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    assert list(lock["packages"]) == ["rekindle"]
    entry = lock["packages"]["rekindle"]
    wheel_path = folder / entry["file_name"]
    assert wheel_path.exists() and entry["imports"] == ["rekindle"]
    names = zipfile.ZipFile(wheel_path).namelist()
    assert (
        "rekindle/engine/__init__.py" in names and "rekindle/tools/timer/model/machine.py" in names
    )
    assert not [name for name in names if name.startswith("rekindle/site/")]
    assert not [name for name in names if name.endswith("/fence.py")]


def test_the_wheel_is_reproducible(tmp_path: Path) -> None:
    first = wheel.build_wheel(tmp_path / "a").read_bytes()
    second = wheel.build_wheel(tmp_path / "b").read_bytes()
    assert first == second


def test_the_page_asks_for_the_pinned_pyodide() -> None:
    pinned = re.search(r'PYODIDE_VERSION = "([^"]+)"', ENGINE_JS.read_text()).group(1)
    assert (
        pinned
        == VERSION
        == json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
    )


def test_minimal_lockfile_keeps_the_dependency_closure() -> None:
    lock = {
        "info": {},
        "packages": {"a": {"depends": ["b"]}, "b": {"depends": []}, "c": {"depends": []}},
    }
    assert list(minimal_lockfile(lock, "a")["packages"]) == ["a", "b"]


def test_a_build_without_our_hooks_is_finished_by_one_command(tmp_path: Path) -> None:
    """What a builder that ignores MkDocs hooks (Zensical) needs: `python -m rekindle.site`."""
    config = (ROOT / "mkdocs.yml").read_text()
    config = config.replace("hooks:\n  - src/rekindle/site/mkdocs_hooks.py\n", "")
    config = config.replace("custom_dir: overrides", f"custom_dir: {ROOT / 'overrides'}")
    config = config.replace("  - src/rekindle\n", f"  - {ROOT / 'src/rekindle'}\n")
    config += f"\ndocs_dir: {ROOT / 'docs'}\n"
    (tmp_path / "mkdocs.yml").write_text(config)
    site = tmp_path / "site"
    assert build_site(site, config=tmp_path / "mkdocs.yml").returncode == 0
    assert not (site / "sw.js").exists()  # the hook really was left out
    done = subprocess.run(
        [sys.executable, "-m", "rekindle.site", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert (site / "assets" / "pyodide" / VERSION / "pyodide-lock.json").exists()
    assert (site / "sw.js").exists()
    assert 'http-equiv="Content-Security-Policy"' in (site / "index.html").read_text()
