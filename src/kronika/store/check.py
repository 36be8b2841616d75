"""`kronika check`: is a store whole? Every event has its document and evidence, every offset
lies inside its text, every entry points at stored events, every row reads back.

    with Store(path, read_only=True) as store:
        for problem in check(store):
            print(problem)
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from kronika.document import Document, Span


@dataclass(frozen=True)
class Problem:
    table: str
    id: str
    what: str

    def __str__(self) -> str:
        return f"{self.table} {self.id}: {self.what}"


def check(store) -> Iterator[Problem]:
    """Every problem found, table by table; nothing found means the store is consistent."""
    con = store._con
    for (doc_id,) in con.execute(
            "SELECT DISTINCT doc_id FROM events WHERE doc_id NOT IN (SELECT id FROM documents) "
            "UNION SELECT DISTINCT doc_id FROM entries "
            "WHERE doc_id NOT IN (SELECT id FROM documents) ORDER BY 1").fetchall():
        yield Problem("events", doc_id, "rows of a document that is not stored")
    for doc_id, js in con.execute("SELECT id, json FROM documents ORDER BY id").fetchall():
        yield from _document(doc_id, js, con)


def _document(doc_id: str, js: str, con) -> Iterator[Problem]:
    try:
        doc = Document.from_json(js)
    except (ValueError, KeyError, TypeError) as e:
        yield Problem("documents", doc_id, f"the stored JSON does not read back ({e})")
        return
    if doc.id != doc_id:
        yield Problem("documents", doc_id, f"the JSON holds another id, {doc.id}")
    spans: list[tuple[str, Span]] = [("noise", n) for n in doc.noise]
    spans += [("timex", t) for t in doc.timexes]
    for e in doc.events:
        spans += [(f"event {e.id} trigger", e.trigger), (f"event {e.id} evidence", e.evidence)]
        if e.attribution:
            spans.append((f"event {e.id} attribution", e.attribution))
    for what, span in spans:
        if not 0 <= span.start <= span.end <= len(doc.text):
            yield Problem("documents", doc_id, f"{what} {span.start}..{span.end} lies outside "
                                               f"the text ({len(doc.text)} characters)")
        elif doc.text[span.start:span.end] != span.text:
            yield Problem("documents", doc_id, f"{what} {span.start}..{span.end} does not hold "
                                               f"its text {span.text[:40]!r}")
    stored = {row[0]: row[1] for row in con.execute(
        "SELECT id, json FROM events WHERE doc_id = ?", [doc_id]).fetchall()}
    if set(stored) != {e.id for e in doc.events}:
        yield Problem("events", doc_id, f"{len(stored)} event rows but the document has "
                                        f"{len(doc.events)} events")
    for event_id, event_js in stored.items():
        evidence = json.loads(event_js).get("evidence") or {}
        if not evidence or doc.text[evidence.get("start", 0):evidence.get("end", 0)] != \
                evidence.get("text"):
            yield Problem("events", event_id, "its evidence is missing or is not in the text")
    event_ids = {e.id for e in doc.events}
    for entry in doc.timeline:
        missing = [i for i in entry.events if i not in event_ids]
        if missing:
            yield Problem("entries", entry.id, f"points at events not stored: {missing}")
