#!/usr/bin/env bash
# Installs everything the tests and `npm start` need on a fresh machine. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
# Tests start private MariaDB servers (mariadbd, mariadb-install-db, my_print_defaults) from Debian's
# mariadb-server; they never use the system service the package sets up.
{ [ -x /usr/sbin/mariadbd ] && [ -x /usr/bin/mariadb-install-db ] && [ -x /usr/bin/my_print_defaults ]; } ||
  need_apt+=(mariadb-server)
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${need_apt[*]}"
  sudo_cmd=""; [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends "${need_apt[@]}"
fi

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi

bash scripts/install-n8n.sh
