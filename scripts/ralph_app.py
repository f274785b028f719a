"""Ralph's LRS app (ralph.api:app) with its file-system backend made to append.

scripts/lrs.sh serves this module with uvicorn instead of `ralph.api:app` itself. Ralph
5.1.0's `fs` LRS backend refuses every write after the first one:

    .../fs_lrs.jsonl already exists and overwrite is not allowed with operation_type
    create or index.

because (ralph/backends/lrs/fs.py, ralph/backends/data/fs.py):
  - FSLRSBackend.write() sends every batch of statements to the same file,
    settings.DEFAULT_LRS_FILE ("fs_lrs.jsonl", or <target>/fs_lrs.jsonl);
  - the statements router (ralph/api/routers/statements.py) calls write() without an
    operation_type, so FSDataBackend.default_operation_type applies, which is CREATE;
  - FSDataBackend._write_bytes() raises on CREATE (and INDEX) when the file exists, and
    the router answers the POST or PUT with 500 "Statements bulk indexation failed".
No setting changes that: the operation type is a class attribute, not a field of
FSLRSBackendSettings, and DEFAULT_LRS_FILE names both the one file written and the glob
read back (so a file per batch cannot be had by configuration either).

The fix: make APPEND the fs LRS backend's default operation type before the app imports
the backend (the router builds its backend client at import time). Every batch is then
appended to fs_lrs.jsonl as JSON lines, which is what the backend's reader already
expects. Nothing else changes: the duplicate-id check, the query filters and the paging
are Ralph's own. Drop this module (serve `ralph.api:app`) once a Ralph release makes a
second POST to the fs backend succeed: `SQ_LRS_FS_APPEND=0 bash scripts/lrs-test.sh` then
passes.
"""

from ralph.backends.data.base import BaseOperationType
from ralph.backends.lrs.fs import FSLRSBackend

FSLRSBackend.default_operation_type = BaseOperationType.APPEND

from ralph.api import app  # noqa: E402  (must come after the patch)

__all__ = ["app"]
