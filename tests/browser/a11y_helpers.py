"""Helpers shared by the accessibility, endurance and crawl tests."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from playwright.sync_api import Page

WIDGET_READY_MS = 30_000
LOC = re.compile(r"<loc>\s*([^<\s]+)\s*</loc>")


def sitemap_pages(site_dir: Path, base_url: str) -> list[str]:
    """Every page of the built sitemap, as URLs on the served site (the build's site_url
    host is replaced by the server's base URL; paths are kept relative to the site root)."""
    locs = LOC.findall((site_dir / "sitemap.xml").read_text(encoding="utf-8"))
    assert locs, "sitemap.xml lists no pages"
    root = min(locs, key=len)  # the home page is the shortest address
    root_path = urlsplit(root).path
    pages = []
    for loc in locs:
        path = urlsplit(loc).path
        assert path.startswith(root_path), f"{loc} is outside the site root {root}"
        pages.append(urljoin(base_url, path[len(root_path) :]))
    return pages


def wait_for_widgets(page: Page, timeout: float = WIDGET_READY_MS) -> int:
    """Wait until every widget on the page reports data-state="ready"; return how many."""
    count = page.locator("[data-rekindle-widget]").count()
    if count:
        page.wait_for_function(
            """() => [...document.querySelectorAll('[data-rekindle-widget]')]
                   .every((root) => root.dataset.state === 'ready')""",
            timeout=timeout,
        )
    return count
