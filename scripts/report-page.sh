#!/usr/bin/env bash
# Builds the trainer's cohort report page, report.html with its own wasm in report/
# (crates/scenario-report-page; docs/lms.md, "The cohort report page"), through sq_build_page
# in scripts/lib.sh. The learner's app (index.html) never loads it, and scripts/budget.mjs
# measures it apart, against its own budget (--page=report).
#
# trunk runs this as a post_build hook (Trunk.toml) on release builds (scripts/build.sh,
# serve.sh, test.sh), into its staging folder; debug builds skip it. By hand, into a built
# dist/: bash scripts/report-page.sh dist
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

out="${1:-}"
if [[ -z "$out" ]]; then
  if [[ "${TRUNK_PROFILE:-}" != "release" ]]; then
    log "skipped: not a release build (report.html is built by release builds only)"
    exit 0
  fi
  out="${TRUNK_STAGING_DIR:?not run by trunk: give the dist folder}"
fi
[[ -d "$out" ]] || die "$out is not a folder"
sq_build_page report scenario-report-page "$out"
