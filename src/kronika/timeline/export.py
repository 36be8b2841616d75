"""A GDELT-style event table: one row per event mention, with its entry, CAMEO code and source.

For users who feed other tools (GDELT 2.0 event files have the same spirit: one row per event,
actor codes, a CAMEO code, a date, the source URL). The column names follow GDELT's where the
meaning is the same; kronika adds the PLOVER type, status, entry id and evidence. Actor codes are
the actor's ISO alpha-3 country (CAMEO role suffixes such as GOV or MIL are not derived); the
actor's name and kronika id are in their own columns. `kronika export --format gdelt` writes it.

    with Store("news.duckdb", read_only=True) as store:
        for row in gdelt_rows(store):
            ...
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import cache
from typing import Any

from kronika.document import Actor, Event
from kronika.rules import load_rules
from kronika.timeline.corpus import Evidence, StoryEntry

GDELT_COLUMNS = (
    "GLOBALEVENTID", "SQLDATE", "DateEarliest", "DateLatest", "DateBasis",
    "Actor1Code", "Actor1Name", "Actor1CountryCode", "Actor1KronikaId",
    "Actor2Code", "Actor2Name", "Actor2CountryCode", "Actor2KronikaId",
    "IsRootEvent", "EventCode", "EventRootCode", "QuadClass", "PloverType", "Status",
    "Hedged", "Confidence", "NumSources", "NumArticles", "EntryId", "DocumentId", "Language",
    "DATEADDED", "SOURCEURL", "Evidence",
)


@cache
def cameo() -> dict[str, dict[str, Any]]:
    return load_rules("kronika.timeline", "cameo.yaml")


def _actor_cols(a: Actor | None) -> list[Any]:
    if a is None:
        return [None, None, None, None]
    return [a.country, a.name, a.country, a.id]


def gdelt_row(entry: StoryEntry, v: Evidence, event: Event | None) -> dict[str, Any]:
    """The row of one supporting event of an entry (the event itself gives the actors when
    known; else the entry's first source and target)."""
    code = cameo().get(entry.type, {})
    src = (event.sources if event else entry.sources) or entry.sources
    tgt = (event.targets if event else entry.targets) or entry.targets
    d = entry.date
    day = d.earliest.strftime("%Y%m%d") if d.dated and d.earliest == d.latest else None
    values = [
        v.event_id, day, d.earliest and d.earliest.isoformat(),
        d.latest and d.latest.isoformat(), d.basis,
        *_actor_cols(src[0] if src else None), *_actor_cols(tgt[0] if tgt else None),
        int(v.event_id == entry.date_from or (entry.date_from is None
                                              and v is entry.evidence[0])),
        code.get("code"), code.get("root"), code.get("quad"), entry.type, v.status,
        v.hedged, entry.confidence, entry.n_sources, len(entry.documents), entry.id, v.doc_id,
        v.language, v.published and v.published.strftime("%Y%m%d"), v.uri, v.sentence,
    ]
    return dict(zip(GDELT_COLUMNS, values, strict=True))


def gdelt_rows(store) -> Iterator[dict[str, Any]]:
    """Every event of the store's corpus timeline as a GDELT-style row, entries in date order."""
    events = {e.id: e for _, e in store.events()}
    for entry in store.timeline():
        for v in entry.evidence:
            yield gdelt_row(entry, v, events.get(v.event_id))
