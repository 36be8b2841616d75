"""The corpus timeline in the store: incremental upkeep equals a full merge, filters, duplicates."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.document import Actor, DateInfo, Document, Event, Span
from kronika.eval.story import load_articles, process_articles
from kronika.eval.timeline import load_gold
from kronika.store import Store
from kronika.store import story as story_tables
from kronika.timeline.corpus import Sourced, merge_across

STORIES = Path(__file__).parent / "data" / "stories"
D = date
AUSTIN = Actor("Austin", "Lloyd Austin", "lloyd-austin", "USA", "US Secretary of Defense", "person")
SHOIGU = Actor("Shoigu", "Sergei Shoigu", "sergei-shoigu", "RUS", None, "person")
RUSSIA = Actor("Russia", "Russia", "RUS", "RUS", None, "country")
UKRAINE = Actor("Ukraine", "Ukraine", "UKR", "UKR", None, "country")


def doc(name: str, published: date, *events: tuple) -> Document:
    text = " ".join(f"Sentence {i}." for i in range(len(events)))
    d = Document.from_bytes(f"{name}:{text}".encode(), text=text, published=published,
                            language="en", source_uri=f"https://example.org/{name}")
    evs = []
    for i, (type_, src, tgt, day) in enumerate(events):
        span = Span(i * 12, i * 12 + 11, text[i * 12: i * 12 + 11])
        evs.append(Event(id=f"ev-{name}-{i}", type=type_, status="occurred", trigger=span,
                         evidence=span, sources=src, targets=tgt,
                         date=DateInfo(None, day, day, "explicit" if day else "unknown")))
    return d.with_layers(events=tuple(evs))


DOCS = [
    doc("a", D(2022, 5, 13), ("CONSULT", (AUSTIN,), (SHOIGU,), D(2022, 5, 13))),
    doc("b", D(2022, 5, 14), ("CONSULT", (SHOIGU,), (AUSTIN,), D(2022, 5, 13)),
        ("ASSAULT", (RUSSIA,), (UKRAINE,), D(2022, 5, 12))),
    doc("c", D(2022, 5, 15), ("CONSULT", (AUSTIN,), (SHOIGU,), None)),
    doc("d", D(2022, 10, 21), ("CONSULT", (AUSTIN,), (SHOIGU,), D(2022, 10, 21))),
    doc("e", D(2022, 2, 24), ("ASSAULT", (RUSSIA,), (UKRAINE,), D(2022, 2, 24))),
]


def _merged(docs):
    items = [Sourced(e, d.id, d.published, d.language, d.source_uri) for d in docs for e in d.events]
    return merge_across(items)


def test_adding_documents_one_by_one_equals_merging_all_at_once():
    with Store(":memory:") as store:
        for d in DOCS:
            store.add(d)
        got = store.timeline()
    want, _ = _merged(DOCS)
    assert [e.id for e in got] == [e.id for e in want]
    assert got == want


def test_a_new_document_touches_only_its_blocks():
    with Store(":memory:") as store:
        for d in DOCS[:3]:
            store.add(d)
        keys = {"RUS|UKR@2022-02", "RUS|UKR@2022-03"}
        units, docs = story_tables._affected(store._con, keys)
        assert units == set() and docs == set()
        units, docs = story_tables._affected(store._con, {"lloyd-austin|sergei-shoigu@2022-05"})
        assert docs == {DOCS[0].id, DOCS[1].id, DOCS[2].id}


def test_the_story_set_added_in_any_order_gives_the_same_timeline():
    docs = []
    for story in ("austin-shoigu", "grain-deal"):
        gold_path = STORIES / story / "gold.json"
        arts = load_articles(gold_path, load_gold(gold_path))
        docs += process_articles(gold_path.parent, arts).values()
    want, want_conflicts = _merged(docs)
    shuffled = docs[:]
    random.Random(7).shuffle(shuffled)
    with Store(":memory:") as store:
        for d in shuffled:
            store.add(d)
        got = store.timeline()
        assert [e.id for e in got] == [e.id for e in want]
        assert [c.id for c in store.conflicts()] == [c.id for c in want_conflicts]
        assert store.rebuild_timeline() == len(want)
        assert [e.id for e in store.timeline()] == [e.id for e in want]


def test_adding_in_batches_gives_the_timeline_of_adding_one_by_one():
    docs = []
    for story in ("austin-shoigu", "grain-deal"):
        gold_path = STORIES / story / "gold.json"
        arts = load_articles(gold_path, load_gold(gold_path))
        docs += process_articles(gold_path.parent, arts).values()
    want, want_conflicts = _merged(docs)
    rnd = random.Random(11)
    with Store(":memory:") as store:
        at = 0
        while at < len(docs):
            size = rnd.randint(1, 5)
            assert store.add_many(docs[at:at + size]) == [True] * len(docs[at:at + size])
            at += size
        assert store.add_many([docs[0], docs[0]]) == [False, False]
        assert [e.id for e in store.timeline()] == [e.id for e in want]
        assert [c.id for c in store.conflicts()] == [c.id for c in want_conflicts]


def test_a_transaction_is_all_or_nothing():
    with Store(":memory:") as store:
        with pytest.raises(RuntimeError), store.transaction():
            store.add_many(DOCS[:2])
            raise RuntimeError("stop")
        assert store.documents() == []
        with store.transaction():
            assert store.add_many([DOCS[0], DOCS[0]]) == [True, False]
        assert len(store.documents()) == 1


@pytest.mark.parametrize(("kwargs", "count"), [
    ({}, 4),
    ({"actors": ["Austin", "Shoigu"]}, 2),
    ({"actors": ["austin"], "types": ["consult"]}, 2),
    ({"actors": ["Blinken"]}, 0),
    ({"types": ["ASSAULT"]}, 2),
    ({"since": D(2022, 5, 1)}, 3),
    ({"until": D(2022, 5, 12)}, 2),
    ({"since": D(2022, 5, 1), "until": D(2022, 5, 31)}, 2),
    ({"actors": ["Shoigu"], "last": 1}, 1),
])
def test_filters(kwargs, count):
    with Store(":memory:") as store:
        for d in DOCS:
            store.add(d)
        assert len(store.timeline(**kwargs)) == count


def test_last_is_the_latest_entry():
    with Store(":memory:") as store:
        for d in DOCS:
            store.add(d)
        (e,) = store.timeline(actors=["Austin"], last=1)
        assert e.date.earliest == D(2022, 10, 21)


def test_a_marked_duplicate_counts_as_one_source():
    copy = doc("a-copy", D(2022, 5, 13), ("CONSULT", (AUSTIN,), (SHOIGU,), D(2022, 5, 13)))
    with Store(":memory:") as store:
        store.add(DOCS[0])
        store.add(copy)
        (before,) = store.timeline(actors=["Austin"], since=D(2022, 5, 13), until=D(2022, 5, 13))
        store.mark_duplicate(copy.id, DOCS[0].id)
        (after,) = store.timeline(actors=["Austin"], since=D(2022, 5, 13), until=D(2022, 5, 13))
    assert (before.n_sources, after.n_sources) == (2, 1)
    assert after.confidence < before.confidence


def test_a_store_filled_before_the_corpus_timeline_is_merged_on_reading(tmp_path):
    path = tmp_path / "old.duckdb"
    with Store(path) as store:
        for d in DOCS:
            store.add(d)
        for table in ("story_units", "story_entries", "story_evidence", "story_entry_actors"):
            store._con.execute(f"DELETE FROM {table}")
    with Store(path, read_only=True) as store:
        assert len(store.timeline()) == 4


def test_evidence_survives_the_round_trip():
    with Store(":memory:") as store:
        for d in DOCS:
            store.add(d)
        (e,) = store.timeline(actors=["Austin"], since=D(2022, 5, 13), until=D(2022, 5, 13))
    assert {v.doc_id for v in e.evidence} == {DOCS[0].id, DOCS[1].id, DOCS[2].id}
    assert e.date_from in e.events


@pytest.mark.parametrize("by", ["day", "week", "month", "year"])
def test_counting_in_sql_equals_counting_the_entries(by):
    from kronika.timeline.ask import count_by

    with Store(":memory:") as store:
        for d in DOCS:
            store.add(d)
        assert store.count(by) == count_by(store.timeline(), by)
        assert store.count(by, actors=["Austin"]) == count_by(store.timeline(actors=["Austin"]), by)


COPY = doc("a-copy", D(2022, 5, 13), ("CONSULT", (AUSTIN,), (SHOIGU,), D(2022, 5, 13)))


@settings(max_examples=15, deadline=None)
@given(st.permutations([*DOCS, COPY]), st.booleans())
def test_upkeep_equals_a_full_merge_in_any_order(docs, mark_first):
    dup = {COPY.id: DOCS[0].id}
    with Store(":memory:") as store:
        if mark_first:
            store.mark_duplicate(COPY.id, DOCS[0].id)
        for d in docs:
            store.add(d)
        if not mark_first:
            store.mark_duplicate(COPY.id, DOCS[0].id)
        got = store.timeline()
    items = [Sourced(e, d.id, d.published, d.language, d.source_uri) for d in docs for e in d.events]
    want, _ = merge_across(items, duplicate_of=dup)
    assert got == want
