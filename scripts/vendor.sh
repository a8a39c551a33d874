#!/usr/bin/env bash
# Refreshes the vendored front-end libraries in src/Keystone/wwwroot/lib from the npm registry.
# `dotnet run` never needs npm or the network: the files this writes are committed.
#   ./scripts/vendor.sh            # the pinned versions below
#   BOOTSTRAP=5.3.9 ECHARTS=6.1.0 ./scripts/vendor.sh
set -euo pipefail
cd "$(dirname "$0")/.."
BOOTSTRAP="${BOOTSTRAP:-5.3.9}"
ECHARTS="${ECHARTS:-6.1.0}"
lib=src/Keystone/wwwroot/lib
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fetch() { # name version
  (cd "$work" && npm pack --silent "$1@$2" >/dev/null && mkdir -p "$1" && tar -xzf "$1"-*.tgz -C "$1" --strip-components=1)
}

fetch bootstrap "$BOOTSTRAP"
rm -rf "$lib/bootstrap" && mkdir -p "$lib/bootstrap"
cp "$work/bootstrap/dist/css/bootstrap.min.css" "$work/bootstrap/dist/css/bootstrap.min.css.map" "$lib/bootstrap/"
cp "$work/bootstrap/dist/js/bootstrap.bundle.min.js" "$work/bootstrap/dist/js/bootstrap.bundle.min.js.map" "$lib/bootstrap/"
cp "$work/bootstrap/LICENSE" "$lib/bootstrap/LICENSE"
echo "bootstrap $BOOTSTRAP (npm)" > "$lib/bootstrap/VERSION"

fetch echarts "$ECHARTS"
rm -rf "$lib/echarts" && mkdir -p "$lib/echarts"
cp "$work/echarts/dist/echarts.min.js" "$lib/echarts/"
cp "$work/echarts/LICENSE" "$lib/echarts/LICENSE"
[ -f "$work/echarts/NOTICE" ] && cp "$work/echarts/NOTICE" "$lib/echarts/NOTICE"
echo "echarts $ECHARTS (npm)" > "$lib/echarts/VERSION"

echo "vendored bootstrap $BOOTSTRAP and echarts $ECHARTS into $lib"
