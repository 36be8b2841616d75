"""Events: sentences → PLOVER events with status, sources, targets, date, attribution, evidence.

Only sentences where a trigger rule fires are looked at (the cheap filter). For each trigger:
the clause it sits in is bounded by punctuation, subordinators and reporting frames; the source
group is the nearest group of actor mentions before it, the target group the nearest after it;
status cues around it decide whether it happened; the date comes from the clause's own time
expression, else from a fronted "After …"/"Before …" clause, else from when the words were said;
the attribution is the reporting frame around it.
"""

from __future__ import annotations

import hashlib
import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import cache

from kronika.actors.words import BODIES, NOT_NAMES
from kronika.document import Actor, Attribution, DateInfo, Document, Event, Mention, Sentence, Span
from kronika.errors import RuleFileError
from kronika.events import cues, learned, named, unknown
from kronika.events.triggers import (
    TriggerMatch,
    TriggerRule,
    find_triggers,
    grammar,
    trigger_rules,
)
from kronika.reporting import Frame, find_frames, said_dates

# Languages whose sentences this coder reads (its trigger rules are `events/<lang>.yaml`).
LANGUAGES = ("en",)
# Noise kinds that are site furniture: no event is read from them at all. Events read from the
# other kinds (hedge, unattributed) are kept but marked hedged.
FURNITURE = ("boilerplate", "caption", "byline", "advert")
# How many words may stand between a subject group and its verb ("tried several times to").
MAX_GAP_WORDS = 7
# How many filler words may stand between a trigger and its object ("with the", "in").
MAX_OBJECT_GAP = 3
# How many words may stand between a passive trigger and its agent ("was attacked on Monday by").
MAX_AGENT_GAP = 5
# How far a group after a trigger may reach, in tokens, and how far back a sentence-wide status
# cue ("denied that ...") is looked for, in characters: bounds that keep a 5,000-word sentence
# linear (tests/test_events_bad_input.py).
MAX_OBJECT_TOKENS = 40
MAX_STATUS_REACH = 400
# How many words a descriptor before an object's name may run to ("electronics maker X").
MAX_DESCRIPTOR = 5
_PRESENT_AUXILIARIES = frozenset({"is", "are", "am", "be", "being", "will", "would", "'s", "’s"})
# How long an apposition between a subject and its verb may be, in tokens.
MAX_APPOSITION = 20
# Words that open an aside between a subject and its verb: "Russia, in a statement on Monday,
# accused Ukraine", "Biden, speaking in Ohio, criticized Trump".
ASIDE_OPENERS = frozenset({"in", "on", "at", "during", "after", "via", "through", "speaking",
                           "writing", "according"})
# Verbs by which a subject takes part in another's act: "France joined Germany in condemning".
JOIN_VERBS = frozenset({"join", "joins", "joined", "joining"})
# Prepositions a target follows after the doer of a noun: "a lawsuit by X against Y".
TARGET_AFTER_DOER = frozenset({"against", "on", "upon"})
# Words that lead from an unnamed object to its name: "detained a man, later identified as X".
APPOSITION_LEADS = frozenset({"later", "since", "subsequently", "identified", "named", "as",
                              "namely"})
# Words that open an apposition: "Milley, the chairman of ..., spoke".
APPOSITION_OPENERS = {"the", "a", "an", "who", "whose", "which", "its", "his", "her", "their",
                      # quantifiers of a group's description: "Turkey and Greece, both NATO
                      # members, agreed" (NATO only describes them)
                      "both", "all", "each", "fellow", "two", "three", "four", "five"}

_QUOTE_OPEN = re.compile(r"\s*[\"“‘']")  # a quote opens right after a colon
_TOKEN = re.compile(r"\w+(?:[’'‘]\w+)*|[^\w\s]")
_BOUNDARY = re.compile(r"[;:—–]|(?<!\w)(?:that|which|who|whom|whose|but|while|whereas|where)(?!\w)")
# Between a person's name and the body of their title in an apposition: ", Dean of (the) ".
_OPEN_TITLE = re.compile(r",\s+(?:the\s+)?(?:[\w-]+\s+){1,3}(?:of|at|for)\s+(?:the\s+)?")
# Between a person's name and the body that describes them: "Dana Whitmore of Amnesty".
_PERSON_OF = re.compile(r"\s+(?:of|from)\s+(?:the\s+)?")
# Words that may open a title before its head: "former head of", "acting director of".
TITLE_MODIFIERS = frozenset({"former", "deputy", "acting", "executive", "vice", "top", "senior",
                             "founding", "interim", "managing"})
_FRONTED = re.compile(
    r"^\W*(?P<kind>After|Before|When|While|Since|As|Although|Though|If|Unless|Because|Once|Until)\b"
)
# A sentence-initial prepositional phrase ends at its comma; its noun is no subject:
# "From Israel, Secretary of State Mike Pompeo spoke".
_FRONTED_PHRASE = re.compile(
    r"^\W*(?:From|In|At|For|With|Despite|During|Amid|Under|Following|Like|Unlike|Besides)\b[^,]*,"
)
# A fronted phrase that sets an event as the scene: "During a meeting with Erdoğan, Putin ..."
# "After talks with Erdoğan, Scholz ...", "Following a call with Xi, Biden ...", "After meeting
# Macron, Scholz ...": a noun or a gerund opens it, not a clause with a subject of its own
# ("After Russia attacked Ukraine, NATO ...").
_SCENE = re.compile(r"^\W*(?:(?:During|In|At|On)\s+(?:a|an|the|his|her|their|its)\s"
                    r"|(?:After|Following|Before|Ahead\s+of)\s+(?:a|an|the|his|her|their|its"
                    r"|talks|meetings?|[a-z]+ing)\s)[^,]*,")
_CLAUSE_END = re.compile(r"[,;:—–]|(?<!\w)(?:but|which|who|while|whereas|and then)(?!\w)")
# A coordinated list of names goes on past its commas: "condemned by Egypt, Greece and Cyprus on
# October 8" (the date is the condemnation's).
_NAME = r"(?:the\s+)?[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*)*"
_NAME_LIST = re.compile(rf"(?:,\s*{_NAME})*,?\s+and\s+{_NAME}")
_NEW_CLAUSE = re.compile(r"[,;]\s+(?:and|but)\s|;")  # a coordinated clause begins
_RIGHT_AFTER = re.compile(r"\s+(?:(?:on|in|at|during)\s+)?")  # between the list and its date

# What may end a gapped clause ("met Scholz on Monday and Macron on Tuesday.").
CLAUSE_STOPS = frozenset({",", ";", ".", "!"})
PERSON_PRONOUNS = {"he", "she", "He", "She"}
# Words that join a verb to an earlier one with the same subject ("arrested and charged him"),
# and auxiliaries that may stand between ("but was later released", "and has been charged").
COORDINATORS = frozenset({"and", "but"})
SUBJECT_PRONOUNS = frozenset({"he", "she", "they", "we", "i"})
AUXILIARIES = frozenset({"has", "have", "had", "will", "would", "could", "can", "may", "might",
                         "did", "then", "subsequently", "eventually", "also", "later", "not"})
FIRST_PERSON = {"I", "We", "we"}
_RELATIVE = re.compile(r"(?<!\w)(?:who|which)\s*$")
_RELATIVE_OPENER = re.compile(r",\s*(?:who|whom|whose|which)\s*$")
THING_PRONOUNS = {"it", "It"}  # a country or an organisation: "Ukraine denied that it attacked"
PLURAL_PRONOUNS = {"they", "They", "them"}
OBJECT_PRONOUNS = {"him", "her", "them"}
# Words that may sit inside an actor group: "Austin and the head of …, General Mark Milley".
# Prepositions: an actor right after one is no subject ("took control of Iran and captured").
PREPOSITIONS = {"of", "on", "in", "at", "to", "from", "with", "by", "for", "into", "over",
                "against", "about", "under"}
# Prepositions of place and target: a name after one, right before a verb, sits inside the
# subject's phrase ("Turkey's offensive in Syria killed dozens"), it is not the subject.
PLACE_PREPOSITIONS = frozenset({"in", "at", "on", "into", "against", "near", "inside",
                                "outside", "across", "within", "throughout"})
# Types whose trigger governs the clause after it: "urged Russia and Ukraine to agree a
# ceasefire" asks for an agreement, it does not report one.
GOVERNING_TYPES = ("REQUEST", "THREATEN")  # "threatened to attack Israel": a threat
# Nouns by which a condemnation points back at an assault already reported ("condemned the
# attack"): the condemned is its attacker.
ASSAULT_NOUNS = frozenset({"attack", "attacks", "invasion", "strike", "strikes", "airstrike",
                           "airstrikes", "shelling", "bombing", "bombings", "offensive",
                           "assault", "aggression", "killing", "killings"})
# Types that judge an act: the author of an act judged in a passive ("Russia's invasion was
# condemned") is their target.
EVALUATION_TYPES = ("ACCUSE", "SUPPORT", "REJECT")
# Types whose one-word trigger after "X's" is done to X ("Khashoggi's killing").
POSSESSED_TYPES = ("ASSAULT", "COERCE", "SANCTION")
# Types whose active-voice events need a named source (the others stand on a named target).
NEEDS_SOURCE = ("CONSULT", "AGREE", "COOPERATE")
GROUP_JOINERS = {"and", "or", ",", "both", "Both", "the", "The", "of", "its",
                 "together", "with", "his", "her", "their", "along", "alongside"}
GROUP_NOUNS = {"head", "heads", "chief", "chiefs", "leader", "leaders", "leadership", "minister",
               "ministers", "secretary", "spokesman", "spokeswoman", "spokesperson", "republics",
               "republic", "side", "sides", "forces", "troops", "authorities", "government",
               "officials", "representatives", "delegation", "delegations", "president",
               "colleague", "counterpart", "general", "commander"}
# Nouns whose "of X" stands for X in an object or agent ("by members of the European Union",
# "attacked the capital of Ukraine"); a group's leaders are the actors layer's (offices).
OF_NOUNS = frozenset({"members", "member", "representatives", "officials", "forces", "troops",
                      "soldiers", "army", "armies", "navy", "navies", "military", "government",
                      "authorities", "people",
                      "citizens", "residents", "capital", "parliament", "embassy", "police",
                      "delegation", "leadership", "fighters", "militants", "nations", "countries",
                      "states", "administration", "regime"})
# Verbs of a frame whose object is a message that may act in an -ing clause: "posted a message
# blaming Iran", "issued a statement condemning the strike".
PUBLISHING = frozenset({"posted", "issued", "released", "published", "wrote", "sent", "tweeted",
                        "shared", "posts", "issues", "releases", "publishes", "writes", "sends",
                        "tweets", "shares"})
# Prepositions after a head noun whose phrase only describes it: "the wife of X", "an adviser
# to X", "a spokesman for X" (the head is the actor; kronika.events._SentenceContext).
HEAD_PREPOSITIONS = frozenset({"of", "to", "for"})
# A possessive pronoun and the pronoun its owner is found by (kronika.events pronoun()).
POSSESSIVE_PRONOUNS = {"its": "it", "his": "he", "her": "she", "their": "they"}
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "“", "\"", "‘", "«"})
PAIR_WORDS = frozenset({"both", "either"})  # "met both Putin and Xi": the pair follows
OBJECT_FILLER = {"with", "to", "on", "in", "into", "against", "at", "from", "for", "towards",
                 "the", "a", "an", "his", "her", "their", "its", "“", "\"", "‘", "«", "upon",
                 "by", "phone", "telephone", "["} | PAIR_WORDS  # "urge [Lam] to": an editor's word
# Words an object after its preposition ("via") may follow: determiners and pair words.
VIA_FILLER = DETERMINERS | PAIR_WORDS
# The capitalised words a person's title may run to before the name: "Manhattan District
# Attorney", "Deputy Prime Minister".
MAX_TITLE_WORDS = 4
# Words that open a relative clause: a passive in it tells of the noun before it ("an attack
# that was carried out by Hamas").
RELATIVE_WORDS = frozenset({"that", "which", "who"})
# The words that may describe the first party of "between A ... and B" before its "and".
MAX_BETWEEN_GAP = 16
# The words a place phrase that opens a clause may run to before its comma.
MAX_FRONTED_PLACE = 14


def _participle(word: str) -> bool:
    """A lower-case past participle in -ed or -en ("arrested", "taken")."""
    return word.islower() and word.endswith(("ed", "en"))


def _adverb(word: str) -> bool:
    """A lower-case word in -ly ("later", "strongly"): not "Italy", "Kelly"."""
    return word.islower() and word.endswith("ly")


@dataclass
class _Group:
    actors: list[Actor] = field(default_factory=list)
    start: int | None = None

    def add(self, actors: Sequence[Actor], at: int) -> None:
        for a in actors:
            if all(not _same(a, b) for b in self.actors):
                self.actors.append(a)
        self.start = at if self.start is None else min(self.start, at)


# A penalty a concession ends, and the preposition before whom it weighs on: "commuted the
# prison sentence of X", "overturned the conviction of X" (CONCEDE: X is its target).
PENALTY_NOUNS = frozenset({"sentence", "sentences", "conviction", "convictions", "punishment",
                           "penalty", "jail", "prison", "term"})


def _capital_title(word: str) -> bool:
    """A person's title written with a capital, as before a name ("Ambassador", "Judge")."""
    return word[:1].isupper() and word.lower() in unknown.PERSON_TITLES


def _bracketed_title(toks: list[tuple[int, int, str]], i: int) -> int:
    """The index past "[...]" at toks[i] when a capitalised name follows it (the brackets
    hold a title: "[WGM] Nazí Paikidze"), else 0 (they hold the name: "urge [Lam] to")."""
    close = next((k for k in range(i + 1, min(i + 5, len(toks))) if toks[k][2] == "]"), None)
    if close is None or close + 1 >= len(toks) or not toks[close + 1][2][:1].isupper():
        return 0
    return close + 1


def _penalty_of(toks: list[tuple[int, int, str]], i: int) -> int:
    """The index past "<penalty> of" (one modifier may precede the noun: "death sentence of")
    starting at toks[i], else 0."""
    for k in (i, i + 1):
        if (k + 1 < len(toks) and toks[k][2] in PENALTY_NOUNS and toks[k + 1][2] == "of"
                and (k == i or toks[i][2].isalpha() and toks[i][2].islower())):
            return k + 2
    return 0


# An infinitive of an -ing clause after a comma: ", committing to send", ", vowing to".
_ING_TO = re.compile(r",\s+(?:[a-z]+ly\s+)?[a-z]+ing\s+to\s+$")
# What opens an -ing clause after a comma, an adverb aside: ", killing", ", reportedly killing".
_AFTER_COMMA = re.compile(r",\s*(?:[a-z]+ly\s+)?$")


def trigger_sentences(lang: str) -> Callable[[str, int, int], bool] | None:
    """The test of which sentences the actors stage sends to the entity model (kronika.actors
    `Actors(sentences=...)`): those with an event trigger, or, in Russian, a cue word where no
    rule fires; None (all) for a language without trigger rules."""
    if lang == "ru":  # Russian triggers are lemma rules of their own (kronika.events.ru)
        from kronika.events import ru, ru_syntax

        return lambda text, s, e: bool(ru.find_triggers(text, s, e)
                                       or ru_syntax.find_cues(text, s, e))
    try:
        trigger_rules(lang)
    except RuleFileError:
        return None
    return lambda text, s, e: bool(find_triggers(text, s, e, lang))


def _same(a: Actor, b: Actor) -> bool:
    return (a.id is not None and a.id == b.id) or (a.id is None and a.name == b.name)


class Events:
    """Add `events` read from the sentences where a trigger rule fires; with `syntax` (the
    default), sentences where none fires go to the syntactic fallback (English: syntax.py;
    Russian: ru_syntax.py, also away from a rule's trigger). `syntax=False` is faster.
    `typers` gives the learned typer of a language (learned.py: `typers=learned.packaged` for
    the shipped ones), which adds events where the rules found none; by default, none."""

    name = "events"
    reads = ("text", "sentences", "noise", "timexes", "mentions", "published", "title")
    adds = ("events",)

    def __init__(self, *, syntax: bool = True,
                 typers: Callable[[str], learned.Typer | None] = lambda _: None) -> None:
        self.syntax = syntax
        self.typers = typers  # language -> the learned typer (None: rules only)

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(events=tuple(find_events(doc, syntax=self.syntax,
                                                        typer=self.typers(doc.language))))


def find_events(doc: Document, *, syntax: bool = True,
                typer: learned.Typer | None = None) -> list[Event]:
    if doc.language == "ru":
        from kronika.events import ru

        return ru.find_events(doc, syntax=syntax, typer=typer)
    if doc.language not in LANGUAGES:
        return []
    said = said_dates(doc.text, doc.sentences, doc.timexes)
    out: list[Event] = []
    quiet: list[Sentence] = []  # sentences no trigger rule read an event from: the fallback's
    contexts: dict[int, _SentenceContext] = {}  # those of them with triggers, by start: the
    # learned typer reads its events there with the same context
    for sent in doc.sentences:
        noise = doc.noise_covering(sent.start, sent.end)
        if noise and noise.kind in FURNITURE:
            continue
        triggers = [t for t in find_triggers(doc.text, sent.start, sent.end, doc.language)
                    if not _in_furniture(doc, t.start, t.end)]
        if not triggers:
            quiet.append(sent)
            continue
        ctx = _SentenceContext(doc, sent, triggers, said.get(sent.start))
        ctx.earlier = out
        before = len(out)
        for t in triggers:
            event = ctx.event(t)
            if event is not None:
                out.append(event)
                out.extend(ctx.gapped(t, event))
        if len(out) == before:
            if not ctx.undone:
                quiet.append(sent)
            contexts[sent.start] = ctx
    if syntax and quiet and doc.language == "en":
        from kronika.events import syntax as fallback

        out = fallback.add_events(doc, quiet, said, out)
    if typer is not None:
        out = _add_learned(doc, out, said, typer, contexts)
    return out


def _add_learned(doc: Document, out: list[Event], said: dict, typer: learned.Typer,
                 contexts: dict[int, _SentenceContext]) -> list[Event]:
    """The rule coder's events and those the learned typer adds (events/learned.py). A sentence
    it adds to has no event of the rules: its context, if its triggers had one built
    (`contexts`), holds no coded trigger and serves again; a sentence without one has no
    trigger."""
    added: list[Event] = []
    for sent, wanted in learned.sentences_to_type(doc, out, typer, FURNITURE):
        ctx = contexts.get(sent.start) or _SentenceContext(doc, sent, [], said.get(sent.start))
        ctx.earlier = out
        for type_, p, start, end, _ in wanted:
            match = next((t for t in ctx.triggers if t.start == start and t.rule.type == type_),
                         None) or TriggerMatch(start, end, _learned_rule(type_))
            event = ctx.learned_event(match, p)
            if event is not None and learned.keeps(typer, event):
                added.append(event)
    return sorted(out + added, key=lambda e: e.trigger.start) if added else out


@cache
def _learned_rule(type_: str) -> TriggerRule:
    """The rule a learned event on a plain cue word is read with: no conditions of its own."""
    return TriggerRule(name=f"learned:{type_}", type=type_, regex=re.compile(r"(?!)"),
                       needs_target=False)


def _in_furniture(doc: Document, start: int, end: int) -> bool:
    n = doc.noise_covering(start, end)
    return n is not None and n.kind in FURNITURE


class _SentenceContext:
    """Everything about one sentence that its triggers share."""

    def __init__(self, doc: Document, sent: Sentence, triggers: list[TriggerMatch],
                 said: tuple[Frame, date | None, Frame | None] | None) -> None:
        self.doc, self.sent, self.triggers = doc, sent, triggers
        self.text = doc.text
        self.lang = doc.language
        self.grammar = grammar(doc.language)
        self.tokens = [(m.start() + sent.start, m.end() + sent.start, m.group())
                       for m in _TOKEN.finditer(sent.text)]
        self.token_starts = [t[0] for t in self.tokens]
        self.mentions = [m for m in doc.mentions if sent.start <= m.start < sent.end]
        if self.lang == "en":  # bodies, companies, campaigns the layer named by another actor
            self.mentions = named.refine(doc.text, sent.start, sent.end, self.mentions)
        self.mention_starts = [m.start for m in self.mentions]
        self.trigger_starts = [t.start for t in triggers]
        self.hedged = cues.hedged(doc.language, sent.text)
        self.frames = find_frames(doc.text, sent, doc.timexes)
        self.said = said
        self.timexes = [t for t in doc.timexes if sent.start <= t.start < sent.end]
        self.fronted = self._fronted()
        self.boundaries = self._boundaries()
        self.previous_sources: list[Actor] = []
        self.clause_sources: list[Actor] = []  # ... of the last one coded on a verb, not a noun
        self.previous_targets: list[Actor] = []  # of the last event coded in the sentence
        self.coded: set[int] = set()  # starts of the triggers coded as events so far
        self.skipped_name = False  # a role's group passed a capitalised word no mention covers
        self.earlier: list[Event] = []  # the document's events before this sentence
        # a trigger a rule's word after the object undid ("asked Trump about it"): the sentence
        # said what the verb is, so the syntactic fallback does not read it as an event again
        self.undone = False
        self.object_end, self.object_tokens, self.object_possessive = 0, [], False
        self._unknown: list[Mention] | None = None  # actors the KB does not know (unknown.py)
        self._unknown_on = False  # roles are read again with them only where one is missing

    # clause geometry -----------------------------------------------------------------------

    def _boundaries(self) -> list[int]:
        """Offsets after which a new clause starts (the left limits a subject scan stops at)."""
        s = self.sent
        cuts = [s.start]
        cuts += [s.start + m.end() for m in _BOUNDARY.finditer(s.text)]
        if self.fronted:
            cuts.append(self.fronted[1] + 1)
        self.clause_cuts = sorted(set(cuts))  # without the frames: "told X to do"
        for f in self.frames:
            if f.content_start > f.start:  # a leading frame: "According to him," "X said that"
                cuts.append(f.content_start)
        return sorted(set(cuts))

    def left_limit(self, at: int) -> int:
        return self.boundaries[bisect_right(self.boundaries, at) - 1]

    def tokens_between(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The tokens that begin in [start, end)."""
        return self.tokens[bisect_left(self.token_starts, start):
                           bisect_left(self.token_starts, end)]

    def clause_end(self, at: int) -> int:
        m = _CLAUSE_END.search(self.text, at, self.sent.end)
        return m.start() if m else self.sent.end

    def _fronted(self) -> tuple[str, int] | None:
        """('After', offset of its comma) when the sentence opens with a subordinate clause."""
        m = _FRONTED.match(self.sent.text)
        if not m:
            return None
        comma = self.sent.text.find(",", m.end())
        return (m.group("kind"), self.sent.start + comma) if comma > 0 else None

    # actor groups --------------------------------------------------------------------------

    def _mention_at(self, start: int, end: int) -> Mention | None:
        k = bisect_left(self.mention_starts, end)
        for m in reversed(self.mentions[max(0, k - 3) : k]):  # mentions barely overlap
            if m.start < end and start < m.end:
                if m.rule == "pronoun" and m.text in PERSON_PRONOUNS:
                    return self._pronoun_of_free_subject(m)
                return m
        if not self.text[start : start + 1].isupper():
            return None
        return next((m for m in self._unknown_mentions() if m.start < end and start < m.end),
                    None)

    def _pronoun_of_free_subject(self, m: Mention) -> Mention:
        """A subject he/she the actors layer gave the nearest person, who is the object of a
        preposition, takes up instead a person before who is none, also one the knowledge base
        lacks (the layer sees only the names it knows): "Jensen met with the IMF, then with
        President Trump, where he denounced the deal" is Jensen."""
        known = [x for x in self.mentions if x.end <= m.start and x.rule != "pronoun"
                 and x.actors and all(a.kind == "person" for a in x.actors)]
        if not known or not self._after_preposition(known[-1].start):
            return m
        if self._unknown is None:
            self._unknown = self._read_unknown()
        people = [x for x in self._unknown if x.end <= m.start and x.actors
                  and self._person_name(x.actors[0])]
        free = [x for x in [*known, *people] if not self._after_preposition(x.start)]
        if not free:
            return m
        last = max(free, key=lambda x: x.end)
        if any(a in m.actors for a in last.actors):
            return m
        actor = Actor(text=m.text, name=last.actors[0].name, id=last.actors[0].id, kind="person")
        return Mention(m.start, m.end, m.text, (actor,), m.rule)

    @staticmethod
    def _person_name(a: Actor) -> bool:
        """A name the knowledge base lacks that reads as a person's: one word that is no body's
        nor an acronym, or several opening with a given name."""
        return not (" " in a.name and a.name.split()[0] not in named.given_names()
                    or a.name.isupper() or a.name in BODIES)

    def _read_unknown(self) -> list[Mention]:
        """The names the knowledge base lacks in the sentence (unknown.py), but for those
        people are related to ("supporters of Okafor": an unnamed group) and names of measures
        ("the Green New Deal")."""
        return [m for m in unknown.mentions(self.text, self.sent.start, self.sent.end,
                                            self.mentions)
                if not named.relation_owner(self.text, self.sent.start, self.sent.end, m)
                and not named.measure_name(self.text, self.sent.end, m)]

    def _unknown_mentions(self) -> list[Mention]:
        """The sentence's actors the knowledge base does not know (unknown.py), read once per
        sentence and only when the roles are read again with them (`_unknown_on`), else none."""
        if not self._unknown_on:
            return []
        if self._unknown is None:
            self._unknown = self._read_unknown()
        return self._unknown

    def subject(self, trigger: TriggerMatch) -> list[Actor]:
        participle = self._participle_subject(trigger) or self._series_participle(trigger)
        if participle:
            return participle
        if self._coordinated(trigger):
            if self.previous_targets and self.passive(trigger):
                return list(self.previous_targets)  # "who was arrested and banned": the same
            return self._opening_group(trigger, own_verb=True)
        scene = _SCENE.match(self.sent.text)
        if scene and trigger.start < self.sent.start + scene.end():
            return self._main_subject(self.sent.start + scene.end())
        found = self._subject_before(trigger)
        joined = self._joined_in(trigger, found)
        if joined:
            return joined
        if found and self._infinitive_after_place(trigger):
            return self._opening_group(trigger, own_verb=True)
        if found and (head := self._purpose_head(trigger)) is not None:
            return self._subject_before(head) or found
        if found:
            return found
        if not self.passive(trigger):
            return (self._relative_antecedent(trigger, who_only=True)  # "Christie, who denounced"
                    or self._message_participle(trigger))
        return self._relative_antecedent(trigger)  # "Babaryka, who was arrested"

    def _joined_in(self, trigger: TriggerMatch, partners: list[Actor]) -> list[Actor]:
        """"France joined Germany in condemning Iran": the -ing act after "joined X in" is
        done by the subject of "joined" and by X together."""
        first = self.text[trigger.start : trigger.end].split()[0]
        if not partners or not first.endswith("ing"):
            return []
        toks = self.tokens_between(self.left_limit(trigger.start), trigger.start)
        if len(toks) < 3 or toks[-1][2] != "in":
            return []
        k = next((n for n in range(len(toks) - 2, -1, -1)
                  if toks[n][2].lower() in JOIN_VERBS), None)
        if k is None or any(w in {",", ";"} for _, _, w in toks[k:]):
            return []
        head = TriggerMatch(toks[k][0], toks[k][1], trigger.rule)
        return [*self._subject_before(head), *partners]

    def _participle_subject(self, trigger: TriggerMatch) -> list[Actor]:
        """", urging viewers", ", accusing the president": an -ing clause after a comma has the
        subject of the clause it hangs on: the actors of the sentence's last event, else the
        sentence's opening group ("Michelle Obama gave the address, urging viewers")."""
        first = self.text[trigger.start : trigger.end].split()[0]
        if not (first.endswith("ing") and self._after_comma(trigger.start)
                or _ING_TO.search(self.text, max(self.sent.start, trigger.start - 40),
                                  trigger.start)):
            return []  # (", committing to send troops": the infinitive of such a clause too)
        if self.clause_sources:  # not the parties of a noun in its object ("commented on the
            return list(self.clause_sources)  # Turkish-Libyan agreement, calling it void")
        return self._opening_group(trigger)

    def _series_participle(self, trigger: TriggerMatch) -> list[Actor]:
        """"toured Europe, meeting Macron and speaking to Scholz": an -ing form after "and"
        whose series opens with an -ing clause after a comma has that clause's subject (the
        main clause's), not the object before "and"."""
        first = self.text[trigger.start : trigger.end].split()[0]
        if not first.endswith("ing") or not first.islower():
            return []
        toks = self.tokens_between(self.sent.start, trigger.start)
        while toks and _adverb(toks[-1][2]):
            toks = toks[:-1]  # "and later speaking"
        if not toks or toks[-1][2] != "and":
            return []
        for start, end, word in reversed(toks[:-1]):
            if word in {";", ":"}:
                return []
            if (word.endswith("ing") and word.isalpha() and word.islower()
                    and self._after_comma(start)):
                return self._participle_subject(TriggerMatch(start, end, trigger.rule))
        return []

    def _after_comma(self, at: int) -> bool:
        """A comma stands right before `at`, or before an adverb right before it: the -ing
        clause it opens hangs on the clause before ("struck Lebanon, reportedly killing")."""
        return bool(_AFTER_COMMA.search(self.text, max(self.sent.start, at - 24), at))

    def _message_participle(self, trigger: TriggerMatch) -> list[Actor]:
        """"Pompeo posted a message on Twitter blaming Iran": an -ing clause right after the noun
        phrase a reporting frame opens its content with (the message, a statement, no name in
        it) says what the message does; the frame's speaker acts."""
        first = self.text[trigger.start : trigger.end].split()[0]
        if not first.endswith("ing"):
            return []
        for f in self.frames:
            if not f.content_start <= trigger.start < f.content_end or f.speaker is None:
                continue
            verb = self.text[f.start : f.end].split()[-1].lower()
            named = self._mention_at(f.speaker.start, f.speaker.end)
            if verb not in PUBLISHING or named is None or not named.actors:
                return []  # "The President insists that the budget include funding"
            toks = self.tokens_between(f.content_start, trigger.start)
            if (not toks or toks[0][2].lower() not in DETERMINERS or any(
                    w in {",", ";", ":"} or self._mention_at(a, b) is not None
                    for a, b, w in toks)):
                return []
            return list(named.actors)
        return []

    def _infinitive_after_place(self, trigger: TriggerMatch) -> bool:
        """"Pompeo travelled to Israel to meet Netanyahu": an infinitive right after a place
        (a country) after a preposition has the subject of the clause, not that place."""
        toks = self.tokens_between(self.left_limit(trigger.start), trigger.start)
        if len(toks) < 3 or toks[-1][2] != "to":
            return False
        m = self._mention_at(toks[-2][0], toks[-2][1])
        return (m is not None and bool(m.actors) and all(a.kind == "country" for a in m.actors)
                and self._after_preposition(m.start))  # not "paid the Taliban to kill"

    def _purpose_head(self, trigger: TriggerMatch) -> TriggerMatch | None:
        """The verb whose subject does an infinitive after its named object: "Airbus defeated
        Boeing to win the contract" (Airbus wins), not "paid the Taliban to attack" (the
        grammar's `object_control` verbs). Returns a match at that verb, or None."""
        toks = self.tokens_between(self.left_limit(trigger.start), trigger.start)
        if len(toks) < 3 or toks[-1][2] != "to":
            return None
        m = self._mention_at(toks[-2][0], toks[-2][1])
        if m is None or not m.actors or self.text.startswith(("'s", "’s"), m.end):
            return None
        k = len(toks) - 2
        while k >= 0 and toks[k][1] > m.start:
            k -= 1
        while k >= 0 and toks[k][2].lower() in DETERMINERS:
            k -= 1
        if k < 1:
            return None
        verb = toks[k][2]
        if not (verb.isalpha() and verb.islower()) or verb in PREPOSITIONS or (
                verb in self.grammar.object_control or verb in COORDINATORS
                or verb in self.grammar.passive_auxiliaries or verb in AUXILIARIES):
            return None
        if not (verb.endswith(("ed", "s")) or verb in self.grammar.irregular_forms):
            return None  # a verb, not a noun before a name ("spokesman Dmitry Peskov to")
        return TriggerMatch(toks[k][0], toks[k][1], trigger.rule)

    def _main_subject(self, at: int) -> list[Actor]:
        """"During a meeting with Erdoğan, Putin discussed Syria": an event noun in a fronted
        phrase has for subject the main clause's, the group right after the phrase's comma."""
        toks = self.tokens_between(at, self.sent.end)[:4]
        for start, end, word in toks:
            if word in PERSON_PRONOUNS or word in PLURAL_PRONOUNS:
                return self.pronoun(word, start)
            m = self._mention_at(start, end)
            if m is not None and m.actors:
                stop = next((a for a, _, w in self.tokens_between(m.end, self.sent.end)
                             if w.islower() and w not in GROUP_JOINERS
                             and w not in GROUP_NOUNS), self.sent.end)
                return self.objects_from(m.start, None, stop)
        return []

    def _coordinated(self, trigger: TriggerMatch) -> bool:
        """The trigger is a verb coordinated with an earlier one, with no subject of its own:
        "and"/"but" (auxiliaries and adverbs aside) stands right before it ("Mugabe co-founded
        ZANU but was arrested in 1963", "police detained him and charged him")."""
        first = self.text[trigger.start : trigger.end].split()[0]
        if trigger.rule.no_subject or first[:1].isupper() or first.endswith("ing"):
            return False  # "observing a test and receiving fallout": an -ing clause
        aux = self.grammar.passive_auxiliaries
        toks = self.tokens_between(self.left_limit(trigger.start) - 4, trigger.start)
        for _, _, word in reversed(toks[-6:]):
            w = word.lower()
            if w in COORDINATORS:
                return True
            if not (w in aux or w in AUXILIARIES or w in self.grammar.passive_adverbs
                    or _adverb(word)):
                return False
        return False

    def _opening_group(self, trigger: TriggerMatch, *, own_verb: bool = False) -> list[Actor]:
        """The actor group that opens the sentence (after a fronted phrase or clause, or the
        frame that reports it), if it opens within its first words: the subject of its
        first clause. With `own_verb` (a coordinated verb), only a group followed by a verb of
        its own and no other subject before the trigger ("officials confirmed it has infected
        200 and killed three": "it" killed)."""
        start = self.sent.start
        phrase = _FRONTED_PHRASE.match(self.sent.text)
        if phrase:
            start += phrase.end()
        if self.fronted:
            start = max(start, self.fronted[1] + 1)
        start = self._after_fronted_place(start, trigger.start)
        for f in self.frames:  # "Police said Khan was arrested and charged"
            if f.content_start <= trigger.start < f.content_end:
                start = max(start, f.content_start)
        for tok_start, tok_end, word in self.tokens_between(start, trigger.start)[:6]:
            if word in PERSON_PRONOUNS or word in PLURAL_PRONOUNS:
                return self.pronoun(word, tok_start)
            if (word.islower() and word not in GROUP_JOINERS and word not in GROUP_NOUNS
                    and word not in PREPOSITIONS):
                return []  # "Police detained Navalny": the opening subject is unnamed
            m = self._mention_at(tok_start, tok_end)
            if m is not None and m.actors:
                end = min(self.clause_end(m.end), trigger.start)
                for at, _, w in self.tokens_between(m.end, end):
                    if w.islower() and w not in GROUP_JOINERS and w not in GROUP_NOUNS:
                        end = at  # the group ends at its verb: "Russia attacked Ukraine"
                        break
                if own_verb:
                    rest = [w.lower() for _, _, w in self.tokens_between(end, trigger.start)]
                    aux = self.grammar.passive_auxiliaries | AUXILIARIES
                    if not rest or rest[0] in PREPOSITIONS or any(
                            w in SUBJECT_PRONOUNS or w == "it" and nxt in aux
                            for w, nxt in zip(rest, [*rest[1:], ""], strict=True)):
                        return []  # "Congratulations to X ... and push for": no subject
                return self.objects_from(m.start, None, end)
        return []

    def _after_fronted_place(self, start: int, stop: int) -> int:
        """Past the comma of a place phrase the clause opens with, after a phrase of time or
        none ("On Wednesday in the US state of Alabama, Governor X signed ..."): its names
        are no subject. Only a phrase of names, determiners, "of" and nouns of a place's kind
        (names.en.yaml `place_nouns`): a verb before the comma makes it a clause ("On Monday
        Russia attacked Ukraine, killing ...")."""
        place_nouns = named.lexicon().place_nouns
        toks = self.tokens_between(start, stop)[:MAX_FRONTED_PLACE]
        place = False
        for k, (at, end, word) in enumerate(toks):
            low = word.lower()
            if word == ",":
                return end if place else start
            if low in {"in", "at"}:
                place = True
            elif not (k == 0 and low in PREPOSITIONS or self._in_timex(at) or word[:1].isupper()
                      or low in DETERMINERS or low == "of" or low in place_nouns):
                return start
        return start

    def _relative_antecedent(self, trigger: TriggerMatch, who_only: bool = False) -> list[Actor]:
        """"Viktar Babaryka, who was arrested": a passive clause opened by who/which has the
        name before the pronoun for its subject; an active one only with "who" and a person
        ("Chris Christie, who denounced the claims"): in "refused the American side, which
        appealed to dialogue" the appeal is background."""
        limit = self.left_limit(trigger.start)
        rel = _RELATIVE.search(self.text, max(self.sent.start, limit - 6), limit)
        if not rel:
            return []
        toks = self.tokens_between(self.sent.start, limit)[:-1]
        if toks and toks[-1][2] == ",":
            toks = toks[:-1]
        if not toks:
            return []
        m = self._mention_at(toks[-1][0], toks[-1][1])
        if m is None:
            return []
        if who_only and rel.group().startswith("which"):
            # "Hamas, which attacked Israel in October, released": a body or a country that
            # opens the sentence is its main subject, and what it did is told of it
            opens = self.text[self.sent.start : m.start].strip(" \"“'‘(").lower() in {"", "the"}
            return list(m.actors) if opens and all(a.kind != "person" for a in m.actors) else []
        if who_only and any(a.kind != "person" for a in m.actors):
            return []
        return list(m.actors)

    def _subject_before(self, trigger: TriggerMatch) -> list[Actor]:
        end = self._relative_start(trigger)  # "Roosevelt, who served under Clinton, blasted"
        if end is None:
            end = trigger.start
        limit = self.left_limit(end)
        phrase = _FRONTED_PHRASE.match(self.sent.text)
        if phrase and self.sent.start + phrase.end() <= end:
            limit = max(limit, self.sent.start + phrase.end())
        toks = [t for t in self.tokens_between(limit, end) if t[1] <= end]
        toks = self._without_apposition(toks)
        group, gap, i = _Group(), 0, len(toks) - 1
        crossed_and = False
        while i >= 0:
            start, end, word = toks[i]
            mention = self._mention_at(start, end)
            if mention is not None:
                if group.start is None and crossed_and and self._after_preposition(mention.start):
                    break  # "X took control of Iran and captured": Iran is no subject
                if group.start is None and self._after_preposition(mention.start, PLACE_PREPOSITIONS):
                    # "Turkey's offensive in Syria killed dozens": Syria is no subject; the
                    # head before the phrase may be ("Democrats in Congress pushed for")
                    while i >= 0 and toks[i][2].lower() not in PLACE_PREPOSITIONS:
                        i -= 1
                    i -= 1
                    gap += 2
                    continue
                if group.start is None and self._owns_event(mention.end):
                    break  # "Hamas's attack on Israel killed 1,200": the attack's own event
                if (group.start is not None and toks[i + 1][2] == ","
                        and self._after_preposition(mention.start, PLACE_PREPOSITIONS)):
                    break  # "On Friday in Pakistan, Waseem was sentenced": a place phrase
                if (group.start is not None and toks[i + 1][2] == ","
                        and self._after_preposition(mention.start) and group.actors
                        and all(a.kind == "person" for a in group.actors)):
                    break  # "Chile's ambassador to Peru, Tom Ellis, criticized": a title's
                if group.start is not None and self.text.startswith(("'s ", "’s "), mention.end):
                    break  # "Trump's State Department asked": the owner only qualifies it
                if self._titled_person(group, toks, i + 1) and (
                        self._after_preposition(mention.start) or self._opens_with_title(group)
                        and not self.text[mention.end : group.start].strip()):
                    # "US Ambassador to Germany Richard Grenell said": the title's place;
                    # "Senate President Thomas Rivera Schatz": the title's body
                    break
                if (group.start is not None and mention.actors
                        and all(a.kind == "person" for a in mention.actors)
                        and (self._open_title(mention.end, group.start)
                             or _PERSON_OF.fullmatch(self.text, mention.end, group.start)
                             and self._one_mention(group))):
                    # "Dana Whitmore of Amnesty International criticized": the body describes
                    # the person
                    # "Erwin Chemerinsky, Dean of UC Berkeley School of Law called": an
                    # apposition its closing comma is missing from; the body is the title's
                    group.actors = []
                elif (group.start is not None and mention.actors
                      and all(a.kind == "person" for a in mention.actors)
                      and _PERSON_OF.fullmatch(self.text, mention.end, group.start)):
                    # "Hans Jensen of Denmark and Maria Lopez of Spain met": each body
                    # describes the person before it, the group goes on
                    owner = self._mention_at(group.start, group.start + 1)
                    if owner is not None and all(a.kind != "person" for a in owner.actors):
                        group.actors = [a for a in group.actors
                                        if all(a is not o for o in owner.actors)]
                group.add(mention.actors, mention.start)
                while i >= 0 and toks[i][1] > mention.start:
                    i -= 1
                continue
            if word in PERSON_PRONOUNS or word in PLURAL_PRONOUNS or word in THING_PRONOUNS:
                group.add(self.pronoun(word, start), start)
            elif word in FIRST_PERSON and group.start is None:
                # "I asked John ...," wrote Trump: a quote's first person is its speaker
                said = self.attribution(trigger)
                if said is not None and said.speaker is not None:
                    group.add([said.speaker], start)
                elif speaker := self._colon_speaker(start):
                    group.add(speaker, start)
                else:
                    break
            elif group.start is None:
                gap += 1
                crossed_and = crossed_and or word == "and"
                if word[:1].isupper() and word.isalpha() and i > 0 and word not in GROUP_JOINERS:
                    self.skipped_name = True  # "Navalny and Yashin were arrested": the same
                if gap > MAX_GAP_WORDS or word in {",", "“", "”"} and gap > 3:
                    break
            elif word == "as" and i > 1 and [w for _, _, w in toks[i - 2 : i]] == ["as", "well"]:
                i -= 3  # "France as well as Germany condemned": one group
                continue
            elif word == "and" and i > 0 and toks[i - 1][2] == "," and not self._serial_list(
                    toks, i - 1):
                break  # ", and" joins clauses, not actors (but "A, B, and C" lists them)
            elif _capital_title(word) and (
                    self._titled_person(group, toks, i + 1)) and (
                    i == 0 or toks[i - 1][2] not in GROUP_JOINERS):  # "France and Ambassador X"
                break  # "US Ambassador Richard Grenell said": the country qualifies the title
            elif not (word in GROUP_JOINERS or word.lower() in GROUP_NOUNS or word[:1].isupper()):
                if group.start is not None and i > 1 and toks[i - 1][2] == ",":
                    # "Tom Okafor, director of Human Rights Watch condemned": the person
                    before = self._mention_at(toks[i - 2][0], toks[i - 2][1])
                    if (before is not None and before.actors
                            and all(a.kind == "person" for a in before.actors)
                            and self._open_title(before.end, group.start)):
                        return list(before.actors)
                if word.lower() in PREPOSITIONS and i > 1 and toks[i - 1][2] == ",":
                    # "Bruce McArthur, from Toronto, Canada, admitted": the place is an
                    # apposition; the subject is the name before its comma
                    before = self._mention_at(toks[i - 2][0], toks[i - 2][1])
                    if before is not None and before.actors:
                        return list(before.actors)
                break
            elif (group.start is not None and word[:1].isupper() and word.isalpha()
                  and word.lower() not in GROUP_NOUNS and word not in GROUP_JOINERS):
                self.skipped_name = True  # "Navalny and Yashin were arrested": a name the KB
                # lacks in the subject group; the roles are read again with the entity model
            i -= 1
        if group.start is not None and self._unnamed_head(toks, group.start):
            return []
        return group.actors

    def _one_mention(self, group: _Group) -> bool:
        """The group holds the actors of one mention, the one it starts with."""
        first = None if group.start is None else self._mention_at(group.start, group.start + 1)
        return first is not None and len(group.actors) == len(first.actors)

    def _open_title(self, end: int, body: int) -> bool:
        """The words between a person's name ending at `end` and a body's name at `body` are an
        apposition that titles the person: ", Dean of ", ", the director of ", ", former head
        of " (title words or capitalised words, then of/at/for)."""
        m = _OPEN_TITLE.match(self.text, end, body)
        if m is None or m.end() != body:
            return False
        words = [w for w in m.group().strip(", ").split() if w.lower() != "the"][:-1]
        return bool(words) and all(
            w[:1].isupper() or w in unknown.PERSON_TITLES or w in GROUP_NOUNS
            or w in TITLE_MODIFIERS for w in words)

    def _titled_person(self, group: _Group, toks: list[tuple[int, int, str]], k: int) -> bool:
        """The subject group so far is one person named right at toks[k], after their title:
        the names before the title ("US Ambassador", "Ambassador to Germany") describe the
        office, they are no subjects of their own."""
        return (group.start is not None and k < len(toks) and toks[k][0] == group.start
                and len(group.actors) == 1 and group.actors[0].kind == "person")

    @staticmethod
    def _title_place(toks: list[tuple[int, int, str]], k: int) -> bool:
        """toks[k] is a place after a capitalised title and "to"/"of": "Ambassador to Germany"."""
        return k >= 2 and toks[k - 1][2] in {"to", "of"} and _capital_title(toks[k - 2][2])

    def _opens_with_title(self, group: _Group) -> bool:
        """The group's mention opens with a person's capitalised title ("President X")."""
        first = self.text[group.start : group.start + 40].split(maxsplit=1)[:1]
        return bool(first) and _capital_title(first[0])

    def _unnamed_head(self, toks: list[tuple[int, int, str]], group_start: int) -> bool:
        """The group is named only in a phrase after an unnamed head noun, and the head is the
        subject: "the wife of Alexei Navalny was detained", "a former adviser to Boris Johnson
        was sentenced" (no named actor). A head that stands for the group ("officials of",
        "the leader of") is no such noun (OF_NOUNS, GROUP_NOUNS)."""
        k = next((n for n, t in enumerate(toks) if t[0] >= group_start), len(toks))
        j = k - 1
        while j >= 0 and toks[j][2].lower() in DETERMINERS:
            j -= 1
        if j < 1 or toks[j][2] not in HEAD_PREPOSITIONS:
            return False
        head = toks[j - 1][2]
        return (head.isalpha() and head.islower() and head not in GROUP_NOUNS
                and head not in OF_NOUNS and head not in AUXILIARIES
                and head not in self.grammar.passive_auxiliaries)

    def _colon_speaker(self, at: int) -> list[Actor]:
        """Who says a quote after a colon, whose first person stands at `at`: the named group
        that opens the sentence ("Tanya Chan told reporters: \"I urge Lam to step down\"")."""
        colon = self.text.rfind(":", self.sent.start, at)
        if colon < 0 or not _QUOTE_OPEN.match(self.text, colon + 1):
            return []
        for start, end, word in self.tokens_between(self.sent.start, colon)[:4]:
            m = self._mention_at(start, end)
            if m is not None and m.actors:
                return list(m.actors)
            if word.islower():
                return []
        return []

    def _serial_list(self, toks: list[tuple[int, int, str]], comma: int) -> bool:
        """The comma at toks[comma] closes the second-to-last name of a serial list: that name
        follows a comma too ("Colt, Glock, and Remington were sued"), not a verb ("Mexico sued
        Colt, and Glock objected")."""
        if comma < 1:
            return False
        m = self._mention_at(toks[comma - 1][0], toks[comma - 1][1])
        if m is None or not m.actors:
            return False
        j = comma - 1
        while j >= 0 and toks[j][1] > m.start:
            j -= 1
        return j >= 0 and toks[j][2] == ","

    def _relative_start(self, trigger: TriggerMatch) -> int | None:
        """Where a relative clause between a subject and its verb opens (the offset of its
        comma): "Roosevelt, who served under President Clinton, blasted the plan" has Roosevelt
        for subject, not Clinton. The trigger's clause starts at ", who/whom/whose/which" and
        the relative clause ends at a comma with nothing but auxiliaries or adverbs after it."""
        limit = self.left_limit(trigger.start)
        opener = _RELATIVE_OPENER.search(self.text, max(self.sent.start, limit - 12), limit)
        if opener is None:
            return None
        comma = self.text.rfind(",", limit, trigger.start)
        if comma < 0:
            return None
        aux = self.grammar.passive_auxiliaries | AUXILIARIES
        if any(not (w.lower() in aux or _adverb(w))
               for _, _, w in self.tokens_between(comma + 1, trigger.start)):
            return None
        return opener.start()

    def _without_apposition(self, toks: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
        """Drop an apposition between the subject and its verb: "General Mark Milley, the
        chairman of the Joint Chiefs of Staff, spoke" has Milley for subject, not the Staff."""
        aux = self.grammar.passive_auxiliaries | AUXILIARIES
        k = len(toks)  # "X, son of Y, has been killed": the comma before the auxiliaries
        while k > 0 and (toks[k - 1][2].lower() in aux  # ... or an adverb: ", sharply"
                         or _adverb(toks[k - 1][2])):
            k -= 1
        if k < 4 or toks[k - 1][2] != ",":
            return toks
        for j in range(k - 2, max(0, k - MAX_APPOSITION) - 1, -1):
            if toks[j][2] == ",":
                opens = toks[j + 1][2].lower()
                # ", brother of X,", ", son of the late X,": a noun of X describes the subject
                of_x = toks[j + 1][2].islower() and j + 2 < len(toks) and (
                    toks[j + 2][2] in HEAD_PREPOSITIONS  # ", spokeswoman for X,"; ", formerly
                    # the president of X,": an adverb first
                    or opens.endswith("ly") and toks[j + 2][2].lower() in APPOSITION_OPENERS
                    # ", backed by X,": a reduced passive describes the subject
                    or _participle(toks[j + 1][2]) and toks[j + 2][2] in self.grammar.agent)
                # ", Russia's close ally,": a possessed noun describes the subject
                owned = j + 2 < len(toks) and toks[j + 2][2] in {"'s", "’s", "'", "’"} or (
                    toks[j + 1][2].endswith(("'s", "’s")) and toks[j + 1][2][:1].isupper())
                if (j > 0 and (opens in APPOSITION_OPENERS or of_x or opens in ASIDE_OPENERS
                               or owned)
                        and self._mention_at(toks[j - 1][0], toks[j - 1][1]) is not None):
                    return toks[:j]
                return toks
        return toks

    def _after_preposition(self, at: int, which: frozenset[str] | set[str] = PREPOSITIONS) -> bool:
        """The words before `at` are a preposition, perhaps with a determiner ("on the")."""
        before = [w.lower() for _, _, w in self.tokens_between(at - 40, at)][-2:]
        return bool(before) and (before[-1] in which or (
            before[-1] in DETERMINERS and len(before) == 2 and before[0] in which))

    def objects(self, trigger: TriggerMatch) -> list[Actor]:
        return self.objects_from(trigger.end, trigger.rule.object_via,
                                 places=trigger.rule.place_object,
                                 penalty=trigger.rule.type == "CONCEDE")

    def _owner_refused(self, trigger: TriggerMatch) -> list[Actor]:
        """The owner of what a refusal's infinitive takes is refused: "refused to consider
        Obama's nominee", "the refusal to accept Ukraine's proposal" reject Obama, Ukraine
        (as "rejected Ukraine's offer" does)."""
        if self.text[trigger.start : trigger.end].split()[-1] != "to":
            return []
        toks = self.tokens_between(trigger.end, self.clause_end(trigger.end))[:4]
        if not toks or not (toks[0][2].isalpha() and toks[0][2].islower()):
            return []
        for at, end, word in toks[1:]:
            if word.lower() in DETERMINERS:
                continue
            m = self._mention_at(at, end)
            if m is None or m.start != at or not m.actors:
                return []
            return list(m.actors) if self.text.startswith(("'s ", "’s ", "' ", "’ "),
                                                          m.end) else []
        return []

    def _between(self, trigger: TriggerMatch) -> bool:
        return self.text[trigger.start : trigger.end].split()[-1] == "between"

    def _second_party(self) -> list[Actor]:
        """"between A and B" names two parties: where what describes A ("Hans Jensen of the
        University of Oslo", "Giuliani, claiming to represent X,") ended the group after A, B
        is the group after the next "and" of the clause; not an "and" inside a name ("of the
        School of Marine and Atmospheric Science"), after a capitalised word that ends no name
        the actors layer knows."""
        toks = self.object_tokens[self.object_end :][:MAX_BETWEEN_GAP]
        for k, (_, end, word) in enumerate(toks):
            if word in {";", ":", ".", "(", ")"}:
                return []
            if word == "and" and k and toks[k - 1][2][:1].isupper() and all(
                    m.end != toks[k - 1][1] for m in self.mentions):
                continue
            if word == "and":
                nxt = toks[k + 1 : k + 2]
                m = nxt and self._mention_at(nxt[0][0], nxt[0][1])
                return self.objects_from(end, None) if m and m.actors else []
        return []

    def objects_from(self, at: int, via: frozenset[str] | None, end: int | None = None,
                     places: bool = False, penalty: bool = False) -> list[Actor]:
        """The actor group that starts at `at` after a few filler words (`via`: the only ones).

        With `places`, a name the actors layer left alone as a place ("visited Kyiv": a place,
        not the government) stands for what it names alone (its country).
        """
        end = self.sent.end if end is None else end
        toks = [t for t in self.tokens_between(at, end)[:MAX_OBJECT_TOKENS] if t[1] <= end]
        self.object_end, self.object_tokens, self.object_possessive = 0, toks, False
        group, gap, i = _Group(), 0, 0
        qualifier: list[Actor] = []  # a country before a title: kept unless a person follows
        before = self.tokens_between(max(self.sent.start, at - 12), at)[-1:]
        opener = before[0][2].lower() if before and before[0][1] <= at else None
        while i < len(toks):
            start, stop, word = toks[i]
            if (word in {"and", "or"} and group.actors and opener in PREPOSITIONS
                    and i + 1 < len(toks) and toks[i + 1][2].lower() == opener):
                i += 2  # "criticized by Republicans and by Netanyahu": the preposition again
                continue
            mention = self._mention_at(start, stop)
            if mention is not None:
                if (qualifier and all(a.kind == "person" for a in mention.actors)
                        and mention.actors):
                    # "United States senator ... Robert F. Kennedy": the country qualifies
                    group.actors = [a for a in group.actors if all(a is not q for q in qualifier)]
                    qualifier = []
                nxt = [t for t in toks[i:] if t[0] >= mention.end][:1]
                if (group.start is None and nxt and nxt[0][2].islower()
                        and nxt[0][2] not in PREPOSITIONS and nxt[0][2] not in {"and", "or"}
                        and (all(a.kind == "country" for a in mention.actors)
                             or all(a.kind != "person" for a in mention.actors) and (
                                 nxt[0][2] in unknown.PERSON_NOUNS
                                 or nxt[0][2] in GROUP_NOUNS))):
                    # "US senator X", "Hamas commander X": the body qualifies the title
                    qualifier = list(mention.actors)
                elif (group.start is None and nxt and _capital_title(nxt[0][2])
                      or qualifier and self._title_place(toks, i)):
                    # "expelled US Ambassador (to Germany) X", "met Senate President X": the
                    # names before the title describe the office of the person after it
                    qualifier = [*qualifier, *mention.actors]
                group.add(mention.actors, mention.start)
                self.object_possessive = self.text.startswith(("'s", "’s"), mention.end)
                while i < len(toks) and toks[i][0] < mention.end:
                    i += 1
                self.object_end = i
                continue
            if group.start is None and self._in_timex(start):
                pass  # "met on Monday with Khalilzad": a time expression is no filler word
            elif word in OBJECT_PRONOUNS and group.start is None:
                group.add(self.pronoun(word, start), start)
            elif places and group.start is None and word[:1].isupper():
                j = i
                while j + 1 < len(toks) and toks[j + 1][2][:1].isupper():
                    j += 1
                country = _place(self.text[start : toks[j][1]], self.doc.published)
                if not country:
                    break
                group.add(country, start)
                i = self.object_end = j + 1
                continue
            elif (group.start is None and word.lower() in OF_NOUNS and i + 1 < len(toks)
                  and toks[i + 1][2] == "of"):
                i += 2  # "condemned by members of the EU": the EU acts
                continue
            elif group.start is None and word == "[" and (past := _bracketed_title(toks, i)):
                i = past  # "boycotted by [WGM] Nazí Paikidze": a title the editor wrote out
                continue
            elif group.start is None and penalty and (past := _penalty_of(toks, i)):
                i = past  # "commuted the (prison) sentence of X": a concession to X
                continue
            elif group.start is None and (past := self._descriptor_before_name(toks, i)):
                i = past  # "sued computer and electronics maker Apple Computer"
                continue
            elif (group.start is None and word.islower() and i + 1 < len(toks)
                  and toks[i + 1][2] == "named" and gap < MAX_OBJECT_GAP):
                i += 2  # "killed a woman named Heather Heyer": the name is the object
                gap += 1
                continue
            elif group.start is None and word in TITLE_MODIFIERS and gap < MAX_OBJECT_GAP:
                gap += 1  # "arrested former president X": a modifier of the title
            elif (group.start is None and word.isalpha() and word.islower() and gap < MAX_OBJECT_GAP
                  and (via is None or gap) and self._person_next(toks, i)):
                gap += 1  # "pardoned his son Hunter Biden", "the sentence of confidante X"
            elif (group.start is None and word[:1].isupper() and word.isalpha()
                  and gap < MAX_OBJECT_GAP and self._person_next(toks, i + 1)):
                gap += 1  # "freed American journalist X", "arrested Spanish citizen X": an
                # adjective of the noun that describes the person
            elif group.start is None and (past := self._title_before_person(toks, i)):
                i = past  # "criticized Governor X", "sued Manhattan District Attorney X"
                gap += 1
                continue
            elif group.start is None:
                gap += 1
                if via is not None and word.lower() not in via | VIA_FILLER:
                    break
                allowed = (word in OBJECT_FILLER or (via is not None and word.lower() in via)
                           or _capital_title(word))
                # a title before a name: "by Judge Amy Jackson"
                if not (allowed or word.isdigit()) or gap > MAX_OBJECT_GAP:
                    break
            elif word == "," and self._apposed_person(toks, i) is not None:
                m = self._apposed_person(toks, i)
                if qualifier:  # "the Danish ambassador, Hans Jensen": the country qualifies
                    group.actors = [a for a in group.actors  # the title of the person named
                                    if all(a is not q for q in qualifier)]
                    qualifier = []
                group.add(m.actors, m.start)  # "Russia's chief of staff, General Gerasimov,"
                while i + 1 < len(toks) and toks[i + 1][0] < m.end:
                    i += 1
                self.object_end = i + 1
            elif qualifier and word == "of" and self.object_possessive:
                break  # "criticized China's arrest of X": China's act, X is no object of it
            elif (word == "of" and not qualifier and group.actors
                  and all(a.kind == "person" for a in group.actors)):
                break  # "criticized Dana Whitmore of Amnesty": the body only describes her
            elif qualifier and self._title_place(toks, i + 1):
                pass  # "Ambassador to Germany X": the title goes on to its place
            elif qualifier and word.islower() and word not in PREPOSITIONS and len(qualifier) < 6:
                qualifier.append(None)  # "senator and presidential candidate": title words
            elif word in {"and", "or", "both", "–", "-", "/"} or word.lower() in GROUP_NOUNS or (
                    word[:1].isupper() and word not in {"“", "\""}) or word == "," and self._list_continues(toks, i, group.start) or word in {"the", "of"}:
                if word[:1].isupper() and word.lower() not in GROUP_NOUNS:
                    self.skipped_name = True  # "Egypt, Greece and Cyprus": names the KB lacks
            else:
                break
            i += 1
        return group.actors

    def _descriptor_before_name(self, toks: list[tuple[int, int, str]], i: int) -> int:
        """The index of the name after a descriptor noun phrase that starts at toks[i]: a few
        lower-case words ending in a descriptor of names.en.yaml ("maker", "carrier") right
        before a name ("computer and electronics maker Apple Computer"); else 0."""
        descriptors = named.lexicon().descriptors
        for k in range(i, min(i + MAX_DESCRIPTOR, len(toks) - 1)):
            word = toks[k][2]
            if not (word.isalpha() and word.islower() or word in {"-", "and"}):
                return 0
            if word in descriptors:
                if k == 0:
                    return 0  # "mortar and shell manufacturer X": the trigger qualifies it
                m = self._mention_at(toks[k + 1][0], toks[k + 1][1])
                return k + 1 if m is not None and m.actors and m.start == toks[k + 1][0] else 0
        return 0

    def _title_before_person(self, toks: list[tuple[int, int, str]], i: int) -> int:
        """The index of a person's name after a run of capitalised words at toks[i] that ends
        in a title of office the actors layer left out of the name ("Governor Hans Jensen",
        "Manhattan District Attorney Alvin Bragg", "Boeing Chief Financial Officer X"); else
        0. The title is the person's, no gap before the object."""
        for k in range(i, min(i + MAX_TITLE_WORDS + 1, len(toks))):
            word = toks[k][2]
            m = self._mention_at(toks[k][0], toks[k][1])
            if m is not None:
                title = toks[k - 1][2]
                person = m.start == toks[k][0] and m.actors and all(
                    a.kind == "person" for a in m.actors)
                return k if k > i and person and title.lower() in unknown.OFFICE_NOUNS else 0
            if not (word[:1].isupper() and word.isalpha()):
                return 0
        return 0

    def _person_next(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        """A person is named right after toks[i], a noun describing them ("his son Hunter
        Biden", "journalist Evan Gershkovich"), not a verb or a preposition before them."""
        if (i + 1 >= len(toks) or toks[i][2] in PREPOSITIONS or toks[i][2] in DETERMINERS
                or toks[i][2] in NOT_NAMES  # "warned that Biden could"
                and toks[i][2] not in unknown.PERSON_NOUNS):  # ... not "activist Biden"
            return False
        m = self._mention_at(toks[i + 1][0], toks[i + 1][1])
        if (m is None or m.start != toks[i + 1][0] or not m.actors
                or any(a.kind != "person" for a in m.actors)):
            return False
        people_noun = (toks[i][2] in unknown.PERSON_NOUNS
                       or toks[i][2] in named.lexicon().non_state)  # "citizen", "tourist"
        if (m.rule.startswith("unknown") and m.text.split()[0] not in named.given_names()
                and not people_noun):
            return False  # "manufacturer Hirtenberger Defence Group": a company, maybe
        after = [w for s, _, w in toks[i + 2 :] if s >= m.end][:1]
        return not after or not (after[0].isalpha() and after[0].islower()) or (
            after[0] in PREPOSITIONS or after[0] in COORDINATORS)  # "the X launch": a modifier

    def _in_timex(self, at: int) -> bool:
        return any(t.start <= at < t.end for t in self.timexes)

    def _apposed_person(self, toks: list[tuple[int, int, str]], i: int) -> Mention | None:
        """The person named in an apposition after the comma at toks[i], closed by a comma or
        the sentence end: "spoke with Russia's chief of the General Staff, General Gerasimov,"."""
        if i + 1 >= len(toks):
            return None
        m = self._mention_at(toks[i + 1][0], toks[i + 1][1])
        if m is None or m.start != toks[i + 1][0] or not m.actors or any(
                a.kind != "person" for a in m.actors):
            return None
        after = [t for t in toks[i + 1 :] if t[0] >= m.end][:1]
        return m if not after or after[0][2] in {",", ".", ";"} else None

    def _list_continues(self, toks: list[tuple[int, int, str]], i: int,
                        group_start: int | None) -> bool:
        """After a comma, the group goes on only for a list: "A, B and C", "A, B, and C" (a
        serial comma). A comma right before "and" ends the group unless a comma already
        listed it ("attacked Ukraine, and Poland condemned": a new clause)."""
        rest = [w for _, _, w in toks[i + 1 : i + 8]]
        if "and" not in rest:
            return False
        items = rest[: rest.index("and")]
        if not items:
            return group_start is not None and any(
                w == "," for s, _, w in toks[:i] if s > group_start)
        names = [w for w in items if w != ","]
        return bool(names) and all(w[:1].isupper() or w in {"the", "of"} for w in names) and (
            "," not in items[:-1] or items[-1] == ",")

    def pronoun(self, word: str, at: int) -> list[Actor]:
        """He/she: the nearest person mentioned before; they: the nearest plural group. In a
        fronted clause, he/she is the person the main clause opens with ("After he was
        arrested, Navalny was sentenced")."""
        ahead = self._fronted_referent(word, at)
        if ahead:
            return ahead
        before = [m for m in self.doc.mentions if m.end <= at]
        if word in PERSON_PRONOUNS or word in {"him", "her"}:
            unknown_people = self._unknown_people(at) if word in PERSON_PRONOUNS else []
            for m in sorted([*before, *unknown_people], key=lambda m: m.end, reverse=True):
                if len(m.actors) == 1 and m.actors[0].kind == "person":
                    return [m.actors[0]]
            return []
        if word in THING_PRONOUNS:
            for m in reversed([m for m in before if m.start >= self.sent.start]):
                if len(m.actors) == 1 and m.actors[0].kind in {"country", "organisation", "group"}:
                    return [m.actors[0]]
            return []
        if self.previous_sources and len(self.previous_sources) > 1:
            return list(self.previous_sources)
        for m in reversed(before):
            if len(m.actors) > 1:
                return list(m.actors)
        return []

    def _fronted_referent(self, word: str, at: int) -> list[Actor]:
        """The person who opens the main clause, for he/she inside a fronted clause before it
        (cataphora: "When she met Macron, Meloni ...")."""
        if word not in PERSON_PRONOUNS and word not in {"him", "her"} or not self.fronted:
            return []
        comma = self.fronted[1]
        if not self.sent.start <= at < comma:
            return []
        for start, end, _ in self.tokens_between(comma + 1, self.sent.end)[:4]:
            m = self._mention_at(start, end)
            if m is not None and len(m.actors) == 1:
                return list(m.actors) if m.actors[0].kind == "person" else []
        return []

    # the event -----------------------------------------------------------------------------

    def _unknown_people(self, at: int) -> list[Mention]:
        """The people the knowledge base does not know named in the sentence before `at`, when
        the roles are read again with them, for a subject "he"/"she": "since she was pardoned
        by Biden" after "Okafor gave her first speech". A one-word name is a person's unless it
        is a body's or an acronym ("Senate", "NASA"); a longer one if it opens with a given
        name ("the Great Orchestra of Christmas Charity" is none)."""
        out = []
        for m in self._unknown_mentions():
            if m.end > at or not m.actors:
                continue
            a = m.actors[0]
            if (" " in a.name and a.name.split()[0] not in named.given_names()
                    or a.name.isupper() or a.name in BODIES):
                continue
            out.append(Mention(m.start, m.end, m.text, (Actor(a.text, a.name, kind="person"),),
                               m.rule))
        return out

    def governed(self, trigger: TriggerMatch) -> bool:
        """The trigger stands in the clause of an earlier request or threat ("urged X to
        agree", "told X to investigate"); a trigger whose `after_object` was not met is none
        ("ordered Khashoggi's killing"). An -ing clause after a comma hangs on the clause
        before, it is no part of the request ("filed a petition, accusing the network of ...")."""
        first = self.text[trigger.start : trigger.end].split()[0]
        if first.endswith("ing") and self._after_comma(trigger.start):
            return False
        if self._coordinated_past(trigger):
            return False
        limit = self.clause_cuts[bisect_right(self.clause_cuts, trigger.start) - 1]
        k = bisect_left(self.trigger_starts, limit)
        if k and self.triggers[k - 1].end >= limit:
            k -= 1  # "demand that Russia withdraw": the request's own "that" opens the clause
        return any(t.rule.type in GOVERNING_TYPES and t.end <= trigger.start
                   and (t.start in self.coded or not t.rule.after_object)
                   for t in self.triggers[k:bisect_left(self.trigger_starts, trigger.start)])

    def _coordinated_past(self, trigger: TriggerMatch) -> bool:
        """A verb in the past tense after "and" is coordinated with the finite verb before it,
        not with an infinitive of a request or threat: "urged X to reconsider and spoke with
        Y" reports a talk ("urged X to stop and withdraw" asks for both; "urged X to have him
        arrested and charged" is a participle of the passive)."""
        return (self._coordinated(trigger) and self._past_tense(trigger)
                and not self.passive(trigger) and not self._participle_chain(trigger))

    def _participle_chain(self, trigger: TriggerMatch) -> bool:
        """A form of "be" or "have" stands in the clause before the trigger: its past form may
        be a participle coordinated with another ("to be arrested and charged")."""
        words = {w.lower() for _, _, w in self.tokens_between(self.left_limit(trigger.start),
                                                              trigger.start)}
        return not words.isdisjoint(self.grammar.passive_auxiliaries | {"have", "has", "had"})

    def _past_tense(self, trigger: TriggerMatch) -> bool:
        """The trigger's verb is in the past tense ("called", "met"), not a participle of the
        present or future passive ("is pardoned", "will be freed")."""
        word = self.text[trigger.start : trigger.end].split()[0].lower()
        if not (word.endswith("ed") or word in self.grammar.past_forms):
            return False
        previous = self.text[max(self.sent.start, trigger.start - 12) : trigger.start].split()
        return not previous or previous[-1].lower() not in _PRESENT_AUXILIARIES

    def learned_event(self, trigger: TriggerMatch, p: float) -> Event | None:
        """The event the learned typer adds on a cue word: read as a rule's event, with the
        named actors nearest the word where the rule's conditions find no roles."""
        lo, hi = self.left_limit(trigger.start), self.clause_end(trigger.end)
        sources, targets = learned.nearest_actors(self.doc, trigger.start, trigger.end,
                                                  lo, hi)
        return self.event(trigger, fallback=(list(sources), list(targets)), learned_p=p)

    def event(self, trigger: TriggerMatch, *,
              fallback: tuple[list[Actor], list[Actor]] | None = None,
              learned_p: float | None = None) -> Event | None:
        rule = trigger.rule
        if self.governed(trigger):
            return None
        limit = self.left_limit(trigger.start)
        before = self.text[max(limit, trigger.start - MAX_STATUS_REACH) : trigger.start]
        after = self.text[trigger.end : min(self._after_end(trigger),
                                            trigger.end + MAX_STATUS_REACH)]
        reach = max(self.sent.start, trigger.start - MAX_STATUS_REACH)
        sentence_before = self.text[reach : trigger.start]
        cut = cues.background_start(self.lang, before) if self._past_tense(trigger) else None
        if cut is not None:  # "said it would resume talks after Erdogan called Putin"
            before = sentence_before = before[cut:]
        decided = cues.decide_status(self.lang, before, after, sentence_before)
        if decided is None:
            just_before = " ".join(w for _, _, w in self.tokens_between(limit, trigger.start)[-3:])
            if cues.negated(self.lang, just_before) or cues.habitual(self.lang, just_before):
                return None
            status, status_rule = "occurred", None
        else:
            status, status_rule = decided
        roles = self.roles(trigger)
        if roles is None or (learned_p is not None and roles[2] != rule.type):
            if fallback is None:
                return None
            roles = (*fallback, rule.type)
        sources, targets, event_type = roles
        self.coded.add(trigger.start)
        if sources:
            self.previous_sources = sources
            if not (rule.no_subject or rule.possessive):
                self.clause_sources = sources
        self.previous_targets = targets
        date_info = self.date_of(trigger, status)
        attribution = self.attribution(trigger)
        noise = self.doc.noise_covering(self.sent.start, self.sent.end)
        is_hedged = (bool(noise) or self.hedged
                     or self.sent.text.rstrip(" \"'”’»").endswith("?")
                     or (attribution is None and cues.first_person(self.lang, before)
                         and not self._colon_speaker(trigger.start)))
        again = cues.repeated(self.lang, before)
        evidence = Span(self.sent.start, self.sent.end, self.sent.text)
        trig = Span(trigger.start, trigger.end, self.text[trigger.start : trigger.end])
        mode = rule.mode if event_type == rule.type else None
        if mode is None:
            clause = self.text[limit : self.clause_end(trigger.end)]
            mode = self.grammar.mode(event_type, trig.text, clause)
        ident = hashlib.sha256(
            f"{self.doc.id}:{trigger.start}:{rule.type}".encode()).hexdigest()[:16]
        return Event(
            id=f"ev-{ident}", type=event_type, status=status, trigger=trig, evidence=evidence,
            sources=tuple(sources), targets=tuple(targets), date=date_info, mode=mode,
            attribution=attribution, hedged=is_hedged,
            confidence=(round(learned_p, 3) if learned_p is not None
                        else _confidence(date_info, attribution, is_hedged, sources, targets)),
            rule=("" if learned_p is None or rule.name.startswith("learned:")
                  else f"learned:{rule.type}/") + rule.name
            + (f">{event_type}" if event_type != rule.type else "")
            + (f"+{status_rule}" if status_rule else ""), again=again,
        )

    def gapped(self, trigger: TriggerMatch, event: Event) -> list[Event]:
        """A second object with the verb left out (gapping): "Biden met Scholz on Monday and
        Macron on Tuesday" is a meeting with each, "Israel struck Hamas in Gaza and Hezbollah
        in Lebanon" an attack on each. The object and the name after "and" each take a phrase
        of time or place and the sentence ends (or a comma or semicolon comes) after the
        second: "met Scholz on Monday and Macron said" is a new clause, "met Scholz and
        Macron" one meeting with both. "then" marks the second as a next step of the same act
        and needs no phrase of time: "met with Scholz, then with Macron". In the passive, the
        gapped name is a second subject: "Clinton was impeached in 1998, and Johnson in 1868"."""
        rule = trigger.rule
        if not event.targets or rule.no_subject or rule.possessive or rule.inverse:
            return []
        # the roles were read with the names the knowledge base lacks: so is the second name
        self._unknown_on = any(a.id is None for a in (*event.sources, *event.targets))
        try:
            if self.passive(trigger):
                return self._gapped_subject(trigger, event)
            return self._gapped_object(trigger, event) if event.sources else []
        finally:
            self._unknown_on = False

    def _gapped_object(self, trigger: TriggerMatch, event: Event) -> list[Event]:
        rule = trigger.rule
        self.objects_from(trigger.end, rule.object_via, places=rule.place_object)
        toks = self.tokens_between(trigger.end, self.sent.end)
        first = self._adjunct(toks, self.object_end) if self.object_end else None
        then = None
        if first is None or first >= len(toks) or toks[first][2] not in COORDINATORS - {"but"}:
            # "met with Scholz (on Monday), then with Macron"
            first = then = self._then(toks, first or self.object_end) if self.object_end else None
            if first is None:
                return []
        if first + 1 < len(toks) and toks[first + 1][2] == self.text[
                trigger.start : trigger.end].split()[-1]:
            first += 1  # "spoke with Lavrov on Monday and with Wang Yi on Friday"
        second = self._mention_at(toks[first + 1][0], toks[first + 1][1]) if first + 1 < len(
            toks) else None
        if second is None or not second.actors or any(
                _same(a, b) for a in second.actors for b in (*event.sources, *event.targets)):
            return []
        k = next((i for i, t in enumerate(toks) if t[0] >= second.end), len(toks))
        last = self._adjunct(toks, k)
        if last is None and then is not None:
            last = k  # "met with Scholz, then with Macron."
        if last is None or last < len(toks) and toks[last][2] not in CLAUSE_STOPS:
            return []
        return [self._second_event(trigger, event, second, toks[first + 1:last], toks[:first])]

    def _then(self, toks: list[tuple[int, int, str]], i: int) -> int | None:
        """The index of "then" where ", then", "and then" or ", and then" opens at toks[i],
        else None."""
        words = [w.lower() for _, _, w in toks[i : i + 3]]
        for lead in ([",", "then"], ["and", "then"], [",", "and", "then"]):
            if words[: len(lead)] == lead:
                return i + len(lead) - 1
        return None

    def _gapped_subject(self, trigger: TriggerMatch, event: Event) -> list[Event]:
        """A second subject of a passive with the verb left out: "X was impeached in 1998, and
        Y in 1868". The first subject and the name after "and" each take a phrase of time or
        place, and the clause ends after the second."""
        toks = self.tokens_between(trigger.end, self.sent.end)
        start = 0
        if len(toks) > 1 and toks[0][2] in self.grammar.agent and (
                agent := self._mention_at(toks[1][0], toks[1][1])) is not None:
            start = next((i for i, t in enumerate(toks) if t[0] >= agent.end), len(toks))
        first = self._adjunct(toks, start)  # "was sanctioned (by the EU) in 2014"
        if first is not None and first < len(toks) and toks[first][2] == ",":
            first += 1
        if first is None or first + 1 >= len(toks) or toks[first][2] != "and":
            return []
        second = self._mention_at(toks[first + 1][0], toks[first + 1][1])
        if second is None or not second.actors or any(
                _same(a, b) for a in second.actors for b in (*event.sources, *event.targets)):
            return []
        k = next((i for i, t in enumerate(toks) if t[0] >= second.end), len(toks))
        last = self._adjunct(toks, k)
        if last is None or last < len(toks) and toks[last][2] not in CLAUSE_STOPS:
            return []
        return [self._second_event(trigger, event, second, toks[first + 1:last], toks[:first])]

    def _second_event(self, trigger: TriggerMatch, event: Event, second: Mention,
                      own: list[tuple[int, int, str]], first: list[tuple[int, int, str]]) -> Event:
        """The event of a gapped name: the first event's, with the name as its target and the
        date of the name's own phrase."""
        ident = hashlib.sha256(f"{self.doc.id}:{trigger.start}:{trigger.rule.type}:"
                               f"{second.start}".encode()).hexdigest()[:16]
        return replace(event, id=f"ev-{ident}", targets=tuple(second.actors),
                       date=self._gapped_date(event, own, first))

    _ADJUNCT_OPENERS = frozenset({"on", "in", "at", "during", "last", "this", "earlier"})

    def _adjunct(self, toks: list[tuple[int, int, str]], i: int) -> int | None:
        """The index past a phrase of time or place of at most four words that starts at
        toks[i] ("on Monday", "in Gaza", "last week"), or None."""
        if i >= len(toks) or not (toks[i][2] in self._ADJUNCT_OPENERS
                                  or self._in_timex(toks[i][0])):
            return None
        j = i + 1
        while (j < len(toks) and j - i < 4 and toks[j][2] not in COORDINATORS
               and toks[j][2][:1].isalnum() and (toks[j][2][:1].isupper() or toks[j][2].isdigit()
                                                 or self._in_timex(toks[j][0]))):
            j += 1
        return j

    def _gapped_date(self, event: Event, own: list[tuple[int, int, str]],
                     first: list[tuple[int, int, str]]) -> DateInfo:
        """The date of a gapped event: its own phrase's; none when only the first has one."""
        for t in self.timexes:
            if own and own[0][0] <= t.start < own[-1][1] and (t.earliest or t.latest):
                return DateInfo(t.value, t.earliest, t.latest,
                                "relative" if t.anchor_basis else "explicit")
        if any(self._in_timex(start) for start, _, _ in first):
            return DateInfo()
        return event.date

    def roles(self, trigger: TriggerMatch) -> tuple[list[Actor], list[Actor], str] | None:
        """The roles from the mentions of the actors layer; where a role stays empty and a name
        the layer left alone stands near the trigger, read again with the entity model's actors
        (unknown.py: the model runs at most once per sentence, only for such triggers)."""
        self.skipped_name = False
        found = self._roles(trigger)
        if (self.lang != "en" or (found is not None and found[0] and found[1]
                                  and not self.skipped_name)
                or not unknown.name_near(self.tokens_between(self._role_reach(trigger),
                                                             trigger.end + 80), self.mentions)):
            return found
        self._unknown_on = True
        try:
            again = self._roles(trigger)
        finally:
            self._unknown_on = False
        return again if again is not None else found

    def _role_reach(self, trigger: TriggerMatch) -> int:
        """Where the words a trigger's roles may be read from begin: its clause, or the
        sentence for a coordinated verb (its subject opens the sentence)."""
        return self.sent.start if self._coordinated(trigger) else self.left_limit(trigger.start)

    def _roles(self, trigger: TriggerMatch) -> tuple[list[Actor], list[Actor], str] | None:
        """(sources, targets, type), or None when the trigger has not the actors it needs.

        Active voice: the subject acts on the object. Passive voice ("was attacked by Russia"):
        the agent after "by" acts on the subject, and an event with no agent keeps its target.
        An `inverse` rule reads the subject as the target ("Ukraine received tanks from X").
        """
        rule = trigger.rule
        if rule.possessive:  # "Russia's invasion of Ukraine": the owner acts on the object
            owner = self.owner(trigger)
            if not owner:
                return None
            targets = [a for a in self.objects(trigger) if all(not _same(a, o) for o in owner)]
            if not targets and rule.type == "REJECT":  # "X's refusal to consider Y's nominee"
                targets = [a for a in self._owner_refused(trigger)
                           if all(not _same(a, o) for o in owner)]
            if rule.needs_target and not targets:
                return None
            return owner, targets, rule.type
        if rule.alone and self._act_follows(trigger):
            return None  # the act refused is an event of its own, with status "refused"
        possessor = self.possessor(trigger)
        if possessor is not None:  # "ordered Khashoggi's killing": the possessor suffers it
            return (self._agent_right_after(trigger), possessor, rule.type) if possessor else None
        subject = [] if rule.no_subject else self.subject(trigger)
        after_object = None
        passive = not rule.no_subject and self.passive(trigger)
        if self._hazard_acts(trigger, passive):
            return None  # "the hurricane killed 12": a hazard is no actor (PLOVER: by an actor)
        if passive and not subject and rule.type in EVALUATION_TYPES:
            subject = self._possessive_subject(trigger)  # "Russia's invasion was condemned"
        if passive and not subject:
            subject = self._named_after_noun(trigger.end)  # "were impeached: X and Y"
        if passive:
            sources, targets = self.agent(trigger), subject
            if rule.needs_agent and not sources:
                return None  # "were called to the scene": summoned, no phone call
            if rule.after_object:  # "Iran was told to release them": the subject was the object
                after_object = self._word_after(trigger.end)
        else:
            objects = self.objects(trigger) or self._shared_object(trigger)
            if len(objects) == 1 and self._between(trigger):
                objects = [*objects, *self._second_party()]
            if objects and self.object_end < len(self.object_tokens):
                after_object = self._after_object()
            if objects and self.object_possessive:
                after_object = "'s"  # "called Theresa May's deal lousy"
            if objects and rule.type in GOVERNING_TYPES and self._passive_infinitive():
                objects = []  # "urged for the National Guard to be brought in": no addressee
            if not objects:  # "fined Google and accused it of": a body named before
                objects = self._object_it(trigger, subject)
            if not objects:  # "released 50 Ukrainian prisoners", "dismissed Putin's offer"
                objects = self.inside(trigger)
            if not objects:
                objects = self._named_after_noun(trigger.end)
            if not objects and rule.far_object_via:
                objects = self.far_objects(trigger)
            sources, targets = (objects, subject) if rule.inverse else (subject, objects)
            if not rule.no_subject and not rule.inverse and self._undergone(trigger):
                sources, targets = self._undergone_from(trigger), subject
                doer = self._name_before_noun(trigger)
                if doer and not sources:  # "Iran faces new US sanctions": the US sanctions,
                    sources = list(doer.actors)  # the subject before the verb undergoes them
                    targets = self._subject_before(replace(trigger, start=doer.start,
                                                           end=doer.start))
            elif rule.no_subject and rule.inverse and not targets and self._undergone(trigger):
                targets = self.subject(trigger)  # "Serbia suffered attacks from NATO"
            if (rule.no_subject and rule.inverse and sources and not targets
                    and rule.type not in NEEDS_SOURCE):  # not the parties to a deal
                targets = self._target_after_doer()  # "a lawsuit filed by X against Y"
            if rule.no_subject and not rule.inverse:
                sources = self.agent(trigger)  # "the arrest of Navalny by Russia"
                if not sources and targets:
                    sources = self._agentive_subject(trigger)  # "Hamas orchestrated the attacks"
                if not sources and self._possessed(trigger) and targets:
                    sources = self.owner(trigger)  # "China's arrest of X": China arrests
                if not sources and targets:
                    sources = self._pronoun_owner(trigger)  # "Hamas defended its attack on"
                if not sources and targets:
                    sources = self._demonym_inside(trigger)  # "the Iranian attack on Israel"
            # no_subject + inverse: the group after the trigger are the parties themselves
            # ("the agreement signed between Turkey and Libya")
        if not targets and rule.type == "REJECT" and not passive:
            targets = self._owner_refused(trigger)  # "refused to consider Obama's nominee"
        if not targets and rule.type in ("ACCUSE", "SUPPORT") and sources and not passive:
            targets = (self._author_by(trigger)  # "condemned the move by Turkey": its author
                       or self.act_agent(trigger))  # "condemned the unprovoked attack": its attacker
        targets = [a for a in targets if all(not _same(a, s) for s in sources)]
        if rule.after_object and after_object not in rule.after_object:
            return None
        if after_object is not None and after_object in rule.not_after_object:
            self.undone = True
            return None  # "call Ukraine their homeland": a name given, no call
        if rule.unquoted_object and targets and not passive and self._quoted_object():
            return None  # a plan called "New Order": a name given, no call
        if not targets:
            follows = self.text[trigger.end : trigger.end + 16].lstrip()
            reciprocal = rule.reciprocal and (len(sources) > 1 or
                                              follows.startswith(("each other", "one another")))
            # "The plan was rejected by the EU": a passive with a named agent stands on it
            # when its subject names no actor ("she was forced by her family" names one)
            agent_only = passive and bool(sources) and not subject
            if rule.needs_target and not reciprocal and not agent_only:
                return None
        # "Police arrested Khan": an unnamed source is left out, the event stands on its target;
        # a meeting, deal or alliance is reported between named parties ("a lab called X").
        if not sources and (not targets or not (passive or rule.inverse) and (
                rule.type in NEEDS_SOURCE and not self._partner_of_unnamed(trigger)
                or self.opens_report(trigger))):
            return None
        event_type = rule.type
        if after_object:
            for new_type, words in rule.retype:
                if after_object in words:
                    event_type = new_type
            if rule.praised and event_type != rule.type and self._praises():
                event_type = rule.praised  # "called Biden a decent man": praise, no criticism
        return sources, targets, event_type

    def _partner_of_unnamed(self, trigger: TriggerMatch) -> bool:
        """The trigger takes its named partner by a preposition of partnership ("in talks with
        China", "spoke to Blake", "working alongside the police") and no name stands before it
        in the sentence: its doer is unnamed ("The company is in talks with China") and the
        event stands on its partner. A name before it is a doer the roles did not reach
        ("Hungary licensed ... then agreed with Airbus"): no event is better than a half one."""
        last = self.text[trigger.start : trigger.end].split()[-1].lower()
        if last not in self.grammar.partner_prepositions:
            return False
        toks = self.tokens_between(self.sent.start, trigger.start)
        return (not any(m.actors and m.start < trigger.start for m in self.mentions
                        if m.start >= self.sent.start)
                and not unknown.name_near(toks, self.mentions))

    def _hazard_acts(self, trigger: TriggerMatch, passive: bool) -> bool:
        """A natural hazard or a disease does the act: the subject right before an active
        trigger ("The Ebola outbreak has killed", "Hurricane Maria killed") or the agent after a
        passive one ("were killed by the storm") holds a word of the grammar's `hazards`."""
        hazards = self.grammar.hazards
        if not hazards or trigger.rule.no_subject or trigger.rule.inverse:
            return False
        if passive:
            toks = self.tokens_between(trigger.end, self.sent.end)[: MAX_AGENT_GAP + 1]
            by = next((k for k, (_, _, w) in enumerate(toks) if w.lower() in self.grammar.agent),
                      None)
            return by is not None and any(w.lower() in hazards for _, _, w in toks[by + 1 : by + 5])
        toks = self.tokens_between(self.left_limit(trigger.start), trigger.start)
        aux = self.grammar.passive_auxiliaries | AUXILIARIES
        while toks and (toks[-1][2].lower() in aux or _adverb(toks[-1][2])):
            toks = toks[:-1]
        return any(w.lower() in hazards for _, _, w in toks[-4:])

    def _word_after(self, at: int) -> str:
        """The first word at or after `at` in the sentence, lowercased ("" at its end), past a
        named agent ("was told by the IAEA to": "to")."""
        toks = self.tokens_between(at, self.sent.end)
        if toks and toks[0][2] == "by":
            k = 1
            while k < len(toks) and (toks[k][2] in {"the", "The"} or toks[k][2][:1].isupper()):
                k += 1
            toks = toks[k:]
        return toks[0][2].lower() if toks else ""

    def _passive_infinitive(self) -> bool:
        """A passive infinitive follows the object group ("to be brought in", "to be
        released"): the object undergoes what is asked or threatened, it is not asked."""
        words = [w.lower() for _, _, w in
                 self.object_tokens[self.object_end : self.object_end + 4]]
        if words[:2] != ["to", "be"]:
            return False
        rest = [w for w in words[2:] if not _adverb(w)]
        return bool(rest) and (_participle(rest[0]) or rest[0] in self.grammar.irregular_forms)

    def _quoted_object(self) -> bool:
        """A quote opens the object group: called "New Order"."""
        return any(w in {'"', "“"} for _, _, w in self.object_tokens[:self.object_end][:3])

    def _after_object(self) -> str:
        """The word after the object group, past the quote that closes a quoted object (a
        plan called "Build Back Better" is named, not called "...")."""
        toks, k = self.object_tokens, self.object_end
        word = toks[k][2].lower()
        quotes = sum(1 for _, _, w in toks[:k] if w == '"')
        if word == '"' and quotes % 2 == 1:
            return toks[k + 1][2].lower() if k + 1 < len(toks) else ""
        return word

    def _praises(self) -> bool:
        """The words after the object, up to the clause's end, hold a word of the grammar's
        `praise` ("called Trump's order swift, forceful and decisive")."""
        for _, _, word in self.object_tokens[self.object_end : self.object_end + 12]:
            if word in {";", ".", ":", "—", "–", "but", "though", "although", "while"}:
                return False  # "a liar but a brilliant showman": the first evaluation counts
            if word.lower() in self.grammar.praise:
                return True
        return False

    def _act_follows(self, trigger: TriggerMatch) -> bool:
        """Another trigger follows in the trigger's clause, or its next word is a cue verb of
        the syntactic fallback ("refused to exclude Lukashenko": the exclusion is refused), or,
        after a trigger ending in "that", a cue word stands in the clause it opens ("denied that
        he made any deal": the deal is denied)."""
        end = self.clause_end(trigger.end)
        if any(trigger.end <= t.start < end for t in self.triggers):
            return True
        from kronika.events.syntax import lexicon

        lex = lexicon(self.lang)
        nxt = self.tokens_between(trigger.end, self.sent.end)[:1]
        if bool(nxt) and nxt[0][2].lower() in lex.verbs:
            return True
        if not self.text[trigger.start : trigger.end].endswith("that"):
            return False
        words = (w.lower() for _, _, w in self.tokens_between(trigger.end, end))
        return any(w in lex.verbs or w in lex.nouns for w in words)

    def _author_by(self, trigger: TriggerMatch) -> list[Actor]:
        """The author named after "by" in the noun phrase a criticism is about: "condemned the
        decision by Turkey to ...", "attacked the proclamation of the Golan Heights as Israeli
        territory by Donald Trump", "condemned the arrest of X by Peru" (docs/ANNOTATION.md:
        criticism of a policy is an ACCUSE of its named author; of an act, of its doer)."""
        toks = self.tokens_between(trigger.end, self.clause_end(trigger.end))[:16]
        if not toks or toks[0][2].lower() not in {"the", "this", "that", "these", "those"}:
            return []
        for _, end, word in toks[1:]:
            if word.lower() in self.grammar.agent or word == "between":
                return self.objects_from(end, None)  # "the deal between X and Y": the parties
            if word in {"said", "and", "but", "or"}:
                return []
        return []

    def act_agent(self, trigger: TriggerMatch) -> list[Actor]:
        """The attacker of "the attack" a condemnation names right after its verb: the sources
        of the document's last assault before it (the attack just reported)."""
        words = [w.lower() for _, _, w in self.tokens_between(trigger.end, self.sent.end)[:6]]
        if not words or words[0] not in {"the", "this", "that", "these", "those"}:
            return []
        noun = next((w for w in words[1:] if w in ASSAULT_NOUNS), None)
        if noun is None:
            return []
        for e in reversed(self.earlier):
            if e.type == "ASSAULT" and e.sources:
                return list(e.sources)
        return []

    def possessor(self, trigger: TriggerMatch) -> list[Actor] | None:
        """The actors of "X's" right before a one-word trigger of a type done to someone
        ("Khashoggi's killing", "Navalny's arrest", "Baroni's convictions"); None where the
        trigger has no possessive before it."""
        if trigger.rule.type not in POSSESSED_TYPES or " " in self.text[trigger.start:trigger.end]:
            return None
        before = self.text[max(self.sent.start, trigger.start - 3) : trigger.start]
        if not before.rstrip().endswith(("'s", "’s")):
            return None
        return self.owner(trigger)

    def _agent_right_after(self, trigger: TriggerMatch) -> list[Actor]:
        """The doer of a possessed act named by "by" right after it: "Navalny's arrest by
        Russia" (Russia arrests); not an agent further on ("Navalny's arrest was condemned by
        Germany" is the condemnation's)."""
        nxt = self.tokens_between(trigger.end, self.sent.end)[:1]
        if not nxt or nxt[0][2].lower() not in self.grammar.agent:
            return []
        return self.objects_from(nxt[0][1], None)

    def _possessive_subject(self, trigger: TriggerMatch) -> list[Actor]:
        """The owner "X's" that opens the subject of a passive trigger: "Russia's invasion of
        Ukraine was condemned by France" condemns Russia, the author of what is condemned."""
        limit = self.left_limit(trigger.start)
        toks = self.tokens_between(limit, trigger.start)
        words = [w.lower() for _, _, w in toks]
        if not toks or (words[0] in DETERMINERS and len(words) > 1):
            toks = toks[1:] if toks and words[0] in DETERMINERS else toks
        if not toks:
            return []
        m = self._mention_at(toks[0][0], toks[0][1])
        if m is None or not m.actors or not self.text.startswith(("'s", "’s"), m.end):
            return []
        if any(m.end < t.start <= m.end + 4 and t.rule.type in POSSESSED_TYPES
               and not t.rule.possessive for t in self.triggers):
            return []  # "Navalny's arrest was condemned": Navalny suffered the act
        return list(m.actors)

    def _pronoun_owner(self, trigger: TriggerMatch) -> list[Actor]:
        """The antecedent in the sentence of the possessive pronoun that opens a noun trigger:
        "Hamas defended its attack on Israel" (its: the nearest body or country before),
        "his", "her" (a person), "their" (a group)."""
        first = self.text[trigger.start : trigger.end].split()[0].lower()
        subject = POSSESSIVE_PRONOUNS.get(first)
        if subject is None:
            return []
        found = self.pronoun(subject, trigger.start)
        # a name of the sentence, known or not ("Halloran defended his attack on Kowalski")
        named = {a.name for m in [*self.mentions, *self._unknown_mentions()]
                 if self.sent.start <= m.start and m.end <= trigger.start for a in m.actors}
        return found if any(a.name in named for a in found) else []

    def _possessed(self, trigger: TriggerMatch) -> bool:
        """A possessive "X's" stands right before the trigger."""
        before = self.text[max(self.sent.start, trigger.start - 3) : trigger.start]
        return before.rstrip().endswith(("'s", "’s"))

    def _owns_event(self, end: int) -> bool:
        """The name ending at `end` is the possessor ("X's") of a trigger coded as an event."""
        if not self.text.startswith(("'s", "’s", "'", "’"), end):
            return False
        return any(end < t.start <= end + 4 and t.start in self.coded for t in self.triggers)

    def owner(self, trigger: TriggerMatch) -> list[Actor]:
        """The actors of the name before "'s" (or "s'") right before the trigger."""
        toks = self.tokens_between(self.sent.start, trigger.start)
        if toks and toks[-1][2] in {"'", "’"}:
            toks = toks[:-1]
        if not toks:
            return []
        m = self._mention_at(toks[-1][0], toks[-1][1])
        if m is None:
            return []
        return [*self._owners_joined_to(toks, m), *m.actors]

    def _owners_joined_to(self, toks: list[tuple[int, int, str]], last: Mention) -> list[Actor]:
        """The names joined by "and" (and commas) to the one before a possessive: "'s" closes
        the whole group ("Kelly and Baroni's convictions", "Biden and Blinken's visit": both
        own it). Only names of one kind, people with people, bodies with bodies (a name the
        knowledge base lacks may be either)."""
        kinds = self._name_kinds(last)
        out: list[Actor] = []
        i = next((k for k, t in enumerate(toks) if t[1] > last.start), len(toks))
        joiner = "and"
        while i >= 2 and toks[i - 1][2] == joiner:
            m = self._mention_at(toks[i - 2][0], toks[i - 2][1])
            if m is None or not m.actors or m.end != toks[i - 2][1]:
                break
            kinds &= self._name_kinds(m)
            if not kinds:
                break
            out = [*m.actors, *out]
            i = next((k for k, t in enumerate(toks) if t[1] > m.start), i - 2)
            joiner = ","
        return out

    @staticmethod
    def _name_kinds(m: Mention) -> set[str]:
        """"person" or "body" for a known name; both for one the knowledge base lacks."""
        if m.rule == "unknown-name":
            return {"person", "body"}
        return {"person" if all(a.kind == "person" for a in m.actors) else "body"}

    def opens_report(self, trigger: TriggerMatch) -> bool:
        """The trigger opens what a frame reports ("Biden announces first sanctions against
        Russia"): whether the speaker also acts is not said, so no source is no unnamed one."""
        return any(f.content_start <= trigger.start < f.content_end and len(
            self.tokens_between(f.content_start, trigger.start)) <= 2 for f in self.frames)

    def passive(self, trigger: TriggerMatch) -> bool:
        """A be-auxiliary (adverbs aside) right before a trigger that is no -ing form."""
        aux = self.grammar.passive_auxiliaries
        words = self.text[trigger.start : trigger.end].lower().split()
        # "had been allied with": a state, not an act done to the subject; but "was charged
        # with" is: only a reciprocal trigger (alliance, talks) ending in a preposition is a state
        if not aux or words[0].endswith("ing") or words[0] in PREPOSITIONS or (
                len(words) > 1 and words[-1] in PREPOSITIONS and trigger.rule.reciprocal):
            return False  # ("is under EU sanctions": a preposition is no participle)
        limit = self.left_limit(trigger.start)
        toks = self.tokens_between(limit, trigger.start)
        for k in range(len(toks) - 1, -1, -1):
            w = toks[k][2].lower()
            if w in aux:
                return True
            if w in {"and", "or", ","} and k and _participle(toks[k - 1][2]):
                continue  # "was arrested and charged", "is indicted or convicted"
            if _participle(toks[k][2]) and k + 1 < len(toks) and toks[k + 1][2].lower() in {
                    "and", "or", ","}:
                continue
            if not (w in self.grammar.passive_adverbs or _adverb(toks[k][2])):
                return self._reduced_passive(trigger)
        return self._reduced_passive(trigger)

    def _reduced_passive(self, trigger: TriggerMatch) -> bool:
        """A past participle with no auxiliary, right before "by" and a named agent: "in an
        operation supported by Russia", "the plan, criticized by France," (a reduced relative);
        of a type that judges or is done to someone."""
        words = self.text[trigger.start : trigger.end].split()
        if (len(words) != 1 or not _participle(words[0])
                or trigger.rule.type not in (*EVALUATION_TYPES, *POSSESSED_TYPES)):
            return False  # "data released by the Navy": no act done to anyone
        nxt = self.tokens_between(trigger.end, self.sent.end)[:1]
        return bool(nxt) and nxt[0][2].lower() in self.grammar.agent and bool(self.agent(trigger))

    def agent(self, trigger: TriggerMatch) -> list[Actor]:
        """The actors after "by" a few words after a passive trigger."""
        return self._group_after_word(trigger, self.grammar.agent)

    def _group_after_word(self, trigger: TriggerMatch, words: frozenset[str]) -> list[Actor]:
        """The actors after one of `words` a few words after the trigger, within its clause;
        not after a passive verb of the event noun's clause ("The attack on Kyiv was condemned
        by Germany": Germany condemns, it does not attack), unless a relative pronoun opens
        it ("an attack that was claimed by Hamas") or the verb is one of doing ("was carried
        out by Hamas")."""
        toks = self.tokens_between(trigger.end, self.sent.end)[: MAX_AGENT_GAP + 1]
        for k, (_, end, word) in enumerate(toks):
            if word.lower() in words:
                return self.objects_from(end, None)
            if word in {",", ";", ":", "—", "–"}:
                break
            if (trigger.rule.no_subject and word.lower() in self.grammar.passive_auxiliaries
                    and (k == 0 or toks[k - 1][2].lower() not in RELATIVE_WORDS)
                    and not self._doing_next(toks[k + 1 :])):
                break
        return []

    def _doing_next(self, toks: list[tuple[int, int, str]]) -> bool:
        """A verb of doing (grammar `agentive`) opens the tokens: "the attack was carried out
        by Hamas" names the noun's doer."""
        words = tuple(w.lower() for _, _, w in toks[:3])
        return any(words[: len(p)] == p for p in self.grammar.agentive)

    def _undergone(self, trigger: TriggerMatch) -> bool:
        """The trigger is an event noun its subject undergoes: a support verb of the grammar's
        `undergo` stands right before it, a determiner and two lower-case modifiers aside
        ("faced new sanctions", "was subjected to harsh criticism", "came under attack")."""
        words = [w.lower() for _, _, w in self.tokens_between(
            self.left_limit(trigger.start), trigger.start)][-6:]
        first = self.text[trigger.start : trigger.end].split()[0].lower()
        if first in self.grammar.noun_before:
            words.append(first)  # a trigger that takes its determiner in: "the attack"
        for _ in range(3):
            if any(tuple(words[-len(p):]) == p for p in self.grammar.undergo):
                return True
            if not words or not (words[-1] in self.grammar.noun_before or words[-1].isalpha()):
                return False
            words.pop()  # a determiner or a modifier: "faced (new) sanctions"
        return any(tuple(words[-len(p):]) == p for p in self.grammar.undergo)

    def _name_before_noun(self, trigger: TriggerMatch) -> Mention | None:
        """A country's or a body's name that qualifies a noun trigger, a modifier or two aside
        ("new US sanctions", "Ukrainian drone attack"): the noun's doer."""
        before = self.tokens_between(self.left_limit(trigger.start), trigger.start)[-3:]
        if len(before) > 1 and before[-1][2].isalpha() and before[-1][2].islower():
            before = before[:-1]  # "drone" in "Ukrainian drone attack"
        if len(before) < 2 or not before[-2][2].islower():
            return None  # the name follows a verb, a determiner or a modifier
        m = self._mention_at(before[-1][0], before[-1][1])
        if (m is None or m.end != before[-1][1] or not m.actors
                or any(a.kind == "person" for a in m.actors)
                or self.text.startswith(("'s", "’s", "'", "’"), m.end)):
            return None
        return m

    def _undergone_from(self, trigger: TriggerMatch) -> list[Actor]:
        """Who does what the subject undergoes: the group after "from"/"by" a few words after
        the noun ("faced criticism on Monday from France")."""
        return self._group_after_word(trigger, self.grammar.undergo_from)

    def _named_after_noun(self, at: int) -> list[Actor]:
        """People an apposition names after an unnamed noun phrase that follows `at`: "detained
        a man, later identified as X", "impeached two judges, X and Y", "criticized its
        neighbour, Belarus," — or after a colon: "were impeached: X and Y". The phrase is a few
        lower-case words (a determiner, a number, a noun); the names close the clause."""
        toks = self.tokens_between(at, self.sent.end)[:MAX_OBJECT_TOKENS]
        k = 0
        while k < len(toks) and k < 4 and toks[k][2].isalpha() and toks[k][2].islower():
            k += 1
        if k >= len(toks) or toks[k][2] not in {",", ":"} or (k == 0) != (toks[k][2] == ":"):
            return []  # a noun phrase before a comma; a colon right after the trigger
        k += 1
        while k < len(toks) and toks[k][2] in APPOSITION_LEADS:
            k += 1  # ", later identified as X", ", named X"
        if k >= len(toks):
            return []
        m = self._mention_at(toks[k][0], toks[k][1])
        if m is None or m.start != toks[k][0] or not m.actors or m.rule.startswith(
                "unknown") and m.text.split()[0].lower() in DETERMINERS:
            return []  # "released a book, The Room Where It Happened,": a title, no actor
        found = self.objects_from(toks[k][0], None)
        after = [w for s, _, w in self.object_tokens[self.object_end : self.object_end + 1]]
        return found if not after or after[0] in {",", ".", ";", "for", "over", "in", "on"} else []

    def _target_after_doer(self) -> list[Actor]:
        """The target of a noun whose doer follows it ("a lawsuit filed by X", "attacks from
        X"), named after the doer by "against" or "on" (a time phrase may stand between): "a
        lawsuit filed by the Senate on Sunday against X", "rocket attacks from X on Y"."""
        toks, k = self.object_tokens, self.object_end
        for _, end, word in toks[k : k + 6]:
            if word in {",", ";", ":", "—", "–", "and", "but"}:
                return []
            if word.lower() in TARGET_AFTER_DOER:
                found = self.objects_from(end, None)
                if found:
                    return found
        return []

    def _object_it(self, trigger: TriggerMatch, subject: list[Actor]) -> list[Actor]:
        """"it" as the object right after a verb: the nearest body or country named alone
        before it in the sentence, not after a preposition, other than the verb's subject ("The EU fined Google and
        accused it of ...": Google; "Russia seized the tanker and accused it": no one, a
        subject is its own object only as "itself"). "it" that opens a clause ("warned it
        would") is no object: a preposition, "and" or a stop must follow it."""
        toks = self.tokens_between(trigger.end, self.sent.end)[:2]
        if not toks or toks[0][2] != "it" or not subject:
            return []  # with no subject known, "it" may be the subject's own
        if len(toks) > 1 and toks[1][2] not in PREPOSITIONS | COORDINATORS | {"or"} and (
                toks[1][2][:1].isalnum() and not self._in_timex(toks[1][0])
                and not _adverb(toks[1][2]) and toks[1][2] not in AUXILIARIES | {"again"}):
            return []
        named = [*self.mentions, *self._unknown_mentions()]  # "fined Google": a name the KB lacks
        before = sorted((m for m in named if self.sent.start <= m.start and m.end <= trigger.start),
                        key=lambda m: m.end)
        for m in reversed(before):
            if self._after_preposition(m.start):
                continue  # "accused Russia of aggression against Ukraine and sanctioned it"
            if len(m.actors) == 1 and m.actors[0].kind in {"country", "organisation", "group"}:
                return [] if any(_same(m.actors[0], s) for s in subject) else list(m.actors)
        return []

    def _agentive_subject(self, trigger: TriggerMatch) -> list[Actor]:
        """The subject of a verb of doing right before a noun trigger (grammar `agentive`):
        "Hamas orchestrated the attacks on Israel", "Iran carried out the bombing of" (the
        doer of the noun's act is the verb's subject)."""
        toks = self.tokens_between(self.left_limit(trigger.start), trigger.start)
        if toks and toks[-1][2].lower() in self.grammar.noun_before:
            toks = toks[:-1]  # "ordered the": the determiner outside the trigger
        for phrase in self.grammar.agentive:
            words = toks[-len(phrase):]
            if len(words) == len(phrase) and tuple(w.lower() for _, _, w in words) == phrase:
                # the verb has a subject of its own, shared with an earlier verb where it is
                # coordinated ("Putin founded Wagner and ordered the attacks": Putin)
                verb = replace(trigger, start=words[0][0], end=words[-1][1],
                               rule=replace(trigger.rule, no_subject=False))
                return [] if self.passive(verb) else self.subject(verb)
        return []

    def _demonym_inside(self, trigger: TriggerMatch) -> list[Actor]:
        """The country whose demonym qualifies a noun trigger, between its determiner and its
        head: "the Iranian attack on Israel", "a Russian missile strike on Kyiv" (the state
        acts, as "Russian forces" stand for Russia)."""
        first_end = trigger.start + len(self.text[trigger.start : trigger.end].split()[0])
        for m in self.mentions[bisect_left(self.mention_starts, first_end):
                               bisect_left(self.mention_starts, trigger.end)]:
            if m.rule == "demonym" and m.actors and all(a.kind == "country" for a in m.actors):
                return list(m.actors)
        return []

    def _shared_object(self, trigger: TriggerMatch) -> list[Actor]:
        """The object of the next trigger when the two verbs are coordinated before it ("France
        criticized and sanctioned Iran", "condemned and then expelled"): they share it."""
        toks = self.tokens_between(trigger.end, self.sent.end)[:4]
        if not toks or toks[0][2] not in COORDINATORS | {"or"}:
            return []
        k = 1
        while k < len(toks) and (toks[k][2] in AUXILIARIES or _adverb(toks[k][2])):
            k += 1
        if k >= len(toks):
            return []
        nxt = next((t for t in self.triggers if t.start == toks[k][0]), None)
        if nxt is None or nxt.rule.possessive or nxt.rule.no_subject or nxt.rule.inverse:
            return []
        return self.objects(nxt)

    def inside(self, trigger: TriggerMatch) -> list[Actor]:
        """Actors named inside a multi-word trigger, after its first word."""
        first_end = trigger.start + len(self.text[trigger.start : trigger.end].split()[0])
        group = _Group()
        for m in self.mentions[bisect_left(self.mention_starts, first_end):
                               bisect_left(self.mention_starts, trigger.end)]:
            if first_end < m.start and m.end <= trigger.end:
                group.add(m.actors, m.start)
        if not group.actors and self._unknown_on:  # "placed Mugabe under house arrest"
            for start, stop, _ in self.tokens_between(first_end, trigger.end):
                m = self._mention_at(start, stop)
                if m is not None and first_end < m.start and m.end <= trigger.end:
                    group.add(m.actors, m.start)
        return group.actors

    def far_objects(self, trigger: TriggerMatch) -> list[Actor]:
        """The group after one of the rule's `far_object_via` words later in the clause."""
        end = self.clause_end(trigger.end)
        for _, stop, word in self.tokens_between(trigger.end, end):
            if word.lower() in trigger.rule.far_object_via:
                return self.objects_from(stop, None, end, places=True)
        return []

    def _after_end(self, trigger: TriggerMatch) -> int:
        """Status cues after a trigger count up to the next trigger or the fronted clause end."""
        end = self.sent.end
        if self.fronted and trigger.start < self.fronted[1]:
            end = self.fronted[1]
        k = bisect_right(self.trigger_starts, trigger.start)
        if k < len(self.triggers):
            end = min(end, self.triggers[k].start)
        return end

    def date_of(self, trigger: TriggerMatch, status: str) -> DateInfo:
        limit = self.left_limit(trigger.start)
        clause_end = self.clause_end(trigger.end)
        frame_spans = [(f.start, f.end) for f in self.frames]
        usable = [t for t in self.timexes
                  if (t.earliest or t.latest) and t.type in ("DATE", "DURATION")
                  and not any(a <= t.start and t.end <= b for a, b in frame_spans)
                  and not self._in_noise(t.start, t.end)]
        # a time expression that starts inside the clause belongs to it even when it runs past
        # a comma: "spoke on Thursday, December 30, for an hour"
        listed = _NAME_LIST.match(self.text, clause_end)
        own = [t for t in usable if limit <= t.start < clause_end
               or listed and _RIGHT_AFTER.fullmatch(self.text, listed.end(), t.start)]
        if not own and len(usable) == 1 and not self.fronted:
            own = usable  # one date in the sentence: "communicated on May 5, they held talks"
        if len(own) > 1:  # "met X on Monday, and Y spoke with Z on Tuesday": Monday is X's
            own = [t for t in own if not _NEW_CLAUSE.search(self.text, t.end, trigger.start)] or own
        if own:
            t = min(own, key=lambda t: min(abs(t.start - trigger.end), abs(trigger.start - t.end)))
            basis = "relative" if t.anchor_basis else "explicit"
            return DateInfo(t.value, t.earliest, t.latest, basis)
        fronted = self.fronted
        anchor = self.said[1] if self.said and self.said[1] else self.doc.published
        if fronted and trigger.start > fronted[1]:
            kind, end = fronted
            inside = [t for t in usable if self.sent.start <= t.start < end]
            if inside and kind in ("After", "Since", "Once"):
                t = inside[-1]
                return DateInfo(None, t.earliest, anchor, "relative")
            if inside and kind in ("Before", "Until"):
                return DateInfo(None, None, inside[-1].latest, "relative")
            if inside and kind in ("When", "While"):  # at the same time ("As of Monday": no)
                t = inside[-1]
                return DateInfo(t.value, t.earliest, t.latest,
                                "relative" if t.anchor_basis else "explicit")
        if self.said and self.said[1] and self._attributed(trigger):
            return DateInfo(None, None, self.said[1], "relative")
        if (status == "occurred" and self.doc.title and self.sent.text == self.doc.title.strip()
                and self.doc.published):
            p = self.doc.published
            return DateInfo(p.isoformat(), p, p, "published")
        return DateInfo()

    def _in_noise(self, start: int, end: int) -> bool:
        n = self.doc.noise_covering(start, end)
        return n is not None

    def _attributed(self, trigger: TriggerMatch) -> bool:
        return any(f.content_start <= trigger.start < f.content_end for f in self.frames)

    def attribution(self, trigger: TriggerMatch) -> Attribution | None:
        for f in self.frames:
            if not (f.content_start <= trigger.start < f.content_end):
                continue
            said = f.date.earliest if f.date is not None else None
            inherited = None
            if self.said and self.said[0] == f:
                said, inherited = self.said[1], self.said[2]
            # "According to him": the speaker is the one whose dated words this continues.
            if f.refers_back and inherited is not None:
                speaker = self._speaker(inherited)
            else:
                speaker = self._speaker(f)
            return Attribution(f.start, f.end, f.text, speaker, said, self._cited(f, trigger))
        return None

    def _cited(self, frame: Frame, trigger: TriggerMatch) -> tuple[Actor, ...]:
        """Whom a frame's speaker cites, outermost first: "citing the Pentagon", and the speaker
        of a frame nested in its content ("Reuters reported that the Pentagon said …")."""
        out = (self._actor_in(frame.cited, False),) if frame.cited is not None else ()
        if frame.content_end - frame.content_start >= 12:
            content = Sentence(frame.content_start, frame.content_end,
                               self.text[frame.content_start : frame.content_end])
            for inner in find_frames(self.text, content, self.timexes):
                if (inner.content_start <= trigger.start < inner.content_end
                        and inner.speaker is not None and not inner.refers_back):
                    out = (*out, self._speaker(inner), *self._cited(inner, trigger))
                    break
        return tuple(a for a in out if a is not None)

    def _speaker(self, frame: Frame) -> Actor | None:
        return None if frame.speaker is None else self._actor_in(frame.speaker, frame.refers_back)

    def _actor_in(self, sp: Span, refers_back: bool) -> Actor | None:
        """The actor a speaker's or a cited source's words name: a mention's, a pronoun's
        antecedent, else the words themselves ("a source in the ministry")."""
        for m in self.doc.mentions:
            if m.start < sp.end and sp.start < m.end and m.actors:
                return m.actors[0]
        words = sp.text.strip()
        if refers_back or words.lower() in {"he", "him", "she", "her", "they", "them"}:
            found = self.pronoun(words.split()[0], sp.start)
            return found[0] if found else None
        return Actor(text=words, name=words)


@cache
def _place(words: str, on: date | None) -> tuple[Actor, ...]:
    """The actors a name the actors layer read as a place stands for, read alone: "Kyiv" ->
    Ukraine, "(calls from) Austin" -> Lloyd Austin (from the actors KB, no model)."""
    from kronika.actors import find

    found = find(words, [(0, len(words))], on, None)
    return tuple(a for r in found for a in r.actors)


def _confidence(d: DateInfo, att: Attribution | None, hedged: bool, sources: Sequence[Actor],
                targets: Sequence[Actor]) -> float:
    c = 0.5
    if att is not None and att.speaker is not None:
        c += 0.2
    if d.dated:
        c += 0.1
    if all(a.id for a in (*sources, *targets)):
        c += 0.1
    if hedged:
        c -= 0.3
    return round(min(max(c, 0.05), 0.95), 2)
