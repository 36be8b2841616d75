"""The WordNet words of the English event cues (events/wordnet.en.yaml, read by events/syntax.py)
against tests/data/events/en.wordnet.txt, and the file's reading: rejected words stay out,
WordNet's irregular verb forms are matched, a word names a cue that exists."""

from __future__ import annotations

import re

import pytest

from kronika import Pipeline
from kronika.errors import RuleFileError
from kronika.events import syntax
from markup import read_cases
from test_events import assert_case

CASES = read_cases("events/en.wordnet.txt")
PIPELINE = Pipeline.default()
NAMES = {c.name for c in syntax.lexicon("en").cues}


@pytest.mark.parametrize("case", CASES, ids=[f"line{c.lineno}" for c in CASES])
def test_wordnet_case(case):
    if not assert_case(PIPELINE, case):
        return
    gained = {w for parts in syntax.wordnet_words("en", NAMES)[0].values()
              for words in parts.values() for w in words}
    words = re.findall(r"[a-z]+", case.line)  # the event word, or the object its verb needs
    stems = {g.removesuffix("e") for g in gained}  # "lionize" -> "lionized"
    assert any(w.startswith(g) for w in words for g in stems), "no WordNet word in it"


def test_rejected_words_are_not_read():
    lex = syntax.lexicon("en")
    assert "salvaged" not in lex.verbs and "forewarned" not in lex.verbs
    assert "rebutted" in lex.verbs  # a kept word of the same file


def test_objects_join_their_cue():
    lex = syntax.lexicon("en")
    assert lex.objects.get("corvettes") == "corvette"  # mobilize-deploy's, with its plural
    assert "bundle" not in lex.objects  # rejected: aid-give's "bundle" is mostly no aid


def test_irregular_forms_come_from_wordnet():
    forms = syntax.wordnet_words("en", NAMES)[1]
    assert "rebutted" in forms["rebut"] and "rebuted" not in forms["rebut"]
    assert "rebuts" in forms["rebut"]
    assert "rebuted" not in syntax.lexicon("en").verbs


def test_a_word_for_an_unknown_cue_is_a_rule_file_error(monkeypatch):
    def fake(package, name):
        return {"cues": {"no-such-cue": {"verbs": [{"word": "parley"}]}}}

    monkeypatch.setattr(syntax, "load_rules", fake)
    with pytest.raises(RuleFileError, match="no-such-cue"):
        syntax.wordnet_words("en", NAMES)
