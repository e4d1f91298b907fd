"""Every internal link and anchor in the built site lands somewhere real.

Walks every HTML page of a strict build, collects `href`/`src` values that point inside the
site, and checks that each resolves to a built file and, when it carries a fragment, to an
element with that id in the target page. External links (http, https, mailto, tel, ...) are
out of scope: the site must work offline and promises to load nothing from other hosts.
"""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.html_links import EVERY_REFERENCE, PageLinks


@cache
def parse(html_file: Path) -> PageLinks:
    page = PageLinks(EVERY_REFERENCE)
    page.feed(html_file.read_text(encoding="utf-8"))
    return page


def target_file(site: Path, page: Path, path: str) -> Path:
    """The file a relative or root-relative URL path names, from a page of the site."""
    here = page.parent.relative_to(site).as_posix()
    joined = path.lstrip("/") if path.startswith("/") else posixpath.join(here, path)
    resolved = site / posixpath.normpath(joined)
    if path.endswith("/") or resolved.is_dir():
        resolved = resolved / "index.html"
    return resolved


@cache
def base_path(site: Path) -> str:
    """The URL path the site is served under (from site_url, via the sitemap's first page)."""
    sitemap = (site / "sitemap.xml").read_text(encoding="utf-8")
    first = re.search(r"<loc>\s*([^<\s]+)\s*</loc>", sitemap)
    return urlsplit(first.group(1)).path if first else "/"


def broken_links(site: Path, page: Path) -> list[str]:
    problems = []
    for link in parse(page).links:
        parts = urlsplit(link)
        if parts.scheme or parts.netloc:
            continue  # external: http(s), mailto, tel, data, ...
        path, fragment = unquote(parts.path), unquote(parts.fragment)
        if path.startswith("/"):
            # Root-relative links break when the site moves to a sub-path (GitHub Pages).
            # Only the 404 page may use them, as MkDocs builds it: from site_url's path.
            base = base_path(site)
            if page != site / "404.html" or not path.startswith(base):
                problems.append(f"{link}: root-relative link")
                continue
            path = "/" + path.removeprefix(base)
        target = target_file(site, page, path) if path else page
        if not target.is_file():
            problems.append(f"{link}: no such file {target.relative_to(site)}")
            continue
        if fragment and target.suffix == ".html" and fragment not in parse(target).ids:
            problems.append(f"{link}: no id {fragment!r} in {target.relative_to(site)}")
    return problems


def test_the_site_has_pages(built_site: Path) -> None:
    assert len(list(built_site.rglob("*.html"))) >= 10


def test_every_internal_link_and_anchor_resolves(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    report = {
        page.relative_to(built_site).as_posix(): problems
        for page in pages
        if (problems := broken_links(built_site, page))
    }
    assert not report, "broken internal links:\n" + "\n".join(
        f"  {name}: {problem}" for name, problems in report.items() for problem in problems
    )


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("../barriers/#fear-of-rejection", "intimacy/barriers/index.html"),
        ("./", "intimacy/signs/index.html"),
        ("../../assets/x.css", "assets/x.css"),
    ],
)
def test_target_file_resolves_relative_links(tmp_path: Path, link: str, expected: str) -> None:
    page = tmp_path / "intimacy" / "signs" / "index.html"
    assert target_file(tmp_path, page, link.split("#")[0]) == tmp_path / expected
