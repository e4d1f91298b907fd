"""The standard library the engine boots from: precompiled, and only what it imports.

Pyodide ships its standard library as `python_stdlib.zip` of .py sources (2.5 MB), and a
boot compiles the ~190 modules Pyodide's own start-up imports from source, in WebAssembly.
Measured in Node: 1.7-1.9 s to boot from sources, 0.56-0.65 s from the same modules
precompiled. So the site ships a second zip beside Pyodide's: the modules a bare boot
imports plus everything our engine's code can import (followed through the standard
library's own imports), each as a sourceless .pyc (1.5 MB). The worker passes it to
`loadPyodide` as `stdLibURL`.

Pyodide's full zip stays in the site: `rekindle.engine.full_stdlib` fetches it if anything
ever imports a module left out, so a missed import is slower once, never an error. The
names left out are listed inside the zip (`OMITTED_LIST`) for that finder.

Only Pyodide's own Python can write .pyc files its interpreter accepts, so
`compile_stdlib.mjs` runs it in Node, once per Pyodide version (cached under
`.cache/stdlib/`); choosing the modules and writing the zip happen here, on every build.
"""

from __future__ import annotations

import ast
import hashlib
import json
import shutil
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

from rekindle.engine.full_stdlib import OMITTED_LIST

COMPILER = Path(__file__).with_name("compile_stdlib.mjs")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)


class StdlibError(RuntimeError):
    """The standard library could not be compiled; the message says what to do."""


@dataclass(frozen=True)
class CompiledStdlib:
    """Pyodide's standard library compiled by Pyodide: the .pyc zip and its import graph."""

    pyc_zip: Path
    boot: frozenset[str]
    imports: dict[str, list[str]]

    @classmethod
    def load(cls, directory: Path) -> CompiledStdlib:
        meta = json.loads((directory / "meta.json").read_text())
        return cls(directory / "stdlib-pyc.zip", frozenset(meta["boot"]), meta["imports"])


def compiled_stdlib(pyodide_dir: Path, cache_dir: Path) -> CompiledStdlib:
    """Compile Pyodide's standard library once per Pyodide build and compiler script (the
    cache is keyed by both)."""
    digest = hashlib.sha256((pyodide_dir / "python_stdlib.zip").read_bytes())
    digest.update(COMPILER.read_bytes())
    done = cache_dir / digest.hexdigest()[:16]
    if (done / "meta.json").exists():
        return CompiledStdlib.load(done)
    node = shutil.which("node")
    if not node:
        raise StdlibError(
            "Node.js is needed at build time to precompile Pyodide's standard "
            "library; install Node.js 18 or newer."
        )
    cache_dir.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=cache_dir, prefix="staging-"))
    ran = subprocess.run(
        [node, str(COMPILER), str(pyodide_dir), str(staging)],
        capture_output=True,
        text=True,
        check=False,
    )
    if ran.returncode != 0:
        shutil.rmtree(staging, ignore_errors=True)
        raise StdlibError(f"compiling Pyodide's standard library failed:\n{ran.stderr[-2000:]}")
    shutil.rmtree(done, ignore_errors=True)
    staging.rename(done)
    return CompiledStdlib.load(done)


def imported_modules(sources: list[tuple[str, bytes]]) -> set[str]:
    """Modules imported anywhere in these Python files (absolute imports; ours are all)."""
    found: set[str] = set()
    for name, text in sources:
        if not name.endswith(".py"):
            continue
        for node in ast.walk(ast.parse(text, filename=name)):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def closure(roots: set[str], imports: dict[str, list[str]]) -> set[str]:
    """`roots` and every standard module they can import, with the packages holding them.

    Names that are not modules of the zip (built-ins, our own package, `js`) drop out.
    """
    wanted: set[str] = set()
    todo = [name for name in roots if name in imports]
    while todo:
        name = todo.pop()
        if name in wanted:
            continue
        wanted.add(name)
        parents = [name.rsplit(".", n)[0] for n in range(1, name.count(".") + 1)]
        todo.extend(m for m in [*imports[name], *parents] if m in imports)
    return wanted


def entry_names(module: str) -> tuple[str, str]:
    """Where a module's .pyc can be in the zip: as a module, or as a package."""
    base = module.replace(".", "/")
    return f"{base}.pyc", f"{base}/__init__.pyc"


def trimmed_zip(stdlib: CompiledStdlib, modules: set[str]) -> bytes:
    """A reproducible zip of these modules' .pyc files, plus the list of those left out."""
    out_path = Path(tempfile.mkstemp(suffix=".zip")[1])
    try:
        with (
            zipfile.ZipFile(stdlib.pyc_zip) as source,
            zipfile.ZipFile(out_path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as out,
        ):
            present = set(source.namelist())
            for module in sorted(modules):
                for name in entry_names(module):
                    if name in present:
                        _write(out, name, source.read(name))
            _write(out, OMITTED_LIST, "\n".join(sorted(set(stdlib.imports) - modules)) + "\n")
        return out_path.read_bytes()
    finally:
        out_path.unlink(missing_ok=True)


def _write(out: zipfile.ZipFile, name: str, data: bytes | str) -> None:
    out.writestr(
        zipfile.ZipInfo(name, FIXED_TIME), data, compress_type=zipfile.ZIP_DEFLATED, compresslevel=9
    )


def engine_stdlib(stdlib: CompiledStdlib, engine_sources: list[tuple[str, bytes]]) -> bytes:
    """The zip the engine boots from: the modules a bare boot has imported (a measured set,
    so taken as it is) plus what importing our code imports, followed through the standard
    library's import-time imports."""
    ours = closure(imported_modules(engine_sources), stdlib.imports)
    return trimmed_zip(stdlib, (set(stdlib.boot) & set(stdlib.imports)) | ours)
