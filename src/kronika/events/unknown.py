"""Actors the knowledge base does not know, read from the named-entity model next to a trigger.

The actors stage names the people, countries and organisations of its knowledge base, and people
the entity model finds by full name. News also names actors it cannot: a surname alone
("Pelosi"), a body ("the House", "Congress", "the Supreme Court"), a group ("Taliban"). For a
sentence where a trigger fired, the coder asks the entity model (`kronika.language.backbone`,
English spaCy small: PERSON, ORG and NORP) once, and an entity that no mention covers becomes an
actor with the words of the text as its name and no id. Places (GPE, LOC) are left out: "met in
Geneva" names where, not whom, and the countries are in the knowledge base already.

    >>> from kronika.events.unknown import actor_name
    >>> actor_name("the House of Representatives"), actor_name("Pelosi's")
    ('House of Representatives', 'Pelosi')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from kronika.document import Actor, Mention

# Entity labels (backbone's) that may be actors, and the actor kind each gives.
KINDS = {"PER": "person", "ORG": "organisation"}
# Entity words that are never an actor of an event: platforms, diseases and time zones the
# small model often tags ORG or PERSON ("posted on Twitter", "(0100 UTC)").
NOT_ACTORS = frozenset({
    "twitter", "facebook", "youtube", "instagram", "telegram", "tiktok", "covid-19",
    "coronavirus", "brexit", "utc", "gmt", "god",
})
# A one-word nationality adjective before a lower-case noun ("Kurdish groups", "the Crimean
# bridge") describes, it does not name (the KB names the countries).
_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:ish|ian|ean|ese|ic|i)$")
# Prepositions after which a name that is also a town is the town.
LOCATIVE = frozenset({"in", "at", "from", "near", "to", "into", "outside", "toward", "towards",
                      "across", "around", "inside"})
_WORD_BEFORE = re.compile(r"(\w+)\W*$")
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")


def actor_name(words: str) -> str:
    """The name an unknown actor goes by: the entity's words without a leading "the" or a
    possessive ending."""
    return _TRAILING.sub("", _LEADING.sub("", words.strip())).strip()


def mentions(text: str, start: int, end: int, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of the unknown actors in text[start:end] (one English sentence): entities of the
    model that overlap no known mention."""
    from kronika.language import backbone

    out: list[Mention] = []
    for e in backbone.entities(text, [(start, end)], "en"):
        kind = KINDS.get(e.label)
        if kind is None or any(m.start < e.end and e.start < m.end for m in known):
            continue
        name = actor_name(e.text)
        if (not name[:1].isupper() or name.lower() in NOT_ACTORS
                or not any(c.isalpha() for c in name)):
            continue
        after = text[e.end : e.end + 2].strip()
        if _ADJECTIVE.match(name) and after[:1].islower() or _known_place(name):
            continue
        before = _WORD_BEFORE.search(text, max(start, e.start - 16), e.start)
        if before and before.group(1).lower() in LOCATIVE and _gazetteer_place(name):
            continue  # "withdrew from Kherson": a town the model took for a name
        at = e.start + e.text.index(name)
        actor = Actor(text=name, name=name, kind=kind)
        out.append(Mention(at, at + len(name), name, (actor,), "unknown-entity"))
    return out


@cache
def _known_place(words: str) -> bool:
    """The knowledge base reads the words alone as an actor: a place the actors layer left as a
    place ("visited Kyiv", "withdrew from Kherson"), whose country the coder finds itself."""
    from kronika.actors import find

    return any(r.actors for r in find(words, [(0, len(words))], None, None))


@cache
def _gazetteer_place(words: str) -> bool:
    from kronika.places.gazetteer import gazetteer, normalise

    return bool(gazetteer().candidates(normalise(words)))
