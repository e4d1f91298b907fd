"""Build the engine's pure-Python wheel with nothing but zipfile.

Why not `pip wheel` or `python -m build`: they need an isolated build environment (a network
fetch of setuptools) and take seconds; `mkdocs serve` rebuilds on every save. A pure-Python
wheel is a zip with a few metadata files, so we write it directly. The result is
byte-for-byte reproducible (fixed timestamps, sorted entries), so its hash can key caches.

Only what runs in the browser goes in: `rekindle.shared`, `rekindle.engine` and each tool's
model and ops (`rekindle.tools`), never the fences (build time: they import pymdownx) nor
`rekindle.site`.
"""

from __future__ import annotations

import base64
import hashlib
import zipfile
from pathlib import Path

import rekindle

PACKAGE_ROOT = Path(rekindle.__file__).resolve().parent
SHIPPED = ("shared", "engine", "tools")
BUILD_TIME_ONLY = ("fence.py",)  # Markdown fences: never run in the browser
SKIPPED_SUFFIXES = (".pyc", ".pyo")
FIXED_TIME = (2020, 1, 1, 0, 0, 0)
DIST = "rekindle"


def wheel_name(version: str = rekindle.__version__) -> str:
    return f"{DIST}-{version}-py3-none-any.whl"


def shipped_files(package_root: Path = PACKAGE_ROOT) -> list[tuple[str, bytes]]:
    """(archive path, bytes) for every file the browser needs, in a stable order."""
    files = [("rekindle/__init__.py", (package_root / "__init__.py").read_bytes())]
    for sub in SHIPPED:
        for path in sorted((package_root / sub).rglob("*")):
            wanted = (
                "__pycache__" not in path.parts
                and not path.name.endswith(SKIPPED_SUFFIXES)
                and path.name not in BUILD_TIME_ONLY
            )
            if path.is_file() and wanted:
                rel = path.relative_to(package_root.parent).as_posix()
                files.append((rel, path.read_bytes()))
    return files


def _metadata_files(version: str) -> list[tuple[str, bytes]]:
    info = f"{DIST}-{version}.dist-info"
    metadata = f"Metadata-Version: 2.1\nName: {DIST}\nVersion: {version}\n"
    wheel = "Wheel-Version: 1.0\nGenerator: rekindle.site.wheel\nRoot-Is-Purelib: true\n"
    wheel += "Tag: py3-none-any\n"
    return [
        (f"{info}/METADATA", metadata.encode()),
        (f"{info}/WHEEL", wheel.encode()),
        (f"{info}/top_level.txt", b"rekindle\n"),
    ]


def _record_line(name: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{name},sha256={digest},{len(data)}"


def build_wheel(out_dir: Path, version: str = rekindle.__version__) -> Path:
    """Write the wheel into out_dir and return its path."""
    entries = shipped_files() + _metadata_files(version)
    record_name = f"{DIST}-{version}.dist-info/RECORD"
    record = "\n".join([_record_line(n, d) for n, d in entries] + [f"{record_name},,"]) + "\n"
    entries.append((record_name, record.encode()))
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / wheel_name(version)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return target


def content_key() -> str:
    """A short hash of everything the wheel would hold: changes exactly when the wheel does."""
    digest = hashlib.sha256()
    for name, data in shipped_files():
        digest.update(name.encode() + b"\0" + hashlib.sha256(data).digest())
    return digest.hexdigest()[:12]
