"""The temporal tagger on bad input (no crash, no hang, no invented value) and the normaliser's
properties (hypothesis)."""

from __future__ import annotations

import calendar
import time
from datetime import date, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.language.sentences import split
from kronika.timex import tag

PUBLISHED = date(2022, 5, 13)
#: CPU seconds one bad document may take (a hang guard; CPU time, so a loaded machine does not trip it).
BUDGET = 5.0
MONTHS = [calendar.month_name[m] for m in range(1, 13)]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
             "сентября", "октября", "ноября", "декабря"]


def timed(text: str, lang: str = "en", published: date | None = PUBLISHED):
    began = time.process_time()
    found = tag(text, split(text), published, lang)
    spent = time.process_time() - began
    assert spent < BUDGET, f"{spent:.1f} s for {len(text)} characters"
    for t in found:
        assert text[t.start:t.end] == t.text
        assert t.earliest is None or t.latest is None or t.earliest <= t.latest
    return found


BAD = [
    ("impossible day", "The payment is dated February 30, 2022.", "en"),
    ("impossible iso day", "The file says 2022-02-31.", "en"),
    ("impossible ru day", "Платёж прошёл 31 апреля 2022 года.", "ru"),
    ("absurd year", "The colony will be founded in 99999 and abandoned in 123456789.", "en"),
    ("absurd ru year", "Это случится в 99999 году.", "ru"),
    ("long number", "It happened " + "9" * 10_000 + " years ago.", "en"),
    ("long number ru", "Это было " + "7" * 10_000 + " лет назад.", "ru"),
    ("long number as day", "On " + "1" * 10_000 + " February the talks began.", "en"),
    ("only dates", "February 18, 2022. " * 3_000, "en"),
    ("only relative dates", "yesterday " * 3_000, "en"),
    ("only ru dates", "17 февраля 2022 года, вчера, три дня назад; " * 1_500, "ru"),
    ("no spaces", "February18,2022yesterdaythreedaysago" * 2_000, "en"),
    ("no spaces letters", "x" * 100_000, "en"),
    ("no spaces ru", "вчерасегодня17февраля" * 3_000, "ru"),
    ("control characters", "\x00\x01February\x0218\u200b, 2022\ufeff" * 500, "en"),
]


@pytest.mark.parametrize(("what", "text", "lang"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_does_not_crash_hang_or_invent(what, text, lang):
    for t in timed(text, lang):
        if t.value is not None and t.type in ("DATE", "TIME") and t.value[:1].isdigit():
            year = int(t.value[:4]) if t.value[:4].isdigit() else None
            assert year is None or 1 <= year <= 2200, (what, t)


def test_impossible_dates_are_reported_with_no_value():
    found = timed("The payment is dated February 30, 2022, or 2022-02-31.")
    assert [(t.text, t.value, t.earliest) for t in found] == [
        ("February 30, 2022", None, None), ("2022-02-31", None, None)]


def test_long_numbers_invent_no_expression():
    assert timed("It happened " + "9" * 10_000 + " years ago.") == []


def test_time_grows_linearly_with_the_document():
    unit = "The talks ended on February 18, less than a week ago, said the minister. "
    small = time.process_time()
    timed(unit * 200)
    small = time.process_time() - small
    large = time.process_time()
    timed(unit * 2000)
    large = time.process_time() - large
    assert large < 30 * small + 0.5  # ten times the text: far less than quadratic


# --- properties of the normaliser ----------------------------------------------------------------

days = st.dates(min_value=date(1800, 1, 1), max_value=date(2099, 12, 31))


@given(days)
@settings(max_examples=200, deadline=None)
def test_full_dates_normalise_to_themselves(d):
    for text, lang in ((f"It happened on {MONTHS[d.month - 1]} {d.day}, {d.year}.", "en"),
                       (f"It happened on {d.day} {MONTHS[d.month - 1]} {d.year}.", "en"),
                       (f"Это случилось {d.day} {RU_MONTHS[d.month - 1]} {d.year} года.", "ru"),
                       (f"Дата: {d.day:02d}.{d.month:02d}.{d.year}.", "ru")):
        found = timed(text, lang)
        assert [(t.value, t.earliest, t.latest) for t in found] == [(d.isoformat(), d, d)], text


@given(days, days, st.booleans())
@settings(max_examples=200, deadline=None)
def test_yearless_dates_keep_month_and_day_and_fall_on_the_side_of_the_tense(d, p, future):
    if (d.month, d.day) == (2, 29):
        return
    verb = "will open" if future else "opened"
    found = timed(f"The forum {verb} on {MONTHS[d.month - 1]} {d.day}.", published=p)
    (t,) = found
    got = date.fromisoformat(t.value)
    assert (got.month, got.day) == (d.month, d.day)
    if future:
        assert p <= got <= p + timedelta(days=366)
    else:
        assert p - timedelta(days=366) <= got <= p + timedelta(days=7)


@given(st.integers(min_value=1, max_value=999), days)
@settings(max_examples=200, deadline=None)
def test_n_days_ago_counts_back_from_the_anchor(n, p):
    for text, lang in ((f"It was launched {n} days ago.", "en"),
                       (f"Его запустили {n} дней назад.", "ru")):
        (t,) = timed(text, lang, p)
        want = p - timedelta(days=n)
        assert (t.value, t.earliest, t.latest) == (want.isoformat(), want, want)


@given(st.integers(min_value=2, max_value=999), st.sampled_from(["days", "weeks", "months",
                                                                 "years"]))
@settings(max_examples=100, deadline=None)
def test_durations_carry_their_number_and_unit(n, unit):
    (t,) = timed(f"The strike lasted {n} {unit}.")
    assert (t.type, t.value) == ("DURATION", f"P{n}{unit[0].upper()}")


@given(st.text(alphabet="0123456789 -./,:февралямаяFebruaryMay", max_size=80))
@settings(max_examples=300, deadline=None)
def test_random_digit_soup_gives_well_formed_or_null_values(text):
    for lang in ("en", "ru"):
        for t in timed(text, lang):
            if t.value and t.value[:4].isdigit() and t.type == "DATE" and len(t.value) == 10:
                date.fromisoformat(t.value)  # a full date value is always a real day
