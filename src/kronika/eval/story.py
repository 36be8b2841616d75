"""Score a corpus timeline against a story gold file (the multi-document `kronika.gold/1` form).

A story gold file has `articles` (the name of an `articles.json` beside it, listing each article's
file, published date, language and optional `duplicate_of`) instead of one `document`; its
entries add `reported_in` (the articles that tell the event). Matching an entry to a gold entry
follows shared/gold/README.md (type, status, sides, date widened by a day). The figures:

- recall: required gold entries matched by some entry / required gold entries;
- precision: entries matching some gold entry (required or optional) / all entries;
- date accuracy: matched gold entries with a required date whose best match lies inside the
  gold interval exactly (no one-day widening) / matched gold entries with a required date;
- duplicate rate: entries beyond the first that match one gold entry (mentions that should have
  merged) / all entries;
- TLS date F1: the date-selection metric of timeline summarisation (Martschat and Markert 2018;
  news-tls reports 0.544 on Timeline17): the set of days the timeline dates an entry to (entries
  dated to one day) against the set of days of the gold entries, as P, R and F1;
- conflicts: gold conflicts whose two sides are matched by the two sides of a flagged conflict.

Baseline (`per-document`, same run): the articles' own timelines side by side, unmerged.

Per language: the timeline of the articles in that language alone, scored against the gold
entries some article in that language reports.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kronika.dates import parse_date
from kronika.document import Document
from kronika.errors import GoldFileError, InputNotFoundError
from kronika.eval.timeline import entry_matches
from kronika.timeline.corpus import Conflict, Sourced, StoryEntry, merge_across
from kronika.timeline.query import answer

BASELINE = "per-document"


@dataclass(frozen=True)
class Article:
    file: str
    published: date | None
    language: str
    duplicate_of: str | None = None


@dataclass
class StoryScore:
    language: str
    documents: int
    gold_required: int
    entries: int
    recall: float
    precision: float
    date_accuracy: float | None    # None: no gold entry with a date was matched
    duplicate_rate: float
    tls_date: tuple[float, float, float]          # precision, recall, F1
    conflicts_found: int = 0
    conflicts_gold: int = 0
    missed: list[str] = field(default_factory=list)
    spurious: list[str] = field(default_factory=list)
    duplicates: dict[str, list[str]] = field(default_factory=dict)
    queries: list[tuple[str, bool]] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)  # raw counts, for pooling stories

    def to_dict(self) -> dict[str, Any]:
        p, r, f = self.tls_date
        return {"language": self.language, "documents": self.documents,
                "gold_required": self.gold_required, "entries": self.entries,
                "recall": round(self.recall, 4), "precision": round(self.precision, 4),
                "date_accuracy": (None if self.date_accuracy is None
                                  else round(self.date_accuracy, 4)),
                "duplicate_rate": round(self.duplicate_rate, 4),
                "tls_date": {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)},
                "conflicts_found": self.conflicts_found, "conflicts_gold": self.conflicts_gold,
                "missed": self.missed, "spurious": self.spurious, "duplicates": self.duplicates,
                "queries": [{"ask": a, "ok": ok} for a, ok in self.queries]}


def is_story_gold(gold: dict[str, Any]) -> bool:
    return "articles" in gold


def load_articles(gold_path: str | Path, gold: dict[str, Any]) -> list[Article]:
    path = Path(gold_path).resolve().parent / gold["articles"]
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputNotFoundError(str(path)) from exc
    except json.JSONDecodeError as exc:
        raise GoldFileError(f"{path} is not JSON ({exc}); see tests/data/stories/README.md") from exc
    out = []
    for a in meta.get("articles", []):
        if not (path.parent / a["file"]).is_file():
            raise GoldFileError(f"{path.name} lists {a['file']}, which is not beside it; "
                                f"put the article there or remove it from the list")
        out.append(Article(a["file"], parse_date(a["published"]) if a.get("published") else None,
                           a.get("language", "en"), a.get("duplicate_of")))
    return out


def process_articles(folder: Path, articles: Sequence[Article], pipeline=None
                     ) -> dict[str, Document]:
    """Each article through the pipeline, by file name."""
    from kronika.pipeline import Pipeline

    pipeline = pipeline or Pipeline.default()
    return {a.file: pipeline.process((folder / a.file).read_bytes(), published=a.published,
                                     lang=a.language, uri=a.file)
            for a in articles}


def story_timeline(docs: dict[str, Document], articles: Sequence[Article]
                   ) -> tuple[list[StoryEntry], list[Conflict]]:
    """The corpus timeline of these processed articles (near-duplicates as one source)."""
    by_file = {a.file: a for a in articles}
    items = [Sourced(e, d.id, d.published, d.language, d.source_uri)
             for f, d in docs.items() for e in d.events]
    dup = {docs[f].id: docs[a.duplicate_of].id for f, a in by_file.items()
           if f in docs and a.duplicate_of in docs}
    return merge_across(items, duplicate_of=dup)


def score_story(entries: Sequence[StoryEntry], conflicts: Sequence[Conflict],
                gold: dict[str, Any], *, files: Sequence[str] | None = None,
                language: str = "all", documents: int = 0) -> StoryScore:
    """Score a corpus timeline; with `files`, only gold entries those articles report count."""
    gold_entries = gold["entries"]
    if files is not None:
        wanted = set(files)
        in_scope = [g for g in gold_entries if wanted & set(g.get("reported_in", []))]
    else:
        in_scope = gold_entries
    matched = {g["id"]: [e.id for e in entries if entry_matches(e, g)] for g in gold_entries}
    required = [g for g in in_scope if not g.get("optional")]
    missed = [g["id"] for g in required if not matched[g["id"]]]
    recall = (len(required) - len(missed)) / len(required) if required else 1.0
    good = {eid for ids in matched.values() for eid in ids}
    spurious = [e.id for e in entries if e.id not in good]
    precision = len(good) / len(entries) if entries else 0.0

    by_id = {e.id: e for e in entries}
    dated = [g for g in required if g.get("date", {}).get("required", True) and matched[g["id"]]]
    exact = sum(1 for g in dated if any(_inside(by_id[i], g) for i in matched[g["id"]]))
    date_accuracy = exact / len(dated) if dated else None
    duplicates = {gid: ids for gid, ids in matched.items() if len(ids) > 1}
    distinct = _max_matching(matched)
    duplicate_rate = (len(good) - distinct) / len(entries) if entries else 0.0

    gold_days = {parse_date(g["date"]["earliest"]) for g in required
                 if g.get("date", {}).get("required", True)
                 and g["date"]["earliest"] == g["date"]["latest"]}
    days = {e.date.earliest for e in entries if e.date.dated and e.date.earliest == e.date.latest}
    tls = _prf(len(days & gold_days), len(days), len(gold_days))

    found = 0
    for gc in gold.get("conflicts", []):
        a, b = (set(matched.get(x, [])) for x in gc["entries"])
        if any({s.entry for s in c.sides} & a and {s.entry for s in c.sides} & b
               for c in conflicts):
            found += 1
    queries = []
    for q in gold.get("queries", []):
        got = answer(entries, q)
        lo, hi = parse_date(q["answer"]["earliest"]), parse_date(q["answer"]["latest"])
        queries.append((q["ask"], bool(got and got.date.dated and lo <= got.date.earliest
                                       and got.date.latest <= hi)))
    counts = {"required": len(required), "hit": len(required) - len(missed),
              "entries": len(entries), "good": len(good), "duplicates": len(good) - distinct,
              "dated": len(dated), "exact": exact, "days_hit": len(days & gold_days),
              "days_pred": len(days), "days_gold": len(gold_days)}
    return StoryScore(language, documents, len(required), len(entries), recall, precision,
                      date_accuracy, duplicate_rate, tls, found, len(gold.get("conflicts", [])),
                      missed, spurious, dict(duplicates), queries, counts)


def _max_matching(matched: dict[str, list[str]]) -> int:
    """How many entries can each be given a gold entry of their own (bipartite matching):
    the matched entries beyond that number are duplicates, mentions that should have merged."""
    owner: dict[str, str] = {}

    def place(gid: str, seen: set[str]) -> bool:
        for eid in matched[gid]:
            if eid in seen:
                continue
            seen.add(eid)
            if eid not in owner or place(owner[eid], seen):
                owner[eid] = gid
                return True
        return False

    return sum(place(gid, set()) for gid in sorted(matched))


def _inside(e: StoryEntry, g: dict[str, Any]) -> bool:
    lo, hi = parse_date(g["date"]["earliest"]), parse_date(g["date"]["latest"])
    return e.date.dated and lo <= e.date.earliest and e.date.latest <= hi


def _prf(hit: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = hit / pred if pred else 0.0
    r = hit / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(gold_path: str | Path, gold: dict[str, Any], *, pipeline=None,
             docs: dict[str, Document] | None = None) -> list[StoryScore]:
    """Scores for all articles, then per language (en, ru): the story gold's figures."""
    articles = load_articles(gold_path, gold)
    folder = Path(gold_path).resolve().parent
    docs = docs or process_articles(folder, articles, pipeline)
    scores = []
    for lang in ("all", "en", "ru"):
        chosen = [a for a in articles if lang == "all" or a.language == lang]
        if not chosen:
            continue
        sub = {a.file: docs[a.file] for a in chosen}
        entries, conflicts = story_timeline(sub, chosen)
        files = None if lang == "all" else [a.file for a in chosen]
        scores.append(score_story(entries, conflicts, gold, files=files, language=lang,
                                  documents=len(chosen)))
    # the baseline: every article's own timeline, side by side, with no merging across them
    alone = [e for a in articles for e in docs[a.file].timeline]
    scores.append(score_story(alone, [], gold, language=BASELINE, documents=len(articles)))
    return scores


def pooled(scores: Sequence[StoryScore]) -> dict[str, float]:
    """Micro-averaged figures over several stories' scores (counts summed, then divided)."""
    c: dict[str, int] = {}
    for sc in scores:
        for k, v in sc.counts.items():
            c[k] = c.get(k, 0) + v
    if not c:
        return {}
    p, r, f = _prf(c["days_hit"], c["days_pred"], c["days_gold"])
    return {"recall": c["hit"] / c["required"] if c["required"] else 1.0,
            "precision": c["good"] / c["entries"] if c["entries"] else 0.0,
            "date_accuracy": c["exact"] / c["dated"] if c["dated"] else 0.0,
            "duplicate_rate": c["duplicates"] / c["entries"] if c["entries"] else 0.0,
            "tls_date_f1": f, "tls_date_precision": p, "tls_date_recall": r,
            "entries": c["entries"], "gold_required": c["required"]}
