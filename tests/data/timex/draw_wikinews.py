"""Draw the English Wikinews timex set: `python tests/data/timex/draw_wikinews.py > draft.txt`.

Reads ../shared/corpus/wikinews/en.jsonl (English Wikinews 2019-2020, CC BY 2.5) and writes, for
70 articles drawn with a fixed seed, what MEANTIME annotates of an article: the title, the
dateline (when the text opens with one) and the first six body sentences (MEANTIME: four; six
give more expressions), one per line, in the block format of `wikinews.en.txt` (annotated by
hand afterwards). 60 articles were drawn and annotated first; the draw was then raised to 70 to
pass 250 expressions (`random.sample` keeps the first 60 the same). Articles the English timex
case file (tests/data/timex.en.txt) already took sentences from are left out: those published
on a day it quotes (before the draw), and those holding one of its sentences (after the draw,
so that the articles drawn stay the same). None of MEANTIME's articles are in this corpus (no
URL matches, ../shared/data/timeml-en/README.md). Every third article drawn (the 3rd, 6th, ...)
goes to the held-out part, scored only at the end.

`python tests/data/timex/draw_wikinews.py heldout2 > draft.txt` draws the second held-out set
(wikinews.heldout2.en.txt, issue 5's fourth round): every eligible article (as above: not
published on a SEEN_DAYS day, longer than 400 characters) that neither the draw above took nor
holds a sentence of an earlier timex or events draw or case file (USED_FILES; the corpus repeats
a few sentences across articles): 30 articles, in corpus order, each
whole (title, dateline, every body sentence up to HELDOUT2_SENTENCES) since so few are left.
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
CORPUS = ROOT.parent / "shared/corpus/wikinews/en.jsonl"
SEED = 20261126
ARTICLES = 70
SENTENCES = 6
HELDOUT2_SENTENCES = 12
#: Case files and earlier draws whose sentences mark an article as used (heldout2 draw).
USED_FILES = ("tests/data/timex.en.txt", "tests/data/timex/wikinews.en.txt",
              "tests/data/events.en.txt",
              "tests/data/events/en.dev.txt", "tests/data/events/en.heldout.txt",
              "tests/data/events/en.heldout2.txt", "tests/data/events/en.heldout3.txt")
#: Days whose Wikinews articles tests/data/timex.en.txt quotes (seen by the rules already).
SEEN_DAYS = frozenset({"2019-01-04", "2019-01-22", "2020-08-20"})
_ABBREV = re.compile(r"(?:\b(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Gen|Lt|Col|Sgt|Gov|Sen|Rep|Prof|No|vs|"
                     r"Inc|Ltd|Co|Corp|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)"
                     r"|\b[A-Z]|\b(?:[A-Za-z]\.){1,3}[A-Za-z])\.$")
_DATELINE = re.compile(r"\w+day, \w+ \d{1,2}, \d{4}$")
_CUT = re.compile(r"(?<=[.!?])[\"”’)]?\s+(?=[\"“‘(]?[A-Z0-9])")


def sentences(paragraph: str) -> list[str]:
    """A paragraph's sentences: cut after . ! ? before a capital, not after an abbreviation."""
    out, start = [], 0
    for m in _CUT.finditer(paragraph):
        head = paragraph[start:m.start()].rstrip("\"”’)")
        if _ABBREV.search(head):
            continue
        out.append(paragraph[start:m.end()].strip())
        start = m.end()
    if paragraph[start:].strip():
        out.append(paragraph[start:].strip())
    return out


def excerpt(doc: dict, limit: int = SENTENCES) -> list[str]:
    paragraphs = [p.strip() for p in doc["text"].split("\n")
                  if p.strip() and not p.strip().startswith(("(Image", "—", "Related news"))]
    head = [paragraphs.pop(0)] if paragraphs and _DATELINE.match(paragraphs[0]) else []
    body = [s for p in paragraphs for s in sentences(p) if not s.startswith("(Image")]
    return [doc["title"].strip(), *head, *body[:limit]]


def seen_sentences(name: str = "tests/data/timex.en.txt") -> list[str]:
    """The sentences of a case file, without markup (the rules have seen them)."""
    text = (ROOT / name).read_text(encoding="utf-8")
    return [re.sub(r"\[\[(.+?)\|.*?\]\]", r"\1", line).strip() for line in text.splitlines()
            if line.strip() and not line.startswith(("#", "@", " "))]


def heldout2(eligible: list[dict], drawn: list[dict]) -> None:
    taken = {d["id"] for d in drawn}
    used = [s[:40] for name in USED_FILES for s in seen_sentences(name) if len(s) > 25]
    for d in eligible:
        if d["id"] in taken or any(s in d["text"] for s in used):
            continue
        sys.stdout.write(f"@doc {d['id']} {d['published']} heldout2\n")
        lines = excerpt(d, HELDOUT2_SENTENCES)
        sys.stdout.write("\n".join(line.replace("[[", "[ [") for line in lines) + "\n\n")


def main() -> None:
    docs = [json.loads(line) for line in CORPUS.open(encoding="utf-8")]
    eligible = [d for d in docs if d["published"] not in SEEN_DAYS and len(d["text"]) > 400]
    drawn = random.Random(SEED).sample(eligible, ARTICLES)
    if sys.argv[1:] == ["heldout2"]:
        heldout2(eligible, drawn)
        return
    seen = [s[:40] for s in seen_sentences() if len(s) > 25]
    for i, d in enumerate(drawn, 1):
        if any(s in d["text"] for s in seen):
            continue
        part = "heldout" if i % 3 == 0 else "dev"
        sys.stdout.write(f"@doc {d['id']} {d['published']} {part}\n")
        sys.stdout.write("\n".join(line.replace("[[", "[ [") for line in excerpt(d)) + "\n\n")


if __name__ == "__main__":
    main()
