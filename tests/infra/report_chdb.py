"""The cohort report's ClickHouse SQL in an embedded ClickHouse (chdb), through the CLI.

    scripts/chdb.sh python tests/infra/report_chdb.py --statements FILE --scenario FILE.yaml \
        --activity IRI --scenario-bin target/…/scenario [--bench]

Makes Ralph 5.1.0's table (tests/fixtures/clickhouse/ralph-table.sql) in a file-backed chdb
session, inserts the statements the way Ralph's ClickHouse backend does (event_id = id,
emission_time = timestamp as an instant, event = json.dumps(statement) with Ralph's `stored`
and `authority`), and serves that session on 127.0.0.1 through a small subset of
ClickHouse's HTTP interface (POST the query, `param_NAME` query parameters, `default_format`),
so that `scenario report --clickhouse URL` runs exactly as against a ClickHouse server. Then
checks that its JSON report equals `scenario report --statements FILE` on the same data (all
but `source` and `input`, which say where the numbers came from). With --bench it prints the
time each step took instead of stopping at the first difference.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from urllib.parse import parse_qsl, urlsplit

from chdb import session

ROOT = Path(__file__).resolve().parents[2]
TABLE_SQL = ROOT / "tests" / "fixtures" / "clickhouse" / "ralph-table.sql"
INSERT = ("INSERT INTO xapi.xapi_events_all (event_id, emission_time, event) "
          "SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n")
AUTHORITY = {"objectType": "Agent", "mbox": "mailto:scenario-quiz-test@example.org"}


def ralph_rows(lines):
    for line in lines:
        s = json.loads(line)
        s.setdefault("stored", s["timestamp"])
        s["authority"] = AUTHORITY
        when = datetime.fromisoformat(s["timestamp"].replace("Z", "+00:00")).astimezone(timezone.utc)
        yield json.dumps({"event_id": s["id"], "emission_time": when.isoformat(), "event": json.dumps(s)})


def serve(sess: session.Session) -> tuple[HTTPServer, str]:
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):  # noqa: N802 (http.server's name)
            query = dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True))
            params = {k[len("param_"):]: v for k, v in query.items() if k.startswith("param_")}
            sql = self.rfile.read(int(self.headers.get("Content-Length", "0"))).decode()
            try:
                with lock:
                    started = time.perf_counter()
                    out = sess.query(sql, query.get("default_format", "TabSeparated"), params=params).bytes()
                    Handler.timings.append(time.perf_counter() - started)
                self.send_response(200)
                self.send_header("Content-Type", "application/x-ndjson")
                self.send_header("Content-Length", str(len(out)))
                self.end_headers()
                self.wfile.write(out)
            except Exception as e:  # a ClickHouse error: 500 with its text, as the server does
                body = str(e).encode()
                self.send_response(500)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    Handler.timings = []
    server = HTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/", Handler.timings


def report(binary: str, args: list[str]) -> tuple[dict, float]:
    started = time.perf_counter()
    run = subprocess.run([binary, "report", *args, "--format", "json"], capture_output=True, text=True, cwd=ROOT)
    took = time.perf_counter() - started
    if run.returncode != 0:
        sys.exit(f"scenario report {' '.join(args)} failed:\n{run.stderr}")
    return json.loads(run.stdout), took


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--statements", required=True)
    ap.add_argument("--scenario", required=True)
    ap.add_argument("--activity", required=True)
    ap.add_argument("--scenario-bin", required=True)
    ap.add_argument("--bench", action="store_true")
    a = ap.parse_args()
    folder = tempfile.mkdtemp(prefix="sq-report-chdb-")
    try:
        sess = session.Session(folder)
        for stmt in TABLE_SQL.read_text().split(";"):
            if stmt.strip() and not all(l.strip().startswith("--") or not l.strip() for l in stmt.splitlines()):
                sess.query(stmt)
        started = time.perf_counter()
        batch, rows = [], 0
        with open(a.statements) as f:
            for row in ralph_rows(f):
                batch.append(row)
                if len(batch) == 10_000:
                    sess.query(INSERT + "\n".join(batch))
                    rows += len(batch)
                    batch = []
        if batch:
            sess.query(INSERT + "\n".join(batch))
            rows += len(batch)
        inserted = time.perf_counter() - started
        server, url, timings = serve(sess)
        common = ["--scenario", a.scenario, "--activity", a.activity]
        sql_report, sql_took = report(a.scenario_bin, ["--clickhouse", url, *common])
        file_report, file_took = report(a.scenario_bin, ["--statements", a.statements, *common])
        server.shutdown()
        for r in (sql_report, file_report):
            r.pop("source"), r.pop("input")
            r["warnings"] = [w for w in r["warnings"] if "skipped" not in w]
        same = sql_report == file_report
        print(json.dumps({
            "rows": rows, "insert_s": round(inserted, 2),
            "clickhouse_path_s": round(sql_took, 2),
            "clickhouse_queries_s": [round(t, 2) for t in timings],
            "statements_path_s": round(file_took, 2),
            "attempts": file_report["attempts"], "passed": file_report["passed"],
            "same_report": same,
        }))
        if not same:
            for k in file_report:
                if sql_report.get(k) != file_report[k]:
                    print(f"differs: {k}\n  clickhouse: {json.dumps(sql_report.get(k))[:600]}\n  statements: {json.dumps(file_report[k])[:600]}", file=sys.stderr)
            return 1
        return 0
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
