"""MkDocs hooks: a thin adapter over plain functions in `rekindle.build`.

Zensical and other builders ignore MkDocs hooks; for them, run the same steps after a
build with `python -m rekindle.build.vendor SITE_DIR`.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from rekindle.build.vendor import VendorError, vendor_site


def on_post_build(config: MkDocsConfig) -> None:
    """Vendor Pyodide and the engine wheel into every build, `mkdocs serve` included."""
    try:
        vendor_site(Path(config.site_dir))
    except VendorError as error:
        raise PluginError(str(error)) from error
