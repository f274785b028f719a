#!/usr/bin/env bash
# The xAPI browser tests against a real LRS (tests/lms/): starts Ralph on 127.0.0.1
# (scripts/lrs.sh, with CORS for the app's origin), serves a copy of the built dist/ whose
# Content-Security-Policy allows Ralph's origin (scripts/lrs-csp.mjs, as an administrator
# would for their LRS: index.html, which sends statements, and report.html, the cohort report
# page, which reads them), runs the tests, and stops Ralph on any exit (trap). The SCORM tests
# need no LRS and run with the other browser tests (tests/e2e/scorm.test.mjs).
#
#   bash scripts/lms-test.sh        (after a release build: bash scripts/build.sh)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

[[ -f dist/index.html ]] || die "dist/ is not built: bash scripts/build.sh"
grep -q 'data-lms-js=' dist/index.html || die "dist/ has no LMS build (dist/lms/): build with --release"
# A free port for the app's static server, named to Ralph's CORS setting before it starts.
app_port="$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
work="$(mktemp -d)"
cleanup() {
  bash scripts/lrs.sh stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT
SQ_LRS_CORS_ORIGINS="[\"http://127.0.0.1:$app_port\"]" bash scripts/lrs.sh start >/dev/null
eval "$(bash scripts/lrs.sh env)"
cp -r dist "$work/dist"
# The learner app sends statements to Ralph; the trainer's report page reads them back.
node scripts/lrs-csp.mjs "$work/dist" "$SQ_LRS_URL" --page=index.html --page=report.html >/dev/null
log "Ralph at $SQ_LRS_ENDPOINT, the app at http://127.0.0.1:$app_port/"
SQ_DIST_DIR="$work/dist" SQ_E2E_PORT="$app_port" node --test tests/lms/
