"""The event coder on bad input: a 5,000-word sentence, lists without verbs, a flattened table,
an all-caps headline, Russian and English mixed in one sentence, and random word salad.

Whatever comes in: no exception, no hang, and every event's trigger and evidence are true
slices of the text, the trigger inside its evidence.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kronika import Pipeline

# A CPU-time ceiling per document (other jobs on the machine do not count): a hang, not a
# speed measurement. The 5,000-word sentence takes about 2 s.
HANG_SECONDS = 30.0
SALAD = settings(max_examples=60, deadline=None, derandomize=True,
                 suppress_health_check=[HealthCheck.too_slow])
WORDS = ["Russia", "Ukraine", "Biden", "Putin", "Shoigu", "Austin", "attacked", "met", "with",
         "was", "by", "not", "tried", "to", "contact", "accused", "each", "other", "of", "the",
         "sanctions", "on", "will", "if", "denied", "that", "called", "a", "said", ",", ".", "?",
         "\"", ";", "—", "|", "\n", "Путин", "встретился", "с", "Байденом", "и", "НАТО",
         "RUSSIA", "ATTACKS", "reportedly", "refused", "and", "Kyiv", "struck", "from"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.default()


def check(pipeline: Pipeline, text: str) -> list:
    began = time.process_time()
    doc = pipeline.process(text, published="2022-05-13", lang="en")
    assert time.process_time() - began < HANG_SECONDS
    for e in doc.events:
        assert doc.text[e.trigger.start : e.trigger.end] == e.trigger.text
        assert doc.text[e.evidence.start : e.evidence.end] == e.evidence.text
        assert e.evidence.start <= e.trigger.start and e.trigger.end <= e.evidence.end
        assert e.rule
    return list(doc.events)


def test_a_sentence_of_five_thousand_words(pipeline):
    chunk = ("Russia attacked Ukraine and Biden met Putin while Austin tried to contact Shoigu "
             "and the ministers of the two countries accused each other of shelling, ")
    words = chunk.split()
    text = " ".join(words * (5000 // len(words) + 1))[:40000].rsplit(" ", 1)[0] + "."
    assert len(text.split()) >= 4000
    assert check(pipeline, text)


@pytest.mark.parametrize("text", [
    "Russia, Ukraine, Poland, Germany; talks; sanctions; attack; Biden; Putin; NATO",
    "- Russia\n- Ukraine\n- sanctions\n- talks with\n- attacked by",
    "Biden Putin Zelensky Scholz Macron Erdoğan Xi Jinping",
    "meeting meeting talks talks attack attack strike strike",
])
def test_lists_without_verbs(pipeline, text):
    check(pipeline, text)


def test_a_flattened_table(pipeline):
    text = ("Date | Actor | Target | Event\n2022-02-18 | Austin | Shoigu | talks by phone\n"
            "2022-05-13 | Austin | Shoigu | held talks with | 60 min\n"
            "2022-10-21 | Shoigu | Austin | called | —\n| | | |\n")
    check(pipeline, text)


def test_an_all_caps_headline(pipeline):
    check(pipeline, "RUSSIA ATTACKS UKRAINE AS BIDEN MEETS PUTIN AND THE EU IMPOSES SANCTIONS")


def test_russian_and_english_mixed_in_one_sentence(pipeline):
    check(pipeline, "Путин met Biden в Женеве, and Шойгу spoke with Austin по телефону 13 мая.")


@SALAD
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=60))
def test_word_salad_keeps_every_span_true(pipeline, words):
    check(pipeline, " ".join(words))
