"""How `ru.factrueval.txt` was drawn (run from the repo root):

    PYTHONPATH=src python tests/data/events/pick_ru_factrueval.py \
        ../shared/data/factrueval-2016 ../shared/corpus/wikinews/ru.jsonl

A Russian set from another source than the Wikinews draws of pick_ru2.py and pick_ru3.py (which
the rule work of issue 7 read): the news texts of factRuEval-2016 (devset and testset, MIT).
Sentences: kronika's Russian splitter over each text, 8 to 45 words, one line, not opening with
a quotation mark or a dash, "named" (pick_ru2._NAME), and found nowhere in
../shared/corpus/wikinews/ru.jsonl (factRuEval and NEREL both took Russian Wikinews articles:
a sentence of both could be in a draw the rules were written from). Chosen: every STEP-th
sentence with a word of pick_ru2.INTERACTION (the list written from the PLOVER definitions),
from the FIRST, plus RANDOM other ones (seed SEED). Drawn and annotated by hand before the coder
ran on any of them (2026-11-26), then scored with its errors unread, as the unseen sets are.

A third argument `2` draws `ru.factrueval2.txt` the same way from the sentences the first draw
left: every STEP-th interaction sentence from the 10th and RANDOM others with seed 31 (sixth
round, 2026-11-26).
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick_ru2 import _NAME, INTERACTION  # noqa: E402

from kronika.language.sentences import split  # noqa: E402

STEP, RANDOM = 14, 15
DRAWS = {1: (3, 29), 2: (10, 31)}  # draw -> (first interaction sentence, seed of the others)


def sentences(folder: Path, wikinews: Path) -> list[str]:
    seen = "\n".join(json.loads(line)["text"]
                     for line in wikinews.read_text(encoding="utf-8").splitlines())
    out, taken = [], set()
    for part in ("devset", "testset"):
        for path in sorted((folder / part).glob("book_*.txt"),
                           key=lambda p: int(p.stem.split("_")[1])):
            for s in split(path.read_text(encoding="utf-8"), "ru"):
                text = s.text.strip()
                if (8 <= len(text.split()) <= 45 and "\n" not in text and _NAME.search(text)
                        and not text.startswith(("«", "\"", "—", "-", "„"))
                        and text not in taken and text not in seen):
                    taken.add(text)
                    out.append(text)
    return out


def pick(folder: Path, wikinews: Path, draw: int = 1) -> list[str]:
    sents = sentences(folder, wikinews)
    first, seed = DRAWS[draw]
    if draw > 1:  # leave out what the first draw took
        taken = set(pick(folder, wikinews, 1))
        sents = [s for s in sents if s not in taken]
    inter = [i for i, s in enumerate(sents) if INTERACTION.search(s)]
    others = [i for i in range(len(sents)) if i not in set(inter)]
    chosen = set(inter[first::STEP]) | set(random.Random(seed).sample(others, RANDOM))
    return [sents[i] for i in sorted(chosen)]


if __name__ == "__main__":
    print("@lang ru")
    for s in pick(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 1):
        print(s)
