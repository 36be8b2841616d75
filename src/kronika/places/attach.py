"""Which place locates which event: the event clause's own place, else a place of the sentence
no other event's clause holds, else the dateline, else none.

A sentence is cut into clauses at punctuation, coordinators, subordinators and reporting verbs
(`BOUNDARIES`). A place in the clause of an event's trigger is that event's (the nearest after
the trigger, else the nearest before; a city or region before a country). A place in a clause with no trigger ("In Antalya, …",
"…, on the sidelines of the Shangri-La Dialogue in Singapore") goes to the nearest trigger only;
a place where words were said ("Speaking in Moscow, Lavrov accused …") only to the saying that
follows it, never to an event reported in those words. So a place never locates another event
of the same sentence. An event with no place in its sentence takes the
document's dateline ("SINGAPORE —"), if one comes before it.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from kronika.document import Sentence
from kronika.places.resolve import Resolved

BOUNDARIES = {
    "en": re.compile(r"[;:—–()]|,\s|(?<!\w)(?:and|but|while|whereas|after|before|when|as|"
                     r"that|which|who|where|said|says|told|announced|reported|claimed|added)(?!\w)"),
    "ru": re.compile(r"[;:—–()]|,\s|(?<!\w)(?:и|но|а|когда|после|перед|пока|который|которая|"
                     r"которое|которые|что|заявил|заявила|заявили|сообщил|сообщила|сообщили|"
                     r"рассказал|добавил|отметил)(?!\w)"),
}

# Words that open reported content: a place where words were said does not locate an event
# reported after them ("Lavrov told journalists in Moscow that Ukraine shelled …").
REPORTED = {
    "en": re.compile(r"(?<!\w)(?:that|said|says|told|claimed|reported)(?!\w)"),
    "ru": re.compile(r"(?<!\w)(?:что|чтобы|заявил\w*|сообщил\w*|сказал\w*)(?!\w)"),
}


@dataclass(frozen=True, slots=True)
class Attachment:
    place: Resolved
    how: str   # clause, sentence or dateline


def attach(triggers: Sequence[tuple[int, int]], places: Sequence[Resolved],
           sentences: Sequence[Sentence], text: str, lang: str) -> list[Attachment | None]:
    """One attachment (or None) per trigger span."""
    boundary = BOUNDARIES.get(lang, BOUNDARIES["en"])
    datelines = [p for p in places if p.mention.dateline]
    out: list[Attachment | None] = []
    cache: dict[int, dict[int, Attachment]] = {}
    starts = [s.start for s in sentences]
    for i, (start, _end) in enumerate(triggers):
        sent = _sentence(sentences, starts, start)
        found = None
        if sent is not None:
            if sent.start not in cache:
                cache[sent.start] = _sentence_attachments(sent, triggers, places, text, boundary,
                                                          REPORTED.get(lang, REPORTED["en"]))
            found = cache[sent.start].get(i)
        if found is None:
            before = [p for p in datelines if p.mention.start <= start]
            if before:
                found = Attachment(before[-1], "dateline")
        out.append(found)
    return out


def _is_country(r: Resolved) -> bool:
    return r.place.feature == "A" and r.place.admin1 is None


def _sentence(sentences: Sequence[Sentence], starts: list[int], offset: int) -> Sentence | None:
    k = bisect_right(starts, offset) - 1  # sentences are in text order
    return sentences[k] if k >= 0 and offset < sentences[k].end else None


def _sentence_attachments(sent: Sentence, triggers: Sequence[tuple[int, int]],
                          places: Sequence[Resolved], text: str, boundary: re.Pattern[str],
                          reported: re.Pattern[str]) -> dict[int, Attachment]:
    cuts = [sent.start, *(sent.start + m.start() for m in boundary.finditer(sent.text)), sent.end]
    cuts = sorted(set(cuts))

    def clause(offset: int) -> int:
        return bisect_right(cuts, offset) - 1

    mine = {i: t for i, t in enumerate(triggers) if sent.start <= t[0] < sent.end}
    here = [p for p in places if sent.start <= p.mention.start < sent.end and not p.mention.dateline]
    clause_of = {i: clause(t[0]) for i, t in mine.items()}
    with_trigger = set(clause_of.values())
    in_clause: dict[int, list[Resolved]] = {}
    for p in here:
        in_clause.setdefault(clause(p.mention.start), []).append(p)
    out: dict[int, Attachment] = {}
    for i, (_, t_end) in mine.items():
        own = in_clause.get(clause_of[i], [])
        after = [p for p in own if p.mention.start >= t_end]
        before = [p for p in own if p.mention.start < t_end][::-1]
        # the nearest after the trigger, else before it; a city or region before a country
        # ("attacked Ukraine near Kharkiv" happened at Kharkiv)
        ranked = sorted(after + before, key=lambda p: _is_country(p))
        if ranked:
            out[i] = Attachment(ranked[0], "clause")
    for p in here:
        if clause(p.mention.start) in with_trigger:
            continue
        near = mine
        if p.mention.speech:  # only the saying itself: a trigger after it, nothing reported between
            near = {i: t for i, t in mine.items() if t[0] > p.mention.end
                    and not reported.search(text, p.mention.end, t[0])}
        nearest = min(near, default=None,
                      key=lambda i: (abs(near[i][0] - p.mention.start), i))
        if nearest is not None and nearest not in out:
            out[nearest] = Attachment(p, "sentence")
    return out
