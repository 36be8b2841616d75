"""Actors the knowledge base does not know (kronika.events.unknown): which capitalised words near a
trigger become actors, written as `[[words|unknown]]` in the markup of tests/markup.py, and a
property test that every such mention is a true slice of its sentence."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.errors import RuleFileError
from kronika.events import unknown
from kronika.rules import load_rules, word_list, word_map
from markup import parse

CASES = [
    "[[Pelosi|unknown]] criticized the budget plan.",
    "The [[House of Representatives|unknown]] impeached the president.",
    "Judge [[Paul Kellar|unknown]] ordered the release.",
    "The [[Oath Keepers|unknown]] met the envoy in Doha.",
    "Protesters called for the resignation of [[Rosselló|unknown]].",  # an opener is no name
    "Kurdish groups fought the militants.",  # a nationality adjective
    "Missiles hit Odesa on Sunday.",  # a town of the gazetteer
    "Odesa was shelled on Sunday.",  # a town of the gazetteer, before a be-form
    "[[Parker|unknown]] spoke to [[Wikinews|unknown]] in July.",  # a surname that is a town's
    "[[Jackson|unknown]] was convicted of fraud in 2019.",  # ... a passive only people undergo
    "Regulators fined [[Google|unknown]] in May.",  # ... the object of a fine (also a town's)
    "Later, [[Jackson|unknown]] criticized the budget plan.",  # name, opening its clause
    "The envoy flew to Jackson on Monday.",  # ... but a place after a preposition
    "Later Judge [[Marrero|unknown]] dismissed the lawsuit.",  # ... unless a title precedes
    "He called the Mayor of Birmingham on Monday.",  # ... right before the name
    "He worked for Virginia-based [[Symplicity Corporation|unknown]] for years.",
    "A shooting in Kenosha, Wisconsin sparked protests.",  # ... or a town's state
    "In a message on Twitter, [[Warren|unknown]] commended the plan.",  # ... not after a platform
    "[[Williams|unknown]] criticized the budget plan.",  # a surname ending in -s opens it
    "Analysts criticized the budget plan.",  # a plural common noun does not
    "Nevertheless, [[Congress|unknown]] urged the envoy to resign.",  # nor an adverb
    "Anti-government protests continued.",  # nor a hyphenated adjective
    "[[Democrats|unknown]] criticized the budget plan.",  # a party's members are actors
    "The envoy sanctioned [[al-Muhandis|unknown]].",  # an article before a name
    "On Monday, Thousands marched.",  # openers and counts
    "The [[Daily Mail|unknown]], \"All of them\" said.",  # a quote ends a name
    "Later, [[The New York Times|unknown]] published it.",  # a title keeps its "The"
    "The [[Commission on Presidential Debates|unknown]] refused.",  # a body's name goes on
    "[[Pelosi|unknown]] on Monday criticized the plan.",  # ... a person's does not
    # a capital only because the sentence opens: the tagger reads an adjective or a noun
    "New sanctions were imposed on the regime.",
    "Seventeen rockets were fired at the town.",
    "Twin bombings hit the market on Monday.",
    "True justice demands that the army withdraw.",
    "Search and rescue teams helped the town.",
    "[[Blankenship|unknown]] attacked the media.",  # ... a name before its verb
    "[[Greenpeace|unknown]] activists picketed the headquarters.",  # ... a group's members
    "[[Gazprom|unknown]] cut gas supplies to the region.",
    "The envoy flew to The Hague on Monday.",  # ... a place does not become an actor
    # a word refused alone joined by "and" to a name it is coordinated with (act-en9)
    "[[Lopez|unknown]] and [[Garcia|unknown]] were convicted of fraud.",  # an opener, a town
    "[[VW|unknown]] and [[Renault|unknown]] were given loans.",  # two capitals
    "Odesa and Kharkiv were shelled on Sunday.",  # ... two towns vouch for nothing
    # a town's name as the object of a verb only people or bodies take is a surname (act-en10)
    "The senator thanked [[Warren|unknown]] for her support.",
    "Critics slammed [[Jackson|unknown]]'s handling of the inquiry.",
    "The court was urging [[Delgado|unknown]] to testify.",
    "She later met with [[Bolton|unknown]] in private.",
    "The rebels attacked Jackson at dawn.",  # ... a town is attacked
    "The envoy visited Mendez on Tuesday.",  # ... and visited
    "He grew up in a town called Warren.",  # ... and called so
    # a rank or an office before a name is a person's title (act-en10)
    "General [[Tahmasebi|unknown]] ordered the retreat.",
    "Secretary [[Warren|unknown]] criticized the budget plan.",  # a town's name too
    "Minister [[Okafor|unknown]] rejected the offer.",
    # ... before a body's word it is part of the body's name
    "The [[General Assembly|unknown]] condemned the annexation.",  # not an adverb in -ly
    "The [[Justice Department|unknown]] sued the company.",
    "[[General Motors|unknown]] sued the company.",  # ... and a plural noun a company's
    # a capitalised adjective in -al names no one (act-en10) ...
    "Federal agents detained the envoy.",
    "Initial reports blamed the envoy.",
    "The envoy praised the Constitutional reform.",
    "[[Congressional|unknown]] leaders rejected the offer.",  # ... but a body's adjective does
    "Western leaders condemned the annexation.",  # a region's adjective names no one
    "The firms left Middle Eastern markets.",  # ... last in a run too
    "[[Ahern|unknown]] criticized the budget plan.",  # ... but a surname in -ern stays
]


@pytest.mark.parametrize("marked", CASES)
def test_unknown_names(marked):
    text, spans = parse(marked)
    got = [(m.start, m.end, m.text) for m in unknown.mentions(text, 0, len(text), [])]
    assert got == [(s, e, words) for s, e, words, _ in spans]


def test_actor_has_words_as_name_and_no_id():
    (m,) = unknown.mentions("Congress rejected the plan.", 0, 26, [])
    assert (m.actors[0].name, m.actors[0].id, m.actors[0].kind) == ("Congress", None,
                                                                    "organisation")


@settings(max_examples=80, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["Pelosi", "the", "House", "of", "and", ",", "\"", "Odesa",
                                 "Kurdish", "groups", "Did", "met", "Sea", "Japan", "bin", "'s"]),
                max_size=20))
def test_mentions_are_slices(words):
    text = " ".join(words)
    for m in unknown.mentions(text, 0, len(text), []):
        assert text[m.start : m.end] == m.text
        # the words are the name, but for a body named by its last word or its adjective
        # (an acronym in brackets takes the name before it)
        if not (m.text.isupper() and text[: m.start].endswith(" (")):
            assert m.actors[0].name == {**unknown.SHORT_BODY_NAMES,
                                        **unknown.BODY_ADJECTIVES}.get(m.text, m.text)


def test_a_body_adjective_names_the_body():
    (m,) = unknown.mentions("Parliamentary leaders rejected the offer.", 0, 41, [])
    assert (m.text, m.actors[0].name, m.actors[0].kind) == ("Parliamentary", "Parliament",
                                                           "organisation")


@pytest.mark.parametrize(("text", "name"), [
    ("The House impeached the governor.", "House of Representatives"),  # the House alone
    ("The bill passed the House on Friday.", "House of Representatives"),
    ("The House of Commons rejected the bill.", "House of Commons"),  # ... not a longer name
])
def test_a_body_named_by_its_last_word(text, name):
    (m,) = unknown.mentions(text, 0, len(text), [])
    assert m.actors[0].name == name


def test_an_acronym_in_brackets_is_the_name_before_it():
    text = "The Kurdistan Free Life Party (PJAK) attacked the base."
    names = [(m.text, m.actors[0].name) for m in unknown.mentions(text, 0, len(text), [])]
    assert names == [("Kurdistan Free Life Party", "Kurdistan Free Life Party"),
                     ("PJAK", "Kurdistan Free Life Party")]


def test_every_word_list_of_the_file_is_a_list_of_words():
    data = load_rules("kronika.events", "unknown.en.yaml")
    for key, value in data.items():
        if isinstance(value, dict):
            assert word_map(data, key, "unknown.en.yaml")
        else:
            assert word_list(data, key, "unknown.en.yaml")


@pytest.mark.parametrize("data", [
    {},  # the key is missing
    {"not-names": ["the", True]},  # YAML read an unquoted "on" as true
    {"not-names": "the, a, an"},  # a string, not a list
])
def test_a_missing_or_malformed_word_list_is_a_rule_file_error(data):
    with pytest.raises(RuleFileError, match=r"K400.*x\.yaml: 'not-names'"):
        word_list(data, "not-names", "x.yaml")


def test_a_malformed_word_table_is_a_rule_file_error():
    with pytest.raises(RuleFileError, match=r"K400.*x\.yaml: 'short-body-names'"):
        word_map({"short-body-names": ["House"]}, "short-body-names", "x.yaml")


def test_tagging_an_opener_inside_the_parsers_memory_zone_keeps_the_zones_words():
    from kronika.events.syntax import parser

    nlp = parser()
    with nlp.memory_zone():  # the syntax fallback codes its sentences inside one
        doc = nlp("Zorblat criticized the Quuxian plan.")
        unknown._proper_noun.cache_clear()
        assert unknown._proper_noun("Flimzy activists marched on Monday.")
        assert [t.lower_ for t in doc][:2] == ["zorblat", "criticized"]
