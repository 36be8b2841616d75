"""Merging across documents: one entry per real event, provenance kept, conflicts flagged."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.document import Actor, Attribution, DateInfo, Event, Span
from kronika.timeline.corpus import (
    Evidence,
    Sourced,
    block_keys,
    components,
    confidence,
    doc_units,
    merge_across,
    merge_units,
)

D = date
AUSTIN = Actor("Austin", "Lloyd Austin", "lloyd-austin", "USA", None, "person")
SHOIGU = Actor("Shoigu", "Sergei Shoigu", "sergei-shoigu", "RUS", None, "person")
OSTIN = Actor("Остин", "Lloyd Austin", "lloyd-austin", "USA", None, "person")
SHOYGU_RU = Actor("Шойгу", "Sergei Shoigu", "sergei-shoigu", "RUS", None, "person")
PENTAGON = Actor("the Pentagon", "US Department of Defense", "us-dod", "USA", None, "organisation")
MOD = Actor("the ministry", "Russian Ministry of Defence", "ru-mod", "RUS", None, "organisation")
RUSSIA = Actor("Russia", "Russia", "RUS", "RUS", None, "country")
UKRAINE = Actor("Ukraine", "Ukraine", "UKR", "UKR", None, "country")


def ev(doc, i, *, type_="CONSULT", status="occurred", lo=None, hi=None, src=(AUSTIN,),
       tgt=(SHOIGU,), basis="explicit", speaker=None, hedged=False, published=None,
       lang="en", again=False, text="sentence"):
    published = published or D(2022, 5, 14)
    span = Span(i * 100, i * 100 + len(text), text)
    att = Attribution(0, 4, "said", speaker, None) if speaker else None
    e = Event(id=f"ev-{doc}-{i}", type=type_, status=status, trigger=span, evidence=span,
              sources=src, targets=tgt, date=DateInfo(None, lo, hi, basis), attribution=att,
              hedged=hedged, again=again, confidence=0.6)
    return Sourced(e, doc, published, lang)


MAY13 = {"lo": D(2022, 5, 13), "hi": D(2022, 5, 13)}


def test_an_english_and_a_russian_report_of_one_call_merge():
    items = [ev("en1", 1, **MAY13, text="Austin spoke with Shoigu on Friday."),
             ev("ru1", 1, src=(SHOYGU_RU,), tgt=(OSTIN,), lang="ru", **MAY13,
                text="Шойгу провёл телефонный разговор с Остином.")]
    entries, conflicts = merge_across(items)
    assert len(entries) == 1 and not conflicts
    e = entries[0]
    assert {v.language for v in e.evidence} == {"en", "ru"}
    assert e.n_sources == 2 and e.date.earliest == D(2022, 5, 13)


def test_a_precise_date_refines_a_vague_one_and_says_which_evidence_gave_it():
    items = [ev("a", 1, lo=D(2022, 5, 1), hi=D(2022, 5, 31), basis="explicit"),
             ev("b", 1, **MAY13)]
    (e,), _ = merge_across(items)
    assert (e.date.earliest, e.date.latest) == (D(2022, 5, 13), D(2022, 5, 13))
    assert e.date_from == "ev-b-1"


def test_different_days_stay_apart():
    entries, _ = merge_across([ev("a", 1, **MAY13),
                               ev("b", 1, lo=D(2022, 10, 21), hi=D(2022, 10, 21))])
    assert len(entries) == 2


def test_one_shared_actor_is_not_enough_across_documents():
    entries, _ = merge_across([ev("a", 1, type_="ASSAULT", src=(RUSSIA,), tgt=(UKRAINE,), **MAY13),
                               ev("b", 1, type_="ASSAULT", src=(RUSSIA,), tgt=(AUSTIN,), **MAY13)])
    assert len(entries) == 2


def test_two_events_one_document_told_apart_stay_apart():
    # the same document reports two calls with overlapping vague dates: it told them apart
    items = [ev("a", 1, lo=D(2022, 10, 21), hi=D(2022, 10, 21)),
             ev("a", 2, lo=D(2022, 10, 23), hi=D(2022, 10, 23)),
             ev("b", 1, lo=D(2022, 10, 1), hi=D(2022, 10, 31))]
    entries, _ = merge_across(items)
    assert len(entries) == 2


def test_undated_report_joins_the_latest_matching_entry_before_publication():
    items = [ev("a", 1, **MAY13, published=D(2022, 5, 13)),
             ev("b", 1, lo=D(2022, 2, 18), hi=D(2022, 2, 18), published=D(2022, 2, 18)),
             ev("c", 1, basis="unknown", published=D(2022, 5, 16))]
    entries, _ = merge_across(items)
    may = next(e for e in entries if e.date.earliest == D(2022, 5, 13))
    assert sorted(may.documents) == ["a", "c"] and len(entries) == 2


def test_undated_report_far_from_any_entry_stays_alone():
    items = [ev("a", 1, **MAY13), ev("c", 1, basis="unknown", published=D(2022, 9, 1))]
    entries, _ = merge_across(items)
    assert len(entries) == 2 and not entries[1].date.dated


def test_a_repetition_is_never_merged():
    entries, _ = merge_across([ev("a", 1, **MAY13), ev("b", 1, **MAY13, again=True)])
    assert len(entries) == 2


def test_syndicated_copies_count_as_one_source():
    items = [ev("a", 1, **MAY13), ev("copy", 1, **MAY13)]
    (e,), _ = merge_across(items, duplicate_of={"copy": "a"})
    assert e.n_sources == 1 and len(e.evidence) == 2
    (f,), _ = merge_across(items)
    assert f.n_sources == 2 and f.confidence > e.confidence


def test_two_papers_quoting_one_speaker_are_one_source():
    items = [ev("a", 1, **MAY13, speaker=PENTAGON), ev("b", 1, **MAY13, speaker=PENTAGON)]
    (e,), _ = merge_across(items)
    assert e.n_sources == 1


# contradictions kept, not averaged ---------------------------------------------------------

def test_declined_versus_no_request_made_is_a_flagged_conflict():
    items = [ev("us", 1, type_="REQUEST", status="refused", lo=D(2022, 3, 1), hi=D(2022, 3, 31),
                speaker=PENTAGON, text="The Pentagon says Moscow declined the request."),
             ev("ru", 1, type_="REQUEST", status="denied", basis="unknown", speaker=MOD,
                published=D(2022, 4, 2), lang="ru",
                text="The ministry denies that any request was made.")]
    entries, conflicts = merge_across(items)
    assert len(entries) == 2
    (c,) = conflicts
    assert c.kind == "status" and c.rule == "denied-vs-affirmed"
    assert {s.status for s in c.sides} == {"refused", "denied"}
    assert {s.said_by for s in c.sides} == {("US Department of Defense",),
                                           ("Russian Ministry of Defence",)}
    assert all(e.conflicts == (c.id,) for e in entries)
    assert all(e.confidence < 0.8 for e in entries)


def test_two_dates_for_one_meeting_are_a_flagged_conflict():
    items = [ev("a", 1, lo=D(2022, 1, 21), hi=D(2022, 1, 21)),
             ev("b", 1, lo=D(2022, 1, 20), hi=D(2022, 1, 20))]
    entries, conflicts = merge_across(items)
    assert len(entries) == 2
    (c,) = conflicts
    assert c.kind == "date" and [s.date.earliest for s in c.sides] != []
    assert {s.date.earliest for s in c.sides} == {D(2022, 1, 20), D(2022, 1, 21)}


def test_a_report_out_before_the_other_day_is_no_conflict():
    # a call on October 21, reported that day, and another on October 23: two calls
    items = [ev("a", 1, lo=D(2022, 10, 21), hi=D(2022, 10, 21), published=D(2022, 10, 21)),
             ev("b", 1, lo=D(2022, 10, 23), hi=D(2022, 10, 23), published=D(2022, 10, 23))]
    entries, conflicts = merge_across(items)
    assert len(entries) == 2 and not conflicts


def test_two_dates_one_article_gives_are_two_events_not_a_conflict():
    items = [ev("a", 1, lo=D(2022, 10, 21), hi=D(2022, 10, 21)),
             ev("a", 2, lo=D(2022, 10, 23), hi=D(2022, 10, 23)),
             ev("b", 1, lo=D(2022, 10, 23), hi=D(2022, 10, 23))]
    entries, conflicts = merge_across(items)
    assert len(entries) == 2 and not conflicts


# confidence ------------------------------------------------------------------------------------

def _v(doc, speaker=None, hedged=False):
    return Evidence("e", doc, doc, "en", None, None, "CONSULT", "occurred", "", 0, 0, "",
                    speaker, None, "explicit", None, None, hedged)


def test_confidence_formula():
    assert confidence([_v("a")]) == 0.7
    assert confidence([_v("a", "Kirby")]) == 0.8
    assert confidence([_v("a"), _v("b")]) == 0.91
    assert confidence([_v("a", hedged=True)]) == 0.35
    assert confidence([_v("a"), _v("a")]) == 0.7          # one document twice: one source
    assert confidence([_v("a", "Kirby"), _v("b", "Kirby")]) == 0.8
    assert confidence([_v("a")], contradicted=True) == 0.49
    assert confidence([_v(str(i)) for i in range(20)]) == 0.99


# determinism and blocking ----------------------------------------------------------------------

def test_block_keys_are_an_unordered_pair_and_months():
    e = ev("a", 1, lo=D(2022, 5, 13), hi=D(2022, 5, 13)).event
    assert block_keys(e) == {"lloyd-austin|sergei-shoigu@2022-05"}
    back = ev("a", 1, src=(SHOIGU,), tgt=(AUSTIN,), lo=D(2022, 5, 31), hi=D(2022, 5, 31)).event
    assert block_keys(back) == {"lloyd-austin|sergei-shoigu@2022-05",
                                "lloyd-austin|sergei-shoigu@2022-06"}
    undated = ev("a", 1, basis="unknown").event
    assert block_keys(undated) == {"lloyd-austin|sergei-shoigu@undated"}
    assert block_keys(undated, D(2022, 5, 14)) == {"lloyd-austin|sergei-shoigu@2022-04",
                                                   "lloyd-austin|sergei-shoigu@2022-05"}


STORY = [
    ev("a", 1, **MAY13), ev("b", 1, src=(SHOIGU,), tgt=(AUSTIN,), **MAY13),
    ev("c", 1, lo=D(2022, 5, 1), hi=D(2022, 5, 31)), ev("c", 2, basis="unknown"),
    ev("d", 1, lo=D(2022, 2, 18), hi=D(2022, 2, 18), published=D(2022, 2, 19)),
    ev("e", 1, type_="ASSAULT", src=(RUSSIA,), tgt=(UKRAINE,), lo=D(2022, 2, 24),
       hi=D(2022, 2, 24), published=D(2022, 2, 24)),
    ev("f", 1, type_="ASSAULT", src=(RUSSIA,), tgt=(UKRAINE,), basis="unknown",
       published=D(2022, 2, 25)),
    ev("f", 2, type_="REQUEST", status="refused", lo=D(2022, 3, 1), hi=D(2022, 3, 31)),
    ev("g", 1, type_="REQUEST", status="denied", basis="unknown", published=D(2022, 4, 2)),
    ev("h", 1, lo=D(2022, 1, 21), hi=D(2022, 1, 21)),
    ev("i", 1, lo=D(2022, 1, 20), hi=D(2022, 1, 20)),
]


@settings(max_examples=40, deadline=None)
@given(st.permutations(STORY))
def test_same_result_whatever_the_input_order(items):
    assert merge_across(items) == merge_across(STORY)


def test_components_merged_apart_give_the_same_timeline():
    units = doc_units(STORY)
    whole, whole_conflicts = merge_units(units)
    parts, part_conflicts = [], []
    for group in components(units):
        e, c = merge_units(group)
        parts += e
        part_conflicts += c
    assert sorted(e.id for e in parts) == sorted(e.id for e in whole)
    assert sorted(c.id for c in part_conflicts) == sorted(c.id for c in whole_conflicts)
    assert len(components(units)) > 1


def test_ids_are_content_derived():
    a, _ = merge_across(STORY)
    b, _ = merge_across(list(reversed(STORY)))
    assert [e.id for e in a] == [e.id for e in b]
    assert all(e.id.startswith("st-") for e in a)


def test_sourced_events_round_trip_as_plain_data():
    import json

    from kronika.timeline.corpus import sourced_from_dict

    rows = [json.loads(json.dumps(s.to_dict())) for s in STORY]
    assert [sourced_from_dict(r) for r in rows] == STORY
    assert merge_across(sourced_from_dict(r) for r in rows) == merge_across(STORY)
