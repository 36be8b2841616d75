"""What one document leaves implicit, filled before its events join the corpus timeline
(kronika.timeline.fill, rules in timeline/fill.yaml). Sentences are not from the story set."""

from __future__ import annotations

from datetime import date

import pytest

from kronika.pipeline import Pipeline
from kronika.rules import load_rules
from kronika.timeline.fill import fill_document, marks_earlier, night_cues, plural_cues

RULES = load_rules("kronika.timeline", "fill.yaml")


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.default()


def _filled(pipeline, text: str, published: date, lang: str = "en"):
    doc = pipeline.process(text.encode(), published=published, lang=lang, uri="t")
    return fill_document(doc.events, lang, published)


# text, published, language, (type, target, earliest, latest, basis) of the LAST event
CASES = [
    # the narrative's reference date: "also called" on the Monday of the sentence before
    ("Macron spoke with Scholz on Monday. Macron also called Meloni.", "2023-03-08", "en",
     ("CONSULT", "Giorgia Meloni", "2023-03-06", "2023-03-06", "inferred")),
    # an earlier time marked ("A month earlier ... had met"): no reference date
    ("Erdoğan spoke with Zelensky on Friday. A month earlier, Erdoğan had met Putin.",
     "2023-03-11", "en", ("CONSULT", "Vladimir Putin", None, None, "unknown")),
    # a verbal event with nothing dated before it: the publication day or the day before
    ("Iran accused Israel of sabotage at the Natanz site.", "2021-04-12", "en",
     ("ACCUSE", "Israel", "2021-04-11", "2021-04-12", "inferred")),
    # "overnight", bounded by the saying on Sunday; the shelled city stands for its country
    ("Russia shelled Kharkiv overnight, officials said on Sunday.", "2022-05-15", "en",
     ("ASSAULT", "Ukraine", "2022-05-14", "2022-05-15", "inferred")),
    ("Israel struck the port of Latakia on Sunday.", "2021-12-28", "en",
     ("ASSAULT", "Syria", "2021-12-26", "2021-12-26", "relative")),
    ("Россия ночью атаковала Одессу, сообщили украинские власти во вторник.", "2023-07-18", "ru",
     ("ASSAULT", "Ukraine", "2023-07-17", "2023-07-18", "inferred")),
]


@pytest.mark.parametrize(("text", "published", "lang", "want"), CASES)
def test_fill(pipeline, text, published, lang, want):
    events = _filled(pipeline, text, date.fromisoformat(published), lang)
    e = events[-1]
    type_, target, lo, hi, basis = want
    assert e.type == type_
    assert target in [a.name for a in e.targets]
    assert (e.date.earliest, e.date.latest, e.date.basis) == (
        lo and date.fromisoformat(lo), hi and date.fromisoformat(hi), basis)


def test_a_plural_subject_takes_the_participants_named_before(pipeline):
    # "Президенты" alone reads as the president last named (Xi); the agreement is both men's
    text = ("Байден и Си Цзиньпин встретились на Бали 14 ноября. Президенты договорились о "
            "возобновлении контактов между Вашингтоном и Пекином.")
    agree = _filled(pipeline, text, date(2022, 11, 15), "ru")[-1]
    assert agree.type == "AGREE"
    assert sorted(a.name for a in agree.sources) == ["Joe Biden", "Xi Jinping"]
    assert agree.targets == ()
    assert (agree.date.earliest, agree.date.basis) == (date(2022, 11, 14), "inferred")


def test_a_rejection_answers_the_accusation_before_it(pipeline):
    text = ("Poland accused Belarus of pushing migrants across the border on Monday. "
            "Minsk rejected the accusations as lies.")
    reject = _filled(pipeline, text, date(2021, 11, 9))[-1]
    assert reject.type == "REJECT"
    assert [a.name for a in reject.targets] == ["Poland"]


def test_an_attack_at_home_takes_no_place_target(pipeline):
    events = _filled(pipeline, "Ukrainian forces shelled Kharkiv on Sunday.", date(2022, 5, 16))
    assert all(a.country != "UKR" for e in events for a in e.targets)


@pytest.mark.parametrize("rule", RULES["reference_date"]["earlier"], ids=lambda r: r["name"])
def test_earlier_cue_examples(rule):
    for example in rule["examples"]:
        assert marks_earlier(example, rule["language"]), example


@pytest.mark.parametrize("rule", RULES["night_before"], ids=lambda r: r["name"])
def test_night_cue_examples(rule):
    for example in rule["examples"]:
        assert night_cues(rule["language"]).search(example), example


@pytest.mark.parametrize("rule", RULES["plural_subject"], ids=lambda r: r["name"])
def test_plural_cue_examples(rule):
    for example in rule["examples"]:
        assert plural_cues(rule["language"]).match(example), example


def test_fill_keeps_order_and_count(pipeline):
    doc = pipeline.process(b"Macron spoke with Scholz on Monday. Iran accused Israel of sabotage.",
                           published=date(2023, 3, 8), lang="en", uri="t")
    filled = fill_document(doc.events, "en", date(2023, 3, 8))
    assert [e.id for e in filled] == [e.id for e in doc.events]
