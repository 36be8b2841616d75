"""`make bench`, events stage: sentences per second per core of the Events stage alone.

Texts: the first DOCS English Wikinews articles of ../shared/corpus/wikinews/en.jsonl (skipped
with a message when ../shared is absent). Each article is first taken through every stage up to
and including actors (not timed); then the Events stage runs over all of them REPEAT times in
one thread, and the best pass counts. Sentences/s = sentences of the texts / seconds of that
pass. The target of the events issue is >= 500 sentences/s per core. Tuned constants: none;
DOCS and REPEAT only trade run time for noise (re-run the benchmark if changed).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kronika import Pipeline
from kronika.events import Events
from kronika.events.learned import packaged

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpus/wikinews/en.jsonl"
DOCS = 120
REPEAT = 3
TARGET = 500


def main() -> int:
    if not CORPUS.exists():
        print(f"bench/events.py: {CORPUS} is absent (a user's clone); nothing to measure")
        return 0
    rows = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x][:DOCS]
    upto = Pipeline.default().upto("actors")
    t0 = time.perf_counter()
    docs = [upto.process(r["text"], published=r["published"], lang="en", title=r["title"])
            for r in rows]
    prep = time.perf_counter() - t0
    sentences = sum(len(d.sentences) for d in docs)
    rates = {}
    for name, stage in (("rules", Events()), ("rules + learned typer", Events(typers=packaged))):
        stage(docs[0])  # load the rules and the model
        best, events = float("inf"), 0
        for _ in range(REPEAT):
            t0 = time.perf_counter()
            events = sum(len(stage(d).events) for d in docs)
            best = min(best, time.perf_counter() - t0)
        rates[name] = sentences / best
        print(f"events stage ({name}): {len(docs)} Wikinews articles, {sentences} sentences, "
              f"{events} events; best of {REPEAT} passes {best:.3f} s = "
              f"{rates[name]:,.0f} sentences/s per core (target {TARGET})")
    print(f"preprocessing up to actors took {prep:.1f} s (not counted)")
    rate = min(rates.values())
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
