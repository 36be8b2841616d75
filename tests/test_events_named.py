"""Actors named as the guideline does where the actors layer reads another (kronika.events.named):
the examples of events/names.en.yaml, written `[[words|name]]` in the markup of tests/markup.py,
read as one mention of their rule named so; and sentences the rules must leave alone."""

from __future__ import annotations

import pytest

from kronika import Pipeline
from kronika.events import named
from kronika.rules import load_rules
from markup import parse

PIPELINE = Pipeline.default()
EXAMPLES = [(r["name"], ex) for r in load_rules("kronika.events", "names.en.yaml")["rules"]
            for ex in r["examples"]]


def _refined(text: str) -> tuple[list, list]:
    doc = PIPELINE.process(text, lang="en")
    return list(doc.mentions), named.refine(doc.text, 0, len(doc.text), list(doc.mentions))


@pytest.mark.parametrize(("rule", "marked"), EXAMPLES)
def test_rule_examples(rule, marked):
    """`[[words|name]]`: the rule reads an actor so named, its mention ending with the words;
    `[[words|]]`: the actors layer's mention of the words is left out."""
    text, spans = parse(marked)
    before, after = _refined(text)
    dropped = [(s, e) for s, e, _, name in spans if not name]
    assert all(any(m.start == s and m.actors for m in before) for s, _ in dropped)
    assert not any(m.start == s for s, _ in dropped for m in after)
    got = [(m.end, m.actors[0].name) for m in after if m.rule == rule]
    assert got == [(e, name) for _, e, _, name in spans if name]


@pytest.mark.parametrize("text", [
    "Russian police arrested Navalny.",  # an unnamed organ of a state is the state
    "The Israeli military struck Gaza.",
    "The US Navy Secretary resigned.",  # a title, no body
    "Ukrainian Armed Forces shelled the town.",  # a body of the knowledge base keeps its entry
    "Trump's campaign rally drew thousands.",  # a possessive is no group name
    "France backed Ukraine's bid to join the European Union.",  # a verb, no descriptor
    "A Russian court sentenced Navalny on Wednesday.",
])
def test_left_alone(text):
    doc = PIPELINE.process(text, lang="en")
    assert named.refine(doc.text, 0, len(doc.text), list(doc.mentions)) == list(doc.mentions)
