"""The same repository built with Zensical (Material for MkDocs' successor) and the post-build
step: every tool rendered, Pyodide vendored, the policy on every page, a service worker that
lists only files that exist, one stylesheet look, a trimmed palette. See
rekindle.site.builders for where the two builders differ."""

from __future__ import annotations

import json
import re
from pathlib import Path

from rekindle.site.builders import palette_sheets
from rekindle.site.csp import html_pages, inline_scripts, script_hash
from rekindle.site.vendor import pinned_pyodide_version
from rekindle.tools import TOOLS
from tests.conftest import SITE_PREFIX

POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


def test_every_tool_is_rendered_on_some_page(zensical_site: Path) -> None:
    pages = "\n".join(p.read_text() for p in html_pages(zensical_site))
    for tool in TOOLS:
        assert f'data-rekindle-widget="{tool.fence}"' in pages, tool.fence
        assert f'assets/rekindle/{tool.stylesheet}"' in pages, tool.stylesheet


def test_pyodide_and_our_wheel_are_vendored(zensical_site: Path) -> None:
    folder = zensical_site / "assets" / "pyodide" / pinned_pyodide_version()
    assert (folder / "pyodide.mjs").is_file() and (folder / "pyodide.asm.wasm").is_file()
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    assert list(lock["packages"]) == ["rekindle"]


def test_every_page_has_the_policy_and_every_inline_script_is_hashed(zensical_site: Path) -> None:
    for page in html_pages(zensical_site):
        html = page.read_text()
        found = POLICY.search(html)
        assert found, page
        policy = found[1]
        assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
        for text in inline_scripts(html):
            assert script_hash(text) in policy, (page, text[:80])


def test_zensicals_search_style_is_allowed_by_its_hash_only(zensical_site: Path) -> None:
    html = (zensical_site / "index.html").read_text()
    style_src = re.search(r"style-src ([^;]+)", POLICY.search(html)[1])[1].split()
    assert style_src[0] == "'self'" and len(style_src) == 2 and style_src[1].startswith("'sha256-")


def test_the_service_worker_lists_only_files_that_exist(zensical_site: Path) -> None:
    text = (zensical_site / "sw.js").read_text()
    files = json.loads(re.search(r"const FILES = (\{.*?\});", text)[1])
    assert files
    for url in files:
        path = zensical_site / url
        assert path.is_file() or (path / "index.html").is_file(), url
    assert not [url for url in files if "/stylesheets/modern/" in url]


def test_one_look_and_a_trimmed_palette(zensical_site: Path) -> None:
    sheets = zensical_site / "assets" / "stylesheets"
    assert (sheets / "classic").is_dir() and not (sheets / "modern").exists()
    [palette] = palette_sheets(zensical_site)
    css = palette.read_text()
    assert "[data-md-color-scheme=slate]" in css
    assert "data-md-color-primary=red" not in css and "data-md-color-accent=teal" not in css


def test_the_site_address_reaches_the_build(zensical_site: Path) -> None:
    sitemap = (zensical_site / "sitemap.xml").read_text()
    assert f"{SITE_PREFIX}tools/self-assessment/" in sitemap
