"""Material's palette stylesheet cut down to the colours our pages use (rekindle.site.palette)."""

from __future__ import annotations

import re
from pathlib import Path

import material

from rekindle.site.palette import keep_rules, trim_palette, used_values

OURS = {"scheme": {"default", "slate"}, "primary": {"custom"}, "accent": {"custom"}}
MATERIAL_PALETTE = next(
    (Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob(
        "palette.*.min.css"
    )
)

PAGE = """<body data-md-color-scheme="default" data-md-color-primary="custom"
 data-md-color-accent="custom"><input data-md-color-scheme="slate"
 data-md-color-primary="custom" data-md-color-accent="custom"></body>"""


def test_rules_for_named_colours_we_never_use_go() -> None:
    css = (
        "[data-md-color-primary=red]{--md-primary-fg-color:red}"
        "[data-md-color-accent=teal] .md-button{color:teal}"
        "[data-md-color-scheme=slate][data-md-color-primary=black] .md-header{color:#000}"
        "[data-md-color-primary=custom] .md-header{color:plum}"
    )
    assert keep_rules(css, OURS) == "[data-md-color-primary=custom] .md-header{color:plum}"


def test_the_dark_scheme_and_rules_not_keyed_on_a_colour_stay() -> None:
    css = (
        "@media screen{[data-md-color-scheme=slate]{color-scheme:dark}"
        '[data-md-color-scheme=slate] img[src$="#only-light"]{display:none}'
        "[data-md-color-switching] *{transition-duration:0s!important}}"
        ".md-typeset a{color:var(--md-typeset-a-color)}"
    )
    assert keep_rules(css, OURS) == css


def test_a_selector_list_keeps_the_selectors_that_can_match() -> None:
    css = "[data-md-color-primary=red] a,[data-md-color-primary=custom] a,.md-nav a{color:red}"
    assert keep_rules(css, OURS) == "[data-md-color-primary=custom] a,.md-nav a{color:red}"


def test_a_requirement_inside_parentheses_is_left_alone() -> None:
    css = ":not([data-md-color-primary=red]) a{color:red}"
    assert keep_rules(css, OURS) == css


def test_blocks_left_empty_go_and_other_at_rules_stay() -> None:
    css = (
        "@media screen and (max-width:76.234375em){[data-md-color-primary=red] .md-tabs"
        "{color:red}}@font-face{font-family:x;src:url(x.woff2)}"
        '.md-icon[title="a{b}"]{color:red}'
    )
    assert keep_rules(css, OURS) == (
        '@font-face{font-family:x;src:url(x.woff2)}.md-icon[title="a{b}"]{color:red}'
    )


def test_the_colours_in_use_are_read_from_the_pages(tmp_path: Path) -> None:
    (tmp_path / "index.html").write_text(PAGE)
    assert used_values(tmp_path) == OURS


def test_the_schemes_our_switch_can_show_count_as_used(tmp_path: Path) -> None:
    # Our switch (overrides/partials/palette.html) sets the scheme from a script; the page
    # carries only the first one on <body>, and the button names them all.
    (tmp_path / "index.html").write_text(
        '<body data-md-color-scheme="default" data-md-color-primary="custom"'
        ' data-md-color-accent="custom"><button data-rk-scheme-toggle'
        ' data-rk-schemes="default slate"></button></body>'
    )
    assert used_values(tmp_path) == OURS


def site_with_palette(tmp_path: Path, page: str = PAGE) -> Path:
    (tmp_path / "index.html").write_text(page)
    sheets = tmp_path / "assets" / "stylesheets"
    sheets.mkdir(parents=True)
    (sheets / MATERIAL_PALETTE.name).write_text(MATERIAL_PALETTE.read_text())
    (sheets / f"{MATERIAL_PALETTE.name}.map").write_text("{}")
    return sheets / MATERIAL_PALETTE.name


def test_materials_palette_keeps_only_what_can_apply(tmp_path: Path) -> None:
    sheet = site_with_palette(tmp_path)
    trim_palette(tmp_path)
    css = sheet.read_text()
    assert "[data-md-color-scheme=slate]{color-scheme:dark;" in css
    assert not re.findall(r"data-md-color-(?:primary|accent)=(?!custom)", css)
    assert "sourceMappingURL" not in css  # the map no longer matches, and is gone
    assert not sheet.with_name(sheet.name + ".map").exists()
    assert len(css) < len(MATERIAL_PALETTE.read_text()) / 3
    trim_palette(tmp_path)
    assert sheet.read_text() == css  # idempotent


def test_pages_that_do_not_name_their_colours_keep_the_whole_palette(tmp_path: Path) -> None:
    sheet = site_with_palette(tmp_path, page="<body></body>")
    trim_palette(tmp_path)
    assert sheet.read_text() == MATERIAL_PALETTE.read_text()


def test_the_built_site_has_the_cut_palette(built_site: Path) -> None:
    [sheet] = (built_site / "assets" / "stylesheets").glob("palette.*.min.css")
    css = sheet.read_text()
    assert "[data-md-color-scheme=slate]" in css
    assert not re.findall(r"data-md-color-(?:primary|accent)=(?!custom)", css)
    assert used_values(built_site) == OURS
