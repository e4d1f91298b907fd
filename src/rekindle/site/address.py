"""Refuse to publish a build that does not know the site's address.

`mkdocs.yml` falls back to the local preview address when `REKINDLE_SITE_URL` is not set.
Built that way and published under a sub-path (`user.github.io/<repo>/`), the 404 page
loaded its stylesheets and scripts from the origin's root: on GitHub Pages, the account's
*other* site. The Pages workflow sets the address; `make build` and `mkdocs gh-deploy` did
not say a word. Now `mkdocs build` warns (and so fails under `--strict`, as `make build`
and the workflow run it) and `mkdocs gh-deploy` stops. Setting the variable, even to the
local address, says it is meant: a preview build for this machine.
"""

from __future__ import annotations

from collections.abc import Mapping

LOCAL_DEFAULT = "http://127.0.0.1:8000/"  # mkdocs.yml's fallback for site_url
VARIABLE = "REKINDLE_SITE_URL"

MESSAGE = (
    f"The site's address is the local default ({LOCAL_DEFAULT}): {VARIABLE} is not set. "
    "A copy published elsewhere would load its 404 page's files from the wrong place (on "
    "GitHub Pages, from the account's other site). Set it to where the site will live, for "
    f"example {VARIABLE}=https://<you>.github.io/<repository>/ make build (the Pages workflow "
    f"does this). For a build meant only for this machine, set {VARIABLE}={LOCAL_DEFAULT}."
)


def address_problem(site_url: str | None, environ: Mapping[str, str]) -> str | None:
    """The message to give when this build would publish with the local default address."""
    if VARIABLE in environ or (site_url or "") != LOCAL_DEFAULT:
        return None
    return MESSAGE
