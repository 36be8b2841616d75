"""What one document's events leave implicit, read from the rest of the same document.

Applied to each document's events before they join the corpus timeline (`corpus.doc_units`);
the rules are in `fill.yaml`:

- **reference date**: an undated event takes the date of the nearest dated event shortly before
  it in the same document (the narrative's reference time), basis `inferred`, unless the text
  up to its trigger marks an earlier time ("had spoken", "since the invasion");
- **night before**: an event told as "overnight", bounded only by when it was said, took place
  that day or the day before;
- **plural subject**: "the two leaders agreed" has for actors the participants of the event
  before it;
- **answered**: a rejection with no target ("Britain rejected the claim") answers the accusation
  told just before it: its target is the accuser;
- **place target**: an attack with no target, placed in another country than its sources'
  ("Russia struck the port of Odesa"), is aimed at that country.

    >>> fill_document(events)        # same events, in the same order, some completed
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, timedelta
from functools import cache

from kronika.document import Actor, DateInfo, Event
from kronika.rules import load_rules, require_keys


@cache
def _rules() -> dict:
    return load_rules("kronika.timeline", "fill.yaml")


@cache
def earlier_cues(language: str) -> re.Pattern[str] | None:
    """The words that mark an earlier time than the narrative's, as one whole-word pattern."""
    return _cues("earlier", language)


@cache
def plural_cues(language: str) -> re.Pattern[str] | None:
    """The plural phrases that stand for the people just named ("the two leaders")."""
    return _cues("plural_subject", language)


@cache
def night_cues(language: str) -> re.Pattern[str] | None:
    """The words that place an event in the night before it was told ("overnight")."""
    return _cues("night_before", language)


def _cues(section: str, language: str) -> re.Pattern[str] | None:
    rules = (_rules()["reference_date"]["earlier"] if section == "earlier"
             else _rules()[section])
    cues = []
    for rule in rules:
        require_keys(rule, ("name", "language", "cues", "examples"), "timeline/fill.yaml")
        if rule["language"] == language:
            cues.extend(rule["cues"])
    if not cues:
        return None
    words = "|".join(re.escape(c) for c in sorted(cues, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{words})(?!\w)", re.IGNORECASE)


def marks_earlier(text: str, language: str) -> bool:
    pattern = earlier_cues(language)
    return bool(pattern and pattern.search(text))


def fill_document(events: Sequence[Event], language: str = "en",
                  published: date | None = None) -> list[Event]:
    """The events of one document (in text order), with reference dates and place targets."""
    events = _plural_subjects(_reference_dates(events, language, published), language)
    return [_place_target(e) for e in _answered(events)]


def _reference_dates(events: Sequence[Event], language: str, published: date | None
                     ) -> list[Event]:
    rule, speech = _rules()["reference_date"], _rules()["reported_speech"]
    out: list[Event] = []
    last: Event | None = None          # the nearest dated event so far, as the text read it
    for e in events:
        e = _night_before(e, language, published)
        if e.date.dated and e.date.basis in ("explicit", "relative", "published"):
            last = e
        if (e.date.basis == "unknown" and not e.date.dated and last is not None
                and e.status in rule["statuses"]
                and 0 <= e.evidence.start - last.evidence.start <= rule["max_chars_apart"]
                and not marks_earlier(_before_trigger(e), language)):
            d = last.date
            e = replace(e, date=DateInfo(d.value, d.earliest, d.latest, "inferred"))
        elif (e.date.basis == "unknown" and not e.date.dated and last is None
              and published is not None and e.type in speech["types"]
              and e.status in speech["statuses"]
              and not marks_earlier(_before_trigger(e), language)):
            lo = published - timedelta(days=speech["days_before"])
            e = replace(e, date=DateInfo(None, lo, published, "inferred"))
        out.append(e)
    return out


def _plural_subjects(events: Sequence[Event], language: str) -> list[Event]:
    pattern = plural_cues(language)
    out: list[Event] = []
    for e in events:
        before = out[-1] if out else None
        if pattern is not None and before is not None:
            subject = _before_trigger(e)[: max(e.trigger.start - e.evidence.start, 0)]
            group = _participants(before)
            if (len(group) >= 2 and before.evidence.start < e.evidence.start
                    and pattern.match(subject.strip())):
                e = replace(e, sources=group, targets=())
        out.append(e)
    return out


def _answered(events: Sequence[Event]) -> list[Event]:
    rule = _rules()["answered"]
    out: list[Event] = []
    claim: Event | None = None      # the latest accusation so far
    for e in events:
        if (e.type in rule["types"] and not e.targets and claim is not None
                and 0 < e.evidence.start - claim.evidence.start <= rule["max_chars_apart"]):
            mine = {a.id or a.name for a in e.sources}
            theirs = tuple(a for a in claim.sources if (a.id or a.name) not in mine)
            if theirs:
                e = replace(e, targets=theirs)
        if e.type in rule["answers"] and e.sources:
            claim = e
        out.append(e)
    return out


def _participants(e: Event) -> tuple[Actor, ...]:
    seen: dict[str, Actor] = {}
    for a in (*e.sources, *e.targets):
        seen.setdefault(a.id or a.name, a)
    return tuple(seen.values())


def _night_before(e: Event, language: str, published: date | None) -> Event:
    d = e.date
    if d.earliest is not None or d.basis not in ("relative", "unknown"):
        return e
    pattern = night_cues(language)
    end = d.latest or published
    if end is None or pattern is None or not pattern.search(e.evidence.text):
        return e
    return replace(e, date=DateInfo(None, end - timedelta(days=1), end, "inferred"))


def _before_trigger(e: Event) -> str:
    """The event's sentence up to the end of its trigger."""
    cut = e.trigger.end - e.evidence.start
    return e.evidence.text[: max(cut, 0)] if cut > 0 else e.evidence.text


def _place_target(e: Event) -> Event:
    rule = _rules()["place_target"]
    loc = e.location
    if (e.targets or e.type not in rule["types"] or not loc
            or loc.get("attached") not in rule["attached"] or not loc.get("country")):
        return e
    country = loc["country"]
    if any(a.country == country for a in e.sources):
        return e
    name = _country_name(country)
    if name is None:
        return e
    return replace(e, targets=(Actor(loc.get("text") or name, name, country, country, None,
                                     "country"),))


@cache
def _country_name(code: str) -> str | None:
    from kronika.actors import load_kb

    c = load_kb().countries.get(code)
    return c.name if c is not None and c.kind == "country" else None
