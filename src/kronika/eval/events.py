"""Scoring the event coder against annotated sentences (`kronika eval events FILE...`).

A case file holds one case per unindented line (a sentence or a few), and under it, indented,
every event the case must yield, one per line (the markup of `tests/data/events.en.txt`):

    @published 2022-05-13
    @lang en
    Austin tried several times to contact Shoigu, but to no avail.
      CONSULT attempted_failed: Lloyd Austin -> Sergei Shoigu @ undated
    Biden and Putin spoke by phone on Thursday.
      CONSULT/phone occurred: Joe Biden + Vladimir Putin ->
    Shoigu spoke Russian with Austin's interpreter.
      (no event)

An event line is `TYPE[/mode] status: sources -> targets [@ date] [says SPEAKER [DATE]] [hedged]`;
names are canonical and joined by " + ". `#` lines are comments; `@published`, `@lang` set options
for the cases below them.

How the score is counted, per case: a predicted event is paired with a gold event of the same
type (the pair sharing most actors first). Type precision, recall and F1 count pairs per PLOVER
type over all cases, and macro-F1 averages the types that occur in the gold. Status accuracy,
mode accuracy (where the gold names a mode), hedge accuracy, date accuracy (where the gold gives
a date), speaker accuracy (where it names one) and actor F1 (sources and targets, each actor
compared by canonical name in its role) are counted over the pairs.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kronika.document import Actor
from kronika.errors import GoldFileError

EVENT_LINE = re.compile(
    r"^(?P<type>[A-Z]+)(?:/(?P<mode>[\w-]+))? (?P<status>\w+):(?P<src>.*?) ?->(?P<tgt>.*?)"
    r"(?:\s*@ (?P<date>\S+))?(?: says (?P<says>.+?)(?: (?P<said>\d{4}-\d\d-\d\d))?)?"
    r"(?P<hedged> hedged)?$"
)
NO_EVENT = "(no event)"


@dataclass(frozen=True, slots=True)
class GoldEvent:
    type: str
    status: str
    sources: frozenset[str]
    targets: frozenset[str]
    mode: str | None = None
    date: str | None = None
    hedged: bool = False
    says: str | None = None


@dataclass(frozen=True, slots=True)
class Case:
    file: str
    line: int
    text: str
    lang: str
    published: str | None
    events: tuple[GoldEvent, ...]


@dataclass(frozen=True, slots=True)
class Predicted:
    """An event as the scorer reads it, from a coder other than the pipeline (the cue-word
    baseline, a second annotator): type, status, actors with canonical names, mode, hedge."""

    type: str
    status: str
    sources: tuple[Actor, ...] = ()
    targets: tuple[Actor, ...] = ()
    mode: str | None = None
    hedged: bool = False
    rule: str = ""


def _names(s: str) -> frozenset[str]:
    return frozenset(x.strip() for x in s.split(" + ") if x.strip())


def parse_event(line: str, where: str = "") -> GoldEvent:
    m = EVENT_LINE.match(line.strip())
    if not m:
        raise GoldFileError(f"{where}: cannot read the event line {line.strip()!r}; write "
                            "'TYPE[/mode] status: Source + Source -> Target [@ date] [hedged]'")
    return GoldEvent(m["type"], m["status"], _names(m["src"]), _names(m["tgt"]), m["mode"],
                     m["date"], bool(m["hedged"]), m["says"])


def read_cases(path: str | Path, lang: str = "en") -> list[Case]:
    """The cases of one file. A case without any indented line under it is an error."""
    p = Path(path)
    if not p.exists():
        raise GoldFileError(f"no such case file: {path}; give a file in the events markup "
                            "(see tests/data/events.en.txt)")
    options = {"lang": lang, "published": None}
    raw_cases: list[tuple[int, str, dict, list[tuple[int, str]]]] = []
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw.startswith("@"):
            key, _, value = raw[1:].partition(" ")
            options[key] = value.strip() or None
        elif raw[0].isspace():
            if not raw_cases:
                raise GoldFileError(f"{path}:{n}: an indented event line before any sentence")
            raw_cases[-1][3].append((n, raw.strip()))
        else:
            raw_cases.append((n, raw.strip(), dict(options), []))
    cases = []
    for n, text, opts, lines in raw_cases:
        if not lines:
            raise GoldFileError(f"{path}:{n}: the sentence has no event lines under it; "
                                f"list its events indented, or write '  {NO_EVENT}'")
        events = tuple(parse_event(x, f"{path}:{k}") for k, x in lines if x != NO_EVENT)
        cases.append(Case(str(path), n, text, opts["lang"] or lang, opts["published"], events))
    return cases


@dataclass
class _Count:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class Score:
    types: dict[str, _Count] = field(default_factory=dict)
    pairs: int = 0
    status_right: int = 0
    mode_gold: int = 0
    mode_right: int = 0
    hedged_right: int = 0  # over all pairs: a gold line without "hedged" is a plain claim
    date_gold: int = 0  # pairs whose gold line gives a date ("@ 2022-05-12", "@ undated")
    date_right: int = 0
    says_gold: int = 0  # pairs whose gold line names a speaker ("says John Kirby")
    says_right: int = 0
    actors: _Count = field(default_factory=_Count)
    cases: int = 0
    errors: list[str] = field(default_factory=list)

    def count(self, type_: str) -> _Count:
        return self.types.setdefault(type_, _Count())

    @property
    def macro_f1(self) -> float:
        gold_types = [c for c in self.types.values() if c.tp + c.fn]
        return sum(c.f1 for c in gold_types) / len(gold_types) if gold_types else 0.0

    @property
    def micro(self) -> _Count:
        total = _Count()
        for c in self.types.values():
            total.tp, total.fp, total.fn = total.tp + c.tp, total.fp + c.fp, total.fn + c.fn
        return total

    @property
    def status_accuracy(self) -> float:
        return self.status_right / self.pairs if self.pairs else 0.0

    @property
    def mode_accuracy(self) -> float:
        return self.mode_right / self.mode_gold if self.mode_gold else 0.0

    @property
    def hedged_accuracy(self) -> float:
        return self.hedged_right / self.pairs if self.pairs else 0.0

    @property
    def date_accuracy(self) -> float:
        return self.date_right / self.date_gold if self.date_gold else 0.0

    @property
    def says_accuracy(self) -> float:
        return self.says_right / self.says_gold if self.says_gold else 0.0

    def to_dict(self) -> dict:
        return {"cases": self.cases, "type_macro_f1": round(self.macro_f1, 4),
                "type_micro": self.micro.to_dict(),
                "status_accuracy": round(self.status_accuracy, 4), "pairs": self.pairs,
                "mode_accuracy": round(self.mode_accuracy, 4), "mode_gold": self.mode_gold,
                "hedged_accuracy": round(self.hedged_accuracy, 4),
                "date_accuracy": round(self.date_accuracy, 4), "date_gold": self.date_gold,
                "says_accuracy": round(self.says_accuracy, 4), "says_gold": self.says_gold,
                "actor": self.actors.to_dict(),
                "per_type": {t: c.to_dict() for t, c in sorted(self.types.items())},
                "errors": self.errors}


def _shared(g: GoldEvent, p) -> int:
    return (len(g.sources & {a.name for a in p.sources})
            + len(g.targets & {a.name for a in p.targets}))


def _describe(e) -> str:
    src = " + ".join(sorted(a.name for a in e.sources))
    tgt = " + ".join(sorted(a.name for a in e.targets))
    mode = f"/{e.mode}" if e.mode else ""
    return f"{e.type}{mode} {e.status}: {src} -> {tgt}".rstrip()


def date_text(e) -> str:
    """An event's date in the markup: "2022-05-12", "2022-04-07..2022-04-14", "?..2022-04-07"
    (an open end) or "undated"."""
    d = getattr(e, "date", None)
    if d is None or (d.earliest is None and d.latest is None):
        return "undated"
    lo = d.earliest.isoformat() if d.earliest else "?"
    hi = d.latest.isoformat() if d.latest else "?"
    return lo if lo == hi else f"{lo}..{hi}"


def speaker(e) -> str | None:
    """The canonical name of who says the event happened, if anyone is named."""
    said = getattr(e, "attribution", None)
    return said.speaker.name if said is not None and said.speaker is not None else None


def score_case(case: Case, predicted: list, s: Score) -> None:
    """Pair the predicted events of one case with its gold events and add up the counts."""
    s.cases += 1
    left = list(predicted)
    where = f"{case.file}:{case.line}"
    for g in case.events:
        same = [p for p in left if p.type == g.type]
        if not same:
            s.count(g.type).fn += 1
            s.errors.append(f"{where}: missed {g.type} {g.status}: "
                            f"{' + '.join(sorted(g.sources))} -> {' + '.join(sorted(g.targets))}")
            continue
        p = max(same, key=lambda x: _shared(g, x))
        left.remove(p)
        s.count(g.type).tp += 1
        s.pairs += 1
        s.status_right += p.status == g.status
        if g.mode:
            s.mode_gold += 1
            s.mode_right += p.mode == g.mode
        s.hedged_right += bool(getattr(p, "hedged", False)) == g.hedged
        got_date = date_text(p)
        if g.date:
            s.date_gold += 1
            s.date_right += got_date == g.date
        if g.says:
            s.says_gold += 1
            s.says_right += speaker(p) == g.says
        for gold_names, got in ((g.sources, p.sources), (g.targets, p.targets)):
            names = {a.name for a in got}
            s.actors.tp += len(gold_names & names)
            s.actors.fn += len(gold_names - names)
            s.actors.fp += len(names - gold_names)
        if p.status != g.status or _shared(g, p) != len(g.sources) + len(g.targets) or (
                len(p.sources) + len(p.targets) != len(g.sources) + len(g.targets)):
            s.errors.append(f"{where}: got {_describe(p)} (rule {p.rule})")
        elif g.date and got_date != g.date:
            s.errors.append(f"{where}: got {_describe(p)} @ {got_date}, not @ {g.date} "
                            f"(rule {p.rule})")
    for p in left:
        s.count(p.type).fp += 1
        s.errors.append(f"{where}: spurious {_describe(p)} (rule {p.rule})")


def score(cases: list[Case], process: Callable[[Case], list]) -> Score:
    """Run `process(case)` (the events of the case's text) on every case and count."""
    s = Score()
    for case in cases:
        score_case(case, process(case), s)
    return s


def agreement(first: list[Case], second: list[Case]) -> Score:
    """Score a second annotation of the same sentences against the first, as if it were the
    coder: inter-annotator agreement in the figures the coder is judged by. The second file
    holds the first file's sentences in the same order: all of them, or its first ones (a
    second annotation of the start of a long file)."""
    return pooled_agreement([(first, second)])


def pooled_agreement(pairs: list[tuple[list[Case], list[Case]]]) -> Score:
    """Agreement over several pairs of annotations (first, second) counted as one set, as the
    coder's pooled figures are."""
    s = Score()
    for first, second in pairs:
        if not second or [c.text for c in first[:len(second)]] != [c.text for c in second]:
            where = f" ({second[0].file} against {first[0].file})" if second and first else ""
            raise GoldFileError(f"the second file does not hold the first file's sentences (all "
                                f"of them, or its first ones) in the same order{where}; annotate "
                                "a copy of them")
        for case, other in zip(first[:len(second)], second, strict=True):
            score_case(case, [Predicted(g.type, g.status, _actors(g.sources), _actors(g.targets),
                                        g.mode, g.hedged, "annotator B") for g in other.events],
                       s)
    return s


def _actors(names: frozenset[str]) -> tuple[Actor, ...]:
    return tuple(Actor(n, n) for n in sorted(names))
