"""Reporting frames: "On April 14, Kirby reported that …", "According to him, …", "…, Reuters
reported, citing …", and the date the reported words were said.

`find_frames` runs the named rules of `en.yaml` on one sentence. `said_dates` walks a document's
sentences and dates each frame: by its own explicit date ("On April 7, Austin said"), by the
latest dated person frame when the speaker is a pronoun ("According to him"), or by the latest
dated frame whose speaker shares a name with it ("According to Austin"). Relative time
expressions inside the content of a dated frame count from that date (see `kronika.timex`).

Example:
    >>> from kronika.document import Sentence
    >>> s = "On April 14, Kirby reported that Austin called."
    >>> [(f.speaker.text, f.cue.text) for f in find_frames(s, Sentence(0, len(s), s))]
    [('Kirby', 'reported')]
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Any

from kronika.document import Sentence, Span, Timex
from kronika.errors import RuleFileError
from kronika.rules import load_rules, require_keys

__all__ = ["Frame", "FrameRule", "find_frames", "rules", "said_dates"]


@dataclass(frozen=True, slots=True)
class Frame:
    """A reporting clause: who (speaker) says (cue) the content, and when if the clause says."""

    start: int
    end: int
    text: str
    cue: Span
    speaker: Span | None
    content_start: int
    content_end: int
    date: Timex | None
    refers_back: bool
    rule: str
    cited: Span | None = None  # whom the speaker cites: "Reuters reported, citing the Pentagon"


@dataclass(frozen=True, slots=True)
class FrameRule:
    name: str
    content: str  # "after" or "before" the frame
    regex: re.Pattern[str]
    examples: tuple[dict[str, str], ...]


@dataclass(frozen=True)
class _Lexicon:
    person_pronouns: frozenset[str]
    thing_pronouns: frozenset[str]
    person_roles: frozenset[str]
    org_roles: frozenset[str]
    organisations: frozenset[str]
    generic: frozenset[str]
    prefilter: re.Pattern[str]


def _alt(words: Sequence[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len,
                                                                           reverse=True))


@cache
def _load(lang: str = "en") -> tuple[tuple[FrameRule, ...], _Lexicon]:
    data: dict[str, Any] = load_rules("kronika.reporting", f"{lang}.yaml")
    lex = data["lexicon"]
    cues = [w for forms in lex["cues"].values() for w in forms]
    pronouns = lex["pronouns"]["person"] + lex["pronouns"]["thing"]
    stop = lex["stop"] + cues
    cap = r"(?:[A-Z](?:\.[A-Z])+\.|[A-Z][a-z]{0,3}\.(?=\s+[A-Z])|[A-Z][\w'’-]*)"
    word = rf"(?:{cap}|(?!(?:{_alt(stop)})(?!\w))[a-z][\w'’-]*)"
    phrase = (rf"(?:(?i:{_alt(pronouns)})(?!\w)|(?!(?:{_alt(lex['not_first'])})(?!\w))"
              rf"(?:(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Ii]ts|[Tt]heir)\s+)?(?:{word}\s+){{0,7}}?{word}(?:\s+(?:{_alt(lex['reflexives'])}))?)")
    cue_words = rf"(?:{_alt(cues)})(?!\w)"
    places = {
        "lead": rf"(?P<lead>(?:{_alt(lex['lead_words'])})(?!\w)[^,;:“”\"«»—–]{{0,60}}?,\s+)?",
        "audience": (rf"(?:\s+(?:{_alt(lex['audience'])}|(?:the\s+)?{cap}(?:\s+{cap}){{0,3}})"
                     r"(?!\w))?"),
        "speaker": f"(?P<speaker>{phrase})",
        "speaker_phrase": phrase,
        "adverbs": rf"(?:(?:{_alt(lex['adverbs'])}|[a-z]+ly)\s+){{0,3}}",
        "cue": f"(?P<cue>{cue_words})",
        "cue_words": cue_words,
        "citing": _alt(lex["citing"]),
        "when": (r"(?:on\s+(?:[A-Z][a-z]*day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)"
                 r"[a-z]*\.?(?:\s+\d{1,2}(?:st|nd|rd|th)?)?|" + _alt(lex["platforms"]) + r")|"
                 r"(?:last|this|earlier|later)\s+(?:week|month|year|[A-Z][a-z]*day)|yesterday|"
                 r"today|earlier|later|in\s+(?:a|an|the|his|her|its|their)\s+(?:statement|"
                 r"interview|post|tweet|letter|address|speech|report|briefing))(?!\w)"),
    }
    out = []
    for item in data["rules"]:
        require_keys(item, ("name", "content", "pattern"), f"reporting/{lang}.yaml")
        pattern = re.sub(r"\{(\w+)\}", lambda m: places[m.group(1)], item["pattern"])
        try:
            regex = re.compile(pattern)
        except re.error as exc:
            raise RuleFileError(f"reporting rule {item['name']!r} does not compile: {exc}") from exc
        out.append(FrameRule(item["name"], item["content"], regex, tuple(item.get("examples", ()))))
    lexicon = _Lexicon(
        frozenset(w.lower() for w in lex["pronouns"]["person"]),
        frozenset(w.lower() for w in lex["pronouns"]["thing"]),
        frozenset(lex["roles"]["person"]), frozenset(lex["roles"]["organisation"]),
        frozenset(lex["organisations"]), frozenset(lex["generic"]),
        re.compile(rf"(?<!\w)(?:{cue_words}|[Aa]ccording\s+to(?!\w))"),
    )
    return tuple(out), lexicon


def rules(lang: str = "en") -> tuple[FrameRule, ...]:
    """The frame rules in the order they are tried (for tests and `--explain`)."""
    return _load(lang)[0]


def find_frames(text: str, sentence: Sentence, timexes: Sequence[Timex] = ()) -> list[Frame]:
    """The reporting frames of one sentence, by position; `timexes` give the frames' dates."""
    frame_rules, lex = _load()
    s = text[sentence.start:sentence.end]
    if not lex.prefilter.search(s):
        return []
    found: list[Frame] = []
    for rule in frame_rules:
        m = rule.regex.search(s)
        if not m:
            continue
        start, end = m.start(), m.end()
        while start < end and s[start].isspace():
            start += 1
        if any(start < f.end - sentence.start and f.start - sentence.start < end for f in found):
            continue
        found.append(_frame(text, sentence, m, rule, start, end, timexes, lex))
    return sorted(found, key=lambda f: f.start)


def _frame(text: str, sentence: Sentence, m: re.Match[str], rule: FrameRule, start: int,
           end: int, timexes: Sequence[Timex], lex: _Lexicon) -> Frame:
    base = sentence.start
    a, b = base + start, base + end
    if rule.content == "after":
        c0, c1 = b, sentence.end
        while c0 < c1 and text[c0] in " ,:\t":
            c0 += 1
    else:
        c0, c1 = sentence.start, a
        while c1 > c0 and text[c1 - 1].isspace():
            c1 -= 1
    speaker = None
    if m.group("speaker"):
        speaker = Span(base + m.start("speaker"), base + m.end("speaker"), m.group("speaker"))
    cue = Span(base + m.start("cue"), base + m.end("cue"), m.group("cue"))
    when = next((t for t in timexes if t.type == "DATE" and a <= t.start and t.end <= b), None)
    refers_back = bool(speaker and speaker.text.lower() in lex.person_pronouns)
    cited = None
    for group in ("source", "source_after"):
        if m.groupdict().get(group):
            cited = Span(base + m.start(group), base + m.end(group), m.group(group))
    return Frame(a, b, text[a:b], cue, speaker, c0, c1, when, refers_back, rule.name, cited)


# --- when the words were said ---------------------------------------------------------------

_POSSESSIVE = re.compile(r"['’]s$")


def _person_like(frame: Frame, lex: _Lexicon) -> bool:
    if frame.speaker is None:
        return False
    low = frame.speaker.text.lower()
    if low in lex.person_pronouns:
        return True
    if low in lex.thing_pronouns:
        return False
    words = frame.speaker.text.split()
    if any(w.lower() in lex.person_roles for w in words):
        return True
    if any(w.lower() in lex.org_roles or w in lex.organisations for w in words):
        return False
    return any(w[:1].isupper() for w in words)


def _names(frame: Frame, lex: _Lexicon) -> frozenset[str]:
    if frame.speaker is None:
        return frozenset()
    words = (_POSSESSIVE.sub("", w).strip(".,") for w in frame.speaker.text.split())
    return frozenset(w for w in words if w[:1].isupper() and w not in lex.generic
                     and w not in lex.organisations and w.lower() not in lex.person_pronouns)


def _day(frame: Frame) -> date | None:
    t = frame.date
    return t.earliest if t and t.earliest and t.earliest == t.latest else None


def said_dates(
    text: str, sentences: Sequence[Sentence], timexes: Sequence[Timex]
) -> dict[int, tuple[Frame, date | None, Frame | None]]:
    """For each sentence start with a frame: (its first frame, the date its words were said, the
    frame that date was inherited from or None).

    A frame's own single-day DATE timex dates it. A pronoun speaker inherits the date of the
    latest earlier dated frame with a person-like speaker; a named speaker the date of the
    latest earlier dated frame whose speaker shares a distinctive capitalised word with it.
    Inherited dates are inherited again ("According to Austin" then "he said").
    """
    _, lex = _load()
    out: dict[int, tuple[Frame, date | None, Frame | None]] = {}
    # dated frames so far: (frame, date, root frame, person-like, names)
    history: list[tuple[Frame, date, Frame, bool, frozenset[str]]] = []
    ordered = sorted(timexes, key=lambda t: t.start)
    starts = [t.start for t in ordered]
    for sentence in sentences:
        inside = ordered[bisect_left(starts, sentence.start):bisect_left(starts, sentence.end)]
        frames = find_frames(text, sentence, inside)
        if not frames:
            continue
        frame = frames[0]
        person, names = _person_like(frame, lex), _names(frame, lex)
        said, root = _day(frame), None
        if said is None and frame.refers_back:
            hit = next((h for h in reversed(history) if h[3]), None)
        elif said is None and names:
            hit = next((h for h in reversed(history) if h[4] & names), None)
        else:
            hit = None
        if hit:
            said, root = hit[1], hit[2]
            if frame.refers_back:
                names = hit[4]
        out[sentence.start] = (frame, said, root)
        if said is not None:
            history.append((frame, said, root or frame, person, names))
    return out
