"""Places: where each event happened, resolved to a gazetteer entry with a point on the map.

Runs after the events stage. Three steps, each in its own module:

    mentions = find_mentions(doc, gazetteer())     # finder.py: named rules, rules.<lang>.yaml
    resolved = resolve(mentions, gazetteer())      # resolve.py: which "Paris"
    attached = attach(triggers, resolved, ...)     # attach.py: which place locates which event

Each event's `location` (CONTRACT's LOCATION, extended) is then

    {"text", "start", "end", "name", "names": {"en", "ru"}, "id", "country", "admin1",
     "lat", "lon", "feature", "rule", "attached", "resolved_by", "alternatives": [...]}

`rule` is the finder rule, `attached` how the place was tied to the event (clause, sentence,
dateline), `resolved_by` the resolution rule; `alternatives` are the other places of the name.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from kronika.document import Document
from kronika.places.attach import Attachment, attach
from kronika.places.finder import PlaceMention, find_mentions
from kronika.places.gazetteer import Gazetteer, Place, gazetteer
from kronika.places.resolve import Resolved, resolve

__all__ = ["Places", "locate", "location_dict", "find_mentions", "gazetteer", "PlaceMention",
           "Place", "Gazetteer"]


class Places:
    """Set each event's `location`: the place its clause names, else the dateline's, else none."""

    name = "places"
    reads = ("text", "sentences", "timexes", "mentions", "events", "language")
    adds = ("locations",)

    def __call__(self, doc: Document) -> Document:
        if not doc.events:
            return doc
        found = locate(doc, [(e.trigger.start, e.trigger.end) for e in doc.events])
        events = tuple(replace(e, location=loc) for e, loc in zip(doc.events, found, strict=True))
        return doc.with_layers(events=events)


def locate(doc: Document, triggers: Sequence[tuple[int, int]]) -> list[dict[str, Any] | None]:
    """The location of each trigger span (an event), as the JSON `location` object."""
    gaz = gazetteer()
    places = resolve(find_mentions(doc, gaz), gaz)
    return [location_dict(a) if a else None
            for a in attach(triggers, places, doc.sentences, doc.text, doc.language)]


def place_dict(p: Place) -> dict[str, Any]:
    return {"id": p.id, "name": p.name_en, "country": p.country, "population": p.population}


def location_dict(a: Attachment) -> dict[str, Any]:
    r: Resolved = a.place
    p, m = r.place, r.mention
    return {
        "text": m.text, "start": m.start, "end": m.end,
        "name": p.name_en, "names": {"en": p.name_en, "ru": p.name_ru},
        "id": p.id, "country": p.country, "admin1": p.admin1, "lat": p.lat, "lon": p.lon,
        "feature": p.feature, "rule": m.rule, "attached": a.how, "resolved_by": r.resolved_by,
        "alternatives": [place_dict(x) for x in r.alternatives],
    }
