"""`make bench`: speed of the whole pipeline, per stage, against a named baseline in one run.

Corpus: the Wikinews English articles in ../shared/corpus/wikinews/en.jsonl (CC BY 2.5) when
present, else the bundled example article repeated. Baseline: the same texts through the
sentence splitter alone (reading + segmentation), the cheapest pass any pipeline makes; the
report gives the full pipeline's cost as a multiple of it, plus articles/s and words/s.
"""

from __future__ import annotations

import json
import sys
import time
from importlib import resources
from pathlib import Path

from kronika import Pipeline
from kronika.language.sentences import split

CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpus/wikinews/en.jsonl"


def load() -> tuple[str, list[tuple[str, str | None]]]:
    if CORPUS.exists():
        rows = [json.loads(line) for line in CORPUS.read_text(encoding="utf-8").splitlines()]
        return "Wikinews en (shared/corpus)", [(r["title"] + "\n\n" + r["text"], r["published"])
                                               for r in rows]
    text = resources.files("kronika.data").joinpath(
        "examples/rbc-2022-05-13-shoigu-austin.en.txt").read_text(encoding="utf-8")
    return "bundled example x50", [(text, "2022-05-13")] * 50


def main() -> int:
    name, docs = load()
    words = sum(len(t.split()) for t, _ in docs)
    pipeline = Pipeline.default()
    pipeline.process(docs[0][0], published=docs[0][1], lang="en")  # load rules once

    t0 = time.perf_counter()
    for text, _ in docs:
        split(text)
    baseline = time.perf_counter() - t0

    per_stage = dict.fromkeys(pipeline.names, 0.0)
    events = 0
    t0 = time.perf_counter()
    for text, published in docs:
        doc = None
        from kronika.document import Document

        doc = Document.from_bytes(text.encode("utf-8"), published=published and
                                  __import__("datetime").date.fromisoformat(published),
                                  language="en")
        for stage in pipeline.stages:
            s = time.perf_counter()
            doc = stage(doc)
            per_stage[stage.name] += time.perf_counter() - s
        events += len(doc.events)
    full = time.perf_counter() - t0

    print(f"corpus: {name}: {len(docs)} articles, {words} words, {events} event mentions")
    print(f"full pipeline: {full:.2f} s = {len(docs) / full:.1f} articles/s, "
          f"{words / full:,.0f} words/s (one core)")
    print(f"baseline (sentence splitting alone): {baseline:.3f} s; "
          f"full pipeline = {full / baseline:.1f} x baseline")
    for stage, secs in per_stage.items():
        print(f"  {stage:<10} {secs:7.3f} s  {100 * secs / full:5.1f} %")
    return 0


if __name__ == "__main__":
    sys.exit(main())
