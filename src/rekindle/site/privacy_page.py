"""Fill the privacy page's `<div id="delete-everything"></div>` with its "Delete everything"
button and a no-JS fallback.

Both are in the HTML from the start, so the page's layout is final when it is first drawn
(a button rendered later by script moved the text below it and made the page lay itself out
again), and the status line is a live region before anything is announced in it, which
screen readers need to announce the result. CSS shows one of the two: the button once
Material has marked the page as scripted (`.js` on `<html>`), the fallback otherwise
(`.no-js`), so a reader without JavaScript still learns how to clear this site's data in
the browser. The button starts disabled; `privacy.js` enables it once it can act.
Part of `rekindle.site.finish` (idempotent).
"""

from __future__ import annotations

from pathlib import Path

PLACEHOLDER = '<div id="delete-everything"></div>'
FILLED = (
    '<div id="delete-everything"><div class="rk-delete-live"><p>This deletes what this site '
    "stored in this browser: saved answers and settings, the offline copy of the site, and its "
    "offline helper. Other sites are not touched, even ones that share this site's address.</p>"
    '<button type="button" class="md-button rk-delete-everything" disabled>Delete everything '
    'this site stored</button><p role="status" data-rk-delete-status></p></div>'
    '<p class="rk-delete-fallback">The delete button needs JavaScript. Without it, open your '
    "browser's settings, find the data sites store (often under Privacy, then Cookies and site "
    "data), and delete the data for this site.</p></div>"
)


def fill_placeholder(html: str) -> str:
    return html.replace(PLACEHOLDER, FILLED)


def fill_site(site_dir: Path) -> int:
    """Fill every page that holds the placeholder; returns how many pages changed."""
    changed = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        if PLACEHOLDER in html:
            path.write_text(fill_placeholder(html), encoding="utf-8")
            changed += 1
    return changed
