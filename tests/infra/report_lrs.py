"""POST a file of statements (JSON lines) to an LRS in batches, as the app's queue would.

    python3 tests/infra/report_lrs.py ENDPOINT AUTH FILE [BATCH]

Standard library only (the system python3). Prints the number posted and the seconds taken.
"""

import json
import sys
import time
import urllib.request


def main() -> int:
    endpoint, auth, path = sys.argv[1], sys.argv[2], sys.argv[3]
    size = int(sys.argv[4]) if len(sys.argv) > 4 else 100
    with open(path) as f:
        lines = [line for line in f if line.strip()]
    started = time.perf_counter()
    for i in range(0, len(lines), size):
        body = ("[" + ",".join(lines[i:i + size]) + "]").encode()
        req = urllib.request.Request(endpoint.rstrip("/") + "/statements", data=body, method="POST", headers={
            "Content-Type": "application/json", "Authorization": auth, "X-Experience-API-Version": "1.0.3"})
        with urllib.request.urlopen(req, timeout=120) as resp:
            if resp.status not in (200, 204):
                print(f"POST answered {resp.status}", file=sys.stderr)
                return 1
    print(json.dumps({"posted": len(lines), "seconds": round(time.perf_counter() - started, 2)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
