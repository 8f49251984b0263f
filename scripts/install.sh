#!/usr/bin/env bash
# One command installs everything ODOP Atlas needs on a fresh Debian/Ubuntu machine:
#   - a Python virtual environment in .venv with the pinned requirements and the dashboard package (editable);
#   - the map's TopoJSON and compressed copies of the static files in build/compressed/ (read at start);
#   - Debian's chromium and chromium-driver for the end-to-end browser tests
#     (skipped with a notice when apt-get is not available or not run as root).
# Usage: bash scripts/install.sh
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
"$PYTHON" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -r requirements.txt
.venv/bin/python -m pip install --quiet --no-deps -e .   # the dashboard package itself (pyproject.toml)
.venv/bin/python -m dashboard --compress-static   # the map's TopoJSON and brotli/gzip copies of the static files, so a start need not make them

if command -v chromium >/dev/null 2>&1 && command -v chromedriver >/dev/null 2>&1; then
    echo "chromium already installed: $(chromium --version 2>/dev/null | head -n 1)"
elif command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = "0" ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium chromium-driver >/dev/null
    echo "installed $(chromium --version 2>/dev/null | head -n 1)"
else
    echo "NOTE: install Debian packages 'chromium' and 'chromium-driver' (as root) for the browser tests."
fi
echo "Installed. Run the dashboard: .venv/bin/python -m dashboard   Run the tests: .venv/bin/python -m pytest"
