"""MkDocs hooks: a thin adapter over `rekindle.site.finish` (see there for other builders)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from rekindle.site.finish import finish_site
from rekindle.site.minify import MinifyError
from rekindle.site.vendor import VendorError

# The MkDocs command of this process ("build", "serve", "gh-deploy"): fixed for its lifetime.
_command = {"name": "build"}


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: a development CSP and worker, files unminified."""
    _command["name"] = command


def on_post_build(config: MkDocsConfig) -> None:
    try:
        finish_site(Path(config.site_dir), dev=_command["name"] == "serve")
    except (VendorError, MinifyError) as error:
        raise PluginError(str(error)) from error
