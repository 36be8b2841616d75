"""Events with coordinates as a GeoJSON FeatureCollection (RFC 7946): `kronika export
--format geojson`. One Point feature per located event of the exported timeline entries;
events without a point are left out (the collection's `kronika:skipped` counts them)."""

from __future__ import annotations

import json
from typing import Any

from kronika.plover import quad_of


def features(data) -> tuple[list[dict[str, Any]], int]:
    """(features, events skipped for want of a point) from an `export.TimelineData`."""
    out, skipped = [], 0
    for doc_id, entry in data.entries:
        for e in data.evidence(doc_id, entry):
            loc = e.location or {}
            if loc.get("lat") is None or loc.get("lon") is None:
                skipped += 1
                continue
            q = quad_of(e.type)
            out.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [loc["lon"], loc["lat"]]},
                "properties": {
                    "event": e.id, "entry": entry.id, "document": doc_id, "type": e.type,
                    "quad": q["name"] if q else None, "status": e.status,
                    "earliest": e.date.earliest.isoformat() if e.date.earliest else None,
                    "latest": e.date.latest.isoformat() if e.date.latest else None,
                    "summary": entry.summary, "trigger": e.trigger.text,
                    "sentence": e.evidence.text, "place": loc.get("name"),
                    "place_id": loc.get("id"), "country": loc.get("country"),
                    "place_text": loc.get("text"), "hedged": e.hedged,
                },
            })
    return out, skipped


def to_geojson(data) -> tuple[str, int]:
    found, skipped = features(data)
    doc = {"type": "FeatureCollection", "features": found, "kronika:skipped": skipped}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n", skipped
