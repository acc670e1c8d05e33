#!/usr/bin/env bash
# Starts, stops and describes the local backends Mosaic's real-backend suites use,
# without Docker. Each backend is a file under backends/ defining <name>_up,
# <name>_down, <name>_env and <name>_status. `up` reuses a server that is already
# listening and records only what it started itself, so `down` stops only that.
#
#   tools/services/services.sh up [backend…]     start (idempotent)
#   tools/services/services.sh down [backend…]   stop what `up` started
#   tools/services/services.sh env               print `export VAR=…` lines
#   tools/services/services.sh status            one line per backend
set -euo pipefail

SERVICES_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT_DIR="$(cd "$SERVICES_DIR/../.." && pwd)"
STATE_DIR="${MOSAIC_SERVICES_STATE:-$ROOT_DIR/.services}"
mkdir -p "$STATE_DIR"
export SERVICES_DIR ROOT_DIR STATE_DIR

# shellcheck source=lib.sh
source "$SERVICES_DIR/lib.sh"
for file in "$SERVICES_DIR"/backends/*.sh; do
  # shellcheck disable=SC1090
  source "$file"
done

ALL_BACKENDS=()
for file in "$SERVICES_DIR"/backends/*.sh; do
  ALL_BACKENDS+=("$(basename "$file" .sh)")
done

command="${1:-status}"
shift || true
selected=("$@")
[ ${#selected[@]} -gt 0 ] || selected=("${ALL_BACKENDS[@]}")

case "$command" in
  up)
    for backend in "${selected[@]}"; do "${backend}_up"; done
    log "all up; export the variables with: eval \"\$(bash tools/services/services.sh env)\""
    ;;
  down)
    for backend in "${selected[@]}"; do "${backend}_down"; done
    ;;
  env)
    for backend in "${selected[@]}"; do "${backend}_env"; done
    ;;
  status)
    for backend in "${selected[@]}"; do "${backend}_status"; done
    ;;
  *)
    echo "usage: $0 up|down|env|status [backend…]  (backends: ${ALL_BACKENDS[*]})" >&2
    exit 2
    ;;
esac
