"""How the server reaches its DuckDB store without holding it open.

DuckDB lets one process write a file at a time, so the server opens the store for each request
and closes it at once: a `kronika ingest` in another process can write between requests. When
the other process holds the lock, the request fails with `StoreBusyError` (the API answers 503
with Retry-After). Connections inside this process are serialised by one lock, since DuckDB
refuses a read-only and a read-write connection to one file in the same process.

Reads go through a `Snapshot` (documents, entries with their documents, events) cached until the
file or its write-ahead log changes (size and modification time), so a page of the timeline does
not re-read the store. While another process holds the lock, reads are answered from the last
snapshot (and cached documents) as they were before it started writing; only reads of something
never read before, and writes, get the 503.
"""

from __future__ import annotations

import hashlib
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from kronika.document import Entry, Event
from kronika.errors import StoreBusyError, StoreError
from kronika.store import MEMORY, Store

DOC_CACHE = 32  # documents kept as JSON dicts; each is a few times its text's size


@dataclass(frozen=True)
class Snapshot:
    """Everything list routes need, read in one go."""

    version: str
    documents: tuple[dict, ...]
    entries: tuple[tuple[str, Entry], ...]
    events: dict[tuple[str, str], Event]


class StoreAccess:
    """Open-per-request access to one store file, with a cached read snapshot."""

    def __init__(self, path: str | os.PathLike) -> None:
        self.path = Path(path)
        if str(path) == MEMORY:
            raise StoreError("the server needs a store file, not ':memory:'; pass --db FILE")
        self._lock = threading.RLock()
        self._snapshot: Snapshot | None = None
        self._docs: dict[str, dict] = {}
        self._dirty = True  # this process wrote since the snapshot was read
        with self.write():  # creates the file and applies pending migrations
            pass

    @property
    def folder(self) -> Path:
        """The folder that holds the store; uploads are kept under it."""
        return self.path.resolve().parent

    def signature(self) -> str:
        """Changes whenever the store file or its write-ahead log changes."""
        parts = []
        for p in (self.path, self.path.with_name(self.path.name + ".wal")):
            try:
                st = p.stat()
                parts.append(f"{st.st_size}:{st.st_mtime_ns}")
            except FileNotFoundError:
                parts.append("-")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    @contextmanager
    def read(self) -> Iterator[Store]:
        with self._lock, Store(self.path, read_only=True) as store:
            yield store

    @contextmanager
    def write(self) -> Iterator[Store]:
        with self._lock:
            self._dirty = True
            with Store(self.path) as store:
                yield store

    def snapshot(self) -> Snapshot:
        """The current snapshot, re-read only when the file changed."""
        with self._lock:
            version = self.signature()
            if self._snapshot is not None and self._snapshot.version == version \
                    and not self._dirty:
                return self._snapshot
            try:
                with self.read() as store:
                    docs = tuple(store.documents())
                    entries = tuple(store.entries_by_document())
                    events = {(doc_id, e.id): e for doc_id, e in store.events()}
            except StoreBusyError:
                if self._snapshot is None:
                    raise
                return self._snapshot  # as it was before the other process began writing
            self._snapshot = Snapshot(version, docs, entries, events)
            self._dirty = False
            return self._snapshot

    def document(self, doc_id: str) -> dict:
        """A stored document's JSON dict. The most recent DOC_CACHE are kept: a stored document
        never changes (its id is the hash of its bytes, and the store adds, never updates)."""
        with self._lock:
            if doc_id not in self._docs:
                with self.read() as store:
                    self._docs[doc_id] = store.document(doc_id).to_dict()
                while len(self._docs) > DOC_CACHE:
                    self._docs.pop(next(iter(self._docs)))
            else:
                self._docs[doc_id] = self._docs.pop(doc_id)  # most recently used last
            return self._docs[doc_id]
