#!/usr/bin/env bash
# Starts the test LRS (scripts/lrs.sh: Ralph on 127.0.0.1, empty store), runs the LRS tests
# (tests/infra/lrs.test.mjs, node:test) against it, and stops it, also on failure or ^C.
#
#   bash scripts/lrs-test.sh                   the tests, with Ralph's fs backend fixed
#   SQ_LRS_FS_FIXES=0 bash scripts/lrs-test.sh the same against unpatched Ralph (expected to
#                                              fail while Ralph has the fs problems; see
#                                              scripts/ralph_app.py)
# Exit status: the test run's. Installs Ralph's venv on first use (~20 s, see docs/lrs-infra.md).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

trap 'bash "$ROOT/scripts/lrs.sh" stop >/dev/null 2>&1 || true' EXIT
bash scripts/lrs.sh start
eval "$(bash scripts/lrs.sh env)"
if node --test tests/infra/lrs.test.mjs; then
  log "LRS tests passed"
else
  rc=$?
  log "LRS tests FAILED; Ralph's log: $ROOT/.tools/lrs-run/ralph.log"
  exit "$rc"
fi
