"""The guideline gate: the event coder of each language scored on development and training
files annotated under docs/ANNOTATION.md must stay above the floors of tests/data/gate.json
("events_guideline"): type macro-F1, status accuracy and actor F1 pooled per language (see
kronika.eval.events). These files are broad news, not the coder's own examples, so a change
that helps a few sentences and costs many shows here. Files are pinned by sha256.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from kronika import Pipeline
from kronika.eval.events import read_cases, score
from markup import DATA

GATE = json.loads((DATA / "gate.json").read_text(encoding="utf-8"))["events_guideline"]
LANGS = sorted(k for k in GATE if k != "about")


@pytest.fixture(scope="module")
def results():
    pipeline = Pipeline.default()
    out = {}
    for lang in LANGS:
        cases = [c for f in GATE[lang]["files"] for c in read_cases(DATA / f, lang)]
        out[lang] = score(cases, lambda c, lang=lang: list(pipeline.process(
            c.text, published=c.published, lang=c.lang or lang).events))
    return out


@pytest.mark.parametrize(("lang", "name"), [(lang, name) for lang in LANGS
                                            for name in sorted(GATE[lang]["files"])])
def test_case_files_are_the_pinned_ones(lang, name):
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert digest == GATE[lang]["files"][name], f"{name} changed: re-pin gate.json on purpose"


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("figure", ["type_macro_f1", "status_accuracy", "actor_f1"])
def test_floor(results, lang, figure):
    s = results[lang]
    got = {"type_macro_f1": s.macro_f1, "status_accuracy": s.status_accuracy,
           "actor_f1": s.actors.f1}[figure]
    assert got >= GATE[lang]["floors"][figure], (f"{lang} {figure} {got:.3f} fell below its "
                                                 f"floor", s.errors[:30])
