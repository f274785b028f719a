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

# sq_build_page NAME PACKAGE OUT: builds a page of the site other than the learner's app
# (report.html now; the studio's studio.html can use the same) with its own wasm, so a learner
# opening index.html downloads none of it, and scripts/budget.mjs counts it apart:
# * PACKAGE's library (a cdylib) for wasm32 with the app's release settings (SQ_WASM_ENV),
#   wasm-bindgen --target web, and wasm-opt -Oz with index.html's flags (data-wasm-opt-params,
#   the one list), as scripts/lms-variant.sh builds the LMS variant;
# * into OUT/NAME/ as NAME-<hash>.js and NAME-<hash>_bg.wasm;
# * then NAME.html (the template at the project's root) is written to OUT/NAME.html with
#   {{js}} and {{wasm}} replaced by those files' URLs and each {{asset:PATH}} by the URL of
#   PATH (a file of the project: the page's loader, worker, CSS) copied to
#   OUT/NAME/<stem>-<hash>.<ext>. All URLs are relative (./NAME/…), like trunk's
#   (Trunk.toml, public_url), so the site works from any folder.
# Runs in a subshell (its temporary folder is removed on any exit).
sq_build_page() (
  set -euo pipefail
  local name="$1" package="$2" out="$3"
  local template="$ROOT/$name.html"
  [[ -f "$template" ]] || die "$template not found"
  local target="${CARGO_TARGET_DIR:-$ROOT/target}"
  local wasm="$target/wasm32-unknown-unknown/release/${package//-/_}.wasm"
  local start=$SECONDS
  (cd "$ROOT" && env "${SQ_WASM_ENV[@]}" cargo build --quiet --offline --release \
    --target wasm32-unknown-unknown --package "$package" --lib)
  local tmp
  tmp="$(mktemp -d)"
  trap 'rm -rf "$tmp"' EXIT
  wasm-bindgen --target web --no-typescript --out-dir "$tmp" --out-name "$name" "$wasm"
  local params
  params="$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' "$ROOT/index.html")"
  [[ -n "$params" ]] || die "index.html has no data-wasm-opt-params"
  # shellcheck disable=SC2086 # the flags are words
  wasm-opt -Oz $params "$tmp/${name}_bg.wasm" -o "$tmp/${name}_bg.opt.wasm"
  local hash
  hash="$(cat "$tmp/$name.js" "$tmp/${name}_bg.opt.wasm" | sha256sum | cut -c1-16)"
  rm -rf "${out:?}/$name"
  mkdir -p "$out/$name"
  cp "$tmp/${name}_bg.opt.wasm" "$out/$name/$name-${hash}_bg.wasm"
  # wasm-bindgen's JS names its wasm `NAME_bg.wasm` for a default init() only; the page's
  # loader always passes the path, so the hashed name is safe.
  cp "$tmp/$name.js" "$out/$name/$name-$hash.js"
  local html
  html="$(cat "$template")"
  html="${html//"{{js}}"/"./$name/$name-$hash.js"}"
  html="${html//"{{wasm}}"/"./$name/$name-${hash}_bg.wasm"}"
  local asset file base stem ext ahash
  while read -r asset; do
    file="$ROOT/$asset"
    [[ -f "$file" ]] || die "$name.html names {{asset:$asset}}, which is not a file"
    base="$(basename "$asset")"
    stem="${base%.*}"
    ext="${base##*.}"
    ahash="$(sha256sum "$file" | cut -c1-16)"
    cp "$file" "$out/$name/$stem-$ahash.$ext"
    html="${html//"{{asset:$asset}}"/"./$name/$stem-$ahash.$ext"}"
  done < <(grep -o '{{asset:[^}]*}}' "$template" | sed 's/^{{asset:\(.*\)}}$/\1/' | sort -u)
  if grep -q '{{' <<<"$html"; then
    die "$name.html: a placeholder was not filled: $(grep -o '{{[^}]*}}' <<<"$html" | head -1)"
  fi
  printf '%s\n' "$html" >"$out/$name.html"
  log "$name.html: $name/$name-$hash.js, $name/$name-${hash}_bg.wasm ($((SECONDS - start))s)"
)
