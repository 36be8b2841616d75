"""Filtering a timeline the way `kronika timeline` and the gold queries do.

Every `actors` name must take part (as source or target; matched case-insensitively against the
actor's canonical name, its words in the text, its role and its country code). `after` and
`before` are exclusive: an entry is after a date when its earliest day is later, and before a
date when its latest day is earlier; undated entries never pass a date filter. `first`/`last`
pick from the date-ordered result; `last=1` is the latest entry.

Places (the entry's `location`, see `kronika.places`): an entry passes `places` when its place
is one of them (by name in English or Russian, the words used, or gazetteer id) or lies in one
of them (a region or country the gazetteer knows: "Donetsk Oblast" takes Mariupol); `countries`
(ISO alpha-3) when its place is in one of them; `bbox` (west, south, east, north in degrees; west
greater than east crosses the antimeridian) when its point is inside. Entries without a location
never pass a place filter.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from kronika.document import Actor, Entry
from kronika.errors import BadBBoxError, UsageError
from kronika.timeline import sort_entries


def actor_matches(actor: Actor, name: str) -> bool:
    needle = name.casefold()
    fields = (actor.name, actor.text, actor.role or "", actor.country or "", actor.id or "")
    return any(needle in f.casefold() for f in fields if f)


BBox = tuple[float, float, float, float]


def parse_bbox(value: str) -> BBox:
    """`"22,44,41,53"` → (west, south, east, north), checked."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) != 4:
        raise BadBBoxError(value, f"has {len(parts)} numbers, not 4")
    try:
        west, south, east, north = (float(p) for p in parts)
    except ValueError as exc:
        raise BadBBoxError(value, "holds something that is not a number") from exc
    if not (-180 <= west <= 180 and -180 <= east <= 180):
        raise BadBBoxError(value, "has a longitude outside -180..180")
    if not (-90 <= south <= north <= 90):
        raise BadBBoxError(value, "needs -90 <= south <= north <= 90")
    return west, south, east, north


def in_bbox(location: dict | None, bbox: BBox) -> bool:
    if not location or location.get("lat") is None or location.get("lon") is None:
        return False
    west, south, east, north = bbox
    lat, lon = location["lat"], location["lon"]
    if not south <= lat <= north:
        return False
    return west <= lon <= east if west <= east else (lon >= west or lon <= east)


def place_matches(location: dict | None, name: str) -> bool:
    """Whether a location is the named place, or lies in the region or country of that name."""
    if not location:
        return False
    needle = name.casefold()
    names = location.get("names") or {}
    fields = (location.get("name"), location.get("text"), location.get("id"), names.get("en"),
              names.get("ru"))
    if any(f and needle == f.casefold() for f in fields):
        return True
    from kronika.places.gazetteer import gazetteer, normalise

    for p in gazetteer().candidates(normalise(name)):
        if p.feature in ("A", "L") and p.admin1 and p.admin1 == location.get("admin1"):
            return True
        if p.feature == "A" and p.admin1 is None and p.country == location.get("country"):
            return True
    return False


def location_passes(location: dict | None, places: Sequence[str], countries: Sequence[str],
                    bbox: BBox | None) -> bool:
    if places and not any(place_matches(location, p) for p in places):
        return False
    if countries and (not location or (location.get("country") or "").upper()
                      not in {c.upper() for c in countries}):
        return False
    return bbox is None or in_bbox(location, bbox)


def select(
    entries: Iterable[Entry],
    *,
    actors: Sequence[str] = (),
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    after: date | None = None,
    before: date | None = None,
    first: int | None = None,
    last: int | None = None,
    places: Sequence[str] = (),
    countries: Sequence[str] = (),
    bbox: BBox | None = None,
) -> list[Entry]:
    if first is not None and last is not None:
        raise UsageError("give --first or --last, not both")
    for n, what in ((first, "--first"), (last, "--last")):
        if n is not None and n < 1:
            raise UsageError(f"{what} must be 1 or more, not {n}")
    types_u = {t.upper() for t in types}
    out = []
    for e in sort_entries(entries):
        people = (*e.sources, *e.targets)
        if any(not any(actor_matches(a, name) for a in people) for name in actors):
            continue
        if types_u and e.type not in types_u:
            continue
        if statuses and e.status not in statuses:
            continue
        if after is not None and (e.date.earliest is None or e.date.earliest <= after):
            continue
        if before is not None and (e.date.latest is None or e.date.latest >= before):
            continue
        if (places or countries or bbox) and not location_passes(
                getattr(e, "location", None), places, countries, bbox):
            continue
        out.append(e)
    if first is not None:
        return out[:first]
    if last is not None:
        out.sort(key=lambda e: (e.date.latest or date.min, e.date.earliest or date.min))
        return out[-last:]
    return out


def answer(entries: Iterable[Entry], question: dict) -> Entry | None:
    """The entry a gold-file question's `filter` picks (its `pick` is `first` or `last`)."""
    from kronika.dates import parse_date

    f = question["filter"]
    pick = f.get("pick", "last")
    got = select(entries, actors=f.get("actors", []), types=f.get("types", []),
                 statuses=f.get("statuses", []),
                 after=parse_date(f["after"]) if f.get("after") else None,
                 before=parse_date(f["before"]) if f.get("before") else None,
                 first=1 if pick == "first" else None, last=1 if pick == "last" else None)
    return got[0] if got else None
