"""A static server for a built site, under a sub-path, as GitHub Pages serves a project site.

It mimics what matters of GitHub Pages: the site under `/<repo>/`, `Cache-Control:
max-age=600` with `Last-Modified` validators, 404 for anything else, and correct types for
`.mjs` and `.wasm`. Used by the browser tests and by the benchmark.
"""

from __future__ import annotations

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

TYPES = {".mjs": "text/javascript", ".js": "text/javascript", ".wasm": "application/wasm",
         ".json": "application/json", ".zip": "application/zip", ".whl": "application/zip"}


class _Handler(SimpleHTTPRequestHandler):
    extensions_map: ClassVar[dict[str, str]] = {**SimpleHTTPRequestHandler.extensions_map, **TYPES}
    prefix = "/"

    def translate_path(self, path: str) -> str:
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_the_site__")
        return super().translate_path("/" + path[len(self.prefix):])

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # quiet
        pass


class SiteServer:
    """`with SiteServer(site_dir, "/rekindle/") as server: server.url` -> the site's root URL."""

    def __init__(self, site_dir: Path, prefix: str = "/rekindle/", port: int = 0) -> None:
        handler = type("Handler", (_Handler,), {"prefix": prefix})
        factory = functools.partial(handler, directory=str(site_dir))
        self.httpd = ThreadingHTTPServer(("127.0.0.1", port), factory)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}{prefix}"
        self.origin = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
