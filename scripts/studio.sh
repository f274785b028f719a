#!/usr/bin/env bash
# Builds the studio (crates/scenario-studio, issue 16) into OUT/studio/ and writes
# OUT/studio.html from the studio.html template: the studio's own wasm and JS (wasm-bindgen),
# its loader and checker worker (web/studio-*.js), its stylesheet (styles/studio.css) and the
# bundled scenarios' YAML for "Start from…", each file named by its content's hash. The
# learner's index.html and its files are untouched: a learner downloads none of this
# (scripts/budget.mjs checks it, and holds the studio to its own budget).
#
# trunk runs this as a post_build hook (Trunk.toml) on release builds, into its staging
# folder; debug builds (trunk serve without --release) skip it. By hand: bash scripts/studio.sh dist
#
# Same compiler settings as the app's release build (scripts/wasm-release.env), same
# wasm-bindgen and the same wasm-opt flags (read from index.html's data-wasm-opt-params), as
# scripts/lms-variant.sh does for the LMS build. Trunk 0.21.14 builds one HTML target per run,
# hence a hook rather than a second `trunk build` into the same dist/.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"

out="${1:-}"
if [[ -z "$out" ]]; then
  if [[ "${TRUNK_PROFILE:-}" != "release" ]]; then
    log "skipped: not a release build (no studio.html in a debug build)"
    exit 0
  fi
  out="${TRUNK_STAGING_DIR:?not run by trunk: give the dist folder}"
fi
[[ -f "$out/index.html" ]] || die "$out/index.html not found: build the app first"

start=$SECONDS
env "${SQ_WASM_ENV[@]}" cargo build --quiet --offline --release --target wasm32-unknown-unknown \
  -p scenario-studio --lib
wasm="target/wasm32-unknown-unknown/release/scenario_studio.wasm"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name studio "$wasm"
params="$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
[[ -n "$params" ]] || die "index.html has no data-wasm-opt-params"
# shellcheck disable=SC2086 # the flags are words
wasm-opt -Oz $params "$tmp/studio_bg.wasm" -o "$tmp/studio_bg.opt.wasm"

rm -rf "$out/studio"
mkdir -p "$out/studio/scenarios"
# hashed SRC NAME EXT: copies SRC to OUT/studio/NAME-<hash>.EXT and prints its URL.
hashed() {
  local hash
  hash="$(sha256sum "$1" | cut -c1-16)"
  cp "$1" "$out/studio/$2-$hash.$3"
  printf './studio/%s-%s.%s' "$2" "$hash" "$3"
}
# wasm-bindgen's JS names its wasm `studio_bg.wasm` for a default init() only; the loader
# and the worker always pass the path, so the hashed name is safe.
js="$(hashed "$tmp/studio.js" studio js)"
bg="$(hashed "$tmp/studio_bg.opt.wasm" studio_bg wasm)"
loader="$(hashed web/studio-loader.js studio-loader js)"
worker="$(hashed web/studio-worker.js studio-worker js)"
# The studio's stylesheet with the branching map's (scenario-map's map.css, which the SVG
# cannot embed under the CSP): one file.
cat styles/studio.css crates/scenario-map/src/map.css >"$tmp/studio.css"
studio_css="$(hashed "$tmp/studio.css" studio css)"

# The learner's stylesheet (trunk's hashed copy of styles/app.css): the studio shares its
# colours, header and buttons, and (with the preview) its screens.
mapfile -t app_css < <(cd "$out" && ls app-*.css 2>/dev/null)
[[ ${#app_css[@]} -eq 1 ]] || die "expected one app-*.css in $out, found ${#app_css[@]}"

# "Start from…": the bundled scenarios as their authors wrote them (the packs in
# scenarios/*.json are what the learner's app reads; the studio edits the YAML).
for f in scenarios/*.yaml; do
  case "$(basename "$f")" in
    dimensions.yaml | glossary.yaml) ;;
    *) cp "$f" "$out/studio/scenarios/" ;;
  esac
done

sed -e "s#{{app_css}}#./${app_css[0]}#" -e "s#{{studio_css}}#$studio_css#" \
  -e "s#{{loader}}#$loader#" -e "s#{{js}}#$js#" -e "s#{{wasm}}#$bg#" -e "s#{{worker}}#$worker#" \
  studio.html >"$out/studio.html"
if grep -q '{{' "$out/studio.html"; then die "studio.html: a placeholder was not filled in"; fi
log "studio: $out/studio.html, $js, $bg ($((SECONDS - start))s)"
