"""SQL over Ralph's ClickHouse table, in an embedded ClickHouse (chdb), without a server.

    bash scripts/chdb.sh smoke          the checks below (a few seconds)
    bash scripts/chdb.sh bench [ROWS]   timings for ROWS generated statements (default 1e6)

The smoke creates Ralph 5.1.0's table (tests/fixtures/clickhouse/ralph-table.sql) in a
file-backed chdb session in a temporary folder, inserts a few xAPI statements the way
Ralph's ClickHouse backend does (event_id = id, emission_time = timestamp in UTC, event =
json.dumps(statement) with Ralph's `stored` and `authority`), and runs the kind of queries
the cohort report and Ralph itself run, checking each result against counts worked out by
hand from the statements below. It prints the results. Exit status 0 when all match.

The benchmark prints how long generating, inserting and aggregating ROWS statements take
and how much disk the table uses; it checks only that the counts add up.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from chdb import session

ROOT = Path(__file__).resolve().parents[2]
TABLE_SQL = ROOT / "tests" / "fixtures" / "clickhouse" / "ralph-table.sql"
TABLE = "xapi.xapi_events_all"
ANSWERED = "http://adlnet.gov/expapi/verbs/answered"
COMPLETED = "http://adlnet.gov/expapi/verbs/completed"
LAUNCHED = "http://adlnet.gov/expapi/verbs/launched"
SCENARIO = "https://scenario-quiz.example.org/scenarios/promise-you-wont-tell"
AUTHORITY = {"objectType": "Agent", "mbox": "mailto:scenario-quiz-test@example.org"}


def statement(learner: int, verb: str, obj: str, when: datetime, score: float | None = None) -> dict:
    """An xAPI statement as Ralph stores it (after adding `stored` and `authority`)."""
    s = {
        "id": str(uuid.uuid4()),
        "actor": {"objectType": "Agent", "name": f"Learner {learner}",
                  "mbox": f"mailto:learner-{learner}@example.org"},
        "verb": {"id": verb},
        "object": {"objectType": "Activity", "id": obj},
        "context": {"contextActivities": {"parent": [{"objectType": "Activity", "id": SCENARIO}]}},
        "timestamp": when.isoformat(),
        "stored": when.isoformat(),
        "authority": AUTHORITY,
    }
    if score is not None:
        s["result"] = {"score": {"scaled": score}, "success": score >= 0.5}
    return s


def ralph_row(s: dict) -> dict:
    """The row Ralph's ClickHouse backend inserts for statement `s` (_to_insert_tuples)."""
    # Ralph sends a timezone-aware datetime, stored as an instant; an ISO 8601 text with
    # its offset, read with Ralph's client setting date_time_input_format=best_effort, is
    # the same instant whatever the session's time zone.
    emitted = datetime.fromisoformat(s["timestamp"]).astimezone(timezone.utc)
    return {"event_id": s["id"], "emission_time": emitted.isoformat(), "event": json.dumps(s)}


INSERT = (f"INSERT INTO {TABLE} (event_id, emission_time, event) "
          "SETTINGS date_time_input_format = 'best_effort' FORMAT JSONEachRow\n")


def insert(sess: session.Session, statements: list[dict]) -> None:
    sess.query(INSERT + "\n".join(json.dumps(ralph_row(s)) for s in statements))


def query(sess: session.Session, sql: str, params: dict | None = None) -> list[dict]:
    result = sess.query(sql, "JSONEachRow", params=params or {})
    return [json.loads(line) for line in result.bytes().decode().splitlines() if line]


def create_table(sess: session.Session) -> None:
    for sql in TABLE_SQL.read_text().split(";"):
        body = "\n".join(l for l in sql.splitlines() if not l.strip().startswith("--")).strip()
        if body:
            sess.query(body)


def smoke(folder: Path) -> int:
    failures = 0

    def check(label: str, got, want) -> None:
        nonlocal failures
        ok = got == want
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {label}: {got}" + ("" if ok else f" (expected {want})"))

    sess = session.Session(str(folder / "chdb"))
    try:
        create_table(sess)
        t0 = datetime(2026, 12, 1, 9, 0, tzinfo=timezone.utc)
        q = lambda n: f"{SCENARIO}/choices/{n}"  # noqa: E731
        batch1 = [
            statement(1, LAUNCHED, SCENARIO, t0),
            statement(1, ANSWERED, q(1), t0 + timedelta(minutes=1), 1.0),
            statement(1, ANSWERED, q(2), t0 + timedelta(minutes=2), 0.0),
            statement(1, COMPLETED, SCENARIO, t0 + timedelta(minutes=3), 0.5),
        ]
        # a second batch, as a second POST would make: one insert per write (as Ralph)
        paris = timezone(timedelta(hours=1))
        batch2 = [
            statement(2, LAUNCHED, SCENARIO, (t0 + timedelta(hours=1)).astimezone(paris)),
            statement(2, ANSWERED, q(1), (t0 + timedelta(hours=1, minutes=1)).astimezone(paris), 0.5),
            statement(2, COMPLETED, SCENARIO, (t0 + timedelta(hours=1, minutes=2)).astimezone(paris), 0.5),
        ]
        insert(sess, batch1)
        insert(sess, batch2)
        everything = batch1 + batch2

        check("rows", query(sess, f"SELECT count() AS n FROM {TABLE}")[0]["n"], len(everything))
        per_verb = query(sess, f"""
            SELECT JSONExtractString(event, 'verb', 'id') AS verb, count() AS n
            FROM {TABLE} GROUP BY verb ORDER BY verb""")
        check("count per JSONExtractString(event, 'verb', 'id')",
              {r["verb"]: int(r["n"]) for r in per_verb}, {ANSWERED: 3, COMPLETED: 2, LAUNCHED: 2})

        # Ralph's own statement query (lrs/clickhouse.py), with its parameters
        ralph_query = query(sess, f"""
            SELECT event_id, formatDateTime(emission_time, '%F %T', 'UTC') AS utc, event FROM {TABLE}
            WHERE 1=1 AND JSONExtractString(event, 'object', 'id') = {{activity:String}}
            ORDER BY emission_time DESCENDING, event_id DESCENDING LIMIT 2""",
                            {"activity": SCENARIO})
        check("Ralph's activity query, newest first, limit 2",
              [r["event_id"] for r in ralph_query], [batch2[2]["id"], batch2[0]["id"]])
        check("emission_time is the timestamp in UTC (a +01:00 timestamp)",
              ralph_query[0]["utc"], "2026-12-01 10:02:00")
        by_ids = query(sess, f"SELECT count() AS n FROM {TABLE} WHERE event_id IN ({{ids:Array(String)}})",
                       # chdb passes a parameter as text: an Array in ClickHouse's literal form
                       {"ids": "[" + ",".join(f"'{i}'" for i in (batch1[0]["id"], batch2[1]["id"], str(uuid.uuid4()))) + "]"})
        check("Ralph's query by ids (event_id IN {ids:Array(String)})", int(by_ids[0]["n"]), 2)

        # a cohort-report shape: per learner, answers, mean scaled score, completed or not
        cohort = query(sess, f"""
            SELECT JSONExtractString(event, 'actor', 'mbox') AS learner,
                   countIf(JSONExtractString(event, 'verb', 'id') = {{answered:String}}) AS answers,
                   round(avgIf(JSONExtractFloat(event, 'result', 'score', 'scaled'),
                               JSONExtractString(event, 'verb', 'id') = {{answered:String}}), 3) AS mean_score,
                   max(JSONExtractString(event, 'verb', 'id') = {{completed:String}}) AS completed
            FROM {TABLE}
            WHERE has(arrayMap(a -> JSONExtractString(a, 'id'),
                      JSONExtractArrayRaw(event, 'context', 'contextActivities', 'parent')), {{scenario:String}})
               OR JSONExtractString(event, 'object', 'id') = {{scenario:String}}
            GROUP BY learner ORDER BY learner""",
                       {"answered": ANSWERED, "completed": COMPLETED, "scenario": SCENARIO})
        check("cohort: answers, mean score, completed per learner",
              [(r["learner"], int(r["answers"]), r["mean_score"], int(r["completed"])) for r in cohort],
              [("mailto:learner-1@example.org", 2, 0.5, 1), ("mailto:learner-2@example.org", 1, 0.5, 1)])

        # the table outlives the session: it is on disk in the folder
        sess.close()
        sess = session.Session(str(folder / "chdb"))
        check("rows after reopening the session", query(sess, f"SELECT count() AS n FROM {TABLE}")[0]["n"], 7)
    finally:
        sess.close()
    print(f"chdb smoke: {'all checks passed' if not failures else f'{failures} check(s) FAILED'}")
    return 1 if failures else 0


def bench(folder: Path, rows: int, chunk: int) -> int:
    sess = session.Session(str(folder / "chdb"))
    try:
        create_table(sess)
        t0 = datetime(2026, 1, 1, tzinfo=timezone.utc)
        verbs = (LAUNCHED, ANSWERED, ANSWERED, ANSWERED, COMPLETED)
        generate = insert_time = generate_cpu = insert_cpu = 0.0
        done = 0
        print(f"load average at start: {open('/proc/loadavg').read().split()[:3]} "
              "(wall times below grow with other work on the machine; CPU times much less)")
        while done < rows:
            n = min(chunk, rows - done)
            start, cpu = time.perf_counter(), time.process_time()
            batch = [
                statement(i % 5000, verbs[i % 5], f"{SCENARIO}/choices/{i % 40}",
                          t0 + timedelta(seconds=i), (i % 11) / 10)
                for i in range(done, done + n)
            ]
            payload = "\n".join(json.dumps(ralph_row(s)) for s in batch)
            generate += time.perf_counter() - start
            generate_cpu += time.process_time() - cpu
            start, cpu = time.perf_counter(), time.process_time()
            sess.query(INSERT + payload)
            insert_time += time.perf_counter() - start
            insert_cpu += time.process_time() - cpu
            done += n
        print(f"generate {rows} statements (Python, json.dumps): {generate:.1f} s "
              f"(CPU {generate_cpu:.1f} s)")
        print(f"insert {rows} rows in chunks of {chunk} (JSONEachRow): {insert_time:.1f} s "
              f"({rows / insert_time:,.0f} rows/s; CPU {insert_cpu:.1f} s, all threads)")

        def timed(label: str, sql: str, params: dict | None = None):
            start, cpu = time.perf_counter(), time.process_time()
            result = query(sess, sql, params)
            print(f"{label}: {time.perf_counter() - start:.2f} s (CPU {time.process_time() - cpu:.2f} s)"
                  f" -> {json.dumps(result)[:120]}")
            return result

        per_verb = timed("count per verb (JSONExtractString over all rows)", f"""
            SELECT JSONExtractString(event, 'verb', 'id') AS verb, count() AS n
            FROM {TABLE} GROUP BY verb ORDER BY verb""")
        timed("per learner: answers and mean score (5000 learners)", f"""
            SELECT JSONExtractString(event, 'actor', 'mbox') AS learner, count() AS answers,
                   avg(JSONExtractFloat(event, 'result', 'score', 'scaled')) AS mean
            FROM {TABLE} WHERE JSONExtractString(event, 'verb', 'id') = {{v:String}}
            GROUP BY learner ORDER BY mean DESC LIMIT 3""", {"v": ANSWERED})
        timed("Ralph's activity query (newest 10 for one choice)", f"""
            SELECT event_id, emission_time FROM {TABLE}
            WHERE JSONExtractString(event, 'object', 'id') = {{a:String}}
            ORDER BY emission_time DESCENDING, event_id DESCENDING LIMIT 10""",
              {"a": f"{SCENARIO}/choices/7"})
        timed("a time range on the sort key (one day)", f"""
            SELECT count() AS n FROM {TABLE}
            WHERE emission_time >= toDateTime64('2026-01-02 00:00:00', 6, 'UTC')
              AND emission_time < toDateTime64('2026-01-03 00:00:00', 6, 'UTC')""")
        size = query(sess, f"""
            SELECT sum(rows) AS rows, formatReadableSize(sum(data_compressed_bytes)) AS compressed,
                   formatReadableSize(sum(data_uncompressed_bytes)) AS uncompressed, count() AS parts
            FROM system.parts WHERE database = 'xapi' AND table = 'xapi_events_all' AND active""")
        print(f"table on disk: {size[0]}")
        print(f"load average at end: {open('/proc/loadavg').read().split()[:3]}")
        total = sum(int(r["n"]) for r in per_verb)
        if total != rows:
            print(f"FAIL: {total} rows counted, {rows} inserted")
            return 1
        return 0
    finally:
        sess.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", type=int, metavar="ROWS", help="time ROWS generated statements")
    parser.add_argument("--chunk", type=int, default=10000, help="rows per INSERT in --bench")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="chdb-smoke-"))
    try:
        return bench(folder, args.bench, args.chunk) if args.bench else smoke(folder)
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
