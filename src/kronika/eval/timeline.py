"""Score a document's timeline against a `kronika.gold/1` file (rules in shared/gold/README.md).

Recall: required gold entries matched by some timeline entry / required gold entries.
Precision: timeline entries matching some gold entry (required or optional) / all entries.
Noise: characters of gold noise and hedge spans covered by the document's noise spans.
Leaks: events whose whole evidence lies in flagged noise and which are not marked hedged.
Queries: the gold filter run on the timeline; the picked entry must lie inside the answer,
widened by `tolerance_days`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from kronika.dates import parse_date
from kronika.document import Actor, Document, Entry
from kronika.errors import GoldFileError, InputNotFoundError
from kronika.timeline.query import answer

ONE_DAY = timedelta(days=1)


@dataclass
class QueryResult:
    ask: str
    expected: tuple[date, date]
    got: Entry | None
    ok: bool


@dataclass
class TimelineScore:
    recall: float
    precision: float
    noise_flagged: float
    leaks: list[str]
    matched: dict[str, list[str]]          # gold id → entry ids
    missed: list[str]                      # required gold ids with no entry
    spurious: list[str]                    # entry ids matching no gold entry
    queries: list[QueryResult] = field(default_factory=list)

    @property
    def queries_right(self) -> int:
        return sum(q.ok for q in self.queries)

    def to_dict(self) -> dict[str, Any]:
        return {
            "recall": round(self.recall, 4), "precision": round(self.precision, 4),
            "noise_flagged": round(self.noise_flagged, 4), "leaks": self.leaks,
            "matched": self.matched, "missed": self.missed, "spurious": self.spurious,
            "queries": [{"ask": q.ask, "expected": [d.isoformat() for d in q.expected],
                         "got": [q.got.date.earliest and q.got.date.earliest.isoformat(),
                                 q.got.date.latest and q.got.date.latest.isoformat()]
                         if q.got else None, "ok": q.ok} for q in self.queries],
        }


def load_gold(path: str | Path) -> dict[str, Any]:
    p = Path(path)
    try:
        gold = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputNotFoundError(str(p)) from exc
    except json.JSONDecodeError as exc:
        raise GoldFileError(f"{p} is not JSON ({exc}); gold files are kronika.gold/1 JSON") from exc
    if gold.get("schema") != "kronika.gold/1":
        raise GoldFileError(f"{p} is not a kronika.gold/1 file (its schema is "
                            f"{gold.get('schema')!r})")
    return gold


def gold_document_path(gold_path: str | Path, gold: dict[str, Any]) -> Path:
    """The text the gold describes: `document` is relative to shared/, or beside the gold."""
    g = Path(gold_path).resolve()
    rel = Path(gold["document"])
    for cand in (g.parent.parent / rel, g.parent / rel, g.parent / rel.name,
                 g.parent.parent / rel.name):
        if cand.is_file():
            return cand
    raise GoldFileError(f"cannot find {rel} for {g.name}: put the text next to the gold file or "
                        f"in the folder above it, or pass the processed document as PRED")


def _word_in(needle: str, hay: str) -> bool:
    """Whole words only: the gold name "UN" is not in "United Kingdom"."""
    return re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", hay) is not None


def _side_matches(actor: Actor, side: dict[str, Any]) -> bool:
    hay = " ".join(x for x in (actor.name, actor.text, actor.role or "") if x).casefold()
    for person in side.get("people", []):
        if _word_in(person.split()[-1].casefold(), hay):
            return True
    if any(_word_in(n.casefold(), hay) for n in side.get("names", [])):
        return True
    return bool(actor.country) and actor.country in side.get("countries", [])


def entry_matches(entry: Entry, g: dict[str, Any]) -> bool:
    if entry.type not in g["types"] or entry.status not in g["statuses"]:
        return False
    a, b = g["a"], g["b"]
    if g.get("directed"):
        if not (any(_side_matches(x, a) for x in entry.sources)
                and any(_side_matches(x, b) for x in entry.targets)):
            return False
    else:
        everyone = (*entry.sources, *entry.targets)
        if not (any(_side_matches(x, a) for x in everyone)
                and any(_side_matches(x, b) for x in everyone)):
            return False
    gd = g.get("date", {})
    if gd.get("required", True):
        if not entry.date.dated:
            return False
        lo = parse_date(gd["earliest"]) - ONE_DAY
        hi = parse_date(gd["latest"]) + ONE_DAY
        if not (lo <= entry.date.earliest and entry.date.latest <= hi):
            return False
        if "overlaps" in gd:
            o_lo, o_hi = (parse_date(x) for x in gd["overlaps"])
            if entry.date.latest < o_lo or entry.date.earliest > o_hi:
                return False
    return True


def _find_all(text: str, needle: str) -> list[tuple[int, int]]:
    out, i = [], text.find(needle)
    while i >= 0:
        out.append((i, i + len(needle)))
        i = text.find(needle, i + 1)
    return out


def _gold_spans(doc: Document, gold: dict[str, Any]) -> list[tuple[int, int]]:
    spans = []
    for item in [*gold.get("noise", []), *gold.get("hedges", [])]:
        hits = _find_all(doc.text, item["text"])
        if not hits:
            raise GoldFileError(f"gold noise text {item['text'][:40]!r} is not in the document")
        if "only this name" in item.get("occurrence", ""):
            lines = [(s, e) for s, e in hits
                     if doc.text[s - 1 : s] in ("", "\n") and doc.text[e : e + 1] in ("", "\n")]
            hits = lines or hits[:1]
        spans.extend(hits)
    return spans


def score(doc: Document, gold: dict[str, Any]) -> TimelineScore:
    entries = list(doc.timeline)
    gold_entries = gold["entries"]
    matched = {g["id"]: [e.id for e in entries if entry_matches(e, g)] for g in gold_entries}
    required = [g for g in gold_entries if not g.get("optional")]
    missed = [g["id"] for g in required if not matched[g["id"]]]
    recall = (len(required) - len(missed)) / len(required) if required else 1.0
    good = {eid for ids in matched.values() for eid in ids}
    spurious = [e.id for e in entries if e.id not in good]
    precision = len(good) / len(entries) if entries else 0.0

    spans = _gold_spans(doc, gold)
    flagged = set()
    for n in doc.noise:
        flagged.update(range(n.start, n.end))
    total = sum(e - s for s, e in spans)
    covered = sum(1 for s, e in spans for i in range(s, e) if i in flagged)
    noise_flagged = covered / total if total else 1.0
    leaks = [ev.id for ev in doc.events
             if not ev.hedged and all(i in flagged
                                      for i in range(ev.evidence.start, ev.evidence.end))]

    queries = []
    for q in gold.get("queries", []):
        entry = answer(entries, q)
        exp = (parse_date(q["answer"]["earliest"]), parse_date(q["answer"]["latest"]))
        tol = timedelta(days=q.get("tolerance_days", 0))
        ok = bool(entry and entry.date.dated and exp[0] - tol <= entry.date.earliest
                  and entry.date.latest <= exp[1] + tol)
        queries.append(QueryResult(q["ask"], exp, entry, ok))
    return TimelineScore(recall, precision, noise_flagged, leaks, matched, missed, spurious,
                         queries)
