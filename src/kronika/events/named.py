"""Actors the actors layer names too broadly in an English sentence, named as the guideline does.

The actors layer reads "the United States House of Representatives" as the United States (the
body is not in the knowledge base), "Russian manufacturer Sukhoi" as Russia and "the Trump
campaign" as Donald Trump. docs/ANNOTATION.md names the body ("an organisation after a country
name is named without it"), the company and the campaign. `refine` rewrites a sentence's
mentions so (rules in names.en.yaml, each named):

- body-after-country: a country, or its adjective, right before a capitalised body name ("US
  Treasury Department", "the Royal Saudi Air Force"), or a body the layer read as its country
  for want of an entry ("the Turkish Ministry of Foreign Affairs"): the body, without the
  country; unnamed organs ("Russian police", "the Israeli military") stay the country;
- name-after-descriptor: a country adjective, a descriptor noun, a name ("Russian manufacturer
  Sukhoi"): the name, the adjective only describes it;
- candidate-group: a surname before a group noun ("the Trump campaign"): the group;
- name-with-country: a country name with a company word before or after it ("Air France",
  "China Eastern"): the company;
- non-state-group: a country adjective before a non-state group ("Syrian rebels", "Iranian-
  backed militias") or after "pro-"/"anti-": no actor;
- role-before-name: a role the layer read as its country right before a person's name ("his
  Polish counterpart Zbigniew Rau", "the Polish foreign minister, Zbigniew Rau"): that person;
- surname-of-another: a known person's one-word alias after another's name and a middle
  initial ("Cyrus R. Vance", not JD Vance): that other person; a generational suffix after a
  person the knowledge base lacks (", Jr.") joins the name;
- relation-group: an actor people are related to ("supporters of Navalny", "Navalny's
  supporters"): an unnamed group, no actor;
- shared-surname: a given name coordinated with a full name ("David and Louise Turpin"): a
  person of that surname too.

    >>> [m.actors[0].name for m in refine("The US Treasury Department acted.", 0, 33, [])]
    []
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cache

from kronika.actors.resolver import given_names
from kronika.actors.words import NOT_NAMES
from kronika.document import Actor, Mention
from kronika.events.unknown import actor_name
from kronika.rules import load_rules

_WORD = re.compile(r"\w+(?:[-.'’]\w+)*|[^\w\s]")
_POSSESSIVE = re.compile(r"(?:['’]s?)?")
# Rules of the actors layer whose country stands for the country itself (not a capital: "the
# Kremlin's Federal Service" is a body of Russia's, named by the layer where it knows it).
_COUNTRY_RULES = ("country-alias", "demonym")


@cache
def _time_words() -> frozenset[str]:
    """Month and weekday names (the English timex lexicon) and "today", "yesterday", "tomorrow":
    "sentenced in U.S. Federal Court on Wednesday" ends the court's name."""
    lexicon = load_rules("kronika.timex.rules", "en.yaml")["lexicon"]
    names = [w for table in ("months", "weekdays") for forms in lexicon[table].values()
             for w in forms]
    return frozenset(w.lower() for w in names) | {"today", "yesterday", "tomorrow"}


@dataclass(frozen=True)
class Lexicon:
    body_words: frozenset[str]
    one_word_bodies: frozenset[str]
    body_prepositions: frozenset[str]
    descriptors: frozenset[str]
    group_nouns: re.Pattern[str]
    company_before: frozenset[str]
    company_after: frozenset[str]
    non_state: frozenset[str]
    backed: frozenset[str]
    country_codes: frozenset[str]
    hyphen_descriptors: frozenset[str]
    organs: frozenset[str]
    place_nouns: frozenset[str]
    relation_nouns: frozenset[str]
    measure_last_words: frozenset[str]
    measure_nouns: frozenset[str]


@cache
def lexicon() -> Lexicon:
    data = load_rules("kronika.events", "names.en.yaml")
    nouns = sorted(data["group_nouns"], key=len, reverse=True)
    return Lexicon(frozenset(data["body_words"]), frozenset(data["one_word_bodies"]),
                   frozenset(data["body_prepositions"]), frozenset(data["descriptors"]),
                   re.compile(r"\s+(" + "|".join(map(re.escape, nouns)) + r")\b"),
                   frozenset(data["company_before_country"]),
                   frozenset(data["company_after_country"]),
                   frozenset(data["non_state_groups"]), frozenset(data["backed_words"]),
                   frozenset(data["company_country_codes"]),
                   frozenset(data["hyphen_descriptors"]), frozenset(data["organs"]),
                   frozenset(data["place_nouns"]), frozenset(data["relation_nouns"]),
                   frozenset(data["measure_last_words"]), frozenset(data["measure_nouns"]))


def refine(text: str, start: int, end: int, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions of text[start:end] (an English sentence) with the three rules applied."""
    lex = lexicon()
    out: list[Mention] = []
    for k, m in enumerate(mentions):
        if not m.actors:
            out.append(m)
            continue
        later = mentions[k + 1 :]
        shared = _shared_surname(text, start, m, out)
        if shared is not None:
            out.append(shared)
        if relation_owner(text, start, end, m):
            continue  # "supporters of Navalny": an unnamed group, not Navalny
        if measure_name(text, end, m):
            continue  # "endorsed the Green New Deal", "the Iraq War": a measure, no actor
        new = (_role_before_name(text, m, later)
               or _surname_of_another(text, start, m)
               or _unnamed_organ(text, m, lex)
               or _given_name_of_another(text, end, m, later)
               or _non_state_group(text, end, m, lex)
               or _body_after_country(text, end, m, later, lex)
               or _name_after_descriptor(text, end, m, later, lex)
               or _candidate_group(text, end, m, lex)
               or _name_with_country(text, end, m, lex, out))
        if new is None:
            out.append(_with_suffix(text, end, m))
        elif new.actors:
            out.append(_with_suffix(text, end, new))
        # a mention with no actors: the adjective only described the next mention
    return out


def _unnamed_organ(text: str, m: Mention, lex: Lexicon) -> Mention | None:
    """"the US military", "the Russian army": the knowledge base has the armed forces under
    these words, but they name no body, they describe an organ of the state by its country,
    and docs/ANNOTATION.md makes that the country ("Russian police", "US special forces").
    A capitalised name keeps its entry ("Ukrainian Armed Forces", "the U.S. Army")."""
    if len(m.actors) != 1 or m.actors[0].kind != "organisation" or not m.actors[0].country:
        return None
    words = _WORD.findall(m.text)
    if words and words[0].lower() == "the":
        words = words[1:]
    k = next((i for i, w in enumerate(words) if w.islower()), None)
    if not k or " ".join(words[k:]) not in lex.organs:
        return None
    from kronika.actors import find

    qualifier = " ".join(words[:k])
    found = [a for r in find(qualifier, [(0, len(qualifier))], None, None) for a in r.actors]
    if len(found) != 1 or found[0].kind != "country" or found[0].id != m.actors[0].country:
        return None
    return Mention(m.start, m.end, m.text, (found[0],), "unnamed-organ")


_NEXT_NAME = re.compile(r" ((?:[A-Z][\w'’-]+)(?: [A-Z][\w'’-]+)?)")


def _given_name_of_another(text: str, end: int, m: Mention,
                           later: Sequence[Mention]) -> Mention | None:
    """"Kerri Kupec, spokeswoman for ...": a person the knowledge base knows by one word
    (Kerry, spelled as it is read) that is also a given name, right before a capitalised word
    no mention covers, is another person, named by both words."""
    if (len(m.actors) != 1 or m.actors[0].kind != "person" or " " in m.text.strip()
            or m.text not in given_names()):
        return None
    nxt = _NEXT_NAME.match(text, m.end, end)
    if nxt is None or any(w.lower() in NOT_NAMES for w in nxt.group(1).split()) or any(
            x.start < nxt.end() and nxt.start(1) < x.end for x in later):
        return None
    name = text[m.start : nxt.end()]
    return Mention(m.start, nxt.end(), name, (Actor(text=name, name=name, kind="person"),),
                   "given-name-of-another")


_RELATION_BEFORE = re.compile(r"(\w+) (?:of|for) (?:the )?$")
_RELATION_AFTER = re.compile(r"(?:['’]s?)? (\w+)")


def relation_owner(text: str, start: int, end: int, m: Mention) -> bool:
    """People related to the actor stand for it ("Supporters of Navalny", "Navalny's
    supporters", "Navalny supporters", "lawyers for X"): an unnamed group, no actor."""
    nouns = lexicon().relation_nouns
    before = _RELATION_BEFORE.search(text, max(start, m.start - 30), m.start)
    if before is not None and before.group(1).lower() in nouns:
        return True
    after = _RELATION_AFTER.match(text, m.end, end)
    return after is not None and after.group(1) in nouns


_MEASURE_AFTER = re.compile(r" (\w+)(?: (\w+))?")
_MEASURE_OPENERS = ("of", "on")


def measure_name(text: str, end: int, m: Mention) -> bool:
    """A name of a measure, not of an actor: a law, treaty or programme by its last word ("the
    Green New Deal") or by the word before "of"/"on" ("the Bill of Rights", "the Treaty of
    Rome"), or a name modifying a measure, policy or war noun right after it ("Court packing",
    "the Citizens United decision", "the Iraq War"; one lower-case word may come between,
    "election policy", but no function word and no verb form in -s or -ed: "urged Congress to
    act", "Russia wages War" name their actors)."""
    lex = lexicon()
    words = m.text.split()
    if len(words) > 1 and words[-1] in lex.measure_last_words or any(
            w in lex.measure_last_words and nxt in _MEASURE_OPENERS
            for w, nxt in zip(words, words[1:], strict=False)):
        return True
    after = _MEASURE_AFTER.match(text, m.end, end)
    if after is None or m.rule == "demonym":  # "the Latvian proposal" is Latvia's, a possessive
        return False
    first, second = after.groups()
    return first in lex.measure_nouns or (
        second in lex.measure_nouns and first.islower() and first not in NOT_NAMES
        and not first.endswith(("s", "ed")))


_INITIALLED = re.compile(r"([A-Z][a-z]+) [A-Z]\. $")
_SUFFIX = re.compile(r",? (Jr|Sr)\.?")


def _surname_of_another(text: str, start: int, m: Mention) -> Mention | None:
    """"Cyrus R. Vance": a one-word alias of a known person (JD Vance) after a capitalised name
    of another and a middle initial is the surname of another person, named by all three
    words (the actors layer reads "Cyrus Vance" so, but not across the initial)."""
    if len(m.actors) != 1 or m.actors[0].kind != "person" or " " in m.text.strip():
        return None
    g = _INITIALLED.search(text, max(start, m.start - 30), m.start)
    if g is None or g.end() != m.start or g.group(1).lower() in NOT_NAMES or (
            g.group(1) in m.actors[0].name.split()):
        return None
    name = text[g.start() : m.end]
    return Mention(g.start(), m.end, name, (Actor(text=name, name=name, kind="person"),),
                   "surname-of-another")


def _with_suffix(text: str, end: int, m: Mention) -> Mention:
    """"Cyrus R. Vance, Jr.": a generational suffix after a person the knowledge base lacks
    belongs to the name, written without its comma (docs/ANNOTATION.md: the name as the
    sentence writes it)."""
    if len(m.actors) != 1 or m.actors[0].kind != "person" or m.actors[0].id:
        return m
    g = _SUFFIX.match(text, m.end, end)
    if g is None or m.actors[0].name.endswith(g.group(1) + "."):
        return m
    name = f"{m.actors[0].name} {g.group(1)}."
    return Mention(m.start, g.end(), text[m.start : g.end()],
                   (replace(m.actors[0], name=name),), m.rule)


# The actors layer's rules that read a role ("his Polish counterpart", "the Polish foreign
# minister") and name its country where they cannot name its holder.
_ROLE_RULES = ("counterpart", "office-holder")
_ROLE_TO_NAME = re.compile(r"\s*,?\s*")


def _role_before_name(text: str, m: Mention, later: Sequence[Mention]) -> Mention | None:
    """"his Polish counterpart Zbigniew Rau", "the Polish foreign minister, Zbigniew Rau": a
    role read as its country, or as the holder the knowledge base has for the day, right
    before a person's name (after a comma or none) is that person's, and names the person
    ("the German chancellor, Olaf Scholz" in an article the knowledge base dates to Merkel's
    time is Scholz)."""
    if m.rule not in _ROLE_RULES or not later or not (_country(m) or _one_person(m)):
        return None
    nxt = later[0]
    if (not nxt.actors or any(a.kind != "person" for a in nxt.actors)
            or not _ROLE_TO_NAME.fullmatch(text, m.end, nxt.start)):
        return None
    return Mention(m.start, m.end, m.text, nxt.actors, "role-before-name")


def _one_person(m: Mention) -> bool:
    return len(m.actors) == 1 and m.actors[0].kind == "person"


def _country(m: Mention) -> bool:
    return len(m.actors) == 1 and m.actors[0].kind == "country"


def _body_run(words: list[tuple[int, int, str]], lex: Lexicon, opened: bool = False) -> int:
    """How many of `words` make a body's name: capitalised words, and prepositions once a body
    word was read ("House of Representatives"); 0 when they make none. The name ends with a
    body word or goes on through a preposition after one ("Commission on ..."). `opened`: the
    words follow a country adjective, so a first word such as "Foreign" opens no sentence."""
    n, body_at = 0, -1
    for i, (_, _, w) in enumerate(words):
        if w[:1].isupper() and (i or opened or w.lower() not in NOT_NAMES) or w in lex.body_words:
            n = i + 1
            if w in lex.body_words:
                body_at = i
        elif (w in lex.body_prepositions and body_at >= 0 and i + 1 < len(words)
              and (w != "the" or words[i - 1][2] in lex.body_prepositions)
              and words[i + 1][2].lower() not in _time_words()  # "Federal Court on Wednesday"
              and (words[i + 1][2][:1].isupper() or words[i + 1][2] == "the")):
            continue
        else:
            break
    if body_at < 0:
        return 0
    last = words[n - 1][2]
    after_body = words[body_at + 1][2] if body_at + 1 < n else None
    if last not in lex.body_words and after_body not in lex.body_prepositions:
        return 0  # "Navy Secretary": a title, no body
    if n == 1 and last not in lex.one_word_bodies:
        return 0  # "the US Administration", "the Russian Ministry": no name
    return n


def _words(text: str, at: int, end: int, later: Sequence[Mention]) -> list[tuple[int, int, str]]:
    """The words from `at` up to the next mention with actors (a name of its own ends a run)."""
    stop = next((m.start for m in later if m.actors and m.start >= at), end)
    return [(at + w.start(), at + w.end(), w.group()) for w in _WORD.finditer(text[at:stop])]


def _organisation(text: str, s: int, e: int, rule: str, span_start: int) -> Mention:
    """The actor named by text[s:e], its mention spanning from `span_start` (the country or
    adjective it replaces, so that no other reading finds that again)."""
    name = actor_name(text[s:e])
    end = s + text[s:e].find(name) + len(name)
    return Mention(span_start, end, text[span_start:end],
                   (Actor(text=name, name=name, kind="organisation"),), rule)


def _body_after_country(text: str, end: int, m: Mention, later: Sequence[Mention],
                        lex: Lexicon) -> Mention | None:
    if not _country(m):
        return None
    if m.rule == "org-qualified":  # "the Turkish Ministry of Foreign Affairs" read as Turkey
        words = _words(text, m.start, m.end, ())
        while words and words[0][2].lower() == "the":
            words = words[1:]
        if len(words) < 2 or words[0][2] in lex.body_words:
            return None
        n = _body_run(words[1:], lex, opened=True)  # "the Iranian Foreign Ministry"
        if n != len(words) - 1:
            return None
        return _organisation(text, words[1][0], words[-1][1], "body-after-country", m.start)
    if m.rule not in _COUNTRY_RULES:
        return None
    at = _POSSESSIVE.match(text, m.end).end()
    words = _words(text, at, end, later)
    n = _body_run(words, lex)
    if not n or words[0][0] - at > 1:
        return None
    s = words[0][0]
    before = text[max(0, m.start - 30) : m.start]
    royal = re.search(r"\b([A-Z][a-z]+)\s+$", before)  # "the Royal Saudi Air Force"
    if royal and royal.group(1).lower() not in NOT_NAMES:
        s = m.start - len(before) + royal.start(1)
    return _organisation(text, s, words[n - 1][1], "body-after-country", min(s, m.start))


_DESCRIBED = re.compile(r"(?:-([a-z]+))?((?:\s+[a-z]+){0,3})\s+(?=[A-Z])")


def _name_after_descriptor(text: str, end: int, m: Mention, later: Sequence[Mention],
                           lex: Lexicon) -> Mention | None:
    if not _country(m) or m.rule not in (*_COUNTRY_RULES, "capital-metonym"):
        return None
    d = _DESCRIBED.match(text, m.end, end)
    if d is None:
        return None
    words, hyphen = d.group(2).split(), d.group(1)
    if hyphen and hyphen not in lex.hyphen_descriptors or not hyphen and not words or (
            words and words[-1] not in lex.descriptors):
        return None
    nxt = next((x for x in later if x.start == d.end()), None)
    if nxt is not None:
        return Mention(m.start, m.end, m.text, (), "name-after-descriptor")
    run = []
    for w in _words(text, d.end(), end, later):
        if not (w[2][:1].isupper() or run and w[2] in ("of", "for", "&")):
            break
        run.append(w)
    while run and not run[-1][2][:1].isupper():
        run.pop()
    if not run or run[0][2].lower() in NOT_NAMES:
        return None
    return _organisation(text, run[0][0], run[-1][1], "name-after-descriptor", m.start)


def _candidate_group(text: str, end: int, m: Mention, lex: Lexicon) -> Mention | None:
    if len(m.actors) != 1 or m.actors[0].kind != "person" or " " in m.text.strip():
        return None
    g = lex.group_nouns.match(text, m.end, end)
    if g is None:
        return None
    name = f"{m.text.strip()} {g.group(1)}"
    return Mention(m.start, g.end(), text[m.start : g.end()],
                   (Actor(text=name, name=name, kind="organisation"),), "candidate-group")


_GIVEN_AND = re.compile(r"(?<![\w.])([A-Z][a-z]+)\s+(?:and|&)\s+$")


def _shared_surname(text: str, start: int, m: Mention, before: Sequence[Mention]) -> Mention | None:
    """"sentenced David and Louise Turpin": David Turpin, named by the given name before "and"
    (a given name of kb/given-names.yaml that no mention covers)."""
    if len(m.actors) != 1 or m.actors[0].kind != "person" or len(m.text.split()) != 2:
        return None
    g = _GIVEN_AND.search(text, max(start, m.start - 30), m.start)
    if g is None or g.group(1) not in given_names() or any(
            b.start < g.end(1) and g.start(1) < b.end for b in before):
        return None
    name = f"{g.group(1)} {m.text.split()[1]}"
    return Mention(g.start(1), g.end(1), g.group(1),
                   (Actor(text=g.group(1), name=name, kind="person"),), "shared-surname")


_WORD_BEFORE = re.compile(r"(?<![\w.])([A-Z][a-z]+)\s+$")
_WORD_AFTER = re.compile(r"\s+([A-Z][\w&]*)")
_NAME_OF = re.compile(r"(?<![\w.])(?:[A-Z][\w&]*\s+)+of\s+$")


def _name_with_country(text: str, end: int, m: Mention, lex: Lexicon,
                       earlier: Sequence[Mention]) -> Mention | None:
    """"from Airbus and Air France", "China Eastern's board": a company word next to a country
    name makes a company's name; so does a name before "USA" or "UK" ("Mazars USA")."""
    if not _country(m) or m.rule != "country-alias" or not m.text[:1].isupper():
        return None
    before = _WORD_BEFORE.search(text, max(0, m.start - 20), m.start)
    s = m.start
    if before and (before.group(1) in lex.company_before or m.text in lex.country_codes and (
            before.group(1).lower() not in NOT_NAMES
            and not any(e.start < before.end(1) and before.start(1) < e.end for e in earlier))):
        s = before.start(1)
    e = m.end
    for w in _WORD_AFTER.finditer(text[m.end : end]):  # "China Eastern Airlines"
        if w.start() != e - m.end or w.group(1) not in lex.company_after:
            break
        e = m.end + w.end()
    if (s, e) == (m.start, m.end):
        return None
    if e > m.end and s == m.start:  # "The Bank of America Corporation": the name before "of"
        of = _NAME_OF.search(text, max(0, m.start - 40), m.start)
        s = of.start() if of else s
    return _organisation(text, s, e, "name-with-country", s)


_GROUP_AFTER = re.compile(r"(?:-([a-z]+))?\s+([a-z]+)")


def _non_state_group(text: str, end: int, m: Mention, lex: Lexicon) -> Mention | None:
    """"Syrian rebels", "Iranian-backed militias", "pro-Russian separatists": the adjective
    names no actor (the mention is kept, with none). Whoever "X-backed" describes is not X,
    whatever the noun ("US-backed forces", "Russia-backed fighters")."""
    if not _country(m) or m.rule not in _COUNTRY_RULES:
        return None
    stance = text[max(0, m.start - 4) : m.start].lower() in ("pro-", "nti-")
    g = _GROUP_AFTER.match(text, m.end, end)
    backed = g is not None and g.group(1) in lex.backed
    if not stance and not backed and (m.rule != "demonym" or g is None or g.group(1)
                                      or g.group(2) not in lex.non_state):
        return None
    return Mention(m.start, m.end, m.text, (), "non-state-group")
