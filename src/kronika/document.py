"""The typed document that flows through the pipeline, and its JSON form.

Every span is a pair of Unicode code-point offsets into `Document.text` (end exclusive), so
`doc.text[span.start:span.end] == span.text`. Layers are added by stages; the text never changes.
The JSON written by `Document.to_json()` is the `kronika.document/1` schema of CONTRACT.md; fields
beyond the contract (`rule`, `anchor`, `mentions`, `sentences`) are additions, never renames.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field, fields, replace
from datetime import date
from functools import cache
from typing import Any

from kronika.published import Candidate, Publication

SCHEMA = "kronika.document/1"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
STATUSES = ("occurred", "attempted_failed", "refused", "planned", "denied", "hypothetical")
NOISE_KINDS = ("boilerplate", "caption", "byline", "advert", "hedge", "unattributed")
TIMEX_TYPES = ("DATE", "TIME", "DURATION", "SET")
DATE_BASES = ("explicit", "relative", "published", "inferred", "unknown")


def iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def parse_iso(s: str | None) -> date | None:
    return date.fromisoformat(s) if s else None


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the document's text: `text == doc.text[start:end]`."""

    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Sentence(Span):
    """A sentence; `paragraph` counts the blank-line or newline separated blocks from 0."""

    paragraph: int = 0


@dataclass(frozen=True, slots=True)
class Noise(Span):
    """Text that is not the article's own reporting: site furniture or an unattributed hedge."""

    kind: str = "boilerplate"
    rule: str = ""


@dataclass(frozen=True, slots=True)
class Timex(Span):
    """A time expression with its TIMEX3 value and the interval of days it can mean.

    `anchor` is the date a relative expression counts from and `anchor_basis` says where that
    date came from (`published`, or `report` when a dated reporting clause governs it).
    """

    type: str = "DATE"
    value: str | None = None
    earliest: date | None = None
    latest: date | None = None
    rule: str = ""
    anchor: date | None = None
    anchor_basis: str | None = None
    utc: str | None = None  # a clock time as a UTC instant ("2022-05-12T20:00:00Z"), zone known


@dataclass(frozen=True, slots=True)
class Actor:
    """A canonical actor as a mention resolved it: `text` is the words used, `name` the canonical."""

    text: str
    name: str
    id: str | None = None
    country: str | None = None
    role: str | None = None
    kind: str | None = None  # person, organisation, country, group


@dataclass(frozen=True, slots=True)
class Mention(Span):
    """An actor mention in the text, resolved (or not) to canonical actors.

    A coordinated role ("the heads of the Pentagon and the Ministry of Defense") resolves to
    several actors, hence a tuple.
    """

    actors: tuple[Actor, ...] = ()
    rule: str = ""


@dataclass(frozen=True, slots=True)
class DateInfo:
    """When an event happened, as an interval of days, and what the interval rests on."""

    value: str | None = None
    earliest: date | None = None
    latest: date | None = None
    basis: str = "unknown"

    @property
    def dated(self) -> bool:
        return self.earliest is not None and self.latest is not None


@dataclass(frozen=True, slots=True)
class Attribution(Span):
    """Who says an event happened, and when they said it (the reporting clause is the span)."""

    speaker: Actor | None = None
    said: date | None = None
    cites: tuple[Actor, ...] = ()  # whom the speaker cites, outermost first ("citing the Pentagon")


@dataclass(frozen=True, slots=True)
class Event:
    """One PLOVER event read from one place in the text."""

    id: str
    type: str
    status: str
    trigger: Span
    evidence: Span
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    date: DateInfo = DateInfo()
    mode: str | None = None
    attribution: Attribution | None = None
    hedged: bool = False
    confidence: float = 0.5
    location: dict | None = None
    rule: str = ""
    again: bool = False  # the text marks it as a repetition ("again"): never merged with earlier ones


@dataclass(frozen=True, slots=True)
class Entry:
    """One real event on the timeline, supported by one or more `Event`s."""

    id: str
    type: str
    status: str
    sources: tuple[Actor, ...]
    targets: tuple[Actor, ...]
    date: DateInfo
    events: tuple[str, ...]
    hedged: bool
    confidence: float
    summary: str
    date_from: str | None = None  # id of the event whose evidence gave the date
    location: dict | None = None  # where it happened: the location of its best located event


@dataclass(frozen=True)
class Document:
    """A news document and the layers the pipeline has added to it."""

    id: str
    text: str = ""
    source_uri: str | None = None
    source_format: str = "text"
    title: str | None = None
    published: date | None = None
    language: str = "en"
    noise: tuple[Noise, ...] = ()
    sentences: tuple[Sentence, ...] = ()
    timexes: tuple[Timex, ...] = ()
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    timeline: tuple[Entry, ...] = ()
    raw: bytes | None = field(default=None, repr=False, compare=False)
    # What the extract stage (or the container: a feed, a JSON line, a WARC record) says about
    # the source: its author, canonical URL, the encoding its bytes were read in, the content
    # type a container gave ("text/html"), and whether a second language holds a large share.
    author: str | None = None
    url: str | None = None
    encoding: str | None = None
    content_type: str | None = None
    mixed_language: bool = False
    # Where `published` came from, the candidates that lost and the sanity flags (see
    # `kronika.published`); `date_hints` are the candidates a container or the caller gave
    # before extraction (a feed entry's date, a JSON field, a WARC-Date, --published).
    publication: Publication | None = None
    date_hints: tuple[Candidate, ...] = field(default=(), repr=False, compare=False)

    @classmethod
    def from_bytes(cls, data: bytes, **meta: Any) -> Document:
        """A document awaiting extraction, keyed by the sha256 of its bytes."""
        return cls(id=hashlib.sha256(data).hexdigest(), raw=data, **meta)

    def span(self, start: int, end: int) -> Span:
        return Span(start, end, self.text[start:end])

    def with_layers(self, **layers: Any) -> Document:
        return replace(self, **layers)

    def sentence_at(self, offset: int) -> Sentence | None:
        for s in self.sentences:
            if s.start <= offset < s.end:
                return s
        return None

    def noise_covering(self, start: int, end: int) -> Noise | None:
        """The noise span that holds all of start..end, if any."""
        for n in self.noise:
            if n.start <= start and end <= n.end:
                return n
        return None

    # JSON ------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "id": self.id,
            "source": {"uri": self.source_uri, "format": self.source_format,
                       "encoding": self.encoding},
            "title": self.title, "author": self.author, "url": self.url,
            "published": iso(self.published),
            "publication": self.publication.to_dict() if self.publication else None,
            "language": self.language, "mixed_language": self.mixed_language,
            "text": self.text,
            "noise": [_plain(n) for n in self.noise],
            "timexes": [_plain(t) for t in self.timexes],
            "events": [event_to_dict(e) for e in self.events],
            "timeline": [entry_to_dict(e) for e in self.timeline],
            "sentences": [_plain(s) for s in self.sentences],
            "mentions": [
                {"start": m.start, "end": m.end, "text": m.text, "rule": m.rule,
                 "actors": [_plain(a) for a in m.actors]}
                for m in self.mentions
            ],
        }

    def to_json(self, indent: int | None = 2) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=indent)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            id=d["id"],
            text=d["text"],
            source_uri=d.get("source", {}).get("uri"),
            source_format=d.get("source", {}).get("format", "text"),
            title=d.get("title"),
            published=parse_iso(d.get("published")),
            publication=Publication.from_dict(d["publication"]) if d.get("publication")
            else None,
            language=d.get("language", "en"),
            author=d.get("author"), url=d.get("url"),
            encoding=d.get("source", {}).get("encoding"),
            mixed_language=d.get("mixed_language", False),
            noise=tuple(Noise(**n) for n in d.get("noise", [])),
            sentences=tuple(Sentence(**s) for s in d.get("sentences", [])),
            timexes=tuple(_timex_from(t) for t in d.get("timexes", [])),
            mentions=tuple(
                Mention(m["start"], m["end"], m["text"],
                        tuple(Actor(**a) for a in m.get("actors", [])), m.get("rule", ""))
                for m in d.get("mentions", [])
            ),
            events=tuple(event_from_dict(e) for e in d.get("events", [])),
            timeline=tuple(entry_from_dict(e) for e in d.get("timeline", [])),
        )

    @classmethod
    def from_json(cls, s: str) -> Document:
        return cls.from_dict(json.loads(s))


def _plain(obj: Any) -> dict[str, Any]:
    """A dataclass of plain values as a JSON-ready dict: dates as ISO strings. (Shallow, unlike
    `dataclasses.asdict`, which deep-copies every value: storing a document spent a third of
    its time there.)"""
    out = {}
    for name in _field_names(type(obj)):
        v = getattr(obj, name)
        out[name] = iso(v) if isinstance(v, date) else v
    return out


@cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in fields(cls))


def _timex_from(d: dict[str, Any]) -> Timex:
    d = dict(d)
    for k in ("earliest", "latest", "anchor"):
        d[k] = parse_iso(d.get(k))
    return Timex(**d)


def date_to_dict(di: DateInfo) -> dict[str, Any]:
    return {"value": di.value, "earliest": iso(di.earliest), "latest": iso(di.latest),
            "basis": di.basis}


def date_from_dict(d: dict[str, Any]) -> DateInfo:
    return DateInfo(d.get("value"), parse_iso(d.get("earliest")), parse_iso(d.get("latest")),
                    d.get("basis", "unknown"))


def actor_to_dict(a: Actor) -> dict[str, Any]:
    return _plain(a)


def event_to_dict(e: Event) -> dict[str, Any]:
    att = None
    if e.attribution:
        a = e.attribution
        att = {"speaker": actor_to_dict(a.speaker) if a.speaker else None, "said": iso(a.said),
               "cites": [actor_to_dict(c) for c in a.cites],
               "start": a.start, "end": a.end, "text": a.text}
    return {
        "id": e.id, "type": e.type, "mode": e.mode, "status": e.status,
        "sources": [actor_to_dict(a) for a in e.sources],
        "targets": [actor_to_dict(a) for a in e.targets],
        "date": date_to_dict(e.date),
        "trigger": _plain(e.trigger), "evidence": _plain(e.evidence),
        "attribution": att, "hedged": e.hedged, "confidence": e.confidence,
        "location": e.location, "rule": e.rule, "again": e.again,
    }


def event_from_dict(d: dict[str, Any]) -> Event:
    att = d.get("attribution")
    attribution = None
    if att:
        sp = att.get("speaker")
        attribution = Attribution(att["start"], att["end"], att["text"],
                                  Actor(**sp) if sp else None, parse_iso(att.get("said")),
                                  tuple(Actor(**c) for c in att.get("cites", ())))
    return Event(
        id=d["id"], type=d["type"], status=d["status"],
        trigger=Span(**d["trigger"]), evidence=Span(**d["evidence"]),
        sources=tuple(Actor(**a) for a in d.get("sources", [])),
        targets=tuple(Actor(**a) for a in d.get("targets", [])),
        date=date_from_dict(d.get("date", {})), mode=d.get("mode"), attribution=attribution,
        hedged=d.get("hedged", False), confidence=d.get("confidence", 0.5),
        location=d.get("location"), rule=d.get("rule", ""), again=d.get("again", False),
    )


def entry_to_dict(e: Entry) -> dict[str, Any]:
    return {
        "id": e.id, "type": e.type, "status": e.status,
        "sources": [actor_to_dict(a) for a in e.sources],
        "targets": [actor_to_dict(a) for a in e.targets],
        "date": date_to_dict(e.date), "events": list(e.events), "hedged": e.hedged,
        "confidence": e.confidence, "summary": e.summary, "date_from": e.date_from,
        "location": e.location,
    }


def entry_from_dict(d: dict[str, Any]) -> Entry:
    return Entry(
        id=d["id"], type=d["type"], status=d["status"],
        sources=tuple(Actor(**a) for a in d.get("sources", [])),
        targets=tuple(Actor(**a) for a in d.get("targets", [])),
        date=date_from_dict(d.get("date", {})), events=tuple(d.get("events", [])),
        hedged=d.get("hedged", False), confidence=d.get("confidence", 0.5),
        summary=d.get("summary", ""), date_from=d.get("date_from"),
        location=d.get("location"),
    )
