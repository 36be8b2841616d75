"""How `en.meantime.txt` was drawn (run from the repo root):

    PYTHONPATH=src python tests/data/events/pick_meantime.py \
        ../shared/data/timeml-en/meantime_newsreader_english_oct15/intra-doc_annotation

An English set from another source than the Wikinews draws of `pick.py` (which the rule work of
issue 7 read): the 120 MEANTIME articles (English Wikinews 2004-2011 on Airbus/Boeing, Apple, GM
and the stock markets; CC BY 4.0). Every sentence of each article (not only the six MEANTIME
annotates) is rebuilt from its tokens with the joining rules of `kronika.eval.timex`; a sentence
is kept when it has 8 to 45 words and a capitalised word that is not its first word. From those,
every 4th sentence with a word of `pick.INTERACTION` (the list written from the PLOVER
definitions before any rule changed), from the 1st, and 20 random other ones (seed 23). Drawn and
annotated by hand before the coder ran on any of them (2026-11-26), then scored with its errors
unread, as the unseen sets are.

`pick_meantime.py FOLDER 2` draws `en.meantime2.txt` the same way from the sentences the first
draw left: every 4th sentence with an interaction word from the 3rd, and 20 random other ones
(seed 29), none of them already in `en.meantime.txt` (drawn 2026-11-26, sixth round).
"""

from __future__ import annotations

import random
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick import _NAME, INTERACTION  # noqa: E402

from kronika.eval.timex import NO_SPACE_AFTER, NO_SPACE_BEFORE, _day  # noqa: E402

STEP = 4


def sentences(folder: Path) -> list[tuple[str, str]]:
    out = []
    for path in sorted(folder.glob("corpus_*/*.xml")):
        root = ET.parse(path).getroot()
        published = next((_day(x.get("value")) for x in root.iter("TIMEX3")
                          if x.get("functionInDocument") == "CREATION_TIME"), None)
        by_sentence: dict[str, list[str]] = {}
        for tok in root.iter("token"):
            by_sentence.setdefault(tok.get("sentence") or "0", []).append(tok.text or "")
        for k, words in sorted(by_sentence.items(), key=lambda kv: int(kv[0])):
            if k == "0":
                continue  # the title
            text, prev = "", ""
            for w in words:
                if text and w not in NO_SPACE_BEFORE and prev not in NO_SPACE_AFTER:
                    text += " "
                text += w
                prev = w
            if 8 <= len(text.split()) <= 45 and _NAME.search(text) and published:
                out.append((published.isoformat(), text))
    return out


DRAWS = {1: (0, 23), 2: (2, 29)}  # draw -> (first interaction sentence, seed of the others)


def pick(folder: Path, draw: int = 1) -> list[tuple[str, str]]:
    sents = sentences(folder)
    first, seed = DRAWS[draw]
    if draw > 1:  # leave out what the first draw took
        taken = set(pick(folder, 1))
        sents = [s for s in sents if s not in taken]
    inter = [i for i, (_, s) in enumerate(sents) if INTERACTION.search(s)]
    others = [i for i in range(len(sents)) if i not in set(inter)]
    chosen = set(inter[first::STEP]) | set(random.Random(seed).sample(others, 20))
    seen, out = set(), []
    for i in sorted(chosen):
        if sents[i][1] not in seen:
            seen.add(sents[i][1])
            out.append(sents[i])
    return out


if __name__ == "__main__":
    last = None
    for published, s in pick(Path(sys.argv[1]), int(sys.argv[2]) if len(sys.argv) > 2 else 1):
        if published != last:
            print(f"@published {published}")
            last = published
        print(s)
