"""Every built page loads Material's bundle deferred (overrides/main.html, `scripts` block),
before our own module scripts: parsing and the first paint never wait for it, and it still
runs before ours, which use its `document$`."""

from __future__ import annotations

import re
from pathlib import Path

EXTERNAL_SCRIPT = re.compile(r"<script\b[^>]*\bsrc=\"([^\"]+)\"[^>]*>")


def test_materials_bundle_is_deferred_and_runs_before_our_modules(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) >= 20
    for page in pages:
        tags = [m.group(0) for m in EXTERNAL_SCRIPT.finditer(page.read_text(encoding="utf-8"))]
        bundles = [i for i, tag in enumerate(tags) if "javascripts/bundle." in tag]
        assert len(bundles) == 1, page
        assert " defer" in tags[bundles[0]], page
        ours = [i for i, tag in enumerate(tags) if "assets/rekindle/" in tag]
        assert ours and all(i > bundles[0] and 'type="module"' in tags[i] for i in ours), page
