"""The store's side of issue 14 (migration 0004): publication dates with their source, and
ingest runs that a kill does not lose.

Functions take the DuckDB connection, like `story.py`; `Store` calls `add_dates` inside the
transaction that adds a document, and `kronika.ingest.runs` calls the run functions.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from datetime import UTC, datetime

from kronika.document import Document
from kronika.store.story import insert_many


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def add_dates(con, docs: Sequence[Document]) -> None:
    """Keep the documents' publication dates, their source, flags and losing candidates (one
    statement for all: DuckDB pays milliseconds per statement)."""
    rows = []
    for doc in docs:
        pub = doc.publication
        if pub is None:
            continue
        utc = pub.utc
        rows.append([doc.id, pub.value, utc.replace(tzinfo=None) if utc else None, pub.offset,
                     pub.zone, pub.source, ",".join(f.flag for f in pub.flags) or None,
                     json.dumps(pub.to_dict(), ensure_ascii=False)])
    if rows:
        insert_many(con, "INSERT OR REPLACE INTO document_dates VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        rows)


def run_key(inputs: list[str], options: dict) -> str:
    """The sha256 that makes the same command find its unfinished run."""
    blob = json.dumps({"inputs": inputs, "options": options}, sort_keys=True)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def open_run(con, inputs: list[str], options: dict, version: str, *,
             resume: bool = True) -> tuple[str, set[str], bool]:
    """(run id, inputs it has done, resumed?): the unfinished run of the same command when
    `resume`, else a new run."""
    key = run_key(inputs, options)
    if resume:
        row = con.execute("SELECT run_id FROM ingest_runs WHERE key = ? AND finished_at IS NULL "
                          "ORDER BY started_at DESC LIMIT 1", [key]).fetchone()
        if row:
            done = {r[0] for r in con.execute(
                "SELECT input FROM ingest_run_items WHERE run_id = ?", [row[0]]).fetchall()}
            return row[0], done, True
    started = _now()
    run_id = hashlib.sha256(f"{key}{started.isoformat()}".encode()).hexdigest()[:16]
    con.execute("INSERT INTO ingest_runs VALUES (?, ?, ?, ?, ?, NULL, ?)",
                [run_id, key, json.dumps(inputs), json.dumps(options, sort_keys=True),
                 started, version])
    return run_id, set(), False


def record_item(con, run_id: str, outcome, source: str | None, published) -> None:
    o = outcome
    con.execute("INSERT OR IGNORE INTO ingest_run_items VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [run_id, o.input, o.status, o.doc_id, o.code, o.reason, source, published,
                 _now()])


def finish_run(con, run_id: str) -> None:
    con.execute("UPDATE ingest_runs SET finished_at = ? WHERE run_id = ?", [_now(), run_id])


def stored_in_run(con, run_id: str, doc_id: str) -> bool:
    """The document was stored by this run before a kill cut it off before its bookkeeping
    (stored after the run began, and no run item names it)."""
    row = con.execute(
        "SELECT count(*) FROM documents d, ingest_runs r WHERE d.id = ? AND r.run_id = ? "
        "AND d.ingested_at >= r.started_at AND NOT EXISTS (SELECT 1 FROM ingest_run_items i "
        "WHERE i.doc_id = d.id AND i.status = 'stored')", [doc_id, run_id]).fetchone()
    return row[0] > 0


def run_rows(con, run_id: str | None) -> tuple[dict, list[dict]]:
    """(the run, its items in the order they were done); the latest run when `run_id` is None."""
    if run_id is None:
        row = con.execute("SELECT run_id FROM ingest_runs ORDER BY started_at DESC "
                          "LIMIT 1").fetchone()
        if row is None:
            return {}, []
        run_id = row[0]
    cur = con.execute("SELECT run_id, inputs, options, started_at, finished_at, version "
                      "FROM ingest_runs WHERE run_id = ?", [run_id])
    found = cur.fetchone()
    if found is None:
        return {}, []
    run = dict(zip([c[0] for c in cur.description], found, strict=True))
    cur = con.execute("SELECT input, status, doc_id, code, reason, source, published "
                      "FROM ingest_run_items WHERE run_id = ? ORDER BY done_at, rowid", [run_id])
    cols = [c[0] for c in cur.description]
    return run, [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
