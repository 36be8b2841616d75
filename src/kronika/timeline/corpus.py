"""One timeline from many documents: merge, provenance, contradictions, confidence.

Pure, deterministic functions: the store calls them on the blocks a new document touches, and a
distributed job can call them per component. Same input (in any order) → same entries, same ids.

    units = doc_units(items)                 # per document: its events merged as in one document
    entries, conflicts = merge_units(units)  # across documents
    merge_across(items) == merge_units(doc_units(items))

How documents merge
-------------------
1. Within a document, events merge as `kronika.timeline.merge` does (a *unit*), after
   `kronika.timeline.fill` has completed what the document leaves implicit (an undated event's
   reference date, an attacked place's country).
2. Units of different documents merge into one entry when: their types are equal or compatible
   (`merge.yaml`), their statuses are equal, they share an unordered pair of resolved actors
   (across documents one shared actor is too weak: Russia does many things on one day), their
   date intervals intersect, and neither text marks a repetition ("again"). An English and a
   Russian report of one call merge once both name the same actor ids. Two units of one
   document never merge: that document already told them apart.
3. Units are placed most precise first, so a precise date refines a vague one; the entry's date
   is the intersection of its units' dates and `date_from` names the event that gave it.
4. An *open* unit (undated, open-ended, or wider than `MAX_SPAN_DAYS`) joins the latest matching
   dated entry that ended within `RECENT_WINDOW_DAYS` before its document was published
   (a news report is about recent events), else stays an entry of its own.

Blocking: `block_keys(unit)` are `"<actor>|<actor>@YYYY-MM"` strings (the pair sorted, one key per
month of the date interval widened by the date-conflict window; open units use the months of the
recent window before publication; with no publication date `@undated`). Units that share no key
never merge, so `components(units)` (units linked by shared keys) can be merged independently
and the result is the same as merging everything at once.

Near-duplicate documents (syndication, `duplicate_of`) count as one source. Confidence:
see `confidence()`.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from functools import cache
from itertools import combinations
from typing import Any

from kronika.document import (
    Actor,
    DateInfo,
    Event,
    actor_to_dict,
    date_from_dict,
    date_to_dict,
    event_from_dict,
    event_to_dict,
    iso,
    parse_iso,
)
from kronika.rules import load_rules
from kronika.timeline import (
    _intersect,
    _key,
    _width,
    best_location,
    merge,
    summary,
    types_compatible,
)
from kronika.timeline.fill import fill_document

# An interval wider than this is too vague to place among dated entries: it is treated as open.
# 92 days keeps months and quarters ("in March", "since February 24" to May) as dated.
MAX_SPAN_DAYS = 92
# An open unit joins the latest matching entry that ended at most this many days before its
# document's publication date. Tuned by hand on the story set (tests/data/stories); re-run
# `kronika eval timeline` on it if changed.
RECENT_WINDOW_DAYS = 31
# Confidence of one source's report (see `confidence`): a named speaker, the reporter's own
# voice, and the factor for hedged wording and for a contradicted entry.
SUPPORT_NAMED = 0.8
SUPPORT_REPORTER = 0.7
HEDGE_FACTOR = 0.5
CONTRADICTED_FACTOR = 0.7
MAX_CONFIDENCE = 0.99


# data ------------------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Sourced:
    """One event as read from one document, with the document's provenance.

    `to_dict`/`sourced_from_dict` give it as plain JSON-ready data, for a distributed job's rows.
    """

    event: Event
    doc_id: str
    published: date | None = None
    language: str = "en"
    uri: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"event": event_to_dict(self.event), "doc_id": self.doc_id,
                "published": iso(self.published), "language": self.language, "uri": self.uri}


def sourced_from_dict(d: dict[str, Any]) -> Sourced:
    return Sourced(event_from_dict(d["event"]), d["doc_id"], parse_iso(d.get("published")),
                   d.get("language", "en"), d.get("uri"))


@dataclass(frozen=True, slots=True)
class Evidence:
    """One supporting event of an entry: where it was read, who says so, what date it gives."""

    event_id: str
    doc_id: str
    source: str            # the document after following `duplicate_of` (syndicated copies: one)
    language: str
    published: date | None
    uri: str | None
    type: str
    status: str
    sentence: str
    start: int
    end: int
    trigger: str
    speaker: str | None    # the attribution's speaker, canonical name
    said: date | None
    basis: str             # date basis: explicit, relative, published, inferred, unknown
    earliest: date | None
    latest: date | None
    hedged: bool
    rule: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"event": self.event_id, "document": self.doc_id, "source": self.source,
                "language": self.language, "published": iso(self.published), "uri": self.uri,
                "type": self.type, "status": self.status, "sentence": self.sentence,
                "start": self.start, "end": self.end, "trigger": self.trigger,
                "speaker": self.speaker, "said": iso(self.said), "basis": self.basis,
                "earliest": iso(self.earliest), "latest": iso(self.latest),
                "hedged": self.hedged, "rule": self.rule}


@dataclass(frozen=True, slots=True)
class StoryEntry:
    """One real event on the corpus timeline, with every event that supports it.

    Has the fields of `kronika.document.Entry` (so the filters and scorers take it), plus the
    evidence, the number of independent sources, and the ids of the conflicts it is part of.
    """

    id: str
    type: str
    status: str
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    date: DateInfo
    evidence: tuple[Evidence, ...]
    hedged: bool
    confidence: float
    summary: str
    date_from: str | None = None     # id of the event whose evidence gave the date
    n_sources: int = 1               # independent sources (see `source_key`)
    conflicts: tuple[str, ...] = ()
    blocks: tuple[str, ...] = ()
    location: dict | None = None     # where it happened (see `kronika.timeline.best_location`)

    @property
    def events(self) -> tuple[str, ...]:
        return tuple(e.event_id for e in self.evidence)

    @property
    def documents(self) -> tuple[str, ...]:
        return tuple(sorted({e.doc_id for e in self.evidence}))

    def to_dict(self) -> dict[str, Any]:
        """The contract's ENTRY, plus `evidence`, `n_sources`, `conflicts`, `date_from`."""
        return {
            "id": self.id, "type": self.type, "status": self.status,
            "sources": [actor_to_dict(a) for a in self.sources],
            "targets": [actor_to_dict(a) for a in self.targets],
            "date": date_to_dict(self.date), "events": list(self.events),
            "hedged": self.hedged, "confidence": self.confidence, "summary": self.summary,
            "date_from": self.date_from, "n_sources": self.n_sources,
            "conflicts": list(self.conflicts), "documents": list(self.documents),
            "evidence": [e.to_dict() for e in self.evidence], "blocks": list(self.blocks),
            "location": self.location,
        }


@dataclass(frozen=True, slots=True)
class ConflictSide:
    entry: str
    status: str
    date: DateInfo
    said_by: tuple[str, ...]      # speakers, or "reporter" for the article's own voice
    documents: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"entry": self.entry, "status": self.status, "date": date_to_dict(self.date),
                "said_by": list(self.said_by), "documents": list(self.documents)}


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two entries that cannot both be true, kept side by side (never averaged)."""

    id: str
    kind: str        # "status" or "date"
    rule: str        # the conflicts.yaml rule that flagged it
    sides: tuple[ConflictSide, ConflictSide]
    note: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "rule": self.rule, "note": self.note,
                "sides": [s.to_dict() for s in self.sides]}


@dataclass(frozen=True, slots=True)
class Unit:
    """A document's events about one real event (a within-document entry), ready to merge."""

    id: str
    doc_id: str
    published: date | None
    members: tuple[Sourced, ...]
    type: str
    status: str
    date: DateInfo
    date_from: str | None
    again: bool
    pairs: frozenset[str]
    keys: frozenset[str]

    @property
    def open(self) -> bool:
        return _is_open(self.date)

    def order(self) -> tuple:
        """The canonical placing order: precise first, then by date, then by content."""
        return (self.open, _width(self.date), self.date.earliest or date.max, self.doc_id,
                self.id)


# blocking --------------------------------------------------------------------------------------

def _is_open(d: DateInfo) -> bool:
    return not d.dated or _width(d) > MAX_SPAN_DAYS


def actor_pairs(events: Iterable[Event]) -> frozenset[str]:
    """Unordered pairs of resolved actors that take part together: source×target, or the
    sources among themselves when there is no target; a lone actor pairs with nobody (`a|`)."""
    pairs: set[str] = set()
    for e in events:
        src = sorted({_key(a) for a in e.sources})
        tgt = sorted({_key(a) for a in e.targets})
        if src and tgt:
            pairs.update("|".join(sorted((s, t))) for s in src for t in tgt if s != t)
        group = sorted(set(src) | set(tgt))
        if not pairs and len(group) >= 2:
            pairs.update(f"{a}|{b}" for a, b in combinations(group, 2))
        if len(group) == 1:
            pairs.add(f"{group[0]}|")
    return frozenset(pairs)


def _months(lo: date, hi: date) -> list[str]:
    out, y, m = [], lo.year, lo.month
    while (y, m) <= (hi.year, hi.month):
        out.append(f"{y:04d}-{m:02d}")
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return out


def _key_months(d: DateInfo, published: date | None) -> list[str]:
    slack = timedelta(days=date_rule()["max_days_apart"])
    if not _is_open(d):
        return _months(d.earliest - slack, d.latest + slack)
    if published is None:
        return ["undated"]
    return _months(published - timedelta(days=RECENT_WINDOW_DAYS) - slack, published + slack)


def block_keys(event: Event, published: date | None = None) -> set[str]:
    """The blocks an event falls in: `"<actor>|<actor>@YYYY-MM"` per actor pair and month.

    Months are those of its date interval widened by the date-conflict window; an undated or
    vague event uses the months of the recent window before `published`, and with no
    publication date the month part is `undated`.
    """
    months = _key_months(event.date, published)
    return {f"{p}@{m}" for p in actor_pairs([event]) for m in months}


# units -----------------------------------------------------------------------------------------

def doc_units(items: Iterable[Sourced]) -> list[Unit]:
    """Each document's events merged within the document, as units, in canonical order."""
    by_doc: dict[str, list[Sourced]] = defaultdict(list)
    for s in items:
        by_doc[s.doc_id].append(s)
    units = []
    for doc_id in sorted(by_doc):
        found = sorted(by_doc[doc_id], key=lambda s: (s.event.evidence.start, s.event.id))
        filled = fill_document([s.event for s in found], found[0].language, found[0].published)
        found = [replace(s, event=e) for s, e in zip(found, filled, strict=True)]
        by_id = {s.event.id: s for s in found}
        for entry in merge([s.event for s in found]):
            members = tuple(by_id[i] for i in entry.events)
            units.append(_unit(doc_id, members, entry.date, entry.date_from))
    units.sort(key=Unit.order)
    return units


def _unit(doc_id: str, members: tuple[Sourced, ...], d: DateInfo, date_from: str | None) -> Unit:
    events = [m.event for m in members]
    published = members[0].published
    pairs = actor_pairs(events)
    months = _key_months(d, published)
    counts: dict[str, int] = defaultdict(int)
    for e in events:
        counts[e.type] += 1
    main_type = min(counts, key=lambda t: (-counts[t], t))
    ident = _digest([f"{doc_id}:{e.id}" for e in events])
    return Unit(id=f"u-{ident}", doc_id=doc_id, published=published, members=members,
                type=main_type, status=events[0].status, date=d, date_from=date_from,
                again=any(e.again for e in events), pairs=pairs,
                keys=frozenset(f"{p}@{m}" for p in pairs for m in months))


def components(units: Sequence[Unit]) -> list[list[Unit]]:
    """Units linked by shared block keys; each list can be merged on its own."""
    parent = list(range(len(units)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    for i, u in enumerate(units):
        for k in sorted(u.keys):
            if k in owner:
                a, b = find(i), find(owner[k])
                if a != b:
                    parent[max(a, b)] = min(a, b)
            else:
                owner[k] = i
    groups: dict[int, list[Unit]] = defaultdict(list)
    for i, u in enumerate(units):
        groups[find(i)].append(u)
    return [sorted(g, key=Unit.order) for _, g in sorted(groups.items())]


# merging ---------------------------------------------------------------------------------------

@dataclass
class _Cluster:
    order: int
    units: list[Unit] = field(default_factory=list)
    date: DateInfo = DateInfo()
    date_from: str | None = None
    keys: set[str] = field(default_factory=set)

    @property
    def first(self) -> Unit:
        return self.units[0]

    def pairs(self) -> set[str]:
        return {p for u in self.units for p in u.pairs}

    def fits(self, u: Unit) -> DateInfo | None:
        """The merged date if `u` may join, else None."""
        first = self.first
        if u.status != first.status or u.again or any(x.again for x in self.units):
            return None
        if any(x.doc_id == u.doc_id for x in self.units):
            return None
        if not types_compatible(first, u) or not (self.pairs() & u.pairs):
            return None
        return _intersect(self.date, u.date)

    def add(self, u: Unit, d: DateInfo) -> None:
        if not self.units or _width(d) < _width(self.date):
            self.date_from = u.date_from
        self.units.append(u)
        self.date = d
        self.keys.update(u.keys)


def merge_across(items: Iterable[Sourced], *,
                 duplicate_of: Mapping[str, str] | None = None
                 ) -> tuple[list[StoryEntry], list[Conflict]]:
    """Entries and conflicts from the events of many documents (see the module docstring)."""
    return merge_units(doc_units(items), duplicate_of=duplicate_of)


def merge_units(units: Iterable[Unit], *, duplicate_of: Mapping[str, str] | None = None
                ) -> tuple[list[StoryEntry], list[Conflict]]:
    """Merge units of many documents into entries; flag the conflicts among the entries."""
    ordered = sorted(units, key=Unit.order)
    clusters: list[_Cluster] = []
    index: dict[str, list[_Cluster]] = defaultdict(list)
    for u in ordered:
        seen: dict[int, _Cluster] = {}
        for k in sorted(u.keys):
            for c in index.get(k, ()):
                seen[c.order] = c
        cluster, d = _choose(u, [seen[i] for i in sorted(seen)])
        if cluster is None:
            cluster = _Cluster(order=len(clusters))
            clusters.append(cluster)
            d = u.date
        cluster.add(u, d)
        for k in u.keys:
            if cluster not in index[k]:
                index[k].append(cluster)
    canon = _canonical(duplicate_of or {})
    drafts = [_draft(c, canon) for c in clusters]
    conflicts = find_conflicts(drafts)
    involved: dict[str, list[str]] = defaultdict(list)
    for c in conflicts:
        for s in c.sides:
            involved[s.entry].append(c.id)
    entries = [replace(e, conflicts=tuple(sorted(involved.get(e.id, ()))),
                       confidence=confidence(e.evidence, contradicted=e.id in involved))
               for e in drafts]
    return sort_story(entries), conflicts


def _choose(u: Unit, candidates: list[_Cluster]) -> tuple[_Cluster | None, DateInfo]:
    fits = [(c, d) for c in candidates if (d := c.fits(u)) is not None]
    if not u.open:  # (units are placed precise first: every cluster so far is dated)
        if not fits:
            return None, u.date
        best = min(fits, key=lambda cd: (-len(cd[0].pairs() & u.pairs), _width(cd[1]),
                                         cd[0].order))
        return best
    dated = [(c, d) for c, d in fits if not _is_open(c.date)]
    if u.published is not None:
        lo = u.published - timedelta(days=RECENT_WINDOW_DAYS)
        dated = [(c, d) for c, d in dated if lo <= c.date.latest <= u.published]
    else:
        dated = []
    if dated:
        return max(dated, key=lambda cd: (cd[0].date.latest, -cd[0].order))
    opened = [(c, d) for c, d in fits if _is_open(c.date)]
    if opened:
        return min(opened, key=lambda cd: cd[0].order)
    return None, u.date


def _canonical(duplicate_of: Mapping[str, str]):
    def canon(doc_id: str) -> str:
        seen = {doc_id}
        while doc_id in duplicate_of and duplicate_of[doc_id] not in seen:
            doc_id = duplicate_of[doc_id]
            seen.add(doc_id)
        return doc_id
    return canon


def _evidence(s: Sourced, canon) -> Evidence:
    e = s.event
    speaker = e.attribution.speaker.name if e.attribution and e.attribution.speaker else None
    return Evidence(
        event_id=e.id, doc_id=s.doc_id, source=canon(s.doc_id), language=s.language,
        published=s.published, uri=s.uri, type=e.type, status=e.status,
        sentence=e.evidence.text, start=e.evidence.start, end=e.evidence.end,
        trigger=e.trigger.text, speaker=speaker,
        said=e.attribution.said if e.attribution else None, basis=e.date.basis,
        earliest=e.date.earliest, latest=e.date.latest, hedged=e.hedged, rule=e.rule)


def _draft(c: _Cluster, canon) -> StoryEntry:
    members = [m for u in c.units for m in u.members]
    evidence = tuple(sorted((_evidence(m, canon) for m in members),
                            key=lambda v: (v.published or date.max, v.doc_id, v.start,
                                           v.event_id)))
    events = [m.event for m in members]
    sources = _union(e.sources for e in events)
    source_ids = {_key(a) for a in sources}
    targets = tuple(a for a in _union(e.targets for e in events) if _key(a) not in source_ids)
    counts: dict[str, int] = defaultdict(int)
    for u in c.units:
        counts[u.type] += 1
    main_type = min(counts, key=lambda t: (-counts[t], t))
    status = c.first.status
    ident = _digest([f"{v.doc_id}:{v.event_id}" for v in evidence])
    return StoryEntry(
        id=f"st-{ident}", type=main_type, status=status, sources=sources, targets=targets,
        date=c.date, evidence=evidence, hedged=all(v.hedged for v in evidence),
        confidence=confidence(evidence), summary=summary(main_type, status, sources, targets),
        date_from=c.date_from, n_sources=len({source_key(v) for v in evidence}),
        blocks=tuple(sorted(c.keys)), location=best_location(events))


def _union(groups: Iterable[Sequence[Actor]]) -> tuple[Actor, ...]:
    out: dict[str, Actor] = {}
    for group in groups:
        for a in group:
            out.setdefault(_key(a), a)
    return tuple(sorted(out.values(), key=lambda a: (_key(a), a.name)))


def _digest(parts: Iterable[str]) -> str:
    return hashlib.sha256("|".join(sorted(parts)).encode()).hexdigest()[:16]


def sort_story(entries: Iterable[StoryEntry]) -> list[StoryEntry]:
    return sorted(entries, key=lambda e: (not e.date.dated, e.date.earliest or date.max,
                                          e.date.latest or date.max, e.id))


# confidence ------------------------------------------------------------------------------------

def source_key(v: Evidence) -> str:
    """What makes a source independent: the named speaker if there is one (two papers quoting
    the Pentagon are one source), else the document after following `duplicate_of`."""
    return f"speaker:{v.speaker}" if v.speaker else f"doc:{v.source}"


def support(v: Evidence) -> float:
    """How much one report supports its event: a named speaker 0.8, the reporter's own voice
    0.7; hedged wording ("reportedly", "may have") halves it."""
    s = SUPPORT_NAMED if v.speaker else SUPPORT_REPORTER
    return s * HEDGE_FACTOR if v.hedged else s


def confidence(evidence: Iterable[Evidence], *, contradicted: bool = False) -> float:
    """1 − Π(1 − s) over independent sources, s the best support of each source's reports;
    × 0.7 when another entry contradicts it; at most 0.99, rounded to 2 places.

    One unhedged reporter: 0.70. Two independent ones: 0.91. One hedged: 0.35.
    """
    best: dict[str, float] = {}
    for v in evidence:
        k = source_key(v)
        best[k] = max(best.get(k, 0.0), support(v))
    miss = 1.0
    for s in best.values():
        miss *= 1.0 - s
    c = 1.0 - miss
    if contradicted:
        c *= CONTRADICTED_FACTOR
    return round(min(MAX_CONFIDENCE, c), 2)


# conflicts -------------------------------------------------------------------------------------

@cache
def _rules() -> dict:
    return load_rules("kronika.timeline", "conflicts.yaml")


def date_rule() -> dict:
    return _rules()["date"]


def _pairs_of(e: StoryEntry) -> set[str]:
    return {b.rsplit("@", 1)[0] for b in e.blocks}


def _side(e: StoryEntry) -> ConflictSide:
    said = tuple(sorted({v.speaker or "reporter" for v in e.evidence}))
    return ConflictSide(e.id, e.status, e.date, said, e.documents)


def _types_match(a: StoryEntry, b: StoryEntry, types: Sequence[str]) -> bool:
    if a.type == b.type:
        return True
    return bool(types) and a.type in types and b.type in types


def _near(a: StoryEntry, b: StoryEntry) -> bool:
    """Dated entries meet when their intervals intersect; an open one meets the entries that
    ended in the recent window before its earliest report."""
    if _intersect(a.date, b.date) is None:
        return False
    for x, y in ((a, b), (b, a)):
        if _is_open(x.date) and not _is_open(y.date):
            pub = min((v.published for v in x.evidence if v.published), default=None)
            if pub is None or not (pub - timedelta(days=RECENT_WINDOW_DAYS) <= y.date.latest
                                   <= pub):
                return False
    return True


def find_conflicts(entries: Sequence[StoryEntry]) -> list[Conflict]:
    """Pairs of entries that contradict each other, by the rules of `conflicts.yaml`."""
    rules = _rules()
    by_pair: dict[str, list[StoryEntry]] = defaultdict(list)
    for e in entries:
        for p in _pairs_of(e):
            if not p.endswith("|"):
                by_pair[p].append(e)
    found: dict[str, Conflict] = {}
    for p in sorted(by_pair):
        group = sorted(by_pair[p], key=lambda e: e.id)
        for a, b in combinations(group, 2):
            if not set(a.blocks) & set(b.blocks):
                continue
            c = _status_conflict(a, b, rules["status"]) or _date_conflict(a, b, rules["date"])
            if c is not None:
                found.setdefault(c.id, c)
    return [found[k] for k in sorted(found)]


def _status_conflict(a: StoryEntry, b: StoryEntry, rules: list[dict]) -> Conflict | None:
    if a.status == b.status or not _near(a, b):
        return None
    for r in rules:
        for x, y in ((a, b), (b, a)):
            if x.status not in r["a"] or y.status not in r["b"]:
                continue
            if not _types_match(x, y, r.get("types", [])):
                continue
            if r.get("same_day") and not (_day(x.date) and _day(x.date) == _day(y.date)):
                continue
            note = (f"{x.summary} [{_said(x)}] vs {y.summary} [{_said(y)}]")
            return _conflict("status", r["name"], x, y, note)
    return None


def _date_conflict(a: StoryEntry, b: StoryEntry, rule: dict) -> Conflict | None:
    if a.type != b.type or a.status != b.status:
        return None
    da, db = _day(a.date), _day(b.date)
    if not da or not db or da == db or abs((da - db).days) > rule["max_days_apart"]:
        return None
    if set(a.documents) & set(b.documents):
        return None  # one article tells both: two events
    later = max(da, db)
    if not all(any(v.published and v.published >= later for v in e.evidence) for e in (a, b)):
        return None  # a report out before the other day cannot be a misdated report of it
    first, second = sorted((a, b), key=lambda e: e.date.earliest)
    note = (f"one {first.type.lower()} between the same actors dated {_day(first.date)} "
            f"[{_said(first)}] and {_day(second.date)} [{_said(second)}]")
    return _conflict("date", "date-disagreement", first, second, note)


def _day(d: DateInfo) -> date | None:
    return d.earliest if d.dated and d.earliest == d.latest else None


def _said(e: StoryEntry) -> str:
    return ", ".join(_side(e).said_by)


def _conflict(kind: str, rule: str, x: StoryEntry, y: StoryEntry, note: str) -> Conflict:
    ident = _digest([kind, x.id, y.id])
    sides = tuple(sorted((_side(x), _side(y)), key=lambda s: s.entry))
    return Conflict(id=f"cf-{ident}", kind=kind, rule=rule, sides=sides, note=note)


# JSON ------------------------------------------------------------------------------------------

def evidence_from_dict(d: dict[str, Any]) -> Evidence:
    return Evidence(
        event_id=d["event"], doc_id=d["document"], source=d["source"], language=d["language"],
        published=parse_iso(d.get("published")), uri=d.get("uri"), type=d["type"],
        status=d["status"], sentence=d["sentence"], start=d["start"], end=d["end"],
        trigger=d.get("trigger", ""), speaker=d.get("speaker"), said=parse_iso(d.get("said")),
        basis=d.get("basis", "unknown"), earliest=parse_iso(d.get("earliest")),
        latest=parse_iso(d.get("latest")), hedged=d.get("hedged", False), rule=d.get("rule", ""))


def story_entry_from_dict(d: dict[str, Any]) -> StoryEntry:
    return StoryEntry(
        id=d["id"], type=d["type"], status=d["status"],
        sources=tuple(Actor(**a) for a in d.get("sources", [])),
        targets=tuple(Actor(**a) for a in d.get("targets", [])),
        date=date_from_dict(d.get("date", {})),
        evidence=tuple(evidence_from_dict(v) for v in d.get("evidence", [])),
        hedged=d.get("hedged", False), confidence=d.get("confidence", 0.5),
        summary=d.get("summary", ""), date_from=d.get("date_from"),
        n_sources=d.get("n_sources", 1), conflicts=tuple(d.get("conflicts", [])),
        blocks=tuple(d.get("blocks", [])), location=d.get("location"))


def conflict_from_dict(d: dict[str, Any]) -> Conflict:
    sides = tuple(ConflictSide(s["entry"], s["status"], date_from_dict(s["date"]),
                               tuple(s["said_by"]), tuple(s["documents"])) for s in d["sides"])
    return Conflict(d["id"], d["kind"], d["rule"], sides, d["note"])
