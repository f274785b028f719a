#!/usr/bin/env bash
# Builds the app (release, as CI builds it: scripts/build.sh, which also writes the .gz and
# .br of every file) and serves dist/ on localhost as a host should (scripts/serve.mjs:
# compressed by the browser's Accept-Encoding, application/wasm; docs/hosting.md). PORT
# (default 8080) and ADDRESS (default 127.0.0.1) can be set in the environment; extra
# arguments go to `trunk build`. The release build's post_build hooks also build the studio
# (scripts/studio.sh), served as /studio.html. It does not rebuild on changes (trunk serve
# could not serve the compressed files, so a learner's bytes and ours differed): Ctrl-C and
# run it again.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

PORT="${PORT:-8080}"
ADDRESS="${ADDRESS:-127.0.0.1}"

bash scripts/build.sh "$@"
log "serving dist/; the app is at  http://$ADDRESS:$PORT/  and the studio at  http://$ADDRESS:$PORT/studio.html  (Ctrl-C stops)"
exec node scripts/serve.mjs --dist=dist --port="$PORT" --address="$ADDRESS"
