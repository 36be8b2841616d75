"""The DuckDB store: documents, their events and their timeline entries, kept across runs.

Each table has plain columns for SQL users plus `json`, the whole object in its
`kronika.document/1` form, so reading back never loses a field. The schema is built by the
numbered `migrations/NNNN_name.sql` files, each applied once, in order, in its own transaction,
and recorded in `schema_migrations`. DuckDB allows one writing process per file: open with
`read_only=True` to read while another process writes (`kronika serve` next to `kronika ingest`
needs the writer closed first).

    with Store("kronika.duckdb") as store:
        store.add(doc)                  # False when that document (same bytes) is already there
        timeline = store.entries()
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from kronika.document import (
    Document,
    Entry,
    Event,
    entry_from_dict,
    entry_to_dict,
    event_from_dict,
    event_to_dict,
)
from kronika.errors import StoreBusyError, StoreError, UsageError
from kronika.store import metadata, story
from kronika.timeline.corpus import Conflict, StoryEntry

if TYPE_CHECKING:
    from kronika.timeline.ask import Count

__all__ = ["DEFAULT_DB", "Store", "default_path", "migrations"]

DEFAULT_DB = "kronika.duckdb"
ENV_VAR = "KRONIKA_DB"
MEMORY = ":memory:"
_MIGRATION_NAME = re.compile(r"^(\d{4})_[a-z0-9_]+\.sql$")
TABLES = ("documents", "events", "entries")


def default_path() -> str:
    """`$KRONIKA_DB` if set (and not empty), else `kronika.duckdb` in the current folder."""
    return os.environ.get(ENV_VAR) or DEFAULT_DB


def migrations() -> list[tuple[int, str, str]]:
    """The packaged migrations as (version, file name, SQL), in order of version.

    Versions are unique but may leave gaps (branches reserve numbers, e.g. 0005 before 0004
    lands); a store records each migration it applied, so one added later in a gap is still
    applied to a store that already has the higher ones."""
    found = []
    for f in resources.files(__package__).joinpath("migrations").iterdir():
        m = _MIGRATION_NAME.match(f.name)
        if m:
            found.append((int(m.group(1)), f.name, f.read_text(encoding="utf-8")))
    found.sort()
    versions = [v for v, _, _ in found]
    if len(set(versions)) != len(versions) or (versions and versions[0] < 1):
        names = ", ".join(n for _, n, _ in found)
        raise StoreError(f"store migrations must have unique numbers from 0001 on, found: "
                         f"{names}; reinstall kronika")
    return found


class Store:
    """A kronika store in one DuckDB file (or `":memory:"`)."""

    def __init__(self, path: str | os.PathLike | None = None, *, read_only: bool = False) -> None:
        self.path = str(path) if path is not None else default_path()
        self.read_only = read_only
        self._depth = 0  # how many `transaction()` blocks are open
        self._check_path()
        with self._translate("opening"):
            self._con = duckdb.connect(self.path, read_only=read_only)
        try:
            self._migrate()
        except BaseException:
            self._con.close()
            raise

    # lifecycle -------------------------------------------------------------------------------

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close the file; closing twice is harmless."""
        self._con.close()

    def __repr__(self) -> str:
        mode = ", read_only=True" if self.read_only else ""
        return f"Store({self.path!r}{mode})"

    # schema ----------------------------------------------------------------------------------

    @property
    def schema_version(self) -> int:
        """The highest migration applied to this file (0 for none)."""
        with self._translate("reading the schema version"):
            return self._version()

    def _version(self) -> int:
        if not self._has_table("schema_migrations"):
            return 0
        row = self._con.execute("SELECT max(version) FROM schema_migrations").fetchone()
        return row[0] or 0

    def _applied(self) -> set[int]:
        if not self._has_table("schema_migrations"):
            return set()
        return {v for (v,) in self._con.execute("SELECT version FROM schema_migrations").fetchall()}

    def _has_table(self, name: str) -> bool:
        row = self._con.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema = 'main' AND table_name = ?", [name]).fetchone()
        return row[0] > 0

    def _migrate(self) -> None:
        known = migrations()
        latest = known[-1][0] if known else 0
        with self._translate("migrating"):
            current = self._version()
            if current == 0 and self._con.execute(
                    "SELECT count(*) FROM information_schema.tables "
                    "WHERE table_schema = 'main'").fetchone()[0]:
                raise StoreError(f"{self.path} is a DuckDB database but not a kronika store: "
                                 f"pass a new file name with --db or $KRONIKA_DB")
            if current > latest:
                raise StoreError(f"{self.path} was made by a newer kronika; upgrade kronika "
                                 f"(its schema version is {current}, this kronika knows up to "
                                 f"{latest})")
            applied = self._applied()
            pending = [m for m in known if m[0] not in applied]
            if pending and self.read_only:
                raise StoreError(f"{self.path} has schema version {current} but this kronika "
                                 f"needs {latest}; open it once without read-only to upgrade it")
            for version, name, sql in pending:
                self._apply(version, name, sql)

    def _apply(self, version: int, name: str, sql: str) -> None:
        con = self._con
        con.begin()
        try:
            con.execute("CREATE TABLE IF NOT EXISTS schema_migrations "
                        "(version INTEGER PRIMARY KEY, applied_at TIMESTAMP)")
            con.execute(sql)
            con.execute("INSERT INTO schema_migrations VALUES (?, ?)", [version, _now()])
            con.commit()
        except duckdb.Error as e:
            con.rollback()
            raise StoreError(f"migration {name} failed on {self.path}: {e}; the file is "
                             f"unchanged, report this as a kronika bug") from e

    # writing ---------------------------------------------------------------------------------

    def has(self, doc_id: str) -> bool:
        """Whether a document with this id (sha256 of its bytes) is stored."""
        with self._translate("looking up a document"):
            return self._con.execute(
                "SELECT count(*) FROM documents WHERE id = ?", [doc_id]).fetchone()[0] > 0

    def add(self, doc: Document) -> bool:
        """Store a document with its events and timeline entries, all or nothing.

        Returns False, storing nothing, when a document with the same id is already there.
        """
        return self.add_many([doc])[0]

    def add_many(self, docs: Sequence[Document]) -> list[bool]:
        """Store several documents at once, all or nothing: one commit and one update of the
        corpus timeline for all of them, which is several times faster than `add` one by one
        (a DuckDB commit costs milliseconds). The corpus timeline is the same either way.

        Returns, per document, whether it was added: False for one already stored, or given
        twice (the first copy is added).
        """
        con = self._con
        what = f"adding document {docs[0].id}" if len(docs) == 1 else f"adding {len(docs)} documents"
        try:
            with self._translate(what), self.transaction():
                stored = {r[0] for r in con.execute(
                    "SELECT id FROM documents WHERE id IN (SELECT unnest(?))",
                    [[d.id for d in docs]]).fetchall()}
                added, fresh = [], []
                for d in docs:
                    added.append(d.id not in stored)
                    if d.id not in stored:
                        stored.add(d.id)
                        fresh.append(d)
                if fresh:
                    self._insert(fresh)
                    story.add_documents(con, fresh)
                    metadata.add_dates(con, fresh)
        except StoreError as e:
            if not isinstance(e.__cause__, duckdb.ConstraintException):
                raise
            if len(docs) == 1 and not self._depth and self.has(docs[0].id):
                return [False]  # another connection added it meanwhile
            raise StoreError(f"{what}: a document has two events or two entries with the "
                             f"same id ({e.__cause__}); give each a unique id before storing "
                             f"it") from e.__cause__
        return added

    @contextmanager
    def transaction(self) -> Iterator[Store]:
        """Group writes (`add_many`, `add_signature`, `record_outcome`) into one commit, all or
        nothing; nested uses join the outer one.

            with store.transaction():
                store.add_many(docs)
                store.record_outcome(outcome)
        """
        if self._depth:
            self._depth += 1
            try:
                yield self
            finally:
                self._depth -= 1
            return
        with self._translate("starting a transaction"):
            self._con.begin()
        self._depth = 1
        try:
            yield self
        except BaseException:
            self._depth = 0
            self._con.rollback()
            raise
        self._depth = 0
        with self._translate("committing"):
            self._con.commit()

    def _insert(self, docs: Sequence[Document]) -> None:
        con, now = self._con, _now()
        story.insert_many(con,
            "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [[d.id, d.source_uri, d.source_format, d.title, d.published, d.language, d.text,
              d.to_json(indent=None), now] for d in docs])
        events = [[e.id, d.id, i, e.type, e.status, e.date.earliest, e.date.latest, e.hedged,
                   e.confidence, _dumps(event_to_dict(e))]
                  for d in docs for i, e in enumerate(d.events)]
        if events:
            story.insert_many(con, "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", events)
        entries = [[e.id, d.id, i, e.type, e.status, e.date.earliest, e.date.latest, e.hedged,
                    e.confidence, e.summary, _dumps(entry_to_dict(e))]
                   for d in docs for i, e in enumerate(d.timeline)]
        if entries:
            story.insert_many(con, "INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            entries)

    # reading ---------------------------------------------------------------------------------

    def document(self, doc_id: str) -> Document:
        """The stored document, exactly as added (except `raw`, which is not kept)."""
        with self._translate(f"reading document {doc_id}"):
            row = self._con.execute("SELECT json FROM documents WHERE id = ?",
                                    [doc_id]).fetchone()
        if row is None:
            raise StoreError(f"no document {doc_id!r} in {self.path}; list the stored ids with "
                             f"Store.documents() or ingest the file first")
        return Document.from_json(row[0])

    def documents(self) -> list[dict]:
        """One JSON-ready summary per document, oldest ingested first (dates as ISO strings)."""
        sql = """
            SELECT d.id, d.title, d.published, d.language, d.uri,
                   (SELECT count(*) FROM events v WHERE v.doc_id = d.id) AS n_events,
                   (SELECT count(*) FROM entries e WHERE e.doc_id = d.id) AS n_entries,
                   d.ingested_at
            FROM documents d ORDER BY d.ingested_at, d.id"""
        with self._translate("listing documents"):
            cur = self._con.execute(sql)
            cols = [c[0] for c in cur.description]
            rows = cur.fetchall()
        out = []
        for row in rows:
            d = dict(zip(cols, row, strict=True))
            d["published"] = d["published"].isoformat() if d["published"] else None
            d["ingested_at"] = d["ingested_at"].isoformat()
            out.append(d)
        return out

    def entries(self) -> list[Entry]:
        """Every timeline entry of every document, by (earliest, latest, id); undated last."""
        sql = ("SELECT json FROM entries "
               "ORDER BY earliest NULLS LAST, latest NULLS LAST, id, doc_id, seq")
        with self._translate("reading timeline entries"):
            rows = self._con.execute(sql).fetchall()
        return [entry_from_dict(json.loads(r[0])) for r in rows]

    def events(self, ids: Iterable[str] | None = None) -> list[tuple[str, Event]]:
        """(document id, event) pairs, in ingest and document order; only `ids` if given."""
        sql = ("SELECT v.doc_id, v.json FROM events v JOIN documents d ON d.id = v.doc_id "
               "{where} ORDER BY d.ingested_at, v.doc_id, v.seq")
        with self._translate("reading events"):
            if ids is None:
                rows = self._con.execute(sql.format(where="")).fetchall()
            else:
                wanted = [str(i) for i in ids]
                if not wanted:
                    return []
                rows = self._con.execute(sql.format(where="WHERE list_contains(?, v.id)"),
                                         [wanted]).fetchall()
        return [(doc_id, event_from_dict(json.loads(js))) for doc_id, js in rows]

    # the corpus timeline (entries merged across documents) ---------------------------------

    def timeline(self, *, actors: Sequence[str] = (), types: Sequence[str] = (),
                 statuses: Sequence[str] = (), after: date | str | None = None,
                 before: date | str | None = None, since: date | str | None = None,
                 until: date | str | None = None, first: int | None = None,
                 last: int | None = None, places: Sequence[str] = (),
                 countries: Sequence[str] = (),
                 bbox: tuple[float, float, float, float] | None = None) -> list[StoryEntry]:
        """The corpus timeline, filtered as `kronika timeline` filters: every name in `actors`
        must take part; `after`/`before` exclusive, `since`/`until` inclusive (an entry is
        since a day when its earliest day is on or after it, until a day when its latest day is
        on or before it); `first`/`last` pick from the date order; `places`, `countries` and
        `bbox` filter by the entry's location (see `kronika.timeline.query`)."""
        from kronika.dates import parse_date
        from kronika.timeline.query import select

        after, before, since, until = (parse_date(d, name) if isinstance(d, str) else d
                                       for d, name in ((after, "after"), (before, "before"),
                                                       (since, "since"), (until, "until")))
        with self._translate("reading the corpus timeline"):
            if story.is_built(self._con):
                geo = bool(places or countries or bbox)  # filtered in Python, then picked
                found = story.query(self._con, actors=actors, types=types, statuses=statuses,
                                    after=after, before=before, since=since, until=until,
                                    first=None if geo else first, last=None if geo else last)
            else:  # documents stored before the corpus timeline existed: merge them now
                found = self._merged_now()
        found = [e for e in found
                 if (since is None or (e.date.earliest and e.date.earliest >= since))
                 and (until is None or (e.date.latest and e.date.latest <= until))]
        return select(found, actors=actors, types=types, statuses=statuses, after=after,
                      before=before, first=first, last=last, places=places,
                      countries=countries, bbox=bbox)

    def count(self, by: str = "month", *, actors: Sequence[str] = (), types: Sequence[str] = (),
              statuses: Sequence[str] = (), since: date | None = None,
              until: date | None = None) -> list[Count]:
        """Corpus entries per period (day, week, month, year) of their earliest day, counted in
        SQL; the same as `kronika.timeline.ask.count_by(self.timeline(...), by)`."""
        from kronika.timeline.ask import PERIODS, Count, count_by

        if by not in PERIODS:
            return count_by([], by)  # raises the UsageError that names the periods
        filters = {"actors": actors, "types": types, "statuses": statuses, "since": since,
                   "until": until}
        with self._translate("counting the corpus timeline"):
            if not story.is_built(self._con):
                return count_by(self.timeline(**filters), by)
            rows = story.count(self._con, by, **filters)
        return [Count(p, n, tuple(ids)) for p, n, ids in rows]

    def _merged_now(self) -> list[StoryEntry]:
        from kronika.timeline.corpus import merge_across

        docs = [d for (d,) in self._con.execute("SELECT id FROM documents").fetchall()]
        entries, _ = merge_across(story._sourced(self._con, docs),
                                  duplicate_of=story._duplicates(self._con))
        return entries

    def conflicts(self, entry_ids: Iterable[str] | None = None) -> list[Conflict]:
        """The flagged conflicts of the corpus timeline (those of `entry_ids` if given)."""
        with self._translate("reading conflicts"):
            return story.conflicts(self._con, entry_ids)

    def mark_duplicate(self, doc_id: str, of: str) -> None:
        """Record a near-duplicate (a syndicated copy): the two documents count as one source."""
        self._write("marking a duplicate", story.mark_duplicate, doc_id, of)

    def rebuild_timeline(self) -> int:
        """Merge the corpus timeline again from every stored event; returns the entry count."""
        return self._write("rebuilding the corpus timeline", story.rebuild)

    def _write(self, action: str, fn, *args):
        con = self._con
        with self._translate(action):
            con.begin()
            try:
                out = fn(con, *args)
                con.commit()
            except BaseException:
                con.rollback()
                raise
        return out

    # per-document entries ----------------------------------------------------------------------

    def entries_by_document(self) -> list[tuple[str, Entry]]:
        """(document id, entry) pairs in the order of `entries()`; for evidence look-ups."""
        sql = ("SELECT doc_id, json FROM entries "
               "ORDER BY earliest NULLS LAST, latest NULLS LAST, id, doc_id, seq")
        with self._translate("reading timeline entries"):
            rows = self._con.execute(sql).fetchall()
        return [(doc_id, entry_from_dict(json.loads(js))) for doc_id, js in rows]

    def timeline_by_document(self, **filters) -> list[tuple[str, Entry]]:
        """`timeline(**filters)` as (document id, entry) pairs."""
        from kronika.dates import parse_date
        from kronika.timeline.query import select

        unknown = set(filters) - {"actors", "types", "statuses", "after", "before", "first",
                                  "last", "places", "countries", "bbox"}
        if unknown:
            raise UsageError(f"unknown timeline filter(s) {', '.join(sorted(unknown))}; use "
                             f"actors, types, statuses, after, before, first or last")
        for key in ("after", "before"):
            if isinstance(filters.get(key), str):
                filters[key] = parse_date(filters[key], key)
        for key in ("actors", "types", "statuses"):
            filters[key] = list(filters.get(key) or ())
        rows = self.entries_by_document()
        doc_of = {id(e): doc_id for doc_id, e in rows}
        return [(doc_of[id(e)], e) for e in select([e for _, e in rows], **filters)]

    def to_pandas(self, what: str = "entries"):
        """The stored `entries` or `events` as a pandas DataFrame (one row each; needs pandas)."""
        from kronika.frames import entries_frame, events_frame

        if what == "entries":
            return entries_frame(self.entries_by_document())
        if what == "events":
            return events_frame(self.events())
        raise UsageError(f"to_pandas({what!r}): choose 'entries' or 'events'")

    # ingest bookkeeping (migration 0002) -----------------------------------------------------

    def record_outcome(self, outcome) -> None:
        """Keep what became of one input (a `kronika.ingest.outcome.Outcome`)."""
        o = outcome
        with self._translate(f"recording the outcome of {o.input}"):
            self._con.execute(
                "INSERT INTO ingest_outcomes VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [o.input, o.status, o.doc_id, o.duplicate_of, o.similarity, o.reason, o.code,
                 _now()])

    def outcomes(self) -> list[dict]:
        """Every recorded ingest outcome, oldest first, as dicts (None fields left out)."""
        with self._translate("reading ingest outcomes"):
            cur = self._con.execute("SELECT input, status, doc_id, duplicate_of, similarity, "
                                    "reason, code FROM ingest_outcomes ORDER BY seen_at, rowid")
            cols = [c[0] for c in cur.description]
            rows = cur.fetchall()
        return [{k: v for k, v in zip(cols, r, strict=True) if v is not None} for r in rows]

    def add_signature(self, doc_id: str, signature: bytes) -> None:
        """Keep a stored document's MinHash signature (for near-duplicate search)."""
        with self._translate(f"storing the signature of {doc_id}"):
            self._con.execute("INSERT OR IGNORE INTO minhashes VALUES (?, ?, ?)",
                              [doc_id, signature, _now()])

    def signatures(self) -> list[tuple[str, bytes]]:
        """(doc id, MinHash signature bytes) of every stored document that has one, oldest first."""
        with self._translate("reading signatures"):
            rows = self._con.execute(
                "SELECT doc_id, signature FROM minhashes ORDER BY added_at, rowid").fetchall()
        return [(doc_id, bytes(sig)) for doc_id, sig in rows]

    # export ----------------------------------------------------------------------------------

    def export_parquet(self, folder: str | os.PathLike) -> list[Path]:
        """Write documents.parquet, events.parquet and entries.parquet into `folder`."""
        out = Path(folder)
        if out.exists() and not out.is_dir():
            raise StoreError(f"cannot export to {out}: it is a file; pass a folder path")
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as e:
            raise StoreError(f"cannot create the export folder {out}: {e.strerror}; "
                             f"pass a folder you can write to") from e
        paths = []
        for table in TABLES:
            path = out / f"{table}.parquet"
            order = "ingested_at, id" if table == "documents" else "doc_id, seq"
            literal = str(path).replace("'", "''")
            with self._translate(f"exporting {table} to {path}"):
                self._con.execute(f"COPY (SELECT * FROM {table} ORDER BY {order}) "
                                  f"TO '{literal}' (FORMAT parquet)")
            paths.append(path)
        return paths

    # errors ----------------------------------------------------------------------------------

    def _check_path(self) -> None:
        if self.path == MEMORY:
            if self.read_only:
                raise StoreError("an in-memory store cannot be read-only; pass a file path")
            return
        p = Path(self.path)
        if p.is_dir():
            raise StoreError(f"{p} is a folder, not a store file; pass a file path such as "
                             f"{p / DEFAULT_DB}")
        if self.read_only and not p.exists():
            raise StoreError(f"no store at {p}; run `kronika ingest` first, or check --db "
                             f"and $KRONIKA_DB")
        if not p.parent.is_dir():
            raise StoreError(f"the folder {p.parent} does not exist; create it or pass "
                             f"another store path")

    @contextmanager
    def _translate(self, action: str) -> Iterator[None]:
        """Turn a DuckDB exception into a StoreError that says what to do."""
        try:
            yield
        except duckdb.Error as e:
            busy = _is_locked(e)
            raise (StoreBusyError if busy else StoreError)(_explain(self.path, action, e)) from e


def _is_locked(e: duckdb.Error) -> bool:
    low = str(e).lower()
    return "could not set lock" in low or "conflicting lock" in low


def _explain(path: str, action: str, e: duckdb.Error) -> str:
    msg = str(e)
    low = msg.lower()
    if _is_locked(e):
        return (f"{path} is in use by another process and DuckDB allows only one writer: "
                f"close the other kronika (ingest or serve) or open the store read-only")
    if "not a valid duckdb database" in low:
        return (f"{path} is not a DuckDB database; pass another --db path or move that file "
                f"away")
    if "is a directory" in low:
        return f"{path} is a folder, not a store file; pass a file path inside it"
    if "different configuration" in low:
        return (f"{path} is already open in this process with a different read-only setting; "
                f"close the other Store first")
    if "connection already closed" in low:
        return f"the store {path} is closed; open a new Store to keep using it"
    if "version number" in low or "serializ" in low:
        return (f"{path} was written by another DuckDB version ({msg}); upgrade kronika, or "
                f"export the data with the DuckDB that wrote it")
    return f"DuckDB failed while {action} in {path}: {msg}"


def _dumps(obj: dict) -> str:
    return json.dumps(obj, ensure_ascii=False)


def _now() -> datetime:
    """The current UTC time without a zone, for TIMESTAMP columns."""
    return datetime.now(UTC).replace(tzinfo=None)
