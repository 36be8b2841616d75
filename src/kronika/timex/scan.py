"""Finding expressions in a sentence: the grammar tried near trigger words, and the tense of
the clause an expression sits in."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from kronika.document import Sentence
from kronika.timex.grammar import Grammar, morph

__all__ = ["LOOKBACK", "future_tense", "lowered", "scan", "tense_cues"]

#: Characters a clause break (comma, semicolon, dash) between a tense cue and an expression
#: adds to their distance: "will open on May 10, officials said" is future.
CLAUSE_BREAK = 100
_BREAKS = re.compile(r"[,;:—–]")


def _distance(text: str, m: re.Match[str], start: int, end: int) -> int:
    a, b = (m.end(), start) if m.end() <= start else (end, m.start())
    return max(0, b - a) + CLAUSE_BREAK * len(_BREAKS.findall(text, a, max(a, b)))


_WORD = re.compile(r"\w{3,}")
_PERFECT = re.compile(r"\s+have\b")
_MODALS = frozenset({"would", "should", "must"})


@lru_cache(maxsize=1 << 16)
def _future_verb(word: str) -> bool:
    tag = morph().parse(word)[0].tag
    return tag.POS == "VERB" and tag.tense == "futr"


def future_verbs(text: str, start: int, end: int) -> list[re.Match[str]]:
    """Russian verbs in the future tense («введут», «проведёт»), by pymorphy3's best parse."""
    return [w for w in _WORD.finditer(text, start, end) if _future_verb(w.group().lower())]


def tense_cues(text: str, sentence: Sentence, g: Grammar
               ) -> tuple[list[re.Match[str]], list[re.Match[str]], bool]:
    """The future and past tense cues of a sentence (a past cue inside a future one, such as
    "planned" in "planned to", left out), and whether it has any past cue: read once per
    sentence, used by `future_tense`. The past cues are listed only when there are future ones
    to weigh them against (the past pattern is the costlier one)."""
    # "would have been" looks back: a perfect after a modal ("should have", "must have") is no
    # future cue
    fut = [m for m in g.future.finditer(text, sentence.start, sentence.end)
           if not (m.group().lower() in _MODALS and _PERFECT.match(text, m.end()))]
    if g.lang == "ru":
        fut += future_verbs(text, sentence.start, sentence.end)
    if g.past is None:
        return fut, [], False
    if not fut:
        return fut, [], g.past.search(text, sentence.start, sentence.end) is not None
    spans = [(m.start(), m.end()) for m in fut]
    past = [m for m in g.past.finditer(text, sentence.start, sentence.end)
            if not any(a <= m.start() < b for a, b in spans)]
    return fut, past, bool(past)


def future_tense(text: str, sentence: Sentence, start: int, end: int, g: Grammar,
                 cues: tuple[list[re.Match[str]], list[re.Match[str]], bool] | None = None
                 ) -> bool | None:
    """Whether the expression at start..end sits in a future clause: the nearest tense cue of its
    sentence is a future one ("will", "is scheduled") rather than a past one ("had", "said");
    None when the sentence has no tense cue at all (a headline: "Masks mandatory from June 15").
    `cues`: `tense_cues(text, sentence, g)`, if at hand."""
    fut, past, any_past = cues if cues is not None else tense_cues(text, sentence, g)
    if not fut:
        return None if g.past is not None and not any_past else False
    if g.past is None:
        return True
    if g.report_that is not None:  # "announced that ... would": the content's own tense
        past = [m for m in past if m.end() > start
                or not (r := g.report_that.match(text, m.start())) or r.end() > start]
        if not past:
            return True
    near = min(_distance(text, m, start, end) for m in fut)
    return near <= min((_distance(text, m, start, end) for m in past), default=near)


#: How far before its first trigger word an expression may start ("на протяжении последних
#: нескольких дней" puts 35 characters before "дней"). Raising it costs speed, not accuracy
#: elsewhere; re-run `make bench` and the rule examples if changed.
LOOKBACK = 48
_TOKEN = re.compile(r"\w+")


def lowered(text: str) -> str:
    """`text` in lower case, with the same length (the few characters whose lower case is
    longer, such as "İ", are kept as they are)."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _starts(low: str, at: int, first: int) -> tuple[int, ...]:
    """Where an expression may start at a word: before an apostrophe that opens a two-digit
    year ("since '82", "the '80s"), then at the word itself."""
    if at > first and low[at - 1] in "'’" and low[at].isdigit():
        return at - 1, at
    return (at,)


def scan(text: str, sentence: Sentence, g: Grammar, low: str | None = None
         ) -> Iterator[re.Match[str]]:
    """The grammar's matches in a sentence, left to right, as `g.regex.finditer` would give
    them, but trying the grammar only at the word starts up to LOOKBACK characters before a
    trigger word (a digit, a month, a unit, ...): most words of a text are far from any.
    `low` is `lowered(text)` (computed here when not given)."""
    if low is None:
        low = lowered(text)
    pos = sentence.start
    for t in _TOKEN.finditer(low, sentence.start, sentence.end):
        word = t.group()
        if not (word[0].isdigit() or word in g.triggers):
            continue
        while pos <= t.start():
            m = None
            for w in _TOKEN.finditer(low, max(pos, t.start() - LOOKBACK), t.end()):
                word = w.group()
                if (w.start() > 0 and low[w.start() - 1].isalnum()) or not (
                        word[0].isdigit() or word in g.starters):
                    continue
                for at in _starts(low, w.start(), pos):
                    m = g.regex_for(low[at]).match(low, at, sentence.end)
                    if m and g.accept(m, text):
                        break
                    m = None
                if m is not None:
                    break
            if m is None:
                break
            pos = m.end()
            yield m
