#!/usr/bin/env bash
# Embedded ClickHouse (PyPI chdb) for testing SQL over Ralph's ClickHouse table, without a
# ClickHouse server (none usable is obtainable here: Debian's is 18.16, from 2018).
#
#   bash scripts/chdb.sh install          the venv .tools/chdb, chdb==4.4.0 pinned (idempotent)
#   bash scripts/chdb.sh smoke            install, then run tests/infra/chdb_smoke.py: Ralph's
#                                         table in a file-backed chdb session in a temp dir,
#                                         a few statements inserted as Ralph inserts them, and
#                                         JSON-extraction queries checked against known counts
#   bash scripts/chdb.sh bench [ROWS]     install, then time inserting and aggregating ROWS
#                                         generated statements (default 1000000); prints only
#   bash scripts/chdb.sh python ARGS...   the venv's python, for other tests and the report's
#
# The table is tests/fixtures/clickhouse/ralph-table.sql (Ralph 5.1.0's, see its comment).
# chdb's wheel is large (~0.7 GB installed: it carries the whole ClickHouse engine);
# install time and size on this machine are in docs/lrs-infra.md.
set -euo pipefail
# shellcheck source=scripts/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
# shellcheck source=scripts/pyvenv.sh
source "$ROOT/scripts/pyvenv.sh"

CHDB_VERSION="4.4.0"
CHDB_LOCK="$ROOT/scripts/requirements/chdb.lock"

install() {
  sq_venv chdb "$CHDB_LOCK" "chdb==$CHDB_VERSION"
}

case "${1:-}" in
  install) install ;;
  smoke)
    install
    "$SQ_VENV_PY" "$ROOT/tests/infra/chdb_smoke.py"
    ;;
  bench)
    install
    "$SQ_VENV_PY" "$ROOT/tests/infra/chdb_smoke.py" --bench "${2:-1000000}"
    ;;
  python)
    shift
    install >/dev/null
    exec "$SQ_VENV_PY" "$@"
    ;;
  *)
    sed -n '2,/^set -euo/p' "$0" | sed '$d' >&2
    die "usage: bash scripts/chdb.sh install|smoke|bench [ROWS]|python ARGS..."
    ;;
esac
