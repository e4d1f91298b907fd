"""Shared fixtures: one real site build per test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def build_site(dest: Path, *, config: Path | None = None) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build --strict` into dest and return the finished process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)]
    if config is not None:
        cmd += ["--config-file", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per session with --strict."""
    dest = tmp_path_factory.mktemp("site")
    done = build_site(dest)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stderr[-4000:]}")
    return dest
