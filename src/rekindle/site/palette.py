"""Cut Material's palette stylesheet down to the rules that can apply on this site.

Why: Material links `assets/stylesheets/palette.<hash>.min.css` on every page whenever
`theme.palette` is set (we have one, for the light/dark switch), and every first visit
downloads it. Most of it styles Material's named colours (`[data-md-color-primary=red]`,
`[data-md-color-accent=teal]`, ...), which this site never uses: its primary and accent are
`custom`, with our colours in rekindle.css. Cut down, the file keeps the dark (`slate`)
scheme and anything not keyed on a colour: about 2.0 KB on the wire becomes 0.6 KB.

Which values can apply is read from the built pages, not from mkdocs.yml: Material writes
the scheme, primary and accent as `data-md-color-*` attributes on `<body>` (and, with its
own palette form, on that form's inputs), and our light/dark switch names every scheme it
can put on `<body>` in `data-rk-schemes` (overrides/partials/palette.html). A selector
that requires a value no page carries can never match, so it goes; a rule whose selectors
all go, goes; an `@media` block left empty, goes. Anything else stays as it was.

The file keeps Material's hashed name (only its content changes; it is served with the
same short cache lifetime as everything else). Its source map no longer matches, so the
reference to it and the map file are dropped. Part of `rekindle.site.finish`, before the
service worker hashes the final files (idempotent).
"""

from __future__ import annotations

import re
from pathlib import Path

from rekindle.site.builders import palette_sheets

KEYS = ("scheme", "primary", "accent")
USED = re.compile(r"""\bdata-md-color-(scheme|primary|accent)=["']([^"']+)["']""")
REQUIRED = re.compile(r"""\[data-md-color-(scheme|primary|accent)=["']?([\w-]+)["']?\]""")
SWITCH_SCHEMES = re.compile(r"""\bdata-rk-schemes=["']([^"']+)["']""")
SOURCE_MAP = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")
NESTED_AT_RULES = ("@media", "@supports", "@layer", "@container")

Used = dict[str, set[str]]


def used_values(site_dir: Path) -> Used:
    """Every scheme, primary and accent a built page names in a `data-md-color-*` attribute,
    and every scheme our light/dark switch can show (`data-rk-schemes` on its button,
    overrides/partials/palette.html)."""
    used: Used = {key: set() for key in KEYS}
    for page in site_dir.rglob("*.html"):
        html = page.read_text(encoding="utf-8", errors="replace")
        for key, value in USED.findall(html):
            used[key].add(value)
        for names in SWITCH_SCHEMES.findall(html):
            used["scheme"].update(names.split())
    return used


def _skip_string(css: str, i: int) -> int:
    """The index just past the quoted string (or comment) starting at `i`."""
    if css.startswith("/*", i):
        end = css.find("*/", i + 2)
        return len(css) if end < 0 else end + 2
    quote, i = css[i], i + 1
    while i < len(css) and css[i] != quote:
        i += 2 if css[i] == "\\" else 1
    return i + 1


def split_blocks(css: str) -> list[tuple[str, str]]:
    """Top-level `prelude { body }` pairs (and `@import ...;`-style statements, body "")."""
    blocks: list[tuple[str, str]] = []
    start = i = 0
    depth = 0
    open_at = 0
    while i < len(css):
        char = css[i]
        if char in "\"'" or css.startswith("/*", i):
            i = _skip_string(css, i)
            continue
        if char == "{":
            if depth == 0:
                open_at = i
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                blocks.append((css[start:open_at].strip(), css[open_at + 1 : i]))
                start = i + 1
        elif char == ";" and depth == 0:
            blocks.append((css[start : i + 1].strip(), ""))
            start = i + 1
        i += 1
    return blocks


def split_selectors(prelude: str) -> list[str]:
    """A selector list's selectors, split on commas outside brackets and parentheses."""
    parts, depth, start = [], 0, 0
    for i, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:i])
            start = i + 1
    parts.append(prelude[start:])
    return parts


def can_match(selector: str, used: Used) -> bool:
    """False if the selector requires a colour value no page carries. A requirement inside
    parentheses (`:not(...)`, `:is(...)`) is left alone: it may mean the opposite."""
    for match in REQUIRED.finditer(selector):
        before = selector[: match.start()]
        outside = before.count("(") == before.count(")")
        if outside and match.group(2) not in used[match.group(1)]:
            return False
    return True


def keep_rules(css: str, used: Used) -> str:
    """`css` without the rules that cannot match, and without at-rule blocks left empty."""
    out: list[str] = []
    for prelude, body in split_blocks(css):
        if prelude.startswith(NESTED_AT_RULES):
            inner = keep_rules(body, used)
            if inner:
                out.append(f"{prelude}{{{inner}}}")
        elif prelude.startswith("@"):
            out.append(f"{prelude}{{{body}}}" if body or not prelude.endswith(";") else prelude)
        else:
            selectors = [s for s in split_selectors(prelude) if can_match(s, used)]
            if selectors:
                out.append(f"{','.join(selectors)}{{{body}}}")
    return "".join(out)


def trim_palette(site_dir: Path) -> list[Path]:
    """Rewrite Material's palette stylesheet(s) in `site_dir` to the rules that can apply."""
    sheets = palette_sheets(site_dir)
    if not sheets:
        return []
    used = used_values(site_dir)
    if not all(used[key] for key in KEYS):
        return sheets  # pages that do not say their colours: keep everything, to be safe
    for sheet in sheets:
        css = SOURCE_MAP.sub("", sheet.read_text(encoding="utf-8"))
        trimmed = keep_rules(css, used)
        sheet.unlink()  # never write through a hard link
        sheet.write_text(trimmed + "\n", encoding="utf-8")
        sheet.with_name(sheet.name + ".map").unlink(missing_ok=True)
    return sheets
