"""Finding actor mentions in text and resolving them, on a date, to canonical actors.

Two steps per sentence (find, then resolve; the document is written by the `Actors` stage):

1. **Atoms.** One token trie built once from every alias of the knowledge base and every grammar
   word (`kb/words.yaml`) finds, left to right, the longest alias starting at each token whose
   case fits (a capitalised alias word must be capitalised in the text). Each atom gets a symbol:

       P person    O office title   T generic title ("defense minister")   R rank ("General")
       G organisation   K generic institution ("the Ministry of Defense")   C country name
       E entity (DPR, NATO)   M capital/seat ("Moscow", "the Kremlin")   D demonym ("Russian")
       L collective ("the American side")   t the   o of   a and   h head/chief   l leadership
       z 's   s his/her   g colleague/counterpart   n "the two countries"   r republics

   Atoms separated by spaces are adjacent; a comma between them is `,`; anything else is `|`.
2. **Patterns.** `PATTERNS` below, over that symbol string, in order: at each place the first
   pattern that matches wins, and its rule resolves the atoms it covers. Longest-match atoms and
   leftmost patterns mean mentions never nest or overlap.

Example:
    >>> from datetime import date
    >>> [r.actors[0].name for r in resolve("the head of the Pentagon", date(2018, 6, 1))]
    ['James Mattis']
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from functools import cache, lru_cache

from kronika.actors.kb import KB, Office, Person, load_kb
from kronika.document import Actor
from kronika.language import morph
from kronika.language.backbone import Entity
from kronika.rules import load_rules, require_keys

_TOKEN = re.compile(r"[^\W_]+|[^\w\s]")
_CYRILLIC = re.compile(r"[А-Яа-яЁё]")

#: Grammar word roles (words.yaml keys) and their symbols.
WORD_SYMBOLS = {
    "the": "t", "of": "o", "and": "a", "head": "h", "leadership": "l", "possessive": "z",
    "his": "s", "colleague": "g", "two-countries": "n", "republics": "r", "rank": "R",
}
#: Which reading of an ambiguous alias wins (earlier first).
PRIORITY = "POGECMLDKTRhlgsnrtoaz"

# Sub-patterns, written over symbols (spaces are ignored).
_Q = r"(?: D | C z? )"                                  # a country named as a qualifier
_ORG = rf"(?: {_Q}? [GK] (?: o t? C | C )? )"           # an institution, maybe qualified
_HEADOF = rf"(?: h o? t? (?: {_ORG} | C ) )"            # "head of the Pentagon", "глава Минобороны"
_TITLE = rf"(?: (?: {_Q} | [GMKE] z? )? [OT] (?: o? t? (?: C | {_ORG} ) )? )"
_PRE = rf"(?: s D g | {_HEADOF} | (?: {_Q}? [GK] | M ) h | R | {_TITLE} )"
_X = rf"(?: {_ORG} | C )"

#: (rule, pattern) in order; the first that matches at a place wins.
PATTERNS: tuple[tuple[str, str], ...] = (
    ("coordinated-office", rf"t? h o? t? {_X} (?: , t? {_X} )* ,? a t? {_X}"),
    ("coordinated-office", r"t? T o t? n"),
    ("coordinated-office", rf"t? {_Q} (?: , {_Q} )* ,? a {_Q} T"),
    ("coordinated-name", r"t? r o t? E (?: , t? E )* ,? a t? E"),
    ("title+name", rf"t? {_PRE}+ P"),
    ("office-holder", rf"t? (?: {_HEADOF} | (?: {_Q}? [GK] | M ) h | {_TITLE} )"),
    ("counterpart", r"t? s D g"),
    ("org-leadership", rf"t? l o t? {_ORG}"),
    ("org", rf"t? {_ORG}"),
    ("country-collective", r"t? L"),
    ("entity-alias", r"t? E"),
    ("country-alias", r"t? C"),
    ("capital-metonym", r"t? M"),
    ("demonym", r"D"),
    ("person-alias", r"P"),
)
_GRAMMAR = re.compile(
    "|".join(f"(?P<r{i}>{p})" for i, (_, p) in enumerate(PATTERNS)), re.VERBOSE)


# Data ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Resolution:
    """One mention: its span, the actors it resolves to on the day, the rule and why."""

    start: int
    end: int
    text: str
    actors: tuple[Actor, ...]
    rule: str
    why: str

    def to_dict(self) -> dict:
        """JSON-ready form (for `kronika actors resolve --json`)."""
        return {"start": self.start, "end": self.end, "text": self.text, "rule": self.rule,
                "why": self.why, "actors": [asdict(a) for a in self.actors]}


@dataclass(frozen=True, slots=True)
class _Alias:
    sym: str
    ref: str | None
    alias: str
    case: tuple[str | None, ...]  # per token: "exact", "cap" or None
    lang: str
    place: bool = False


@dataclass(frozen=True, slots=True)
class _Atom:
    start: int
    end: int
    sym: str
    ref: str | None
    alias: str
    lang: str


def _all_keys(node: dict) -> Iterator[str]:
    for key, child in node.items():
        if key:  # "" holds the aliases that end here
            yield key
            yield from _all_keys(child)


@lru_cache(maxsize=1 << 16)
def _norm(token: str) -> str:
    return token.lower().replace("ё", "е").replace("’", "'").replace("‘", "'")


_LATIN_WORD = re.compile(r"[a-z]{5,}")
_Y = re.compile(r"y")
_DOUBLE_I = re.compile(r"i{2,}")
_FINAL = re.compile(r"(?:ie|ei)$")
#: How many first letters of a Russian word its inflections keep (the stem filter of
#: `_Matcher.keys`).
STEM = 3
#: Russian case endings tried on a capitalised word pymorphy3 does not know ("Остином" -> "остин").
_RU_ENDINGS = ("ом", "ем", "ым", "ой", "у", "ю", "а", "я", "е", "ы")
#: Endings of nominative words whose lemma differs (feminine, neuter and plural adjectives,
#: plural nouns): «Южная», «Народная», «Соединённые Штаты».
_RU_NOT_LEMMA = ("ая", "яя", "ое", "ее", "ые", "ие", "ы")


def _key(token: str) -> str:
    """A token's trie key: lower case, and Latin names of 5+ letters in a transliteration-blind
    spelling (y -> i, ii -> i, final -ie/-ei -> i) so Shoygu = Shoigu, Millie = Milley, Zelenskyy
    = Zelensky, Valeriy = Valery."""
    n = _norm(token)
    if not _LATIN_WORD.fullmatch(n):
        return n
    return _FINAL.sub("i", _DOUBLE_I.sub("i", _Y.sub("i", n)))


@lru_cache(maxsize=1 << 17)
def _keys(token: str) -> tuple[str, ...]:
    """Trie keys to try for a token, best first: its own, then (Russian) its lemmas, then its
    stem without a case ending when the word is capitalised and unknown to the dictionary."""
    own = _key(token)
    if not _CYRILLIC.search(token):
        return (own,)
    out = [own]
    parses = morph().parse(token)
    for p in parses:
        lemma = _norm(p.normal_form)
        if lemma not in out:
            out.append(lemma)
    if token[:1].isupper() and not any(p.is_known for p in parses):
        for ending in _RU_ENDINGS:
            if own.endswith(ending) and len(own) - len(ending) >= 3:
                out.append(own[: -len(ending)])
                break
    return tuple(out)


def _lemma_key(token: str, words: int) -> str | None:
    """The lemma an alias word is also keyed by, if any: a Russian word of a several-word alias
    with an ending its lemma lacks («Южная»), or a lower-case Russian word whose lemma differs
    («россияне» -> «россиянин»); None for names and for words that are their own lemma."""
    n = _norm(token)
    if not _CYRILLIC.search(token) or not token.isalpha():
        return None
    if (words > 1 and n.endswith(_RU_NOT_LEMMA)) or token.islower():
        lemma = _norm(morph().parse(token)[0].normal_form)
        return lemma if lemma != n else None
    return None


def _case(token: str) -> str | None:
    letters = [c for c in token if c.isalpha()]
    if len(letters) >= 2 and any(c.isupper() for c in letters[1:]):
        return "exact"  # US, DoD, MoD, TASS
    if letters and letters[0].isupper():
        return "cap"
    return None


# Matcher -------------------------------------------------------------------------------------


class _Matcher:
    """A token trie of every alias and grammar word; built once per knowledge base."""

    def __init__(self, kb: KB) -> None:
        self.kb = kb
        self.trie: dict = {}
        self._key_cache: dict[str, tuple[str, ...]] = {}  # token -> keys(token)
        self.qualified_orgs: set[str] = set()  # org aliases that spell out an institution kind
        for p in kb.people.values():
            for a in p.aliases:
                self._add(a, "P", p.id, place=a in p.places)
        for f in kb.offices.values():
            for a in f.aliases:
                self._add(a, "O", f.id)
        for kind in kb.office_kinds.values():
            for a in kind.forms:
                self._add(a, "T", kind.id)
        for o in kb.organisations.values():
            forms = [_norm(f) for f in kb.org_kinds[o.kind].forms] if o.kind in kb.org_kinds else []
            for a in o.aliases:
                self._add(a, "G", o.id)
                if any(f in _norm(a) for f in forms):
                    self.qualified_orgs.add(a)
        for kind in kb.org_kinds.values():
            for a in kind.forms:
                self._add(a, "K", kind.id)
        for c in kb.countries.values():
            for a in c.names:
                self._add(a, "C" if c.kind == "country" else "E", c.id)
            for a in c.adjectives:
                self._add(a, "D", c.id)
            for a in c.capitals:
                self._add(a, "M", c.id, place=True)
            for a in c.collective:
                self._add(a, "L", c.id)
        for role, sym in WORD_SYMBOLS.items():
            for a in kb.words.get(role, ()):
                self._add(a, sym, None)
        self.stems = frozenset(key[:STEM] for key in _all_keys(self.trie))
        self.place_before = {_norm(w) for w in kb.words.get("place-before", ())}
        self.place_after = {_norm(w) for w in kb.words.get("place-after", ())}
        self.not_place_before = {_norm(w) for w in kb.words.get("not-place-before", ())}
        self.pronouns = {_norm(w) for w in kb.words.get("pronoun", ())}
        self.object_pronouns = {_norm(w) for w in kb.words.get("object-pronoun", ())}
        self.object_or_possessive = {_norm(w) for w in kb.words.get("object-or-possessive", ())}
        self.feminine_pronouns = {_norm(w) for w in kb.words.get("feminine-pronoun", ())}
        self.masculine_pronouns = {_norm(w) for w in kb.words.get("masculine-pronoun", ())}
        # Finds the tokens that may be pronouns, so that a sentence is not read token by token
        # (`pronouns` checks each hit by its norm): any case, ё written as е or ё.
        words = sorted(self.pronouns | self.object_pronouns | self.object_or_possessive,
                       key=len, reverse=True)
        self.pronoun_tokens = re.compile(
            r"(?<![^\W_])(?:" + "|".join(re.escape(w).replace("е", "[её]").replace("'", "['’‘]")
                                         for w in words) + r")(?![^\W_])", re.IGNORECASE)
        self.not_names = frozenset(_norm(w) for w in kb.words.get("not-name", ()))
        self.not_bodies = frozenset(_norm(w) for w in kb.words.get("not-body", ()))
        self.not_person_ends = frozenset(_norm(w) for w in kb.words.get("not-person-end", ()))
        self.given_names = _given_names()
        self.state_bodies = frozenset(_norm(w) for w in kb.words.get("state-body", ()))
        self.head_words = frozenset(_norm(w) for w in kb.words.get("head", ()))
        self.bodies = _bodies()  # lemma of a body's kind -> its rule (`kb/bodies.yaml`)
        self.body_words = re.compile(  # finds the words that may be such a kind, any form
            r"(?<![^\W_])(?:" + "|".join(sorted({re.escape(f[:4]) for f in self.bodies}))
            + r")[^\W_]*", re.IGNORECASE)
        # Surnames of office holders that are no alias of their own ("Makarov" of "Nikolai
        # Makarov"): the last word of a full-name alias, taken only for whoever holds an office
        # on the document's day (see _Resolver.holder_surnames).
        self.holder_surnames: dict[str, set[str]] = {}
        # and of everyone, for a lone Russian surname the entity model reads as a person
        self.surnames: dict[str, set[str]] = {}
        held = {h.person for f in kb.offices.values() for h in f.holders}
        for p in kb.people.values():
            for a in p.aliases:
                words = [w for w in _TOKEN.findall(a) if w.isalpha()]
                if len(words) >= 2 and all(w[:1].isupper() for w in words) and len(words[-1]) >= 3:
                    self.surnames.setdefault(_key(words[-1]), set()).add(p.id)
                    if p.id in held:
                        self.holder_surnames.setdefault(_key(words[-1]), set()).add(p.id)

    def given_name(self, word: str) -> bool:
        """An English given name (`given-names.yaml`) or a Russian one to pymorphy3."""
        if _CYRILLIC.search(word):
            return any("Name" in p.tag for p in morph().parse(word)[:2])
        return word in self.given_names

    def capital_country(self, word: str) -> str | None:
        """The id of the country whose capital or seat of power one Russian word names in any
        case («Вашингтон», «Москву», «Нью-Дели», «Кремль»): its "M" aliases, looked up by the
        word's keys as atoms are; None for any other word."""
        nodes = [self.trie]
        for token in _TOKEN.findall(word):
            nodes = [node[key] for node in nodes for key in self.keys(token) if key in node]
        return next((a.ref for node in nodes for a in node.get("", ())
                     if a.sym == "M" and a.lang == "ru" and a.ref is not None
                     and self.kb.countries[a.ref].kind == "country"), None)

    def keys(self, token: str) -> tuple[str, ...]:
        """`_keys(token)`, without the dictionary look-up when no alias or grammar word begins
        with the token's first letters: a Russian ending changes, its first letters stay
        («министру» -> «министр»), so the lemmas of such a token cannot be in the trie."""
        own = _norm(token)
        if _CYRILLIC.search(token) and own[:STEM] not in self.stems:
            return (own,)
        return _keys(token)

    def _add(self, alias: str, sym: str, ref: str | None, place: bool = False) -> None:
        tokens = _TOKEN.findall(alias)
        lang = "ru" if _CYRILLIC.search(alias) else "en"
        entry = _Alias(sym, ref, alias, tuple(_case(t) for t in tokens), lang, place)
        paths = [tuple(_key(t) for t in tokens)]
        if lang == "ru" and any(_lemma_key(t, len(tokens)) for t in tokens):
            # Russian words of several-word aliases, and lower-case words, also by their lemmas,
            # as text tokens are looked up: «Южной Кореи» reaches «Южная Корея» (lemma «южный»,
            # not «южная»), «двух россиян» reaches «россияне» (lemma «россиянин»).
            lemmas = tuple(_lemma_key(t, len(tokens)) or _key(t) for t in tokens)
            if lemmas != paths[0]:
                paths.append(lemmas)
        for path in paths:
            node = self.trie
            for key in path:
                node = node.setdefault(key, {})
            node.setdefault("", []).append(entry)

    def atoms(self, text: str, start: int, end: int) -> list[_Atom]:
        toks = [m.span() for m in _TOKEN.finditer(text, start, end)]
        cache = self._key_cache
        if len(cache) > 200_000:  # a long run meets new words forever: stay bounded
            cache.clear()
        keys = []
        for s, e in toks:
            token = text[s:e]
            k = cache.get(token)
            if k is None:
                k = cache[token] = self.keys(token)
            keys.append(k)
        out: list[_Atom] = []
        trie, i, n = self.trie, 0, len(toks)
        while i < n:
            # every trie path the tokens' keys spell («белорусская» is a word of «белорусская
            # сторона» and, by its lemma, the adjective «белорусский»): the longest alias wins
            nodes, j, found = [trie], i, None
            while j < n and nodes:
                nodes = [node[key] for node in nodes for key in keys[j] if key in node]
                if not nodes:
                    break
                j += 1
                valid = [a for node in nodes for a in node.get("", ())
                         if self._fits(a, text, toks, i, out)]
                if valid:
                    found = (j, min(valid, key=lambda a: PRIORITY.index(a.sym)))
            if found is None:
                i += 1
                continue
            j, a = found
            out.append(_Atom(toks[i][0], toks[j - 1][1], a.sym, a.ref, a.alias, a.lang))
            i = j
        return out

    def _fits(self, a: _Alias, text: str, toks: list[tuple[int, int]], i: int,
              before: list[_Atom]) -> bool:
        alias_tokens = _TOKEN.findall(a.alias)
        for k, need in enumerate(a.case):
            word = text[toks[i + k][0]:toks[i + k][1]]
            if need == "exact" and word.replace("ё", "е") != alias_tokens[k].replace("ё", "е"):
                return False
            if need == "cap" and not word[:1].isupper():
                return False

        def norms(k: int) -> str:
            return _norm(text[toks[k][0]:toks[k][1]])

        n = len(alias_tokens)
        if a.place:
            k = i - 1 - (i > 1 and norms(i - 1) == "the")  # "in the Kremlin"
            if (k >= 0 and norms(k) in self.place_before
                    and not (k > 0 and norms(k - 1) in self.not_place_before)):
                return False
            nxt = i + n + (1 if i + n < len(toks) and norms(i + n) == "," else 0)
            if nxt < len(toks) and norms(nxt) in self.place_after:
                return False
        if a.sym == "P" and n == 1:
            word = text[toks[i][0]:toks[i][1]]
            if word[:2].isupper() and word != alias_tokens[0]:
                return False  # an abbreviation, inflected too ("МИД", «МИДа»), not «Мид»
        if a.sym == "P" and n == 1 and i > 0:
            prev = text[toks[i - 1][0]:toks[i - 1][1]]
            adjoining = before and before[-1].end == toks[i - 1][1]
            if prev[:1].isupper() and prev.isalpha() and not adjoining and (
                    i - 1 > 0 or self.given_name(prev)):
                return False  # "Tom Austin": someone else with the surname, also opening a
                # sentence where the word before is a given name («Эндрю Кенни заявил»)
        return True


@cache
def given_names() -> frozenset[str]:
    """English given names (`kb/given-names.yaml`), places among them too ("Austin", "Kerry")."""
    data = load_rules("kronika.actors.kb", "given-names.yaml")
    require_keys(data.get("given-names") or {}, ("names", "example"), "given-names.yaml")
    return frozenset(data["given-names"]["names"])


@cache
def _given_names() -> frozenset[str]:
    """English given names that name no place of the gazetteer: "Austin" or "Georgia" opening a
    capitalised run may be either, and the entity model decides there."""
    from kronika.places.gazetteer import names_place

    return frozenset(n for n in given_names() if not names_place(n))


@cache
def _bodies() -> dict[str, str]:
    """The kinds of body any place has (`kb/bodies.yaml`): each form's lemma -> its rule."""
    data = load_rules("kronika.actors.kb", "bodies.yaml")
    out: dict[str, str] = {}
    for rule in data.get("bodies") or ():
        require_keys(rule, ("name", "forms", "example"), "bodies.yaml")
        for form in rule["forms"]:
            out[_norm(form)] = rule["name"]
    return out


@cache
def _city_bodies() -> tuple[frozenset[str], frozenset[str]]:
    """The kinds of body a city has of its own (`kb/bodies.yaml` city_bodies), and those of them
    that are one only with a name or a district of their own (a bare «суд Москвы» may be any)."""
    data = load_rules("kronika.actors.kb", "bodies.yaml")["city_bodies"]
    named = frozenset(_norm(w) for w in data["named_only"])
    return frozenset(_norm(w) for w in data["kinds"]) | named, named


@cache
def _matcher(files: tuple[str, ...] = ()) -> _Matcher:
    """The matcher of the packaged KB plus the users' actor files (built once per tuple)."""
    return _Matcher(load_kb(files))


@lru_cache(maxsize=4096)
def capital_country(word: str) -> Actor | None:
    """The country whose capital one Russian word names in any case («Москву»: Russia), by the
    packaged knowledge base, as the actor the word names; None for any other word."""
    matcher = _matcher()
    code = matcher.capital_country(word)
    return None if code is None else matcher.kb.countries[code].actor(word)


# Context -------------------------------------------------------------------------------------


@dataclass
class _Context:
    """What earlier mentions of the document tell later ones."""

    on: date | None
    persons: list[str] = field(default_factory=list)
    org_kinds: list[tuple[str, str, str]] = field(default_factory=list)  # kind, country, words
    office_kinds: list[tuple[str, str, str]] = field(default_factory=list)
    actors: list[tuple[str, bool, frozenset[str]]] = field(default_factory=list)
    sentence: int = 0
    people: list[tuple[int, Actor]] = field(default_factory=list)  # (sentence, person) in order
    surnames: dict[str, Actor] = field(default_factory=dict)  # unknown people named in full
    surnames_at: dict[str, int] = field(default_factory=dict)  # ... and where

    def latest(self, table: list[tuple[str, str, str]], kind: str,
               exclude: Iterable[str] = ()) -> tuple[str, str] | None:
        skip = set(exclude)
        for k, country, words in reversed(table):
            if k == kind and country not in skip:
                return country, words
        return None

    def top_countries(self, kind: str, n: int = 2) -> list[str]:
        """The countries most mentioned so far: holders of `kind` first, then people, then any."""
        score: Counter[tuple[str, int]] = Counter()
        first: dict[str, int] = {}
        for i, (country, person, kinds) in enumerate(self.actors):
            first.setdefault(country, i)
            score[(country, 0)] += kind in kinds
            score[(country, 1)] += person
            score[(country, 2)] += 1
        ranked = sorted(first, key=lambda c: (-score[(c, 0)], -score[(c, 1)], -score[(c, 2)],
                                              first[c]))
        return ranked[:n]


# Resolution ----------------------------------------------------------------------------------


def _on(on: date | None) -> str:
    return f"on {on.isoformat()}" if on else "with no date"


class _Resolver:
    def __init__(self, text: str, on: date | None, files: tuple[str, ...] = ()) -> None:
        self.m = _matcher(files)
        self.files = files
        self.kb = self.m.kb
        self.text = text
        self.ctx = _Context(on)
        self._span = (0, 0)
        # Russian: an ORG entity the KB does not know is an actor too (the entity model runs
        # there only on sentences with an event trigger, see kronika.events.trigger_sentences)
        self.organisations = detect_language(text) == "ru"
        # Spans of unknown full names read as people by their given name (`find`), not the model.
        self.given_named: set[tuple[int, int]] = set()
        self._atom_starts: list[int] = []  # the sentence's KB mentions (`grammar`)

    @property
    def on(self) -> date | None:
        return self.ctx.on

    # building actors ---------------------------------------------------------------------

    def person(self, pid: str, words: str, prefer: Office | None = None) -> tuple[Actor, str]:
        p: Person = self.kb.people[pid]
        held = self.kb.offices_of(pid, self.on)
        if prefer is not None:
            held.sort(key=lambda oh: oh[0].id != prefer.id)
        role = held[0][0].title if held else None
        when = _on(self.on) if self.on else "latest office"
        why = (f"{when}: {role} ({held[0][1].term})" if held
               else f"no office of theirs in the knowledge base {_on(self.on)}")
        self.ctx.persons.append(pid)
        return (Actor(words, p.name, p.id, p.country, role, "person"), why)

    def holder(self, office: Office, words: str) -> tuple[Actor, str]:
        found = self.kb.holder(office.id, self.on)
        self.ctx.office_kinds.append((office.kind, office.country or "", words))
        if found is None:
            return (Actor(words, office.title, office.id, office.country, office.title, "person"),
                    f"the office {office.id}; no holder is known {_on(self.on)}")
        p, h = found
        self.ctx.persons.append(p.id)
        acting = ", acting" if h.acting else ""
        held = (f"on {self.on.isoformat()} its holder was" if self.on
                else "with no date, its latest holder is")
        return (Actor(words, p.name, p.id, p.country, office.title, "person"),
                f"the office {office.id}; {held} {p.name} ({h.term}{acting})")

    def country(self, cid: str, words: str) -> Actor:
        return self.kb.countries[cid].actor(words)

    def org(self, oid: str, words: str) -> Actor:
        if oid in self.kb.countries:
            return self.country(oid, words)
        o = self.kb.organisations[oid]
        return Actor(words, o.name, o.id, o.country, None, "organisation")

    # qualifiers --------------------------------------------------------------------------

    def qual_country(self, atoms: Sequence[_Atom]) -> str | None:
        for a in atoms:
            if a.sym in "DCLM":
                return a.ref
            if a.sym in "GE":
                return self.kb.actor_country(a.ref or "")
        return None

    def institution(self, atoms: Sequence[_Atom], words: str,
                    exclude: Iterable[str] = ()) -> tuple[str | None, str, str | None]:
        """An ORG sub-pattern → (organisation or country id, how, kind); id None if unresolved."""
        main = next(a for a in atoms if a.sym in "GK")
        if main.sym == "G":
            org = self.kb.organisations[main.ref or ""]
            if main.alias in self.m.qualified_orgs and org.country:
                self.ctx.org_kinds.append((org.kind, org.country, words))
            return org.id, f"'{main.alias}' is an alias of {org.id} ({org.name})", org.kind
        kind = self.kb.org_kinds[main.ref or ""]
        country = self.qual_country([a for a in atoms if a is not main])
        how = "qualified"
        if country is None:
            seen = self.ctx.latest(self.ctx.org_kinds, kind.id, exclude)
            if seen:
                country, how = seen[0], f"the latest earlier {kind.id} named with a country " \
                                        f"was '{seen[1]}'"
            elif main.lang == "ru":
                country, how = "RUS", "in Russian text an unqualified institution is Russia's"
            else:
                return None, f"'{main.alias}' names no country and no earlier {kind.id} does", \
                    kind.id
        else:
            self.ctx.org_kinds.append((kind.id, country, words))
        org = self.kb.org_for(kind=kind.id, country=country)
        if org is None:
            return country, f"no {kind.id} of {country} in the knowledge base; its country", \
                kind.id
        return org.id, f"'{main.alias}' is {country}'s {kind.id} ({how}): {org.id}", kind.id

    def office_of_title(self, atoms: Sequence[_Atom],
                        words: str) -> tuple[Office | None, str | None, str]:
        """A TITLE sub-pattern → (office, fallback country, how)."""
        main = next(a for a in atoms if a.sym in "OT")
        quals = [a for a in atoms if a is not main and a.sym not in "tozh"]
        org_ref = None
        country = None
        g = next((a for a in quals if a.sym in "GKE"), None)
        if g is not None and g.sym in "GK":
            org_ref, _, _ = self.institution([g], words)
            if org_ref in self.kb.countries:
                country, org_ref = org_ref, None
            elif org_ref:
                country = self.kb.actor_country(org_ref)
        elif g is not None:
            org_ref = g.ref
        if country is None and org_ref is None:
            country = self.qual_country(quals)
        if main.sym == "O":
            office = self.kb.offices[main.ref or ""]
            if (country and office.country != country) or (org_ref and office.organisation
                                                            and office.organisation != org_ref):
                alt = (self.kb.office_for(kind=office.kind, organisation=org_ref) if org_ref
                       else None) or self.kb.office_for(kind=office.kind, country=country)
                return alt, country, f"'{words}' is {country or org_ref}'s {office.kind}"
            return office, office.country, "direct"
        kind = self.kb.office_kinds[main.ref or ""]
        if org_ref:
            office = self.kb.office_for(kind=kind.id, organisation=org_ref)
            if office is None and country:
                office = self.kb.office_for(kind=kind.id, country=country)
            return office, country, f"'{words}' is the {kind.id} of {org_ref}"
        if country:
            return (self.kb.office_for(kind=kind.id, country=country), country,
                    f"'{words}' is the {kind.id} of {country}")
        if not kind.context:
            return None, None, "skip"
        if main.lang == "ru" and self.genitive_place_after(atoms[-1].end):
            return None, None, (f"'{words}' is followed by the name of a place the knowledge "
                                f"base does not know («премьер-министр Ирландии»)")
        if main.lang == "ru" and self.genitive_body_after(atoms[-1].end):
            return None, None, (f"'{words}' is followed by the name of a body the knowledge "
                                f"base does not know («президент Международного олимпийского "
                                f"комитета»)")
        seen = self.ctx.latest(self.ctx.office_kinds, kind.id)
        if seen and seen[0]:
            return (self.kb.office_for(kind=kind.id, country=seen[0]), seen[0],
                    f"'{words}' names no country; the latest earlier {kind.id} was '{seen[1]}'")
        if main.lang == "ru":
            return (self.kb.office_for(kind=kind.id, country="RUS"), "RUS",
                    f"'{words}': in Russian text an unqualified title is Russia's")
        return None, None, f"'{words}' names no country and no earlier {kind.id} does"

    def genitive_place_after(self, end: int) -> bool:
        """Whether the word right after `end` is a capitalised Russian genitive that may name a
        place (pymorphy3: a place name in the genitive, or a word it does not know that may be a
        genitive and not a nominative): «президент Чили», not «президент Эммерсон Мнангагва»."""
        m = _TOKEN.match(self.text, _skip_spaces(self.text, end))
        word = m.group() if m else ""
        if not (word[:1].isupper() and _CYRILLIC.search(word)):
            return False
        parses = morph().parse(word)
        if any(p.tag.case == "gent" and "Geox" in p.tag for p in parses):
            return True
        return not any(p.is_known or p.tag.case == "nomn" for p in parses) and any(
            p.tag.case == "gent" for p in parses)

    def genitive_body_after(self, end: int) -> bool:
        """Whether the word right after `end` is a capitalised Russian common word (no name,
        surname or patronymic to pymorphy3) that may be a genitive: a title followed by it is
        the title of a body the knowledge base does not know («президент Международного
        олимпийского комитета», «глава Олимпийского комитета Бразилии»), not Russia's; so is an
        abbreviation or a word in Latin letters («президент ФИФА», «глава Google»)."""
        m = _TOKEN.match(self.text, _skip_spaces(self.text, end))
        word = m.group() if m else ""
        if len(word) > 1 and word.isalpha() and (word.isupper() or not _CYRILLIC.search(word)
                                                  and word[:1].isupper()):
            return True  # an abbreviation or a Latin name: «президент ФИФА», «глава Google»
        if not (word[:1].isupper() and word[1:].islower() and _CYRILLIC.search(word)):
            return False
        parses = morph().parse(word)[:3]
        return parses[0].is_known and not any(
            {"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses) and any(
            p.tag.case == "gent" for p in parses)

    # rules -------------------------------------------------------------------------------

    def resolve(self, rule: str, atoms: list[_Atom]) -> Resolution | None:
        start, end = atoms[0].start, atoms[-1].end
        words = self.text[start:end]
        found: list[tuple[Actor, str]] = []
        why = ""
        syms = "".join(a.sym for a in atoms)
        if rule == "title+name":
            p = atoms[-1]
            titles = [a for a in atoms if a.sym == "O"]
            prefer = self.kb.offices[titles[0].ref or ""] if titles else None
            actor, w = self.person(p.ref or "", words, prefer)
            found.append((actor, f"'{p.alias}' names {actor.name}, titles before it absorbed; {w}"))
        elif rule == "person-alias":
            actor, w = self.person(atoms[0].ref or "", words)
            found.append((actor, f"'{words}' is an alias of {actor.name}; {w}"))
        elif rule == "office-holder":
            return self._office_holder(atoms, words)
        elif rule == "coordinated-office":
            found = self._coordinated(atoms, words)
            if not found:
                return None
        elif rule == "coordinated-name":
            for a in atoms:
                if a.sym == "E":
                    found.append((self.country(a.ref or "", words),
                                  f"'{a.alias}' is an alias of {a.ref}"))
        elif rule == "counterpart":
            found = self._counterpart(atoms, words)
        elif rule in ("org-leadership", "org"):
            body = atoms
            if rule == "org-leadership":  # the leadership of X: X
                body = atoms[[a.sym for a in atoms].index("o") + 1:]
            body = [a for a in body if a.sym != "t"]
            ref, how, kind = self.institution(body, words)
            if rule == "org":
                rule = ("org-alias" if "G" in syms else
                        "org-qualified" if any(s in syms for s in "DC") else "org-by-context")
            if rule == "org-by-context" and kind in self.kb.org_kinds \
                    and not self.kb.org_kinds[kind].context:
                return None
            if ref is not None:
                found.append((self.org(ref, words), how))
            else:
                why = how
        elif rule in ("country-collective", "entity-alias", "country-alias", "capital-metonym",
                      "demonym"):
            a = atoms[-1]
            if rule == "demonym" and a.lang == "en" and self.opens_name(end):
                return None
            actor = self.country(a.ref or "", words)
            what = {"L": "the people or side of", "E": "an alias of", "C": "a name of",
                    "M": "a capital or seat of power standing for", "D": "a demonym of"}[a.sym]
            found.append((actor, f"'{a.alias}' is {what} {actor.name}"))
        self._note(found)
        why = why or "; ".join(w for _, w in found)
        return Resolution(start, end, words, tuple(a for a, _ in found), rule, why)

    def opens_name(self, end: int) -> bool:
        """Whether a capitalised word no KB mention starts at follows `end` after one space: the
        English demonym before it opens a longer name ("Saudi Aramco", "Syrian Democratic
        Forces", "Russian Orthodox Church"), not in a headline that capitalises every word."""
        m = _TOKEN.match(self.text, end + 1) if self.text.startswith(" ", end) else None
        if not (m is not None and m.group()[:1].isupper() and m.group().isalpha()
                and m.start() not in self._atom_starts
                and _norm(m.group()) not in self.m.not_names):
            return False
        run = _CAPITALISED_RUN.match(self.text, m.start())
        if any(_norm(w) in self.m.state_bodies for w in _TOKEN.findall(run.group() if run else "")):
            return False  # "Iraqi Security Forces", "Indonesian National Police": the state's
        if _LOWER_WORD.search(self.text, *self._span) is not None:
            return True
        return len(_TOKEN.findall(self.text, *self._span)) < HEADLINE_WORDS  # a name alone

    def _office_holder(self, atoms: list[_Atom], words: str) -> Resolution | None:
        start, end = atoms[0].start, atoms[-1].end
        body = [a for a in atoms if a.sym != "t"] if atoms[0].sym == "t" else list(atoms)
        office: Office | None = None
        fallback: str | None = None
        if body[0].sym == "h" or body[-1].sym == "h":  # head of X, X chief
            inner = [a for a in body if a.sym not in "hot"]
            if len(inner) == 1 and inner[0].sym in "CM":
                office = self.kb.head_of(inner[0].ref or "")
                fallback, how = inner[0].ref, f"'{words}' is the leader of {inner[0].ref}"
            else:
                ref, how, kind = self.institution(inner, words)
                if ref is None:
                    if kind in self.kb.org_kinds and not self.kb.org_kinds[kind].context:
                        return None
                    return Resolution(start, end, words, (), "office-holder", how)
                office = self.kb.head_of(ref)
                fallback = ref if ref in self.kb.countries else self.kb.actor_country(ref)
                how = f"{how}; its head"
                head_kind = self.kb.org_kinds[kind].head if kind in self.kb.org_kinds else None
                if head_kind and fallback and (ref in self.kb.countries or office is None):
                    office = self.kb.office_for(kind=head_kind, country=fallback) or office
                    how = f"{how} ({fallback}'s {head_kind})"
        else:
            office, fallback, how = self.office_of_title(body, words)
            if how == "skip":
                return None
        if office is not None:
            candidates = [office]
        else:  # a title naming no country: the offices of its kind ("President Clinton")
            kind = next((a.ref for a in body if a.sym == "T"), None)
            candidates = [o for o in self.kb.offices.values() if kind and o.kind == kind]
        if candidates and (named := self._title_and_name(atoms, candidates)) is not None:
            return named
        if office is not None:
            actor, w = self.holder(office, words)
            found = [(actor, f"'{words}' is {w}" if how == "direct" else f"{how}; {w}")]
        elif fallback is not None:
            found = [(self.country(fallback, words) if fallback in self.kb.countries
                      else self.org(fallback, words), f"{how}; no such office in the knowledge "
                                                      f"base, so the country")]
        else:
            return Resolution(start, end, words, (), "office-holder", how)
        self._note(found)
        return Resolution(start, end, words, tuple(a for a, _ in found), "office-holder",
                          "; ".join(w for _, w in found))

    def _title_and_name(self, atoms: list[_Atom], offices: list[Office]) -> Resolution | None:
        """A title followed by a name is that person's, not the office's holder on the day: a
        holder of the office at any time whose surname the name ends in ("President Clinton",
        "former President Bush"; the latest to take office by the document's day when several
        did), else, in English, a person the knowledge base does not know ("President Ashraf
        Ghani"). None when no name follows or it is the day's holder's. (Russian names are
        inflected: there the entity model's normal form names the person.)"""
        start, end = atoms[0].start, atoms[-1].end
        after = [p for p in self._atom_starts if p >= end]
        run = _name_after(self.text, end, self.m.not_names, min(after, default=len(self.text)))
        if run is None:
            return None
        name = self.text[run[0]:run[1]]
        last = [w.rstrip(".") for w in name.split() if w.rstrip(".") not in NAME_SUFFIXES]
        surname = _key(last[-1]) if last else ""
        terms = [(h, o) for o in offices for h in o.holders
                 if h.person in self.m.holder_surnames.get(surname, ())]
        words = self.text[start:run[1]]
        if terms:
            began = [t for t in terms if self.on is None or t[0].start <= self.on] or terms
            h, office = max(began, key=lambda t: t[0].start)
            actor, why = self.person(h.person, words, office)
            self._note([(actor, why)])
            return Resolution(start, run[1], words, (actor,), "title+surname",
                              f"'{name}' is the surname of {actor.name}, who held the office "
                              f"{office.id} from {h.start.isoformat()}; {why}")
        current = [self.kb.holder(o.id, self.on) for o in offices]
        if self.organisations or any(c is not None and _surname_key(c[0].name) == surname
                                     for c in current):
            return None
        earlier = self.ctx.surnames.get(surname)
        if earlier is not None and (len(last) == 1 or earlier.name == name):
            return Resolution(start, run[1], words, (dataclasses.replace(earlier, text=words),),
                              "surname", f"'{name}' is the surname of {earlier.name}, named "
                              f"earlier; the title is theirs")
        country = offices[0].country if len(offices) == 1 and any(a.sym in "CD" for a in atoms) \
            else None
        actor = Actor(words, name, None, country, self.text[start:end], "person")
        if " " in name:
            self.ctx.surnames.setdefault(surname, actor)
            self.ctx.surnames_at.setdefault(surname, start)
        return Resolution(start, run[1], words, (actor,), "title+unknown",
                          f"'{name}' after the title is a person the knowledge base does not "
                          f"know, not the holder of the office {_on(self.on)}")

    def _coordinated(self, atoms: list[_Atom], words: str) -> list[tuple[Actor, str]]:
        syms = "".join(a.sym for a in atoms)
        found: list[tuple[Actor, str]] = []
        if "n" in syms:  # the defense ministers of the two countries
            kind = next(a for a in atoms if a.sym == "T").ref or ""
            for c in self.ctx.top_countries(kind):
                office = self.kb.office_for(kind=kind, country=c)
                if office:
                    actor, w = self.holder(office, words)
                    found.append((actor, f"'the two countries' are the two most mentioned so far; "
                                         f"{c}'s {kind} is {w}"))
            return found
        if "h" not in syms:  # the US and Russian defense ministers
            kind = atoms[-1].ref or ""
            for a in atoms:
                if a.sym in "DC":
                    office = self.kb.office_for(kind=kind, country=a.ref)
                    if office:
                        actor, w = self.holder(office, words)
                        found.append((actor, f"{a.ref}'s {kind} is {w}"))
            return found
        # the heads of X and Y: split the conjuncts at "," and "and"
        conjuncts: list[list[_Atom]] = [[]]
        for a in atoms[[i for i, a in enumerate(atoms) if a.sym == "h"][0] + 1:]:
            if a.sym in ",a":
                conjuncts.append([])
            elif a.sym not in "ot":
                conjuncts[-1].append(a)
        conjuncts = [c for c in conjuncts if c]
        known = {self.qual_country(c) for c in conjuncts if any(a.sym in "GDC" for a in c)}
        for c in conjuncts:
            if len(c) == 1 and c[0].sym == "C":
                office, how = self.kb.head_of(c[0].ref or ""), f"the leader of {c[0].ref}"
            elif any(a.sym in "GK" for a in c):
                ref, how, _ = self.institution(c, words, exclude=known - {None})
                office = self.kb.head_of(ref) if ref else None
            else:  # "the leaders of France, Germany and Italy": a country among other words
                ref = self.qual_country(c)
                office, how = (self.kb.head_of(ref) if ref else None), f"the leader of {ref}"
            if office is not None:
                actor, w = self.holder(office, words)
                found.append((actor, f"{how}; its head is {w}"))
        return found

    def _counterpart(self, atoms: list[_Atom], words: str) -> list[tuple[Actor, str]]:
        country = next(a.ref for a in atoms if a.sym == "D") or ""
        for pid in reversed(self.ctx.persons):
            held = self.kb.offices_of(pid, self.on)
            if not held or held[0][0].country == country:
                continue
            kind = held[0][0].kind
            office = self.kb.office_for(kind=kind, country=country)
            if office:
                actor, w = self.holder(office, words)
                name = self.kb.people[pid].name
                return [(actor, f"the nearest earlier person is {name} ({held[0][0].title}); "
                                f"the {country} office of the same kind is {w}")]
            break
        return [(self.country(country, words),
                 f"no earlier person whose office has a {country} counterpart; the country")]

    def _note(self, found: list[tuple[Actor, str]]) -> None:
        for actor, _ in found:
            if not actor.country:
                continue
            kinds: frozenset[str] = frozenset()
            if actor.kind == "person" and actor.id in self.kb.people:
                kinds = frozenset(o.kind for o, _ in self.kb.offices_of(actor.id, self.on))
                for o, _ in self.kb.offices_of(actor.id, self.on):
                    self.ctx.office_kinds.append((o.kind, o.country or "", actor.text))
            elif actor.kind == "person" and actor.id in self.kb.offices:
                kinds = frozenset({self.kb.offices[actor.id].kind})
            if actor.kind == "organisation" and actor.id in self.kb.organisations \
                    and self.kb.organisations[actor.id].kind == "news-agency":
                continue
            self.ctx.actors.append((actor.country, actor.kind == "person", kinds))

    # driving -----------------------------------------------------------------------------

    def grammar(self, atoms: list[_Atom]) -> list[Resolution]:
        self._atom_starts = [a.start for a in atoms]  # where a name after a title must stop
        syms: list[str] = []
        index: list[int | None] = []
        for k, atom in enumerate(atoms):
            if k:
                gap = self.text[atoms[k - 1].end:atom.start].strip()
                if gap:
                    syms.append("," if gap == "," else "|")
                    index.append(None)
            syms.append(atom.sym)
            index.append(k)
        out = []
        for m in _GRAMMAR.finditer("".join(syms)):
            rule = PATTERNS[int((m.lastgroup or "r0")[1:])][0]
            covered = [atoms[k] for k in index[m.start():m.end()] if k is not None]
            r = self.resolve(rule, covered)
            if r is not None:
                out.append(r)
        return out

    def sentence(self, start: int, end: int, atoms: list[_Atom] | None = None,
                 entities: Sequence[Entity] = ()) -> list[Resolution]:
        """Resolve one sentence: KB grammar, then unknown people, then pronouns, in text order."""
        self._span = (start, end)
        found = self.grammar(self.m.atoms(self.text, start, end) if atoms is None else atoms)
        found = self.bodies(found)
        found = self.bodies_of_cities(found)
        found = self.organs_of_the_country(found)
        found = self.people(found, entities)
        found = self.holder_surnames(found)
        found = self.pronouns(found, start, end)
        self.ctx.sentence += 1
        return found

    def bodies(self, found: list[Resolution]) -> list[Resolution]:
        """Russian: a body any place has, named by its kind and a place the knowledge base does
        not know, in the genitive right after it: with a name of its own, an organisation the
        knowledge base does not know («Земельный суд Вены»); a bare kind, the place it serves
        («полиция Белиза» is Belize; `kb/bodies.yaml`)."""
        if not self.organisations:
            return found
        out = list(found)
        start, end = self._span
        for m in self.m.body_words.finditer(self.text, start, end):
            rule = next((self.m.bodies[k] for p in morph().parse(m.group())[:2]
                         if (k := _norm(p.normal_form)) in self.m.bodies), None)
            place = _TOKEN.match(self.text, m.end() + 1) if self.text.startswith(" ", m.end()) \
                else None
            if rule is not None and place is not None and place.end() <= end:
                named = self._named_court(out, rule, m, place, start)
                if named is not None:
                    out = [r for r in out if r.start != place.start()] + [named]
                    continue
            if (rule is None or place is None or place.end() > end
                    or any(r.start < place.end() and m.start() < r.end for r in out)
                    or not _genitive_place(place.group())):
                continue
            first = m.start()
            before = _WORD_BEFORE.search(self.text, start, first)
            if before is not None and before.group(1)[:1].isupper() and not any(
                    r.start < first and before.start(1) < r.end for r in out) \
                    and _adjective(before.group(1)):
                first = before.start(1)  # «Земельный суд Вены»: the adjective opens the name
            words = self.text[first:place.end()]
            if first == m.start():
                out.append(_place_of_organ(rule, m, place, words))
                continue
            name = _nominative_ru(words)
            out.append(Resolution(first, place.end(), words,
                                  (Actor(words, name, None, None, None, "organisation"),),
                                  rule, f"'{m.group()}' is a kind of body any place has and "
                                        f"'{place.group()}' a place the knowledge base does "
                                        f"not know: the body '{name}' (bodies.yaml)"))
        out.sort(key=lambda r: r.start)
        return out

    def bodies_of_cities(self, found: list[Resolution]) -> list[Resolution]:
        """Russian: a body a city has of its own, before the genitive of a city the knowledge base
        knows as a capital («мэрия Москвы», «правительству Москвы», «Департамента культуры
        Москвы», «Пресненского суда Москвы», «Судом Партизанского района города Минска»): the
        city's body, named by its words in the nominative as the sentence writes them, not the
        capital's country (a city's hall, government or district court is no organ of the state;
        docs/ANNOTATION.md: a named body keeps its own name). The kinds are data
        (kb/bodies.yaml `city_bodies`; a court only with a name or a district of its own)."""
        if not self.organisations:
            return found
        out = list(found)
        for city in [r for r in found if r.rule == "capital-metonym"]:
            first = self._city_body_start(out, city)
            if first is None:
                continue
            words = self.text[first:city.end]
            name = _nominative_ru(words)
            out = [r for r in out if r is not city]
            out.append(Resolution(first, city.end, words,
                                  (Actor(words, name, None, None, None, "organisation"),),
                                  "body-of-city",
                                  f"'{words}' is a body the city '{city.text}' has of its own: "
                                  f"the body '{name}', not the capital's country (bodies.yaml "
                                  f"city_bodies)"))
        out.sort(key=lambda r: r.start)
        return out

    def _city_body_start(self, out: list[Resolution], city: Resolution) -> int | None:
        """Where the body before the capital `city` starts: its kind, then its genitive words
        («культуры», «Партизанского района», «города»), a capitalised adjective before the kind
        opening its name; None where no kind of `city_bodies` stands there or another mention
        does."""
        kinds, named_only = _city_bodies()
        pos, named = city.start, False
        for _ in range(6):
            before = _WORD_BEFORE.search(self.text, self._span[0], pos)
            if before is None or any(r.start < pos and before.start(1) < r.end for r in out):
                return None
            word = before.group(1)
            parse = morph().parse(word)[0]
            lemma = _norm(parse.normal_form)
            if lemma in kinds and parse.tag.POS == "NOUN":
                first = before.start(1)
                adjective = _WORD_BEFORE.search(self.text, self._span[0], first)
                if adjective is not None and adjective.group(1)[:1].isupper() \
                        and _adjective(adjective.group(1)) \
                        and not any(r.start < first and adjective.start(1) < r.end for r in out):
                    first, named = adjective.start(1), True
                return first if named or lemma not in named_only else None
            if parse.tag.case != "gent" or parse.tag.POS not in ("NOUN", "ADJF"):
                return None
            named = named or word[:1].isupper()  # «Партизанского района»: a district of its own
            pos = before.start(1)
        return None

    def organs_of_the_country(self, found: list[Resolution]) -> list[Resolution]:
        """Russian: an organ of «страна» («власти страны», «правительство страны») after a
        country named earlier in the sentence is that country's organ, the country
        (docs/ANNOTATION.md: roles are resolved inside the sentence; an unnamed organ of a state
        is the country): the nearest country before it. The organs are data
        (kb/bodies.yaml `organs_of_the_country`)."""
        if not self.organisations:
            return found
        out = list(found)
        start, end = self._span
        for m in _ORGAN_OF_THE_COUNTRY.finditer(self.text, start, end):
            if _norm(morph().parse(m.group(1))[0].normal_form) not in _country_organs() \
                    or any(r.start < m.end() and m.start() < r.end for r in out):
                continue
            before = [r for r in out if r.end <= m.start() and r.actors
                      and all(a.kind == "country" for a in r.actors)]
            if not before:
                continue
            country = max(before, key=lambda r: r.end)
            words = m.group()
            out.append(Resolution(m.start(), m.end(), words,
                                  tuple(dataclasses.replace(a, text=words)
                                        for a in country.actors),
                                  "organ-of-the-country",
                                  f"'{words}' is an organ of the country named before it: "
                                  f"{', '.join(a.name for a in country.actors)}"))
        out.sort(key=lambda r: r.start)
        return out

    def _named_court(self, out: list[Resolution], rule: str, m: re.Match, place: re.Match,
                     start: int) -> Resolution | None:
        """Russian: a court with a name of its own before a country's name in the genitive
        («Верховный суд Испании», «Специальный суд Пакистана»): the court, named without the
        country (docs/ANNOTATION.md: "Supreme Court", not "United States Supreme Court"), not the
        country; None for any other body or place («суд Гонконга», «полиция Украины»)."""
        country = next((r for r in out if r.start == place.start() and r.end == place.end()
                        and r.rule == "country-alias"), None)
        if rule != "court-of-place" or country is None or any(
                r.start < place.start() and m.start() < r.end for r in out):
            return None
        before = _WORD_BEFORE.search(self.text, start, m.start())
        if before is None or not before.group(1)[:1].isupper() or not _adjective(before.group(1)):
            return None
        words = self.text[before.start(1):m.end()]
        name = _nominative_ru(words)
        return Resolution(before.start(1), place.end(), self.text[before.start(1):place.end()],
                          (Actor(words, name, None, None, None, "organisation"),), rule,
                          f"'{words}' is a court with a name of its own, before the country "
                          f"'{place.group()}': the court '{name}', without the country")

    def people(self, found: list[Resolution], entities: Sequence[Entity]) -> list[Resolution]:
        """PER entities the KB does not know: a surname of an earlier person, a title the grammar
        resolved right before the name ("Pentagon spokesman Pat Ryder"), or a new unknown person."""
        out = list(found)
        for e in entities:
            if self.organisations and e.label == "PER" and e.start == self._span[0]:
                e = _without_common_noun(e)
            if not self.organisations and e.label == "PER":
                e = _with_last_surname(self.text, e, found)
            if self.organisations and e.label == "PER" and _LAST_INITIAL.search(e.text) \
                    and self.text.startswith(".", e.end):
                # «Нуреддин Х.»: the model leaves the initial's point out of the name
                e = dataclasses.replace(e, end=e.end + 1, text=e.text + ".", normal=e.normal + ".")
            inside = [r for r in found if r.start < e.end and e.start < r.end]
            if inside and not (self.surname_of_place(e, inside) or self.named_by_demonym(e, inside)):
                continue
            out = [r for r in out if r not in inside]
            if e.label == "ORG" and self.organisations and _norm(e.text) in self.m.not_bodies:
                continue  # «СМИ сообщили», «ОМОН разогнал»: a kind of body, no name
            if e.label == "ORG" and self.organisations:
                # «агентство … Индии»: the country stands; «Исламское государство» (ИГИЛ): the
                # abbreviation the KB knows names the same body
                after = next((r for r in found if r.start >= e.end
                              and _ADJOINS.fullmatch(self.text, e.end, r.start)), None)
                if after is not None and self.named_body_of(e, after):
                    out.remove(after)  # «Минсельхоз РФ»: the body, named without its country
                    out.append(_organisation(e, self.text, after.end))
                elif after is None and not self.sentence_case_only(e):
                    served = _place_served(self.text, e.end)
                    out.append(_body_of_place(e, self.text, served) if served else _organisation(e))
                continue
            if e.label != "PER":
                continue
            name = _undeclined_words(e.text, _possessive_surname(_strip_name(e.normal)))
            if not name or not any(c.isupper() for c in name[:1]):
                continue
            before = next((r for r in reversed(out) if r.end <= e.start), None)
            title = (before if before is not None and before.rule == "office-holder"
                     and len(before.actors) == 1 and not self.text[before.end:e.start].strip()
                     and not _plural_title(before.text) else None)
            earlier = self.ctx.surnames.get(_surname_key(name))
            body = self.title_of_body(out, e) if title is None else None
            known = self.known_person(name) if title is not None or body is not None else None
            if known is not None:  # «премьер-министра Португалии Антониу Гутерриша»
                first = title.start if title is not None else body[0] if body else e.start
                for r in ([title] if title is not None else body[1] if body else []):
                    out.remove(r)
                actor = dataclasses.replace(known, text=self.text[first:e.end])
                r = Resolution(first, e.end, actor.text, (actor,), "title+name",
                               f"'{e.text}' is a PER (named-entity model) whose normal form "
                               f"'{name}' the knowledge base knows as {known.name}; the title "
                               f"before it is theirs")
            elif body is not None:
                first, covered = body
                role = self.text[first:e.start].rstrip(" (")
                role = _BETWEEN_END.sub("", role)
                actor = Actor(self.text[first:e.end], name, None, None, role, "person")
                for r in covered:
                    out.remove(r)
                r = Resolution(first, e.end, actor.text, (actor,), "title+unknown",
                               f"'{e.text}' is a {e.label} the knowledge base does not know; the "
                               f"title before it, of a body it does not know, makes them {role}")
            elif title is not None:
                role = title.actors[0].role
                actor = Actor(self.text[title.start:e.end], name, None, title.actors[0].country,
                              role, "person")
                out.remove(title)
                r = Resolution(title.start, e.end, actor.text, (actor,), "title+unknown",
                               f"'{e.text}' is a {e.label} the knowledge base does not know; the "
                               f"title before it makes them {role}")
            elif " " not in name and earlier is not None:
                actor = dataclasses.replace(earlier, text=e.text)
                r = Resolution(e.start, e.end, e.text, (actor,), "surname",
                               f"'{e.text}' is the surname of {earlier.name}, named earlier")
            elif " " not in name:
                # news introduces a new person by full name; in English one word is too often a
                # place the model mistook ("from Kherson"), a Russian one a place only where
                # pymorphy3 says so («Кулябина», «Селезнёв» are people)
                if not (self.organisations and _lone_surname(e.text)):
                    continue
                name = _lone_surname_nominative(e.text, name)
                ids = self.m.surnames.get(_key(name), set())
                if len(ids) > 1:
                    continue  # «Картер»: Ash or Nick Carter (holder_surnames may tell on the day)
                if ids:
                    actor, why = self.person(next(iter(ids)), e.text)
                    r = Resolution(e.start, e.end, e.text, (actor,), "kb-surname",
                                   f"'{e.text}' is a PER (named-entity model) of one word, the "
                                   f"surname of one person of the knowledge base; {why}")
                else:
                    actor = Actor(e.text, name, None, None, None, "person")
                    r = Resolution(e.start, e.end, e.text, (actor,), "lone-surname",
                                   f"'{e.text}' is a PER (named-entity model) of one word the "
                                   f"knowledge base does not know, no place to pymorphy3; its "
                                   f"normal form is '{name}'")
            elif (known := self.known_person(name)) is not None:
                actor = dataclasses.replace(known, text=e.text)  # «с Эммануэлем Макроном»
                r = Resolution(e.start, e.end, e.text, (actor,), "entity-in-kb",
                               f"'{e.text}' is a PER (named-entity model) whose normal form "
                               f"'{name}' the knowledge base knows as {known.name}")
            elif (e.start, e.end) in self.given_named:
                actor = Actor(e.text, name, None, None, None, "person")
                r = Resolution(e.start, e.end, e.text, (actor,), "given-name",
                               f"'{e.text}' opens with a given name (given-names.yaml) and the "
                               f"knowledge base does not know it")
            else:
                actor = Actor(e.text, name, None, None, None, "person")
                r = Resolution(e.start, e.end, e.text, (actor,), "unknown-person",
                               f"'{e.text}' is a {e.label} (named-entity model, normal form "
                               f"'{e.normal}') the knowledge base does not know")
            if " " in name:
                self.ctx.surnames.setdefault(_surname_key(name), actor)
                self.ctx.surnames_at.setdefault(_surname_key(name), e.start)
            out.append(r)
        out.sort(key=lambda r: r.start)
        return self.surnames(out)

    def title_of_body(self, out: list[Resolution],
                      e: Entity) -> tuple[int, list[Resolution]] | None:
        """Where the title of the person `e` starts, and the mentions it covers, when the person
        is titled by a body or place the knowledge base does not know: a title with no holder or
        a head word, then organisations the entity model found or genitive place names, right
        before the person («президент Международного олимпийского комитета (МОК) Томас Бах»,
        «глава Всемирного антидопингового агентства Витольд Банька», «премьер-министр Непала
        Пушпа Камал Дахал»). None otherwise."""
        before = [r for r in out if r.end <= e.start]
        covered: list[Resolution] = []
        pos = e.start
        while before and before[-1].rule == "unknown-organisation" and _BETWEEN.fullmatch(
                self.text, before[-1].end, pos):
            covered.insert(0, before.pop())
            pos = covered[0].start
        lo = before[-1].end if before else self._span[0]
        place = _LAST_WORD.search(self.text, lo, pos)
        if not covered and place is not None and _genitive_place(place.group(1)):
            pos = place.start(1)  # «премьер-министр Непала Пушпа Камал Дахал»
        if pos == e.start:
            return None
        if before and before[-1].rule == "office-holder" and not before[-1].actors and \
                not self.text[before[-1].end:pos].strip():
            return before[-1].start, [before[-1], *covered]
        head = _WORD_BEFORE.search(self.text, self._span[0], pos)
        if head is not None and _norm(head.group(1)) in self.m.head_words and not any(
                r.start < pos and head.start(1) < r.end for r in out):
            return head.start(1), covered
        return None

    def surname_of_place(self, e: Entity, inside: list[Resolution]) -> bool:
        """Russian: whether a person's name the entity model found holds a country's adjective
        or capital as a name of its own («Александра Македонского», «Андрей Косовский», «Сана
        Мирзоева»): a full name of several words, and the KB mentions inside it only a capitalised
        demonym or capital that does not cover it all."""
        return self.organisations and e.label == "PER" and len(_TOKEN.findall(e.text)) > 1 \
            and all(r.rule in _PLACE_AS_NAME and r.text[:1].isupper()
                    and (r.start > e.start or r.end < e.end)
                    and e.start <= r.start and r.end <= e.end for r in inside)

    def named_by_demonym(self, e: Entity, inside: list[Resolution]) -> bool:
        """Russian: whether an organisation the entity model found is a body with a name of its
        own that a country's adjective opens, capitalised inside the sentence («Члены Российской
        академии наук», «Украинская православная церковь»), where the KB mentions inside it are
        only that adjective; a lower-case one describes an organ of the state («российская
        полиция»: the country) and so may one opening the sentence."""
        if not (self.organisations and e.label == "ORG" and len(_TOKEN.findall(e.text)) > 1):
            return False
        opens = not self.text[self._span[0]:e.start].strip(" «\"'„“(-—")
        return not opens and len(inside) == 1 and inside[0].rule == "demonym" \
            and inside[0].start == e.start and inside[0].end < e.end \
            and inside[0].text[:1].isupper()

    def named_body_of(self, e: Entity, country: Resolution) -> bool:
        """Whether an organisation the entity model found right before a country's name is a
        body with a name of its own, named without the country (docs/ANNOTATION.md, Actors):
        capitalised beyond its sentence's first letter, and of several words or one pymorphy3
        does not know or knows as a body's name («Минсельхоз РФ», «Управление по делам радио и телевидения Китая»; not
        «Полиция Индии», an unnamed organ of the state, which is the country)."""
        words = _TOKEN.findall(e.text)
        if not words or not words[0][:1].isupper() \
                or self.sentence_case_only(e) and not _official_name(words) \
                or not country.actors or any(a.kind != "country" for a in country.actors):
            return False
        parses = morph().parse(words[0])
        return len(words) > 1 or not any(p.is_known for p in parses) \
            or any("Orgn" in p.tag.grammemes for p in parses[:2])

    def sentence_case_only(self, e: Entity) -> bool:
        """Whether an entity's only capital is its sentence's first letter, on a common word:
        «Независимая комиссия …» opening a sentence names no body."""
        words = _TOKEN.findall(e.text)
        opens = not self.text[self._span[0]:e.start].strip(" «\"'„“(")
        return (opens and bool(words) and not _may_be_name(words[0])
                and not any(w[:1].isupper() for w in words[1:]))

    def known_person(self, name: str) -> Actor | None:
        """The KB person a name in the nominative resolves to, if any: the whole name, or its
        surname as the KB's person alias (as a lone surname in the text would), the grammar
        having missed the inflected name the entity model normalised («с Эммануэлем Макроном»)."""
        if not _CYRILLIC.search(name):
            return None
        whole = [r for r in find(name, [(0, len(name))], self.on, None, self.files)
                 if r.end == len(name) and len(r.actors) == 1
                 and (r.start == 0 or r.rule == "person-alias")]
        if not whole and " " in name:
            return self.known_by_surname(name)
        actor = whole[0].actors[0] if whole else None
        if actor is None or not actor.id or actor.kind != "person":
            return None
        if whole[0].start > 0 and not self.same_given_name(actor.id, name[:whole[0].start]):
            return None  # «Энда Кенни» is not Jason Kenney («Джейсон Кенни»)
        return actor

    def known_by_surname(self, name: str) -> Actor | None:
        """The KB person whose surname alias ends a full name the matcher left whole, when the
        given name before it opens one of the person's Russian full-name aliases too («Реджеп
        Эрдоган» is Recep Tayyip Erdoğan, «Реджеп Тайип Эрдоган» to the KB); never for a
        person the KB gives no such alias."""
        given, surname = name.rsplit(" ", 1)
        found = [r for r in find(surname, [(0, len(surname))], self.on, None, self.files)
                 if r.start == 0 and r.end == len(surname) and len(r.actors) == 1
                 and r.rule == "person-alias"]
        actor = found[0].actors[0] if found else None
        if actor is None or not actor.id or actor.kind != "person":
            return None
        full = [a for a in self.kb.people[actor.id].aliases if " " in a and _CYRILLIC.search(a)]
        if not full or not self.same_given_name(actor.id, given):
            return None
        return actor

    def same_given_name(self, pid: str, given: str) -> bool:
        """Whether the words before a surname may be the given name of the KB person: their
        first two letters open a word before the surname in one of the person's Russian
        full-name aliases, or the KB gives the person no such alias."""
        firsts = {_norm(a.split()[0])[:2] for a in self.kb.people[pid].aliases
                  if " " in a and _CYRILLIC.search(a)}
        words = given.split()
        return not firsts or bool(words) and _norm(words[0])[:2] in firsts

    def named_earlier(self, word: str, at: int) -> Actor | None:
        """The unknown person named in full before `at` whose surname `word` is, by any key of
        the word: an inflected surname («Брэддоку») by its lemma or stem. A full name after the
        word is no antecedent: in "Biden pardoned his son Hunter Biden" Biden is not Hunter."""
        return next((self.ctx.surnames[k] for k in _keys(word)
                     if k in self.ctx.surnames and self.ctx.surnames_at.get(k, -1) < at), None)

    def surnames(self, found: list[Resolution]) -> list[Resolution]:
        """A capitalised word that is the surname of an unknown person named in full before."""
        if not self.ctx.surnames:
            return found
        out = []
        for r in found:  # "Andrew Kenney ... Kenney": the one named in full here, not the KB's
            earlier = (self.named_earlier(r.text, r.start)
                       if r.rule == "person-alias" and " " not in r.text else None)
            if earlier is not None and r.actors and earlier.name != r.actors[0].name:
                r = Resolution(r.start, r.end, r.text, (dataclasses.replace(earlier, text=r.text),),
                               "surname", f"'{r.text}' is the surname of {earlier.name}, named "
                                          f"earlier in the text (not {r.actors[0].name})")
            out.append(r)
        start, end = self._span
        for m in _TOKEN.finditer(self.text, start, end):
            w = m.group()
            earlier = self.named_earlier(w, m.start()) if w[:1].isupper() else None
            if earlier is None or any(r.start <= m.start() < r.end for r in out):
                continue
            actor = dataclasses.replace(earlier, text=w)
            out.append(Resolution(m.start(), m.end(), w, (actor,), "surname",
                                  f"'{w}' is the surname of {earlier.name}, named earlier"))
        out.sort(key=lambda r: r.start)
        return out

    def holder_surnames(self, found: list[Resolution]) -> list[Resolution]:
        """A lone capitalised word that is the surname of the one person holding an office on the
        day ("Serdyukov and Makarov" in 2010 is Nikolai Makarov, the chief of the General Staff).
        Not inside a longer name ("Tom Makarov"), and never without a date."""
        if self.on is None:
            return found
        out = list(found)
        start, end = self._span
        toks = list(_TOKEN.finditer(self.text, start, end))
        index = self.m.holder_surnames
        for k, m in enumerate(toks):
            w = m.group()
            if not w[:1].isupper():
                continue
            keys = _keys(w)
            ids = {pid for key in keys for pid in index.get(key, ())}
            if not ids or not w.isalpha() or any(r.start <= m.start() < r.end for r in out):
                continue
            if (k > 1 and toks[k - 1].group()[:1].isupper()) or (
                    k + 1 < len(toks) and toks[k + 1].group()[:1].isupper()
                    and toks[k + 1].group().isalpha()):
                continue
            if any("" in self.m.trie.get(key, {}) for key in keys):
                continue  # an alias the matcher weighed and left (a place: "in Austin, Texas")
            ids = {pid for pid in ids if self.kb.offices_of(pid, self.on)}
            if len(ids) != 1:
                continue
            actor, why = self.person(ids.pop(), w)
            self._note([(actor, why)])
            out.append(Resolution(m.start(), m.end(), w, (actor,), "holder-surname",
                                  f"'{w}' is the surname of {actor.name}, the only office holder "
                                  f"of that name {_on(self.on)}; {why}"))
        out.sort(key=lambda r: r.start)
        return out

    def pronouns(self, found: list[Resolution], start: int, end: int) -> list[Resolution]:
        """He/she/он/она: the nearest person mentioned before, in this or the last sentences."""
        out: list[Resolution] = []
        pending = list(found)
        for m in self.m.pronoun_tokens.finditer(self.text, start, end):
            while pending and pending[0].start < m.start():
                self._remember(pending[0])
                out.append(pending.pop(0))
            word = _norm(m.group())
            is_object = word in self.m.object_pronouns or (
                word in self.m.object_or_possessive and not _owns_next(self.text, m.end()))
            if not (is_object or word in self.m.pronouns) or any(
                    r.start <= m.start() < r.end for r in out):
                continue
            gender = "femn" if word in self.m.feminine_pronouns else \
                "masc" if word in self.m.masculine_pronouns else None
            recent = [(n, a) for n, a in self.ctx.people if self.ctx.sentence - n <= PRONOUN_REACH
                      and _gender_agrees(a, gender)]
            here = [k for k, (n, _) in enumerate(recent) if n == self.ctx.sentence]
            if is_object and here and len(recent) > 1:
                del recent[here[0]]  # not the subject of its own sentence
            if not recent:
                continue
            if not is_object and not here:
                # A subject pronoun opening its clause continues the last sentence's subject
                # (its first person): "Chirac called Putin. He said ..." is Chirac.
                last = recent[-1][0]
                antecedent = next(a for n, a in recent if n == last)
                how = "the subject (first person) of the last sentence with people"
            else:
                antecedent, how = recent[-1][1], "the nearest person mentioned before"
                subject = None if is_object or self.organisations else self._subject_before(
                    out, start, m.start())
                if subject is not None:
                    antecedent, how = subject, ("the nearest person before who is no object of "
                                                "a preposition")
            actor = dataclasses.replace(antecedent, text=m.group())
            out.append(Resolution(m.start(), m.end(), m.group(), (actor,), "pronoun",
                                  f"'{m.group()}' refers to {how}: {actor.name}"))
        for r in pending:
            self._remember(r)
            out.append(r)
        return out

    def _subject_before(self, out: list[Resolution], start: int, at: int) -> Actor | None:
        """English: a subject "he"/"she" takes up a person of its sentence that no preposition
        governs before one that one does ("X met with the IMF, then with President Y, where he
        denounced": X); None when the nearest person is no such object, or no other is there."""
        people = [r for r in out if start <= r.start and r.end <= at and len(r.actors) == 1
                  and r.actors[0].kind == "person"]
        if len(people) < 2 or not _governed(self.text, start, people[-1].start):
            return None
        free = [r for r in people if not _governed(self.text, start, r.start)]
        return free[-1].actors[0] if free else None

    def _remember(self, r: Resolution) -> None:
        if len(r.actors) == 1 and r.actors[0].kind == "person":
            self.ctx.people.append((self.ctx.sentence, r.actors[0]))


#: How many sentences back a pronoun looks for its person (0: only the same sentence).
PRONOUN_REACH = 2
_TITLE_WORDS = re.compile(r"^(?:the|mr\.?|mrs\.?|ms\.?|dr\.?|sir)\s+", re.IGNORECASE)


#: What may stand between an organisation's name and the KB actor right after it that names the
#: same body or its country: «Исламское государство» (ИГИЛ), «агентство Индии».
_ADJOINS = re.compile(r"[\s«»\"'„“”(]{0,4}")


#: A name that ends in an initial («Нуреддин Х», «John F»).
_LAST_INITIAL = re.compile(r"\s[^\W\d_]$")
#: The KB mentions a person's name may hold as a name of its own: a country's adjective as a
#: surname («Македонский»), a capital as a given name («Сана»).
_PLACE_AS_NAME = frozenset({"demonym", "capital-metonym"})
#: What may stand between a body's name and the person it titles: spaces, an abbreviation in
#: brackets («Международного олимпийского комитета (МОК) Томас Бах»).
_BETWEEN = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?")
_BETWEEN_END = re.compile(r"\s*(?:\([^()]{1,20}\)\s*)?$")
#: The last word before a position, separated from it by spaces (`title_of_body`).
_LAST_WORD = re.compile(r"(?<![^\W_])([^\W\d_]+) +$")
#: Capitalised words joined by spaces and "of"/"for"/"and" ("Ministry of State for Antiquities").
_CAPITALISED_RUN = re.compile(r"[A-Z][\w'-]*(?: (?:(?:of|for|and|the) )*[A-Z][\w'-]*)*")
#: Words of a sentence with no lower-case word of four letters or more that make it a headline
#: ("Russian Troops Enter Town After Heavy Fighting"), not a name read alone ("Saudi Aramco").
HEADLINE_WORDS = 5
#: A lower-case word of four letters or more: a sentence without one is a headline.
_LOWER_WORD = re.compile(r"(?<![^\W_])[a-z]{4,}(?![^\W_])")
#: The word right before a position, separated from it by one space (`_Resolver.bodies`).
_WORD_BEFORE = re.compile(r"(?<![^\W_])([^\W\d_]+) $")


#: A word and «страны» right after it: a candidate organ of the country named before.
_ORGAN_OF_THE_COUNTRY = re.compile(r"(?<![\w-])([А-ЯЁа-яё]+) стран[ыеу](?![\w-])")


@cache
def _country_organs() -> frozenset[str]:
    return frozenset(_norm(w) for w in load_rules("kronika.actors.kb", "bodies.yaml")
                     .get("organs_of_the_country", ()))


def _place_of_organ(rule: str, m: re.Match, place: re.Match, words: str) -> Resolution:
    """An organ with no name of its own, of a place the knowledge base does not know («полиция
    Белиза», «суд Гонконга»): the place, in the nominative (docs/ANNOTATION.md: an unnamed organ
    of a state described by its country is the country, named as the sentence writes it when
    the knowledge base does not know it)."""
    parse = next((p for p in morph().parse(place.group())[:2]
                  if p.tag.case == "gent" and "Geox" in p.tag), None)
    nominative = parse.inflect({"nomn"}) if parse is not None else None
    name = _like(place.group(), nominative.word) if nominative is not None else place.group()
    # the place stands for its government as a country does (the roles read it so)
    return Resolution(m.start(), place.end(), words,
                      (Actor(words, name, None, None, None, "country"),), rule,
                      f"'{m.group()}' is an organ any place has, with no name of its own, and "
                      f"'{place.group()}' a place the knowledge base does not know: the place "
                      f"'{name}' (bodies.yaml)")


_NEXT_TOKEN = re.compile(r" ([^\W\d_][\w-]*)")


def _place_served(text: str, end: int) -> int | None:
    """Where the genitive of the place a body serves ends, right after the body's name at `end`,
    when the knowledge base does not know the place: a territory of a name of its own
    («Законодательного собрания Приморского края», «Мировой суд Центрального района
    Новосибирска») or a place name that does not decline («Высокий суд Дели»). The place is
    part of the body's name (docs/ANNOTATION.md: an actor the knowledge base does not know is
    named as the sentence writes it). The territories are data (kb/bodies.yaml `territories`)."""
    words = []
    pos = end
    while (m := _NEXT_TOKEN.match(text, pos)) is not None and len(words) < 5:
        words.append(m)
        pos = m.end()
    k = 0
    while k < len(words) and words[k].group(1)[:1].isupper() and _genitive_adjective(words[k].group(1)):
        k += 1
    if 0 < k < len(words) and _territory(words[k].group(1)):
        last = k + 1 if k + 1 < len(words) and _genitive_place(words[k + 1].group(1)) else k
        return words[last].end()
    if words and _undeclined_place(words[0].group(1)):
        return words[0].end()
    return None


def _genitive_adjective(word: str) -> bool:
    return any(p.tag.POS == "ADJF" and p.tag.case == "gent" for p in morph().parse(word)[:2])


def _territory(word: str) -> bool:
    """A territory's kind in the genitive singular («края», «района», «области»; bodies.yaml)."""
    return any(p.tag.case == "gent" and p.tag.number == "sing"
               and _norm(p.normal_form) in _territories() for p in morph().parse(word)[:2])


def _undeclined_place(word: str) -> bool:
    """A capitalised Russian place name that does not decline («Дели», «Осло»)."""
    return word[:1].isupper() and bool(_CYRILLIC.search(word)) and \
        all("Fixd" in p.tag and "Geox" in p.tag for p in morph().parse(word)[:1])


@cache
def _territories() -> frozenset[str]:
    data = load_rules("kronika.actors.kb", "bodies.yaml")
    return frozenset(_norm(w) for w in data["territories"])


def _official_name(words: list[str]) -> bool:
    """Whether words opening a sentence, capitalised only there, still read as a body's official
    name: a full adjective of a kind that names bodies, or a noun with its genitive, before the
    head («Антидопинговое агентство», «Министерство юстиции»), not a description («Местная
    полиция»). The adjectives are data (kb/bodies.yaml `name_adjectives`)."""
    if len(words) < 2:
        return False
    first = morph().parse(words[0])[0]
    if first.tag.POS == "NOUN":
        return "gent" in {p.tag.case for p in morph().parse(words[1])[:2]}
    return first.tag.POS == "ADJF" and _norm(first.normal_form) in _name_adjectives()


@cache
def _name_adjectives() -> frozenset[str]:
    return frozenset(_norm(w) for w in load_rules("kronika.actors.kb", "bodies.yaml")
                     .get("name_adjectives", ()))


@lru_cache(maxsize=1 << 16)  # keyed by word
def _genitive_place(word: str) -> bool:
    """A capitalised Russian word that pymorphy3 reads (first two parses) as a place name in
    the genitive: «Белиза», «Вены», not «Марка»."""
    if not (word[:1].isupper() and _CYRILLIC.search(word)):
        return False
    return any(p.tag.case == "gent" and "Geox" in p.tag for p in morph().parse(word)[:2])


@lru_cache(maxsize=1 << 16)  # keyed by word
def _adjective(word: str) -> bool:
    """A Russian word whose first reading is a full adjective («Земельный», «Верховный»)."""
    return bool(_CYRILLIC.search(word)) and morph().parse(word)[0].tag.POS == "ADJF"


def _skip_spaces(text: str, pos: int) -> int:
    while pos < len(text) and text[pos] == " ":
        pos += 1
    return pos


#: A surname in -ов/-ев/-ин the entity model lemmatised as an adjective («Виталием Милоновым»
#: -> «Милоновый»): no Russian surname ends so.
_ADJECTIVE_SURNAME = re.compile(r"(?<=[а-яё])([оеё]в|ин)ый$")


def _possessive_surname(name: str) -> str:
    """A Russian name whose last word the entity model lemmatised as an adjective in -овый,
    -евый or -иный, with the surname's own nominative («Виталий Милоновый» -> «Виталий
    Милонов»)."""
    return _ADJECTIVE_SURNAME.sub(r"\1", name) if " " in name else name


# An English capitalised word right after a person's full name, then a lower-case word or a stop.
_NEXT_NAME_WORD = re.compile(r" ([A-Z][a-z]+)(?=[\s,.;:)]|$)(?!\s+[A-Z])")


def _with_last_surname(text: str, e: Entity, found: Sequence[Resolution]) -> Entity:
    """An English full name the entity model cut before its last word, a surname that is a
    town's or a common word too ("Judge Amy Berman | Jackson", "Mary Ellen | Warren said"):
    the capitalised word right after it that no mention covers and that is no function word,
    title, month or weekday belongs to the name."""
    m = _NEXT_NAME_WORD.match(text, e.end)
    if " " not in e.text or m is None or any(r.start < m.end() and m.start(1) < r.end
                                             for r in found):
        return e
    from kronika.actors.words import BODIES, NOT_ACTORS, NOT_NAMES

    word = m.group(1)
    if word.lower() in NOT_NAMES or word.lower() in NOT_ACTORS or word in BODIES:
        return e
    return dataclasses.replace(e, end=m.end(), text=f"{e.text} {word}",
                               normal=f"{e.normal} {word}")


# English prepositions whose object is no subject a later "he" takes up ("talks with Y").
_OBJECT_PREPOSITIONS = frozenset({"with", "to", "by", "from", "for", "of", "at", "on", "against",
                                  "than", "about", "toward", "towards", "between"})
_WORDS_BEFORE = re.compile(r"([\w'’.-]+)\W*$")


def _governed(text: str, start: int, at: int) -> bool:
    """The name at `at` is the object of a preposition, past its capitalised titles and a
    determiner ("with President Trump", "to the Pope")."""
    while True:
        m = _WORDS_BEFORE.search(text, max(start, at - 40), at)
        if m is None:
            return False
        word = m.group(1)
        if word.lower() in _OBJECT_PREPOSITIONS:
            return True
        if not (word[:1].isupper() or word.lower() in {"the", "a", "an"}) or m.start() <= start:
            return False
        at = m.start()


def _without_common_noun(e: Entity) -> Entity:
    """A Russian person's name the entity model opened with a common noun in the nominative
    plural, capitalised as it opens the sentence, without it («Музыканты Шевчук» -> «Шевчук»):
    pymorphy3 knows the word, as no name, surname or patronymic."""
    words, normal = e.text.split(" "), e.normal.split(" ")
    if len(words) < 2 or len(normal) != len(words) or not _CYRILLIC.search(words[0]):
        return e
    parses = morph().parse(words[0])
    best = parses[0].tag
    if not parses[0].is_known or best.POS != "NOUN" or best.number != "plur" \
            or best.case != "nomn" or any(
            {"Name", "Surn", "Patr"} & p.tag.grammemes for p in parses[:3]):
        return e  # a given name may be a common noun too («Алмаз», «Марен»): plural only
    cut = len(words[0]) + 1
    return dataclasses.replace(e, start=e.start + cut, text=e.text[cut:],
                               normal=" ".join(normal[1:]))


def _plural_title(words: str) -> bool:
    """Whether a Russian title opens with a plural noun, which titles no one person named after
    it («кандидат в президенты Беларуси Андрей Санников»)."""
    first = _TOKEN.match(words)
    if first is None or not _CYRILLIC.search(first.group()):
        return False
    parse = morph().parse(first.group())[0]
    return parse.tag.POS == "NOUN" and parse.tag.number == "plur"


def _strip_name(name: str) -> str:
    """A person's name without a leading "the"/"Mr." and a trailing "'s"."""
    name = _TITLE_WORDS.sub("", name.strip())
    return re.sub(r"['’]s$", "", name).strip()


def _organisation(e: Entity, text: str = "", end: int | None = None) -> Resolution:
    """An organisation the KB does not know («Роскомнадзором» → Роскомнадзор, no id); up to
    `end` in `text` where its mention takes in the country's name after it, which its name
    leaves out («Минсельхоз РФ»)."""
    name = _nominative_ru(e.text)
    if end is None:
        return Resolution(e.start, e.end, e.text, (Actor(e.text, name, None, None, None,
                                                         "organisation"),),
                          "unknown-organisation", f"'{e.text}' is an ORG (named-entity model) "
                          f"the knowledge base does not know; its name in the nominative is "
                          f"'{name}'")
    words = text[e.start:end]
    return Resolution(e.start, end, words, (Actor(words, name, None, None, None,
                                                  "organisation"),),
                      "body-of-country", f"'{e.text}' is an ORG (named-entity model) the "
                      f"knowledge base does not know, with a name of its own before the "
                      f"country's: the body '{name}', named without the country")


def _body_of_place(e: Entity, text: str, end: int) -> Resolution:
    """An organisation the KB does not know with the place it serves after it, up to `end`
    (`_place_served`): named by all its words, the place's kept in the genitive."""
    words = text[e.start:end]
    name = _nominative_ru(words)
    return Resolution(e.start, end, words, (Actor(words, name, None, None, None, "organisation"),),
                      "body-of-place", f"'{e.text}' is an ORG (named-entity model) the knowledge "
                      f"base does not know, with the place it serves after it: the body '{name}' "
                      f"(bodies.yaml territories)")


def _gender_agrees(a: Actor, gender: str | None) -> bool:
    """Whether a person may be what a pronoun of `gender` refers to: «её» is no man, «его»
    no woman, as the words of the mention tell a given name's or a surname's gender (none
    told: any)."""
    if gender is None:
        return True
    words = [w for w in _TOKEN.findall(a.text) if _CYRILLIC.match(w)]
    for tag in ("Name", "Surn"):  # a given name tells it best («Анна Петрова»: «Петрова» may
        told = {p.tag.gender for w in words for p in morph().parse(w)[:2]  # be a man's genitive)
                if tag in p.tag and p.tag.gender and p.tag.number == "sing"}
        if told:
            return len(told) != 1 or gender in told
    return True


#: The parts of speech of a word a possessive «его»/«её» stands before («его блог», «её
#: российский коллега», «его 23-летний сын»): with any other word after it (a verb, a
#: preposition, a particle, punctuation), it is the object pronoun («его задержали»).
_OWNED = frozenset({"NOUN", "ADJF", "NUMR", "PRTF"})
_NEXT_WORD = re.compile(r"[\s«\"„]*([^\W_][\w-]*)")


def _owns_next(text: str, end: int) -> bool:
    """Whether «его»/«её» ending at `end` is a possessive: the word right after it is a
    noun, an adjective, a numeral or a full participle, or a number."""
    m = _NEXT_WORD.match(text, end)
    if m is None:
        return False
    word = m.group(1)
    return word[:1].isdigit() or morph().parse(word.lower())[0].tag.POS in _OWNED


def _nominative_ru(words: str) -> str:
    """A Russian name in the nominative: the words up to its first noun (the head and the
    adjectives before it) are put in the nominative, the genitive words after it are kept
    («Земельного суда Вены» → «Земельный суд Вены»); all-caps words stay as written."""
    toks = words.split(" ")
    parses = [morph().parse(w)[0] for w in toks]
    head = next((k for k, (w, p) in enumerate(zip(toks, parses, strict=True))
                 if w.isupper() or p.tag.POS == "NOUN"), None)
    if head is None or toks[head].isupper() or parses[head].tag.case == "nomn":
        return words
    noun = parses[head].inflect({"nomn"}) or parses[head]
    agree = {"nomn", noun.tag.number} | ({noun.tag.gender} if noun.tag.number == "sing" else set())
    out = []
    for w, p in zip(toks[:head], parses[:head], strict=True):
        form = p.inflect(agree) if p.tag.POS == "ADJF" else None
        out.append(_like(w, form.word) if form is not None else w)
    return " ".join([*out, _like(toks[head], noun.word), *toks[head + 1:]])


def _like(original: str, word: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _surname_key(name: str) -> str:
    return _key(name.split()[-1])


#: Finds named entities in the given spans of a text (see kronika.language.backbone.entities).
EntityFinder = Callable[[str, Sequence[tuple[int, int]]], list[Entity]]


#: Words that end a person's name after the surname, written with a full stop.
NAME_SUFFIXES = frozenset({"Jr", "Sr"})
#: Lower-case particles inside a person's name: "Vicente del Bosque", «Висенте дель Боске».
NAME_PARTICLES = frozenset({"bin", "ibn", "de", "del", "della", "der", "di", "da", "dos", "du",
                            "van", "von", "бен", "бин", "ибн", "де", "дель", "ван", "фон", "да",
                            "ди", "дос"})


def _name_after(text: str, end: int, not_names: frozenset[str],
                limit: int) -> tuple[int, int] | None:
    """The span of the capitalised words (a name, with initials and "Jr.") right after `end`
    and before `limit` (the next KB mention), on the same line, if any: "President [Ashraf
    Ghani] said"."""
    stop: tuple[int, int] | None = None
    last = ""  # the run's last word as written
    pos = end
    for m in _TOKEN.finditer(text, end, limit):
        gap = text[pos:m.start()]
        if gap != " " and (stop is None or gap):  # one space before the name, none inside a word
            break
        w = m.group()
        if w == "." and stop is not None and (len(last) == 1 or last in NAME_SUFFIXES):
            stop, last = (stop[0], m.end()), last + w  # "George W. Bush", "Walter Wallace Jr."
        elif w[:1].isupper() and w.isalpha() and _norm(w) not in not_names:
            stop, last = (stop[0] if stop else m.start(), m.end()), w
        else:
            break
        pos = m.end()
    return stop


def _name_runs(text: str, start: int, end: int, atoms: list[_Atom], not_names: frozenset[str],
               not_person_ends: frozenset[str] = frozenset(),
               bodies: bool = False) -> list[tuple[int, int, str]]:
    """Where an unknown person may be named: runs of two or more capitalised words that no KB
    alias covers and that are no common words ("Markus Reisner"), as (start, end, first word).
    Only full names become unknown people (a lone capitalised word is a surname of someone named
    before, found without the model, or too often a place), and a run that ends in the kind of a
    body or place ("Florida Highway Patrol") names no person. With `bodies` (Russian, where the
    model's organisations are actors), a lone capitalised word that is no name or place counts
    too: a Russian body's name capitalises only its first word («Всемирного антидопингового
    агентства», «Роскомнадзор»)."""
    runs: list[tuple[int, int, str]] = []
    run: list[re.Match[str]] = []
    not_bodies = _matcher().not_bodies if bodies else frozenset()
    covered = {pos for a in atoms for pos in range(a.start, a.end)}  # linear in a long sentence
    countries = [a.start for a in atoms if a.sym == "C"]

    def before_country(pos: int) -> bool:
        # «Минсельхоз РФ», «Управление по делам радио и телевидения Китая»: a body may be named
        # before its country (`_Resolver.named_body_of`)
        nxt = next((c for c in countries if c >= pos), None)
        return nxt is not None and bool(_LOWER_GAP.fullmatch(text, pos, nxt)) \
            and all(_in_body_name(w) for w in text[pos:nxt].split())

    def close() -> None:
        words = [m for m in run if len(m.group()) > 1]  # initials do not count: "J. Smith"
        if bodies and len(words) == 1 and (_may_name_body(words[0].group())
                                           or _lone_surname(words[0].group())
                                           or _abbreviation(words[0].group())
                                           and _norm(words[0].group()) not in not_bodies
                                           or before_country(words[0].end())):
            runs.append((words[0].start(), words[0].end(), words[0].group()))
        elif len(words) >= 2 and _norm(words[-1].group()) not in not_person_ends:
            stop = words[-1].end()
            if words[-1].group() in NAME_SUFFIXES and text.startswith(".", stop):
                stop += 1  # "Walter Wallace Jr."
            runs.append((run[0].start(), stop, run[0].group()))

    joining = False  # a particle inside a name ("Vicente del Bosque") follows the run
    first = True  # no word yet
    for m in _TOKEN.finditer(text, start, end):
        w = m.group()
        if first and _CYRILLIC.search(w) and not _may_be_name(w):
            first = False
            continue  # a Russian sentence's first word is capitalised anyway («Однако», «Глава»)
        first = first and not w[:1].isalnum()  # the first word may follow a quote or a dash
        if (w[:1].isupper() and (len(w) > 1 or text.startswith(".", m.end()))
                and _norm(w) not in not_names and m.start() not in covered):
            run.append(m)  # a word, or an initial ("William S. Saturn")
            joining = False
        elif run and not joining and w in NAME_PARTICLES:
            joining = True
        elif w not in ("-", "."):  # "Jean-Yves", "J. Smith"
            close()
            run, joining = [], False
    close()
    if bodies:  # «Члены Российской академии наук»: a body's name a country's adjective opens
        runs += [(a.start, a.end, text[a.start:a.end]) for a in atoms
                 if a.sym == "D" and text[a.start:a.start + 1].isupper()
                 and text[start:a.start].strip(" «\"'„“(-—")]
    return runs


#: What may stand between a body's capitalised first word and its country: up to five
#: lower-case words («Управление по делам радио и телевидения Китая»), each `_in_body_name`.
_LOWER_GAP = re.compile(r"(?: [а-яё-]+){0,5} ")
#: The function words a body's name has inside it («по делам», «при президенте»).
_BODY_NAME_JOINERS = frozenset({"по", "и", "при"})


def _abbreviation(word: str) -> bool:
    """A Russian abbreviation, a body's name to the entity model («ФСБ», «МЧС», «ФИДЕ»), or a
    capitalised word in Latin letters in Russian text, a foreign name («Facebook», «Apple»)."""
    if len(word) < 2 or not word.isalpha():
        return False
    return word.isupper() if _CYRILLIC.search(word) else word[:1].isupper() and word.isascii()


@lru_cache(maxsize=1 << 16)  # keyed by word
def _in_body_name(word: str) -> bool:
    """Whether a lower-case word may go on a body's name: a noun or an adjective at its likeliest
    reading, or «по», «и», «при»; no verb («Газпром сократил поставки в Литву» names no body of
    Lithuania) and no preposition of place («ФБР в Испании»)."""
    return word in _BODY_NAME_JOINERS or morph().parse(word)[0].tag.POS in ("NOUN", "ADJF")


@lru_cache(maxsize=1 << 16)  # keyed by word
def _may_name_body(word: str) -> bool:
    """A capitalised Russian word that may open a body's name: Cyrillic, lower case after its
    first letter, an adjective pymorphy3 knows (most Russian bodies' names open with one:
    «Верховный суд», «Всемирное антидопинговое агентство»; a word it does not know is mostly a
    lone foreign surname, which the model would not make an actor; tried with nouns too, the
    model ran on 48 % more sentences of bench/backbone.py's Russian articles, with adjectives
    only on fewer), and no name, surname or place to it."""
    if len(word) < 3 or not _CYRILLIC.search(word) or not word[1:].islower():
        return False
    parses = morph().parse(word)[:2]
    return parses[0].is_known and parses[0].tag.POS == "ADJF" and not any(
        {"Name", "Surn", "Patr", "Geox"} & p.tag.grammemes for p in parses)


@lru_cache(maxsize=1 << 16)  # keyed by word
def _lone_surname(word: str) -> bool:
    """A Russian word the entity model read as a person alone that may be a surname: Cyrillic,
    capitalised, no place name to pymorphy3 among its likely readings, and a surname or a name
    to it, a word it does not know or one with a surname's suffix («Кулябина», «Здоровенин»,
    «Пыжиков»; not «Херсона», «Дублин»)."""
    if len(word) < 3 or not _CYRILLIC.search(word) or not word[:1].isupper() \
            or not word[1:].islower():
        return False
    parses = morph().parse(word)
    likely = parses[:2]
    if any("Geox" in p.tag.grammemes for p in likely):
        return False
    return any({"Surn", "Name"} & p.tag.grammemes for p in parses) \
        or not any(p.is_known for p in parses) or bool(_SURNAME_FORM.search(word))


#: A Russian surname's suffix in any case («Пыжиков», «Пыжиковым», «Мерзляковой», «Вяземского»):
#: pymorphy3 may know the word as something else («Пыжиков», the genitive of «пыжик»).
_SURNAME_FORM = re.compile(r"(?:[оеё]в|[иы]н)(?:а|у|ым|ом|е|ой|ы|ых)?$|[сц]к(?:ий|ого|ому|им|ом"
                           r"|ая|ой|ую)$")


def _lone_surname_nominative(word: str, normal: str) -> str:
    """A lone surname in the nominative: the entity model's normal form, but a foreign surname
    in -и that pymorphy3 does not know is indeclinable and stays as written («Спейси», which
    the model would make «Спейся»)."""
    return word if _undeclined(word) else normal


def _undeclined(word: str) -> bool:
    """A Russian word in -и pymorphy3 does not know: a foreign name that does not decline
    («Спейси», «Кимберли»)."""
    return word.endswith("и") and _CYRILLIC.search(word) is not None \
        and not any(p.is_known for p in morph().parse(word))


def _undeclined_words(text: str, normal: str) -> str:
    """A person's normal form with the words that do not decline as the text writes them
    («Кимберли Маккарти», which the model makes «Кимберль Маккарти»)."""
    written, words = text.split(), normal.split()
    if len(written) != len(words):
        return normal
    return " ".join(w if _undeclined(w) else n for w, n in zip(written, words, strict=True))


@lru_cache(maxsize=1 << 16)  # keyed by word: a long run meets new words forever
def _may_be_name(word: str) -> bool:
    """A Russian word pymorphy3 does not know, or knows as a name, surname, place or organisation."""
    parses = morph().parse(word)
    return not any(p.is_known for p in parses) or any(
        {"Name", "Surn", "Patr", "Geox", "Orgn"} & p.tag.grammemes for p in parses[:2])


def find(text: str, spans: Iterable[tuple[int, int]], on: date | None,
         entities: EntityFinder | None = None, actors: tuple[str, ...] = (),
         may_name: Callable[[str, int, int], bool] | None = None) -> list[Resolution]:
    """Mentions in the given spans of `text` (sentences, in document order), resolved on `on`.

    With an `entities` finder, the people the KB does not know are added: in English a run of
    unknown capitalised words that opens with a given name is one, and sentences where a cheap
    rule leaves a run undecided go through the finder in one batch. `may_name(text, start, end)`
    limits this to some sentences (None: all). `actors` are users' actor files that extend the
    packaged knowledge base.
    """
    resolver = _Resolver(text, on, actors)
    spans = list(spans)
    atoms = [resolver.m.atoms(text, s, e) for s, e in spans]
    per_sentence: list[list[Entity]] = [[] for _ in spans]
    if entities is not None:
        from kronika.places.gazetteer import names_place

        m = resolver.m
        # Where the model's organisations are actors too (Russian), a body's name counts.
        ends = frozenset() if resolver.organisations else m.not_person_ends
        wanted = []
        for k, (s, e) in enumerate(spans):
            if may_name is not None and not may_name(text, s, e):
                continue
            runs = _name_runs(text, s, e, atoms[k], m.not_names, ends,
                              bodies=resolver.organisations)
            if runs and not resolver.organisations:
                # English: a run that opens with a given name is a person and one that names a
                # place is none, without the model (it runs at ~5k words/s, the rules at ~1M).
                named = [(a, b) for a, b, first in runs if first in m.given_names]
                per_sentence[k] = [Entity(a, b, text[a:b], "PER", text[a:b]) for a, b in named]
                resolver.given_named.update(named)
                runs = [r for r in runs if r[:2] not in named and not names_place(text[r[0]:r[1]])]
            if runs:
                wanted.append(k)
        found = entities(text, [spans[k] for k in wanted])
        for ent in found:
            for k in wanted:
                if spans[k][0] <= ent.start < spans[k][1]:
                    if not any(p.start < ent.end and ent.start < p.end for p in per_sentence[k]
                               if (p.start, p.end) in resolver.given_named):
                        per_sentence[k].append(ent)
                    break
        for k in wanted:
            per_sentence[k].sort(key=lambda ent: ent.start)
    out: list[Resolution] = []
    for k, (start, end) in enumerate(spans):
        out.extend(resolver.sentence(start, end, atoms[k], per_sentence[k]))
    return out


def detect_language(text: str) -> str:
    """`ru` when Cyrillic letters outnumber Latin ones, else `en`."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(re.findall(r"[A-Za-z]", text))
    return "ru" if cyr > lat else "en"


def resolve(text: str, on: date | None = None, *, entities: bool = True,
            actors: tuple[str, ...] = ()) -> list[Resolution]:
    """The actor mentions in `text` resolved on the day `on` (None: the latest office holders).

    The language is detected from the text; with `entities` the language's named-entity model
    finds the people the KB does not know. Used by `kronika actors resolve TEXT --date DATE`;
    each Resolution says `why`.
    """
    from kronika.language import backbone

    lang = detect_language(text)
    sentences = [(s.start, s.end) for s in backbone.sentences(text, lang)] or [(0, len(text))]
    finder = (lambda t, spans: backbone.entities(t, spans, lang)) if entities else None
    return find(text, sentences, on, finder, actors)
