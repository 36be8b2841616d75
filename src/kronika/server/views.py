"""The JSON answers built from a read snapshot: filtered timelines, entries with their evidence
and conflicting reports. No I/O here: everything comes from `access.Snapshot`."""

from __future__ import annotations

from datetime import date

from kronika.dates import parse_date
from kronika.document import PLOVER_TYPES, STATUSES, Entry, entry_to_dict, event_to_dict
from kronika.errors import UsageError
from kronika.plover import quad_of
from kronika.server.access import Snapshot
from kronika.timeline import types_compatible
from kronika.timeline.query import parse_bbox, select
from kronika.timeline.shape import date_shape


def select_rows(snap: Snapshot, actors, types, statuses, after, before, first, last,
            q, *, places=None, countries=None, bbox: str | None = None) -> list[tuple[str, Entry]]:
    for t in types or []:
        if t.upper() not in PLOVER_TYPES:
            raise UsageError(f"type {t!r} is not a PLOVER type; use one of "
                             f"{', '.join(PLOVER_TYPES)}")
    for s in statuses or []:
        if s not in STATUSES:
            raise UsageError(f"status {s!r} is not one of {', '.join(STATUSES)}")
    doc_of = {id(e): doc_id for doc_id, e in snap.entries}
    picked = select([e for _, e in snap.entries], actors=actors or [], types=types or [],
                    statuses=statuses or [], after=_day(after, "after"),
                    before=_day(before, "before"), first=first, last=last,
                    places=places or [], countries=countries or [],
                    bbox=parse_bbox(bbox) if bbox else None)
    rows = [(doc_of[id(e)], e) for e in picked]
    if q and q.strip():
        needle = q.strip().casefold()
        rows = [(d, e) for d, e in rows if needle in _haystack(snap, d, e)]
    return rows


def _day(value: str | None, what: str) -> date | None:
    return parse_date(value, what) if value else None


def _haystack(snap: Snapshot, doc_id: str, e: Entry) -> str:
    words = [e.summary, e.type, e.status]
    words += [f"{a.name} {a.text}" for a in (*e.sources, *e.targets)]
    for eid in e.events:
        ev = snap.events.get((doc_id, eid))
        if ev:
            words.append(ev.evidence.text)
    return " ".join(words).casefold()


def actor_key(a) -> str:
    return a.id or a.name.casefold()


def entry_item(doc_id: str, e: Entry) -> dict:
    q = quad_of(e.type)
    return {**entry_to_dict(e), "document": doc_id, "quad": q["name"] if q else None,
            "shape": date_shape(e.date)}


def _doc_summary(snap: Snapshot, doc_id: str) -> dict | None:
    for d in snap.documents:
        if d["id"] == doc_id:
            return {k: d[k] for k in ("id", "title", "published", "language", "uri")}
    return None


def detail(snap: Snapshot, doc_id: str, e: Entry) -> dict:
    evidence = []
    for eid in e.events:
        ev = snap.events.get((doc_id, eid))
        if ev is not None:
            evidence.append({"event": event_to_dict(ev), "document": _doc_summary(snap, doc_id)})
    return {"entry": entry_item(doc_id, e), "document": _doc_summary(snap, doc_id),
            "evidence": evidence, "conflicts": _conflicts(snap, doc_id, e)}


def _overlap(a: Entry, b: Entry) -> bool:
    lo = max(a.date.earliest or date.min, b.date.earliest or date.min)
    hi = min(a.date.latest or date.max, b.date.latest or date.max)
    return lo <= hi and (a.date.dated or b.date.dated)


def _conflicts(snap: Snapshot, doc_id: str, e: Entry) -> list[dict]:
    """Entries about the same actors and days with a compatible type but another status
    (one source says the call happened, another that it was refused or denied)."""
    mine = {actor_key(a) for a in (*e.sources, *e.targets)}
    out = []
    for other_doc, o in snap.entries:
        if (other_doc, o.id) == (doc_id, e.id) or o.status == e.status:
            continue
        theirs = {actor_key(a) for a in (*o.sources, *o.targets)}
        if mine & theirs and types_compatible(e, o) and _overlap(e, o):
            out.append({"entry": entry_item(other_doc, o),
                        "why": f"same actors and dates, but {o.status.replace('_', ' ')} "
                               f"rather than {e.status.replace('_', ' ')}"})
    return out

