#!/usr/bin/env bash
# `npm test`: install whatever a fresh clone still lacks (a quick check once it is there), then run every suite.
# Arguments go to jest, e.g. `npm test -- test/triggers`.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec jest "$@"
