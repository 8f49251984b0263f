#!/usr/bin/env bash
# Rebuild assets/vendor/plotly/plotly-geo.min.js: plotly.js (the version the pinned plotly Python package ships)
# with only what the map uses (scripts/plotly-bundle/build.js says what is left out and why). Needs node and npm
# and the npm registry; not part of the install (the built file is committed).
# Usage: bash scripts/build_plotly.sh
set -euo pipefail
REPO="$(cd "$(dirname "$0")/.." && pwd)"
PYTHON="${PYTHON:-$REPO/.venv/bin/python}"
VERSION="$(cd "$REPO" && "$PYTHON" -c 'from dashboard.web.bundles import plotly_js_version; print(plotly_js_version())')"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm pack --silent "plotly.js@$VERSION" >/dev/null
tar xzf "plotly.js-$VERSION.tgz"
cd package
npm install --silent --omit=dev --ignore-scripts --no-audit --no-fund
npm install --silent --no-save --ignore-scripts --no-audit --no-fund esbuild@0.28.1 esbuild-plugin-inline-css@0.0.1 \
    esbuild-plugin-environment@0.5.0
cp "$REPO/scripts/plotly-bundle/build.js" build-odop.js
node build-odop.js "$WORK/plotly.min.js"
TARGET="$REPO/assets/vendor/plotly/plotly-geo.min.js"
# V8's explicit compile hint first (assets/vendor/README.md), then plotly.js's own licence header (its copyright lines)
{ printf '//# allFunctionsCalledOnLoad\n/**\n* plotly.js v%s (geo, built for ODOP Atlas by scripts/build_plotly.sh)\n' "$VERSION"
  sed -n '3,6p' dist/plotly.min.js
  cat "$WORK/plotly.min.js"; } > "$TARGET.tmp"
mv "$TARGET.tmp" "$TARGET"
echo "wrote $TARGET ($(wc -c < "$TARGET") bytes, plotly.js $VERSION)"
