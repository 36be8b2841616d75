"""The events gate: the English event coder scored on its case files must stay above the floors
in tests/data/gate.json ("events"): type macro-F1, status accuracy and actor F1 pooled over
events.en.txt, events/en.dev.txt and events/en.heldout.txt (see kronika.eval.events for how
they are counted), and the hedge, date and speaker accuracy above "attribute_floors". The case files are pinned by sha256: re-pin on purpose when they change.
"""

from __future__ import annotations

import hashlib
import json

import pytest

from kronika import Pipeline
from kronika.eval.events import read_cases, score
from markup import DATA

GATE = json.loads((DATA / "gate.json").read_text(encoding="utf-8"))["events"]


@pytest.fixture(scope="module")
def result():
    pipeline = Pipeline.default()
    cases = [c for f in GATE["files"] for c in read_cases(DATA / f)]
    return score(cases, lambda c: list(pipeline.process(c.text, published=c.published,
                                                        lang=c.lang).events))


@pytest.mark.parametrize("name", sorted(GATE["files"]))
def test_case_files_are_the_pinned_ones(name):
    digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
    assert digest == GATE["files"][name], f"{name} changed: re-pin gate.json on purpose"


def test_type_macro_f1(result):
    assert result.macro_f1 >= GATE["floors"]["type_macro_f1"], result.errors[:30]


def test_status_accuracy(result):
    assert result.status_accuracy >= GATE["floors"]["status_accuracy"], result.errors[:30]


def test_actor_f1(result):
    assert result.actors.f1 >= GATE["floors"]["actor_f1"], result.errors[:30]


@pytest.mark.parametrize("figure", ["hedged_accuracy", "date_accuracy", "says_accuracy"])
def test_hedge_date_and_speaker(result, figure):
    assert getattr(result, figure) >= GATE["attribute_floors"][figure], result.errors[:30]
