"""The temporal tagger: case file, rule examples, properties and the reference article."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.document import Document, Timex
from kronika.language.sentences import split
from kronika.timex import Timexes, tag
from kronika.timex.grammar import grammar
from markup import DATA, parse, read_cases, render

PUBLISHED = date(2022, 5, 13)
CASES = read_cases("timex.en.txt")


def _published(case) -> date | None:
    value = case.options.get("published", "none")
    return None if value == "none" else date.fromisoformat(value)


def label(t: Timex) -> str:
    def q(x) -> str:
        return "?" if x is None else str(x)

    return f"{t.type} {q(t.value)} {q(t.earliest)}..{q(t.latest)}"


def run(text: str, published: date | None) -> list[Timex]:
    return tag(text, split(text), published)


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"line{c.lineno}")
def test_case(case):
    text, spans = parse(case.line)
    found = run(text, _published(case))
    # parts marked inside a longer expression are checked by test_range_ends
    got = {(t.start, t.end, label(t)) for t in found
           if not any(o is not t and o.start <= t.start and t.end <= o.end for o in found)}
    want = {(s, e, lab) for s, e, _, lab in spans}
    assert got == want, f"\n want: {render(text, sorted(want))}\n  got: {render(text, sorted(got))}"


@pytest.mark.parametrize(("text", "want"), [
    ("The contract runs from 2009 to 2011.",
     [("from 2009 to 2011", "P2Y"), ("2009", "2009"), ("2011", "2011")]),
    ("Deliveries come between 2014 and 2016.",
     [("between 2014 and 2016", "P2Y"), ("2014", "2014"), ("2016", "2016")]),
])
def test_range_ends(text, want):
    """TimeML marks the years of a range; MEANTIME marks them and the range."""
    assert [(t.text, t.value) for t in run(text, PUBLISHED)] == want


def test_case_file_is_large_enough():
    assert len(CASES) >= 40


EXAMPLES = [(r.name, ex) for r in grammar().rules.values() for ex in r.examples]
MODIFIERS = [(m.name, ex) for m in grammar().modifiers for ex in m.examples]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES + MODIFIERS)
def test_rule_examples(rule, example):
    found = run(example, PUBLISHED)
    # a modifier that stays outside the span ("since [[1989]]") still names the rule
    outside = {m.name for m in grammar().modifiers if not m.in_span}
    assert found[0].rule == rule
    assert found[0].text == example or (rule in outside
                                        and example.endswith(" " + found[0].text))
    assert found[0].value is not None
    # parts marked inside it ("2009" of "from 2009 to 2011") are all that may follow
    assert all(found[0].start <= t.start and t.end <= found[0].end for t in found[1:])


def test_every_rule_is_exercised_by_the_case_file():
    used = {t.rule for case in CASES
            for t in run(parse(case.line)[0], _published(case))}
    names = {r.name for r in grammar().rules.values()} | {m.name for m in grammar().modifiers}
    assert names - used == set()


PIECES = list("aeMJFSDyl0129 -,.'’") + [
    "May", "March", " 18", " 2022", " ago", " a week", " since ", "last ", "the past ", "mid-",
    "February", "Monday", "yesterday", " said that ", "On ", "According to him, ", "Feb. 30",
    " less than", " will ", "the end of ", "every ", "1990s", "\n"]


@given(st.lists(st.sampled_from(PIECES), max_size=30).map("".join) | st.text(max_size=60))
@settings(max_examples=300, deadline=None)
def test_spans_and_intervals_are_well_formed(text):
    for published in (PUBLISHED, None):
        for t in run(text, published):
            assert 0 <= t.start < t.end <= len(text)
            assert text[t.start:t.end] == t.text
            if t.earliest and t.latest:
                assert t.earliest <= t.latest


def test_russian_documents_get_russian_timexes():
    text = "Переговоры прошли 18 февраля."
    doc = Document(id="x", text=text, language="ru", published=PUBLISHED,
                   sentences=tuple(split(text)))
    assert [(t.text, t.value) for t in Timexes()(doc).timexes] == [("18 февраля", "2022-02-18")]


def test_other_languages_get_no_timexes():
    text = "Die Gespräche fanden am 18. Februar statt."
    doc = Document(id="x", text=text, language="de", published=PUBLISHED,
                   sentences=tuple(split(text)))
    assert Timexes()(doc).timexes == ()


def test_stage_declares_its_layers():
    assert (Timexes.name, Timexes.reads, Timexes.adds) == (
        "timex", ("text", "sentences", "published"), ("timexes",))


# --- the reference article -----------------------------------------------------------------------

ARTICLE = (DATA / "rbc-2022-05-13-shoigu-austin.en.txt").read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def article():
    doc = Document(id="rbc", text=ARTICLE, published=PUBLISHED, sentences=tuple(split(ARTICLE)))
    return Timexes()(doc).timexes


def _in(timexes, words: str, context: str) -> Timex:
    at = ARTICLE.index(context)
    return next(t for t in timexes if t.text == words and t.start >= at)


@pytest.mark.parametrize(("words", "context", "value", "earliest", "latest", "basis"), [
    ("February 18", "two countries spoke was on February 18", "2022-02-18", "2022-02-18",
     "2022-02-18", "published"),
    ("mid-February", "since mid-February", "2022-02", "2022-02-11", "2022-04-07", "report"),
    ("less than a week ago", "On April 14, Kirby", "2022-04-07", "2022-04-07", "2022-04-14",
     "report"),
    ("the course of a month", "According to him, over the course", "P1M", "2022-02-24",
     "2022-03-24", "report"),
    ("February 24", "on February 24", "2022-02-24", "2022-02-24", "2022-02-24", "published"),
    ("April 7", "On April 7, Austin", "2022-04-07", "2022-04-07", "2022-04-07", "published"),
])
def test_reference_article(article, words, context, value, earliest, latest, basis):
    t = _in(article, words, context)
    assert (t.value, str(t.earliest), str(t.latest), t.anchor_basis) == (
        value, earliest, latest, basis)


def test_mid_february_interval(article):
    t = next(t for t in article if "mid-February" in t.text)
    assert (str(t.earliest), t.value) == ("2022-02-11", "2022-02")


# Speed is measured by `make bench` (bench/timex.py: the tagger against HeidelTime, same texts,
# same run), not by a timed unit test; tests/test_timex_robust.py checks that time grows
# linearly and that bad documents stay within a time budget.


def test_rules_tried_per_first_character_match_as_the_whole_grammar():
    """`regex_for` drops only rules that cannot start with the character: same matches."""
    g = grammar()
    text = ("on february 18, 2022, less than a week ago; the past decade; since '82; "
            "the 1990s; fiscal 2008; last summer; 16:15 utc; every monday; now")
    for at in range(len(text)):
        whole, part = g.regex.match(text, at), g.regex_for(text[at]).match(text, at)
        assert (whole and (whole.span(), whole.lastgroup)) == (part and (part.span(),
                                                                          part.lastgroup))
