"""Merging event mentions into entries, and the timeline filters."""

from __future__ import annotations

from datetime import date

import pytest

from kronika.document import Actor, DateInfo, Entry, Event, Span
from kronika.errors import UsageError
from kronika.timeline import merge
from kronika.timeline.query import select

AUSTIN = Actor("Austin", "Lloyd Austin", "lloyd-austin", "USA", "US Secretary of Defense",
               "person")
SHOIGU = Actor("Shoigu", "Sergei Shoigu", "sergei-shoigu", "RUS", None, "person")
MILLEY = Actor("Milley", "Mark Milley", "mark-milley", "USA", None, "person")


def ev(i, type_="CONSULT", status="occurred", lo=None, hi=None, src=(AUSTIN,), tgt=(SHOIGU,),
       again=False, basis="explicit"):
    span = Span(i * 10, i * 10 + 5, "xxxxx")
    return Event(id=f"e{i}", type=type_, status=status, trigger=span, evidence=span,
                 sources=src, targets=tgt, date=DateInfo(None, lo, hi, basis), again=again,
                 confidence=0.6)


D = date


def test_three_mentions_of_one_call_make_one_entry():
    events = [ev(1, lo=D(2022, 2, 18), hi=D(2022, 2, 18)), ev(2, lo=D(2022, 2, 18),
              hi=D(2022, 2, 18), src=(SHOIGU,), tgt=(AUSTIN,)), ev(3)]
    entries = merge(events)
    assert len(entries) == 1
    assert entries[0].events == ("e1", "e2", "e3")
    assert entries[0].date.earliest == D(2022, 2, 18)


def test_a_failed_call_is_not_merged_with_a_call():
    entries = merge([ev(1, lo=D(2022, 3, 1), hi=D(2022, 3, 1)),
                     ev(2, status="attempted_failed", lo=D(2022, 3, 1), hi=D(2022, 3, 1))])
    assert len(entries) == 2


def test_dates_that_do_not_meet_keep_events_apart():
    entries = merge([ev(1, lo=D(2022, 2, 18), hi=D(2022, 2, 18)),
                     ev(2, lo=D(2022, 5, 13), hi=D(2022, 5, 13))])
    assert [e.date.earliest for e in entries] == [D(2022, 2, 18), D(2022, 5, 13)]


def test_intersection_is_the_entry_date():
    entries = merge([ev(1, status="attempted_failed", lo=D(2022, 2, 24), hi=D(2022, 5, 13)),
                     ev(2, status="attempted_failed", hi=D(2022, 4, 7))])
    assert len(entries) == 1
    assert (entries[0].date.earliest, entries[0].date.latest) == (D(2022, 2, 24), D(2022, 4, 7))


def test_again_starts_a_new_entry():
    entries = merge([ev(1, status="attempted_failed", lo=D(2022, 2, 24), hi=D(2022, 5, 13)),
                     ev(2, status="attempted_failed", lo=D(2022, 4, 7), hi=D(2022, 4, 14),
                        again=True)])
    assert len(entries) == 2


def test_unanswered_appeal_joins_failed_contact():
    entries = merge([ev(1, status="attempted_failed", lo=D(2022, 2, 24), hi=D(2022, 5, 13)),
                     ev(2, type_="REQUEST", status="attempted_failed", src=(AUSTIN, MILLEY))])
    assert len(entries) == 1


def test_occurred_request_does_not_join_a_call():
    entries = merge([ev(1, lo=D(2022, 2, 18), hi=D(2022, 2, 18)), ev(2, type_="REQUEST")])
    assert len(entries) == 2


def test_no_shared_actor_no_merge():
    other = Actor("Blinken", "Antony Blinken", "antony-blinken", "USA", None, "person")
    entries = merge([ev(1), ev(2, src=(other,), tgt=(MILLEY,))])
    assert len(entries) == 2


def test_undated_after_dated():
    entries = merge([ev(1), ev(2, type_="ASSAULT", lo=D(2022, 2, 24), hi=D(2022, 2, 24))])
    assert entries[0].type == "ASSAULT" and not entries[1].date.dated


def _entry(eid, lo, hi, status="occurred", actors=(AUSTIN, SHOIGU)):
    return Entry(eid, "CONSULT", status, actors[:1], actors[1:], DateInfo(None, lo, hi),
                 (eid,), False, 0.5, "")


ENTRIES = [_entry("a", D(2022, 2, 18), D(2022, 2, 18)),
           _entry("b", D(2022, 5, 13), D(2022, 5, 13)),
           _entry("c", D(2022, 4, 7), D(2022, 4, 14), "attempted_failed"),
           _entry("d", None, None)]


@pytest.mark.parametrize(("kwargs", "ids"), [
    ({}, ["a", "c", "b", "d"]),
    ({"before": D(2022, 5, 13)}, ["a", "c"]),
    ({"after": D(2022, 2, 24)}, ["c", "b"]),
    ({"after": D(2022, 2, 24), "first": 1}, ["c"]),
    ({"before": D(2022, 5, 13), "statuses": ["occurred"], "last": 1}, ["a"]),
    ({"actors": ["austin", "SHOIGU"], "statuses": ["attempted_failed"]}, ["c"]),
    ({"actors": ["Blinken"]}, []),
    ({"types": ["consult"], "last": 2}, ["c", "b"]),
])
def test_select(kwargs, ids):
    assert [e.id for e in select(ENTRIES, **kwargs)] == ids


def test_first_and_last_together_is_an_error():
    with pytest.raises(UsageError):
        select(ENTRIES, first=1, last=1)


def test_same_source_with_other_partners_is_another_event():
    # "Shoigu spoke with Austin on Sunday. Shoigu also phoned his French counterpart."
    france = Actor("French counterpart", "France", "FRA", "FRA", None, "country")
    entries = merge([ev(1, src=(SHOIGU,), tgt=(AUSTIN,), lo=D(2022, 10, 23), hi=D(2022, 10, 23)),
                     ev(2, src=(SHOIGU,), tgt=(france,))])
    assert len(entries) == 2


def test_one_sided_mention_still_joins_on_a_shared_actor():
    entries = merge([ev(1, lo=D(2022, 5, 13), hi=D(2022, 5, 13)), ev(2, src=(AUSTIN,), tgt=())])
    assert len(entries) == 1


@pytest.mark.parametrize(("sources", "targets", "expected"), [
    (("Joe Biden", "Vladimir Putin"), (), "Joe Biden, Vladimir Putin (with each other): CONSULT"),
    (("Joe Biden",), ("Vladimir Putin",), "Joe Biden → Vladimir Putin: CONSULT"),
    (("Joe Biden",), (), "Joe Biden → ?: CONSULT"),  # one side unknown: no "each other"
    ((), ("Vladimir Putin",), "? → Vladimir Putin: CONSULT"),
])
def test_summary_names_a_joint_event_only_with_several_sources(sources, targets, expected):
    from kronika.timeline import summary

    def actors(names):
        return [Actor(n, n, None, None, None, "person") for n in names]

    assert summary("CONSULT", "occurred", actors(sources), actors(targets)) == expected
