#!/usr/bin/env bash
# Installs what a command needs, pinned, and skips whatever is already there at the right
# version, so a second run is a quick no-op. Safe for CI (CI=true, no stdin, root) on a fresh
# machine: only crates.io, npm and Debian apt are reachable.
#
#   bash scripts/setup.sh --for serve    what scripts/serve.sh needs: the release build
#   bash scripts/setup.sh --for build    what scripts/build.sh needs: the same
#   bash scripts/setup.sh [--for test]   what scripts/test.sh needs: everything (the default)
#
# For every command (the release build):
#   rustup target wasm32-unknown-unknown, and the rust-src component: the release wasm
#                     builds its own standard library (scripts/wasm-release.env)
#   trunk             0.21.14  (cargo install --locked; 0.22 needs rustc >= 1.96)
#   wasm-bindgen-cli  = the `wasm-bindgen` version in Cargo.lock (cargo install, NOT
#                     --locked: a locked dependency is missing from the registry)
#   npm ci            package-lock.json's `dependencies`: binaryen (wasm-opt), esbuild
#                     (scripts/minify.mjs)
#   cargo fetch       so that `trunk build --offline` (cargo --offline) finds every crate,
#                     the standard library's own (build-std) among them
# For the tests only:
#   rustfmt, clippy   rustup components
#   chromium          Debian's /usr/bin/chromium (apt, only when missing)
#   npm ci            and the `devDependencies`: playwright-core, axe-core, inkjs
#   nightly Rust      for the fuzz smoke (libFuzzer): any installed nightly, else
#                     nightly-2026-05-20 via rustup (minimal profile); if that cannot be
#                     installed, a warning and scripts/fuzz-smoke.sh says it skips; under
#                     CI=true, a failure (CI must not skip the fuzz smoke)
#   cargo-fuzz        0.13.2 (cargo install --locked)
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

FOR=test
case "${1:-}" in
  '') ;;
  --for) FOR="${2:-}" ;;
  --for=*) FOR="${1#--for=}" ;;
  *) FOR="" ;;
esac
case "$FOR" in
  serve | build | test) ;;
  *) die "usage: bash scripts/setup.sh [--for serve|build|test] (test, the default, installs everything)" ;;
esac
# Whether the tests' tools are wanted too.
tests() { [[ "$FOR" == test ]]; }

TRUNK_VERSION="0.21.14"
CARGO_FUZZ_VERSION="0.13.2"
# The nightly this machine kind ships (rustc 1.97.0-nightly e50aa6fba 2026-05-19).
NIGHTLY_TOOLCHAIN="nightly-2026-05-20"
WASM_OPT_VERSION="132" # must match [tools] wasm_opt in Trunk.toml and binaryen in package.json
NODE_MAJOR_MIN=20
SETUP_START=$SECONDS
LOG_DIR="${TMPDIR:-/tmp}/scenario-quiz-setup"
mkdir -p "$LOG_DIR"

# run a long, chatty install with its output in a log file; print the tail on failure.
quiet_install() {
  local what="$1"; shift
  local logfile
  logfile="$LOG_DIR/$(printf '%s' "$what" | tr -c 'a-zA-Z0-9.-' '_').log"
  local start=$SECONDS
  if "$@" >"$logfile" 2>&1 </dev/null; then
    log "    done in $((SECONDS - start))s (log: $logfile)"
  else
    local rc=$?
    echo "----- last 40 lines of $logfile -----" >&2
    tail -n 40 "$logfile" >&2 || true
    echo "-----" >&2
    die "could not install $what (exit $rc): $*"
  fi
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo -n "$@"
  else
    die "need root (or passwordless sudo) to run: $*"
  fi
}

log "setting up in $ROOT for $FOR"

# --- Rust ----------------------------------------------------------------------------
command -v cargo >/dev/null 2>&1 || die "cargo not found: install Rust (rustup) first"
command -v rustup >/dev/null 2>&1 || die "rustup not found: it is needed for the wasm32 target"
components=(rust-src)
tests && components+=(rustfmt clippy)
for component in "${components[@]}"; do
  if ! rustup component list --installed 2>/dev/null | grep -q "^${component}"; then
    log "installing rustup component $component"
    quiet_install "rustup-$component" rustup component add "$component"
  fi
done
if rustup target list --installed | grep -qx 'wasm32-unknown-unknown'; then
  log "ok  rust target wasm32-unknown-unknown"
else
  log "installing rust target wasm32-unknown-unknown"
  quiet_install "rustup-wasm32" rustup target add wasm32-unknown-unknown
fi

# --- trunk ---------------------------------------------------------------------------
have_trunk="$(trunk --version 2>/dev/null || true)"
if [[ "$have_trunk" == "trunk $TRUNK_VERSION" ]]; then
  log "ok  trunk $TRUNK_VERSION"
else
  log "installing trunk $TRUNK_VERSION (found: ${have_trunk:-none}); cargo install takes 8-13 min on 2 cores"
  quiet_install "trunk-$TRUNK_VERSION" \
    cargo install trunk --version "$TRUNK_VERSION" --locked --force
  [[ "$(trunk --version 2>/dev/null)" == "trunk $TRUNK_VERSION" ]] \
    || die "trunk $TRUNK_VERSION installed but 'trunk --version' says: $(trunk --version 2>&1 || true)"
fi

# --- wasm-bindgen-cli (exactly Cargo.lock's wasm-bindgen) ----------------------------
[[ -f Cargo.lock ]] || die "Cargo.lock is missing: it pins wasm-bindgen"
WBG_VERSION="$(awk '
  /^\[\[package\]\]/ { in_wbg = 0 }
  /^name = "wasm-bindgen"$/ { in_wbg = 1 }
  in_wbg && /^version = / { gsub(/"/, "", $3); print $3; exit }
' Cargo.lock)"
[[ -n "$WBG_VERSION" ]] || die "no 'wasm-bindgen' package in Cargo.lock"
have_wbg="$(wasm-bindgen --version 2>/dev/null || true)"
if [[ "$have_wbg" == "wasm-bindgen $WBG_VERSION" ]]; then
  log "ok  wasm-bindgen-cli $WBG_VERSION (matches Cargo.lock)"
else
  log "installing wasm-bindgen-cli $WBG_VERSION (found: ${have_wbg:-none}); takes ~3 min"
  # Not --locked: one of its locked dependency versions is gone from crates.io.
  quiet_install "wasm-bindgen-cli-$WBG_VERSION" \
    cargo install wasm-bindgen-cli --version "$WBG_VERSION" --force
  [[ "$(wasm-bindgen --version 2>/dev/null)" == "wasm-bindgen $WBG_VERSION" ]] \
    || die "wasm-bindgen-cli $WBG_VERSION installed but 'wasm-bindgen --version' says: $(wasm-bindgen --version 2>&1 || true)"
fi

# --- Chromium (Debian's; browsers are never downloaded by a test tool) ---------------
if ! tests; then
  :
elif [[ -x "$SQ_CHROMIUM" ]]; then
  log "ok  chromium ($SQ_CHROMIUM)"
else
  log "installing chromium with apt-get (~1 min)"
  export DEBIAN_FRONTEND=noninteractive
  quiet_install "apt-get-update" as_root apt-get update
  quiet_install "chromium" as_root apt-get install -y --no-install-recommends chromium
  [[ -x "$SQ_CHROMIUM" ]] || die "apt-get installed chromium but $SQ_CHROMIUM is not there"
fi

# --- Node packages -------------------------------------------------------------------
command -v node >/dev/null 2>&1 || die "node not found: Node.js >= $NODE_MAJOR_MIN is needed"
command -v npm >/dev/null 2>&1 || die "npm not found"
node_major="$(node -p 'process.versions.node.split(".")[0]')"
((node_major >= NODE_MAJOR_MIN)) || die "Node.js >= $NODE_MAJOR_MIN needed, found $(node --version)"
[[ -f package-lock.json ]] || die "package-lock.json is missing"
# `npm ci` wipes node_modules, so a stamp inside it records which lock file it matches and
# whether the devDependencies came too ("test") or only the dependencies ("build").
stamp="node_modules/.scenario-quiz-setup-stamp"
lock_hash="$(cat package.json package-lock.json | sha256sum | cut -d' ' -f1)"
have_stamp="$(cat "$stamp" 2>/dev/null || true)"
if tests; then npm_mode=test npm_omit=(); else npm_mode=build npm_omit=(--omit=dev); fi
if [[ -x node_modules/.bin/wasm-opt && ("$have_stamp" == "$lock_hash test" || "$have_stamp" == "$lock_hash $npm_mode") ]]; then
  log "ok  node_modules (matches package-lock.json)"
else
  log "installing node packages (npm ci${npm_omit[*]:+ ${npm_omit[*]}})"
  quiet_install "npm-ci" npm ci "${npm_omit[@]}" --no-audit --no-fund
  printf '%s %s\n' "$lock_hash" "$npm_mode" >"$stamp"
fi

# --- wasm-opt must be binaryen's, first on PATH --------------------------------------
wasm_opt_path="$(command -v wasm-opt || true)"
[[ "$wasm_opt_path" == "$ROOT/node_modules/.bin/wasm-opt" ]] \
  || die "wasm-opt on PATH is '${wasm_opt_path:-none}', expected $ROOT/node_modules/.bin/wasm-opt"
have_wasm_opt="$(wasm-opt --version 2>/dev/null || true)"
[[ "$have_wasm_opt" == "wasm-opt version $WASM_OPT_VERSION "* ]] \
  || die "wasm-opt should be version $WASM_OPT_VERSION, it says: ${have_wasm_opt:-nothing}"
log "ok  wasm-opt $WASM_OPT_VERSION (binaryen, node_modules/.bin)"

# --- crates, so builds can run --offline ---------------------------------------------
fetch_log="$LOG_DIR/cargo-fetch.log"
# The second fetch is the standard library's crates (its own Cargo.lock, in rust-src),
# which the release build compiles for the wasm (SQ_WASM_ENV).
if cargo fetch --offline >"$fetch_log" 2>&1 </dev/null \
  && env "${SQ_WASM_ENV[@]}" cargo fetch --offline --target wasm32-unknown-unknown >>"$fetch_log" 2>&1 </dev/null; then
  log "ok  crates (all in the local cargo cache)"
else
  log "fetching crates (cargo fetch)"
  quiet_install "crates (cargo fetch)" cargo fetch
  quiet_install "standard library crates (cargo fetch, build-std)" \
    env "${SQ_WASM_ENV[@]}" cargo fetch --target wasm32-unknown-unknown
fi

# --- fuzzing: a nightly toolchain and cargo-fuzz (scripts/fuzz-smoke.sh) -------------
if ! tests; then
  log "setup complete for $FOR in $((SECONDS - SETUP_START))s"
  exit 0
fi
nightly="$(rustup toolchain list 2>/dev/null | awk '/^nightly/ { print $1; exit }')"
if [[ -n "$nightly" ]]; then
  log "ok  nightly toolchain ($nightly)"
else
  log "installing Rust $NIGHTLY_TOOLCHAIN (minimal profile) for the fuzz smoke"
  if rustup toolchain install "$NIGHTLY_TOOLCHAIN" --profile minimal >"$LOG_DIR/rustup-nightly.log" 2>&1 </dev/null; then
    nightly="$NIGHTLY_TOOLCHAIN"
    log "    done"
  else
    tail -n 5 "$LOG_DIR/rustup-nightly.log" >&2 || true
    [[ "${CI:-}" == true ]] \
      && die "could not install $NIGHTLY_TOOLCHAIN (log: $LOG_DIR/rustup-nightly.log), and CI must run the fuzz smoke"
    log "WARNING: could not install $NIGHTLY_TOOLCHAIN (log: $LOG_DIR/rustup-nightly.log); the fuzz smoke will be SKIPPED"
  fi
fi
have_fuzz="$(cargo fuzz --version 2>/dev/null || true)"
if [[ "$have_fuzz" == "cargo-fuzz $CARGO_FUZZ_VERSION" ]]; then
  log "ok  cargo-fuzz $CARGO_FUZZ_VERSION"
else
  log "installing cargo-fuzz $CARGO_FUZZ_VERSION (found: ${have_fuzz:-none}); takes ~2 min"
  quiet_install "cargo-fuzz-$CARGO_FUZZ_VERSION" \
    cargo install cargo-fuzz --version "$CARGO_FUZZ_VERSION" --locked --force
  [[ "$(cargo fuzz --version 2>/dev/null)" == "cargo-fuzz $CARGO_FUZZ_VERSION" ]] \
    || die "cargo-fuzz $CARGO_FUZZ_VERSION installed but 'cargo fuzz --version' says: $(cargo fuzz --version 2>&1 || true)"
fi
if [[ -n "$nightly" ]]; then
  if cargo "+$nightly" fetch --offline --manifest-path fuzz/Cargo.toml >"$LOG_DIR/cargo-fetch-fuzz.log" 2>&1 </dev/null; then
    log "ok  fuzz crates (all in the local cargo cache)"
  else
    log "fetching the fuzz crates (cargo fetch, fuzz/Cargo.lock)"
    quiet_install "fuzz crates (cargo fetch)" cargo "+$nightly" fetch --manifest-path fuzz/Cargo.toml
  fi
fi

log "setup complete for $FOR in $((SECONDS - SETUP_START))s"
