"""The CSP and service-worker build steps, as plain functions and on the real build."""

from __future__ import annotations

import base64
import hashlib
import json
import re
from pathlib import Path

from rekindle.site import csp, offline


def test_only_executable_inline_scripts_are_hashed() -> None:
    html = (
        '<script>a()</script><script type="module">b()</script>'
        '<script id="__config" type="application/json">{"x": 1}</script>'
        '<script src="x.js"></script>'
    )
    assert csp.inline_scripts(html) == ["a()", "b()"]


def test_hash_is_the_browsers_sha256_of_the_script_text() -> None:
    want = base64.b64encode(hashlib.sha256(b"alert(1)").digest()).decode()
    assert csp.script_hash("alert(1)") == f"'sha256-{want}'"


def test_policy_meta_goes_after_charset_and_is_replaced_not_repeated() -> None:
    page = '<html><head><meta charset="utf-8"><script>x()</script></head></html>'
    once = csp.with_policy(page, "default-src 'self'")
    twice = csp.with_policy(once, "default-src 'none'")
    assert twice.count("Content-Security-Policy") == 1
    assert twice.index("charset") < twice.index("default-src 'none'") < twice.index("<script")


def test_built_policy(built_site: Path) -> None:
    html = (built_site / "index.html").read_text()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1]
    assert "'unsafe-eval'" not in policy and "'unsafe-inline'" not in policy
    assert "'wasm-unsafe-eval'" in policy and "object-src 'none'" in policy
    for text in csp.inline_scripts(html):
        assert csp.script_hash(text) in policy


def test_page_urls_and_precache_leave_out_the_engine() -> None:
    files = [
        "index.html",
        "about/index.html",
        "404.html",
        "assets/pyodide/1/pyodide.asm.wasm",
        "assets/javascripts/bundle.js",
        "assets/javascripts/bundle.js.map",
        "assets/javascripts/lunr/min/lunr.de.min.js",
        "search/search_index.json",
    ]
    assert offline.precache_list(files) == [
        "./",
        "404.html",
        "about/",
        "assets/javascripts/bundle.js",
        "search/search_index.json",
    ]
    assert offline.engine_list(files) == ["assets/pyodide/1/pyodide.asm.wasm"]
    full = ["assets/pyodide/1/python_stdlib.zip", "assets/pyodide/1/rekindle-stdlib-ab.zip"]
    assert offline.engine_list(full) == ["assets/pyodide/1/rekindle-stdlib-ab.zip"]


def test_any_change_to_the_site_is_a_new_cache_version(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>One</h1>")
    first = offline.site_version(tmp_path, ["index.html"])
    (tmp_path / "index.html").write_text("<h1>Two</h1>")
    assert offline.site_version(tmp_path, ["index.html"]) != first


def test_built_service_worker(built_site: Path) -> None:
    text = (built_site / "sw.js").read_text()
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", text)[1])
    assert "./" in precache and "tools/self-assessment/" in precache
    assert not [path for path in precache if path.startswith("assets/pyodide/")]
    engine = json.loads(re.search(r"const ENGINE = (\[.*?\]);", text)[1])
    assert any(path.endswith("pyodide.asm.wasm") for path in engine)
