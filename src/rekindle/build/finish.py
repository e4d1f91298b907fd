"""Everything a built site needs after the Markdown is rendered, in one ordered step.

MkDocs runs it from `mkdocs_hooks.on_post_build`. Builders that ignore MkDocs hooks (such as
Zensical) run it afterwards: `python -m rekindle.build SITE_DIR`.

The order matters: the CSP hashes the final inline scripts, and the service worker's cache
name hashes the final files, so each step sees the work of the ones before it.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rekindle.build.csp import apply_csp
from rekindle.build.offline import write_service_worker
from rekindle.build.privacy_page import fill_site
from rekindle.build.vendor import VendorError, vendor_site


def finish_site(site_dir: Path, *, dev: bool = False) -> None:
    """Vendor Pyodide and our wheel, fill the privacy fallback, add the CSP, write sw.js.

    `dev` is `mkdocs serve`: a CSP that lets its live-reload script run, a caching-free
    service worker. Raises `VendorError` with what to do if Pyodide is not installed.
    """
    vendor_site(site_dir)
    fill_site(site_dir)
    apply_csp(site_dir, dev=dev)
    write_service_worker(site_dir, dev=dev)


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m rekindle.build SITE_DIR", file=sys.stderr)
        return 2
    try:
        finish_site(Path(args[0]))
    except VendorError as error:
        print(f"rekindle.build: {error}", file=sys.stderr)
        return 1
    print(f"rekindle.build: finished {args[0]}")
    return 0
