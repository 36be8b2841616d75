"""The watch state in the store (migration 0005): sources, seen items, rules, alerts.

Everything a restarted watcher needs lives here, never only in memory: which items of which
source were seen (and became which document), each source's validators and next poll time,
what each rule has accounted for, and each alert with its deliveries. Functions take an open
`Store`; each write is its own transaction unless the caller holds one (`transaction`).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime

from kronika.store import Store


def now() -> datetime:
    """The current UTC time without a zone (the store's TIMESTAMP columns are UTC)."""
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def transaction(store: Store) -> Iterator[None]:
    """All or nothing: a kill in the middle leaves the state as it was before (the store's own
    transaction, with DuckDB errors inside it reported as the watch state's)."""
    with store._translate("writing the watch state"), store.transaction():
        yield


# sources -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourceState:
    source: str
    url: str
    etag: str | None = None
    last_modified: str | None = None
    next_poll: datetime | None = None
    last_polled: datetime | None = None
    last_status: str | None = None
    last_error: str | None = None
    failures: int = 0


def sources(store: Store) -> dict[str, SourceState]:
    rows = store._con.execute(
        "SELECT source, url, etag, last_modified, next_poll, last_polled, last_status, "
        "last_error, failures FROM watch_sources").fetchall()
    return {r[0]: SourceState(*r) for r in rows}


def save_source(store: Store, s: SourceState) -> None:
    store._con.execute(
        "INSERT OR REPLACE INTO watch_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [s.source, s.url, s.etag, s.last_modified, s.next_poll, s.last_polled, s.last_status,
         s.last_error, s.failures])


# items ---------------------------------------------------------------------------------------


def seen_items(store: Store) -> set[tuple[str, str]]:
    """(source, key) of every item seen so far."""
    return set(store._con.execute("SELECT source, key FROM watch_items").fetchall())


def mark_seen(store: Store, source: str, key: str, doc_id: str | None, status: str) -> None:
    store._con.execute("INSERT OR IGNORE INTO watch_items VALUES (?, ?, ?, ?, ?)",
                       [source, key, doc_id, status, now()])


# rules ---------------------------------------------------------------------------------------


@dataclass
class RuleState:
    """What a rule has accounted for: event id (or conflict key) → thread, thread → dates."""

    rule: str
    hash: str
    fresh: bool                       # first sight of this rule (or of its new definition)
    armed: bool | None
    known: dict[str, str]
    threads: dict[str, tuple[date | None, date | None]]


def rule_state(store: Store, rule: str, rule_hash: str) -> RuleState:
    """The rule's state; a rule seen for the first time, or whose definition changed, starts
    afresh (its old state is dropped)."""
    con = store._con
    row = con.execute("SELECT hash, armed FROM watch_rules WHERE rule = ?", [rule]).fetchone()
    if row is None or row[0] != rule_hash:
        for table in ("watch_known", "watch_threads"):
            con.execute(f"DELETE FROM {table} WHERE rule = ?", [rule])
        con.execute("INSERT OR REPLACE INTO watch_rules VALUES (?, ?, NULL, ?)",
                    [rule, rule_hash, now()])
        return RuleState(rule, rule_hash, True, None, {}, {})
    known = dict(con.execute("SELECT event_id, thread FROM watch_known WHERE rule = ?",
                             [rule]).fetchall())
    threads = {t: (a, b) for t, a, b in con.execute(
        "SELECT thread, earliest, latest FROM watch_threads WHERE rule = ?", [rule]).fetchall()}
    return RuleState(rule, rule_hash, False, row[1], known, threads)


def save_known(store: Store, rule: str, pairs: list[tuple[str, str]]) -> None:
    if pairs:
        store._con.executemany("INSERT OR REPLACE INTO watch_known VALUES (?, ?, ?)",
                               [[rule, k, t] for k, t in pairs])


def save_thread(store: Store, rule: str, thread: str, earliest, latest) -> None:
    store._con.execute("INSERT OR REPLACE INTO watch_threads VALUES (?, ?, ?, ?)",
                       [rule, thread, earliest, latest])


def save_armed(store: Store, rule: str, armed: bool) -> None:
    """Whether a count rule may fire (below its threshold since it last fired)."""
    store._con.execute("UPDATE watch_rules SET armed = ? WHERE rule = ?", [armed, rule])


# alerts --------------------------------------------------------------------------------------


def has_alert(store: Store, alert_id: str) -> bool:
    return store._con.execute("SELECT count(*) FROM watch_alerts WHERE id = ?",
                              [alert_id]).fetchone()[0] > 0


def add_alert(store: Store, alert: dict, channels: tuple[str, ...]) -> bool:
    """Record an alert and one pending delivery per channel; False if it was recorded before."""
    if has_alert(store, alert["id"]):
        return False
    con = store._con
    con.execute("INSERT INTO watch_alerts VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [alert["id"], alert["rule"], alert["key"], alert["kind"],
                 (alert.get("entry") or {}).get("id"), alert["title"],
                 datetime.fromisoformat(alert["fired_at"].removesuffix("Z")),
                 json.dumps(alert, ensure_ascii=False)])
    for c in channels:
        con.execute("INSERT OR IGNORE INTO watch_deliveries VALUES (?, ?, NULL, 0, NULL)",
                    [alert["id"], c])
    return True


def alerts(store: Store, limit: int | None = None) -> list[dict]:
    """The alerts, newest first."""
    sql = "SELECT json FROM watch_alerts ORDER BY fired_at DESC, id"
    if limit is not None:
        sql += f" LIMIT {int(limit)}"
    return [json.loads(js) for (js,) in store._con.execute(sql).fetchall()]


def pending(store: Store) -> list[tuple[dict, str]]:
    """(alert, channel) of every delivery not made yet, oldest alert first."""
    rows = store._con.execute(
        "SELECT a.json, d.channel FROM watch_deliveries d JOIN watch_alerts a "
        "ON a.id = d.alert_id WHERE d.delivered_at IS NULL "
        "ORDER BY a.fired_at, a.id, d.channel").fetchall()
    return [(json.loads(js), c) for js, c in rows]


def delivered(store: Store, alert_id: str, channel: str, error: str | None) -> None:
    store._con.execute(
        "UPDATE watch_deliveries SET delivered_at = ?, attempts = attempts + 1, "
        "last_error = ? WHERE alert_id = ? AND channel = ?",
        [None if error else now(), error, alert_id, channel])
