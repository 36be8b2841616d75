"""How the TRAINING sentences of tests/data/events/train/ were drawn (run from the repo root).

    PYTHONPATH=src python tests/data/events/pick_train.py en PART        # PART 1 or 2
    PYTHONPATH=src python tests/data/events/pick_train.py meantime 1
    PYTHONPATH=src python tests/data/events/pick_train.py ru PART        # PART 1 or 2
    PYTHONPATH=src python tests/data/events/pick_train.py en-plain PART  # PART 1 or 2
    PYTHONPATH=src python tests/data/events/pick_train.py meantime 2
    PYTHONPATH=src python tests/data/events/pick_train.py factrueval PART   # PART 1 or 2

Training data for a learned event detector (issue 7, seventh round), annotated by hand with
docs/ANNOTATION.md before any model or rule saw it. No sentence of any event case file that
existed at the draw (CASE_FILES) is drawn, nor any sentence of an article a Russian case file
drew from, so the unseen sets stay unseen.

- en: every English Wikinews sentence of pick.py's filter that has a word of pick.INTERACTION
  (the list written from the PLOVER definitions) and is in no case file, plus 120 random named
  sentences without one (seed 37); the draw's sentences in corpus order, dealt alternately to
  part 1 and part 2.
- meantime: the MEANTIME sentences of pick_meantime.py with an interaction word that neither
  MEANTIME draw took, every 2nd from the 2nd, plus 40 random others (seed 41), as one part.
- ru: Russian Wikinews sentences of pick_ru2.py's filter from articles no Russian case file
  drew from; every interaction sentence, plus 80 random named ones without an
  interaction word (seed 43), dealt alternately to part 1 and part 2.
- en-plain (a second draw): 600 random named English Wikinews sentences WITHOUT an interaction
  word, in no case file and not in the "en" draw (seed 47), dealt alternately to two parts:
  the sentences that teach what is no event.
- meantime 2: every MEANTIME interaction sentence the first draw left, plus 40 random others
  (seed 59).
- factrueval: every factRuEval-2016 sentence of pick_ru_factrueval.py's filter with an
  interaction word that is in no case file, plus 40 random others (seed 53), dealt alternately
  to two parts.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
import pick  # noqa: E402
import pick_meantime  # noqa: E402
import pick_ru_factrueval  # noqa: E402
from pick_ru2 import INTERACTION as RU_INTERACTION  # noqa: E402
from pick_ru2 import sentences as ru_sentences  # noqa: E402

SHARED = HERE.parents[2] / ".." / "shared"
# the case files at the draw (2026-11-26, seventh round): later files must not change a re-run
CASE_FILES = ["en.dates.txt", "en.dev.txt", "en.dev2.txt", "en.heldout.txt", "en.heldout2.txt",
              "en.heldout3.txt", "en.heldout4.txt", "en.heldout5.txt", "en.meantime.txt",
              "en.meantime2.txt", "en.syntax.txt", "ru.dev.txt", "ru.factrueval.txt",
              "ru.factrueval2.txt", "ru.heldout.txt", "ru.heldout2.txt", "ru.heldout3.txt",
              "ru.heldout4.txt", "ru.rules.txt", "ru.syntax.txt"]
_DOC = re.compile(r"^#\s*(wn-ru-nerel-\d+)\s*$")


def _taken() -> tuple[set[str], set[str]]:
    """Every case sentence, and every Russian article id, of the case files of the draw."""
    texts: set[str] = set()
    docs: set[str] = set()
    for path in [HERE / n for n in CASE_FILES] + [HERE.parent / "events.en.txt"]:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _DOC.match(line)
            if m:
                docs.add(m.group(1))
            elif line.strip() and not line.startswith(("#", "@", " ")):
                texts.add(line.strip())
    return texts, docs


def _choose(rows, keep, interaction: re.Pattern[str], step: slice, seed: int, n_plain: int
            ) -> list[tuple[str, str]]:
    """From (head, sentence) rows, each sentence once where `keep(head, sentence)`: the
    interaction sentences of `step`, plus `n_plain` random others (`seed`), in corpus order."""
    sents, seen = [], set()
    for head, s in rows:
        if keep(head, s) and s not in seen:
            seen.add(s)
            sents.append((head, s))
    inter = [i for i, (_, s) in enumerate(sents) if interaction.search(s)]
    plain = [i for i in range(len(sents)) if i not in set(inter)]
    chosen = set(inter[step]) | set(random.Random(seed).sample(plain, n_plain))
    return [sents[i] for i in sorted(chosen)]


def draw_en() -> list[tuple[str, str]]:
    texts, _ = _taken()
    return _choose(pick.sentences(str(SHARED / "corpus/wikinews/en.jsonl")),
                   lambda _, s: s not in texts, pick.INTERACTION, slice(None), 37, 120)


def draw_en_plain() -> list[tuple[str, str]]:
    texts, _ = _taken()
    drawn = {s for _, s in draw_en()}
    seen: set[str] = set()
    plain = []
    for published, s in pick.sentences(str(SHARED / "corpus/wikinews/en.jsonl")):
        if s not in texts and s not in drawn and s not in seen and not pick.INTERACTION.search(s):
            seen.add(s)
            plain.append((published, s))
    chosen = set(random.Random(47).sample(range(len(plain)), 600))
    return [plain[i] for i in sorted(chosen)]


MEANTIME = "data/timeml-en/meantime_newsreader_english_oct15/intra-doc_annotation"


def draw_meantime() -> list[tuple[str, str]]:
    texts, _ = _taken()
    return _choose(pick_meantime.sentences(SHARED / MEANTIME), lambda _, s: s not in texts,
                   pick.INTERACTION, slice(1, None, 2), 41, 40)


def draw_meantime2() -> list[tuple[str, str]]:
    texts, _ = _taken()
    drawn = set(draw_meantime())
    return _choose(pick_meantime.sentences(SHARED / MEANTIME),
                   lambda head, s: s not in texts and (head, s) not in drawn,
                   pick.INTERACTION, slice(None), 59, 40)


def draw_factrueval() -> list[tuple[str, str]]:
    texts, _ = _taken()
    sents = pick_ru_factrueval.sentences(SHARED / "data/factrueval-2016",
                                         SHARED / "corpus/wikinews/ru.jsonl")
    return _choose([("factrueval", s) for s in sents], lambda _, s: s not in texts,
                   RU_INTERACTION, slice(None), 53, 40)


def draw_ru() -> list[tuple[str, str]]:
    texts, docs = _taken()
    return _choose(ru_sentences(str(SHARED / "corpus/wikinews/ru.jsonl"), texts),
                   lambda doc, _: doc not in docs, RU_INTERACTION, slice(None), 43, 80)


def main(which: str, part: int) -> None:
    if which == "meantime":
        chosen = draw_meantime() if part == 1 else draw_meantime2()
    else:
        draw = {"en": draw_en, "ru": draw_ru, "en-plain": draw_en_plain,
                "factrueval": draw_factrueval}[which]
        chosen = draw()[part - 1::2]
    last = None
    for head, s in chosen:
        if head != last:
            print(f"# {head}" if which in ("ru", "factrueval") else f"@published {head}")
            last = head
        print(s)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
