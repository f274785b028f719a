#!/usr/bin/env bash
# Times the cohort report's three paths on generated statements (not part of the tests):
#   - the statements file through the Rust aggregation (`scenario report --statements`);
#   - Ralph's ClickHouse table in chdb through the shipped SQL (`--clickhouse`, via
#     tests/infra/report_chdb.py, which also checks both reports are equal);
#   - the LRS statements API against Ralph on 127.0.0.1 (`--lrs`), on LRS_N statements,
#     since Ralph's fs backend rereads its whole file for every page.
#
#   bash scripts/report-bench.sh [N] [LRS_N]     default 1000000 and 10000
# Built with the bench profile (opt-level 3) without LTO, to keep the build short.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

n="${1:-1000000}"
lrs_n="${2:-10000}"
scenario_file="scenarios/promise-you-wont-tell.yaml"
activity="https://scenario-quiz.example.org/s/promise-you-wont-tell"
work="$(mktemp -d)"
trap 'bash "$ROOT/scripts/lrs.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT
export CARGO_PROFILE_BENCH_LTO=false CARGO_PROFILE_BENCH_CODEGEN_UNITS=16
cargo build --quiet --profile bench -p scenario-cli
cargo build --quiet --profile bench -p scenario-report --example gen_cohort
bin="$ROOT/target/release/scenario" # the bench profile builds into target/release
gen="$ROOT/target/release/examples/gen_cohort"

seconds() { python3 -c 'import sys,time; print(round(time.time()-float(sys.argv[1]),2))' "$1"; }

t=$(date +%s.%N)
"$gen" --scenario "$scenario_file" --statements "$n" --seed 1 --activity "$activity" --out "$work/big.jsonl" >"$work/expected.json"
log "generate: $(wc -l <"$work/big.jsonl") statements, $(du -m "$work/big.jsonl" | cut -f1) MB, $(seconds "$t") s; expected $(cat "$work/expected.json")"

/usr/bin/env time -f "%e s wall, %U s user + %S s system CPU, peak memory %M KB" -o "$work/time" \
  "$bin" report --statements "$work/big.jsonl" --scenario "$scenario_file" --activity "$activity" --format json >"$work/file.json" 2>/dev/null
log "statements file, Rust aggregation: $(cat "$work/time")"

log "ClickHouse SQL in chdb (insert, then --clickhouse; equality checked):"
bash scripts/chdb.sh python tests/infra/report_chdb.py --statements "$work/big.jsonl" \
  --scenario "$scenario_file" --activity "$activity" --scenario-bin "$bin" --bench

head -n "$lrs_n" "$work/big.jsonl" >"$work/small.jsonl"
bash scripts/lrs.sh start >/dev/null
eval "$(bash scripts/lrs.sh env)"
log "POST $lrs_n statements to Ralph: $(python3 tests/infra/report_lrs.py "$SQ_LRS_ENDPOINT" "$SQ_LRS_AUTH" "$work/small.jsonl" 100)"
t=$(date +%s.%N)
"$bin" report --lrs "$SQ_LRS_ENDPOINT" --auth "$SQ_LRS_AUTH" --scenario "$scenario_file" --activity "$activity" --format json >"$work/lrs.json"
log "LRS statements API (Ralph fs backend), $lrs_n statements: $(seconds "$t") s"
