#!/usr/bin/env bash
# Builds the app (release, with wasm-opt) with its bundled scenarios and serves it on
# localhost, rebuilding on changes. PORT (default 8080) and ADDRESS (default 127.0.0.1)
# can be set in the environment; extra arguments go to `trunk serve`. The release build's
# post_build hooks also build the studio (scripts/studio.sh), served as /studio.html.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PORT="${PORT:-8080}"
ADDRESS="${ADDRESS:-127.0.0.1}"

bash scripts/setup.sh --for serve
log "building and serving; the app will be at  http://$ADDRESS:$PORT/  and the studio at  http://$ADDRESS:$PORT/studio.html  (Ctrl-C stops)"
exec env "${SQ_WASM_ENV[@]}" trunk serve --release --offline --address "$ADDRESS" --port "$PORT" "$@"
