#!/usr/bin/env bash
# Packages scenario files as SCORM packages for an LMS: DIR/<id>-<standard>.zip for each
# FILE.yaml (with the dimensions.yaml beside it; files outside scenarios/ work too).
#
#   bash scripts/package.sh --standard scorm12|scorm2004 --out DIR FILE.yaml...
#   bash scripts/package.sh --standard scorm2004 --out DIR --app dist FILE.yaml...
#
# Steps: fetch the SCORM schema files (scripts/scorm-schemas.sh: a pinned, sha512-checked
# npm tarball into .tools/, once); build the release app once (scripts/build.sh, into dist/,
# as CI builds it), unless --app names an app already built that way; then
# `scenario package` (crates/scenario-cli/src/package.rs, the scenario-package crate) writes
# each zip: the app opening straight on that scenario, imsmanifest.xml, the schema files.
# What to upload where, and what the LMS shows: docs/lms.md, "Packages".
#
# A file with errors is reported as file:line:column and gets no package; the others still
# do; the exit status is then 1 (2 on a usage or I/O error).
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  echo "usage: bash scripts/package.sh --standard scorm12|scorm2004 --out DIR [--app BUILT_DIST] FILE.yaml..." >&2
  exit 2
}

# Paths are taken relative to where the script is called from; it then works from the root.
absolute() { case "$1" in /*) printf '%s\n' "$1" ;; *) printf '%s\n' "$PWD/$1" ;; esac; }

standard="" out="" app="" files=()
while (($# > 0)); do
  case "$1" in
    --standard) standard="${2:-}"; shift 2 || usage ;;
    --standard=*) standard="${1#--standard=}"; shift ;;
    --out) out="$(absolute "${2:-}")"; shift 2 || usage ;;
    --out=*) out="$(absolute "${1#--out=}")"; shift ;;
    --app) app="$(absolute "${2:-}")"; shift 2 || usage ;;
    --app=*) app="$(absolute "${1#--app=}")"; shift ;;
    -h | --help) usage ;;
    -*) echo "package: unknown option $1" >&2; usage ;;
    *) files+=("$(absolute "$1")"); shift ;;
  esac
done
[[ "$standard" == scorm12 || "$standard" == scorm2004 ]] || { echo "package: --standard must be scorm12 or scorm2004" >&2; usage; }
[[ -n "$out" ]] || { echo "package: --out DIR is needed" >&2; usage; }
((${#files[@]} > 0)) || { echo "package: name at least one scenario file" >&2; usage; }

cd "$ROOT"
schemas="$(bash scripts/scorm-schemas.sh)"
if [[ -z "$app" ]]; then
  log "building the release app (scripts/build.sh, into dist/)"
  bash scripts/build.sh >&2
  app="$ROOT/dist"
fi
# The CLI is built for this machine: without the wasm's release settings (as scripts/pack.sh).
unset "${SQ_WASM_ENV_NAMES[@]}"
exec cargo run --quiet --offline --package scenario-cli --bin scenario -- \
  package --standard "$standard" --app "$app" --schemas "$schemas" --out "$out" "${files[@]}"
