"""Make the 404 page load everything from this site, whatever depth it is served at.

GitHub Pages serves `404.html` at any missing address under the site (`/<repo>/a/b/c`), so
MkDocs writes its links from `site_url`'s path (`/<repo>/assets/...`) rather than relative
ones. That is right only when the build was given the site's real address: built with the
local default, the page loaded its stylesheets and scripts from the origin's root, which on
GitHub Pages is the account's *other* site (`rekindle.site.address` makes such a build loud).

Here every site-internal address in the page becomes relative to the site's root, behind
one `<base href="<site path>">`: the same page online, and one the service worker can point
at its own scope when it serves this page as the offline fallback (`rekindle.site.offline`),
so offline it loads from this site even if the build's address was wrong. Material's scope
(`__md_scope`, its storage keys) follows the base too. Part of `rekindle.site.finish`, before
the CSP step (it changes an inline script); idempotent.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

PAGE = "404.html"
CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
CHARSET = re.compile(r"<meta charset=[^>]*>", re.I)
SCOPE = re.compile(r'__md_scope=new URL\("[^"]*",location\)')


def site_path(html: str) -> str | None:
    """The site's path as MkDocs wrote it into the 404 page's config ("/rekindle/"), or None
    when the page already uses relative addresses, or is not Material's."""
    found = CONFIG.search(html)
    base = json.loads(found.group(2)).get("base") if found else None
    if not isinstance(base, str) or not base.startswith("/"):
        return None
    return base if base.endswith("/") else base + "/"


def relative(html: str, path: str) -> str:
    """href/src values under `path` made relative to it ("/r/assets/x" -> "assets/x")."""
    attribute = re.compile(r'\b(href|src)="' + re.escape(path) + r'([^"]*)"')
    return attribute.sub(lambda m: f'{m.group(1)}="{m.group(2) or "./"}"', html)


def relative_config(html: str, path: str) -> str:
    """The site's base and the search worker's address in Material's config, relative like
    the rest (the page's config script resolves both against the document's base before
    Material reads them: overrides/main.html)."""

    def rewrite(match: re.Match[str]) -> str:
        config = json.loads(match.group(2))
        for key in ("base", "search"):
            value = config.get(key)
            if isinstance(value, str) and (value + "/").startswith(path):
                config[key] = value[len(path) :] or "./"
        text = json.dumps(config).replace("</", "<\\/")  # never ends its <script> early
        return match.group(1) + text + match.group(3)

    return CONFIG.sub(rewrite, html, count=1)


def with_base(html: str, path: str) -> str:
    """One `<base>` right after the charset, before anything that has an address."""
    anchor = CHARSET.search(html)
    if anchor is None:
        raise ValueError("404 page has no <meta charset> to put its base after")
    html = SCOPE.sub('__md_scope=new URL(".",document.baseURI)', html)
    base = f'\n      <base href="{path}">'
    return f"{html[: anchor.end()]}{base}{html[anchor.end() :]}"


def rewrite_not_found(html: str) -> str:
    """The 404 page with relative addresses behind a `<base>`; unchanged if done already."""
    path = site_path(html)
    if path is None or "<base href=" in html:
        return html
    return with_base(relative_config(relative(html, path), path), path)


def fix_not_found(site_dir: Path) -> bool:
    """Rewrite the site's 404.html in place; returns whether it changed."""
    page = site_dir / PAGE
    if not page.exists():
        return False
    html = page.read_text(encoding="utf-8")
    fixed = rewrite_not_found(html)
    if fixed != html:
        page.write_text(fixed, encoding="utf-8")
    return fixed != html
