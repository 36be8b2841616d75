"""`make bench`, Russian events: sentences per second per core of the event stage alone, on
Russian Wikinews, with the English event stage on English Wikinews in the same run as baseline.

Texts: the first DOCS articles of ../shared/corpus/wikinews/{ru,en}.jsonl when present, else the
sentences of tests/data/events/ru.dev.txt and tests/data/events.en.txt. Every document first goes
through the stages before events (extract, sentences, noise, timex, actors with the entity model
as in the default pipeline); only the events stage is timed (process time, one thread), after one
warm-up pass that loads the rules. Target (issue 7): at least 500 sentences/s.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

from kronika import Pipeline
from kronika.events import Events
from kronika.events.learned import packaged

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpus/wikinews"
#: Articles per language (the stages before events, with the entity model, cost the most).
DOCS = 120
#: Timed passes over the prepared documents; the best pass counts.
PASSES = 3


def texts(lang: str) -> tuple[str, list[str]]:
    path = CORPUS / f"{lang}.jsonl"
    if path.exists():
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        return f"Wikinews {lang}, first {DOCS} articles", [r["text"] for r in rows[:DOCS]]
    name = "events/ru.dev.txt" if lang == "ru" else "events.en.txt"
    lines = (ROOT / "tests/data" / name).read_text(encoding="utf-8").splitlines()
    return f"tests/data/{name}", ["\n".join(x for x in lines if x and x[0] not in " #@(")]


def rate(lang: str, stage: Events) -> tuple[str, int, int, float]:
    source, docs = texts(lang)
    before = Pipeline.default().upto("actors")
    prepared = [before.process(t, lang=lang) for t in docs]
    for d in prepared[:5]:
        stage(d)  # load the rules
    sentences = sum(len(d.sentences) for d in prepared)
    best = float("inf")
    events = 0
    for _ in range(PASSES):
        t0 = time.process_time()
        events = sum(len(stage(d).events) for d in prepared)
        best = min(best, time.process_time() - t0)
    return source, sentences, events, sentences / best if best else float("inf")


def main() -> None:
    results = {lang: rate(lang, Events()) for lang in ("ru", "en")}
    for lang in ("ru", "en"):
        _, sentences, events, per_s = rate(lang, Events(typers=packaged))
        print(f"events {lang} with the learned typer: {per_s:,.0f} sentences/s per core "
              f"({events} events)")
    for lang, (source, sentences, events, per_s) in results.items():
        print(f"events {lang}: {per_s:,.0f} sentences/s per core ({sentences} sentences, "
              f"{events} events; {source})")
    ru, en = results["ru"][3], results["en"][3]
    print(f"Russian / English event stage: {ru / en:.2f}x; Russian vs the 500 sentences/s "
          f"target: {ru / 500:.1f}x")


if __name__ == "__main__":
    main()
