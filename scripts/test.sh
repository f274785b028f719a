#!/usr/bin/env bash
# The whole test suite, in order, stopping at the first failure with a non-zero exit.
# This is what CI runs (.ci/run) and what the README gives as the test command.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

# Lint every bundled scenario with the `scenario` CLI. Set to 0 only while
# `scenario check` does not exist yet; it is meant to stay 1.
RUN_SCENARIO_CHECK="${RUN_SCENARIO_CHECK:-1}"

TEST_START=$SECONDS
run_step "setup" bash scripts/setup.sh
run_step "rustfmt" cargo fmt --all -- --check
run_step "clippy" cargo clippy --workspace --all-targets -- -D warnings
run_step "cargo test (native unit + integration tests)" cargo test --workspace
if [[ "$RUN_SCENARIO_CHECK" == 1 ]]; then
  run_step "scenario check" cargo run -q --bin scenario -- check --deny-warnings scenarios/ tests/fixtures/hostile/
  # Issue 14's limits for the bundled library: the strongest choice is the longest in at most
  # a third of decisions, no red-line choice on a passing playthrough, no -3 choice that can
  # still end positively (docs/scenario-format.md, "audit").
  run_step "scenario audit (the bundled library's limits)" cargo run -q --bin scenario -- audit --strict scenarios/
else
  log "SKIPPED scenario check (RUN_SCENARIO_CHECK=$RUN_SCENARIO_CHECK)"
fi
run_step "fuzz smoke (the three cargo-fuzz targets, ~30 s each)" bash scripts/fuzz-smoke.sh
run_step "trunk release build (dist/)" env "${SQ_WASM_ENV[@]}" trunk build --release --offline
run_step "browser end-to-end tests" node --test tests/e2e/
# Issue 6's budget: the release build's gzip transfer size (wasm + js + css + html) must be
# at most 150 KB (docs/performance.md, "Size": where the bytes go and what was done).
run_step "size budget (gzip transfer size of dist/, 150 KB)" node scripts/budget.mjs --limit-kb=150
log "all steps passed in $((SECONDS - TEST_START))s"
