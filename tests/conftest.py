"""Shared fixtures: one real site build per test session."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# The browser tests serve the site here. Material's instant navigation only takes over links
# listed in sitemap.xml, which carries site_url, so the build must know the served address.
# Kept in the environment so that a second import of this module agrees on the port.
SITE_PORT = int(os.environ.setdefault("REKINDLE_TEST_PORT", str(free_port())))
SITE_PREFIX = "/rekindle/"
SITE_URL = f"http://127.0.0.1:{SITE_PORT}{SITE_PREFIX}"
# The Zensical build is served at an address of its own, beside the MkDocs build.
ZENSICAL_PORT = int(os.environ.setdefault("REKINDLE_ZENSICAL_PORT", str(free_port())))
ZENSICAL_URL = f"http://127.0.0.1:{ZENSICAL_PORT}{SITE_PREFIX}"


def build_site(
    dest: Path, *, config: Path | None = None, site_url: str = SITE_URL
) -> subprocess.CompletedProcess[str]:
    """Run a real `mkdocs build --strict` into dest and return the finished process."""
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(dest)]
    if config is not None:
        cmd += ["--config-file", str(config)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "REKINDLE_SITE_URL": site_url}
    return subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, env=env, check=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site, built once per session with --strict."""
    dest = tmp_path_factory.mktemp("site")
    done = build_site(dest)
    if done.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed:\n{done.stderr[-4000:]}")
    return dest


ZENSICAL_MISSING = (
    "Zensical is not installed in this environment. `make test` installs it (the "
    "`zensical` extra of pyproject.toml); by hand: .venv/bin/pip install -e '.[zensical]'"
)


def build_with_zensical(workdir: Path, site_url: str = ZENSICAL_URL) -> Path:
    """Build the repository's site with Zensical, then run the documented post-build step
    (`python -m rekindle.site SITE_DIR`); return the finished site folder.

    Zensical writes to the config's `site_dir` beside the config file, so the config, the
    guide and the overrides are copied into `workdir` (the package is installed, so the
    config's `!!python/name:` tags resolve as they do for MkDocs)."""
    zensical = Path(sys.executable).parent / "zensical"
    if not zensical.exists():
        pytest.fail(ZENSICAL_MISSING)
    for name in ("mkdocs.yml", "docs", "overrides"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, workdir / name)
        else:
            shutil.copy2(source, workdir / name)
    env = {**os.environ, "REKINDLE_SITE_URL": site_url}
    for command in (
        [str(zensical), "build", "--clean"],
        [sys.executable, "-m", "rekindle.site", str(workdir / "site")],
    ):
        done = subprocess.run(
            command, cwd=workdir, capture_output=True, text=True, env=env, check=False
        )
        if done.returncode != 0:
            pytest.fail(f"{' '.join(command[:2])} failed:\n{(done.stdout + done.stderr)[-4000:]}")
    return workdir / "site"


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The whole site built once per session with Zensical and the post-build step."""
    return build_with_zensical(tmp_path_factory.mktemp("zensical"))
