"""Build steps for trust on a shared address: a loud build without an address, a relative
404 page, the SHA-256 of every file in sw.js, and a policy the engine's worker inherits."""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from rekindle.site import address, csp, mkdocs_hooks, notfound, offline
from tests.conftest import ROOT, SITE_PREFIX

FILES = re.compile(r"^const FILES = (\{.*?\});$", re.M)


def sw_files(site: Path) -> dict[str, str]:
    return json.loads(FILES.search((site / "sw.js").read_text())[1])


# --- the site's address ------------------------------------------------------------------


def test_only_the_unset_local_default_is_a_problem() -> None:
    default = address.LOCAL_DEFAULT
    assert address.address_problem(default, {}) == address.MESSAGE
    assert address.address_problem(default, {address.VARIABLE: default}) is None  # on purpose
    assert address.address_problem("https://you.github.io/rekindle/", {}) is None
    assert "REKINDLE_SITE_URL=https://<you>.github.io/<repository>/" in address.MESSAGE


@pytest.mark.parametrize(
    ("command", "raises", "warns"),
    [("gh-deploy", True, False), ("build", False, True), ("serve", False, False)],
)
def test_the_hook_stops_gh_deploy_warns_a_build_and_leaves_serve_alone(
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    command: str,
    raises: bool,
    warns: bool,
) -> None:
    monkeypatch.delenv(address.VARIABLE, raising=False)
    mkdocs_hooks.on_startup(command, dirty=False)
    config = type("Config", (), {"site_url": address.LOCAL_DEFAULT})()
    try:
        with caplog.at_level(logging.WARNING, logger="mkdocs.plugins.rekindle"):
            if raises:
                with pytest.raises(PluginError, match="REKINDLE_SITE_URL is not set"):
                    mkdocs_hooks.on_config(config)
            else:
                mkdocs_hooks.on_config(config)
    finally:
        mkdocs_hooks.on_startup("build", dirty=False)
    assert any("REKINDLE_SITE_URL" in r.getMessage() for r in caplog.records) is warns


def test_a_strict_build_without_an_address_fails_and_says_why(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != address.VARIABLE}
    env["NO_MKDOCS_2_WARNING"] = "1"
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(tmp_path)]
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert done.returncode != 0
    assert "REKINDLE_SITE_URL is not set" in done.stderr
    assert "https://<you>.github.io/<repository>/" in done.stderr


# --- the 404 page ------------------------------------------------------------------------


def test_the_404_page_has_one_base_and_only_relative_addresses(built_site: Path) -> None:
    html = (built_site / "404.html").read_text()
    assert html.count("<base ") == 1
    assert f'<base href="{SITE_PREFIX}">' in html
    absolute = re.findall(r'\b(?:href|src)="(/[^"]*)"', html)
    assert absolute == [SITE_PREFIX]  # the base itself
    assert html.index("<base ") < html.index("<link")
    assert '__md_scope=new URL(".",document.baseURI)' in html
    config = json.loads(re.search(r'<script id="__config"[^>]*>(.*?)</script>', html, re.S)[1])
    assert config["base"] == "./" and not config["search"].startswith("/")


def test_rewriting_the_404_page_is_idempotent_and_leaves_relative_pages_alone() -> None:
    page = (
        '<html><head><meta charset="utf-8"><script>__md_scope=new URL("/r/",location)</script>'
        '<link href="/r/assets/a.css"></head><body><a href="/r/">Home</a>'
        '<script id="__config" type="application/json">{"base": "/r", "search": "/r/s.js"}'
        "</script></body></html>"
    )
    once = notfound.rewrite_not_found(page)
    assert notfound.rewrite_not_found(once) == once
    assert 'href="assets/a.css"' in once and 'href="./"' in once
    assert '{"base": "./", "search": "s.js"}' in once
    relative = page.replace('"base": "/r"', '"base": ".."')
    assert notfound.rewrite_not_found(relative) == relative


def test_every_inline_script_of_the_404_page_is_in_the_policy(built_site: Path) -> None:
    html = (built_site / "404.html").read_text()
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[1]
    for text in csp.inline_scripts(html):
        assert csp.script_hash(text) in policy


# --- the service worker's hashes ---------------------------------------------------------


def test_sw_js_holds_the_sha256_of_every_file_it_may_serve(built_site: Path) -> None:
    files = sw_files(built_site)
    on_disk = offline.site_files(built_site)
    assert len(files) == len(on_disk) and "sw.js" not in files
    for rel in on_disk:
        digest = base64.b64encode(hashlib.sha256((built_site / rel).read_bytes()).digest())
        assert files[offline.page_url(rel)] == digest.decode(), rel
    text = (built_site / "sw.js").read_text()
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", text)[1])
    engine = json.loads(re.search(r"const ENGINE = (\[.*?\]);", text)[1])
    assert set(precache) <= set(files) and set(engine) <= set(files)


def test_sw_js_changes_when_one_byte_of_one_file_does(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text("<h1>One</h1>")
    (tmp_path / "404.html").write_text("<h1>Missing</h1>")
    first = offline.render_worker(tmp_path)
    (tmp_path / "index.html").write_text("<h1>Onf</h1>")
    second = offline.render_worker(tmp_path)
    assert FILES.search(first)[1] != FILES.search(second)[1]


def test_the_cache_and_snapshot_names_match_the_kit(built_site: Path) -> None:
    """sw.js and kit/scope.js must agree on names, or an update deletes the snapshot."""
    text = (built_site / "sw.js").read_text()
    scope = (ROOT / "overrides/assets/rekindle/kit/scope.js").read_text()
    assert "const PREFIX = `rekindle ${SCOPE.pathname} `;" in text
    assert "export const PREFIX = `rekindle ${SITE_PATH} `;" in scope
    assert "`${PREFIX}engine-snapshot`" in text and 'siteName("engine-snapshot")' in scope


# --- the policy the engine's worker inherits ----------------------------------------------


def test_the_policy_lets_the_engine_start_from_a_blob_and_nothing_looser(built_site: Path) -> None:
    html = (built_site / "index.html").read_text()
    policy = dict(
        part.strip().split(" ", 1)
        for part in re.search(r'http-equiv="Content-Security-Policy" content="([^"]*)"', html)[
            1
        ].split(";")
    )
    assert policy["worker-src"] == "'self' blob:"
    assert policy["connect-src"] == "'self'" and policy["default-src"] == "'self'"
    assert "'unsafe-eval'" not in policy["script-src"] and "blob:" not in policy["script-src"]
