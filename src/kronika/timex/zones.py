"""Clock times as instants: the article's zone, or the zone the text names after the time.

"yesterday at 11 pm" in an article written in Moscow is 23:00 Moscow time; "11 p.m. EDT" and
"8 a.m. Washington time" name their own zone. A TIME expression with a clock time gets `utc`,
the UTC instant, when a zone is known: the zone named after it (`rules/zones.yaml`), else the
article's zone (its dateline city, `Publication.zone`), else the fixed offset its publication
time carried. Zones with daylight-saving time are resolved on the expression's own day (an
IANA zone, `zoneinfo`), so a time the day after a clock change gets the new offset. "local
time" is the place of the event, which kronika does not know: no `utc` then.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kronika.document import Timex
from kronika.published import Publication, fixed_zone
from kronika.rules import load_rules

_CLOCK = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(Z?)$")
#: The clock time itself at the start of a TIME expression (its zone words follow).
_DIGITS = re.compile(r"\d{1,4}(?:[:.]\d\d)?(?:\s*[ap]\.?\s?m\.?(?!\w))?", re.IGNORECASE)
#: How far after a clock time its zone words may start.
ZONE_WINDOW = 40


@cache
def _rules() -> tuple[tuple[str, re.Pattern], dict[str, str], dict[str, str]]:
    data = load_rules("kronika.timex.rules", "zones.yaml")
    abbr = {form.lower(): zone for zone, forms in data["abbreviations"].items() for form in forms}
    words = "|".join(sorted((re.escape(f) for forms in data["abbreviations"].values()
                             for f in forms), key=len, reverse=True))
    rules = tuple((r["name"], re.compile(r["pattern"].replace("{abbreviations}", words)))
                  for r in data["rules"])
    adjectives = {form: city for city, forms in data["ru_adjectives"].items() for form in forms}
    return rules, abbr, adjectives


def named_zone(text: str, end: int) -> tuple[str | None, str | None]:
    """(zone, rule) named right after a clock time ending at `end`; ("local", rule) for
    "local time"; (None, None) when the text names none."""
    from kronika.extract.dates import city_zones

    rules, abbr, adjectives = _rules()
    window = text[end:end + ZONE_WINDOW]
    for name, pattern in rules:
        m = pattern.match(window)
        if not m:
            continue
        groups = m.groupdict()
        if groups.get("abbr"):
            return abbr[groups["abbr"].lower()], name
        if groups.get("local"):
            return "local", name
        city = groups.get("city") or ""
        zone = city_zones().get(adjectives.get(city.lower(), city.lower()))
        if zone:
            return zone, name
    return None, None


def _zone(name: str) -> tzinfo | None:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def with_utc(text: str, timexes: tuple[Timex, ...] | list[Timex],
             publication: Publication | None) -> list[Timex]:
    """`timexes` with `utc` set on clock times whose zone is known."""
    out = []
    for t in timexes:
        m = _CLOCK.match(t.value or "") if t.type == "TIME" else None
        if not m:
            out.append(t)
            continue
        # the zone words may be part of the expression ("11 p.m. EDT", "18:00 local time")
        digits = _DIGITS.search(text, t.start, t.end)
        zone, _ = named_zone(text, digits.end() if digits else t.end)
        if m.group(4):
            zone = "UTC"
        if zone == "local":
            out.append(t)
            continue
        tz = _zone(zone) if zone else None
        if tz is None and publication is not None:
            if publication.zone:
                tz = _zone(publication.zone)
            elif publication.offset:
                tz = fixed_zone(publication.offset)
        if tz is None:
            out.append(t)
            continue
        local = datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}:{m.group(3)}").replace(
            tzinfo=tz)
        utc = local.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")
        out.append(replace(t, utc=utc))
    return out


def flag_anchors(timexes: list[Timex], publication: Publication | None) -> list[Timex]:
    """Relative expressions counted from a flagged publication date say so in their basis."""
    if publication is None or not publication.flagged:
        return timexes
    return [replace(t, anchor_basis="published-flagged") if t.anchor_basis == "published" else t
            for t in timexes]
