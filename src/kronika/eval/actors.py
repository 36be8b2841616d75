"""Scoring actor resolution against hand-annotated case files (`kronika eval actors FILE...`).

A case file has one case per line, with every actor mention marked inline as
`[[words|Canonical Name]]` (several actors joined by " + ", "?" for a mention left unresolved);
`# ...` lines are comments and `@published YYYY-MM-DD` sets the date for the lines below it.
This is the markup of the test files `tests/data/actors.*.txt`.

A gold mention counts as correct when a predicted mention has the same span and the same
canonical names. `accuracy` = correct / gold mentions; `precision` = correct / predicted mentions.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from kronika.errors import GoldFileError

_SPAN = re.compile(r"\[\[(.+?)\|(.*?)\]\]")

Resolver = Callable[[str, date | None], list]


@dataclass(frozen=True, slots=True)
class Case:
    file: str
    line: int
    text: str
    published: date | None
    gold: tuple[tuple[int, int, str], ...]


@dataclass
class Score:
    gold: int = 0
    predicted: int = 0
    correct: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def accuracy(self) -> float:
        return self.correct / self.gold if self.gold else 0.0

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 0.0

    def to_dict(self) -> dict:
        return {"gold": self.gold, "predicted": self.predicted, "correct": self.correct,
                "accuracy": round(self.accuracy, 4), "precision": round(self.precision, 4),
                "misses": self.misses}


def parse_line(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and (start, end, label) of each `[[words|label]]` span."""
    out, spans, pos, length = [], [], 0, 0
    for m in _SPAN.finditer(marked):
        before = marked[pos:m.start()]
        out.append(before)
        length += len(before)
        spans.append((length, length + len(m.group(1)), m.group(2).strip()))
        out.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def read_cases(path: str | Path) -> list[Case]:
    """The cases of one file; a bad `@published` date is a GoldFileError naming the line."""
    p = Path(path)
    if not p.exists():
        raise GoldFileError(f"no such case file: {path}; give a file in the [[words|name]] markup")
    cases, published = [], None
    for n, raw in enumerate(p.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#") or line[0].isspace():
            continue
        if line.startswith("@published"):
            value = line.partition(" ")[2].strip()
            try:
                published = date.fromisoformat(value) if value else None
            except ValueError as exc:
                raise GoldFileError(f"{path}:{n}: @published {value!r} is not YYYY-MM-DD") from exc
            continue
        if line.startswith("@"):
            continue
        text, spans = parse_line(line)
        cases.append(Case(str(path), n, text, published, tuple(spans)))
    return cases


def score(cases: list[Case], resolve: Resolver) -> Score:
    """Run `resolve(text, date)` on each case and compare its mentions with the gold ones."""
    s = Score()
    for case in cases:
        found = resolve(case.text, case.published)
        got = {(r.start, r.end, " + ".join(a.name for a in r.actors) or "?") for r in found}
        s.gold += len(case.gold)
        s.predicted += len(got)
        for g in case.gold:
            if g in got:
                s.correct += 1
            else:
                said = next((lab for a, b, lab in got if a == g[0] and b == g[1]), "nothing")
                s.misses.append(f"{case.file}:{case.line}: {case.text[g[0]:g[1]]!r} should be "
                                f"{g[2]}, got {said}")
    return s
