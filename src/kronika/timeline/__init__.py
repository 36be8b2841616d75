"""Timeline: merge the mentions of one real event into an entry, order entries by date.

Within a document, event mentions are merged when they are compatible (see `merge.yaml`): same
or compatible type, same status, at least one shared actor, intersecting dates, and neither marked
as a repetition. Dated mentions are placed first, the most precise first; a vaguer mention then
joins the entry it fits, and the entry's date is the intersection of its mentions' intervals,
that is the tightest interval the evidence supports. Undated entries are kept, after the dated.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache

from kronika.document import Actor, DateInfo, Document, Entry, Event
from kronika.rules import load_rules

# When an undated mention fits several entries it joins the one whose date rests on the
# publication (the article's news) first, then the nearest in the text.


@cache
def _compatible() -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    data = load_rules("kronika.timeline", "merge.yaml")
    return tuple((frozenset(c["types"]), frozenset(c["statuses"]))
                 for c in data.get("compatible_types", []))


def types_compatible(a: Event | Entry, b: Event | Entry) -> bool:
    if a.type == b.type:
        return True
    return any({a.type, b.type} <= types and a.status in statuses
               for types, statuses in _compatible())


def _key(a: Actor) -> str:
    return a.id or a.name.lower()


def _bounds(d: DateInfo) -> tuple[date, date]:
    return (d.earliest or date.min, d.latest or date.max)


def _intersect(a: DateInfo, b: DateInfo) -> DateInfo | None:
    lo = max(_bounds(a)[0], _bounds(b)[0])
    hi = min(_bounds(a)[1], _bounds(b)[1])
    if lo > hi:
        return None
    earliest = None if lo == date.min else lo
    latest = None if hi == date.max else hi
    tighter = a if _width(a) <= _width(b) else b
    value = earliest.isoformat() if earliest and earliest == latest else tighter.value
    return DateInfo(value, earliest, latest, tighter.basis)


def _width(d: DateInfo) -> int:
    lo, hi = _bounds(d)
    return (hi - lo).days


@dataclass
class _Cluster:
    events: list[Event] = field(default_factory=list)
    date: DateInfo = DateInfo()
    date_from: str | None = None

    @property
    def first(self) -> Event:
        return self.events[0]

    def actors(self) -> set[str]:
        return {_key(a) for e in self.events for a in (*e.sources, *e.targets)}

    def accepts(self, e: Event) -> DateInfo | None:
        first = self.first
        if first.again or e.again or e.status != first.status:
            return None
        if not types_compatible(first, e) or not (self.actors() & _actors(e)):
            return None
        if e.targets and not _linked(self.events, e):
            return None
        return _intersect(self.date, e.date)

    def add(self, e: Event, date_info: DateInfo) -> None:
        if _width(date_info) < _width(self.date) or not self.events:
            self.date_from = e.id
        self.events.append(e)
        self.date = date_info


def _linked(events: Sequence[Event], e: Event) -> bool:
    """Whether `e` links a source to a target the way one of `events` does (either direction),
    or one side of those events has no target. "Shoigu spoke with Austin … Shoigu also phoned
    his French counterpart" shares Shoigu but links him to someone else: another call."""
    mine = {frozenset((_key(s), _key(t))) for s in e.sources for t in e.targets}
    for x in events:
        if not x.targets:
            return True
        theirs = {frozenset((_key(s), _key(t))) for s in x.sources for t in x.targets}
        if mine & theirs:
            return True
    return False


def _actors(e: Event) -> set[str]:
    return {_key(a) for a in (*e.sources, *e.targets)}


def merge(events: Sequence[Event]) -> list[Entry]:
    """Entries from event mentions: one entry per real event, ordered by date."""
    order = sorted(events, key=lambda e: (not e.date.dated, _width(e.date), e.evidence.start))
    clusters: list[_Cluster] = []
    for e in order:
        fits = [(c, d) for c in clusters if (d := c.accepts(e)) is not None]
        if fits:
            cluster, d = min(fits, key=lambda cd: (
                -len(cd[0].actors() & _actors(e)),
                cd[0].date.basis != "published",
                min(abs(x.evidence.start - e.evidence.start) for x in cd[0].events)))
            cluster.add(e, d)
        else:
            c = _Cluster()
            c.add(e, e.date)
            clusters.append(c)
    entries = [_entry(c) for c in clusters]
    return sort_entries(entries)


def sort_entries(entries: Iterable[Entry]) -> list[Entry]:
    def key(e: Entry) -> tuple:
        return (not e.date.dated, e.date.earliest or date.max, e.date.latest or date.max, e.id)
    return sorted(entries, key=key)


def _union(groups: Iterable[Sequence[Actor]]) -> tuple[Actor, ...]:
    out: dict[str, Actor] = {}
    for group in groups:
        for a in group:
            out.setdefault(_key(a), a)
    return tuple(out.values())


def _entry(c: _Cluster) -> Entry:
    ids = tuple(e.id for e in sorted(c.events, key=lambda e: e.evidence.start))
    main = max(c.events, key=lambda e: (e.confidence, -e.evidence.start))
    sources = _union(e.sources for e in c.events)
    targets = tuple(a for a in _union(e.targets for e in c.events)
                    if _key(a) not in {_key(s) for s in sources})
    hedged = all(e.hedged for e in c.events)
    miss = 1.0
    for e in c.events:
        miss *= 1.0 - e.confidence
    confidence = round(min(0.99, 1.0 - miss), 2)
    digest = hashlib.sha256("|".join(sorted(ids)).encode()).hexdigest()[:16]
    return Entry(
        id=f"en-{digest}", type=main.type, status=main.status, sources=sources, targets=targets,
        date=c.date, events=ids, hedged=hedged, confidence=confidence,
        summary=summary(main.type, main.status, sources, targets), date_from=c.date_from,
        location=best_location(c.events),
    )


def best_location(events: Iterable[Event]) -> dict | None:
    """An entry's location: that of its most confident located event (the earliest in the text
    among equals); a place tied to the event's own clause beats a dateline."""
    located = [e for e in events if e.location]
    if not located:
        return None
    rank = {"clause": 0, "sentence": 1, "dateline": 2}
    best = min(located, key=lambda e: (rank.get(e.location.get("attached"), 3), -e.confidence,
                                       e.evidence.start, e.id))
    return best.location


def summary(type_: str, status: str, sources: Sequence[Actor], targets: Sequence[Actor]) -> str:
    who = ", ".join(a.name for a in sources) or "?"
    whom = ", ".join(a.name for a in targets)
    joint = not whom and len(sources) > 1  # several sources, no target: "Biden and Putin spoke"
    arrow = f"{who} (with each other)" if joint else f"{who} → {whom or '?'}"
    what = type_ if status == "occurred" else f"{type_} ({status.replace('_', ' ')})"
    return f"{arrow}: {what}"


class Timeline:
    """Add `timeline`: the document's events merged into dated entries."""

    name = "timeline"
    reads = ("events",)
    adds = ("timeline",)

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(timeline=tuple(merge(doc.events)))
