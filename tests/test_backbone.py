"""The language backbone: segmentation, named entities with normal forms, one cached model."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.errors import UnsupportedLanguageError
from kronika.language import backbone


def test_russian_sentences_and_tokens_are_offsets():
    text = "Глава Минобороны С. Шойгу прибыл в Москву. Т.е. переговоры прошли."
    sents = backbone.sentences(text, "ru")
    assert [s.text for s in sents] == ["Глава Минобороны С. Шойгу прибыл в Москву.",
                                       "Т.е. переговоры прошли."]
    for s in sents + backbone.tokens(text, "ru"):
        assert text[s.start:s.end] == s.text


def test_english_sentences_keep_abbreviations():
    text = "Gen. Mark Milley spoke to the U.S. press. He left."
    assert [s.text for s in backbone.sentences(text, "en")] == [
        "Gen. Mark Milley spoke to the U.S. press.", "He left."]


def test_russian_entities_have_lemmatised_normal_forms():
    text = "Сергею Шойгу позвонил Ллойд Остин из Вашингтона."
    ents = backbone.entities(text, [(0, len(text))], "ru")
    got = [(e.text, e.label, e.normal) for e in ents]
    assert ("Сергею Шойгу", "PER", "Сергей Шойгу") in got
    assert ("Вашингтона", "LOC", "Вашингтон") in got
    for e in ents:
        assert text[e.start:e.end] == e.text


def test_english_entities_only_in_given_spans():
    text = "Nothing here. Tom Hanks met Angela Merkel in Berlin."
    second = backbone.sentences(text, "en")[1]
    ents = backbone.entities(text, [(second.start, second.end)], "en")
    assert ("Tom Hanks", "PER") in [(e.text, e.label) for e in ents]
    assert all(e.start >= second.start for e in ents)
    assert backbone.entities(text, [], "en") == []


def test_english_entity_model_learns_no_words_for_good():
    """A long ingest must not grow the model's string store with every new word it reads."""
    model = backbone.backbone("en").nlp
    text = "Mr Zqxvortel met Ms Plimbarrow and the Krevnatovic family in Dorquay."
    backbone.entities(text, [(0, len(text))], "en")
    before = len(model.vocab.strings)
    text = "Mr Aulvoqrent met Ms Trisquemba and the Yorvanetic family in Elbrasque."
    backbone.entities(text, [(0, len(text))], "en")
    assert len(model.vocab.strings) == before


def test_models_load_once():
    assert backbone.backbone("ru") is backbone.backbone("ru")
    assert backbone.backbone("en").nlp.pipe_names == ["ner"]  # the NER embeds on its own


def test_a_loaded_backbone_runs_blas_on_one_thread():
    from threadpoolctl import threadpool_info

    backbone.backbone("ru")
    blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
    assert blas and all(lib["num_threads"] == 1 for lib in blas)


def test_unknown_language():
    with pytest.raises(UnsupportedLanguageError):
        backbone.sentences("Hallo Welt.", "de")


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet="Аб вГ.!? Шойгу\n", max_size=60), st.sampled_from(["en", "ru"]))
def test_segments_are_ordered_substrings(text, lang):
    end = -1
    for s in backbone.sentences(text, lang):
        assert text[s.start:s.end] == s.text and s.start >= end
        end = s.end


def test_factrueval_ner_floor():
    """natasha on the first 20 factRuEval-2016 test documents (needs ../shared; the full run is
    bench/factrueval.py): per-token F1 within 0.05 of natasha's published figures."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "bench/factrueval.py"
    spec = importlib.util.spec_from_file_location("factrueval", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not module.DATA.exists():
        pytest.skip(f"{module.DATA} is absent: the factRuEval gate needs ../shared")
    _, _, _, scores = module.evaluate(limit=20)
    for label, published in module.PUBLISHED.items():
        assert scores[label][5] >= published - 0.05, (label, scores[label])


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(["Сергей Шойгу", "прибыл", "в", "Москву", "Ллойдом Остином",
                                 ".", "\n", "Иван", "Петров", "и"]), max_size=20))
def test_russian_entity_offsets_survive_joining(words):
    text = " ".join(words)
    spans = [(s.start, s.end) for s in backbone.sentences(text, "ru")]
    for e in backbone.entities(text, spans, "ru"):
        assert text[e.start:e.end] == e.text
