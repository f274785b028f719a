# shellcheck shell=bash
# Shared by scripts/setup.sh, scripts/serve.sh and scripts/test.sh (sourced, not run).
# Sets ROOT, puts the project's tools on PATH and defines the log helpers.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

# cargo-installed tools (trunk, wasm-bindgen) and the npm-installed ones (wasm-opt from
# the `binaryen` package, playwright-core). node_modules/.bin comes first so that trunk
# picks binaryen's wasm-opt (version 132) over an older system one (Debian's is 108,
# which cannot parse what rustc 1.95 emits).
CARGO_BIN="${CARGO_HOME:-$HOME/.cargo}/bin"
case ":$PATH:" in
  *":$ROOT/node_modules/.bin:"*) ;;
  *) PATH="$ROOT/node_modules/.bin:$PATH" ;;
esac
case ":$PATH:" in
  *":$CARGO_BIN:"*) ;;
  *) PATH="$PATH:$CARGO_BIN" ;;
esac
export PATH

# Where the browser tests and scripts/measure.mjs find Chromium.
export SQ_CHROMIUM="${SQ_CHROMIUM:-/usr/bin/chromium}"

_sq_name="$(basename "$0" .sh)"
log() { printf '%s: %s\n' "$_sq_name" "$*"; }
die() { printf '%s: ERROR: %s\n' "$_sq_name" "$*" >&2; exit 1; }

# run_step "label" cmd args... : prints the step, runs it, reports its time, and stops
# the whole script (non-zero exit) at the first failure.
run_step() {
  local label="$1"; shift
  local start=$SECONDS
  printf '\n%s: ==> %s\n' "$_sq_name" "$label"
  printf '%s:     $ %s\n' "$_sq_name" "$*"
  if "$@"; then
    printf '%s: <== %s: ok (%ss)\n' "$_sq_name" "$label" "$((SECONDS - start))"
  else
    local rc=$?
    printf '%s: <== %s: FAILED (exit %s after %ss)\n' "$_sq_name" "$label" "$rc" "$((SECONDS - start))" >&2
    exit "$rc"
  fi
}
