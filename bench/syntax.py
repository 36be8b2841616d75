"""The cost of the events stage's syntactic fallback (events/syntax.py) on the whole pipeline.

Texts: every English Wikinews article of ../shared/corpus/wikinews/en.jsonl (skipped with a
message when ../shared is absent). The default pipeline runs over all of them twice with the
fallback off and twice with it on, alternating (off, on, off, on) in one process after one
warm-up document each (the models load outside the timing); the best CPU time (process_time)
of each counts. The difference of two runs is noisy on a busy machine (±15 % seen), so the
fallback's own CPU time is also measured inside the runs with it on (the time spent in
`syntax.add_events`: filters, parse, coding) as a share of the rest of the pipeline's time in
the same runs; that share is what the budget is checked against. Also printed: how many
sentences the fallback parses and how many events it adds. The budget of issue 10: the fallback adds at most ~8 % to the pipeline's time.
Tuned constants: none; ROUNDS only trades run time for noise (re-run the benchmark if changed).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from kronika import Pipeline
from kronika.events import Events
from kronika.events import syntax as fallback

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpus/wikinews/en.jsonl"
ROUNDS = 3
BUDGET = 0.08


def _pipeline(on: bool) -> Pipeline:
    stages = [Events(syntax=on) if s.name == "events" else s
              for s in Pipeline.default().stages]
    return Pipeline(stages)


def main() -> int:
    if not CORPUS.exists():
        print(f"bench/syntax.py: {CORPUS} is absent (a user's clone); nothing to measure")
        return 0
    rows = [json.loads(x) for x in CORPUS.read_text(encoding="utf-8").splitlines() if x]
    pipelines = {False: _pipeline(False), True: _pipeline(True)}
    parsed = []
    real_pipe = fallback.parser

    def counting_parser():
        nlp = real_pipe()

        class Counting:
            def pipe(self, texts, **kw):
                texts = list(texts)
                parsed.append(len(texts))
                return nlp.pipe(texts, **kw)

            def memory_zone(self):  # the fallback parses inside one (events/syntax.py)
                return nlp.memory_zone()

        return Counting()

    spent = [0.0]
    real_add = fallback.add_events

    def timed_add(*args):
        t0 = time.process_time()
        try:
            return real_add(*args)
        finally:
            spent[0] += time.process_time() - t0

    fallback.add_events = timed_add
    for p in pipelines.values():  # warm up: the models load here
        p.process(rows[0]["text"], published=rows[0]["published"], lang="en")
    best = {False: float("inf"), True: float("inf")}
    events, sentences, share = {}, 0, float("inf")
    for _ in range(ROUNDS):
        for on in (False, True):
            fallback.parser = counting_parser if on else real_pipe
            parsed.clear()
            spent[0] = 0.0
            t0 = time.process_time()
            n, sentences = 0, 0
            for r in rows:
                doc = pipelines[on].process(r["text"], published=r["published"], lang="en",
                                            title=r["title"])
                n += len(doc.events)
                sentences += len(doc.sentences)
            took = time.process_time() - t0
            if on:
                share = min(share, spent[0] / (took - spent[0]))
            best[on] = min(best[on], took)
            events[on] = n
    fallback.parser, fallback.add_events = real_pipe, real_add
    extra = best[True] / best[False] - 1
    print(f"syntax fallback: {len(rows)} English Wikinews articles, {sentences} sentences, "
          f"{sum(parsed)} parsed by the fallback ({sum(parsed) / sentences:.1%}); events "
          f"{events[False]} -> {events[True]}; pipeline CPU time (best of {ROUNDS}) "
          f"{best[False]:.2f} s -> {best[True]:.2f} s ({extra:+.1%}); the fallback's own CPU "
          f"time (best of {ROUNDS}) is {share:.1%} of the rest of the pipeline in the same runs "
          f"(budget {BUDGET:.0%})")
    return 0 if share <= BUDGET else 1


if __name__ == "__main__":
    sys.exit(main())
