"""The Russian temporal tagger: case file (hand-annotated news sentences) and rule examples."""

from __future__ import annotations

from datetime import date

import pytest

from kronika.language.sentences import split
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
