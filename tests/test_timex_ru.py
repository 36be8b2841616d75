"""The Russian temporal tagger: case file (hand-annotated news sentences) and rule examples."""

from __future__ import annotations

from datetime import date

import pytest

from kronika.language.sentences import split
from kronika.reporting.cues import examples, find_cue_frames
from kronika.timex import tag
from kronika.timex.grammar import grammar
from markup import parse, read_cases, render
from test_timex import label

PUBLISHED = date(2022, 5, 13)
CASES = read_cases("timex.ru.txt")


def _published(case) -> date | None:
    value = case.options.get("published", "none")
    return None if value == "none" else date.fromisoformat(value)


def run(text: str, published: date | None):
    return tag(text, split(text), published, "ru")


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"line{c.lineno}")
def test_case(case):
    text, spans = parse(case.line)
    got = {(t.start, t.end, label(t)) for t in run(text, _published(case))}
    want = {(s, e, lab) for s, e, _, lab in spans}
    assert got == want, f"\n want: {render(text, sorted(want))}\n  got: {render(text, sorted(got))}"


def test_case_file_has_150_expressions():
    assert sum(len(parse(c.line)[1]) for c in CASES) >= 150


EXAMPLES = [(r.name, ex) for r in grammar("ru").rules.values() for ex in r.examples]
MODIFIERS = [(m.name, ex) for m in grammar("ru").modifiers for ex in m.examples]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES + MODIFIERS)
def test_rule_examples(rule, example):
    found = run(example, PUBLISHED)
    assert [(t.text, t.rule) for t in found] == [(example, rule)]
    assert found[0].value is not None or rule == "ru_since_event"


def test_every_rule_is_exercised_by_the_case_file():
    used = {t.rule for case in CASES for t in run(parse(case.line)[0], _published(case))}
    names = {r.name for r in grammar("ru").rules.values()} | {m.name for m in grammar("ru").modifiers}
    assert names - used == set()


# --- Russian reporting cues (kronika/reporting/ru.yaml) -------------------------------------------

@pytest.mark.parametrize("example", examples("ru"))
def test_reporting_cue_examples_find_a_frame(example):
    (s,) = split(example)
    assert find_cue_frames(example, s, "ru")


def test_content_before_a_dash_and_cue_is_the_reported_part():
    text = "«Переговоры прервались три дня назад», — заявил губернатор 10 марта."
    (s,) = split(text)
    (frame,) = find_cue_frames(text, s, "ru", run(text, PUBLISHED))
    assert text[frame.content_start:frame.content_end].startswith("«Переговоры")
    assert str(frame.date.earliest) == "2022-03-10"
