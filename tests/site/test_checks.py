"""The fast checks `make check` runs, also run by the test suite, so `make test` (and CI)
fails when the code is unformatted, untyped, layered wrongly or fails ESLint."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent


def run(*command: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHON": sys.executable}
    return subprocess.run(
        command, cwd=ROOT, capture_output=True, text=True, check=False, timeout=300, env=env
    )


def assert_clean(done: subprocess.CompletedProcess[str]) -> None:
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]


def test_the_code_is_formatted() -> None:
    assert_clean(run(sys.executable, "-m", "ruff", "format", "--check", "src", "tests", "scripts"))


def test_ruff_finds_nothing() -> None:
    assert_clean(run(sys.executable, "-m", "ruff", "check", "src", "tests", "scripts"))


def test_pure_models_engine_ops_and_engine_are_strictly_typed() -> None:
    assert_clean(run(sys.executable, "-m", "mypy"))


def test_the_import_contracts_hold() -> None:
    assert_clean(run(str(BIN / "lint-imports"), "--no-cache"))


def test_eslint_finds_nothing() -> None:
    assert_clean(run("npx", "--no-install", "eslint", "."))


def test_the_javascript_unit_tests_pass() -> None:
    files = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "tests" / "js").rglob("*.test.js"))
    assert files
    assert_clean(run("node", "--test", *files))
