#!/usr/bin/env bash
# One entry point for set-up and the everyday commands, so a fresh clone needs nothing else.
#   scripts/dev.sh setup | serve | build | zensical | test | check | bench [args...] | lint
# Set-up is idempotent: the virtualenv and node_modules are refreshed only when
# pyproject.toml or package-lock.json change.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
VENV="$ROOT/.venv"

say() { printf '\033[1m[rekindle]\033[0m %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

python_ok() {  # is "$1" a working Python 3.12 or newer?
  "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' >/dev/null 2>&1
}

find_python() {
  local candidate root
  for candidate in "${PYTHON:-}" python3.14 python3.13 python3.12 python3; do
    [ -n "$candidate" ] && command -v "$candidate" >/dev/null 2>&1 || continue
    python_ok "$candidate" && { command -v "$candidate"; return; }
  done
  # pyenv shims fail unless a version is selected, so look in pyenv's versions directly.
  if command -v pyenv >/dev/null 2>&1; then root=$(pyenv root); else root="$HOME/.pyenv"; fi
  for candidate in $(ls -d "$root"/versions/3.1[2-9]*/bin/python3 2>/dev/null | sort -rV); do
    python_ok "$candidate" && { echo "$candidate"; return; }
  done
  die "Python 3.12 or newer is needed and none was found (tried \$PYTHON, python3.14..python3.12, python3 and pyenv's versions). Install one, or set PYTHON=/path/to/python3.12."
}

stamp_matches() { [ -f "$1" ] && [ "$(cat "$1")" = "$2" ]; }

setup_python() {
  local want
  want=$(cat pyproject.toml | sha256sum | cut -c1-16)
  if [ ! -x "$VENV/bin/python" ] || ! python_ok "$VENV/bin/python"; then
    local py; py=$(find_python)
    say "creating .venv with $py ($("$py" --version))"
    rm -rf "$VENV"
    "$py" -m venv "$VENV"
  fi
  if ! stamp_matches "$VENV/.rekindle-stamp" "$want"; then
    say "installing Python dependencies"
    "$VENV/bin/python" -m pip install --quiet --upgrade pip
    "$VENV/bin/python" -m pip install --quiet -e ".[test,zensical]"
    echo "$want" > "$VENV/.rekindle-stamp"
  fi
}

setup_node() {
  command -v npm >/dev/null 2>&1 || die "npm (Node.js 18 or newer) is needed to fetch the pinned Pyodide and esbuild; install Node.js."
  local want
  want=$(cat package-lock.json | sha256sum | cut -c1-16)
  if ! stamp_matches node_modules/.rekindle-stamp "$want"; then
    say "installing the pinned Pyodide and esbuild (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$want" > node_modules/.rekindle-stamp
  fi
}

setup_browser() {  # the browser tests use Debian's Chromium or Playwright's own, whichever exists
  "$VENV/bin/python" -m tests.browser.chromium >/dev/null 2>&1 && return
  say "no Chromium found; asking Playwright to download its own"
  "$VENV/bin/python" -m playwright install chromium \
    || die "No Chromium for the browser tests. Install one (Debian/Ubuntu: apt-get install chromium) or let 'playwright install chromium' reach the network."
}

setup() { setup_python; setup_node; }

lint() {  # formatter, linters, types and layers: fast, no build
  local py="$VENV/bin/python" failed=0
  say "ruff format --check"; "$py" -m ruff format --check --quiet src tests scripts || failed=1
  say "ruff check"; "$py" -m ruff check --quiet src tests scripts || failed=1
  say "mypy --strict (pure models, engine ops, engine, shared)"; "$py" -m mypy || failed=1
  say "import contracts"; "$VENV/bin/lint-imports" --no-cache >/dev/null || { "$VENV/bin/lint-imports" --no-cache | tail -20; failed=1; }
  say "eslint"; npx --no-install eslint . || failed=1
  return $failed
}

check() {  # lint, then the JavaScript unit tests and the tests that need no browser
  lint || die "lint failed (see above)"
  say "node --test"; node --test $(find tests/js -name '*.test.js' | sort) >/dev/null \
    || { node --test $(find tests/js -name '*.test.js' | sort) | tail -40; die "node tests failed"; }
  say "pytest (no browser)"; "$VENV/bin/python" -m pytest -q -m "not browser and not slow" tests/pure tests/site "$@"
}

cmd=${1:-help}; shift || true
case "$cmd" in
  setup) setup ;;
  serve) setup; exec "$VENV/bin/python" -m mkdocs serve "$@" ;;
  build) setup; exec "$VENV/bin/python" -m mkdocs build --strict "$@" ;;
  zensical) setup  # Zensical ignores MkDocs hooks: the post-build step runs after it
    "$VENV/bin/zensical" build --clean "$@" && exec "$VENV/bin/python" -m rekindle.site site ;;
  test)  setup; setup_browser; exec "$VENV/bin/python" -m pytest "$@" ;;
  check) setup; check "$@" ;;
  bench) setup; setup_browser; exec "$VENV/bin/python" scripts/bench.py "$@" ;;
  lint)  setup; lint ;;
  *) echo "usage: scripts/dev.sh setup|serve|build|zensical|test|check|bench|lint" >&2; exit 2 ;;
esac
