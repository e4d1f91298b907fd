"""Put one Content-Security-Policy `<meta>` at the top of every built page.

GitHub Pages cannot send headers, so the policy travels in the HTML. It allows only the
site's own origin. Inline scripts (Material's `__md_scope` and palette bootstraps, the
`#__tabbed_` one) are allowed by their sha256, computed here from the built HTML.

Why one policy, the same on every page: with `navigation.instant` the policy of the page
the reader *entered* on governs the whole visit, and Material re-creates the inline scripts
it finds in each new page's content. So every page carries the hashes of every page.

Data blocks (`<script type="application/json">`) never execute and need no hash.
`style-src` needs no 'unsafe-inline': the built pages carry no `style` attributes or
`<style>` elements, and Material styles elements at runtime through the CSSOM
(`element.style`), which CSP does not govern. The browser tests would report otherwise.
Zensical's search adds one `<style>` element of fixed text; it is allowed by its hash
(`rekindle.site.builders.shadow_style_hashes`).

Part of `rekindle.site.finish` (idempotent).
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable
from pathlib import Path

from rekindle.site.builders import shadow_style_hashes

SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script\s*>", re.S | re.I)
TYPE = re.compile(r"""\btype\s*=\s*["']?(?P<type>[^"'\s>]*)""", re.I)
SRC = re.compile(r"\bsrc\s*=", re.I)
OLD_META = re.compile(r'\s*<meta http-equiv="Content-Security-Policy"[^>]*>', re.I)
ANCHORS = (re.compile(r"<meta charset=[^>]*>", re.I), re.compile(r"<head[^>]*>", re.I))
JS_TYPES = {"", "module", "text/javascript", "application/javascript", "text/ecmascript"}
SKIP_DIRS = ("assets/pyodide/",)

BASE_POLICY: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self' 'wasm-unsafe-eval'"),  # Pyodide compiles wasm; never 'unsafe-eval'
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),  # Material's CSS draws some icons as data: SVGs
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    # The search worker and the service worker load from the site; the engine starts from a
    # blob: URL that imports our worker, so it inherits this very policy (a worker loaded
    # from the site would get none: GitHub Pages sends no CSP header). See engine-client.js.
    ("worker-src", "'self' blob:"),
    ("manifest-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def html_pages(site_dir: Path) -> list[Path]:
    """Every built HTML page (the vendored runtime holds none, but skip it anyway)."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        rel = path.relative_to(site_dir).as_posix()
        if not rel.startswith(SKIP_DIRS):
            pages.append(path)
    return pages


def inline_scripts(html: str) -> list[str]:
    """The text of each inline `<script>` the browser would execute."""
    found = []
    for match in SCRIPT.finditer(html):
        attrs = match.group("attrs")
        kind = TYPE.search(attrs)
        if SRC.search(attrs) or (kind and kind.group("type").lower() not in JS_TYPES):
            continue
        found.append(match.group("body"))
    return found


def script_hash(text: str) -> str:
    """The CSP source expression for one inline script: its UTF-8 text, sha256, base64."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def build_policy(hashes: Iterable[str], style_hashes: Iterable[str] = ()) -> str:
    """The policy text: BASE_POLICY with the script (and style) hashes added, stably ordered."""
    extra = {
        "script-src": " ".join(sorted(set(hashes))),
        "style-src": " ".join(sorted(set(style_hashes))),
    }
    parts = []
    for name, value in BASE_POLICY:
        if extra.get(name):
            value = f"{value} {extra[name]}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def with_policy(html: str, policy: str) -> str:
    """The page with its old policy meta (if any) replaced, placed before any script."""
    html = OLD_META.sub("", html)
    meta = f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
    anchor = ANCHORS[0].search(html) or ANCHORS[1].search(html)
    if anchor is None:
        raise ValueError("page has no <head> to put the policy in")
    return f"{html[: anchor.end()]}\n      {meta}{html[anchor.end() :]}"


def apply_csp(site_dir: Path, *, dev: bool = False) -> str:
    """Hash every inline script of the site, write the policy into every page; return it.

    `dev` (for `mkdocs serve`) allows inline scripts instead of hashing them: the dev
    server injects its live-reload script after the build, so no hash could match it.
    """
    pages = {path: path.read_text(encoding="utf-8") for path in html_pages(site_dir)}
    hashes = {script_hash(text) for html in pages.values() for text in inline_scripts(html)}
    policy = build_policy(["'unsafe-inline'"] if dev else hashes, shadow_style_hashes(site_dir))
    for path, html in pages.items():
        updated = with_policy(html, policy)
        if updated != html:
            path.write_text(updated, encoding="utf-8")
    return policy
