"""The engine's standard library: precompiled by Pyodide, trimmed to what is imported, and
backed by Pyodide's full zip for anything the trim missed (rekindle.site.stdlib)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import textwrap
import zipfile
from pathlib import Path

import pytest

from rekindle.site import stdlib, wheel
from rekindle.site.vendor import STDLIB_INFO, pinned_pyodide_version

VERSION = pinned_pyodide_version()


def fake_stdlib(tmp_path: Path) -> stdlib.CompiledStdlib:
    pyc = tmp_path / "stdlib-pyc.zip"
    with zipfile.ZipFile(pyc, "w") as archive:
        for name in ("a.pyc", "b.pyc", "pkg/__init__.pyc", "pkg/sub.pyc", "unused.pyc"):
            archive.writestr(name, b"compiled " + name.encode())
    imports = {"a": ["b", "builtin_thing"], "b": [], "pkg": [], "pkg.sub": ["a"], "unused": []}
    return stdlib.CompiledStdlib(pyc, frozenset({"a", "sys"}), imports)


def test_the_closure_follows_imports_and_adds_the_packages_that_hold_them() -> None:
    imports = {"a": ["b", "sys"], "b": [], "pkg": [], "pkg.sub": ["a"], "c": []}
    assert stdlib.closure({"pkg.sub", "js"}, imports) == {"pkg", "pkg.sub", "a", "b"}


def test_our_imports_are_read_from_our_sources() -> None:
    sources = [
        ("m.py", b"import json\nfrom enum import StrEnum\nfrom . import sibling\n"),
        ("data.txt", b"import nothing"),
    ]
    assert stdlib.imported_modules(sources) == {"json", "enum", "enum.StrEnum"}


def test_the_trimmed_zip_holds_the_chosen_modules_and_lists_the_rest(tmp_path: Path) -> None:
    compiled = fake_stdlib(tmp_path)
    data = stdlib.trimmed_zip(compiled, {"a", "pkg.sub", "pkg"})
    (tmp_path / "out.zip").write_bytes(data)
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert sorted(archive.namelist()) == [
            stdlib.OMITTED_LIST,
            "a.pyc",
            "pkg/__init__.pyc",
            "pkg/sub.pyc",
        ]
        assert archive.read(stdlib.OMITTED_LIST).decode().split() == ["b", "unused"]
    assert stdlib.trimmed_zip(compiled, {"a", "pkg.sub", "pkg"}) == data  # reproducible


def test_the_engine_zip_is_the_boot_set_plus_our_imports(tmp_path: Path) -> None:
    compiled = fake_stdlib(tmp_path)
    data = stdlib.engine_stdlib(compiled, [("ours.py", b"import pkg.sub\n")])
    (tmp_path / "engine.zip").write_bytes(data)
    names = set(zipfile.ZipFile(tmp_path / "engine.zip").namelist())
    assert names == {stdlib.OMITTED_LIST, "a.pyc", "b.pyc", "pkg/__init__.pyc", "pkg/sub.pyc"}


def site_stdlib(built_site: Path) -> tuple[Path, dict]:
    folder = built_site / "assets" / "pyodide" / VERSION
    info = json.loads((folder / "pyodide-lock.json").read_text())["info"][STDLIB_INFO]
    return folder, info


def test_the_site_ships_a_smaller_precompiled_zip_named_in_its_lock_file(
    built_site: Path,
) -> None:
    folder, info = site_stdlib(built_site)
    data = (folder / info["file_name"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == info["sha256"]
    assert info["file_name"] == f"rekindle-stdlib-{info['sha256'][:12]}.zip"
    assert len(data) < 0.7 * (folder / "python_stdlib.zip").stat().st_size
    names = zipfile.ZipFile(folder / info["file_name"]).namelist()
    assert not [name for name in names if name.endswith(".py")]  # no sources to compile
    for module in (
        "encodings/__init__.pyc",
        "json/__init__.pyc",
        "dataclasses.pyc",
        "_pyodide/__init__.pyc",
        "pyodide/ffi/__init__.pyc",
    ):
        assert module in names, module


@pytest.mark.slow  # runs Pyodide in Node
def test_in_pyodide_the_engine_runs_from_it_and_left_out_modules_still_import(
    built_site: Path, tmp_path: Path
) -> None:
    """Pyodide's own interpreter (in Node) boots from the site's trimmed zip, runs our
    engine, and imports a module the trim left out through the safety net."""
    folder, info = site_stdlib(built_site)
    lock = json.loads((folder / "pyodide-lock.json").read_text())
    wheel_file = folder / lock["packages"]["rekindle"]["file_name"]
    script = tmp_path / "check.mjs"
    script.write_text(
        textwrap.dedent(f"""
        import fs from "node:fs";
        const folder = {json.dumps(str(folder) + "/")};
        const {{ loadPyodide }} = await import(folder + "pyodide.mjs");
        const pyodide = await loadPyodide({{ indexURL: folder,
          stdLibURL: folder + {json.dumps(info["file_name"])} }});
        const wheel = "/lib/{wheel.wheel_name()}";
        pyodide.FS.writeFile(wheel, fs.readFileSync({json.dumps(str(wheel_file))}));
        pyodide.runPython(`import sys; sys.path.insert(0, "${{wheel}}")`);
        const placed = [];
        const place = (path) => {{
          placed.push(path);
          pyodide.FS.writeFile(path, fs.readFileSync(folder + "python_stdlib.zip"));
        }};
        const net = pyodide.pyimport("rekindle.engine.full_stdlib");
        const installed = net.install(place);
        const before = pyodide.runPython("import sys; 'xml.dom.minidom' in sys.modules");
        const answer = pyodide.runPython(`
        import json
        from rekindle.engine import handle
        call = {{"widget": "turn-timer", "op": "nope", "args": {{}}}}
        json.loads(handle(json.dumps(call)))["error"]["kind"]
        `);
        const minidom = pyodide.runPython(`import xml.dom.minidom
        xml.dom.minidom.parseString("<a>hi</a>").documentElement.tagName`);
        console.log(JSON.stringify({{ installed, before, answer, minidom, placed }}));
    """)
    )
    done = subprocess.run(
        ["node", str(script)], capture_output=True, text=True, check=False, timeout=120
    )
    assert done.returncode == 0, done.stderr[-3000:]
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["installed"] is True and result["before"] is False
    assert result["answer"] == "unknown-op"  # our engine answered, from the trimmed zip
    assert result["minidom"] == "a" and len(result["placed"]) == 1
