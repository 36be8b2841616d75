"""How the English held-out and dev Wikinews sentences were drawn (run from the repo root).

    PYTHONPATH=src python tests/data/events/pick.py ../shared/corpus/wikinews/en.jsonl heldout
    PYTHONPATH=src python tests/data/events/pick.py ../shared/corpus/wikinews/en.jsonl dev
    PYTHONPATH=src python tests/data/events/pick.py ../shared/corpus/wikinews/en.jsonl heldout2
    PYTHONPATH=src python tests/data/events/pick.py ../shared/corpus/wikinews/en.jsonl heldout3
    PYTHONPATH=src python tests/data/events/pick.py ../shared/corpus/wikinews/en.jsonl heldout4
    PYTHONPATH=src python tests/data/events/pick.py ../shared/corpus/wikinews/en.jsonl heldout5
    PYTHONPATH=src python tests/data/events/pick.py ../shared/corpus/wikinews/en.jsonl dev2

Sentences: kronika's splitter over each article's text without its dateline line, 8 to 45
words, not an interview line ("((WN))", ": Why ..."), and "named": a capitalised word that is
not the sentence's first word. "Interaction": the sentence has a word from INTERACTION, a list
written from the PLOVER type definitions (much wider than kronika's trigger rules: it was fixed
before any rule was changed, so it does not favour the coder).
held-out: every 11th named interaction sentence from the 1st, plus 40 random named sentences
(seed 7); dev: every 11th from the 6th, plus 40 random named sentences (seed 11) that are not
held-out ones; held-out 2 (drawn after the events issue, before the second round of rules):
every 11th from the 3rd, plus 30 random named sentences (seed 13) that are neither held-out nor
dev ones (nor the same text as one); held-out 3 (drawn by events-en3, before its rule work):
every 11th from the 9th (offset 8: no earlier offset), plus 30 random named sentences (seed 17)
in no earlier draw (nor the same text as one of them or of en.dev.txt's other cases);
held-out 4 (drawn by ev-en5, before its rule work): every 22nd from the 2nd (offset 1: no
earlier offset), plus 15 random named sentences (seed 19) in no earlier draw, leaving out any
text of an English case file;
held-out 5 (drawn by ev-en6, before its rule work): every 22nd from the 13th (offset 12: the
half of offset 1 that held-out 4 left), plus every interaction sentence of the articles no
English case file had drawn from, plus 15 random named sentences (seed 23) of those articles,
leaving out any text of an English case file; dev 2 (ev-en6, development data): every 22nd
interaction sentence from the 8th (offset 7), leaving out any text of an English case file.
"""

from __future__ import annotations

import json
import os
import random
import re
import sys

from kronika.language.sentences import split

_NAME = re.compile(r"\s[A-Z][a-z]+")
STEP = 11
INTERACTION = re.compile(r"\b(?:" + "|".join([
    "meet", "met", "talk", "visit", "call", "phon", "host", "discuss", "negotiat", "agree", "sign",
    "deal", "support", "back", "endors", "prais", "thank", "congratulat", "cooperat", "aid",
    "help", "donat", "send", "sent", "provid", "fund", "withdr", "retreat", "releas", "free",
    "pardon", "apologi", "ask", "request", "urg", "demand", "appeal", "accus", "blam", "critici",
    "condemn", "charg", "sue", "alleg", "reject", "refus", "den", "veto", "oppos", "threat", "warn",
    "protest", "rall", "march", "boycott", "sanction", "expel", "ban", "suspend", "fire", "impeach",
    "mobili", "deploy", "arrest", "detain", "jail", "sentenc", "convict", "raid", "seiz", "attack",
    "kill", "bomb", "shot", "shoot", "invad", "strik", "struck", "shell", "fight", "fought"]) + r")\w*")


def sentences(path: str) -> list[tuple[str, str]]:
    out = []
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    for art in rows:
        body = art["text"].split("\n", 1)[1] if "\n" in art["text"] else art["text"]
        for s in split(body):
            text = s.text.strip()
            if (8 <= len(text.split()) <= 45 and "\n" not in text and _NAME.search(text)
                    and not text.startswith(("((", ":"))):
                out.append((art["published"], text))
    return out


def _heldout2_random(sents, others, earlier, inter) -> set[int]:
    fresh = [i for i in others if i not in earlier and i not in inter[3::STEP]]
    return set(random.Random(13).sample(fresh, 30))


def _dev_texts() -> set[str]:
    """Every sentence of the hand-written dev files (they hold more than the dev draw)."""
    here = os.path.dirname(os.path.abspath(__file__))
    texts = set()
    for name in ("en.dev.txt", os.path.join("..", "events.en.txt")):
        with open(os.path.join(here, name), encoding="utf-8") as lines:
            texts |= {line.strip() for line in lines if line.strip() and not line.startswith((" ", "#", "@"))}
    return texts


# The English case files there were when each later draw was made: a file written since (the
# drawn set itself among them) must not change what a re-run draws.
CASE_FILES = {
    "heldout4": ("en.dev.txt", "en.heldout.txt", "en.heldout2.txt", "en.heldout3.txt",
                 "en.syntax.txt"),
    "heldout5": ("en.dev.txt", "en.heldout.txt", "en.heldout2.txt", "en.heldout3.txt",
                 "en.heldout4.txt", "en.meantime.txt", "en.syntax.txt"),
}
CASE_FILES["dev2"] = (*CASE_FILES["heldout5"], "en.heldout5.txt")


def _all_case_texts(which: str) -> set[str]:
    """Every sentence of the English case files of a draw (CASE_FILES) and events.en.txt."""
    here = os.path.dirname(os.path.abspath(__file__))
    names = CASE_FILES[which]
    texts = set()
    for name in [*names, os.path.join("..", "events.en.txt")]:
        with open(os.path.join(here, name), encoding="utf-8") as lines:
            texts |= {line.strip() for line in lines if line.strip() and not line.startswith((" ", "#", "@"))}
    return texts


def _fresh_article_sentences(path: str, seen: set[str]) -> set[str]:
    """The named sentences of the articles none of whose sentences is in a case file."""
    with open(path, encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines]
    out: set[str] = set()
    for art in rows:
        body = art["text"].split("\n", 1)[1] if "\n" in art["text"] else art["text"]
        texts = [s.text.strip() for s in split(body)]
        if not any(t in seen for t in texts):
            out |= set(texts)
    return out


def pick(path: str, which: str) -> list[tuple[str, str]]:
    sents = sentences(path)
    inter = [i for i, (_, s) in enumerate(sents) if INTERACTION.search(s)]
    taken = set(inter[0::STEP]) | set(inter[5::STEP])
    others = [i for i in range(len(sents)) if i not in taken]
    held_random = set(random.Random(7).sample(others, 40))
    rest = [i for i in others if i not in held_random]
    dev_random = set(random.Random(11).sample(rest, 40))
    if which == "heldout":
        chosen = set(inter[0::STEP]) | held_random
    elif which == "dev":
        chosen = set(inter[5::STEP]) | dev_random
    elif which == "heldout2":
        fresh = [i for i in others if i not in held_random | dev_random and i not in inter[3::STEP]]
        chosen = set(inter[3::STEP]) | set(random.Random(13).sample(fresh, 30))
        seen = {sents[i][1] for i in set(inter[0::STEP]) | held_random | set(inter[5::STEP]) | dev_random}
        chosen = {i for i in chosen if sents[i][1] not in seen}  # the corpus repeats some sentences
    elif which == "heldout3":
        earlier = (set(inter[0::STEP]) | held_random | set(inter[5::STEP]) | dev_random
                   | set(inter[3::STEP]) | _heldout2_random(sents, others, held_random | dev_random, inter))
        fresh = [i for i in others if i not in earlier and i not in inter[8::STEP]]
        chosen = set(inter[8::STEP]) | set(random.Random(17).sample(fresh, 30))
        seen = {sents[i][1] for i in earlier} | _dev_texts()
        chosen = {i for i in chosen if sents[i][1] not in seen}
    elif which == "heldout4":
        earlier = (set(inter[0::STEP]) | held_random | set(inter[5::STEP]) | dev_random
                   | set(inter[3::STEP]) | _heldout2_random(sents, others, held_random | dev_random, inter)
                   | set(inter[8::STEP]))
        fresh = [i for i in others if i not in earlier and i not in inter[1::2 * STEP]]
        chosen = set(inter[1::2 * STEP]) | set(random.Random(19).sample(fresh, 15))
        seen = {sents[i][1] for i in earlier} | _all_case_texts(which)
        chosen = {i for i in chosen if sents[i][1] not in seen}
    elif which == "heldout5":
        seen = _all_case_texts(which)
        fresh_articles = _fresh_article_sentences(path, seen)
        unused = [i for i, (_, s) in enumerate(sents) if s in fresh_articles]
        picked = set(inter[12::2 * STEP]) | {i for i in inter if sents[i][1] in fresh_articles}
        rest = [i for i in unused if i not in picked]
        chosen = picked | set(random.Random(23).sample(rest, 15))
        chosen = {i for i in chosen if sents[i][1] not in seen}
    elif which == "dev2":
        seen = _all_case_texts(which)
        chosen = {i for i in inter[7::2 * STEP] if sents[i][1] not in seen}
    else:
        raise SystemExit(f"unknown draw {which!r}: heldout, dev, heldout2, ..., heldout5, dev2")
    return [sents[i] for i in sorted(chosen)]


if __name__ == "__main__":
    last = None
    for published, s in pick(sys.argv[1], sys.argv[2]):
        if published != last:
            print(f"@published {published}")
            last = published
        print(s)
