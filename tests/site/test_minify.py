"""Minifying our CSS and JavaScript: smaller, still valid, imports untouched, only our files,
and a rebuild that changed nothing runs no esbuild (rekindle.site.minify)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from rekindle.site import finish, minify
from rekindle.site.minify import MinifyError, minify_site, our_files
from tests.conftest import ROOT

OVERRIDES = ROOT / "overrides"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node checks the output's syntax")

MODULE = """\
// A module that imports another and finds files beside itself.
import { helper as renamedHelper } from "./helper.js";

const LONG_DESCRIPTIVE_NAME = new URL("../pyodide/", import.meta.url);

/** Loads a part only when it is on the page. */
export async function loadWhenNeeded(selector) {
  if (!document.querySelector(selector)) return null;
  const { mount } = await import("./part.js");
  return mount(renamedHelper(LONG_DESCRIPTIVE_NAME));
}
"""
CLASSIC = """\
// A classic worker: its top-level names are shared with the scripts it imports.
const CHANNEL = "rekindle-search";
function startWhenAsked(data) {
  if (data === "start") importScripts("search.min.js");
}
self.addEventListener("message", (event) => startWhenAsked(event.data));
"""
STYLE = """\
/* Our colours, with comments that say why. */
:root {
  --rk-plum: #6b2f5a;
}

.rk-quick-exit {
  color: var(--rk-plum);
  margin: 0 0 0 0;
}
"""


def node_check(path: Path, *, module: bool) -> None:
    """Node parses the file as the browser will load it (an ES module or a classic script)."""
    command = [NODE, "--input-type=module", "--check"] if module else [NODE, "--check", str(path)]
    done = subprocess.run(
        command,
        input=path.read_text() if module else None,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, f"{path.name}: {done.stderr}"


def small_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    (site / "assets" / "rekindle").mkdir(parents=True)
    (site / "assets" / "javascripts" / "workers").mkdir(parents=True)
    (site / "assets" / "stylesheets").mkdir(parents=True)
    (site / "assets" / "rekindle" / "loader.js").write_text(MODULE)
    (site / "assets" / "rekindle" / "rekindle.css").write_text(STYLE)
    (site / "assets" / "javascripts" / "workers" / "rekindle-search.js").write_text(CLASSIC)
    (site / "assets" / "javascripts" / "workers" / "search.1234.min.js").write_text(CLASSIC)
    (site / "assets" / "stylesheets" / "main.1234.min.css").write_text(STYLE)
    return site


@needs_node
def test_our_files_come_out_smaller_and_still_valid(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    done = minify_site(site, cache=tmp_path / "cache")
    module = site / "assets" / "rekindle" / "loader.js"
    classic = site / "assets" / "javascripts" / "workers" / "rekindle-search.js"
    style = site / "assets" / "rekindle" / "rekindle.css"
    assert sorted(done) == sorted([module, classic, style])
    for path, source in ((module, MODULE), (classic, CLASSIC), (style, STYLE)):
        assert len(path.read_bytes()) < 0.8 * len(source.encode()), path.name
        assert "why" not in path.read_text()  # the comments are gone
    node_check(module, module=True)
    node_check(classic, module=False)
    assert re.search(r"--rk-plum:\s*#6b2f5a", style.read_text())  # custom properties kept


def test_modules_keep_their_imports_exports_and_import_meta(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    minify_site(site, cache=tmp_path / "cache")
    text = (site / "assets" / "rekindle" / "loader.js").read_text()
    assert re.search(r'from\s*"\./helper\.js"', text)
    assert 'import("./part.js")' in text
    assert "import.meta.url" in text and '"../pyodide/"' in text
    assert re.search(
        r"export\s*\{[^}]*\bas loadWhenNeeded\b|export\s+async\s+function "
        r"loadWhenNeeded",
        text,
    )
    assert "LONG_DESCRIPTIVE_NAME" not in text  # a module's own names may be shortened


def test_a_classic_script_keeps_its_top_level_names(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    minify_site(site, cache=tmp_path / "cache")
    text = (site / "assets" / "javascripts" / "workers" / "rekindle-search.js").read_text()
    assert "CHANNEL=" in text and "function startWhenAsked(" in text
    assert "import " not in text and "export" not in text  # still a classic script


def test_material_files_are_left_alone(tmp_path: Path) -> None:
    site = small_site(tmp_path)
    minify_site(site, cache=tmp_path / "cache")
    workers = site / "assets" / "javascripts" / "workers"
    assert (workers / "search.1234.min.js").read_text() == CLASSIC
    assert (site / "assets" / "stylesheets" / "main.1234.min.css").read_text() == STYLE


def test_a_rebuild_that_changed_nothing_runs_no_esbuild(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = tmp_path / "cache"
    minify_site(small_site(tmp_path / "a"), cache=cache)

    def no_esbuild(*args, **kwargs):
        raise AssertionError("esbuild ran although every result was cached")

    monkeypatch.setattr(minify, "run_esbuild", no_esbuild)
    again = small_site(tmp_path / "b")
    minify_site(again, cache=cache)
    assert (again / "assets" / "rekindle" / "rekindle.css").read_text() == (
        tmp_path / "a" / "site" / "assets" / "rekindle" / "rekindle.css"
    ).read_text()


@needs_node
def test_minifying_twice_gives_valid_files(tmp_path: Path) -> None:
    # A second `python -m rekindle.site` on the same site sees minified files.
    site = small_site(tmp_path)
    module = site / "assets" / "rekindle" / "loader.js"
    minify_site(site, cache=tmp_path / "cache")
    once = len(module.read_bytes())
    minify_site(site, cache=tmp_path / "cache")
    assert len(module.read_bytes()) <= once
    assert 'from"./helper.js"' in module.read_text()
    node_check(module, module=True)


def test_a_missing_esbuild_says_what_to_do(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    root.mkdir()
    shutil.copy(ROOT / "package.json", root / "package.json")
    with pytest.raises(MinifyError, match="npm ci"):
        minify_site(small_site(tmp_path), root=root, cache=tmp_path / "cache")


def test_a_stale_esbuild_says_what_to_do(tmp_path: Path) -> None:
    root = tmp_path / "checkout"
    (root / "node_modules" / "esbuild").mkdir(parents=True)
    shutil.copy(ROOT / "package.json", root / "package.json")
    (root / "node_modules" / "esbuild" / "package.json").write_text('{"version": "0.0.1"}')
    with pytest.raises(MinifyError, match=r"0\.0\.1.*npm ci"):
        minify_site(small_site(tmp_path), root=root, cache=tmp_path / "cache")


def test_esbuild_is_pinned_exactly() -> None:
    pin = json.loads((ROOT / "package.json").read_text())["devDependencies"]["esbuild"]
    assert pin[:1].isdigit(), pin


def test_every_script_under_assets_rekindle_is_an_es_module() -> None:
    # minify.py shortens top-level names there, which only a module keeps to itself.
    config = (ROOT / "mkdocs.yml").read_text()
    listed = re.findall(r"- path: (assets/rekindle/\S+\.js)\n\s+type: (\w+)", config)
    assert listed and all(kind == "module" for _, kind in listed), listed
    assert not re.search(r"^\s+- assets/rekindle/\S+\.js$", config, re.M)  # no plain entries
    for path in (OVERRIDES / "assets" / "rekindle").rglob("*.js"):
        for call in re.findall(r"new Worker\([^)]*\)", path.read_text()):
            assert 'type: "module"' in call, f"{path.name}: {call}"
        assert "importScripts" not in path.read_text(), path.name


@needs_node
def test_the_built_site_serves_minified_files(built_site: Path) -> None:
    files = our_files(built_site)
    assert built_site / "assets" / "rekindle" / "kit" / "rekindle.css" in files
    assert built_site / "assets" / "javascripts" / "workers" / "rekindle-search.js" in files
    for path, kind in files.items():
        source = OVERRIDES / path.relative_to(built_site)
        built = path.read_text()
        assert len(built) < len(source.read_text()), path.name
        assert "\n//" not in built and not built.startswith("//"), path.name
        if kind != "css":
            node_check(path, module=kind == "module")


@pytest.mark.parametrize("dev", [False, True])
def test_mkdocs_serve_keeps_our_files_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, dev: bool
) -> None:
    # Developers debug the files they wrote; every other build minifies, before the
    # service worker hashes the final files.
    seen: list[str] = []
    for step in ("vendor_site", "fill_site", "apply_csp"):
        monkeypatch.setattr(finish, step, lambda *args, **kwargs: None)
    site = small_site(tmp_path)
    module = site / "assets" / "rekindle" / "loader.js"
    monkeypatch.setattr(
        finish, "write_service_worker", lambda site_dir, dev: seen.append(module.read_text())
    )
    monkeypatch.setattr(
        finish, "minify_site", lambda site_dir: minify_site(site_dir, cache=tmp_path / "cache")
    )
    finish.finish_site(site, dev=dev)
    assert seen == [module.read_text()]
    assert (module.read_text() == MODULE) == dev
