"""Every internal link of the served site works, as a reader following them would find.

Starting at the site root under its sub-path, follow every `<a href>` that stays on the site
over plain HTTP: each target answers 200, and each `#anchor` names an id on its target page.
No browser is needed; this lives here because it crawls the `server` fixture.
"""

from __future__ import annotations

from collections import deque
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest

from tests.browser.server import SiteServer
from tests.html_links import PageLinks

pytestmark = pytest.mark.browser


def fetch(url: str) -> tuple[int, str, bytes]:
    try:
        with urlopen(url, timeout=10) as response:
            return response.status, response.headers.get_content_type(), response.read()
    except HTTPError as error:
        return error.code, "", b""


def test_every_internal_link_answers_200_and_every_anchor_exists(server: SiteServer) -> None:
    root = server.url
    prefix = urlsplit(root).path

    def internal(url: str) -> bool:
        parts = urlsplit(url)
        return (
            parts.scheme in ("http", "https")
            and f"{parts.scheme}://{parts.netloc}" == server.origin
            and parts.path.startswith(prefix)
        )

    pages: dict[str, set[str] | None] = {}  # url -> ids (None: not HTML)
    status: dict[str, int] = {}
    links: list[tuple[str, str]] = []  # (from page, absolute href with fragment)
    queue = deque([root])
    seen = {root}
    while queue:
        url = queue.popleft()
        code, kind, body = fetch(url)
        status[url] = code
        if code != 200 or kind != "text/html":
            pages[url] = None
            continue
        parser = PageLinks()
        parser.feed(body.decode("utf-8", errors="replace"))
        pages[url] = parser.ids
        for href in parser.links:
            target = urljoin(url, href)
            if not internal(target):
                continue
            links.append((url, target))
            bare, _ = urldefrag(target)
            if bare not in seen:
                seen.add(bare)
                queue.append(bare)

    broken = sorted(
        {
            f"{src} -> {dst} ({status[urldefrag(dst)[0]]})"
            for src, dst in links
            if status[urldefrag(dst)[0]] != 200
        }
    )
    missing = []
    for src, dst in links:
        bare, fragment = urldefrag(dst)
        ids = pages.get(bare)
        if fragment and ids is not None and fragment not in ids:
            missing.append(f"{src} -> {dst}: no id {fragment!r} on the target page")
    html_pages = sum(1 for ids in pages.values() if ids is not None)
    anchored = sum(1 for _, dst in links if urldefrag(dst)[1])
    print(
        f"\ncrawl: {html_pages} pages, {len(pages)} URLs fetched, {len(links)} internal links "
        f"({len(set(d for _, d in links))} distinct, {anchored} with an #anchor)"
    )
    assert not broken, "links that do not answer 200:\n" + "\n".join(broken)
    assert not missing, "anchors that do not exist:\n" + "\n".join(sorted(set(missing)))
    assert html_pages >= 20, f"only {html_pages} pages reached from the root"
