"""Scoring event locations against annotated sentences (`kronika eval places FILE...`).

A case file holds one case per line (a sentence, or a dateline and a sentence), in the
`[[words|label]]` markup of the other case files. Event triggers are marked `event` (or
`event N` when a case has several events), and the place that locates an event `place ID` (or
`place N ID`); ID is the gazetteer id (a bare number is a GeoNames id, `kronika:<slug>` a
supplement area). An event with no place marked must get no location.

    @lang en
    Austin [[met|event]] Shoigu in [[Antalya|place 323777]] last week.
    Russia [[shelled|event 1]] [[Kharkiv|place 1 706483]] and Ukraine [[struck|event 2]] [[Belgorod|place 2 578072]].
    Speaking in Moscow, Lavrov [[accused|event]] the West of escalation.

The gold triggers are given to the place stage (so the score measures places, not the event
coder). Place accuracy: events whose location is the gold place (the predicted mention
overlaps the marked words) or, with no place marked, no location / all events. Resolution
accuracy: of the events whose place was found, those resolved to the gold id.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kronika.errors import GoldFileError

_SPAN = re.compile(r"\[\[(.+?)\|(.*?)\]\]")
_EVENT = re.compile(r"^event(?: (\d+))?$")
_PLACE = re.compile(r"^place(?: (\d+))? (\S+)$")


@dataclass(frozen=True, slots=True)
class GoldEvent:
    trigger: tuple[int, int]
    place: tuple[int, int] | None
    place_id: str | None


@dataclass(frozen=True, slots=True)
class Case:
    file: str
    line: int
    text: str
    lang: str
    published: str | None
    events: tuple[GoldEvent, ...]

    def where(self) -> str:
        return f"{self.file}:{self.line}"


def gazetteer_id(label: str) -> str:
    return f"geonames:{label}" if label.isdigit() else label


def parse_case(marked: str, where: str) -> tuple[str, tuple[GoldEvent, ...]]:
    text, pos, triggers, places = [], 0, {}, {}
    length = 0
    for m in _SPAN.finditer(marked):
        before = marked[pos:m.start()]
        text.append(before)
        length += len(before)
        span = (length, length + len(m.group(1)))
        label = m.group(2).strip()
        if e := _EVENT.match(label):
            triggers[e.group(1) or "1"] = span
        elif p := _PLACE.match(label):
            places[p.group(1) or "1"] = (span, gazetteer_id(p.group(2)))
        else:
            raise GoldFileError(f"{where}: label {label!r} is neither `event [N]` nor "
                                f"`place [N] ID`; see kronika.eval.places for the markup")
        text.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    text.append(marked[pos:])
    unknown = set(places) - set(triggers)
    if unknown or not triggers:
        raise GoldFileError(f"{where}: every case needs an [[...|event]] and every place the "
                            f"number of an event of its case (places for {sorted(unknown)})")
    events = tuple(GoldEvent(triggers[k], *(places.get(k) or (None, None)))
                   for k in sorted(triggers, key=lambda k: triggers[k]))
    return "".join(text), events


def read_cases(path: str, lang: str = "en") -> list[Case]:
    p = Path(path)
    if not p.exists():
        raise GoldFileError(f"no gold file {path}; give a case file such as "
                            f"tests/data/places.en.txt")
    options = {"lang": lang, "published": None}
    cases = []
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("@"):
            key, _, value = line[1:].partition(" ")
            options[key] = value.strip()
            continue
        text, events = parse_case(raw.rstrip(), f"{path}:{n}")
        cases.append(Case(path, n, text, options["lang"],
                          options["published"], events))
    return cases


@dataclass
class Result:
    events: int = 0
    place_right: int = 0
    found: int = 0            # events whose gold place was found (for resolution)
    resolved_right: int = 0
    by_lang: dict[str, list[int]] = field(default_factory=dict)
    errors: list[str] = field(default_factory=list)

    @property
    def place_accuracy(self) -> float:
        return self.place_right / self.events if self.events else 0.0

    @property
    def resolution_accuracy(self) -> float:
        return self.resolved_right / self.found if self.found else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"events": self.events, "place_accuracy": round(self.place_accuracy, 4),
                "resolution_accuracy": round(self.resolution_accuracy, 4),
                "place_right": self.place_right, "found": self.found,
                "resolved_right": self.resolved_right,
                "by_language": {k: {"events": v[0], "place_right": v[1], "found": v[2],
                                    "resolved_right": v[3]} for k, v in self.by_lang.items()},
                "errors": self.errors}


Locator = Callable[[Case], list[dict | None]]


def score(cases: list[Case], locate: Locator) -> Result:
    """Score `locate(case) -> one location per gold event` over the cases."""
    r = Result()
    for case in cases:
        got = locate(case)
        counts = r.by_lang.setdefault(case.lang, [0, 0, 0, 0])
        for gold, loc in zip(case.events, got, strict=True):
            r.events += 1
            counts[0] += 1
            span = (loc["start"], loc["end"]) if loc else None
            if gold.place is None:
                right = span is None
            else:
                right = span is not None and span[0] < gold.place[1] and gold.place[0] < span[1]
            if right:
                r.place_right += 1
                counts[1] += 1
            if right and gold.place is not None:
                r.found += 1
                counts[2] += 1
                if loc["id"] == gold.place_id:
                    r.resolved_right += 1
                    counts[3] += 1
                else:
                    r.errors.append(f"{case.where()}: {loc['text']!r} resolved to {loc['id']} "
                                    f"({loc['name']}, {loc['country']}), gold {gold.place_id}")
            if not right:
                want = (case.text[gold.place[0]:gold.place[1]] if gold.place else "no place")
                have = f"{loc['text']!r} ({loc['rule']}, {loc['attached']})" if loc else "none"
                trig = case.text[gold.trigger[0]:gold.trigger[1]]
                r.errors.append(f"{case.where()}: event {trig!r}: got {have}, gold {want!r}")
    return r


def kronika_locator() -> Locator:
    """Locate the gold triggers with kronika's stages up to the actors, then the places stage."""
    from kronika import default_pipeline
    from kronika.places import locate

    upto = default_pipeline().upto("actors")

    def run(case: Case) -> list[dict | None]:
        doc = upto.process(case.text, published=case.published, lang=case.lang)
        return locate(doc, [e.trigger for e in case.events])

    return run
