"""Choose the place a mention means among the gazetteer's places of that name.

The rules, in order (the location's `resolved_by` names the one that decided):

1. `unique`: the name means one place.
2. `qualifier`: "Paris, Texas", "Ukraine's Zaporizhzhia region": the place inside the qualifier.
3. `prominent`: one place of the name is a large city or region (`PROMINENT_POPULATION`) at
   least `PROMINENT_RATIO` times larger than every other, and the name is its own (not an
   alternate name of it while another place bears it): Paris is in France, but "New Delhi"
   is New Delhi, not Delhi, which GeoNames also calls so.
4. `context`: places in a country the document names elsewhere (its other, unambiguous places
   and its dateline) come first: «Донецк» in a report about Ukraine is the Ukrainian city.
5. `population`: a place's own name before an alternate name, then the largest.

The places not chosen are kept as `alternatives`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from kronika.places.finder import PlaceMention
from kronika.places.gazetteer import Gazetteer, Place

#: A place this large, and `PROMINENT_RATIO` times larger than any other of its name, wins
#: without context. Set by hand on the gold sentences (tests/data/places.*.txt); re-run
#: `kronika eval places` if changed.
PROMINENT_POPULATION = 500_000
PROMINENT_RATIO = 10
#: How many other places of the name a location keeps as alternatives.
MAX_ALTERNATIVES = 4


@dataclass(frozen=True, slots=True)
class Resolved:
    mention: PlaceMention
    place: Place
    resolved_by: str
    alternatives: tuple[Place, ...] = ()


def candidates(mention: PlaceMention, gaz: Gazetteer) -> list[Place]:
    seen: dict[str, Place] = {}
    for key in mention.keys:
        for p in gaz.candidates(key):
            seen.setdefault(p.id, p)
    return list(seen.values())


def country_context(mentions: Sequence[PlaceMention], gaz: Gazetteer) -> Counter[str]:
    """Countries the document names without ambiguity: places of one country, and datelines."""
    out: Counter[str] = Counter()
    for m in mentions:
        countries = {p.country for p in candidates(m, gaz) if p.country}
        if len(countries) == 1:
            out[countries.pop()] += 2 if m.dateline else 1
    return out


def resolve(mentions: Sequence[PlaceMention], gaz: Gazetteer) -> list[Resolved]:
    context = country_context(mentions, gaz)
    return [r for m in mentions if (r := resolve_one(m, gaz, context)) is not None]


def resolve_one(m: PlaceMention, gaz: Gazetteer, context: Counter[str]) -> Resolved | None:
    found = candidates(m, gaz)
    if not found:
        return None
    by_size = sorted(found, key=lambda p: (-p.population, p.id))
    if len(found) == 1:
        return Resolved(m, found[0], "unique")
    if m.qualifier:
        inside = _inside(found, gaz.candidates(m.qualifier))
        if inside:
            best = max(inside, key=lambda p: (p.population, p.id))
            return _with_alternatives(m, best, "qualifier", by_size)
    key = m.keys[0]
    top, second = by_size[0], by_size[1]
    own_name = gaz.is_primary(key, top) or not any(gaz.is_primary(key, p) for p in found)
    if own_name and top.population >= PROMINENT_POPULATION and \
            top.population >= PROMINENT_RATIO * max(second.population, 1):
        return _with_alternatives(m, top, "prominent", by_size)

    def rank(p: Place) -> tuple:
        return (context.get(p.country or "", 0) > 0, gaz.is_primary(key, p), p.population, p.id)

    best = max(found, key=rank)
    plain = max(found, key=lambda p: rank(p)[1:])
    how = "context" if best.id != plain.id else "population"
    return _with_alternatives(m, best, how, by_size)


def _inside(found: list[Place], qualifiers: list[Place]) -> list[Place]:
    out = []
    for q in qualifiers:
        if q.feature == "A" and q.admin1 is None:      # a country
            out += [p for p in found if p.country == q.country and p.id != q.id]
        elif q.admin1:                                  # a region: Texas, an oblast
            out += [p for p in found if p.admin1 == q.admin1 and p.id != q.id]
    return out


def _with_alternatives(m: PlaceMention, best: Place, how: str,
                       by_size: list[Place]) -> Resolved:
    others = tuple(p for p in by_size if p.id != best.id)[:MAX_ALTERNATIVES]
    return Resolved(m, best, how, others)
