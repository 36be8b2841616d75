"""Russian personal names in the nominative: «Лэнса Армстронга» -> «Лэнс Армстронг».

The words of a name agree in case (and a given name and a surname in gender), so the name is put
in the nominative as a whole, not word by word:

1. **Case and gender of the name.** Every word is parsed by pymorphy3 (dictionary or, for the
   foreign names it does not know, its suffix guesser); the (case, gender) the words' parses agree
   on best wins (the sum of each word's best parse score in it, plus `HINT` per word where the
   caller's hint, the case and gender a tagger read in context, says the same; the nominative
   wins a tie). «Майкла Дэвида Барретта»: «Майкла» and «Дэвида» are genitive masculine, so
   «Барретта», which pymorphy3 reads only as a feminine nominative, is genitive masculine too.
2. **Each word in that case.** A word with a parse in it is inflected by pymorphy3 («Ивановой»
   -> «Иванова», «Навальному» -> «Навальный», «Бараком Обамой» -> «Барак Обама»); an
   indeclinable parse (`Fixd`: «Кенни», «Ющенко») keeps the word; a word with no parse in it
   loses the case ending of its gender by the named rules of `name-endings.yaml`
   («Барретта» -> «Барретт»), and a word without such an ending does not inflect («Стааке»,
   «Геловани», «Диалло»).

Lower-case particles («аль», «де», «фон») and words in Latin letters stay as written; each part
of a hyphenated word is a word («Стросс-Кана» -> «Стросс-Кан», «аль-Ахмеда» -> «аль-Ахмед»); the
letter ё and the capitals of the text are kept («Депардьё», «МакКейна» -> «МакКейн»).

    >>> nominative("Лэнса Армстронга")
    'Лэнс Армстронг'
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from kronika.language import morph
from kronika.rules import load_rules, require_keys

#: pymorphy3's case grammemes, the nominative first (it wins a tie).
CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
GENDERS = ("masc", "femn")
_CYRILLIC_WORD = re.compile(r"[А-ЯЁ][а-яё]+(?:[А-ЯЁ][а-яё]+)*")
_PART = re.compile(r"(-)")
#: Parses of a word scored in a (case, gender) with no parse of its own there: the word may be
#: indeclinable or unknown, so it neither helps nor vetoes the reading.
_NO_PARSE = 0.0
#: Weight, per word, of the caller's (case, gender) hint against pymorphy3's parse scores (each
#: at most 1); tuned on the names of the Russian events dev sets (re-run them if changed).
HINT = 0.5
#: Penalty, per word, on a reading in the gender a given name is not of («Энтони Рэппа» is no
#: woman's name, though pymorphy3 reads «Рэппа» as a feminine nominative).
OTHER_GENDER = 0.5


@dataclass(frozen=True, slots=True)
class Ending:
    """A named rule: a word of `gender` in one of `cases` ending in `ending` ends in `nominative`
    in the nominative («Барретта» -> «Барретт»), unless it ends in one of `not_after`+`ending`."""

    name: str
    gender: str
    cases: tuple[str, ...]
    ending: str
    nominative: str
    examples: tuple[tuple[str, str], ...]
    not_after: str = ""

    def apply(self, word: str) -> str | None:
        low = word.lower()
        if not low.endswith(self.ending) or len(low) - len(self.ending) < 2:
            return None
        stem = word[: len(word) - len(self.ending)]
        if self.not_after and stem[-1:].lower() in self.not_after:
            return None
        return stem + self.nominative


@cache
def endings() -> tuple[Ending, ...]:
    """The case-ending rules of `name-endings.yaml`, in order (the first that applies wins)."""
    data = load_rules("kronika.language", "name-endings.yaml")
    out = []
    for item in data.get("endings") or []:
        require_keys(item, ("name", "gender", "cases", "ending", "nominative", "examples"),
                     "name-endings.yaml")
        examples = tuple(tuple(x.split(" -> ")) for x in item["examples"])
        out.append(Ending(item["name"], item["gender"], tuple(item["cases"]), item["ending"],
                          item["nominative"] or "", examples, item.get("not_after") or ""))
    return tuple(out)


@lru_cache(maxsize=1 << 15)
def _parses(word: str) -> tuple:
    """The parses of a word that may be (part of) a name: singular nouns and adjectives; an
    indeclinable reading only from the dictionary (the guesser offers one for any word)."""
    return tuple(p for p in morph().parse(word)
                 if p.tag.POS in ("NOUN", "ADJF") and p.tag.case in CASES
                 and (p.tag.number == "sing" or "Sgtm" in p.tag)
                 and ("Fixd" not in p.tag or p.is_known))


def _fits(p, case: str, gender: str) -> bool:  # noqa: ANN001 - a pymorphy3 Parse
    if "Fixd" in p.tag:
        return True
    g = p.tag.gender
    ok_gender = ("ms-f" in p.tag or g is None or g == gender
                 or (g == "neut" and gender == "masc" and p.tag.POS == "ADJF"))
    return p.tag.case == case and ok_gender


def _inflectable(part: str) -> bool:
    return bool(_CYRILLIC_WORD.fullmatch(part)) and len(part) >= 2


def nominative(name: str, hint: tuple[str, str] | None = None) -> str:
    """A Russian name (given name, patronymic, surname, in any order) in the nominative; `hint`
    is the (case, gender) a tagger read in context, e.g. ("gent", "masc"), if any."""
    words = name.split(" ")
    pieces = [_PART.split(w) for w in words]
    parts = [p for ps in pieces for p in ps if _inflectable(p)]
    if not parts:
        return name
    case, gender = _reading(tuple(parts), hint)
    if case == "nomn":
        return name
    return " ".join("".join(_word(p, case, gender) if _inflectable(p) else p for p in ps)
                    for ps in pieces)


@lru_cache(maxsize=1 << 14)
def _reading(parts: tuple[str, ...], hint: tuple[str, str] | None) -> tuple[str, str]:
    """The (case, gender) the parts agree on best; the nominative wins a tie."""
    best, score = ("nomn", "masc"), -1.0
    for case in CASES:
        for gender in GENDERS:
            total = HINT * len(parts) if hint == (case, gender) else 0.0
            for part in parts:
                fit = [p.score for p in _parses(part) if _fits(p, case, gender)]
                total += max(fit, default=_NO_PARSE)
                if given_gender(part) not in (None, gender):
                    total -= OTHER_GENDER  # «Энтони Рэппа»: «Энтони» is a man's name
            if total > score + 1e-9:
                best, score = (case, gender), total
    return best


@lru_cache(maxsize=1 << 15)
def name_genders(part: str) -> frozenset[str]:
    """The genders of a word's readings as a given name of one gender, in the singular
    («Холли»: feminine; «Роза», also a flower: feminine)."""
    if not part[:1].isalpha():
        return frozenset()
    return frozenset(p.tag.gender for p in morph().parse(part)
                     if "Name" in p.tag and "Ms-f" not in p.tag and p.tag.number == "sing"
                     and p.tag.gender)


@lru_cache(maxsize=1 << 15)
def given_gender(part: str) -> str | None:
    """The gender of a word that is only ever a given name of one gender («Энтони»: masculine;
    «Холли»: feminine), else None (a surname, a name of either gender, or not a name)."""
    genders = name_genders(part)
    if len(genders) != 1 or not all("Name" in p.tag for p in morph().parse(part)):
        return None
    return next(iter(genders))


def _word(part: str, case: str, gender: str) -> str:
    fit = [p for p in _parses(part) if _fits(p, case, gender)]
    if fit:
        p = max(fit, key=lambda x: x.score)
        if "Fixd" in p.tag:
            return part
        want = {"nomn", "sing"} | ({p.tag.gender or gender} if p.tag.POS == "ADJF" else set())
        if p.tag.POS == "ADJF" and p.tag.gender == "neut":
            want = {"nomn", "sing", "masc"}
        form = p.inflect(want)
        return _like(part, form.word) if form is not None else part
    for rule in endings():
        if rule.gender == gender and case in rule.cases:
            out = rule.apply(part)
            if out is not None:
                return out
    return part


def _like(original: str, word: str) -> str:
    """`word` with the capitals and the ё of `original` where their letters are the same."""
    out = list(word)
    for i, (a, b) in enumerate(zip(original, word, strict=False)):
        if a.lower().replace("ё", "е") != b.replace("ё", "е"):
            break
        out[i] = a  # the text's spelling: «Депардьё», «Бандеры» -> «Бандера», not «Бандёра»
    return "".join(out)
