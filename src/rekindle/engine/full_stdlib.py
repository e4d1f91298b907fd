"""A safety net under the trimmed standard library the engine boots from.

The site's engine boots from a zip holding only the modules Pyodide's start-up and our code
import, precompiled (see `rekindle.site.stdlib`). If anything ever imports a module that
was left out (an import the build could not see, such as one inside a function), this
finder fetches Pyodide's complete standard library once and imports from it: slower that
one time, never an ImportError. It acts only for names the build listed as left out, so
the many optional imports that are expected to fail (`try: import _winapi`) cost nothing.

Runs in the engine's worker, where a synchronous request is allowed. The worker passes in
the function that fetches the zip and writes it into the file system (`placeFullStdlib` in
engine-worker.js), so this module needs no browser API and is tested without one.
"""

from __future__ import annotations

import sys
import zipimport
from collections.abc import Callable
from importlib.machinery import ModuleSpec, PathFinder
from types import ModuleType

OMITTED_LIST = "__rekindle_omitted__.txt"  # rekindle.site.stdlib writes it into the zip
FULL_ZIP = "/lib/python_stdlib_full.zip"
# Where Pyodide puts the standard library zip it boots from (its `stdLibURL`).
BOOT_ZIP = f"/lib/python{sys.version_info.major}{sys.version_info.minor}.zip"


class FullStdlibFinder:
    """Finds modules left out of the trimmed zip in Pyodide's full standard library."""

    def __init__(
        self, omitted: frozenset[str], place_zip: Callable[[str], object], zip_path: str = FULL_ZIP
    ) -> None:
        self.omitted = omitted
        self.place_zip = place_zip  # writes the full zip at the path it is given
        self.zip_path = zip_path
        self.placed = False

    def find_spec(
        self, name: str, path: object = None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if name not in self.omitted:
            return None
        if not self.placed:
            self.place_zip(self.zip_path)
            self.placed = True
        package = name.rpartition(".")[0].replace(".", "/")
        entry = f"{self.zip_path}/{package}" if package else self.zip_path
        return PathFinder.find_spec(name, [entry])


def omitted_names(trimmed_zip: str) -> frozenset[str]:
    """The names the build left out, as listed inside the trimmed zip (none if unlisted)."""
    try:
        listed = zipimport.zipimporter(trimmed_zip).get_data(OMITTED_LIST)
    except (OSError, ImportError):  # not a zip, or Pyodide's own zip: no list
        return frozenset()
    return frozenset(listed.decode().split())


def install(place_zip: Callable[[str], object], boot_zip: str = BOOT_ZIP) -> bool:
    """Put the finder last on sys.meta_path, for the trimmed zip this interpreter booted
    from. False when it booted from Pyodide's full zip (nothing to catch)."""
    omitted = omitted_names(boot_zip)
    if omitted and not any(isinstance(f, FullStdlibFinder) for f in sys.meta_path):
        sys.meta_path.append(FullStdlibFinder(omitted, place_zip))
    return bool(omitted)
