#!/usr/bin/env bash
# Builds the app's second variant, the one with the LMS/LRS runtime (cargo feature `lms`,
# src/lms/), into OUT/lms/ as app-<hash>.js + app-<hash>_bg.wasm, and names them in
# OUT/index.html's loader tag (data-lms-js, data-lms-wasm). web/loader.js starts it instead
# of the plain app only when a SCORM API is in a parent or opener window or the address
# carries xAPI launch parameters, so every other learner downloads none of it and the
# 150 KB budget (scripts/budget.mjs) stays about the plain app (docs/lms.md, "The runtime";
# docs/performance.md).
#
# trunk runs this as a post_build hook (Trunk.toml) on release builds, into its staging
# folder; debug builds (trunk serve without --release) skip it, and their loader then always
# starts the plain app. By hand: bash scripts/lms-variant.sh dist
#
# Same compiler settings as the plain app's release build (scripts/wasm-release.env), same
# wasm-bindgen and the same wasm-opt flags (read from index.html's data-wasm-opt-params).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

out="${1:-}"
if [[ -z "$out" ]]; then
  if [[ "${TRUNK_PROFILE:-}" != "release" ]]; then
    log "skipped: not a release build (the loader starts the plain app)"
    exit 0
  fi
  out="${TRUNK_STAGING_DIR:?not run by trunk: give the dist folder}"
fi
[[ -f "$out/index.html" ]] || die "$out/index.html not found: build the app first"

start=$SECONDS
wasm="target/wasm32-unknown-unknown/release/scenario-quiz.wasm"
env "${SQ_WASM_ENV[@]}" cargo build --quiet --offline --release --target wasm32-unknown-unknown \
  --bin scenario-quiz --features lms
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name app "$wasm"
params="$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
[[ -n "$params" ]] || die "index.html has no data-wasm-opt-params"
# shellcheck disable=SC2086 # the flags are words
wasm-opt -Oz $params "$tmp/app_bg.wasm" -o "$tmp/app_bg.opt.wasm"
hash="$(cat "$tmp/app.js" "$tmp/app_bg.opt.wasm" | sha256sum | cut -c1-16)"
rm -rf "$out/lms"
mkdir -p "$out/lms"
cp "$tmp/app_bg.opt.wasm" "$out/lms/app-${hash}_bg.wasm"
# wasm-bindgen's JS names its wasm `app_bg.wasm` for a default init() only; the loader
# always passes the path, so the hashed name is safe.
cp "$tmp/app.js" "$out/lms/app-${hash}.js"
js="./lms/app-${hash}.js"
bg="./lms/app-${hash}_bg.wasm"
grep -q 'src="[^"]*loader.js"' "$out/index.html" || die "$out/index.html has no loader.js tag"
sed -i -e 's# data-lms-js="[^"]*" data-lms-wasm="[^"]*"##g' \
  -e "s#\(<script type=\"module\" src=\"[^\"]*loader.js\"\)#\1 data-lms-js=\"$js\" data-lms-wasm=\"$bg\"#" "$out/index.html"
log "LMS variant: $js, $bg ($((SECONDS - start))s)"
