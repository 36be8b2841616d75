"""Russian personal names in the nominative (kronika.language.names) and the backbone's names.

Names and sentences written for these tests (not taken from the event case files)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.language import backbone
from kronika.language.names import endings, nominative
from markup import parse


@pytest.mark.parametrize("rule", endings(), ids=lambda r: r.name)
def test_every_ending_rule_example(rule):
    for oblique, want in rule.examples:
        assert nominative(oblique) == want, rule.name


@pytest.mark.parametrize(("oblique", "want"), [
    # a foreign given name pymorphy3 reads otherwise agrees with its surname
    ("Брайана Кэллоуэя", "Брайан Кэллоуэй"),
    ("Ричарда Хаммонда", "Ричард Хаммонд"),
    ("Уильямом Кратчем", "Уильям Кратч"),
    # Russian surnames declined as adjectives and as nouns, in both genders
    ("Андрею Белоусову", "Андрей Белоусов"),
    ("Светланой Тихановской", "Светлана Тихановская"),
    ("Марины Ковальской", "Марина Ковальская"),
    ("Елене Ивановой", "Елена Иванова"),
    ("Игорю Кириллову", "Игорь Кириллов"),
    # masculine names of the first declension
    ("Никитой Михалковым", "Никита Михалков"),
    # indeclinable names and surnames stay as written
    ("Анну Чапман", "Анна Чапман"),
    ("Тарасу Шевченко", "Тарас Шевченко"),
    ("Джузеппе Верди", "Джузеппе Верди"),
    # hyphenated words, particles, ё and inner capitals
    ("Доминику Вильпену-Галуа", "Доминик Вильпен-Галуа"),
    ("Юсуфа аль-Карадави", "Юсуф аль-Карадави"),
    ("Фёдору Конюхову", "Фёдор Конюхов"),
    ("Джону МакКейну", "Джон МакКейн"),
    # already in the nominative
    ("Ангела Меркель", "Ангела Меркель"),
    ("Роберт Фицо", "Роберт Фицо"),
])
def test_names_in_the_nominative(oblique, want):
    assert nominative(oblique) == want


def test_the_hint_decides_where_the_words_do_not():
    """«Карлоса Пуйоля» reads as a genitive alone; «Хорхе Рамоса» may be a feminine «Рамоса» in
    the nominative as well, and the case the tagger read in context decides."""
    assert nominative("Карлоса Пуйоля") == "Карлос Пуйоль"
    assert nominative("Хорхе Рамоса") == "Хорхе Рамоса"
    assert nominative("Хорхе Рамоса", ("gent", "masc")) == "Хорхе Рамос"


@settings(max_examples=60, deadline=None)
@given(st.lists(st.text(alphabet="абвгдеёжзийклмнопрстуфхцчшщыэюяАБВЕКЛМНОПРС-",
                        min_size=1, max_size=9), min_size=1, max_size=4))
def test_nominative_keeps_the_number_of_words(words):
    name = " ".join(w.capitalize() for w in words)
    assert len(nominative(name).split(" ")) == len(name.split(" "))


@pytest.mark.parametrize("line", [
    "Суд оправдал [[Лэнса Брэддока|Лэнс Брэддок]] в четверг.",
    "Журналисты встретились с [[Брайаном Кэллоуэем|Брайан Кэллоуэй]] в Лондоне.",
    "Комиссия отстранила [[Карен Мартиросян|Карен Мартиросян]] (Karen Martirosyan) от выборов.",
    "Полиция задержала [[Артура Гарибяна|Артур Гарибян]] — бывшего мэра.",
])
def test_russian_person_entities_end_at_brackets_and_are_nominative(line):
    """The model's span runs on into «(Karen Martirosyan)» or «—»; the entity stops before it."""
    text, spans = parse(line)
    people = [(e.start, e.end, e.normal) for e in backbone.entities(text, [(0, len(text))], "ru")
              if e.label == "PER"]
    assert people == [(s, e, label) for s, e, _, label in spans]
