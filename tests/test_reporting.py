"""Reporting frames and the dates their words were said."""

from __future__ import annotations

from datetime import date

import pytest

from kronika.document import Sentence
from kronika.language.sentences import split
from kronika.reporting import find_frames, rules, said_dates
from kronika.timex import tag
from markup import parse, read_cases, render

CASES = read_cases("reporting.en.txt")


def _frames(text: str, published: date | None):
    sentences = split(text)
    timexes = tag(text, sentences, published)
    frames = [f for s in sentences for f in find_frames(text, s, [
        t for t in timexes if s.start <= t.start < s.end])]
    return sentences, timexes, frames


def _expect(case) -> dict[str, str]:
    return dict((k.strip(), v.strip()) for k, _, v in (e.partition(":") for e in case.expect))


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"line{c.lineno}")
def test_case(case):
    text, spans = parse(case.line)
    published = date.fromisoformat(case.options["published"])
    sentences, timexes, frames = _frames(text, published)
    got = {(f.speaker.start, f.speaker.end, "speaker") for f in frames if f.speaker}
    got |= {(f.cue.start, f.cue.end, "cue") for f in frames}
    want = {(s, e, lab) for s, e, _, lab in spans}
    assert got == want, f"\n want: {render(text, sorted(want))}\n  got: {render(text, sorted(got))}"
    expect = _expect(case)
    first = frames[0] if frames else None
    checks = {
        "rule": lambda f: f.rule,
        "frame": lambda f: f.text,
        "date": lambda f: str(f.date.earliest) if f.date else "-",
        "refers_back": lambda f: "yes" if f.refers_back else "no",
        "content": lambda f: text[f.content_start:f.content_end],
    }
    for key, get in checks.items():
        if key in expect:
            assert first is not None and get(first) == expect[key], (key, first)
    if "said" in expect:
        said = said_dates(text, sentences, timexes)
        got_said = [str(d) if d else "-" for _, d, _ in (said[k] for k in sorted(said))]
        want_said = [s.strip() for s in expect["said"].split(",") if s.strip()]
        assert got_said == want_said


def test_case_file_is_large_enough():
    assert len(CASES) >= 15


EXAMPLES = [(r.name, ex) for r in rules() for ex in r.examples]


@pytest.mark.parametrize(("rule", "example"), EXAMPLES, ids=[f"{r}:{e['text'][:30]}"
                                                            for r, e in EXAMPLES])
def test_rule_examples(rule, example):
    text = example["text"]
    frames = find_frames(text, Sentence(0, len(text), text))
    assert [(f.rule, f.speaker.text if f.speaker else None, f.cue.text) for f in frames] == [
        (rule, example["speaker"], example["cue"])]


def test_every_rule_has_examples():
    assert all(r.examples for r in rules())


def test_inherited_frame_is_the_dated_one():
    text = "On April 7, Austin said he could not reach Shoigu. According to him, nobody answered."
    sentences, timexes, _ = _frames(text, date(2022, 5, 13))
    said = said_dates(text, sentences, timexes)
    frame, day, source = said[sentences[1].start]
    assert (frame.speaker.text, day, source.speaker.text) == ("him", date(2022, 4, 7), "Austin")
    assert said[sentences[0].start][2] is None


def test_reference_article():
    from markup import DATA

    text = (DATA / "rbc-2022-05-13-shoigu-austin.en.txt").read_text(encoding="utf-8")
    sentences, timexes, _ = _frames(text, date(2022, 5, 13))
    said = {f.text: d for f, d, _ in said_dates(text, sentences, timexes).values()}
    assert said["On April 7, Austin himself said that"] == date(2022, 4, 7)
    assert said["According to Austin,"] == date(2022, 4, 7)
    assert said["On April 14, Kirby reported that"] == date(2022, 4, 14)
    assert said["On March 24, Pentagon spokesman John Kirby first reported"] == date(2022, 3, 24)
    assert said[", Reuters reported, citing a statement from the Pentagon"] is None
