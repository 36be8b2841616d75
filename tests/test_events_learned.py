"""The learned event typer (kronika.events.learned) and how the events stage uses it."""

from __future__ import annotations

import pytest

from kronika.errors import TyperModelError
from kronika.eval.events import read_cases
from kronika.events import Events
from kronika.events.learned import Typer, cue_hits, cue_text, load, packaged, train
from kronika.pipeline import Pipeline

STAGES = Pipeline.default().stages
UPTO_ACTORS = Pipeline(STAGES[:[s.name for s in STAGES].index("events")])
RULES_ONLY = Events()  # the default: rules only


class _Sure:
    """A stand-in spaCy pipeline that gives the same probabilities to every text."""

    def __init__(self, **cats: float) -> None:
        self.cats = cats

    def __call__(self, text: str):  # noqa: ANN204 - a spaCy Doc's stand-in
        return self


def _events(text: str, lang: str = "en", **cats: float) -> list[tuple]:
    doc = UPTO_ACTORS.process(text, published="2022-05-01", lang=lang)
    stage = Events(typers=lambda _: Typer(_Sure(**cats), 0.5))
    return [(e.type, e.status, [a.name for a in e.sources], [a.name for a in e.targets], e.rule)
            for e in stage(doc).events]


def test_cue_text_names_the_cue_types_of_the_sentence():
    text = "Russia attacked Ukraine and blamed Kyiv."
    assert {h[2] for h in cue_hits(text, "en")} >= {"ASSAULT", "ACCUSE"}
    assert cue_text(text, ["ASSAULT", "ACCUSE", "ASSAULT"]) == f"{text} cueACCUSE cueASSAULT"
    assert "ASSAULT" in {h[2] for h in cue_hits("Россия нанесла удар по Киеву.", "ru")}


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_packaged_typers_load_and_give_a_probability_per_type(lang):
    typer = packaged(lang)
    probs = typer("Russia attacked Ukraine." if lang == "en" else "Россия атаковала Украину.",
                  ["ASSAULT"])
    assert len(probs) == 16 and all(0.0 <= p <= 1.0 for p in probs.values())
    assert max(probs, key=probs.get) == "ASSAULT"


def test_an_unreadable_model_folder_is_a_clear_error(tmp_path):
    with pytest.raises(TyperModelError, match="make typer") as err:
        load(tmp_path / "no-such-model", 0.2)
    assert err.value.code == "K232"


def test_the_typer_adds_a_type_the_rules_did_not_find_with_the_nearest_actors():
    # "maintain contact": no rule reads a conversation here; the typer's word is taken, with the
    # coordinated names before it as its sources
    text = "Moscow and Washington maintain contact through a hotline."
    assert RULES_ONLY(UPTO_ACTORS.process(text, published="2022-05-01", lang="en")).events == ()
    [(type_, status, sources, targets, rule)] = _events(text, CONSULT=0.9)
    assert (type_, status, sources, targets) == ("CONSULT", "occurred",
                                                 ["Russia", "United States"], [])
    assert rule.startswith("learned:CONSULT")


def test_coordinated_names_before_a_russian_cue_word_are_one_side():
    # learned.yaml's coordinators hold «и»: both countries are the sources
    got = _events("Россия и Китай укрепляют сотрудничество.", "ru", COOPERATE=0.9)
    assert [(t, sorted(s)) for t, _, s, _, _ in got] == [("COOPERATE", ["China", "Russia"])]


def test_an_agent_after_by_is_the_source():
    got = _events("Tensions rose after the shelling of the city by Russia.", ASSAULT=0.9)
    assert [(t, s, g) for t, _, s, g, _ in got] == [("ASSAULT", ["Russia"], [])]


def test_the_typer_adds_nothing_where_the_rules_found_an_event_or_to_a_negated_word():
    assert [(t, r) for t, _, _, _, r in _events("Hungary blasted the European Commission.",
                                                 ACCUSE=0.9, AID=0.9)] \
        == [("ACCUSE", "accuse-more-verbs")]
    assert _events("Hungary did not blast the European Commission.", ACCUSE=0.9) == []
    assert _events("Венгрия не критиковала Еврокомиссию.", "ru", ACCUSE=0.9) == []


def test_an_added_event_needs_a_named_actor():
    assert _events("Critics blasted the report.", ACCUSE=0.9) == []


def test_the_typer_is_off_unless_asked_for():
    assert Pipeline.default().stages[[s.name for s in STAGES].index("events")].typers("en") is None
    learned = Pipeline.default(learned=True)
    assert learned.stages[[s.name for s in STAGES].index("events")].typers("en") is packaged("en")


def test_a_headline_gets_no_learned_event():
    text = "Austin and Shoigu discuss Russian troop build-up"
    doc = UPTO_ACTORS.process(text, published="2022-05-01", lang="en", title=text)
    assert Events(typers=lambda _: Typer(_Sure(CONSULT=0.9), 0.5))(doc).events == ()
    untitled = UPTO_ACTORS.process(text, published="2022-05-01", lang="en")
    assert [e.type for e in Events(typers=lambda _: Typer(_Sure(CONSULT=0.9), 0.5))(
        untitled).events] == ["CONSULT"]


def test_one_event_at_most_where_the_rules_found_none():
    got = _events("Russia suspends participation in grain deal after Crimea attack.",
                  AGREE=0.6, SANCTION=0.7, ASSAULT=0.55)
    assert [t for t, *_ in got] == ["SANCTION"]


def test_below_the_threshold_nothing_is_added():
    assert _events("Moscow and Washington maintain contact through a hotline.",
                   CONSULT=0.4) == []


def test_training_is_deterministic(tmp_path):
    cases = tmp_path / "cases.txt"
    cases.write_text("Russia attacked Ukraine.\n  ASSAULT occurred: Russia -> Ukraine\n"
                     "Biden met Putin.\n  CONSULT occurred: Joe Biden -> Vladimir Putin\n"
                     "It rained in Moscow.\n  (no event)\n", encoding="utf-8")
    first, second = (train(read_cases(cases), "en", epochs=3) for _ in range(2))
    text = cue_text("Biden met Xi.", ["CONSULT"])
    assert first(text).cats == second(text).cats


def test_a_sentence_the_rules_left_without_an_event_is_read_with_one_context(monkeypatch):
    # "maintain contact" fires a trigger rule that reads no event here; the typer's event is read
    # with the context the rules built for the sentence, not with a second one
    import kronika.events as events

    built = []
    init = events._SentenceContext.__init__
    monkeypatch.setattr(events._SentenceContext, "__init__",
                        lambda self, *a: built.append(a[1].start) or init(self, *a))
    text = "Turkey and Greece maintain contact through their embassies."
    [(type_, _, sources, _, rule)] = _events(text, CONSULT=0.9)
    assert (type_, sorted(sources), rule) == ("CONSULT", ["Greece", "Turkey"],
                                              "learned:CONSULT/consult-contact")
    assert built == [0]
