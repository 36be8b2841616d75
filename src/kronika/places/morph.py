"""Russian morphology for place names: the nominative forms a word in a phrase may stand for.

«в Донецкой области» → донецкая область; «в Стамбуле» → стамбул; «на киевском направлении» →
киевское направление. pymorphy3 gives the parses; words it does not know lose a case ending.
"""

from __future__ import annotations

from functools import lru_cache

from kronika.language import morph

#: Case endings tried on a word pymorphy3 does not know (locative and dative mostly).
ENDINGS = (("ии", "ия"), ("ье", "ья"), ("е", ""), ("е", "а"), ("е", "я"), ("и", "ь"),
           ("у", ""), ("ом", ""), ("а", ""))


@lru_cache(maxsize=1 << 16)  # keyed by words: bounded for a long run
def nominatives(word: str) -> tuple[str, ...]:
    """Lower-case forms `word` may be the inflection of, the word itself first."""
    w = word.lower()
    out = [w]
    if "-" in w and not w.endswith("-"):
        # "Ростове-на-Дону": pymorphy knows the whole; "Ивано-Франковске": inflect the last part
        head, _, last = w.rpartition("-")
        out += [f"{head}-{n}" for n in nominatives(last)[1:]]
    for p in morph().parse(w)[:4]:
        nomn = p.inflect({"nomn"})
        for form in (nomn.word if nomn else None, p.normal_form):
            if form and form not in out:
                out.append(form)
    for end, repl in ENDINGS:
        if w.endswith(end) and len(w) > len(end) + 2:
            form = w[: len(w) - len(end)] + repl
            if form not in out:
                out.append(form)
    return tuple(out)


@lru_cache(maxsize=1 << 16)  # keyed by words: bounded for a long run
def is_nominative_place(name: str) -> bool:
    """Whether pymorphy3 reads every word of `name` as a nominative (a canonical name)."""
    for word in name.replace("-", " ").split():
        parses = morph().parse(word.lower())
        if not any(p.tag.case == "nomn" and p.score > 0.1 for p in parses[:3]):
            return False
    return True
