"""The site's pages as the browser tests see them: every URL in sitemap.xml, under the server."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlsplit

NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
TOOL_PAGES = {
    "after-a-breakup/the-conversation/": "turn-timer",
    "tools/self-assessment/": "barrier-assessment",
    "tools/pause-journal/": "no-contact-pause",
}

# Collects every CSP violation in every document of a context, from its first moment on.
CSP_LISTENER = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
});
"""


def sitemap_paths(site_dir: Path) -> list[str]:
    """Each page's path relative to the site root ("" for the home page)."""
    tree = ET.parse(site_dir / "sitemap.xml")
    paths = [urlsplit(loc.text.strip()).path for loc in tree.iter(f"{NS}loc")]
    root = min(paths, key=len)  # the home page: site_url's path, e.g. "/rekindle/"
    return [path[len(root) :] for path in paths]


def widget_ready(name: str) -> str:
    return f'[data-rekindle-widget="{name}"][data-state="ready"]'
