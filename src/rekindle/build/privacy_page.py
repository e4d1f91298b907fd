"""Fill the privacy page's `<div id="delete-everything"></div>` with a no-JS fallback.

`privacy.js` replaces the contents with the real "Delete everything" button; without
JavaScript the reader still learns how to clear this site's data in the browser.
Part of `rekindle.build.finish` (idempotent).
"""

from __future__ import annotations

from pathlib import Path

PLACEHOLDER = '<div id="delete-everything"></div>'
FALLBACK = (
    '<div id="delete-everything"><p class="rk-delete-fallback">The delete button needs '
    "JavaScript. Without it, open your browser's settings, find the data sites store (often "
    "under Privacy, then Cookies and site data), and delete the data for this site.</p></div>"
)


def fill_placeholder(html: str) -> str:
    return html.replace(PLACEHOLDER, FALLBACK)


def fill_site(site_dir: Path) -> int:
    """Fill every page that holds the placeholder; returns how many pages changed."""
    changed = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            path.write_text(fill_placeholder(html), encoding="utf-8")
            changed += 1
    return changed
