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

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix) :])

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
    """`with SiteServer(site_dir, "/rekindle/") as server: server.url` -> the site's root URL."""

    def __init__(self, site_dir: Path, prefix: str = "/rekindle/", port: int = 0) -> None:
        handler = type("Handler", (_Handler,), {"prefix": prefix})
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
