"""Russian events where no trigger rule fires: a broad cue lexicon (`ru.cues.yaml`) and roles
from a dependency parse (natasha's NewsSyntaxParser, Universal Dependencies).

A sentence is parsed only when it holds a cue word (its pymorphy3 normal form is in the lexicon)
and an actor mention; all such sentences of a document go through the parser in one batch. A
cue gives an event only when the parse attaches an actor to it:

    nsubj                        -> source      nsubj:pass         -> target
    obj, iobj                    -> target      obl:agent, ablt    -> source (passive)
    obl/nmod with a cue's preposition («с», «против», «на» …)       -> target
    a noun cue's bare genitive («арест Навального», «визит Путина») -> the cue's `genitive` role
    no subject of its own: the subject of the verb it depends on («пытался связаться»,
    «осуществил нападение»), the noun a participle hangs on («задержанный полицией Петров»)

An argument's actor is the mention on its head word, else the first mention in its name-like
dependents (appos, flat, nmod: «комиссия Всемирного антидопингового агентства»); a coordinated
argument («Остин и Милли») gives one actor per conjunct. Status, negation, hedging, date and
attribution come from the rule coder's own machinery (`ru._Sentence.event`).

Example:
    >>> [c.cue.name for c in find_cues("Переговоры Путина и Эрдогана длились три часа.", 0, 47)]
    ['ru-cue-consult']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from kronika.document import PLOVER_TYPES, Actor, Document, Event, Mention, Sentence
from kronika.errors import RuleFileError
from kronika.events import ru
from kronika.events.ru import RuRule, _agents, _analyse, _fold
from kronika.rules import load_rules, require_keys
from kronika.timex.grammar import morph

_WORD = re.compile(r"\w+(?:-\w+)*")
# Relations through which an argument's head word leads to the name of who it is.
_NAME_RELS = ("appos", "flat", "flat:name", "flat:foreign", "nmod")
# How deep under an argument's head word a mention is looked for («министр обороны России»).
NAME_DEPTH = 2
# How many verbs up a subject is borrowed from («хотел попытаться связаться»).
CLIMB = 3
_PASSIVE_RELS = frozenset({"nsubj:pass", "aux:pass"})
# Longer sentences are not parsed: a bound on the work per sentence (run-on text, tables
# flattened to text); the parse of news sentences this long is less reliable too, and on
# Russian Wikinews they are 2 % of the sentences with a cue and an actor but 7 % of the words.
MAX_PARSE_WORDS = 50
# Verbs whose subject undergoes what their noun names («подвергся критике», «стал жертвой»).
_UNDERGO_VERBS = frozenset({"подвергнуться", "подвергаться"})
# Prepositions that make an event noun a circumstance or a charge's content, not an event.
_CIRCUMSTANCE = frozenset({"по", "при", "в", "во", "для", "без", "после", "до", "из-за", "за",
                           "среди", "под", "ради", "вместо", "из", "перед", "накануне",
                           "в связи с", "в отношении"})
# Verbs whose subject does what their object noun names («выразил соболезнования», «совершил
# нападение», «вышли на шествие», «присоединилась к санкциям»); with any other verb the noun's doer is unknown («отказался признать обвинения»).
_LIGHT_VERBS = frozenset({
    "выразить", "выражать", "осуществить", "осуществлять", "совершить", "совершать", "провести",
    "проводить", "оказать", "оказывать", "начать", "начинать", "объявить", "объявлять",
    "выдвинуть", "выдвигать", "предъявить", "предъявлять", "организовать", "устроить",
    "ввести", "вводить", "наложить", "подписать", "подписывать", "направить", "направлять",
    "возобновить", "продолжить", "продолжать", "предпринять", "высказать", "высказывать",
    "выйти", "выходить", "выступить", "выступать", "присоединиться", "присоединяться"})


@dataclass(frozen=True)
class Cue:
    name: str
    type: str
    lemmas: tuple[str, ...]
    mode: str | None = None
    preps: frozenset[str] = frozenset()
    genitive: str = "target"
    needs_target: bool = False
    examples: tuple[str, ...] = ()


@dataclass(frozen=True)
class CueHit:
    start: int
    end: int
    cue: Cue


@cache
def cues() -> dict[str, Cue]:
    """The cue lexicon: normal form -> cue."""
    data = load_rules("kronika.events", "ru.cues.yaml")
    found = _navec_words()
    unknown = set(found) - {item.get("name") for item in data["cues"]}
    if unknown:
        raise RuleFileError(f"events/ru.cues.navec.yaml: no cue named {sorted(unknown)[0]!r} "
                            "in ru.cues.yaml")
    out: dict[str, Cue] = {}
    for item in data["cues"]:
        require_keys(item, ("name", "type", "lemmas"), "events/ru.cues.yaml")
        item = {**item, "lemmas": [*item["lemmas"], *found.get(item["name"], ())]}
        if item["type"] not in PLOVER_TYPES:
            raise RuleFileError(f"events/ru.cues.yaml: cue {item['name']!r} has type "
                                f"{item['type']!r}, which is not a PLOVER type")
        if item.get("genitive", "target") not in ("source", "target"):
            raise RuleFileError(f"events/ru.cues.yaml: cue {item['name']!r}: genitive must be "
                                "'source' or 'target'")
        cue = Cue(item["name"], item["type"], tuple(item["lemmas"]), item.get("mode"),
                  frozenset(item.get("preps", ())), item.get("genitive", "target"),
                  bool(item.get("needs_target", False)), tuple(item.get("examples", ())))
        for lemma in cue.lemmas:
            lemma = lemma.replace("ё", "е")
            if lemma in out:
                raise RuleFileError(f"events/ru.cues.yaml: the lemma {lemma!r} is in both "
                                    f"{out[lemma].name!r} and {cue.name!r}; keep it in one")
            out[lemma] = cue
    return out


@cache
def _navec_words() -> dict[str, list[str]]:
    """The words ru.cues.navec.yaml adds to each cue (its name -> lemmas)."""
    data = load_rules("kronika.events", "ru.cues.navec.yaml")
    out: dict[str, list[str]] = {}
    for name, words in (data.get("added") or {}).items():
        for word in words:
            require_keys(word, ("lemma", "from", "cos"), "events/ru.cues.navec.yaml")
        out[name] = [w["lemma"] for w in words]
    return out


@cache
def reviewed() -> frozenset[str]:
    """Every word of ru.cues.navec.yaml, added or dropped: the candidates already reviewed."""
    dropped = load_rules("kronika.events", "ru.cues.navec.yaml").get("dropped", ())
    words = [w for group in _navec_words().values() for w in group] + list(dropped)
    return frozenset(w.replace("ё", "е") for w in words)


@cache
def _not_under() -> frozenset[str]:
    """Verbs under which a cue noun names no act (`not_under` in ru.cues.yaml)."""
    return frozenset(load_rules("kronika.events", "ru.cues.yaml").get("not_under", ()))


@lru_cache(maxsize=65536)
def _normal_form(word: str) -> str:
    """The likeliest reading's normal form («критик» is the critic, not «критика»)."""
    return morph().parse(word)[0].normal_form.replace("ё", "е")


@cache
def _forms() -> frozenset[str]:
    """Every inflected form of every cue lemma (ё written е): a set look-up per word, so that
    only the rare word that may be a cue is analysed by pymorphy3."""
    from kronika.timex.grammar import word_forms

    return frozenset(_fold(f) for lemma in cues() for f in word_forms(lemma))


def find_cues(text: str, start: int, end: int) -> list[CueHit]:
    """The cue words of text[start:end] (the cheap filter: a set look-up per word, then the
    likeliest reading's normal form for the few that may be cues)."""
    lexicon, forms = cues(), _forms()
    out = []
    for m in _WORD.finditer(text, start, end):
        word = _fold(m.group())
        if word not in forms:
            continue
        cue = lexicon.get(_normal_form(word))
        if cue is not None:
            out.append(CueHit(m.start(), m.end(), cue))
    return out


def wants_parse(doc: Document, sent: Sentence) -> list[CueHit]:
    """The cues of a sentence worth parsing: it has a cue and an actor mention, and at most
    MAX_PARSE_WORDS words."""
    if not any(sent.start <= m.start < sent.end for m in doc.mentions):
        return []
    hits = find_cues(doc.text, sent.start, sent.end)
    if hits and len(_WORD.findall(sent.text)) > MAX_PARSE_WORDS:
        return []
    return hits


# roles from the parse ------------------------------------------------------------------------

class _Tree:
    """One parsed sentence and the mentions on its words."""

    def __init__(self, words: Sequence, mentions: Sequence[Mention]) -> None:  # Dependency
        self.words = words
        self.kids: list[list[int]] = [[] for _ in words]
        for i, w in enumerate(words):
            if 0 <= w.head < len(words) and w.head != i:
                self.kids[w.head].append(i)
        self.mention: list[Mention | None] = []
        for w in words:
            self.mention.append(next((m for m in mentions if m.start <= w.start < m.end), None))

    def prep(self, i: int) -> str | None:
        """The preposition of word i, a fixed phrase whole («со стороны», «в отношении»)."""
        for k in self.kids[i]:
            if self.words[k].rel == "case":
                fixed = [self.words[f].text for f in self.kids[k] if self.words[f].rel == "fixed"]
                return " ".join([self.words[k].text, *fixed]).lower()
        return None

    def circumstance(self, i: int) -> bool:
        """Whether noun i, or a noun it hangs on (up to NAME_DEPTH up), stands after a
        preposition of circumstance («по просьбе», «за ратификацию договора»)."""
        for _ in range(NAME_DEPTH + 1):
            if self.prep(i) in _CIRCUMSTANCE:
                return True
            if self.words[i].rel != "nmod" or self.words[i].head < 0:
                return False
            i = self.words[i].head
        return False

    def not_under(self, i: int) -> bool:
        """Whether noun i is the object or an oblique of a verb under which it names no act
        («пользуется поддержкой», «рассчитывает на помощь»; ru.cues.yaml `not_under`)."""
        head = self.words[i].head
        return self.words[i].rel in ("obj", "obl", "iobj") and head >= 0 and \
            _lemma(self.words[head].text) in _not_under()

    def attribute(self, i: int) -> bool:
        """Whether noun i is a bare genitive on another noun, naming a kind of it, not an event
        («агентство расследований», «комитет защиты»); under an event noun it is the event's
        content («ратификация соглашения»)."""
        head = self.words[i].head
        return self.words[i].rel == "nmod" and self.prep(i) is None and head >= 0 and \
            _pos(self.words[head].text) == "NOUN" and \
            _normal_form(self.words[head].text.lower()) not in cues()

    def actors(self, i: int) -> list[Actor]:
        """Who word i names: its mention, else the first in its name-like dependents; and the
        same for each word coordinated with it."""
        out: list[Actor] = []
        for k in [i, *(k for k in self.kids[i] if self.words[k].rel == "conj")]:
            for a in self._named(k, 0):
                if a not in out:
                    out.append(a)
        return out

    def _named(self, i: int, depth: int) -> tuple[Actor, ...]:
        if self.mention[i] is not None:
            return self.mention[i].actors
        if depth >= NAME_DEPTH:
            return ()
        for rel in _NAME_RELS:
            for k in self.kids[i]:
                if self.words[k].rel == rel and self.prep(k) is None:
                    found = self._named(k, depth + 1)
                    if found:
                        return found
        if _lemma(self.words[i].text) in _agents():  # «японские власти»: the state's body
            for k in self.kids[i]:
                if self.words[k].rel == "amod" and self.mention[k] is not None:
                    return self.mention[k].actors
        return ()


def _pos(word: str) -> str | None:
    return _analyse(word.lower()).pos


def _lemma(word: str) -> str:
    return _analyse(word.lower()).lemma


def _case(word: str, case: str) -> bool:
    return case in _analyse(word.lower()).cases


def roles(tree: _Tree, i: int, cue: Cue) -> tuple[list[Actor], list[Actor]]:
    """Sources and targets of cue word i from the parse."""
    words = tree.words
    me = _analyse(words[i].text.lower())
    noun = me.pos == "NOUN"
    passive = me.passive or any(words[k].rel in _PASSIVE_RELS for k in tree.kids[i])
    subj: list[int] = []
    obj: list[int] = []
    for k in tree.kids[i]:
        rel, prep = words[k].rel, tree.prep(k)
        if rel == "nsubj":
            subj.append(k)
        elif rel == "nsubj:pass":
            obj.append(k)
        elif rel == "obl:agent":
            subj.append(k)
        elif rel in ("obj", "iobj"):
            obj.append(k)
        elif rel in ("obl", "nmod"):
            if prep in ("со стороны", "с стороны"):
                subj.append(k)  # «подверглась критике со стороны США»
            elif prep is not None and prep in cue.preps:
                obj.append(k)
            elif prep is None and passive and _case(words[k].text, "ablt"):
                subj.append(k)
            elif prep is None and noun and rel == "nmod" and k > i \
                    and _case(words[k].text, "gent"):
                (subj if cue.genitive == "source" else obj).append(k)
        elif rel == "appos" and not noun and prep is None and _case(words[k].text, "accs"):
            obj.append(k)  # the parser's slip on an unknown name: «интернировали Ивана Петрова»
        elif rel == "amod" and noun and tree.mention[k] is not None:
            subj.append(k)  # «российский удар»
    head = words[i].head
    if noun and head >= 0 and words[i].rel in ("obj", "iobj", "obl") \
            and _lemma(words[head].text) in _UNDERGO_VERBS:
        # «действия Арпайо подвергались критике»: the subject undergoes it
        obj.extend(c for c in tree.kids[head] if words[c].rel == "nsubj")
    elif not subj:
        subj = _borrowed(tree, i, passive, obj, cue)
    sources = [a for k in subj for a in tree.actors(k)]
    targets = [a for k in obj for a in tree.actors(k) if a not in sources]
    return sources, targets


def _borrowed(tree: _Tree, i: int, passive: bool, obj: list[int], cue: Cue) -> list[int]:
    """The subject of the verb the cue depends on: an infinitive or a conjunct takes its
    governor's («пытался связаться»), an event noun its verb's («осуществил нападение»); a
    participle hangs on the noun it describes (the doer, or in the passive the one it is done
    to)."""
    words = tree.words
    k = i
    for _ in range(CLIMB):
        rel, head = words[k].rel, words[k].head
        if head < 0:
            return []
        if rel == "acl":
            if passive:
                obj.append(head)
                return []
            return [head]
        if rel not in ("xcomp", "conj") and not (
                rel in ("obj", "iobj", "obl") and _lemma(words[head].text) in _LIGHT_VERBS):
            return []  # «в ходе расследования Хьюбл использовал …»: no doer of the noun
        if rel in ("obj", "obl") and not obj:  # «осуществил кибератаку на Тайвань»: the
            obj.extend(c for c in tree.kids[head]  # light verb holds the noun's target
                       if words[c].rel == "obl" and tree.prep(c) in cue.preps)
        subj = [c for c in tree.kids[head] if words[c].rel == "nsubj"]
        if subj:
            return subj
        k = head
    return []


# the events ----------------------------------------------------------------------------------

def events(doc: Document, wanted: list[tuple[Sentence, list[CueHit], list]], said: dict
           ) -> list[Event]:
    """The events the cues give in the wanted sentences (sentence, cue hits, the rules'
    triggers there), all parsed in one batch."""
    from kronika.language.backbone import backbone

    if not wanted:
        return []
    trees = backbone("ru").parse(doc.text, [(s.start, s.end) for s, _, _ in wanted])
    out: list[Event] = []
    for (sent, hits, fired), words in zip(wanted, trees, strict=True):
        mentions = [m for m in doc.mentions if sent.start <= m.start < sent.end]
        tree = _Tree(words, mentions)
        at = {w.start: k for k, w in enumerate(words)}
        triggers = [ru.RuTrigger(h.start, h.end, _rule(h.cue)) for h in hits]
        ctx = ru._Sentence(doc, sent, sorted(fired + triggers, key=lambda t: t.start),
                           said.get(sent.start))
        for h, trig in zip(hits, triggers, strict=True):
            k = at.get(h.start)
            if k is not None and words[k].head >= 0 and any(
                    t.start <= words[words[k].head].start < t.end for t in fired):
                continue  # the object of a rule's trigger: «ратифицировала соглашение»
            if k is None or tree.mention[k] is not None or words[k].rel == "amod":
                continue  # the parser's words differ, the cue is part of a name, or an
                #           attribute («ликвидированного агентства»)
            if _analyse(words[k].text.lower()).participle and words[k].head > k:
                continue  # a participle before its noun describes it: «ликвидированного РИА»
            if _analyse(words[k].text.lower()).pos == "NOUN" and (
                    tree.circumstance(k) or tree.attribute(k) or tree.not_under(k)):
                continue  # a circumstance, not an event: «по просьбе X», «при поддержке X»,
                #           what a charge is for: «виновным в убийстве», «срок за убийство»
            sources, targets = roles(tree, k, h.cue)
            if not targets and (h.cue.needs_target or not sources):
                continue
            event = ctx.event(trig, (sources, targets))
            if event is not None:
                out.append(event)
    return out


@cache
def _rule(cue: Cue) -> RuRule:
    return RuRule(name=cue.name, type=cue.type, regex=re.compile(r"(?!)"), targets=(),
                  mode=cue.mode, needs_target=False, examples=cue.examples)
