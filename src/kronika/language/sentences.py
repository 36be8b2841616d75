"""Sentence segmentation: kronika's rules for English, razdel for Russian.

Both keep the line rule below; inside a line Russian text is split by razdel (measured in
bench/sentences.py; see README "Actors"), English text by these rules:

A newline always ends a sentence (scraped text puts headlines, captions and furniture on lines of
their own). Inside a line a sentence ends at . ! ? … (with closing quotes) before a capital,
digit or opening quote, unless the word before the stop is a known abbreviation or an initial.
A stray `>` left by flattened HTML before a capital also ends one ("feedback >On April 14").
"""

from __future__ import annotations

import re
from functools import cache

from kronika.document import Document, Sentence
from kronika.rules import load_rules

_END = re.compile(r"[.!?…]+[”\"’»)\]]*(?=\s+[\"“«(>—–-]?\s*[A-ZА-ЯЁ0-9])")
_ANGLE = re.compile(r"\s>(?=\s*[A-ZА-ЯЁ“\"«])")
_WORD_BEFORE = re.compile(r"(\w+)\.?$")


@cache
def _abbreviations() -> frozenset[str]:
    data = load_rules("kronika.language", "abbreviations.yaml")
    return frozenset(e["word"].lower() for lang in data.values() for e in lang)


def _is_abbreviation(line: str, stop: int) -> bool:
    m = _WORD_BEFORE.search(line, max(0, stop - 64), stop)  # a window: linear in the line
    if not m:
        return False
    word = m.group(1)
    if len(word) == 1 and word.isupper():  # an initial: "J. Kirby", "U.S."
        return True
    return word.lower() in _abbreviations()


def split_line(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one line, trimmed of spaces."""
    cuts = []
    for m in _END.finditer(line):
        if line[m.start()] == "." and _is_abbreviation(line, m.start()):
            continue
        cuts.append(m.end())
    cuts.extend(m.start() + 2 for m in _ANGLE.finditer(line))
    spans, start = [], 0
    for cut in sorted(set(cuts)) + [len(line)]:
        seg = line[start:cut]
        left = len(seg) - len(seg.lstrip())
        right = len(seg.rstrip())
        if right > left:
            spans.append((start + left, start + right))
        start = cut
    return spans


def split_line_ru(line: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in one line of Russian text, by razdel."""
    from razdel import sentenize

    return [(s.start, s.stop) for s in sentenize(line)]


def split(text: str, lang: str = "en") -> list[Sentence]:
    """Sentences of `text`: a newline always ends one; inside a line, by the language's splitter."""
    splitter = split_line_ru if lang == "ru" else split_line
    out: list[Sentence] = []
    paragraph, offset = -1, 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip("\r\n")
        if body.strip():
            paragraph += 1
            for s, e in splitter(body):
                out.append(Sentence(offset + s, offset + e, body[s:e], paragraph))
        offset += len(line)
    return out


class Sentences:
    """Add `sentences`: offsets into the text (rules for English, razdel for Russian)."""

    name = "sentences"
    reads = ("text", "language")
    adds = ("sentences",)

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(sentences=tuple(split(doc.text, doc.language)))
