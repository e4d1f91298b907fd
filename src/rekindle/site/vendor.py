"""Put the pinned Pyodide runtime and our engine wheel into a built site.

Layout inside the site (all under one versioned folder, so a new Pyodide never mixes with
an old one in a cache):

    assets/pyodide/<pyodide version>/pyodide.mjs, pyodide.asm.mjs, pyodide.asm.wasm,
                                     python_stdlib.zip
    assets/pyodide/<pyodide version>/rekindle-stdlib-<hash>.zip  what the engine boots from:
                                                           precompiled, trimmed (see
                                                           rekindle.site.stdlib); named in
                                                           the lock file's info
    assets/pyodide/<pyodide version>/pyodide-lock.json     the site's copy: our wheel added
                                                           with `pyodide lockfile add-wheels`,
                                                           then cut down to what we load
    assets/pyodide/<pyodide version>/rekindle/<content key>/rekindle-<v>-py3-none-any.whl

The prepared tree is cached under `.cache/vendor/<pyodide version>-<content key>/` (the
compiled standard library under `.cache/stdlib/`) and then hard-linked into each build,
so `mkdocs serve` pays for it once, not on every save.
Part of `rekindle.site.finish`, which other builders run as `python -m rekindle.site`.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from rekindle.site import stdlib, wheel

ROOT = Path(__file__).resolve().parents[3]
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
ENGINE_PACKAGE = "rekindle"
STDLIB_INFO = "rekindle_stdlib"  # the lock file's info key naming the engine's stdlib zip


class VendorError(RuntimeError):
    """The runtime cannot be vendored; the message says what to do."""


def pinned_pyodide_version(root: Path = ROOT) -> str:
    """The exact Pyodide version package.json pins (the single source of truth)."""
    pin = json.loads((root / "package.json").read_text())["dependencies"]["pyodide"]
    if not pin[:1].isdigit():
        raise VendorError(f"package.json must pin pyodide exactly, not {pin!r}")
    return pin


def pyodide_source(root: Path = ROOT) -> Path:
    """node_modules/pyodide, checked against the pin so a stale install fails loudly."""
    source = root / "node_modules" / "pyodide"
    want = pinned_pyodide_version(root)
    try:
        have = json.loads((source / "package.json").read_text())["version"]
    except FileNotFoundError:
        raise VendorError("Pyodide is not installed: run `npm ci` (or `make serve`).") from None
    if have != want:
        raise VendorError(f"node_modules has Pyodide {have}, package.json pins {want}: `npm ci`.")
    return source


def site_subdir(version: str) -> str:
    return f"assets/pyodide/{version}"


def minimal_lockfile(lock: dict, keep: str = ENGINE_PACKAGE) -> dict:
    """The lock file cut down to `keep` and its dependencies: the reader fetches ~1 KB, not 120."""
    packages, wanted, todo = lock["packages"], {}, [keep]
    while todo:
        name = todo.pop()
        if name not in wanted:
            wanted[name] = packages[name]
            todo.extend(packages[name].get("depends", []))
    return {**lock, "packages": dict(sorted(wanted.items()))}


def _pyodide_cli() -> str:
    beside = Path(sys.executable).with_name("pyodide")
    found = str(beside) if beside.exists() else shutil.which("pyodide")
    if not found:
        raise VendorError("The `pyodide` command (pyodide-build) is missing: reinstall the venv.")
    return found


def add_wheel_to_lockfile(source_lock: Path, wheel_path: Path, out_dir: Path) -> Path:
    """`pyodide lockfile add-wheels`, then trimmed; file names stay relative to out_dir."""
    full = out_dir / "pyodide-lock.full.json"
    cmd = [
        _pyodide_cli(),
        "lockfile",
        "add-wheels",
        "--input",
        str(source_lock),
        "--output",
        str(full),
        "--base-path",
        str(out_dir),
        str(wheel_path),
    ]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise VendorError(f"pyodide lockfile add-wheels failed:\n{done.stderr[-2000:]}")
    lock = minimal_lockfile(json.loads(full.read_text()))
    full.unlink()
    target = out_dir / "pyodide-lock.json"
    target.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return target


def add_engine_stdlib(pyodide_dir: Path, out_dir: Path, lock_path: Path, cache_dir: Path) -> Path:
    """Write the engine's standard library zip and name it in the lock file's info, where
    the worker reads it (a content hash in the name keys its memory snapshot too)."""
    try:
        compiled = stdlib.compiled_stdlib(pyodide_dir, cache_dir)
    except stdlib.StdlibError as error:
        raise VendorError(str(error)) from error
    data = stdlib.engine_stdlib(compiled, wheel.shipped_files())
    digest = hashlib.sha256(data).hexdigest()
    target = out_dir / f"rekindle-stdlib-{digest[:12]}.zip"
    target.write_bytes(data)
    lock = json.loads(lock_path.read_text())
    lock["info"][STDLIB_INFO] = {"file_name": target.name, "sha256": digest}
    lock_path.write_text(json.dumps(lock, indent=1, sort_keys=True) + "\n")
    return target


def recipe_key() -> str:
    """Changes when the code that prepares the tree does, so a cached tree is never stale."""
    digest = hashlib.sha256()
    for path in (Path(__file__), Path(stdlib.__file__), stdlib.COMPILER):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:8]


def prepare(root: Path = ROOT, cache_dir: Path | None = None) -> Path:
    """The vendored tree for this Pyodide and this engine, built once and cached."""
    source = pyodide_source(root)
    content = wheel.content_key()
    version, key = pinned_pyodide_version(root), f"{content}-{recipe_key()}"
    cache_dir = cache_dir or root / ".cache" / "vendor"
    tree = cache_dir / f"{version}-{key}"
    if (tree / "complete").exists():
        return tree
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=cache_dir, prefix="staging-"))
    out = staging / site_subdir(version)
    out.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copy2(source / name, out / name)
    built = wheel.build_wheel(out / ENGINE_PACKAGE / content)
    lock = add_wheel_to_lockfile(source / "pyodide-lock.json", built, out)
    add_engine_stdlib(source, out, lock, root / ".cache" / "stdlib")
    (staging / "complete").write_text(key + "\n")
    shutil.rmtree(tree, ignore_errors=True)
    staging.rename(tree)
    return tree


def install(tree: Path, site_dir: Path) -> list[Path]:
    """Hard-link (or copy, across file systems) the prepared tree into site_dir."""
    placed = []
    for path in sorted(tree.rglob("*")):
        if path.is_file() and path.name != "complete":
            target = site_dir / path.relative_to(tree)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.unlink(missing_ok=True)
            try:
                os.link(path, target)
            except OSError:
                shutil.copy2(path, target)
            placed.append(target)
    return placed


def vendor_site(site_dir: Path, root: Path = ROOT) -> list[Path]:
    return install(prepare(root), site_dir)
