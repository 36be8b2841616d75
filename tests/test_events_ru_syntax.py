"""The Russian cue lexicon and the roles from the dependency parse (kronika.events.ru_syntax):
the sentences of tests/data/events/ru.syntax.txt exactly, the lexicon's examples and forms, and
the parse's offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika import Pipeline
from kronika.eval.events import read_cases
from kronika.events import ru_syntax
from kronika.events.ru import find_triggers
from kronika.language.backbone import backbone
from kronika.timex.grammar import morph
from markup import DATA

PIPELINE = Pipeline.default()
CASES = read_cases(DATA / "events" / "ru.syntax.txt", lang="ru")
CUES = sorted({c.name: c for c in ru_syntax.cues().values()}.values(), key=lambda c: c.name)


def _describe(e) -> str:  # noqa: ANN001 - an Event or a GoldEvent
    def names(xs) -> str:  # noqa: ANN001
        return " + ".join(sorted(x if isinstance(x, str) else x.name for x in xs))

    return f"{e.type} {e.status}: {names(e.sources)} -> {names(e.targets)}"


@pytest.mark.parametrize("case", CASES, ids=[f"line{c.line}" for c in CASES])
def test_syntax_case(case):
    doc = PIPELINE.process(case.text, published=case.published, lang="ru")
    got = sorted(_describe(e) for e in doc.events)
    want = sorted(_describe(g) for g in case.events)
    assert got == want, f"{case.text}\n  rules {[e.rule for e in doc.events]}"


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.name)
def test_cue_examples_are_found_where_no_rule_fires(cue):
    assert cue.examples, f"{cue.name} has no examples"
    for example in cue.examples:
        names = [h.cue.name for h in ru_syntax.find_cues(example, 0, len(example))]
        assert cue.name in names, f"{cue.name} is not found in {example!r}: {names}"
        rules = [t.rule.name for t in find_triggers(example, 0, len(example))]
        assert not rules, f"{example!r} is a rule's ({rules}), not the fallback's"


@pytest.mark.parametrize("cue", CUES, ids=lambda c: c.name)
def test_cue_examples_give_their_event(cue):
    for example in cue.examples:
        doc = PIPELINE.process(example, lang="ru")
        assert any(e.rule.startswith(cue.name) for e in doc.events), \
            [(e.rule, e.type) for e in doc.events]


def test_lexicon_lemmas_are_normal_forms_and_every_type_is_covered():
    wrong = [lemma for lemma in ru_syntax.cues()
             if morph().parse(lemma)[0].normal_form.replace("ё", "е") != lemma]
    assert not wrong, f"not pymorphy3's normal form: {wrong}"
    from kronika.document import PLOVER_TYPES

    assert {c.type for c in CUES} == set(PLOVER_TYPES)


def test_explain_names_the_cue():
    doc = PIPELINE.process("Польша финансирует армию Украины.", lang="ru")
    (event,) = doc.events
    assert event.rule == "ru-cue-aid"
    assert event.trigger.text == "финансирует"
    assert doc.text[event.trigger.start:event.trigger.end] == "финансирует"


def test_parse_keeps_each_span_apart_and_offsets_point_into_the_text():
    text = "Шум. Польша финансирует армию Украины. Ещё шум. Китай атаковал Японию."
    spans = [(5, 38), (48, 70)]
    trees = backbone("ru").parse(text, spans)
    assert len(trees) == 2
    for (start, end), words in zip(spans, trees, strict=True):
        assert words
        for w in words:
            assert start <= w.start < w.end <= end
            assert text[w.start:w.end] == w.text
            assert -1 <= w.head < len(words)
    assert [w.rel for w in trees[0] if w.text == "Польша"] == ["nsubj"]


@settings(max_examples=40, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(["Польша", "финансирует", "армию", "Украины", "и", ",", "не",
                                 "санкции", "против", "России", "допрошен", "полицией",
                                 "переговоры", "\n", "—", "«", "»", "."]), max_size=40))
def test_any_input_gives_events_with_evidence(words):
    text = " ".join(words)
    doc = PIPELINE.process(text, lang="ru")
    for e in doc.events:
        assert doc.text[e.trigger.start:e.trigger.end] == e.trigger.text
        assert e.evidence.start <= e.trigger.start < e.trigger.end <= e.evidence.end


def test_fallback_off_reads_only_rules():
    """`Events(syntax=False)` leaves the cue words out, in Russian as in English."""
    from kronika.events import Events

    doc = Pipeline.default().upto("actors").process(
        "Польша финансирует армию Украины.", published="2023-02-01", lang="ru")
    assert Events(syntax=False)(doc).events == ()
    assert [e.type for e in Events()(doc).events] == ["AID"]


def test_navec_words_join_their_cue_with_their_provenance():
    """ru.cues.navec.yaml: each word kept joins the cue it is listed under, gives the seed it
    was found from and the cosine; no word is both kept and dropped."""
    from kronika.rules import load_rules

    data = load_rules("kronika.events", "ru.cues.navec.yaml")
    lexicon = ru_syntax.cues()
    for name, words in data["added"].items():
        for word in words:
            assert lexicon[word["lemma"]].name == name
            assert 0.0 < float(word["cos"]) <= 1.0 and word["from"]
    kept = {w["lemma"].replace("ё", "е") for words in data["added"].values() for w in words}
    dropped = {w.replace("ё", "е") for w in data["dropped"]}
    assert not kept & dropped
    assert not dropped & set(lexicon)
    assert kept | dropped == ru_syntax.reviewed()
