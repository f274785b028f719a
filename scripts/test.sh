#!/usr/bin/env bash
# The whole test suite, in order, stopping at the first failure with a non-zero exit.
# This is what CI runs (.ci/run) and what the README gives as the test command.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

TEST_START=$SECONDS
run_step "setup (everything the tests need)" bash scripts/setup.sh --for test
run_step "rustfmt" cargo fmt --all -- --check
run_step "clippy" cargo clippy --workspace --all-targets -- -D warnings
# The app's LMS build (src/lms/ with its browser side), which the line above does not compile.
run_step "clippy (the app with --features lms)" cargo clippy -p scenario-quiz --features lms --all-targets -- -D warnings
run_step "cargo test (native unit + integration tests)" cargo test --workspace
run_step "scenario check" cargo run -q --bin scenario -- check --deny-warnings scenarios/ tests/fixtures/hostile/
# Issue 14's limits for the bundled library: the strongest choice is the longest in at most
# a third of decisions, no red-line choice on a passing playthrough, no -3 choice that can
# still end positively (docs/scenario-format.md, "audit").
run_step "scenario audit (the bundled library's limits)" cargo run -q --bin scenario -- audit --strict scenarios/
# The SCORM validator that the package tests (tests/e2e/package.test.mjs) rely on catches
# what it must, on hand-written manifests and zips (docs/lrs-infra.md); it fetches the schema
# files and its pinned lxml on first use.
run_step "SCORM validator (manifests and zips, valid and broken)" node --test tests/infra/scorm-manifest.test.mjs
# Skips with a message when no nightly toolchain could be installed, except under CI=true.
run_step "fuzz smoke (the three cargo-fuzz targets, ~30 s each)" bash scripts/fuzz-smoke.sh
run_step "trunk release build (dist/)" env "${SQ_WASM_ENV[@]}" trunk build --release --offline
run_step "the .gz and .br of every file of dist/" node scripts/compress.mjs dist
# Issue 6's budget, right after the build, before the slower browser tests: the release
# build's gzip transfer size (wasm + js + css + html) must be at most 150 KB (scripts/budget.mjs
# says what it measured last and when to re-measure; docs/performance.md, "Size").
run_step "size budget (gzip transfer size of dist/, 150 KB)" node scripts/budget.mjs --limit-kb=150
# The trainer's cohort report page (report.html, report/) on its own budget: a learner never
# loads it, and the line above does not count it (docs/performance.md, "The cohort report page").
run_step "size budget of the cohort report page (report.html and report/, 300 KB)" node scripts/budget.mjs --page=report --limit-kb=300
# The studio (studio.html, studio/) likewise, on its own budget (docs/performance.md, "The studio").
run_step "size budget of the studio (studio.html and studio/, 280 KB)" node scripts/budget.mjs --page=studio
run_step "browser end-to-end tests" node --test tests/e2e/
# xAPI against a real LRS: starts Ralph (scripts/lrs.sh) and stops it on any exit (a trap in
# the script); ~15 s with Ralph's venv installed, ~40 s more on a fresh machine.
run_step "LMS: xAPI statements through the Ralph LRS" bash scripts/lms-test.sh
# Issue 18's cohort report against real stores: a generated cohort (answers known) posted to
# Ralph and read back through the statements API, and the same cohort in Ralph's ClickHouse
# table in an embedded ClickHouse (chdb), each report equal to the one from the statements file.
# ~1 min with the venvs installed; chdb's first install is ~2 min (912 MB).
run_step "cohort report: Ralph and ClickHouse SQL agree with the statements file" bash scripts/report-test.sh
log "all steps passed in $((SECONDS - TEST_START))s"
