"""Which time expression dates an event: tests/data/events/en.dates.txt (type and date per line)."""

from __future__ import annotations

import pytest

from kronika import Pipeline
from kronika.eval.events import date_text, read_cases
from markup import DATA

CASES = read_cases(DATA / "events" / "en.dates.txt")
PIPELINE = Pipeline.default()


@pytest.mark.parametrize("case", CASES, ids=[c.text[:60] for c in CASES])
def test_event_date(case):
    doc = PIPELINE.process(case.text, published=case.published, lang=case.lang)
    got = sorted((e.type, date_text(e)) for e in doc.events)
    assert got == sorted((g.type, g.date) for g in case.events), [e.rule for e in doc.events]
