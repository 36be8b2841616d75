"""The accuracy gate: the reference article's timeline must stay above the floors in gate.json.

The gold and the text are pinned by sha256 so that a changed gold file cannot pass silently;
when ../shared is present its gold must equal the committed copy.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from kronika import Pipeline
from kronika.eval.timeline import gold_document_path, load_gold, score
from markup import DATA

GATE = json.loads((DATA / "gate.json").read_text(encoding="utf-8"))
SHARED = Path(__file__).resolve().parents[1].parent / "shared"


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module", params=sorted(GATE["documents"]))
def scored(request):
    spec = GATE["documents"][request.param]
    gold_path = DATA / spec["gold"]
    gold = load_gold(gold_path)
    text_path = gold_document_path(gold_path, gold)
    assert _sha(gold_path) == spec["gold_sha256"], "gold changed: re-pin gate.json on purpose"
    assert _sha(text_path) == spec["text_sha256"], "text changed: re-pin gate.json on purpose"
    doc = Pipeline.default().process(text_path.read_bytes(), published=gold["published"],
                                     lang=gold["language"])
    return spec, score(doc, gold)


def test_recall(scored):
    spec, s = scored
    assert s.recall >= spec["floors"]["recall"], f"missed gold entries: {s.missed}"


def test_precision(scored):
    spec, s = scored
    assert s.precision >= spec["floors"]["precision"], f"spurious entries: {s.spurious}"


def test_queries(scored):
    spec, s = scored
    bad = [(q.ask, q.expected, q.got and q.got.date) for q in s.queries if not q.ok]
    assert s.queries_right >= spec["floors"]["queries_right"], bad


def test_noise_flagged(scored):
    spec, s = scored
    assert s.noise_flagged >= spec["floors"]["noise_flagged"]


def test_no_leaks(scored):
    spec, s = scored
    assert len(s.leaks) <= spec["max_leaks"], s.leaks


def test_committed_gold_equals_shared():
    shared = SHARED / "gold" / "rbc-2022-05-13-shoigu-austin.gold.json"
    if not shared.exists():
        pytest.skip("../shared is absent (a user's clone): the committed copy is used")
    assert _sha(shared) == _sha(DATA / "gold" / "rbc-2022-05-13-shoigu-austin.gold.json")
