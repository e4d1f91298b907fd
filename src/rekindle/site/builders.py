"""Where Material for MkDocs and Zensical build differently, in one place.

One source (mkdocs.yml, the templates in overrides/, our CSS and JS) serves both builders.
Zensical reads mkdocs.yml, the Markdown extensions and the template overrides, and ignores
MkDocs hooks, so `python -m rekindle.site SITE_DIR` runs the post-build steps after it.
What differs in the output, and what the steps do about it:

- Stylesheets. Material writes `assets/stylesheets/main.*.min.css` and `palette.*`;
  Zensical writes both of its looks, `assets/stylesheets/classic/` and `modern/`, and its
  pages link one (`theme.variant` in mkdocs.yml: we choose `classic`, which looks like the
  MkDocs build). `drop_unused_variants` removes the look no page links, so the offline copy
  and the palette trim see one set. `PALETTE_GLOBS` finds the palette in either layout.
- Search. Zensical's search draws its results in a shadow root and styles them with a
  `<style>` element whose text is a string constant in its bundle. Our policy allows no
  inline style, so `shadow_style_hashes` finds that constant and the CSP allows exactly it
  by its SHA-256. Material's search has no such element, so this finds nothing there.
- Templates. Zensical's template engine (not Jinja2) has no count argument for `replace`
  and no string methods such as `split`; overrides/main.html uses neither, and gets the
  tools' stylesheets from `config.extra` (a `!!python/name:` tag both builders resolve).
"""

from __future__ import annotations

import base64
import hashlib
import re
import shutil
from pathlib import Path

VARIANTS = ("classic", "modern")
STYLESHEETS = "assets/stylesheets"
PALETTE_GLOBS = ("assets/stylesheets/palette.*.min.css", "assets/stylesheets/*/palette.*.min.css")
BUNDLE = "assets/javascripts/bundle.*.min.js"
# `…appendChild(C("style",{},Tc.toString()))` in Zensical's bundle: the constant's name.
SHADOW_STYLE_USE = re.compile(r'\(\s*"style"\s*,\s*\{\s*\}\s*,\s*([\w$]+)\.toString\(\)\s*\)')
STRING_LITERAL = (
    r"""(?:var|let|const)\s+{name}\s*=\s*(?P<q>['"`])(?P<text>(?:\\.|(?!(?P=q)).)*)(?P=q)"""
)


def drop_unused_variants(site_dir: Path) -> list[str]:
    """Remove each of Zensical's stylesheet folders (`classic/`, `modern/`) that no page
    links; return the names removed. A MkDocs build has neither folder: nothing happens."""
    folders = [site_dir / STYLESHEETS / name for name in VARIANTS]
    present = [folder for folder in folders if folder.is_dir()]
    if not present:
        return []
    pages = "\n".join(p.read_text(encoding="utf-8", errors="replace") for p in _pages(site_dir))
    removed = []
    for folder in present:
        if f"{STYLESHEETS}/{folder.name}/" not in pages:
            shutil.rmtree(folder)
            removed.append(folder.name)
    return removed


def shadow_style_hashes(site_dir: Path) -> list[str]:
    """CSP hashes of the style text a builder's bundle puts into a shadow root."""
    hashes = []
    for bundle in sorted(site_dir.glob(BUNDLE)):
        script = bundle.read_text(encoding="utf-8", errors="replace")
        for name in sorted(set(SHADOW_STYLE_USE.findall(script))):
            literal = re.search(STRING_LITERAL.format(name=re.escape(name)), script, re.S)
            if literal:
                hashes.append(_hash(_unescape(literal.group("text"))))
    return hashes


def palette_sheets(site_dir: Path) -> list[Path]:
    """The theme's palette stylesheet(s), wherever this builder put them."""
    return sorted({path for pattern in PALETTE_GLOBS for path in site_dir.glob(pattern)})


def _pages(site_dir: Path) -> list[Path]:
    return [p for p in site_dir.rglob("*.html") if "assets/pyodide" not in p.as_posix()]


def _unescape(text: str) -> str:
    """A JavaScript string literal's value (the escapes a minifier writes)."""
    escapes = {"n": "\n", "t": "\t", "r": "\r", "0": "\0", "b": "\b", "f": "\f", "v": "\v"}

    def one(match: re.Match[str]) -> str:
        code = match.group(1)
        if code[0] in "xu":
            return chr(int(code[1:].strip("{}"), 16))
        return escapes.get(code, code)

    return re.sub(r"\\(x[0-9a-fA-F]{2}|u\{[0-9a-fA-F]+\}|u[0-9a-fA-F]{4}|.)", one, text, flags=re.S)


def _hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
