"""The safety net under the engine's trimmed standard library (rekindle.engine.full_stdlib).

Here with a stand-in "full" zip on the host Python; tests/site/test_stdlib.py runs it in
Pyodide's own interpreter with the real zips.
"""

from __future__ import annotations

import importlib
import sys
import zipfile
from pathlib import Path

import pytest

from rekindle.engine.full_stdlib import OMITTED_LIST, FullStdlibFinder, install, omitted_names


@pytest.fixture
def full_zip(tmp_path: Path) -> bytes:
    """A small "full standard library": a module and a package with a submodule."""
    path = tmp_path / "full.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("rk_left_out.py", "ANSWER = 42\n")
        archive.writestr("rk_left_pkg/__init__.py", "")
        archive.writestr("rk_left_pkg/inner.py", "NAME = 'inner'\n")
    return path.read_bytes()


@pytest.fixture
def finder(tmp_path: Path, full_zip: bytes):
    placed: list[str] = []

    def place(path: str) -> None:
        placed.append(path)
        Path(path).write_bytes(full_zip)

    omitted = frozenset({"rk_left_out", "rk_left_pkg", "rk_left_pkg.inner"})
    net = FullStdlibFinder(omitted, place, str(tmp_path / "placed-full.zip"))
    sys.meta_path.append(net)
    yield net, placed
    sys.meta_path.remove(net)
    for name in ("rk_left_out", "rk_left_pkg", "rk_left_pkg.inner"):
        sys.modules.pop(name, None)


def test_a_left_out_module_is_imported_from_the_full_zip_fetched_once(finder) -> None:
    _, placed = finder
    assert importlib.import_module("rk_left_out").ANSWER == 42
    assert importlib.import_module("rk_left_pkg.inner").NAME == "inner"
    assert len(placed) == 1  # one fetch serves every later import


def test_names_the_build_did_not_leave_out_cost_nothing(finder) -> None:
    _, placed = finder
    with pytest.raises(ImportError):
        importlib.import_module("rk_never_existed")  # an optional import failing as usual
    assert placed == []


def test_the_left_out_list_is_read_from_the_trimmed_zip(tmp_path: Path) -> None:
    trimmed = tmp_path / "lib" / "python399.zip"
    trimmed.parent.mkdir()
    with zipfile.ZipFile(trimmed, "w") as archive:
        archive.writestr(OMITTED_LIST, "email\nemail.mime\n")
    assert omitted_names(str(trimmed)) == {"email", "email.mime"}
    assert omitted_names(str(tmp_path / "missing.zip")) == frozenset()


def test_install_adds_one_finder_only_for_a_trimmed_zip(tmp_path: Path, monkeypatch) -> None:
    trimmed, own = tmp_path / "python399.zip", tmp_path / "pyodides-own.zip"
    with zipfile.ZipFile(trimmed, "w") as archive:
        archive.writestr(OMITTED_LIST, "rk_left_out\n")
    with zipfile.ZipFile(own, "w") as archive:
        archive.writestr("json/__init__.py", "")
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    assert install(lambda path: None, str(trimmed)) is True
    assert install(lambda path: None, str(trimmed)) is True
    assert sum(isinstance(f, FullStdlibFinder) for f in sys.meta_path) == 1
    monkeypatch.setattr(
        sys, "meta_path", [f for f in sys.meta_path if not isinstance(f, FullStdlibFinder)]
    )
    assert install(lambda path: None, str(own)) is False  # booted from Pyodide's own zip
