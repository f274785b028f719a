#!/usr/bin/env bash
# The last steps of a release build, in this order, into trunk's staging folder (a post_build
# hook in Trunk.toml; trunk runs its hooks side by side, and both steps rewrite index.html, so
# they are one hook):
#   1. scripts/lms-variant.sh: the LMS build into lms/, named in index.html's loader tag;
#   2. scripts/minify.mjs: the JS and CSS the page names minified, index.html's comments
#      dropped and its integrity hashes computed afresh (docs/performance.md, "Size").
# Debug builds (trunk serve without --release) skip both.
#
# By hand, on a built dist/: bash scripts/release-dist.sh dist
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

out="${1:-}"
if [[ -z "$out" ]]; then
  if [[ "${TRUNK_PROFILE:-}" != "release" ]]; then
    log "skipped: not a release build"
    exit 0
  fi
  out="${TRUNK_STAGING_DIR:?not run by trunk: give the dist folder}"
fi
bash scripts/lms-variant.sh "$out"
node scripts/minify.mjs "$out"
