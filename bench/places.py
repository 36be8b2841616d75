"""`make bench`: the cost of the places stage, in articles per second per core, with and without it.

Corpus: the Wikinews articles in ../shared/corpus/wikinews/ (CC BY 2.5; English, and Russian
once Russian events exist) when present, else the bundled example article repeated. Each article
goes through the default pipeline without the places stage (the baseline) and with it, in this
one process (one core; CPU time, so other load on the machine does not count), and the places
stage is also timed alone on the finished documents. The one-off cost of building the gazetteer
is reported apart. Since the event coders find few events in Wikinews yet, the stage's work
is also timed with one pseudo-event per sentence (every sentence's places found, resolved and
attached), which bounds its cost once events are dense.

    .venv/bin/python bench/places.py [N_ARTICLES_PER_LANGUAGE]
"""

from __future__ import annotations

import json
import sys
import time
from importlib import resources
from pathlib import Path

from kronika import Pipeline
from kronika.places import Places, gazetteer, locate

ROUNDS = 2
CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpus/wikinews"


def load(n: int) -> tuple[str, list[tuple[str, str | None, str]]]:
    docs = []
    for lang in ("en", "ru"):
        path = CORPUS / f"{lang}.jsonl"
        if path.exists():
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
            docs += [(r["title"] + "\n\n" + r["text"], r["published"], lang) for r in rows[:n]]
    if docs:
        return f"Wikinews (shared/corpus), {n} articles per language", docs
    text = resources.files("kronika.data").joinpath(
        "examples/rbc-2022-05-13-shoigu-austin.en.txt").read_text(encoding="utf-8")
    return "bundled example x20", [(text, "2022-05-13", "en")] * 20


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 60
    name, docs = load(n)
    full = Pipeline.default()
    without = Pipeline([s for s in full.stages if s.name != "places"])
    t0 = time.process_time()
    gazetteer()
    build = time.process_time() - t0
    for text, published, lang in docs[:10]:  # load every model and warm the caches first
        full.process(text, published=published, lang=lang)

    # each pipeline twice, alternating, the faster run counted (caches warm, noise lower)
    base = with_places = float("inf")
    for _ in range(ROUNDS):
        t0 = time.process_time()
        for text, published, lang in docs:
            without.process(text, published=published, lang=lang)
        base = min(base, time.process_time() - t0)
        t0 = time.process_time()
        done = [full.process(text, published=published, lang=lang)
                for text, published, lang in docs]
        with_places = min(with_places, time.process_time() - t0)
    stage = Places()
    t0 = time.process_time()
    for doc in done:
        stage(doc)
    alone = time.process_time() - t0

    # the coders find few events in Wikinews yet: also locate one pseudo-event per sentence (at
    # its first word), the work the stage does once events are dense
    t0 = time.process_time()
    for doc in done:
        locate(doc, [(s.start, s.start + 1) for s in doc.sentences])
    dense = time.process_time() - t0
    sentences = sum(len(d.sentences) for d in done)

    events = sum(len(d.events) for d in done)
    located = sum(1 for d in done for e in d.events if e.location)
    print(f"places bench: {name}: {len(docs)} articles, {events} events, {located} located "
          f"({located / max(events, 1):.0%})")
    print(f"  without places (baseline): {len(docs) / base:7.2f} articles/s/core")
    print(f"  with places:               {len(docs) / with_places:7.2f} articles/s/core "
          f"({with_places / base:.3f} x the baseline's time)")
    print(f"  places stage alone:        {len(docs) / alone:7.1f} articles/s/core "
          f"({alone / len(docs) * 1000:.1f} ms an article)")
    print(f"  places, one event per sentence ({sentences} sentences): {len(docs) / dense:7.1f} "
          f"articles/s/core ({dense / len(docs) * 1000:.1f} ms an article, "
          f"{dense / base:.1%} of the baseline's time)")
    print(f"  gazetteer build, once per process: {build:.2f} s CPU ({len(gazetteer())} places)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
