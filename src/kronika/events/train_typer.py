"""Build the packaged learned event typers from the annotated cases (`make typer`).

    python -m kronika.events.train_typer [en|ru ...]

Trains each language's typer (events/learned.py) on every case file of TRAINING[lang] and
writes it to src/kronika/models/typer-LANG/, replacing the one there. Development files annotated
again under docs/ANNOTATION.md are read in that version (events/guideline/): in five-fold
cross-validation on the English training files the typer gained the same either way (type
macro-F1 0.322 -> 0.351 at threshold 0.15, bench/learned_types.py), and one convention is taught.
The unseen sets are never among them (README, "Where events stand"). Deterministic: the same
files give the same model.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from kronika.eval.events import read_cases
from kronika.events.learned import MODELS, settings, train

CASES = Path(__file__).resolve().parents[3] / "tests" / "data"
TRAINING = {
    "en": ["events/train/en.train1.txt", "events/train/en.train2.txt",
           "events/train/en.train-meantime.txt", "events/train/en.train-meantime2.txt",
           "events/train/en.train-plain1.txt", "events/train/en.train-plain2.txt",
           "events.en.txt", "events/en.dev.txt", "events/guideline/en.dev2.txt",
           "events/guideline/en.heldout.txt", "events/guideline/en.heldout2.txt"],
    "ru": ["events/train/ru.train1.txt", "events/train/ru.train2.txt",
           "events/train/ru.train-factrueval1.txt", "events/train/ru.train-factrueval2.txt",
           "events/ru.dev.txt", "events/guideline/ru.heldout.txt",
           "events/guideline/ru.heldout2.txt", "events/ru.rules.txt"],
}


def build(lang: str) -> Path:
    cases = [c for name in TRAINING[lang] for c in read_cases(CASES / name, lang)]
    nlp = train(cases, lang)
    folder = MODELS / settings()[lang]["model"]
    if folder.exists():
        shutil.rmtree(folder)
    nlp.to_disk(folder)
    print(f"{lang}: {len(cases)} cases -> {folder}")
    return folder


if __name__ == "__main__":
    for lang in sys.argv[1:] or ["en", "ru"]:
        build(lang)
