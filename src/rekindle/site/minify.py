"""Minify our own CSS and JavaScript in a built site, with the esbuild that package.json pins.

Why: readers download our stylesheets and scripts on every first visit, and our sources
are written to be read (comments that say why, long names). Minified, a text page's own
files are about half as many bytes on the wire. Only our files are touched (everything
under `assets/rekindle/` and the search-worker gate beside Material's worker), never
Material's or Pyodide's, which come minified.

Each file is transformed on its own, never bundled: import specifiers, `import.meta.url`
and file names stay exactly as they are, so modules still find each other. Every script
under `assets/rekindle/` is an ES module (mkdocs.yml loads them with `type: module`, and
the engine's worker is started with `type: "module"`): top-level names are private to
each module and may be shortened. The search-worker gate is a classic worker script
(it calls `importScripts`), whose top-level names are shared with Material's worker:
esbuild keeps them.

Results are cached under `.cache/minify/`, keyed by esbuild's version, the options and
the input's content, so a rebuild that changed nothing runs no esbuild at all.
Part of `rekindle.site.finish`, before the CSP and the service worker (which hashes the
final files); skipped for `mkdocs serve`, so developers debug the files they wrote.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CACHE = ROOT / ".cache" / "minify"
MODULES = "assets/rekindle"  # every .js here is an ES module; every .css ours
CLASSIC = ("assets/javascripts/workers/rekindle-search.js",)  # classic scripts of ours

# esbuild options per kind of file. No --bundle: each file alone, its imports untouched.
# --charset=utf8 keeps non-ASCII text as it is (escaped, it would be longer).
OPTIONS: dict[str, tuple[str, ...]] = {
    "module": ("--minify", "--format=esm", "--charset=utf8", "--legal-comments=none"),
    "classic": ("--minify", "--charset=utf8", "--legal-comments=none"),
    "css": ("--minify", "--charset=utf8", "--legal-comments=none"),
}


class MinifyError(RuntimeError):
    """Our files cannot be minified; the message says what to do."""


def esbuild(root: Path = ROOT) -> tuple[Path, str]:
    """node_modules' esbuild and its version, checked against package.json's pin."""
    want = json.loads((root / "package.json").read_text())["devDependencies"]["esbuild"]
    try:
        have = json.loads((root / "node_modules" / "esbuild" / "package.json").read_text())
    except FileNotFoundError:
        raise MinifyError("esbuild is not installed: run `npm ci` (or `make build`).") from None
    if have["version"] != want:
        raise MinifyError(
            f"node_modules has esbuild {have['version']}, package.json pins {want}: `npm ci`."
        )
    return root / "node_modules" / "esbuild" / "bin" / "esbuild", want


def our_files(site_dir: Path) -> dict[Path, str]:
    """Our CSS and JavaScript in the built site, each with its kind (a key of OPTIONS)."""
    found: dict[Path, str] = {}
    for path in sorted((site_dir / MODULES).rglob("*")):
        if path.suffix == ".js":
            found[path] = "module"
        elif path.suffix == ".css":
            found[path] = "css"
    for name in CLASSIC:
        if (site_dir / name).is_file():
            found[site_dir / name] = "classic"
    return found


def cache_key(version: str, kind: str, content: bytes) -> str:
    """Names a minified result: the same esbuild, options and input give the same output."""
    digest = hashlib.sha256(f"esbuild {version} {' '.join(OPTIONS[kind])}\0".encode())
    digest.update(content)
    return digest.hexdigest()[:32]


def run_esbuild(binary: Path, kind: str, sources: dict[str, bytes], cache: Path) -> None:
    """Minify `sources` (cache file name -> input) with one esbuild run into `cache`.

    The work folder is inside `cache`, so results move in with a rename on one file system.
    """
    cache.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="staging-", dir=cache) as tmp:
        work, out = Path(tmp) / "in", Path(tmp) / "out"
        work.mkdir()
        for name, content in sources.items():
            (work / name).write_bytes(content)
        command = [
            str(binary),
            *OPTIONS[kind],
            f"--outdir={out}",
            "--log-level=warning",
            *sorted(str(work / name) for name in sources),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, check=False)
        except OSError as error:
            raise MinifyError(f"esbuild did not run ({error}): run `npm ci`.") from error
        if done.returncode != 0:
            raise MinifyError(f"esbuild failed:\n{done.stderr.strip()}")
        for name in sources:
            os.replace(out / name, cache / name)  # whole files only, even if two builds race


def minify_site(site_dir: Path, *, root: Path = ROOT, cache: Path = CACHE) -> list[Path]:
    """Replace our CSS and JavaScript in `site_dir` with minified copies; return them."""
    files = our_files(site_dir)
    if not files:
        return []
    binary, version = esbuild(root)
    results: dict[Path, Path] = {}
    missing: dict[str, dict[str, bytes]] = {}
    for path, kind in files.items():
        content = path.read_bytes()
        name = cache_key(version, kind, content) + path.suffix
        results[path] = cache / name
        if not (cache / name).is_file():
            missing.setdefault(kind, {})[name] = content
    for kind, sources in missing.items():
        run_esbuild(binary, kind, sources, cache)
    for path, result in results.items():
        path.unlink()  # a hard link into a cache elsewhere must not be written through
        shutil.copyfile(result, path)
    return list(results)
