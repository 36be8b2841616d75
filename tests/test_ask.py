"""Analysts' questions as typed answers: last contact, longest gaps, counts; relative dates."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kronika.dates import parse_when
from kronika.document import DateInfo
from kronika.errors import BadWhenError, UsageError
from kronika.timeline.ask import count_by, last_contact, longest_gaps
from kronika.timeline.corpus import StoryEntry

D = date


def entry(i, lo, hi=None):
    hi = hi or lo
    return StoryEntry(f"st-{i}", "CONSULT", "occurred", (), (), DateInfo(None, lo, hi, "explicit"),
                      (), False, 0.7, f"call {i}")


CALLS = [entry(1, D(2022, 2, 18)), entry(2, D(2022, 5, 13)), entry(3, D(2022, 10, 21)),
         entry(4, D(2022, 10, 23)), entry(5, D(2022, 3, 1), D(2022, 3, 31)),
         StoryEntry("st-x", "CONSULT", "occurred", (), (), DateInfo(), (), False, 0.7, "undated")]


def test_last_contact_is_the_latest_dated_entry():
    assert last_contact(CALLS).entry.id == "st-4"
    assert last_contact(CALLS[-1:]) is None


def test_longest_gaps_first_and_overlaps_leave_none():
    gaps = longest_gaps(CALLS)
    assert [(g.start, g.end, g.days) for g in gaps[:2]] == [
        (D(2022, 5, 14), D(2022, 10, 20), 160), (D(2022, 4, 1), D(2022, 5, 12), 42)]
    assert all(g.days > 0 for g in gaps)
    tail = [g for g in longest_gaps(CALLS, until=D(2023, 1, 31)) if g.after is None]
    assert [(g.start, g.end) for g in tail] == [(D(2022, 10, 24), D(2023, 1, 31))]
    assert len(longest_gaps(CALLS, top=1)) == 1
    head = [g for g in longest_gaps(CALLS, since=D(2022, 1, 1)) if g.before is None]
    assert [(g.start, g.end) for g in head] == [(D(2022, 1, 1), D(2022, 2, 17))]


def test_count_by_month_and_week():
    counts = {c.period: c.count for c in count_by(CALLS, "month")}
    assert counts == {"2022-02": 1, "2022-03": 1, "2022-05": 1, "2022-10": 2, "undated": 1}
    assert count_by(CALLS, "week")[0].period == "2022-W07"
    with pytest.raises(UsageError):
        count_by(CALLS, "fortnight")


@pytest.mark.parametrize(("text", "want"), [
    ("30d", D(2022, 3, 1)), ("2w", D(2022, 3, 17)), ("1m", D(2022, 2, 28)),
    ("1y", D(2021, 3, 31)), ("today", D(2022, 3, 31)), ("2022-01-05", D(2022, 1, 5)),
])
def test_relative_dates(text, want):
    assert parse_when(text, today=D(2022, 3, 31)) == want


def test_a_bad_relative_date_says_how_to_write_one():
    with pytest.raises(BadWhenError, match="30d"):
        parse_when("last week", "--since")


@given(st.dates(min_value=D(1900, 1, 1)), st.integers(0, 5000))
def test_days_back_round_trip(today, n):
    assert parse_when(f"{n}d", today=today) == today - timedelta(days=n)


@given(st.dates(min_value=D(1900, 1, 1)), st.integers(0, 600))
def test_months_back_land_in_the_right_month(today, n):
    got = parse_when(f"{n}m", today=today)
    assert (today.year * 12 + today.month) - (got.year * 12 + got.month) == n
    assert got.day <= today.day
