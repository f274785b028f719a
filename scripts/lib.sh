# shellcheck shell=bash
# Shared by every script here (sourced, not run). Sets ROOT, puts the project's tools on
# PATH, reads the wasm's release settings (SQ_WASM_ENV) and defines the log helpers.

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

_sq_name="$(basename "$0" .sh)"
log() { printf '%s: %s\n' "$_sq_name" "$*"; }
die() { printf '%s: ERROR: %s\n' "$_sq_name" "$*" >&2; exit 1; }

# The environment of every release build of the app's wasm, as `NAME=value` words:
# `env "${SQ_WASM_ENV[@]}" trunk build --release ...`; SQ_WASM_ENV_NAMES holds the names.
# Read from scripts/wasm-release.env, the one list (the hook in Trunk.toml, scripts/pack.sh,
# removes the same names); why these settings, and what they save, is written there.
SQ_WASM_ENV=()
while IFS= read -r _sq_line || [[ -n "$_sq_line" ]]; do
  case "$_sq_line" in
    '' | '#'*) ;;
    *)
      [[ "$_sq_line" =~ ^[A-Z_][A-Z0-9_]*= ]] || die "scripts/wasm-release.env: not NAME=value: $_sq_line"
      SQ_WASM_ENV+=("$_sq_line")
      ;;
  esac
done <"$ROOT/scripts/wasm-release.env"
unset _sq_line
# shellcheck disable=SC2034 # used by the scripts that source this file
SQ_WASM_ENV_NAMES=("${SQ_WASM_ENV[@]%%=*}")

# Where the browser tests and scripts/measure.mjs find Chromium.
export SQ_CHROMIUM="${SQ_CHROMIUM:-/usr/bin/chromium}"

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
