"""MkDocs hooks: a thin adapter over plain functions in `rekindle.build`.

Zensical and other builders ignore MkDocs hooks; for them, run the same steps after a
build, in this order:

    python -m rekindle.build.vendor SITE_DIR     Pyodide and the engine wheel
    python -m rekindle.build.privacy_page SITE_DIR   the no-JS text of "Delete everything"
    python -m rekindle.build.csp SITE_DIR        the Content-Security-Policy meta
    python -m rekindle.build.offline SITE_DIR    the service worker (hashes the final site)
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from rekindle.build.csp import apply_csp
from rekindle.build.offline import write_service_worker
from rekindle.build.privacy_page import fill_site
from rekindle.build.vendor import VendorError, vendor_site

# The MkDocs command of this process ("build", "serve", "gh-deploy"): fixed for its lifetime.
_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`, which gets a development CSP and worker."""
    _command["name"] = command


def on_post_build(config: MkDocsConfig) -> None:
    """Vendor Pyodide and the engine wheel, then add the CSP, then write the service worker."""
    site_dir = Path(config.site_dir)
    dev = _command["name"] == "serve"
    try:
        vendor_site(site_dir)
    except VendorError as error:
        raise PluginError(str(error)) from error
    fill_site(site_dir)
    apply_csp(site_dir, dev=dev)
    write_service_worker(site_dir, dev=dev)
