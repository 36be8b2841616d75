"""The second annotations of tests/data/events/agreement/ hold their first file's sentences: a
`.B` file those of the first annotation (tests/data/events/ or train/), a `.C` file those of the
guideline annotation (guideline/), so `kronika eval agreement` can pair them."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronika.eval.events import agreement, read_cases

EVENTS = Path(__file__).parent / "data" / "events"
SECONDS = sorted((EVENTS / "agreement").glob("*.txt"))


def _first(second: Path) -> Path:
    name, mark = second.name.rsplit(".", 2)[0], second.name.rsplit(".", 2)[1]
    if mark == "C":
        return EVENTS / "guideline" / f"{name}.txt"
    plain = EVENTS / f"{name}.txt"
    return plain if plain.exists() else EVENTS / "train" / f"{name}.txt"


@pytest.mark.parametrize("second", SECONDS, ids=lambda p: p.name)
def test_a_second_annotation_pairs_with_its_first(second):
    lang = second.name[:2]
    score = agreement(read_cases(_first(second), lang), read_cases(second, lang))
    assert score.cases == len(read_cases(second, lang)) > 0
