"""MkDocs hooks: a thin adapter over `rekindle.site.finish` (see there for other builders)."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from rekindle.site.address import address_problem
from rekindle.site.finish import finish_site
from rekindle.site.minify import MinifyError
from rekindle.site.vendor import VendorError

# The MkDocs command of this process ("build", "serve", "gh-deploy"): fixed for its lifetime.
_command = {"name": "build"}
log = logging.getLogger("mkdocs.plugins.rekindle")  # under "mkdocs": --strict counts it


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is `mkdocs serve`: a development CSP and worker, files unminified."""
    _command["name"] = command


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """A build to publish must know its address (rekindle.site.address): gh-deploy stops,
    build warns (a failure under --strict); serve is for this machine and is left alone."""
    problem = address_problem(config.site_url, os.environ)
    if problem and _command["name"] == "gh-deploy":
        raise PluginError(problem)
    if problem and _command["name"] != "serve":
        log.warning(problem)
    return config


def on_post_build(config: MkDocsConfig) -> None:
    try:
        finish_site(Path(config.site_dir), dev=_command["name"] == "serve")
    except (VendorError, MinifyError) as error:
        raise PluginError(str(error)) from error
