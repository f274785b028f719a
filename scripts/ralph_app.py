"""Ralph's LRS app (ralph.api:app) with two fixes to its file-system (`fs`) backend.

scripts/lrs.sh serves this module with uvicorn instead of `ralph.api:app` itself.
Both problems are in Ralph 5.1.0 (and in its repository's main branch as of mid-2026).

1. Every POST or PUT after the first answers 500 "Statements bulk indexation failed";
   Ralph's log says `.../fs_lrs.jsonl already exists and overwrite is not allowed with
   operation_type create or index.` Because (ralph/backends/lrs/fs.py, data/fs.py):
     - FSLRSBackend.write() sends every batch of statements to the same file,
       settings.DEFAULT_LRS_FILE ("fs_lrs.jsonl", or <target>/fs_lrs.jsonl);
     - the statements router (ralph/api/routers/statements.py) calls write() without an
       operation_type, so FSDataBackend.default_operation_type applies: CREATE;
     - FSDataBackend._write_bytes() raises on CREATE (and INDEX) when the file exists.
   No setting changes that: the operation type is a class attribute, not a field of
   FSLRSBackendSettings, and DEFAULT_LRS_FILE names both the one file written and the
   glob read back, so a file per batch cannot be had by configuration either.
   Fix: APPEND as the backend's default operation type. Every batch is appended to
   fs_lrs.jsonl as JSON lines, which is what the backend's reader expects.

2. GET /xAPI/statements?activity=... and ?verb=... always answer no statements. The
   router turns those parameters into `IRI` objects (a pydantic RootModel, not a str)
   and hands the raw query to RalphStatementsQuery.model_construct(), which validates
   nothing; the fs backend then compares `statement["object"]["id"] == activity`, a str
   with an IRI, never equal. For the same reason the boolean parameters arrive as the
   strings "true"/"false" and are tested for truth, so `related_activities=false` and
   `ascending=false` act as true. (The ClickHouse backend dumps the query to plain
   values first and is not hit.)
   Fix: the fs backend's query_statements() gets plain strings and real booleans.

Nothing else changes: the duplicate-id check, the filters themselves and the paging are
Ralph's. The patches must run before ralph.api is imported: its router builds the
backend client at import time.

Drop this module (serve `ralph.api:app`) once a Ralph release passes tests/infra/
lrs.test.mjs without it: `SQ_LRS_FS_FIXES=0 bash scripts/lrs-test.sh`.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

_BOOLEAN_PARAMETERS = ("related_activities", "related_agents", "ascending", "attachments")
_fs_query_statements = FSLRSBackend.query_statements


def _query_statements_with_plain_values(self, params, target=None):
    plain = {}
    for name in ("verb", "activity"):
        value = getattr(params, name, None)
        if value is not None and not isinstance(value, str):
            plain[name] = str(value)
    for name in _BOOLEAN_PARAMETERS:
        value = getattr(params, name, None)
        if isinstance(value, str):
            plain[name] = value.lower() == "true"
    if plain:
        params = params.model_copy(update=plain)
    return _fs_query_statements(self, params, target)


FSLRSBackend.query_statements = _query_statements_with_plain_values

from ralph.api import app  # noqa: E402  (must come after the patch)

__all__ = ["app"]
