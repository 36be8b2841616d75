"""How the second Russian held-out Wikinews sentences were drawn (run from the repo root).

    PYTHONPATH=src python tests/data/events/pick_ru2.py ../shared/corpus/wikinews/ru.jsonl

Written, with INTERACTION below, before any Russian rule was changed for ru.heldout2.txt and
before looking at the coder's errors on it. Sentences: kronika's Russian splitter over each
article's text, 6 to 45 words, one line, not opening with a quotation mark or a dash, "named"
(a capitalised word that is not the sentence's first word), and not a sentence of
ru.dev.txt or ru.heldout.txt. "Interaction": the sentence has a word starting with a stem
from INTERACTION, a list written from the PLOVER type definitions (much wider than kronika's
Russian trigger rules). Chosen: every 27th interaction sentence from the 3rd, plus 30 random
named sentences without an interaction word (seed 23).
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from kronika.language.sentences import split

_NAME = re.compile(r"\s[A-ZА-ЯЁ][a-zа-яё]+")
STEP, FIRST, RANDOM, SEED = 27, 2, 30, 23
INTERACTION = re.compile(r"\b(?:" + "|".join([
    # CONSULT, AGREE, SUPPORT, COOPERATE
    "встреч", "встрет", "переговор", "визит", "посет", "посещ", "позвон", "звон", "телефон",
    "разговор", "обсуд", "обсужд", "консульт", "соглаш", "договор", "подпис", "соглас",
    "поддерж", "одобр", "похвал", "благодар", "поздрав", "сотруднич", "совместн", "союз",
    # AID, RETREAT, CONCEDE
    "помощ", "помог", "постав", "передал", "передат", "выдел", "финансир", "гуманитар",
    "вывод", "вывел", "вывест", "отступ", "освобод", "отпуст", "помилов", "извин", "уступ",
    # REQUEST, ACCUSE, REJECT, THREATEN
    "призв", "призыв", "проси", "просил", "просьб", "потребов", "требов", "обрати", "обращ",
    "предлож", "поручи", "обвин", "осуд", "осужд", "критик", "раскритик", "подозр", "иск",
    "претенз", "упрек", "упрёк", "отказ", "отверг", "отклон", "вето", "опроверг", "возраз",
    "угрож", "угроз", "пригроз", "предупред", "ультиматум",
    # PROTEST, SANCTION, MOBILIZE
    "протест", "митинг", "акци", "демонстрац", "забастов", "бойкот", "пикет", "санкц",
    "запрет", "высла", "высыл", "отстран", "уволи", "увольн", "отставк", "лиши", "лишен",
    "приостанов", "замороз", "эмбарго", "разорв", "мобилиз", "развер", "размест", "войск",
    # COERCE, ASSAULT
    "задерж", "арест", "приговор", "заключ", "посади", "обыск", "конфиск", "изъя", "депорт",
    "экстрадиц", "похит", "похищ", "захват", "штраф", "суд", "напад", "атак", "удар",
    "обстрел", "взрыв", "убил", "убий", "убит", "погиб", "ранен", "рани", "бомб", "ракет",
    "стрел", "теракт", "бо[йяюе]", "вторг", "вторж", "казн", "пыт"]) + r")\w*", re.IGNORECASE)


def _taken(root: Path) -> set[str]:
    out: set[str] = set()
    for name in ("ru.dev.txt", "ru.heldout.txt"):
        for line in (root / name).read_text(encoding="utf-8").splitlines():
            if line and not line.startswith(("#", "@", " ")):
                out.add(line.strip())
    return out


def sentences(path: str, taken: set[str]) -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    for art in rows:
        for s in split(art["text"], "ru"):
            text = s.text.strip()
            if (6 <= len(text.split()) <= 45 and "\n" not in text and _NAME.search(text)
                    and not text.startswith(("«", '"', "„", "—", "–", "-"))
                    and text not in taken):
                out.append((art["id"], text))
    return out


def pick(path: str) -> list[tuple[str, str]]:
    sents = sentences(path, _taken(Path(__file__).parent))
    inter = [i for i, (_, s) in enumerate(sents) if INTERACTION.search(s)]
    chosen = set(inter[FIRST::STEP])
    plain = [i for i in range(len(sents)) if i not in set(inter)]
    chosen |= set(random.Random(SEED).sample(plain, RANDOM))
    return [sents[i] for i in sorted(chosen)]


if __name__ == "__main__":
    for doc, s in pick(sys.argv[1]):
        print(f"# {doc}")
        print(s)
