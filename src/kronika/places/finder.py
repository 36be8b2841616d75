"""Find place mentions with the named rules of `rules.<lang>.yaml`.

A mention is a stretch of text that names a place the gazetteer knows, found by a rule (a cue
such as "in" or «в», a dateline, a front direction). Finding looks the name up; choosing among
several places of that name is `resolve.py`'s job. Mentions never lie inside time expressions
("in May") or the mentions of people and organisations the knowledge base knows ("the
Washington Post"); a name the named-entity tagger only guessed to be a person ("near Bandar
Abbas") stays a place.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import product

from kronika.document import Document, Span
from kronika.errors import PlaceFileError
from kronika.places.gazetteer import Gazetteer, normalise
from kronika.rules import load_rules

FINDERS = ("dateline", "cue", "axis")
#: At most this many words make a place name ("Rostov on Don", "Rio de Janeiro").
MAX_NAME_WORDS = 4

_WORD = {
    "en": r"[A-Z](?:[\w-]|[.'’](?=\w)(?!s\b))*",
    "ru": r"[А-ЯЁ][\w-]*",
}
_CAPS = {"en": r"[A-Z][A-Z.'’ -]*[A-Z]", "ru": r"[А-ЯЁ][А-ЯЁ -]*[А-ЯЁ]"}


@dataclass(frozen=True, slots=True)
class PlaceMention(Span):
    """A place named in the text: `keys` are its lookup keys, best first."""

    rule: str = ""
    keys: tuple[str, ...] = ()
    speech: bool = False      # where words were said, not where things happened
    dateline: bool = False
    qualifier: str | None = None  # "Texas" in "Paris, Texas": a key that narrows the choice


@dataclass(frozen=True)
class PlaceRule:
    name: str
    finder: str
    regex: re.Pattern[str] | None = None
    speech: bool = False
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class RuleSet:
    lang: str
    rules: tuple[PlaceRule, ...]
    region_words: frozenset[str]
    axis_words: tuple[str, ...]
    not_places: frozenset[str]
    joiners: frozenset[str]


@cache
def rule_set(lang: str) -> RuleSet:
    """The compiled rules of `rules.<lang>.yaml` (English and Russian)."""
    data = load_rules("kronika.places", f"rules.{lang}.yaml") or {}
    lex = data.get("lexicon") or {}
    rules = []
    for item in data.get("rules") or []:
        where = f"places/rules.{lang}.yaml"
        if not isinstance(item, dict) or "name" not in item or "finder" not in item:
            raise PlaceFileError(f"{where}: every rule needs a name and a finder, not {item!r}")
        if item["finder"] not in FINDERS:
            raise PlaceFileError(f"{where}: rule {item['name']!r} has finder "
                                 f"{item['finder']!r}; use one of {', '.join(FINDERS)}")
        regex = None
        if item["finder"] == "cue":
            if not item.get("cues"):
                raise PlaceFileError(f"{where}: cue rule {item['name']!r} lists no cues")
            cues = sorted(item["cues"], key=len, reverse=True)
            alts = "|".join(c.replace(" ", r"\s+") for c in cues)
            try:
                regex = re.compile(rf"(?<![\w-])(?i:{alts})\s+(?:(?:the|The)\s+)?(?=[^\W\d_])")
            except re.error as exc:
                raise PlaceFileError(f"{where}: rule {item['name']!r}: a cue does not compile: "
                                     f"{exc}") from exc
        rules.append(PlaceRule(item["name"], item["finder"], regex, bool(item.get("speech")),
                               tuple(item.get("examples") or ())))
    return RuleSet(lang, tuple(rules), frozenset(w.casefold() for w in lex.get("region_words", [])),
                   tuple(lex.get("axis_words", [])), frozenset(lex.get("not_places", [])),
                   frozenset(lex.get("name_joiners", [])))


def find_mentions(doc: Document, gaz: Gazetteer) -> list[PlaceMention]:
    """Every place mention of the document, by position; rules earlier in the file win overlaps."""
    lang = doc.language if doc.language in ("en", "ru") else None
    if lang is None:
        return []
    rs = rule_set(lang)
    blocked = [(t.start, t.end) for t in doc.timexes]
    blocked += [(m.start, m.end) for m in doc.mentions
                if m.actors and all(a.kind in ("person", "organisation") and a.id
                                    for a in m.actors)]
    taken: list[tuple[int, int]] = []
    out: list[PlaceMention] = []
    for rule in rs.rules:
        for m in _run(rule, rs, doc.text, gaz):
            if _overlaps(m.start, m.end, taken) or _covered(m.start, m.end, blocked):
                continue
            taken.append((m.start, m.end))
            out.append(m)
    return sorted(out, key=lambda m: m.start)


def _covered(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether a time expression or a person/organisation mention holds the whole name ("in
    May"; "the Washington Post"); "Bandar Abbas" is a place though "Abbas" names a person."""
    return any(s <= start and end <= e for s, e in spans)


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _run(rule: PlaceRule, rs: RuleSet, text: str, gaz: Gazetteer) -> Iterable[PlaceMention]:
    if rule.finder == "dateline":
        yield from _datelines(rule, rs, text, gaz)
    elif rule.finder == "axis":
        yield from _axes(rule, rs, text, gaz)
    else:
        assert rule.regex is not None
        for m in rule.regex.finditer(text):
            found = _name_at(rule, rs, text, m.end(), gaz)
            if found:
                yield found


def _datelines(rule: PlaceRule, rs: RuleSet, text: str, gaz: Gazetteer) -> Iterable[PlaceMention]:
    pattern = re.compile(rf"(?m)^[ \t]*(?P<name>{_CAPS[rs.lang]})(?=\s*(?:,|\(|[—–]|--|-\s))")
    for m in pattern.finditer(text):
        name = m.group("name")
        keys = _keys(rs, name.split(), gaz)
        if keys:
            yield PlaceMention(m.start("name"), m.end("name"), name, rule.name, keys,
                               dateline=True)


def _axes(rule: PlaceRule, rs: RuleSet, text: str, gaz: Gazetteer) -> Iterable[PlaceMention]:
    words = "|".join(rs.axis_words)
    if rs.lang == "ru":
        pattern = re.compile(rf"(?<!\w)(?P<name>[а-яёА-ЯЁ-]+(?:ском|цком)\s+(?:{words})[а-я]*)")
    else:
        pattern = re.compile(rf"(?<!\w)(?P<name>(?:{_WORD['en']})\s+(?:{words}))\b")
    for m in pattern.finditer(text):
        name = m.group("name")
        keys = _keys(rs, name.split(), gaz)
        if keys:
            yield PlaceMention(m.start("name"), m.end("name"), name, rule.name, keys)


def _name_at(rule: PlaceRule, rs: RuleSet, text: str, at: int,
             gaz: Gazetteer) -> PlaceMention | None:
    """The longest place name that starts at `at` (with a region word after it, if any)."""
    words = _name_words(rs, text, at)
    if not words:
        return None
    # "Ukraine's Zaporizhzhia region": the place is the second name, the first narrows it.
    qualifier = None
    end_first = words[-1][1]
    poss = re.match(r"['’]s\s+", text[end_first:])
    if poss and len(words) <= 2:
        inner = _name_words(rs, text, end_first + poss.end())
        if inner and _keys(rs, [w for _, _, w in words], gaz):
            qualifier = _keys(rs, [w for _, _, w in words], gaz)[0]
            words = inner
    for n in range(len(words), 0, -1):
        chunk = words[:n]
        if chunk[-1][2] in rs.joiners:
            continue
        names = [w for _, _, w in chunk]
        if " ".join(names) in rs.not_places or names[0] in rs.not_places:
            continue
        start, end = chunk[0][0], chunk[-1][1]
        region = _region_word(rs, text, end)
        if region:
            keys = _keys(rs, [*names, region.group(1)], gaz)
            if keys:
                return _mention(rule, text, start, end + region.end(), keys, qualifier)
        keys = _keys(rs, names, gaz)
        if keys and rs.lang == "en" and n < len(words) and words[n][2] not in rs.joiners:
            return None  # a place name inside a longer proper name: "the Washington Post"
        if keys:
            if qualifier is None:
                qualifier = _qualifier(rs, text, end, gaz)
            return _mention(rule, text, start, end, keys, qualifier)
    return None


def _mention(rule: PlaceRule, text: str, start: int, end: int, keys: tuple[str, ...],
             qualifier: str | None) -> PlaceMention:
    return PlaceMention(start, end, text[start:end], rule.name, keys, speech=rule.speech,
                        qualifier=qualifier)


def _name_words(rs: RuleSet, text: str, at: int) -> list[tuple[int, int, str]]:
    """Capitalised words from `at`, one space apart (joiners such as "on", "de" between them)."""
    word, joiner, space = re.compile(_WORD[rs.lang]), re.compile(r"[^\W\d_]+"), re.compile(r"[ \t]+")
    out: list[tuple[int, int, str]] = []
    pos = at
    while len(out) < MAX_NAME_WORDS:
        m = word.match(text, pos)
        if not m:
            m = joiner.match(text, pos)
            if not (out and m and m.group() in rs.joiners):
                break
        out.append((m.start(), m.end(), m.group()))
        gap = space.match(text, m.end())
        if not gap:
            break
        pos = gap.end()
    while out and out[-1][2] in rs.joiners:
        out.pop()
    return out


def _region_word(rs: RuleSet, text: str, end: int) -> re.Match[str] | None:
    m = re.match(r"\s+([^\W\d_]+)", text[end:])
    if m and (m.group(1).casefold() in rs.region_words
              or (rs.lang == "ru" and any(m.group(1).casefold().startswith(w[:-1])
                                          for w in rs.region_words))):
        return m
    return None


def _qualifier(rs: RuleSet, text: str, end: int, gaz: Gazetteer) -> str | None:
    """"Paris, Texas", "Antalya, Turkey": the country or region after a comma."""
    m = re.match(r",\s+", text[end:])
    if not m:
        return None
    words = _name_words(rs, text, end + m.end())
    if not words:
        return None
    keys = _keys(rs, [w for _, _, w in words[:2]], gaz) or _keys(rs, [words[0][2]], gaz)
    return keys[0] if keys else None


def _keys(rs: RuleSet, words: Sequence[str], gaz: Gazetteer) -> tuple[str, ...]:
    """Lookup keys of a name that the gazetteer knows, best first (Russian: nominatives)."""
    if rs.lang == "ru":
        from kronika.places.morph import nominatives

        options = [nominatives(w) for w in words]
        keys = (normalise(" ".join(c)) for c in product(*options))
    else:
        keys = iter([normalise(" ".join(words))])
    found: list[str] = []
    for key in keys:
        if key in gaz.index and key not in found:
            found.append(key)
    return tuple(found)
