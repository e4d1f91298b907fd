"""A static server for a built site, under a sub-path, as GitHub Pages serves a project site.

It mimics what matters of GitHub Pages: the site under `/<repo>/`, `Cache-Control:
max-age=600` with `Last-Modified` validators, 404 for anything else, correct types for
`.mjs` and `.wasm`, and gzip for text when the browser asks for it (so first-paint and byte
figures resemble the real host's). Used by the browser tests and by the benchmark.
"""

from __future__ import annotations

import functools
import gzip
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

COMPRESSED = (
    "text/",
    "application/json",
    "application/javascript",
    "image/svg+xml",
    "application/xml",
)
TYPES = {
    ".mjs": "text/javascript",
    ".js": "text/javascript",
    ".wasm": "application/wasm",
    ".json": "application/json",
    ".zip": "application/zip",
    ".whl": "application/zip",
}


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    prefix = "/"
    # Other folders served beside the site on the same origin, by path prefix (a second copy
    # of the site, a sibling project): what GitHub Pages does for an account's projects.
    also: ClassVar[dict[str, str]] = {}
    not_found_page = False  # answer a missing file with the site's 404.html, as Pages does

    def _root(self, path: str) -> tuple[str, str] | None:
        """(prefix, folder) serving `path`, the longest prefix first."""
        roots = {self.prefix: str(self.directory), **self.also}
        for prefix in sorted(roots, key=len, reverse=True):
            if path.startswith(prefix):
                return prefix, roots[prefix]
        return None

    def translate_path(self, path: str) -> str:
        found = self._root(path)
        if found is None:
            return str(Path(self.directory) / "__outside_the_site__")
        prefix, folder = found
        inside = super().translate_path("/" + path[len(prefix) :])
        return str(Path(folder) / Path(inside).relative_to(self.directory))

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        found = self._root(self.path)
        page = Path(found[1]) / "404.html" if found else None
        if code != 404 or not self.not_found_page or page is None or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = Path(self.translate_path(self.path.split("?", 1)[0].split("#", 1)[0]))
        if path.is_dir():
            path = path / "index.html"
        kind = self.guess_type(str(path))
        wants_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants_gzip and path.is_file() and kind.startswith(COMPRESSED)):
            return super().do_GET()
        if self.path.split("?", 1)[0].endswith("/") or path.name != "index.html":
            return self._send_gzipped(path, kind)
        return super().do_GET()  # a directory without its slash: let the base class redirect

    def _send_gzipped(self, path: Path, kind: str) -> None:
        stat = path.stat()
        body = _gzipped(path, stat.st_mtime_ns, stat.st_size)
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.end_headers()
        self.wfile.write(body)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


@functools.lru_cache(maxsize=512)
def _gzipped(path: Path, mtime_ns: int, size: int) -> bytes:
    """A file's gzip body, compressed once per version of the file (its mtime and size are
    the cache key), as a CDN keeps compressed copies: a page load then does not wait on this
    process compressing Material's bundle while the browser under test competes with it for
    the same two cores."""
    return gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)


class _QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        """A browser that closes a connection mid-response (a page closed, a fetch aborted) is
        normal here, not an error worth a traceback."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class SiteServer:
    """`with SiteServer(site_dir, "/rekindle/") as server: server.url` -> the site's root URL.

    `also` serves more folders on the same origin (`{"/rekindle-beta/": other_site}`), and
    `not_found_page` answers missing files with the site's 404.html, as GitHub Pages does.
    """

    def __init__(
        self,
        site_dir: Path,
        prefix: str = "/rekindle/",
        port: int = 0,
        also: dict[str, Path] | None = None,
        not_found_page: bool = False,
    ) -> None:
        served = {key: str(value) for key, value in (also or {}).items()}
        options = {"prefix": prefix, "also": served, "not_found_page": not_found_page}
        handler = type("Handler", (_Handler,), options)
        factory = functools.partial(handler, directory=str(site_dir))
        self.httpd = _QuietServer(("127.0.0.1", port), factory)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
