"""Everything a built site needs after the Markdown is rendered, in one ordered step.

MkDocs runs it from `mkdocs_hooks.on_post_build`. Builders that ignore MkDocs hooks (such as
Zensical) run it afterwards: `python -m rekindle.site SITE_DIR`.

The order matters: the CSP hashes the final inline scripts, and the service worker's cache
name hashes the final files (minified), so each step sees the work of the ones before it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rekindle.site.builders import drop_unused_variants
from rekindle.site.csp import apply_csp
from rekindle.site.minify import MinifyError, minify_site
from rekindle.site.notfound import fix_not_found
from rekindle.site.offline import write_service_worker
from rekindle.site.palette import trim_palette
from rekindle.site.privacy_page import fill_site
from rekindle.site.vendor import VendorError, vendor_site


def finish_site(site_dir: Path, *, dev: bool = False) -> None:
    """Vendor Pyodide and our wheel, drop the stylesheet look no page uses (Zensical),
    fill the privacy fallback, make the 404 page's addresses relative, minify our CSS and JS,
    cut the palette stylesheet to our colours, add the CSP, write sw.js (with every file's
    SHA-256).

    `dev` is `mkdocs serve`: our files as written (readable in the browser's debugger), a
    CSP that lets its live-reload script run, a caching-free service worker. Raises
    `VendorError` or `MinifyError` with what to do if Pyodide or esbuild is not installed.
    """
    vendor_site(site_dir)
    drop_unused_variants(site_dir)
    fill_site(site_dir)
    fix_not_found(site_dir)
    if not dev:
        minify_site(site_dir)
    trim_palette(site_dir)
    apply_csp(site_dir, dev=dev)
    write_service_worker(site_dir, dev=dev)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m rekindle.site SITE_DIR", file=sys.stderr)
        return 2
    try:
        finish_site(Path(args[0]))
    except (VendorError, MinifyError) as error:
        print(f"rekindle.site: {error}", file=sys.stderr)
        return 1
    print(f"rekindle.site: finished {args[0]}")
    return 0
