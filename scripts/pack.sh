#!/usr/bin/env bash
# Packs scenarios/ for the app with `scenario pack`: one JSON file per YAML file, and
# index.json, the list the app reads first (crates/scenario-cli/src/pack.rs); and, beside the
# app's index.html (OUT's parent folder, when it holds one), the glossary page glossary.html,
# whose entries the packs' texts link to. trunk runs this
# after every build as its post_build hook (Trunk.toml), into its staging folder's
# scenarios/; by hand, `bash scripts/pack.sh dist/scenarios` refreshes a built dist/ after a
# scenario is added or changed, with no new wasm, and rewrites their .gz and .br and the
# glossary page's (scripts/compress.mjs; under trunk, scripts/build.sh compresses the whole
# build after it).
#
# The `scenario` CLI is built for this machine, not for the wasm: the wasm's release settings
# (scripts/wasm-release.env), which trunk's environment carries when the scripts start it,
# are removed first, or cargo would rebuild the standard library and the CLI for the host
# with them on every build.
#
#   bash scripts/pack.sh [OUT]     (default: $TRUNK_STAGING_DIR/scenarios under trunk,
#                                   else dist/scenarios)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

out="${1:-}"
if [[ -z "$out" ]]; then
  if [[ -n "${TRUNK_STAGING_DIR:-}" ]]; then out="$TRUNK_STAGING_DIR/scenarios"; else out="dist/scenarios"; fi
fi
site=()
if [[ -f "$(dirname "$out")/index.html" ]]; then
  site=(--site "$(dirname "$out")")
else
  log "no index.html beside $out: no glossary page, and no links to one"
fi
unset "${SQ_WASM_ENV_NAMES[@]}"
cargo run --quiet --offline --package scenario-cli --bin scenario -- pack scenarios --out "$out" "${site[@]}"
# By hand, the packs' .gz and .br, and the glossary page's when it was written beside the app.
if [[ -z "${TRUNK_STAGING_DIR:-}" ]]; then
  if [[ ${#site[@]} -gt 0 ]]; then node scripts/compress.mjs "$(dirname "$out")"; else node scripts/compress.mjs "$out"; fi
fi
