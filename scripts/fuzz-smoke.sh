#!/usr/bin/env bash
# A short fuzz run of the three cargo-fuzz targets (docs/fuzzing.md), for CI: builds them
# with the nightly toolchain, seeds a fresh corpus (the YAML targets from scenarios/,
# tests/fixtures/ and the kept crash inputs; `json` from the JSON fixtures, saves among
# them, and the bundled scenarios' packs), and runs each target for SQ_FUZZ_SECONDS (default 30) with a fixed seed.
# Fails on any crash, hang (-timeout) or memory blow-up (-rss_limit_mb), leaving the input
# in fuzz/artifacts/<target>/.
#
#   bash scripts/fuzz-smoke.sh                 # all three targets, 30 s each
#   SQ_FUZZ_SECONDS=600 bash scripts/fuzz-smoke.sh structured
#
# Needs a nightly toolchain (libFuzzer's instrumentation) and cargo-fuzz; scripts/setup.sh
# installs both. When no nightly toolchain is installed (setup.sh could not install one),
# the smoke is SKIPPED with a message and exits 0: that is the only reason it skips, and
# never under CI=true, where a smoke that cannot run FAILS (CI must not pass without it).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

SECONDS_EACH="${SQ_FUZZ_SECONDS:-30}"
TARGETS=("$@")
((${#TARGETS[@]})) || TARGETS=(load_bytes structured json)

toolchain="${SQ_FUZZ_TOOLCHAIN:-$(rustup toolchain list 2>/dev/null | awk '/^nightly/ { print $1; exit }')}"
if [[ -z "$toolchain" ]]; then
  hint="install one with: rustup toolchain install nightly-2026-05-20 --profile minimal"
  [[ "${CI:-}" == true ]] && die "no nightly Rust toolchain is installed, and libFuzzer needs one: under CI=true the fuzz smoke must run ($hint)"
  log "SKIPPED fuzz smoke: no nightly Rust toolchain is installed, and libFuzzer needs one."
  log "        $hint"
  exit 0
fi
command -v cargo-fuzz >/dev/null 2>&1 || die "cargo-fuzz not found: run bash scripts/setup.sh"

log "building the fuzz targets with $toolchain ($(cargo fuzz --version))"
cargo "+$toolchain" fuzz build -O -a -s none >/dev/null 2>"${TMPDIR:-/tmp}/fuzz-smoke-build.log" || {
  tail -n 40 "${TMPDIR:-/tmp}/fuzz-smoke-build.log" >&2
  die "cargo fuzz build failed"
}

work="$(mktemp -d "${TMPDIR:-/tmp}/fuzz-smoke.XXXXXX")"
trap 'rm -rf "$work"' EXIT
# seed DIR FIND-ARGS...: copies the files `find` lists into DIR, numbered.
seed() {
  local dir="$1" n=0 file
  shift
  mkdir -p "$dir"
  while IFS= read -r -d '' file; do
    cp "$file" "$dir/$(printf '%04d' "$n")-$(basename "$file")"
    n=$((n + 1))
  done < <(find "$@" -print0 2>/dev/null | sort -z)
  log "seed corpus $(basename "$dir"): $n files"
}
seed "$work/seeds-yaml" scenarios tests/fixtures crates/scenario-core/tests/fuzz-regressions \
  -type f \( -name '*.yaml' -o -name '*.bin' \)
# The json target also reads its input as a scenario pack: seed it with the bundled
# scenarios packed as the build packs them.
cargo run -q --offline --bin scenario -- pack scenarios --out "$work/packs" 2>/dev/null
seed "$work/seeds-json" tests/fixtures crates/scenario-core/tests/fuzz-regressions "$work/packs" \
  -type f -name '*.json'

for target in "${TARGETS[@]}"; do
  corpus="$work/corpus-$target"
  mkdir -p "$corpus" "fuzz/artifacts/$target"
  seeds="$work/seeds-yaml" dict=(-dict=fuzz/yaml.dict)
  [[ "$target" == json ]] && seeds="$work/seeds-json" dict=()
  log "fuzzing $target for ${SECONDS_EACH}s"
  # -seed fixes libFuzzer's choices; the run still depends on speed (how far it gets).
  if ! cargo "+$toolchain" fuzz run -O -a -s none "$target" "$corpus" "$seeds" -- \
    -seed=1 -max_total_time="$SECONDS_EACH" -timeout=10 -rss_limit_mb=2048 \
    "${dict[@]}" -max_len=65536 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$target/" >"$work/$target.log" 2>&1; then
    tail -n 60 "$work/$target.log" >&2
    die "fuzz target $target found a problem: the input is in fuzz/artifacts/$target/ (see docs/fuzzing.md)"
  fi
  grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' "$work/$target.log" \
    | sed "s/^/$_sq_name: $target /" || true
  grep -E '^#[0-9]+ +DONE' "$work/$target.log" | sed "s/^/$_sq_name: $target /" || true
done
log "fuzz smoke passed: ${TARGETS[*]}"
