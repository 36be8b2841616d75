"""The DuckDB store: migrations, idempotent adds, round trips, ordering, export, errors."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from datetime import date

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kronika.document import Actor, Attribution, DateInfo, Document, Entry, Event, Span
from kronika.errors import StoreError
from kronika.store import DEFAULT_DB, Store, default_path, migrations

TEXT = "On 13 May Shoigu and Austin held talks. Russia accused Ukraine."
SHOIGU = Actor("Shoigu", "Sergei Shoigu", "Q1", "RUS", "defence minister", "person")
AUSTIN = Actor("Austin", "Lloyd Austin", None, "USA", None, "person")
MAY13 = DateInfo("2022-05-13", date(2022, 5, 13), date(2022, 5, 13), "explicit")


def make_doc(text: str = TEXT, title: str | None = "Talks", **meta) -> Document:
    return Document.from_bytes(text.encode(), text=text, title=title, **meta)


def _span(doc: Document, words: str) -> Span:
    start = doc.text.index(words)
    return Span(start, start + len(words), words)


def rich_doc() -> Document:
    doc = make_doc(published=date(2022, 5, 13), source_uri="https://example.org/a",
                   source_format="html", language="en")
    talks = Event(
        id="e1", type="CONSULT", status="occurred", trigger=_span(doc, "talks"),
        evidence=_span(doc, "On 13 May Shoigu and Austin held talks."), sources=(SHOIGU,), targets=(AUSTIN,), date=MAY13,
        attribution=Attribution(0, 9, "On 13 May", SHOIGU, date(2022, 5, 13)),
        confidence=0.9, location={"text": "Moscow", "name": "Moscow", "id": None,
                                  "country": "RUS", "lat": 55.75, "lon": 37.62},
        rule="consult_held_talks")
    accuse = Event(id="e2", type="ACCUSE", status="occurred", trigger=_span(doc, "accused"),
                   evidence=_span(doc, "Russia accused Ukraine."), hedged=True, again=True)
    entries = (
        Entry("t1", "CONSULT", "occurred", (SHOIGU,), (AUSTIN,), MAY13, ("e1",), False, 0.9,
              "Shoigu and Austin held talks", date_from="e1"),
        Entry("t2", "ACCUSE", "occurred", (), (), DateInfo(), ("e2",), True, 0.5,
              "Russia accused Ukraine"),
    )
    return doc.with_layers(events=(talks, accuse), timeline=entries)


def entry(eid: str, earliest: date | None, latest: date | None) -> Entry:
    return Entry(eid, "AGREE", "occurred", (), (), DateInfo(None, earliest, latest), (),
                 False, 0.5, eid)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "k.duckdb"


# schema and migrations -------------------------------------------------------------------------

def test_new_store_is_migrated(db):
    with Store(db) as s:
        assert s.schema_version == migrations()[-1][0] >= 1
    con = duckdb.connect(str(db))
    tables = {r[0] for r in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"schema_migrations", "documents", "events", "entries"} <= tables
    con.close()


def test_reopening_applies_no_migration_twice(db):
    Store(db).close()
    with Store(db) as s:
        assert s.schema_version == migrations()[-1][0]
    with Store(db, read_only=True) as s:
        assert s.schema_version == migrations()[-1][0]
    con = duckdb.connect(str(db))
    versions = [r[0] for r in con.execute("SELECT version FROM schema_migrations ORDER BY 1").fetchall()]
    con.close()
    assert versions == [v for v, _, _ in migrations()]


def test_newer_schema_is_refused(db):
    Store(db).close()
    con = duckdb.connect(str(db))
    con.execute("INSERT INTO schema_migrations VALUES (999, now())")
    con.close()
    with pytest.raises(StoreError, match="newer kronika; upgrade kronika"):
        Store(db)


def test_foreign_duckdb_file_is_refused(db):
    con = duckdb.connect(str(db))
    con.execute("CREATE TABLE other (x INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a kronika store"):
        Store(db)


# add, has, document ----------------------------------------------------------------------------

def test_add_twice_stores_once(db):
    doc = rich_doc()
    with Store(db) as s:
        assert not s.has(doc.id)
        assert s.add(doc) is True
        assert s.has(doc.id)
        assert s.add(doc) is False
        assert len(s.documents()) == 1
        assert len(s.events()) == 2
        assert len(s.entries()) == 2


def test_round_trip_with_events_and_entries(db):
    doc = rich_doc()
    with Store(db) as s:
        s.add(doc)
    with Store(db, read_only=True) as s:
        back = s.document(doc.id)
        assert back == doc
        assert back.events[0].attribution.speaker == SHOIGU
        assert [(d, e.id) for d, e in s.events()] == [(doc.id, "e1"), (doc.id, "e2")]
        assert s.events(["e2"]) == [(doc.id, doc.events[1])]
        assert s.events([]) == []
        [summary] = s.documents()
    assert summary["id"] == doc.id
    assert summary["published"] == "2022-05-13"
    assert summary["uri"] == "https://example.org/a"
    assert (summary["n_events"], summary["n_entries"]) == (2, 2)
    assert summary["ingested_at"][:2] == "20"


def test_plain_columns_match_json(db):
    doc = rich_doc()
    with Store(db) as s:
        s.add(doc)
    con = duckdb.connect(str(db), read_only=True)
    rows = con.execute("SELECT id, type, earliest, hedged, confidence FROM events "
                       "ORDER BY seq").fetchall()
    con.close()
    assert rows == [("e1", "CONSULT", date(2022, 5, 13), False, 0.9),
                    ("e2", "ACCUSE", None, True, 0.5)]


def test_unknown_document_is_a_clear_error(db):
    with Store(db) as s, pytest.raises(StoreError, match="no document 'nope'.*ingest"):
        s.document("nope")


def test_duplicate_event_ids_store_nothing(db):
    doc = rich_doc()
    bad = doc.with_layers(events=(doc.events[0], doc.events[0]))
    with Store(db) as s:
        with pytest.raises(StoreError, match="unique id"):
            s.add(bad)
        assert not s.has(doc.id)
        assert s.entries() == []
        assert s.add(doc) is True


# ordering ---------------------------------------------------------------------------------------

def test_entries_ordered_by_earliest_latest_id_undated_last(db):
    a = make_doc("first").with_layers(timeline=(
        entry("z", None, None),
        entry("c", date(2022, 5, 1), date(2022, 5, 31)),
        entry("b", date(2022, 5, 1), date(2022, 5, 1)),
    ))
    b = make_doc("second").with_layers(timeline=(
        entry("a", date(2022, 5, 1), date(2022, 5, 31)),
        entry("y", date(2021, 1, 1), date(2021, 12, 31)),
        entry("x", None, None),
    ))
    with Store(db) as s:
        s.add(a)
        s.add(b)
        assert [e.id for e in s.entries()] == ["y", "b", "a", "c", "x", "z"]


# export -----------------------------------------------------------------------------------------

def test_export_parquet_reads_back(db, tmp_path):
    doc = rich_doc()
    with Store(db) as s:
        s.add(doc)
        paths = s.export_parquet(tmp_path / "out" / "it's")
    assert [p.name for p in paths] == ["documents.parquet", "events.parquet", "entries.parquet"]
    con = duckdb.connect()
    docs = con.execute("SELECT id, title, published FROM read_parquet(?)",
                       [str(paths[0])]).fetchall()
    assert docs == [(doc.id, "Talks", date(2022, 5, 13))]
    events = con.execute("SELECT id FROM read_parquet(?) ORDER BY seq", [str(paths[1])])
    assert [r[0] for r in events.fetchall()] == ["e1", "e2"]
    summaries = con.execute("SELECT summary FROM read_parquet(?) ORDER BY seq", [str(paths[2])])
    assert [r[0] for r in summaries.fetchall()] == [e.summary for e in doc.timeline]


# errors and paths -------------------------------------------------------------------------------

def test_non_duckdb_file_is_a_store_error(tmp_path):
    junk = tmp_path / "notes.duckdb"
    junk.write_text("just some notes\n" * 50)
    with pytest.raises(StoreError, match="not a DuckDB database") as info:
        Store(junk)
    assert isinstance(info.value.__cause__, duckdb.Error)


def test_folder_is_a_store_error(tmp_path):
    with pytest.raises(StoreError, match="is a folder"):
        Store(tmp_path)


def test_missing_store_read_only(tmp_path):
    with pytest.raises(StoreError, match="no store at"):
        Store(tmp_path / "absent.duckdb", read_only=True)


def test_missing_parent_folder(tmp_path):
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "k.duckdb")


def test_closed_store_is_a_store_error(db):
    s = Store(db)
    s.close()
    s.close()
    with pytest.raises(StoreError, match="closed"):
        s.has("x")


def test_locked_by_another_process(db):
    Store(db).close()
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, duckdb; c = duckdb.connect(sys.argv[1]); print('ready', flush=True); "
         "sys.stdin.read()", str(db)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError, match="another process.*one writer"):
            Store(db)
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


def test_default_path_respects_env(monkeypatch, tmp_path):
    monkeypatch.delenv("KRONIKA_DB", raising=False)
    assert default_path() == DEFAULT_DB
    target = tmp_path / "env.duckdb"
    monkeypatch.setenv("KRONIKA_DB", str(target))
    assert default_path() == str(target)
    with Store() as s:
        assert s.path == str(target)
        s.add(make_doc())
    assert target.exists()


def test_memory_store():
    with Store(":memory:") as s:
        assert s.add(make_doc()) is True
        assert len(s.documents()) == 1


# property: any unicode round-trips ---------------------------------------------------------------

@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(title=st.none() | st.text(), text=st.text())
def test_any_unicode_round_trips(tmp_path, title, text):
    key = repr((title, text)).encode("utf-8", "surrogatepass")
    doc = Document(id=hashlib.sha256(key).hexdigest(), text=text, title=title)
    with Store(tmp_path / "prop.duckdb") as s:
        s.add(doc)
        assert s.document(doc.id) == doc
