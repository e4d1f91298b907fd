"""Which Chromium the browser tests and benchmarks drive, and how.

Debian's /usr/bin/chromium where it exists (CI, this machine kind), else Playwright's own
download (a developer's laptop). `python -m tests.browser.chromium` exits 1 when neither is
there, which the set-up script uses to decide whether to download one.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

# Without the networking flags Chromium phones home at start-up; on a closed network that
# is noise at best, and it would break "no request leaves the site" at worst.
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def system_chromium() -> str | None:
    for name in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if Path(name).exists():
            return name
    return shutil.which("chromium")


def launch_options(headless: bool = True) -> dict:
    """Keyword arguments for `playwright.chromium.launch`."""
    options: dict = {"headless": headless, "args": ARGS}
    found = system_chromium()
    if found:
        options["executable_path"] = found
    return options


def playwright_chromium_installed() -> bool:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        return False
    with sync_playwright() as p:
        return Path(p.chromium.executable_path).exists()


if __name__ == "__main__":
    sys.exit(0 if system_chromium() or playwright_chromium_installed() else 1)
