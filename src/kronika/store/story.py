"""The corpus timeline in the store: incremental upkeep and the filtered query.

Adding a document recomputes only what it can change: its merge units' block keys are looked up
in `story_units`, the units sharing a key (and, in turn, the units sharing a key with those) form
the affected component, and only that component's entries, evidence and conflicts are deleted
and merged again (`kronika.timeline.corpus.merge_units`). Since units that share no key never
merge, the result equals a full rebuild (a test checks this).

These functions take an open DuckDB connection inside the caller's transaction; `Store` wraps them.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date

import duckdb

from kronika.document import Document, event_from_dict
from kronika.timeline import _key
from kronika.timeline.corpus import (
    Conflict,
    Sourced,
    StoryEntry,
    Unit,
    conflict_from_dict,
    doc_units,
    merge_units,
    story_entry_from_dict,
)

Con = duckdb.DuckDBPyConnection


def _list(values: Iterable[str]) -> list[str]:
    return sorted(set(values))


def int_key(text: str) -> int:
    """The first 60 bits of sha256(text): the integer key of an entry or actor (same as the
    SQL `('0x' || substr(sha256(text), 1, 15))::BIGINT`)."""
    return int(hashlib.sha256(text.encode()).hexdigest()[:15], 16)


def insert_many(con: Con, statement: str, rows: Sequence[Sequence]) -> None:
    """Run an `INSERT ... VALUES (?, ...) [tail]` for many rows as one statement that reads
    each column from a list parameter (`SELECT unnest(?), unnest(?), ...`). DuckDB binds a list
    in one go, ~10x faster than one multi-row VALUES with a parameter per cell, which is in turn
    ~6x faster than executemany (one statement per row)."""
    if not rows:
        return
    head, _, rest = statement.partition(" VALUES ")
    group_end = rest.index(")") + 1
    width, tail = rest[:group_end].count("?"), rest[group_end:]
    columns = [list(c) for c in zip(*rows, strict=True)]
    if len(columns) != width:
        raise ValueError(f"{statement!r} takes {width} values, the rows have {len(columns)}")
    select = ", ".join(["unnest(?)"] * width)
    con.execute(f"{head} SELECT * FROM (SELECT {select}){tail}", columns)


# upkeep ----------------------------------------------------------------------------------------

def add_documents(con: Con, docs: Sequence[Document]) -> None:
    """Fold just-inserted documents into the corpus timeline, all in one recomputation (the
    result equals folding them one by one: the merge depends only on the set of units)."""
    items = [Sourced(e, d.id, d.published, d.language, d.source_uri)
             for d in docs for e in d.events]
    new = doc_units(items)
    keys = set().union(*(u.keys for u in new)) if new else set()
    _recompute(con, keys, new)
    _insert_units(con, new)


def mark_duplicate(con: Con, doc_id: str, of: str) -> None:
    """Record that `doc_id` is a near-duplicate of `of` and recompute what that changes."""
    con.execute("INSERT OR REPLACE INTO story_duplicates VALUES (?, ?)", [doc_id, of])
    rows = con.execute("SELECT DISTINCT block FROM story_units WHERE doc_id IN (?, ?)",
                       [doc_id, of]).fetchall()
    _recompute(con, {b for (b,) in rows}, [])


def rebuild(con: Con) -> int:
    """Recompute the whole corpus timeline from the stored events; returns the entry count."""
    for table in ("story_units", "story_entries", "story_evidence", "story_entry_actors",
                  "story_conflicts"):
        con.execute(f"DELETE FROM {table}")
    docs = [d for (d,) in con.execute("SELECT id FROM documents ORDER BY id").fetchall()]
    units = doc_units(_sourced(con, docs))
    _insert_units(con, units)
    entries, conflicts = merge_units(units, duplicate_of=_duplicates(con))
    _insert(con, entries, conflicts)
    return len(entries)


def _recompute(con: Con, keys: set[str], new: Sequence[Unit]) -> None:
    unit_ids, docs = _affected(con, keys)
    stored = [u for u in doc_units(_sourced(con, docs)) if u.id in unit_ids]
    if stored:
        events = _list(m.event.id for u in stored for m in u.members)
        old = [r[0] for r in con.execute(
            "SELECT DISTINCT entry_id FROM story_evidence WHERE doc_id IN (SELECT unnest(?)) "
            "AND event_id IN (SELECT unnest(?))", [_list(docs), events]).fetchall()]
        _delete_entries(con, old)
    entries, conflicts = merge_units([*stored, *new], duplicate_of=_duplicates(con))
    _insert(con, entries, conflicts)


def _affected(con: Con, keys: set[str]) -> tuple[set[str], set[str]]:
    """Stored units linked to `keys` through shared block keys, and their documents."""
    units: set[str] = set()
    docs: set[str] = set()
    seen: set[str] = set()
    frontier = set(keys)
    while frontier:
        seen |= frontier
        rows = con.execute(
            "SELECT DISTINCT u.unit_id, u.doc_id, u.block FROM story_units u "
            "WHERE u.unit_id IN (SELECT unit_id FROM story_units WHERE block IN (SELECT unnest(?)))",
            [_list(frontier)]).fetchall()
        units |= {u for u, _, _ in rows}
        docs |= {d for _, d, _ in rows}
        frontier = {b for _, _, b in rows} - seen
    return units, docs


def _sourced(con: Con, docs: Iterable[str]) -> list[Sourced]:
    """The stored events of these documents, with their provenance. (The events are picked by
    rowid first: DuckDB then reads the JSON of those rows only, not of the whole table.)"""
    wanted = _list(docs)
    if not wanted:
        return []
    meta = {d: (published, language, uri) for d, published, language, uri in con.execute(
        "SELECT id, published, language, uri FROM documents WHERE id IN (SELECT unnest(?))",
        [wanted]).fetchall()}
    rows = con.execute(
        "SELECT doc_id, json FROM events WHERE rowid IN "
        "(SELECT rowid FROM events WHERE doc_id IN (SELECT unnest(?))) ORDER BY doc_id, seq",
        [wanted]).fetchall()
    return [Sourced(event_from_dict(json.loads(js)), doc_id, *meta[doc_id])
            for doc_id, js in rows]


def _duplicates(con: Con) -> dict[str, str]:
    return dict(con.execute("SELECT doc_id, duplicate_of FROM story_duplicates").fetchall())


def _insert_units(con: Con, units: Sequence[Unit]) -> None:
    rows = [[u.id, u.doc_id, k] for u in units for k in sorted(u.keys)]
    if rows:
        insert_many(con, "INSERT INTO story_units VALUES (?, ?, ?)", rows)


def _delete_entries(con: Con, ids: Sequence[str]) -> None:
    if not ids:
        return
    for table, col in (("story_entries", "id"), ("story_evidence", "entry_id"),
                       ("story_entry_actors", "entry_id"), ("story_conflicts", "entry_a"),
                       ("story_conflicts", "entry_b")):
        con.execute(f"DELETE FROM {table} WHERE {col} IN (SELECT unnest(?))", [list(ids)])


def _insert(con: Con, entries: Sequence[StoryEntry], conflicts: Sequence[Conflict]) -> None:
    if not entries:
        return
    insert_many(con,
        "INSERT INTO story_entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[e.id, int_key(e.id), e.type, e.status, e.date.earliest, e.date.latest, e.hedged, e.confidence,
          e.n_sources, len(e.evidence), e.summary, json.dumps(e.to_dict(), ensure_ascii=False)]
         for e in entries])
    insert_many(con,
        "INSERT INTO story_evidence VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[e.id, v.event_id, v.doc_id, v.source, v.language, v.published, v.speaker, v.basis,
          v.event_id == e.date_from] for e in entries for v in e.evidence])
    insert_many(con,
        "INSERT INTO story_entry_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[e.id, _key(a), side, int_key(e.id), int_key(_key(a)), e.type, e.status,
          e.date.earliest, e.date.latest] for e in entries
         for side, group in (("source", e.sources), ("target", e.targets)) for a in group])
    hay: dict[str, set[str]] = defaultdict(set)
    meta = {}
    for e in entries:
        for a in (*e.sources, *e.targets):
            k = _key(a)
            meta.setdefault(k, a)
            hay[k].update(x.casefold() for x in (a.name, a.text, a.role, a.country, a.id) if x)
    insert_many(con,
        "INSERT INTO story_actors VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (actor) DO UPDATE SET "
        "hay = CASE WHEN contains(story_actors.hay, excluded.hay) THEN story_actors.hay "
        "ELSE story_actors.hay || ' | ' || excluded.hay END",
        [[k, int_key(k), meta[k].name, meta[k].country, meta[k].kind, " | ".join(sorted(hay[k]))]
         for k in sorted(hay)])
    if conflicts:
        insert_many(con,
            "INSERT INTO story_conflicts VALUES (?, ?, ?, ?, ?, ?, ?)",
            [[c.id, c.kind, c.rule, c.sides[0].entry, c.sides[1].entry, c.note,
              json.dumps(c.to_dict(), ensure_ascii=False)] for c in conflicts])


# reading ---------------------------------------------------------------------------------------

def is_built(con: Con) -> bool:
    """False for a store whose documents predate the corpus timeline (rebuild it then)."""
    units = con.execute("SELECT count(*) FROM (SELECT 1 FROM story_units LIMIT 1)").fetchone()[0]
    events = con.execute("SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)").fetchone()[0]
    return bool(units) or not events


def actor_keys(con: Con, name: str) -> list[int]:
    """The actors a `--actor` name can mean: the name within their names, words, roles,
    country or id (case-insensitive, as `kronika.timeline.query.actor_matches`)."""
    rows = con.execute("SELECT key FROM story_actors WHERE contains(hay, ?)",
                       [name.casefold()]).fetchall()
    return [r[0] for r in rows]


def _filters(con: Con, *, actors: Sequence[str] = (), types: Sequence[str] = (),
             statuses: Sequence[str] = (), after: date | None = None,
             before: date | None = None, since: date | None = None,
             until: date | None = None) -> tuple[str, list] | None:
    """A FROM … WHERE clause over `story_entries` for these filters (None: nothing can match).

    With actors, each name selects the entry keys of `story_entry_actors` rows that pass every
    filter (one integer scan per name) and the sets are intersected; without, `story_entries` is
    filtered directly.
    """
    where, params = [], []
    if types:
        where.append("type IN (SELECT unnest(?))")
        params.append([t.upper() for t in types])
    if statuses:
        where.append("status IN (SELECT unnest(?))")
        params.append(list(statuses))
    for sql, value in (("earliest > ?", after), ("latest < ?", before),
                       ("earliest >= ?", since), ("latest <= ?", until)):
        if value is not None:
            where.append(sql)
            params.append(value)
    cond = " AND ".join(where) or "true"
    if not actors:
        return f"FROM story_entries WHERE {cond}", params
    parts, part_params = [], []
    for name in actors:
        keys = actor_keys(con, name)
        if not keys:
            return None
        parts.append(f"SELECT entry_key FROM story_entry_actors "
                     f"WHERE actor_key IN (SELECT unnest(?)) AND {cond}")
        part_params += [keys, *params]
    return "FROM story_entries WHERE key IN (" + " INTERSECT ".join(parts) + ")", part_params


def query(con: Con, *, first: int | None = None, last: int | None = None,
          **filters) -> list[StoryEntry]:
    """Entries passing the filters (see `Store.timeline`), by date; only the JSON of the
    matching entries is read."""
    found = _filters(con, **filters)
    if found is None:
        return []
    sql, params = found
    sql = "SELECT json " + sql
    if last is not None:
        sql += " ORDER BY latest DESC NULLS LAST, earliest DESC NULLS LAST, id DESC LIMIT ?"
        params.append(last)
    else:
        sql += " ORDER BY earliest NULLS LAST, latest NULLS LAST, id"
        if first is not None:
            sql += " LIMIT ?"
            params.append(first)
    rows = con.execute(sql, params).fetchall()
    return [story_entry_from_dict(json.loads(r[0])) for r in rows]


PERIOD_SQL = {"day": "strftime(earliest, '%Y-%m-%d')", "week": "strftime(earliest, '%G-W%V')",
              "month": "strftime(earliest, '%Y-%m')", "year": "strftime(earliest, '%Y')"}


def count(con: Con, by: str, **filters) -> list[tuple[str, int, list[str]]]:
    """(period, count, entry ids) per period of the entries' earliest day, in SQL (as
    `kronika.timeline.ask.count_by`, without reading the entries); undated last."""
    found = _filters(con, **filters)
    if found is None:
        return []
    sql, params = found
    period = f"coalesce({PERIOD_SQL[by]}, 'undated')"
    rows = con.execute(f"SELECT {period} AS p, count(*), list(id ORDER BY earliest, latest, id) {sql} "
                       f"GROUP BY p ORDER BY p = 'undated', p", params).fetchall()
    return [(p, n, list(ids)) for p, n, ids in rows]


def conflicts(con: Con, entry_ids: Iterable[str] | None = None) -> list[Conflict]:
    if entry_ids is None:
        rows = con.execute("SELECT json FROM story_conflicts ORDER BY id").fetchall()
    else:
        ids = _list(entry_ids)
        rows = con.execute("SELECT json FROM story_conflicts WHERE entry_a IN (SELECT unnest(?)) "
                           "OR entry_b IN (SELECT unnest(?)) ORDER BY id", [ids, ids]).fetchall()
    return [conflict_from_dict(json.loads(r[0])) for r in rows]
