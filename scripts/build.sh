#!/usr/bin/env bash
# Builds the release app into dist/ (or where --dist says), as CI builds and measures it:
# with the settings in scripts/wasm-release.env (SQ_WASM_ENV), which keep it inside the 150 KB
# budget (scripts/budget.mjs).
# Then writes the .gz and .br of every file beside it (scripts/compress.mjs), for hosts that
# serve them as they are (docs/hosting.md). Extra arguments go to `trunk build`. Publish dist/
# as a whole (README, "Hosting").
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

bash scripts/setup.sh --for build
env "${SQ_WASM_ENV[@]}" trunk build --release --offline "$@"
out=dist
prev=
for arg in "$@"; do
  case "$arg" in --dist=*) out="${arg#--dist=}" ;; esac
  [[ "$prev" == --dist || "$prev" == -d ]] && out="$arg"
  prev="$arg"
done
node scripts/compress.mjs "$out"
