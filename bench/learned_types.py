"""Does the learned typer help the event coder, and over which threshold? (issue 7, 7th round)

Five-fold cross-validation over TRAIN case files (by case): each fold's typer is trained
(`kronika.events.learned.train`) on the other folds plus the EXTRA files, and the events stage
runs on the fold's cases exactly as in `kronika process` (rules, then the typer over a
threshold). Printed: the rules alone, then rules + typer per threshold, in the figures of
`kronika eval events`. This chose the thresholds of `events/learned.yaml`.

    .venv/bin/python bench/learned_types.py --lang en TRAIN[,TRAIN...] [EXTRA,...]

Never run it with an unseen set among the files (README, "Where events stand").
"""

from __future__ import annotations

import argparse
import random
import sys

from kronika.eval.events import read_cases, score
from kronika.events import Events
from kronika.events.learned import Typer, train
from kronika.pipeline import Pipeline

THRESHOLDS = (0.1, 0.15, 0.2, 0.3)


def always(typer: Typer):  # noqa: ANN201 - a language -> typer function
    """The typer of every language."""
    return lambda _: typer


def upto_actors() -> Pipeline:
    """The default pipeline's stages before the events stage."""
    stages = Pipeline.default().stages
    return Pipeline(stages[:[s.name for s in stages].index("events")])


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--lang", default="en")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("train")
    ap.add_argument("extra", nargs="?", default="")
    a = ap.parse_args()
    upto = upto_actors()
    cases = [c for f in a.train.split(",") for c in read_cases(f, a.lang)]
    extra = [c for f in a.extra.split(",") if f for c in read_cases(f, a.lang)]
    docs = [upto.process(c.text, published=c.published, lang=c.lang or a.lang) for c in cases]
    order = list(range(len(cases)))
    random.Random(5).shuffle(order)
    events: dict[object, dict[int, list]] = {v: {} for v in ("rules", *THRESHOLDS)}
    rules = Events(typers=lambda _: None)
    for i, d in enumerate(docs):
        events["rules"][i] = list(rules(d).events)
    for k in range(a.folds):
        test = order[k::a.folds]
        nlp = train([c for i, c in enumerate(cases) if i not in set(test)] + extra, a.lang)
        for t in THRESHOLDS:
            stage = Events(typers=always(Typer(nlp, t)))
            for i in test:
                events[t][i] = list(stage(docs[i]).events)
        print(f"fold {k + 1}/{a.folds} done", file=sys.stderr)
    index = {id(c): i for i, c in enumerate(cases)}
    for name, got in events.items():
        s = score(cases, lambda c, got=got: got[index[id(c)]])
        label = "rules" if name == "rules" else f"+ typer > {name}"
        print(f"{label:<16} macro-F1 {s.macro_f1:.3f}  micro P {s.micro.precision:.3f} "
              f"R {s.micro.recall:.3f} F1 {s.micro.f1:.3f}  status {s.status_accuracy:.3f}  "
              f"actor F1 {s.actors.f1:.3f}")


if __name__ == "__main__":
    main()
