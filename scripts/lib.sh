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

# The environment of every release build of the app (scripts/serve.sh, scripts/test.sh):
# `env "${SQ_WASM_ENV[@]}" trunk build ...`. It compiles the standard library for the wasm
# with the app (cargo's build-std, from the rust-src component scripts/setup.sh installs)
# and makes a panic abort at once, without formatting a message: 16 KB gzip less wasm.
# The standard library is built with its `optimize_for_size` feature (smaller versions of
# sorting and formatting code, same results): 2.4 KB gzip less.
# What a panic does is the same for a learner (the app stops either way, and the browser
# tests still see it as an uncaught error), but the browser console no longer shows the
# panic's message, which yew's panic hook printed: only "RuntimeError: unreachable" and a
# stack of wasm functions. To read a message, build without these settings: a bare
# `trunk build --release` works and gives the larger wasm with the hook.
# These are unstable options of the pinned stable compiler (rustc 1.95.0), enabled for this
# build only by RUSTC_BOOTSTRAP=1; the native builds and tests never see them.
# docs/performance.md ("Size") has the figures and the trade-off.
# shellcheck disable=SC2034 # used by the scripts that source this file
SQ_WASM_ENV=(
  RUSTC_BOOTSTRAP=1
  "CARGO_UNSTABLE_BUILD_STD=std panic_abort"
  CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size
  "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS=-Zunstable-options -Cpanic=immediate-abort"
)

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
