"""The privacy page's "Delete everything" block is complete in the built HTML."""

from __future__ import annotations

from pathlib import Path

from rekindle.site.privacy_page import PLACEHOLDER, fill_placeholder, fill_site


def test_the_button_its_status_line_and_the_no_js_text_are_all_in_the_html() -> None:
    html = fill_placeholder(f"<p>before</p>{PLACEHOLDER}<p>after</p>")
    assert '<button type="button" class="md-button rk-delete-everything" disabled>' in html
    assert '<p role="status" data-rk-delete-status></p>' in html  # a live region from the start
    assert "rk-delete-fallback" in html and "browser's settings" in html
    assert fill_placeholder(html) == html  # idempotent


def test_only_pages_with_the_placeholder_change(tmp_path: Path) -> None:
    (tmp_path / "privacy").mkdir()
    (tmp_path / "privacy" / "index.html").write_text(PLACEHOLDER)
    (tmp_path / "index.html").write_text("<p>home</p>")
    assert fill_site(tmp_path) == 1
    assert (tmp_path / "index.html").read_text() == "<p>home</p>"
    assert fill_site(tmp_path) == 0


def test_the_built_privacy_page_has_the_button(built_site: Path) -> None:
    html = (built_site / "privacy" / "index.html").read_text()
    assert "rk-delete-everything" in html and PLACEHOLDER not in html
