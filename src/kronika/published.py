"""Publication dates you can defend: every candidate, where it came from, and why one won.

A page can say when it was published in several places: what the user or the container gave
(`given`: `--published`, a JSON line's field), the page's metadata (meta tags, JSON-LD, `<time>`),
its URL (`/2022/05/13/`), the article's first lines (the dateline), a feed entry's date (`feed`)
and the crawl (`warc-date`). They are trusted in that order (`SOURCES`); the first candidate that
passes the sanity checks is `published`, and the others are kept as the losing candidates.

Sanity checks flag, they never fix silently (each `Flag` has a code and a sentence):

    future                  after the time of ingest (or of the crawl): rejected, never accepted
    before-floor            before the configurable floor (`Policy.floor`): rejected
    url-contradicts-metadata  the URL's date is another day than the metadata's: metadata kept
    crawl-date-only         only the crawl date is known: it never passes for the article date
    missing                 no date at all

A date the caller gives (`given`) is flagged like the others but still used: the caller vouches
for it. A `warc-date` candidate is never accepted as the article's date; it bounds "now" instead (a
page crawled on D was published on or before D). A date with a flag (`flagged`) still anchors
relative expressions, but their `anchor_basis` says `published-flagged`.

Times and zones: a candidate keeps the article's own clock time and UTC offset when the source
gives one ("2022-05-13T01:30:00+03:00"); the day of `published` is the day in the article's own
zone, so "today" and "yesterday" count from the reader's calendar in that zone, not from UTC.
`Publication.utc` is the instant in UTC and `offset` the original offset (`+03:00`).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

#: Sources of a publication date, most trusted first.
SOURCES = ("given", "metadata", "url", "text", "feed", "warc-date")
#: Flags a publication date can carry.
FLAGS = ("future", "before-floor", "url-contradicts-metadata", "crawl-date-only", "missing")
#: Flags that reject a candidate (it is kept among the losers, never accepted).
REJECTING = frozenset({"future", "before-floor"})
#: Flags that mark the accepted date as doubtful (relative expressions still count from it,
#: and say so).
DOUBTFUL = frozenset({"url-contradicts-metadata"})
#: The earliest plausible publication date of a web news page, by default: the first news sites
#: went online in 1994. Archives of older print articles set their own floor (`Policy.floor`).
DEFAULT_FLOOR = date(1994, 1, 1)
#: The latest zone on Earth is UTC+14: a date-only candidate is in the future when its day has
#: not begun anywhere yet at the time of ingest.
MAX_OFFSET = timedelta(hours=14)


@dataclass(frozen=True, slots=True)
class Candidate:
    """One place that says when the article was published.

    `value` is the day in the article's own zone; `time` ("HH:MM:SS") and `offset` ("+03:00")
    are set when the source gives a clock time; `evidence` names what was read (a meta tag, the
    URL, the dateline's words).
    """

    source: str
    value: date
    time: str | None = None
    offset: str | None = None
    evidence: str = ""

    @property
    def utc(self) -> datetime | None:
        """The instant in UTC, when the candidate has a time and an offset."""
        if self.time is None or self.offset is None:
            return None
        local = datetime.fromisoformat(f"{self.value.isoformat()}T{self.time}{self.offset}")
        return local.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Flag:
    """A sanity check that failed: `flag` is one of `FLAGS`, `reason` says what and why."""

    flag: str
    reason: str
    source: str | None = None  # the candidate it is about


@dataclass(frozen=True, slots=True)
class Publication:
    """The accepted publication date and everything that was weighed to choose it."""

    value: date | None = None
    source: str | None = None
    time: str | None = None
    offset: str | None = None
    zone: str | None = None  # IANA zone of the article when known (a dateline city)
    flags: tuple[Flag, ...] = ()
    candidates: tuple[Candidate, ...] = ()  # the ones that lost, in order of trust
    evidence: str = ""  # what the accepted date was read from

    @property
    def utc(self) -> datetime | None:
        if self.value is None:
            return None
        return Candidate("x", self.value, self.time, self.offset).utc

    @property
    def flagged(self) -> bool:
        """The accepted date carries a doubt (relative expressions must say so): it contradicts
        another source, or it failed a check and was used only because the caller gave it."""
        return self.value is not None and any(
            f.flag in DOUBTFUL or (f.source == self.source and f.flag in REJECTING)
            for f in self.flags)

    def weighed(self) -> tuple[Candidate, ...]:
        """Every candidate that was weighed: the winner first, then the losers."""
        if self.value is None:
            return self.candidates
        won = Candidate(self.source, self.value, self.time, self.offset, self.evidence)
        return (won, *self.candidates)

    def to_dict(self) -> dict[str, Any]:
        utc = self.utc
        return {
            "date": self.value.isoformat() if self.value else None,
            "source": self.source, "time": self.time, "offset": self.offset,
            "utc": utc.strftime("%Y-%m-%dT%H:%M:%SZ") if utc else None,
            "zone": self.zone, "evidence": self.evidence,
            "flags": [{"flag": f.flag, "reason": f.reason, "source": f.source}
                      for f in self.flags],
            "candidates": [{"source": c.source, "date": c.value.isoformat(), "time": c.time,
                            "offset": c.offset, "evidence": c.evidence}
                           for c in self.candidates],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Publication:
        return cls(
            value=date.fromisoformat(d["date"]) if d.get("date") else None,
            source=d.get("source"), time=d.get("time"), offset=d.get("offset"),
            zone=d.get("zone"), evidence=d.get("evidence", ""),
            flags=tuple(Flag(f["flag"], f["reason"], f.get("source"))
                        for f in d.get("flags", [])),
            candidates=tuple(Candidate(c["source"], date.fromisoformat(c["date"]), c.get("time"),
                                       c.get("offset"), c.get("evidence", ""))
                             for c in d.get("candidates", [])),
        )


@dataclass(frozen=True)
class Policy:
    """The sanity checks' settings: `floor` (earliest plausible day) and `now` (the time of
    ingest; None: the clock when `decide` runs)."""

    floor: date = DEFAULT_FLOOR
    now: datetime | None = None


def _rank(c: Candidate) -> int:
    return SOURCES.index(c.source)


def _future(c: Candidate, now: datetime) -> bool:
    utc = c.utc
    if utc is not None:
        return utc > now
    return c.value > (now + MAX_OFFSET).date()


def decide(candidates: Iterable[Candidate], policy: Policy = Policy(), *,
           zone: str | None = None) -> Publication:
    """The most trusted candidate that passes the checks, with the flags and the losers."""
    found = sorted(candidates, key=_rank)  # stable: within a source, the first found first
    now = policy.now or datetime.now(UTC)
    crawled = [c.utc or datetime(c.value.year, c.value.month, c.value.day, 23, 59, tzinfo=UTC)
               + MAX_OFFSET for c in found if c.source == "warc-date"]
    bound = min([now, *crawled])
    when = "the crawl" if crawled and bound < now else "ingest"
    flags: list[Flag] = []
    chosen: Candidate | None = None
    for c in found:
        if c.source == "warc-date":
            continue
        vouched = c.source == "given"  # the caller's own date: flagged, still used
        used = "it was used as given" if vouched else "it was not used"
        if _future(c, bound):
            flags.append(Flag("future", f"the {c.source} date {c.value} is after the time of "
                                        f"{when}; {used}", c.source))
            if not vouched:
                continue
        elif c.value < policy.floor:
            flags.append(Flag("before-floor", f"the {c.source} date {c.value} is before "
                                              f"{policy.floor}, the earliest plausible date; "
                                              f"{used} (set another floor for old archives)",
                              c.source))
            if not vouched:
                continue
        if chosen is None:
            chosen = c
    meta = next((c for c in found if c.source == "metadata"), None)
    url = next((c for c in found if c.source == "url"), None)
    if meta and url and meta.value != url.value and chosen in (meta, url):
        flags.append(Flag("url-contradicts-metadata",
                          f"the URL says {url.value} but the metadata says {meta.value}; the "
                          f"metadata was kept", "url"))
    if chosen is None:
        if crawled:
            flags.append(Flag("crawl-date-only", "only the crawl date (WARC-Date) is known, and "
                                                 "a crawl date never passes for the article's "
                                                 "date", "warc-date"))
        flags.append(Flag("missing", "no usable publication date in the page, its URL, its "
                                     "first lines or its container; give one with --published",
                          None))
        return Publication(zone=zone, flags=tuple(flags), candidates=tuple(found))
    return Publication(chosen.value, chosen.source, chosen.time, chosen.offset, zone,
                       tuple(flags), tuple(c for c in found if c is not chosen),
                       chosen.evidence)


def with_default(pub: Publication | None, default: date, policy: Policy = Policy()
                 ) -> Publication:
    """`pub` when it has a date; else the decision again with the caller's fallback date
    (`kronika ingest --published`) as a `given` candidate."""
    if pub is not None and pub.value is not None:
        return pub
    losers = pub.candidates if pub else ()
    return decide([*losers, Candidate("given", default, evidence="--published (fallback)")],
                  policy, zone=pub.zone if pub else None)


def in_zone(c: Candidate, zone: str | None) -> Candidate:
    """A UTC-stamped candidate ("...Z") restated in the article's own zone, when it is known:
    the day is then the day where the article was written."""
    if zone is None or c.offset not in ("+00:00", "Z") or c.time is None:
        return c
    from zoneinfo import ZoneInfo

    local = c.utc.astimezone(ZoneInfo(zone))
    return replace(c, value=local.date(), time=local.strftime("%H:%M:%S"),
                   offset=format_offset(local.utcoffset()))


def format_offset(delta: timedelta | None) -> str | None:
    """timedelta(hours=3) → "+03:00"; timedelta(hours=-4, minutes=-30) → "-04:30"."""
    if delta is None:
        return None
    minutes = int(delta.total_seconds() // 60)
    sign = "-" if minutes < 0 else "+"
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h:02d}:{m:02d}"


def parse_instant(value: str) -> tuple[date, str | None, str | None] | None:
    """An ISO 8601 date or date-time as (day, "HH:MM:SS" or None, offset or None); None if it
    is not ISO. The day is the one written (the article's local day)."""
    text = value.strip()
    if len(text) < 10:
        return None
    try:
        if len(text) == 10:
            return date.fromisoformat(text), None, None
        dt = datetime.fromisoformat(text.replace("z", "Z"))
    except ValueError:
        return None
    offset = format_offset(dt.utcoffset()) if dt.tzinfo else None
    return dt.date(), dt.strftime("%H:%M:%S"), offset


def fixed_zone(offset: str) -> timezone:
    sign = -1 if offset.startswith("-") else 1
    h, m = int(offset[1:3]), int(offset[4:6])
    return timezone(sign * timedelta(hours=h, minutes=m))


__all__ = ["DEFAULT_FLOOR", "FLAGS", "SOURCES", "Candidate", "Flag", "Policy", "Publication",
           "decide", "in_zone", "parse_instant", "with_default"]
