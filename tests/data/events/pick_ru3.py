"""How the third Russian held-out Wikinews sentences were drawn (run from the repo root).

    PYTHONPATH=src python tests/data/events/pick_ru3.py ../shared/corpus/wikinews/ru.jsonl

Written before any Russian rule was changed on branch events-ru3 and before the coder was run
on the sentences it draws. The sentence filter and the interaction-word list are those of
pick_ru2.py (imported, unchanged); sentences of ru.dev.txt, ru.heldout.txt and ru.heldout2.txt
are left out. To weight the draw toward interaction sentences while giving every PLOVER family
support, the interaction sentences are split by the FIRST family (in the order of FAMILIES) whose
stem they contain ("other": an interaction stem of no family, e.g. «суд», «погиб»); from each
family of n sentences, every (n // PER_FAMILY)-th from offset FIRST modulo that step, at most
PER_FAMILY (PER_OTHER for "other"); then RANDOM named sentences without an interaction word
(seed SEED) are added. Sentences are kept in corpus order.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick_ru2 import INTERACTION, sentences  # noqa: E402

PER_FAMILY, PER_OTHER, FIRST, RANDOM, SEED = 11, 8, 7, 15, 41
# The stems of pick_ru2.INTERACTION, grouped by PLOVER family (rarer families first, so that a
# sentence with a rare cue is counted under it).
FAMILIES = {
    "retreat-concede": ["вывод", "вывел", "вывест", "отступ", "освобод", "отпуст", "помилов",
                        "извин", "уступ"],
    "aid": ["помощ", "помог", "гуманитар", "финансир", "выдел", "передал", "передат"],
    "threaten-protest": ["угрож", "угроз", "пригроз", "предупред", "ультиматум", "протест",
                         "митинг", "демонстрац", "забастов", "бойкот", "пикет"],
    "sanction-mobilize": ["санкц", "запрет", "высла", "высыл", "отстран", "уволи", "увольн",
                          "эмбарго", "разорв", "мобилиз", "войск", "приговор", "лиши", "лишен"],
    "coerce": ["задерж", "арест", "заключ", "посади", "обыск", "конфиск", "изъя", "депорт",
               "экстрадиц", "похит", "похищ", "захват", "штраф"],
    "accuse-reject": ["обвин", "осуд", "осужд", "критик", "раскритик", "подозр", "иск",
                      "претенз", "отказ", "отверг", "отклон", "вето", "опроверг", "возраз"],
    "assault": ["напад", "атак", "удар", "обстрел", "взрыв", "убил", "убий", "убит", "бомб",
                "теракт", "вторг", "вторж", "казн", "стрел"],
    "request": ["призв", "призыв", "проси", "просил", "просьб", "потребов", "требов",
                "поручи", "предлож", "обрати", "обращ"],
    "consult-agree": ["встреч", "встрет", "переговор", "визит", "посет", "посещ", "позвон",
                      "телефон", "обсуд", "обсужд", "соглаш", "договор", "подпис", "соглас"],
}


def _taken(root: Path) -> set[str]:
    out: set[str] = set()
    for name in ("ru.dev.txt", "ru.heldout.txt", "ru.heldout2.txt"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "@", " ")):
                out.add(line.strip())
    return out


def _family(text: str) -> str:
    words = [w.lower() for w in re.findall(r"\w+", text)]
    for name, stems in FAMILIES.items():
        if any(w.startswith(s) for w in words for s in stems):
            return name
    return "other"


def pick(path: str) -> list[tuple[str, str]]:
    sents = sentences(path, _taken(Path(__file__).parent))
    seen: set[str] = set()
    unique = []
    for doc, s in sents:  # the corpus repeats a few sentences
        if s not in seen:
            seen.add(s)
            unique.append((doc, s))
    return choose(unique, PER_FAMILY, PER_OTHER, FIRST, RANDOM, SEED)


def choose(unique: list[tuple[str, str]], per_family: int, per_other: int, first: int,
           n_random: int, seed: int) -> list[tuple[str, str]]:
    """From each PLOVER family of n interaction sentences every (n // per)-th from `first`
    modulo that step, at most `per`; then `n_random` sentences without an interaction word."""
    inter = [i for i, (_, s) in enumerate(unique) if INTERACTION.search(s)]
    groups: dict[str, list[int]] = {}
    for i in inter:
        groups.setdefault(_family(unique[i][1]), []).append(i)
    chosen: set[int] = set()
    for name, members in groups.items():
        per = per_other if name == "other" else per_family
        step = max(1, len(members) // per)
        chosen |= set(members[first % step :: step][:per])
    plain = [i for i in range(len(unique)) if i not in set(inter)]
    chosen |= set(random.Random(seed).sample(plain, n_random))
    return [unique[i] for i in sorted(chosen)]


if __name__ == "__main__":
    for doc, s in pick(sys.argv[1]):
        print(f"# {doc}")
        print(s)
