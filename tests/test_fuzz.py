"""Fuzzing the whole pipeline: random bytes, random HTML, hostile Unicode, adversarial strings.

Whatever comes in, kronika either returns a document whose every span is a true slice of its
text, or raises a KronikaError that says what is wrong. Nothing else: no other exception, no hang.
The budget is fixed (examples per property) so CI time stays bounded.
"""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kronika.document import Document
from kronika.errors import KronikaError
from kronika.pipeline import Pipeline

FUZZ = settings(max_examples=150, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow])
# A generous wall-clock ceiling per document: a hang, not a speed measurement.
HANG_SECONDS = 20.0

HOSTILE = (
    "\u202e\u202d\u200f\u200e"  # right-to-left and left-to-right overrides and marks
    "\u0301\u0308\u0336"  # combining marks
    "\u200b\u200c\u200d\ufeff\u2060"  # zero-width characters and the BOM
    "\u0627\u05d0"  # Arabic and Hebrew letters
    "\U0001f600\U0001f1f7\U0001f1fa"  # emoji and a flag pair
    "\x00\x07\x1b\r\n\t\u2028\u2029\xa0"
)
WORDS = ["Austin", "Shoigu", "tried", "to", "contact", "on", "May", "13", "2022", "said",
         "Pentagon", "according", "to", "last", "week", "в", "марте", "Шойгу", "заявил", ".", ",",
         "\"", "(", ")", "—", "met", "talks", "with", "Monday", "ago", "less", "than"]


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline.default()


def check(doc: Document) -> None:
    text = doc.text
    n = len(text)
    spans = [*doc.noise, *doc.sentences, *doc.timexes]
    for m in doc.mentions:
        spans.append(m)
    for e in doc.events:
        spans += [e.trigger, e.evidence]
        if e.attribution:
            spans.append(e.attribution)
    for s in spans:
        assert 0 <= s.start <= s.end <= n, s
        assert text[s.start:s.end] == s.text, s
    Document.from_dict(doc.to_dict())  # the JSON form always reads back


def run(pipeline: Pipeline, data: str | bytes, **kw) -> None:
    started = time.monotonic()
    try:
        doc = pipeline.process(data, **kw)
    except KronikaError as e:
        assert str(e).strip(), "an error must say what went wrong"
        return
    finally:
        assert time.monotonic() - started < HANG_SECONDS, f"hung on {data[:80]!r}"
    check(doc)


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(pipeline, data):
    run(pipeline, data, published="2022-05-13")


@FUZZ
@given(st.text(alphabet=st.sampled_from(HOSTILE) | st.characters(), max_size=400))
def test_random_unicode_text(pipeline, text):
    run(pipeline, text, published="2022-05-13", lang="en")


@FUZZ
@given(st.lists(st.sampled_from(WORDS) | st.text(alphabet=HOSTILE, max_size=3), max_size=120),
       st.sampled_from(["en", "ru", None]))
def test_random_news_like_sentences(pipeline, words, lang):
    run(pipeline, " ".join(words), published="2022-05-13", lang=lang)


TAGS = ["p", "div", "article", "nav", "script", "style", "h1", "span", "a", "table", "td", "li"]


@st.composite
def html(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(0, 4))):
        if depth < 3 and draw(st.booleans()):
            tag = draw(st.sampled_from(TAGS))
            attr = draw(st.sampled_from(["", ' class="x"', ' onclick="alert(1)"', " href='javascript:x'"]))
            inner = draw(html(depth + 1))
            closing = draw(st.sampled_from([f"</{tag}>", ""]))  # unclosed tags too
            parts.append(f"<{tag}{attr}>{inner}{closing}")
        else:
            parts.append(" ".join(draw(st.lists(st.sampled_from(WORDS), max_size=20))))
    return "".join(parts)


@FUZZ
@given(html())
def test_random_html(pipeline, body):
    run(pipeline, f"<html><head><title>t</title></head><body>{body}</body></html>".encode(),
        published="2022-05-13")


def test_lone_surrogates_are_an_input_error_not_a_crash(pipeline):
    run(pipeline, "Austin met Shoigu \ud800 on May 13.", published="2022-05-13")


ADVERSARIAL = {
    "long digits": "1" * 10_000,
    "repeated preposition": "on " * 5_000,
    "capitalised run": "Austin " * 3_000,
    "no spaces": "AustinmetShoigu" * 700,
    "punctuation": ",.;:!?\"'()" * 1_000,
    "one huge sentence": ("Austin said that Shoigu said that " * 800) + "they met on May 13.",
    "nested quotes": "\"" * 5_000 + "said" + "\"" * 5_000,
    "dates only": "May 13, 2022; " * 2_000,
    "russian dates only": "13 мая 2022 года, " * 2_000,
    "many brackets": "(" * 5_000 + "Austin" + ")" * 5_000,
    "month names": " ".join(["January February March April May June July"] * 700),
    "apostrophes": "Austin's " * 3_000,
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_strings_neither_crash_nor_hang(pipeline, name):
    run(pipeline, ADVERSARIAL[name], published="2022-05-13")
