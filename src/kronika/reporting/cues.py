"""Reporting frames found by cue words alone, for languages without the English frame grammar
(Russian: `ru.yaml`). Same output as `said_dates`: per sentence, its frame and the date the
words were said.

A sentence's first cue («заявил», «сообщила») makes its frame. The words after the cue are the
content when the cue opens the sentence's clause («17 апреля министр заявил, что …»); the words
before it when a comma or dash precedes the cue («…, — заявил министр»). The frame is dated by a
single-day DATE timex outside the content; a sentence that opens with «По его словам» or whose
cue follows a pronoun («он добавил») keeps the date of the latest dated frame.

Example:
    >>> from kronika.document import Sentence
    >>> s = "Министр заявил, что встреча прошла."
    >>> [f.cue.text for f in find_cue_frames(s, Sentence(0, len(s), s), "ru")]
    ['заявил']
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache

from kronika.document import Sentence, Span, Timex
from kronika.rules import load_rules

__all__ = ["cue_said_dates", "examples", "find_cue_frames"]

_BEFORE = re.compile(r"[,—–-]\s*$")


@dataclass(frozen=True)
class _Cues:
    cue: re.Pattern[str]
    refer_back: re.Pattern[str]
    pronoun: re.Pattern[str]
    examples: tuple[str, ...]
    citing: re.Pattern[str] | None = None  # «со ссылкой на Минобороны»: whom the speaker cites


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                           reverse=True))


@cache
def _load(lang: str) -> _Cues:
    data = load_rules("kronika.reporting", f"{lang}.yaml")
    lex = data["lexicon"]
    stems = [w for forms in lex["cues"].values() for w in forms]
    cue = rf"(?<!\w)(?:(?:{_alt(stems)})(?:а|о|и)?(?:сь|ся)?|{_alt(lex['present_cues'])})(?!\w)"
    return _Cues(re.compile(cue, re.I),
                 re.compile(rf"\W*(?:{_alt(lex['refer_back'])})(?!\w)", re.I),
                 re.compile(rf"(?<!\w)(?:{_alt(lex['pronouns'])})\s+(?:\w+\s+)?$", re.I),
                 tuple(data.get("examples", ())),
                 re.compile(rf"(?<!\w)(?:{_alt(lex['citing'])})\s+(?P<source>[^,.;:!?«»—–]{{1,90}})",
                            re.I) if lex.get("citing") else None)


def examples(lang: str = "ru") -> tuple[str, ...]:
    return _load(lang).examples


@dataclass(frozen=True, slots=True)
class CueFrame:
    """A reporting frame found by its cue (the `Frame` fields the timex stage reads)."""

    start: int
    end: int
    cue: Span
    content_start: int
    content_end: int
    date: Timex | None
    refers_back: bool
    rule: str = "cue"
    cited: Span | None = None  # whom the speaker cites («со ссылкой на источник в ведомстве»)


def find_cue_frames(text: str, sentence: Sentence, lang: str,
                    timexes: Sequence[Timex] = ()) -> list[CueFrame]:
    """The first reporting frame of a sentence (or none)."""
    c = _load(lang)
    m = c.cue.search(text, sentence.start, sentence.end)
    if not m:
        return []
    cue = Span(m.start(), m.end(), m.group())
    if _BEFORE.search(text, sentence.start, m.start()):
        c0, c1, f0, f1 = sentence.start, m.start(), m.start(), sentence.end
    else:
        c0, c1, f0, f1 = m.end(), sentence.end, sentence.start, m.end()
    when = next((t for t in timexes if t.type == "DATE" and f0 <= t.start and t.end <= f1
                 and t.earliest and t.earliest == t.latest), None)
    back = bool(c.refer_back.match(text, sentence.start, sentence.end)
                or c.pronoun.search(text, max(sentence.start, m.start() - 30), m.start()))
    cited = None
    found = c.citing.search(text, f0, f1) if c.citing else None
    if found:
        source_end = cue.start if found.start() < cue.start else f1
        words = text[found.start("source"):min(found.end("source"), source_end)].rstrip()
        if words:
            cited = Span(found.start("source"), found.start("source") + len(words), words)
    return [CueFrame(f0, f1, cue, c0, c1, when, back, cited=cited)]


def cue_said_dates(text: str, sentences: Sequence[Sentence], timexes: Sequence[Timex],
                   lang: str) -> dict[int, tuple[CueFrame, date | None, CueFrame | None]]:
    """For each sentence start with a frame: (frame, date said, frame the date came from)."""
    out: dict[int, tuple[CueFrame, date | None, CueFrame | None]] = {}
    ordered = sorted(timexes, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    last: tuple[date, CueFrame] | None = None
    for s in sentences:
        inside = ordered[bisect_left(starts, s.start):bisect_left(starts, s.end)]
        frames = find_cue_frames(text, s, lang, inside)
        back = _load(lang).refer_back.match(text, s.start, s.end)
        if not frames and back and last:  # «По его словам, …» with no verb of its own
            frame = CueFrame(s.start, back.end(), Span(back.start(), back.end(), back.group()),
                             back.end(), s.end, None, True)
            out[s.start] = (frame, last[0], last[1])
            continue
        if not frames:
            continue
        frame = frames[0]
        if frame.date and frame.date.earliest:
            out[s.start] = (frame, frame.date.earliest, None)
            last = (frame.date.earliest, frame)
        elif frame.refers_back and last:
            out[s.start] = (frame, last[0], last[1])
    return out
