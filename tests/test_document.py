"""The document model: JSON round trips and offsets."""

from __future__ import annotations

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from kronika.document import (
    Actor,
    Attribution,
    DateInfo,
    Document,
    Entry,
    Event,
    Noise,
    Sentence,
    Span,
    Timex,
)

actors = st.builds(Actor, text=st.text(max_size=20), name=st.text(min_size=1, max_size=20),
                   id=st.none() | st.text(max_size=10), country=st.none() | st.sampled_from(
                       ["USA", "RUS", "UKR"]), role=st.none() | st.text(max_size=10))
days = st.none() | st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 1, 1))


@st.composite
def documents(draw):
    text = draw(st.text(min_size=1, max_size=200))
    n = len(text)
    a = draw(st.integers(0, n))
    b = draw(st.integers(a, n))
    span = Span(a, b, text[a:b])
    date_info = DateInfo(draw(st.none() | st.text(max_size=10)), draw(days), draw(days),
                         draw(st.sampled_from(["explicit", "relative", "unknown"])))
    att = draw(st.none() | st.just(Attribution(a, b, text[a:b], draw(st.none() | actors),
                                               draw(days))))
    event = Event(id="ev-1", type="CONSULT", status="occurred", trigger=span, evidence=span,
                  sources=tuple(draw(st.lists(actors, max_size=3))),
                  targets=tuple(draw(st.lists(actors, max_size=3))), date=date_info,
                  attribution=att, hedged=draw(st.booleans()), confidence=0.5, rule="r")
    entry = Entry(id="en-1", type="CONSULT", status="occurred", sources=event.sources,
                  targets=event.targets, date=date_info, events=("ev-1",), hedged=False,
                  confidence=0.5, summary=draw(st.text(max_size=30)))
    return Document(
        id="x" * 64, text=text, title=draw(st.none() | st.text(max_size=30)),
        published=draw(days), language="en",
        noise=(Noise(a, b, text[a:b], "hedge", "r"),),
        sentences=(Sentence(a, b, text[a:b], 0),),
        timexes=(Timex(a, b, text[a:b], "DATE", "2022", draw(days), draw(days), "r",
                       draw(days), "published"),),
        events=(event,), timeline=(entry,),
    )


@given(documents())
def test_json_round_trip(doc):
    assert Document.from_json(doc.to_json()) == doc


def test_contract_fields():
    doc = Document(id="a" * 64, text="Hello.", published=date(2022, 5, 13))
    d = doc.to_dict()
    assert d["schema"] == "kronika.document/1"
    for key in ("id", "source", "title", "published", "language", "text", "noise", "timexes",
                "events", "timeline"):
        assert key in d
    assert d["published"] == "2022-05-13"
    assert (d["source"]["uri"], d["source"]["format"]) == (None, "text")


def test_from_bytes_keys_by_sha256():
    import hashlib

    doc = Document.from_bytes(b"abc")
    assert doc.id == hashlib.sha256(b"abc").hexdigest()
