"""Places: the rules' examples, attachment, resolution, the gazetteer's data, and the gold gate.

Rule examples are written [[words|id]] (see places/rules.en.yaml); the gold files
tests/data/places.*.txt use the markup of kronika.eval.places.
"""

from __future__ import annotations

import json
from dataclasses import replace
from importlib import resources

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika import default_pipeline
from kronika.document import Document, Event, Span, entry_from_dict, entry_to_dict
from kronika.errors import PlaceFileError
from kronika.eval.places import gazetteer_id, kronika_locator, read_cases, score
from kronika.places import find_mentions, gazetteer, locate
from kronika.places.centroids import base_map, centroids, dumps
from kronika.places.finder import rule_set
from kronika.places.resolve import resolve
from kronika.timeline import merge
from markup import DATA, parse

UPTO_ACTORS = default_pipeline().upto("actors")
EXAMPLES = [(lang, rule.name, ex) for lang in ("en", "ru") for rule in rule_set(lang).rules
            for ex in rule.examples]


def _doc(text: str, lang: str = "en") -> Document:
    return UPTO_ACTORS.process(text, published="2022-05-13", lang=lang)


@pytest.mark.parametrize(("lang", "rule", "example"), EXAMPLES,
                         ids=[f"{r}-{i}" for i, (_, r, _) in enumerate(EXAMPLES)])
def test_rule_examples_find_and_resolve_their_place(lang: str, rule: str, example: str) -> None:
    text, spans = parse(example)
    gaz = gazetteer()
    got = [(r.mention.start, r.mention.end, r.place.id, r.mention.rule)
           for r in resolve(find_mentions(_doc(text, lang), gaz), gaz)]
    want = [(s, e, gazetteer_id(label), rule) for s, e, _, label in spans]
    assert got == want, example


def _locations(marked: str, lang: str = "en") -> list[str | None]:
    """The place text each [[trigger|event]] of a marked sentence is located at."""
    text, spans = parse(marked)
    found = locate(_doc(text, lang), [(s, e) for s, e, _, _ in spans])
    return [loc["text"] if loc else None for loc in found]


def test_each_event_takes_its_own_clause_place_never_another_events() -> None:
    assert _locations("Russia [[shelled|e]] Kharkiv, and Ukraine [[struck|e]] Belgorod.") == \
        ["Kharkiv", "Belgorod"]
    assert _locations("Biden [[spoke|e]] to Zelensky while Blinken [[held talks|e]] in "
                      "Warsaw.") == [None, "Warsaw"]


def test_a_place_in_a_clause_without_a_trigger_goes_to_the_nearest_event_only() -> None:
    assert _locations("In Antalya, Lavrov [[met|e]] Kuleba.") == ["Antalya"]
    assert _locations("Austin [[met|e]] Wei on Friday, on the sidelines of the Shangri-La "
                      "Dialogue in Singapore.") == ["Singapore"]


def test_where_words_were_said_locates_the_saying_not_what_it_reports() -> None:
    assert _locations("Speaking in Moscow, Lavrov [[accused|e]] the West.") == ["Moscow"]
    assert _locations("Lavrov told journalists in Moscow that Ukraine had [[shelled|e]] "
                      "villages.") == [None]
    assert _locations("Выступая в Москве, Лавров [[обвинил|e]] Запад.", "ru") == ["Москве"]


def test_the_dateline_locates_events_whose_sentence_names_no_place() -> None:
    assert _locations("SINGAPORE — Austin [[met|e]] Wei on Friday.") == ["SINGAPORE"]
    assert _locations("SINGAPORE — Austin [[met|e]] Wei in Jakarta.") == ["Jakarta"]
    assert _locations("Austin [[met|e]] Wei on Friday.") == [None]


def test_time_expressions_and_known_people_are_no_places() -> None:
    assert _locations("Austin [[met|e]] Wei in May.") == [None]
    assert _locations("Shoigu [[met|e]] Austin at the Washington Post offices.") == [None]


def test_ambiguous_names_keep_the_alternatives_and_say_what_decided() -> None:
    text, spans = parse("KYIV — Ukrainian forces [[shelled|e]] positions near Donetsk.")
    (loc,) = locate(_doc(text), [(s, e) for s, e, _, _ in spans])
    assert loc["id"] == "geonames:709717" and loc["country"] == "UKR"
    assert loc["resolved_by"] in ("prominent", "context")
    assert "geonames:565348" in [a["id"] for a in loc["alternatives"]]  # Donetsk, Rostov oblast
    (loc,) = locate(_doc("Two people were killed in Paris, Texas."), [(16, 22)])
    assert (loc["id"], loc["admin1"], loc["resolved_by"]) == ("geonames:4717560", "US.TX",
                                                              "qualifier")


def test_location_json_has_both_names_coordinates_and_the_rules() -> None:
    text = "Lavrov [[met|e]] Kuleba in Antalya."
    plain, spans = parse(text)
    (loc,) = locate(_doc(plain), [(s, e) for s, e, _, _ in spans])
    assert loc["names"]["en"] == "Antalya" and loc["names"]["ru"] in ("Анталья", "Анталия")
    assert loc["name"] == "Antalya" and loc["country"] == "TUR" and loc["feature"] == "P"
    assert 36 < loc["lat"] < 37.5 and 30 < loc["lon"] < 31.5
    assert plain[loc["start"]:loc["end"]] == loc["text"] == "Antalya"
    assert (loc["rule"], loc["attached"]) == ("en_in", "clause")


def test_the_pipeline_sets_event_and_entry_locations_and_json_round_trips() -> None:
    doc = default_pipeline().process("Austin met Akar in Ankara on May 10, 2022.",
                                     published="2022-05-13", lang="en")
    (event,) = doc.events
    assert event.location["name"] == "Ankara"
    (entry,) = doc.timeline
    assert entry.location == event.location
    assert entry_from_dict(json.loads(json.dumps(entry_to_dict(entry)))) == entry
    assert Document.from_json(doc.to_json()).events[0].location == event.location


def test_an_entry_takes_the_location_of_its_best_located_event() -> None:
    span = Span(0, 3, "met")
    loc = {"name": "Ankara", "attached": "dateline"}
    better = {"name": "Antalya", "attached": "clause"}
    a = Event("a", "CONSULT", "occurred", span, span, confidence=0.9, location=loc)
    b = replace(a, id="b", confidence=0.5, location=better,
                evidence=Span(10, 13, "met"))
    c = replace(a, id="c", location=None)
    for events in ([a, b], [b, a], [c, b, a]):
        entries = merge([replace(e, sources=()) for e in events])
        assert [e.location for e in entries if e.location][0]["name"] == "Antalya"


def test_the_gold_sets_pass_the_gate() -> None:
    cases = read_cases(str(DATA / "places.en.txt")) + read_cases(str(DATA / "places.ru.txt"))
    assert len({(c.file, c.line) for c in cases}) >= 150
    result = score(cases, kronika_locator())
    assert result.events >= 150
    assert result.place_accuracy >= 0.85, result.errors
    assert result.resolution_accuracy >= 0.90, result.errors


def test_the_held_out_wikinews_sentences_pass_the_same_targets() -> None:
    cases = [c for name in ("places.heldout.en.txt", "places.heldout.ru.txt")
             for c in read_cases(str(DATA / name))]
    result = score(cases, kronika_locator())
    assert result.events >= 25
    assert result.place_accuracy >= 0.85, result.errors
    assert result.resolution_accuracy >= 0.90, result.errors


def test_the_committed_centroids_are_those_of_the_base_map() -> None:
    committed = resources.files("kronika.places").joinpath("centroids.json").read_text("utf-8")
    assert dumps(centroids(base_map())) == committed
    points = json.loads(committed)
    assert 44 < points["804"][0] < 53 and 22 < points["804"][1] < 41   # Ukraine
    assert 50 < points["643"][0] < 70 and 40 < points["643"][1] < 140  # Russia, unwrapped


def test_the_supplement_is_sourced_and_its_ids_are_unique() -> None:
    gaz = gazetteer()
    from kronika.rules import load_rules

    items = load_rules("kronika.places", "supplement.yaml")["places"]
    assert all(item["source"] for item in items)
    ids = [item["id"] for item in items]
    assert len(ids) == len(set(ids))
    for item in items:
        place = gaz.by_id[item["id"]]
        assert place.name_ru == item["name"]["ru"]


def test_a_broken_supplement_entry_names_what_it_lacks(monkeypatch) -> None:
    import importlib

    module = importlib.import_module("kronika.places.gazetteer")

    monkeypatch.setattr(module, "load_rules", lambda pkg, name: {"places": [{"id": "x"}]})
    with pytest.raises(PlaceFileError, match=r"\[K460\].*'x' lacks name"):
        module._supplement()


@settings(max_examples=40, deadline=None)
@given(st.lists(st.sampled_from(["in", "Kyiv", "Paris", "the", "region", "Kharkiv", "near",
                                 "May", ",", "—", "KYIV", "Texas", "в", "Москве", "on",
                                 "Donbass", "shelled", "\n"]), max_size=25))
def test_mentions_are_spans_of_the_text_and_never_overlap(words: list[str]) -> None:
    text = " ".join(words)
    for lang in ("en", "ru"):
        doc = Document("x", text=text, language=lang)
        found = find_mentions(doc, gazetteer())
        assert all(text[m.start:m.end] == m.text for m in found)
        assert all(a.end <= b.start for a, b in zip(found, found[1:], strict=False))
