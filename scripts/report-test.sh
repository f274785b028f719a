#!/usr/bin/env bash
# The cohort report's end-to-end tests against real stores (the Rust tests cover the rest):
#   1. Ralph round trip: start Ralph (scripts/lrs.sh) on 127.0.0.1, POST a generated cohort
#      in batches of 100, and check that `scenario report --lrs …` (statements API, `more`
#      paging) gives the same report as `scenario report --statements FILE`.
#   2. ClickHouse SQL: the same cohort in Ralph's ClickHouse table in chdb, served through
#      ClickHouse's HTTP interface, `scenario report --clickhouse URL` against the file path
#      (tests/infra/report_chdb.py).
#
#   bash scripts/report-test.sh [LEARNERS]   default 150 learners (~3,000 statements)
#   SQ_REPORT_SKIP_CHDB=1 …                  skip step 2 (chdb is a ~900 MB install)
# Ralph is stopped on exit, also on failure or ^C. Exit status 0 when both match.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

learners="${1:-150}"
scenario_file="scenarios/promise-you-wont-tell.yaml"
activity="https://scenario-quiz.example.org/s/promise-you-wont-tell"
work="$(mktemp -d)"
trap 'bash "$ROOT/scripts/lrs.sh" stop >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

cargo build --quiet -p scenario-cli
cargo build --quiet -p scenario-report --example gen_cohort
bin="$ROOT/target/debug/scenario"
"$ROOT/target/debug/examples/gen_cohort" --scenario "$scenario_file" --learners "$learners" \
  --seed 18 --activity "$activity" --grouping "https://scenario-quiz.example.org/cohorts/test" \
  --out "$work/cohort.jsonl" >"$work/expected.json"
log "generated $(wc -l <"$work/cohort.jsonl") statements: $(cat "$work/expected.json")"

same_report() { # A B: the reports equal but for where they came from
  python3 - "$1" "$2" <<'PY'
import json, sys
a, b = (json.load(open(p)) for p in sys.argv[1:3])
for r in (a, b):
    r.pop("source"); r.pop("input")
if a != b:
    for k in a:
        if a[k] != b.get(k):
            print(f"differs: {k}: {json.dumps(a[k])[:300]} vs {json.dumps(b.get(k))[:300]}", file=sys.stderr)
    sys.exit(1)
PY
}

bash scripts/lrs.sh start
eval "$(bash scripts/lrs.sh env)"
python3 tests/infra/report_lrs.py "$SQ_LRS_ENDPOINT" "$SQ_LRS_AUTH" "$work/cohort.jsonl" 100
common=(--scenario "$scenario_file" --activity "$activity" --format json)
"$bin" report --statements "$work/cohort.jsonl" "${common[@]}" >"$work/file.json"
started=$(date +%s.%N)
"$bin" report --lrs "$SQ_LRS_ENDPOINT" --auth "$SQ_LRS_AUTH" "${common[@]}" >"$work/lrs.json"
log "LRS path: $(echo "$(date +%s.%N) - $started" | bc) s for $(wc -l <"$work/cohort.jsonl") statements"
python3 -c 'import json,sys; e=json.load(open(sys.argv[1])); r=json.load(open(sys.argv[2])); assert (r["attempts"], r["passed"], r["learners"]) == (e["attempts"], e["passed"], e["learners"]), (r["attempts"], e)' \
  "$work/expected.json" "$work/file.json"
if same_report "$work/file.json" "$work/lrs.json"; then
  log "Ralph round trip: --lrs gives the same report as --statements"
else
  die "Ralph round trip: the reports differ (Ralph's log: .tools/lrs-run/ralph.log)"
fi
bash scripts/lrs.sh stop >/dev/null

if [ "${SQ_REPORT_SKIP_CHDB:-0}" = 1 ]; then
  log "ClickHouse SQL: skipped (SQ_REPORT_SKIP_CHDB=1)"
  exit 0
fi
bash scripts/chdb.sh python tests/infra/report_chdb.py --statements "$work/cohort.jsonl" \
  --scenario "$scenario_file" --activity "$activity" --scenario-bin "$bin"
log "ClickHouse SQL: --clickhouse gives the same report as --statements"
