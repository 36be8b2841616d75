"""Russian events: trigger rules over lemmas (`ru.yaml`), roles from case (pymorphy3); where no
rule fires, cue words with roles from a dependency parse (`ru_syntax`, `ru.cues.yaml`).

The rules look only at sentences where a trigger rule fires. A trigger's clause runs between hard
punctuation, commas that do not join a list of actors, and subordinators («что», «который»,
«если» …). Word order is free, so roles come from morphology: a nominative actor mention is the
source, an accusative or dative one, or one after the preposition the rule names («с» +
instrumental, «против» + genitive, «по» + dative), the target; a genitive actor hangs on a noun
(«министр обороны России») and takes no role. In a passive («был атакован», «нанесён удар»)
the nominative is the target and the instrumental («подписан Медведевым») the source. A clause
with no subject of its own borrows it from the clause it is wedged into («Шойгу, выступая в
Думе, обвинил НАТО») or, after «который», from the noun the relative clause hangs on. A verb
with no actor named still gives an event when someone unnamed acts: a pronoun, a person or a
body («суд», `agents:` in ru.yaml) as its subject, or none and a plural verb («его задержали»).
A gerund shares its main clause's subject; so do a predicate after «, а затем», a relative
clause on what the subject wrote («статью, в которой призвал»), a verb after «, что» agreeing
with the speaker, a passive set off from its subject by a description («X, редактор газеты,
был арестован») and an event noun after «после»; an object relative pronoun («которого
поддерживает партия») and the subject of a request's «чтобы» clause are targets. An office
named without its holder's name is the country it names («президент России»), and a country
adjective on a group that is no organ of a state («грузинская общественность»,
groups.ru.yaml) no actor.
A country or title describing the person named after it («американский актёр Уэнтуорт Миллер»)
is no actor of its own. Agreement decides where case cannot: a plural verb takes no single
person before it as subject («Бэ Чжун Хо посетили дипломаты»), a name that does not decline
stands in its title's case, and one after a passive is its agent where the one who undergoes it
is named apart («Петров, задержанный ФСБ»). Members named after a group («многие лидеры, в том
числе X») take its role; a possessive before a verbal noun («их ареста») stands for its
genitive; a request's addressee is never whom the act asked for concerns («требует
освобождения X»). Status cues (`status.ru.yaml`) and the trigger verb's tense decide
whether it happened.

Example:
    >>> [t.rule.name for t in find_triggers("Шойгу провёл переговоры с Остином.", 0, 34)]
    ['ru-consult-talks']
"""

from __future__ import annotations

import hashlib
import os
import re
from bisect import bisect_left
from dataclasses import dataclass, replace
from datetime import date
from functools import cache, lru_cache

from kronika.actors.resolver import capital_country
from kronika.document import (
    PLOVER_TYPES,
    Actor,
    Attribution,
    DateInfo,
    Document,
    Event,
    Mention,
    Sentence,
    Span,
)
from kronika.errors import RuleFileError
from kronika.events import _confidence, _same, learned  # one rule for both languages
from kronika.language.names import name_genders
from kronika.reporting.cues import CueFrame, cue_said_dates, find_cue_frames
from kronika.rules import load_rules, require_keys
from kronika.timex.grammar import morph, word_forms

# Noise kinds that are site furniture: no event is read from them (as in English).
FURNITURE = ("boilerplate", "caption", "byline", "advert")
# How many other words may stand between the parts of a trigger («провели в среду переговоры»).
TRIGGER_GAP = 2
# Types whose infinitive complement is what is asked or threatened, not an event of its own.
CONTENT_OF = frozenset({"REQUEST", "THREATEN"})
# Types whose event noun later in the clause is what is blamed, not an event of its own
# (docs/ANNOTATION.md: "accused Iran of attacking the tanker" is one ACCUSE): «выпустил
# заявление с осуждением убийства», «обвинил Москву в нападении».
NOUN_CONTENT_OF = frozenset({"ACCUSE"})
# How far a clause reaches on either side of its trigger, in tokens: a bound on the work per
# trigger in run-on text (a 5,000-word "sentence"); news clauses are far shorter.
MAX_CLAUSE_WORDS = 80
# How many characters before and after a trigger status cues are looked for in (the same bound).
SENTENCE_CUE_REACH = 600
# How many words before a trigger a negation may stand («не стал бы встречаться» is a cue).
NEGATION_WINDOW = 2
# How many words of a person's name narrow down its case («Ивана Петровича Сидорова»).
NAME_WORDS = 3

_TOKEN = re.compile(r"\w+(?:-\w+)*|[^\w\s]")
# Quotation marks are no boundary: they wrap names and titles («оранжевая революция») as often
# as speech, and speech comes with its own colon, dash or comma.
_HARD = frozenset(";:—–()?!…")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё-]+")
_SUBORDINATORS = frozenset({"что", "чтобы", "если", "когда", "где", "но", "а", "однако", "хотя",
                            "поскольку", "пока", "как", "чем", "ведь", "зато", "причём",
                            "причем", "тогда", "после", "перед", "прежде", "затем"})
_RELATIVE = frozenset({"который", "которая", "которое", "которые", "которого", "которой",
                       "которым", "которых", "которую", "которому", "которыми", "котором"})
_RELATIVE_SUBJECT = frozenset({"который", "которая", "которое", "которые"})
# Subordinators that open a time phrase on a noun («после встречи с Путиным»), not a clause.
_TIME_PREPOSITIONS = frozenset({"после", "перед", "прежде"})
_TIME_ADVERBIAL_PREPOSITIONS = frozenset({"в", "во", "на"})  # «в 1990 году», «на прошлой неделе»
# Words before an event noun that make it the time of another act («во время нападения»).
_TIME_SETTING = frozenset({"время", "день", "ходе", "момент", "накануне", "годовщину",
                           "годовщина", "годовщины"})
# Words that open a predicate coordinated with the one before, sharing its subject («был
# арестован, а затем освобождён»).
_COORDINATING = frozenset({"а", "но", "затем", "потом", "однако"})
_TWO_WORD_PREPS = {("в", "отношении"): "в отношении", ("со", "стороны"): "со стороны",
                   ("с", "стороны"): "со стороны", ("в", "адрес"): "в адрес",
                   ("в", "поддержку"): "в поддержку"}
_PREP_VARIANTS = {"со": "с", "ко": "к", "об": "о", "обо": "о", "во": "в", "передо": "перед"}
_PERSON_PRONOUNS = {"он": "masc", "она": "femn"}
_RECIPROCAL = re.compile(r"\s*(?:друг\s+(?:друга|другу|с\s+другом|против\s+друга|на\s+друга))",
                         re.I)
_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")
# «Остину не удалось связаться»: with these words the dative actor is the one who acts.
_DATIVE_SUBJECT = frozenset({"удалось", "удается", "удаётся", "удастся", "пришлось",
                             "предстоит", "следует"})
_JOINERS = frozenset({"и", ",", "а", "также"})
#: The agent of a participle between a noun trigger and its genitive («отстранённого ими»).
_AGENT_PRONOUNS = frozenset({"ими", "им", "ею", "ей"})
#: An adjective written with a number («23-летняя», «5-й»).
_NUMBER_ADJECTIVE = re.compile(r"\d+-[а-яё]+")
_FIRST_PERSON = frozenset({"я", "мы"})
#: Possessive pronouns of the third person: before a verbal noun, whom it befalls («их ареста»).
_POSSESSIVES = frozenset({"его", "её", "ее", "их"})
#: The parts of speech of a predicate «и» may join to another (`_Sentence._joins_predicates`).
_PREDICATES = frozenset({"VERB", "PRTS"})
#: Pronouns that are an object or a possessive («его задержали», «его блог»): the actor stage
#: reads them as people only as objects (kb/words.yaml object-or-possessive).
_OBJECT_OR_POSSESSIVE = frozenset({"его", "её", "ее"})
_OBJECT_PRONOUNS = frozenset({"его", "её", "ее", "их", "ему", "ей", "им", "него", "неё", "нее",
                              "них", "нему", "ней", "ним", "нам", "нас", "мне", "меня"})


# rules ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class RuRule:
    name: str
    type: str
    regex: re.Pattern[str]
    targets: tuple[tuple[str | None, str], ...]  # (preposition or None, case)
    mode: str | None = None
    reciprocal: bool = False
    needs_target: bool = True
    standalone: bool = False
    genitive_sources: bool = False
    not_after: frozenset[str] = frozenset()  # words that undo the trigger just before it
    not_before: frozenset[str] = frozenset()  # words that undo it within NOT_BEFORE_WORDS after
    genitive_targets: bool = False  # a noun trigger's genitive actor undergoes it («арест X»)
    genitive_only: bool = False  # only the genitive after it acts («по просьбе X»), no target
    receiver: bool = False  # the subject receives («Дублин получил помощь от МВФ»)
    passive: bool = False  # a reflexive passive («подозревается»): the subject undergoes it
    status: str | None = None  # the status the trigger itself gives
    examples: tuple[str, ...] = ()
    yields: bool = False  # gives way to another trigger starting inside it


@dataclass(frozen=True)
class RuTrigger:
    start: int
    end: int
    rule: RuRule


def _split_top(pattern: str, sep: str) -> list[str]:
    """Split on `sep` outside parentheses."""
    parts, depth, cur = [], 0, []
    for ch in pattern:
        depth += (ch == "(") - (ch == ")")
        if ch == sep and depth == 0:
            parts.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    if depth:
        raise RuleFileError(f"events/ru.yaml: unbalanced parentheses in {pattern!r}")
    parts.append("".join(cur))
    return parts


def _items(seq: str) -> list[str]:
    """The space-separated items of a sequence, keeping groups «(…)» and «(…)?» whole."""
    return [item for item in _split_top(seq.strip(), " ") if item]


def _compile(pattern: str, gap: int = TRIGGER_GAP) -> str:
    """A lemma pattern as a regex body over lower- or mixed-case text."""
    alts = [_sequence(p, gap) for p in _split_top(pattern, "|")]
    return "(?:" + "|".join(alts) + ")"


def _sequence(seq: str, gap: int) -> str:
    # a word between the parts may stand in quotes («наложил на «Майкрософт» штраф»)
    _GAP = rf"(?:[«\"„]?[\w-]+[»\"“]?\s+){{0,{gap}}}?"
    out = alone = ""
    lead = ""  # an optional first item, with the space after it («(уголовное)? дело возбудить»)
    for item in _items(seq):
        optional = item.endswith(")?")
        if item.startswith("("):
            body = _compile(item[1 : -2 if optional else -1], gap)
        elif item == "INF":
            body = _INFINITIVE
        else:
            body = _forms_regex(item.lower())
        if not out and optional and not lead:
            lead, alone = rf"(?:{body}\s+{_GAP})?", body
        elif not out:
            out = lead + body
        elif optional:
            out += rf"(?:\s+{_GAP}{body})?"
        else:
            out += rf"\s+{_GAP}{body}"
    return out or alone  # a lone optional item is simply the item


# Any infinitive (the `INF` item of a lemma pattern): «согласился предоставить» names the act
# agreed to by its verb, whatever the verb.
_INFINITIVE = r"[а-яе]+(?:ть|ти|чь)(?:ся|сь)?"


@cache
def _forms_regex(lemma: str) -> str:
    """Every form of a lemma as one regex, its common beginning written once (a much smaller
    pattern, which compiles several times faster). `lemma/pssv` keeps only the forms that carry
    the grammeme (the passive participles: «осудить/pssv» is «осуждён», «осуждённые», …);
    `lemma/!PRTF` only those that do not (no full participle: «протестующие» names people, not
    an act)."""
    lemma, _, grammeme = lemma.partition("/")
    if grammeme:
        keep = not grammeme.startswith("!")
        grammeme = grammeme.lstrip("!")
        found = {f.word for p in morph().parse(lemma)[:1] for f in p.lexeme
                 if (grammeme in {g.lower() for g in f.tag.grammemes}) == keep}
        if not found:
            raise RuleFileError(f"events/ru.yaml: {lemma!r} has no form tagged {grammeme!r}")
        forms = sorted({f.replace("ё", "е") for f in found}, key=len, reverse=True)
    else:
        forms = sorted({f.replace("ё", "е") for f in word_forms(lemma)}, key=len, reverse=True)
    stem = os.path.commonprefix(forms)
    tails = "|".join(re.escape(f[len(stem):]) for f in forms)
    return f"(?:{re.escape(stem)}(?:{tails}))"


def _target_spec(spec: str) -> tuple[str | None, str]:
    prep, _, case = spec.rpartition("+")
    if case not in _CASES:
        raise RuleFileError(f"events/ru.yaml: target {spec!r} names no case; write e.g. "
                            "'accs' or 'с+ablt'")
    return (prep or None, case)


@cache
def rules() -> tuple[RuRule, ...]:
    data = load_rules("kronika.events", "ru.yaml")
    out = []
    for item in data["rules"]:
        require_keys(item, ("name", "type", "lemmas"), "events/ru.yaml")
        if item["type"] not in PLOVER_TYPES:
            raise RuleFileError(f"events/ru.yaml: rule {item['name']!r} has type "
                                f"{item['type']!r}, which is not a PLOVER type")
        body = _compile(item["lemmas"], int(item.get("gap", TRIGGER_GAP)))
        out.append(RuRule(
            name=item["name"], type=item["type"],
            regex=re.compile(r"(?<![\w-])" + body + r"(?![\w-])"),
            targets=tuple(_target_spec(s) for s in item.get("targets", ["accs"])),
            mode=item.get("mode"), reciprocal=bool(item.get("reciprocal", False)),
            needs_target=bool(item.get("needs_target", True)),
            standalone=bool(item.get("standalone", False)),
            genitive_sources=bool(item.get("genitive_sources", False)),
            not_after=frozenset(item.get("not_after", ())), status=item.get("status"),
            not_before=frozenset(item.get("not_before", ())),
            genitive_targets=bool(item.get("genitive_targets", False)),
            genitive_only=bool(item.get("genitive_only", False)),
            receiver=bool(item.get("receiver", False)), passive=bool(item.get("passive", False)),
            examples=tuple(item.get("examples", ())), yields=bool(item.get("yields", False)),
        ))
    return tuple(out)


@cache
def _agents() -> frozenset[str]:
    """Nouns for unnamed bodies that act («суд», «полиция»): a clause with one as its subject
    names someone who acted, though no actor."""
    return frozenset(load_rules("kronika.events", "ru.yaml").get("agents", ()))


@cache
def _support_verbs() -> dict[str, frozenset[str]]:
    """The verbs an event noun leans on, by what their subject does (ru.yaml support_verbs)."""
    data = load_rules("kronika.events", "ru.yaml")["support_verbs"]
    return {kind: frozenset(data[kind]) for kind in ("undergo", "agent")}


def _groups() -> dict:
    """groups.ru.yaml: the groups of words that change who an actor is or what role it takes."""
    return load_rules("kronika.events", "groups.ru.yaml")


def group_examples(group: str, *fields: str) -> list:
    """The examples of one group of groups.ru.yaml («not_state», «related_to» …), for the
    tests: each a sentence, or with `fields` («text», «not»), a tuple of those fields."""
    return [tuple(e[f] for f in fields) if fields else e
            for e in _groups()[group].get("examples", ())]


@cache
def _not_state() -> frozenset[str]:
    """Nouns for groups that are no organ of a state (groups.ru.yaml `not_state`)."""
    lemmas = _groups()["not_state"]["lemmas"]
    return frozenset(w.replace("ё", "е") for w in lemmas) | frozenset(lemmas)


@cache
def _law_nouns() -> frozenset[str]:
    """Nouns for a state's laws (groups.ru.yaml `law_of`)."""
    return frozenset(_groups()["law_of"]["lemmas"])


@cache
def _related_nouns() -> frozenset[str]:
    """Nouns for people named by their tie to an actor (groups.ru.yaml `related_to`)."""
    return frozenset(_groups()["related_to"]["lemmas"])


@cache
def _including() -> tuple[tuple[str, ...], ...]:
    """The words that name some members of a group before them (groups.ru.yaml `including`),
    each as its lower-case tokens."""
    data = _groups()["including"]
    return tuple(tuple(f.split()) for f in data["forms"])


@cache
def _asked_for() -> tuple[tuple[str, ...], frozenset[str]]:
    """Endings and lemmas of verbal nouns naming what is asked for (groups.ru.yaml
    `asked_for`)."""
    data = _groups()["asked_for"]
    return tuple(data["suffixes"]), frozenset(data["lemmas"])


def _asks_for(lemma: str) -> bool:
    """Whether a noun's lemma names an act a request or threat is about («освобождение»)."""
    suffixes, lemmas = _asked_for()
    return lemma in lemmas or lemma.endswith(suffixes)


_WORD_BEFORE = re.compile(r"(\w+)[\s«»\"]*$")


def _names_a_law(text: str, start: int, m: Mention) -> bool:
    """Whether a country's name is the genitive on a noun for a code of law right before it
    («ст. 275 УК РФ», «Уголовного кодекса Украины»): it says whose code, and names no actor
    (groups.ru.yaml `law_of`)."""
    if not m.actors or any(a.kind != "country" for a in m.actors) \
            or _analyse(m.text.split()[0].lower()).pos == "ADJF":
        return False
    before = _WORD_BEFORE.search(text, max(start, m.start - 40), m.start)
    if before is None:
        return False
    word = before.group(1)
    return word.lower() in _law_nouns() or _analyse(word.lower()).lemma in _law_nouns()


@cache
def _modes() -> tuple[tuple[str, tuple[str, ...]], ...]:
    data = load_rules("kronika.events", "ru.yaml")
    return tuple((k, tuple(v)) for k, v in data.get("modes", {}).items())


def _fold(text: str) -> str:
    """Lower case with ё written е: the same length, so offsets carry over."""
    return text.lower().replace("ё", "е")


def find_triggers(text: str, start: int, end: int) -> list[RuTrigger]:
    """Non-overlapping trigger matches in text[start:end]; the longest wins an overlap."""
    folded = _fold(text[start:end])
    if len(folded) != end - start:  # a character whose lower case is longer (rare): keep case
        folded = text[start:end].replace("ё", "е")
    found = [RuTrigger(m.start() + start, m.end() + start, r) for r in rules()
             for m in r.regex.finditer(folded)
             if not (r.not_after and _word_before(folded, m.start(), 0) in r.not_after)
             and not (r.not_before and r.not_before & _words_after(folded, m.end()))]
    if any(t.rule.yields for t in found):  # «согласился освободить заложников»: the release
        found = [t for t in found if not t.rule.yields or not any(
            t.start < o.start < t.end and not o.rule.yields for o in found)]
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[RuTrigger] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def _word_before(text: str, at: int, start: int) -> str:
    m = _LAST_WORD.search(text, start, at)
    return m.group(1).lower() if m else ""


_LAST_WORD = re.compile(r"(\w+)\s*$")
_WORD = re.compile(r"\w+")
# How many words after a trigger `not_before` words are looked for in («освободил Павла
# Астахова от должности»: a dismissal, no release).
NOT_BEFORE_WORDS = 4


def _words_after(text: str, at: int) -> set[str]:
    """The first NOT_BEFORE_WORDS words after `at`, up to hard punctuation."""
    stop = _HARD_AFTER.search(text, at)
    words = _WORD.findall(text, at, stop.start() if stop else len(text))
    return set(words[:NOT_BEFORE_WORDS])


_HARD_AFTER = re.compile(r"[.;:!?—–()]")


# status cues ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class _StatusRule:
    name: str
    status: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    sentence_wide: bool
    future: bool
    opening: re.Pattern[str] | None = None


@dataclass(frozen=True)
class _Cues:
    status: tuple[_StatusRule, ...]
    negation: re.Pattern[str]
    hedges: re.Pattern[str]
    repetition: re.Pattern[str]


def _words(words: list[str], lemmas: list[str] = ()) -> re.Pattern[str] | None:  # type: ignore[assignment]
    alts = {re.escape(w).replace(r"\ ", r"\s+") for w in words}
    for lemma in lemmas:
        alts.update(re.escape(f) for f in word_forms(lemma))
    if not alts:
        return None
    body = "|".join(sorted(alts, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])", re.I)


@cache
def cues() -> _Cues:
    data = load_rules("kronika.events", "status.ru.yaml")
    out = []
    for item in data["status"]:
        require_keys(item, ("name", "status"), "events/status.ru.yaml")
        out.append(_StatusRule(
            item["name"], item["status"],
            _words(item.get("before", []), item.get("before_lemmas", [])),
            _words(item.get("after", [])), _words(item.get("unless", [])),
            item.get("scope") == "sentence", item.get("tense") == "futr",
            _words(item.get("opening", []))))
    return _Cues(tuple(out), _words(data["negation"]), _words(data["hedges"]),
                 _words(data["repetition"]))


def status_examples() -> list[tuple[str, str]]:
    """(status rule name, example) pairs of status.ru.yaml, for the tests."""
    data = load_rules("kronika.events", "status.ru.yaml")
    return [(i["name"], ex) for i in data["status"] for ex in i.get("examples", ())]


# morphology ----------------------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Word:
    pos: str | None
    cases: frozenset[str]
    future: bool
    passive: bool
    participle: bool
    gerund: bool
    lexicalised: bool = False  # a participle used as a noun or adjective («нападающий»), a
    # gerund used as a preposition («благодаря»)
    animate: bool = False
    nominative: bool = False  # the likeliest reading is nominative
    plural: bool = False  # the likeliest reading is plural
    lemma: str = ""
    nominal_numbers: frozenset[str] = frozenset()  # the numbers of its nominative readings


@lru_cache(maxsize=65536)
def _analyse(word: str) -> _Word:
    if not word[:1].isalpha():
        return _Word(None, frozenset(), False, False, False, False)
    parses = morph().parse(word)
    best = parses[0].tag
    if not morph().word_is_known(word):
        # a loan verb the dictionary lacks («экстрадирован»): its verbal reading, not a guessed noun
        verbal = [p for p in parses if p.tag.POS in ("VERB", "PRTS", "PRTF", "INFN", "GRND")
                  and p.normal_form.endswith("ировать")]
        if verbal:
            parses = verbal + [p for p in parses if p not in verbal]
            best = parses[0].tag
    pos = {p.tag.POS for p in parses}
    # a gerund that has become a preposition («благодаря тому», «несмотря на») is no act either
    lexicalised = best.POS == "PRTF" and "NOUN" in pos or best.POS == "ADJF" and "PRTF" in pos \
        or best.POS == "PREP" and "GRND" in pos
    cases = frozenset(p.tag.case for p in parses if p.tag.case)
    if "Fixd" in best or not morph().word_is_known(word):
        cases = frozenset(_CASES)  # indeclinable («НАТО», «Шойгу») or unknown: any case
    # a verb of both aspects («расследует», «атакует») is read as present, not future
    future = best.POS == "VERB" and best.tense == "futr" and not any(
        p.tag.tense == "pres" for p in parses)
    return _Word(best.POS, cases, future,
                 best.POS in ("PRTS", "PRTF") and best.voice == "pssv",
                 best.POS in ("PRTS", "PRTF"), best.POS == "GRND", lexicalised,
                 best.animacy == "anim", best.case == "nomn", best.number == "plur",
                 parses[0].normal_form,
                 frozenset(p.tag.number for p in parses if p.tag.case == "nomn" and p.tag.number))


def _unknown_name(word: str) -> bool:
    """Whether a word is a capitalised one the dictionary lacks: a name no actor was found for
    («освободил Фирташа»)."""
    return word[:1].isupper() and word[1:2].islower() and not morph().word_is_known(word.lower())


@lru_cache(maxsize=65536)
def _name_cases(word: str, gender: str | None = None) -> frozenset[str]:
    """The cases of a word's readings as one person's name (a first name, patronymic or
    surname in the singular, of `gender` if given); empty when it has none or does not decline
    («Шойгу»)."""
    if not word[:1].isalpha():
        return frozenset()
    return frozenset(p.tag.case for p in morph().parse(word)
                     if p.tag.case and p.tag.number == "sing" and "Fixd" not in p.tag
                     and ("Name" in p.tag or "Surn" in p.tag or "Patr" in p.tag)
                     and (gender is None or p.tag.gender == gender))


def _animate_accusative(word: str, cases: frozenset[str]) -> frozenset[str]:
    """A person is animate: a man's name in the genitive singular is in the accusative too,
    though the dictionary reads the word as an inanimate noun only («поблагодарил Макрона»:
    «макрон», a diacritic, has no accusative in -а)."""
    if "gent" not in cases or "accs" in cases:
        return cases
    if any(p.tag.case == "gent" and p.tag.number == "sing" and p.tag.gender == "masc"
           for p in morph().parse(word)):
        return cases | {"accs"}
    return cases


@lru_cache(maxsize=65536)
def _case_numbers(word: str) -> frozenset[tuple[str, str | None]]:
    """The (case, number) pairs of a word's readings: every pair for an indeclinable, unknown or
    numeral word (a number with no case of its own agrees with anything)."""
    if not word[:1].isalpha() or not morph().word_is_known(word):
        return _ALL_CASE_NUMBERS
    parses = morph().parse(word)
    if any("Fixd" in p.tag for p in parses):
        return _ALL_CASE_NUMBERS
    out = frozenset((p.tag.case, n) for p in parses if p.tag.case
                    for n in ((p.tag.number,) if p.tag.number else ("sing", "plur")))
    return out or _ALL_CASE_NUMBERS


_ALL_CASE_NUMBERS = frozenset((c, n) for c in _CASES for n in ("sing", "plur"))


@dataclass(frozen=True, slots=True)
class _Tok:
    start: int
    end: int
    text: str

    @property
    def low(self) -> str:
        return self.text.lower()

    @property
    def word(self) -> _Word:
        return _analyse(self.low)


# the events of a document --------------------------------------------------------------------

def find_events(doc: Document, *, syntax: bool = True, typer: learned.Typer | None = None
                ) -> list[Event]:
    """The events of a Russian document (see the module docstring); `syntax=False` leaves out
    the cue words' fallback; a `typer` adds the types the rules did not find (learned.py)."""
    from kronika.events import ru_syntax

    said = cue_said_dates(doc.text, doc.sentences, doc.timexes, "ru")
    out: list[Event] = []
    cued = []  # sentences with a cue word away from the rules' triggers, and an actor: parsed
    contexts: dict[int, _Sentence] = {}  # the triggered sentences', by start: the learned
    # typer reads its events there with the same context
    for sent in doc.sentences:
        noise = doc.noise_covering(sent.start, sent.end)
        if noise and noise.kind in FURNITURE:
            continue
        triggers = find_triggers(doc.text, sent.start, sent.end)
        hits = [h for h in ru_syntax.wants_parse(doc, sent)
                if not any(t.start <= h.start < t.end for t in triggers)] if syntax else []
        if hits:
            cued.append((sent, hits, triggers))
        if not triggers:
            continue
        ctx = contexts[sent.start] = _Sentence(doc, sent, triggers, said.get(sent.start))
        for t in triggers:
            event = ctx.event(t)
            if event is not None:
                out.append(event)
    if cued:
        out.extend(ru_syntax.events(doc, cued, said))
        out.sort(key=lambda e: e.trigger.start)
    if typer is not None:
        out = _add_learned(doc, out, said, typer, contexts)
    return [e for e in out if e.sources or e.targets or _names_an_actor(doc, e.evidence)]


def _names_an_actor(doc: Document, sentence: Span) -> bool:
    """Whether a sentence names any actor (a code of law's country, «УК РФ», is none).

    docs/ANNOTATION.md: no named actor, no event. An event with neither side named stands only
    where its sentence names someone: there the role reader may have missed the actor, and the
    type is right as often as not (on the training pool, 70 right types and 70 wrong; where the
    sentence names no one, 5 and 29)."""
    return any(m.actors and sentence.start <= m.start < sentence.end
               and not _names_a_law(doc.text, sentence.start, m) for m in doc.mentions)


def _add_learned(doc: Document, out: list[Event], said: dict, typer: learned.Typer,
                 contexts: dict[int, _Sentence]) -> list[Event]:
    """The rule coder's events and those the learned typer adds: on the type's cue word, read as
    a rule's event, with the named actors nearest the word where no roles are found. A sentence
    with triggers keeps the context the rules read it with (`contexts`); one without has none."""
    added: list[Event] = []
    for sent, wanted in learned.sentences_to_type(doc, out, typer, FURNITURE):
        ctx = contexts.get(sent.start) or _Sentence(doc, sent, [], said.get(sent.start))
        for type_, p, start, end, _ in wanted:
            trig = next((t for t in ctx.triggers if t.start == start and t.rule.type == type_),
                        None) or RuTrigger(start, end, _learned_rule(type_))
            lo, hi = ctx.clause(trig)
            first, last = ctx.toks[lo].start if lo < len(ctx.toks) else sent.start, \
                ctx.toks[hi - 1].end if 0 < hi <= len(ctx.toks) else sent.end
            nearest = learned.nearest_actors(doc, start, end, first, last)
            event = ctx.event(trig) or ctx.event(trig, roles=(list(nearest[0]), list(nearest[1])))
            if event is not None and learned.keeps(typer, event):
                name = event.rule if event.rule.startswith("learned:") \
                    else f"learned:{type_}/{event.rule}"
                added.append(replace(event, rule=name, confidence=round(p, 3)))
    return sorted(out + added, key=lambda e: e.trigger.start) if added else out


@cache
def _learned_rule(type_: str) -> RuRule:
    """The rule a learned event on a plain cue word is read with: no conditions of its own."""
    return RuRule(name=f"learned:{type_}", type=type_, regex=re.compile(r"(?!)"),
                  targets=((None, "accs"), (None, "datv")), needs_target=False, standalone=True)


class _Sentence:
    """One triggered sentence: its tokens, mentions and clause boundaries."""

    def __init__(self, doc: Document, sent: Sentence, triggers: list[RuTrigger],
                 said: tuple[CueFrame, date | None, CueFrame | None] | None) -> None:
        self.doc, self.sent, self.triggers, self.said = doc, sent, triggers, said
        self.text = doc.text
        self.toks = [_Tok(m.start() + sent.start, m.end() + sent.start, m.group())
                     for m in _TOKEN.finditer(sent.text)]
        self.mentions = [m for m in doc.mentions if sent.start <= m.start < sent.end
                         and not _names_a_law(doc.text, sent.start, m)]
        self.timexes = [t for t in doc.timexes if sent.start <= t.start < sent.end]
        self.starts = [t.start for t in self.toks]
        self.mention_of: list[Mention | None] = [None] * len(self.toks)
        for m in self.mentions:
            for i in range(bisect_left(self.starts, m.start), bisect_left(self.starts, m.end)):
                self.mention_of[i] = self.mention_of[i] or m
        self._frames: list[CueFrame] | None = None
        self._hedged: bool | None = None

    # clause geometry -----------------------------------------------------------------------

    def _index(self, offset: int) -> int:
        """Index of the first token starting at or after `offset`."""
        return bisect_left(self.starts, offset)

    def _mention_at(self, i: int) -> Mention | None:
        return self.mention_of[i]

    def _list_comma(self, i: int) -> bool:
        """A comma between two actor mentions joins a list when the list goes on after the
        second («Россия, Белоруссия и Китай»), not when a verb follows («Если Иран атакует
        Израиль, США введут санкции»)."""
        if not (0 < i < len(self.toks) - 1 and self._mention_at(i - 1) is not None):
            return False
        nxt = self._mention_at(i + 1)
        if nxt is None:
            return False
        j = i + 1
        while j < len(self.toks) and self._mention_at(j) is nxt:
            j += 1
        return j < len(self.toks) and self.toks[j].low in ("и", ",", "или")

    def _in_gloss(self, i: int) -> bool:
        """Whether bracket token i opens or closes a name's original spelling right after the
        name («Дональд Трамп (Donald Trump)»)."""
        if self.toks[i].text == ")":
            j = i - 1
            while j > 0 and i - j < 6 and self.toks[j].text != "(":
                j -= 1
            return self.toks[j].text == "(" and self._in_gloss(j)
        if self.toks[i].text != "(" or i == 0 or self._mention_at(i - 1) is None:
            return False
        for j in range(i + 1, min(len(self.toks), i + 6)):
            if self.toks[j].text == ")":
                return j > i + 1
            if not (self.toks[j].text.isascii() and self.toks[j].text.isalpha()):
                return False
        return False

    def _is_boundary(self, i: int) -> bool:
        """Whether token i ends the clause (punctuation or a word that opens a new clause)."""
        t = self.toks[i]
        if self._mention_at(i) is not None or self._in_gloss(i):
            return False  # «Брендт Кристенсен (Brendt Christensen)»: one name, brackets and all
        if t.text in _HARD or t.text == "-" and i > 0 and self.toks[i - 1].end < t.start:
            return True
        return t.text == "," and not self._list_comma(i)

    def clause(self, trig: RuTrigger) -> tuple[int, int]:
        """Token indexes [lo, hi) of the trigger's clause."""
        first = self._index(trig.start)
        last = max(first, self._index(trig.end))
        lo = first
        while lo > max(0, first - MAX_CLAUSE_WORDS) and not self._is_boundary(lo - 1):
            if (self.toks[lo - 1].low in _SUBORDINATORS | _RELATIVE
                    or self._joins_predicates(lo - 1)) and lo - 1 < first:
                lo -= 1
                break
            lo -= 1
        hi = last
        while hi < min(len(self.toks), last + MAX_CLAUSE_WORDS) and not self._is_boundary(hi):
            if hi > last and (self.toks[hi].low in _SUBORDINATORS | _RELATIVE
                              or self._joins_predicates(hi)):
                break
            hi += 1
        return lo, hi

    def _joins_predicates(self, k: int) -> bool:
        """Whether «и» at token k joins two predicates of one subject («Россия атаковала
        Украину и обвинила Польшу», «был задержан и экстрадирован»), not two actors or two
        infinitives: a finite verb or a short participle stands first after it (past adverbs
        and particles: «и затем», «и не») and another before it, back to the clause's start,
        with words of its own between («похитил и убил X»: one object, one predicate). Each
        predicate then reads its own objects; the second borrows the subject."""
        if self.toks[k].low != "и":
            return False
        j = k + 1
        while j < len(self.toks) and self.toks[j].word.pos in ("ADVB", "PRCL"):
            j += 1
        if j >= len(self.toks) or self.toks[j].word.pos not in _PREDICATES:
            return False
        i = k - 1
        argument = False  # «похитил и убил Чжан»: two verbs of one object are one predicate
        while i >= 0 and not self._is_boundary(i) \
                and self.toks[i].low not in _SUBORDINATORS | _RELATIVE:
            if self.toks[i].word.pos in _PREDICATES:
                return argument
            argument = argument or self.toks[i].word.pos not in ("ADVB", "PRCL", None)
            i -= 1
        return False

    def _subject_before_and(self, trig: RuTrigger, k: int) -> list[Actor]:
        """The subject of the predicate before «и» at token k (`_joins_predicates`): the first
        actor mention before its verb that may be nominative, outside any preposition and not
        hanging on a noun, with the actors listed with it; where none is, the subject that
        predicate borrows in turn («X, известный певец, написал письмо, в котором раскритиковал
        Y и …»)."""
        start = self._predicate_start(k)
        for j in range(start, k):
            if self.toks[j].word.pos in _PREDICATES:
                break
            m = self._mention_at(j)
            if m is None or j > 0 and self._mention_at(j - 1) is m or self._preposition(j) \
                    or "nomn" not in self._mention_cases(j) or self._genitive_attribute(j):
                continue
            if not self._describes_person(m, self._mention_end(j), len(self.toks)):
                return self._listed_with(j)
        return self._borrowed_subject(trig, start) if start > 0 else []

    def _speaking_body(self, lo: int, hi: int) -> list[Actor]:
        """«В Пентагоне раскритиковали …», «В МИД России заявили, что …»: a clause opening
        with «в» and a body in the prepositional case, whose predicate is a plural verb with no
        subject (the indefinite-personal form), tells what people of that body said or did:
        the body is its subject. Not a country named alone («в России считают»: where, as
        often as who), nor where a plural noun or a number may be the subject («В Москве
        протестующие заявили», «в России два журналиста находятся …»)."""
        k = lo + 1 if lo < len(self.toks) and self.toks[lo].low in _SUBORDINATORS else lo
        if k + 1 >= hi or self.toks[k].low not in ("в", "во"):
            return []
        m = self._mention_at(k + 1)
        if m is None or not m.actors or m.rule == "country-alias" \
                or not {"loct", "loc2"} & self._mention_cases(k + 1):
            return []  # «в России считают»: a country's name alone is where as often as who
        end = self._mention_end(k + 1) + 1
        verb = next((j for j in range(end, hi) if self.toks[j].word.pos in _PREDICATES), None)
        if verb is None or self.toks[verb].word.pos != "VERB" or not self.toks[verb].word.plural \
                or morph().parse(self.toks[verb].low)[0].tag.person in ("1per", "2per"):
            return []
        for j in range(end, hi):
            t = self.toks[j]
            if self._mention_at(j) is not None and self._mention_at(j - 1) is self._mention_at(j):
                continue  # a later word of a name
            if t.low in ("они", "мы", "вы") or t.word.pos == "NUMR" or (
                    self._mention_at(j) is not None and "nomn" in self._mention_cases(j)
                    and self._preposition(j) is None and not self._genitive_attribute(j)):
                return []  # «в России два журналиста находятся в заключении»
            if t.word.pos == "NOUN" and "plur" in t.word.nominal_numbers \
                    and self._preposition(j) is None and self._mention_at(j) is None:
                return []
        return list(m.actors)

    def _predicate_start(self, k: int) -> int:
        """The first token of the predicate before «и» at token k (`_joins_predicates`): back
        to the clause's boundary, or to the subordinator or relative word opening it."""
        i = k
        while i > 0 and not self._is_boundary(i - 1):
            i -= 1
            if self.toks[i].low in _SUBORDINATORS | _RELATIVE:
                break
        return i

    # roles ---------------------------------------------------------------------------------

    def _preposition(self, i: int) -> str | None:
        """The preposition governing the word at token i (skipping adjectives before it)."""
        j = i - 1
        while j >= 0 and self.toks[j].word.pos in ("ADJF", "NUMR") and i - j < 3:
            if not _case_numbers(self.toks[j].low) & _case_numbers(self.toks[i].low):
                return None  # «из первых Николаса Мадуро»: the adjective is not the name's
            j -= 1
        if j < 0:
            return None
        w = self.toks[j].low
        if j > 0 and (self.toks[j - 1].low, w) in _TWO_WORD_PREPS:
            return _TWO_WORD_PREPS[(self.toks[j - 1].low, w)]
        if self.toks[j].word.pos == "PREP" or w in ("между", "против"):
            return _PREP_VARIANTS.get(w, w)
        return None

    def _roles(self, trig: RuTrigger, lo: int, hi: int, passive: bool
               ) -> tuple[list[Actor], list[Actor]]:
        """Sources and targets among the actor mentions of the clause, by case and preposition."""
        rule = trig.rule
        bare = {c for p, c in rule.targets if p is None}
        dative_subject = any(t.low in _DATIVE_SUBJECT for t in self.toks[lo:hi])
        sources: list[Actor] = []
        targets: list[Actor] = []
        ambiguous: list[tuple[int, Mention]] = []
        seen: set[int] = set()
        last = self._index(trig.end)
        named_after: list[Actor] = []  # sources read from a nominative after the trigger
        undeclined_after: list[Mention] = []  # undeclined names after a passive: whom or by whom
        # (end token, role, start token) of the last mention
        previous: tuple[int, str | None, int] | None = None
        for i in range(lo, hi):
            m = self._mention_at(i)
            if m is None or id(m) in seen:
                continue
            seen.add(id(m))
            end = i
            while end + 1 < hi and self._mention_at(end + 1) is m:
                end += 1
            joined = previous is not None and self._joins_list(previous[0] + 1, i) and (
                previous[0] + 1 < i or bool(self._mention_cases(i)
                                            & self._mention_cases(previous[2]))
                and not self._subject_after_phrase(previous[2], i))
            # two names side by side with no case in common are no list: «после встречи с
            # Путиным Эрдоган заявил» (the instrumental ends the phrase, the nominative is
            # the subject)
            if self._describes_person(m, end, hi):
                continue  # «Американский актёр Уэнтуорт Миллер», «депутат Украины Дмитрий Святаш»
            if i > last and any(t.word.pos == "INFN" for t in self.toks[last:i]):
                continue  # the infinitive's own argument: «пригрозила последовать примеру X»,
                #           «призвал НАТО направить войска в Эстонию»
            if i > last and self._main_verb_between(trig, last, i):
                continue  # «Встретившись с Путиным Лукашенко раскритиковал Евросоюз»
            role = self._role(trig, i, passive, bare, dative_subject)
            if role == "source" and self._singular_before_plural(trig, i, m, hi, bare):
                role = "ambiguous"  # «Бэ Чжун Хо посетили дипломаты»: read as its object below
            if joined and previous[1] is not None and (
                    role in (None, "ambiguous") or self._preposition(previous[2]) is not None
                    or len(self._mention_cases(i)) == len(_CASES)):
                # «с Шойгу и Герасимовым»: a list shares its first role; a name that does not
                # decline takes the case of the one it is listed with («Евросоюзом и США»)
                role = previous[1]
            if joined and previous[1] is None and role in ("source", "target") and ambiguous \
                    and ambiguous[-1][0] == previous[2]:
                _add(sources if role == "source" else targets, ambiguous.pop()[1].actors)
            if role == "source":
                _add(sources, m.actors)
                named_after.extend(m.actors if i >= last else ())
            elif role == "target":
                _add(targets, m.actors)
                if passive and i >= last and self._preposition(i) is None \
                        and len(self._mention_cases(i)) == len(_CASES):
                    undeclined_after.append(m)
            elif role == "ambiguous":
                ambiguous.append((i, m))
            previous = (end, role if role != "ambiguous" else None, i)
        first = self._index(trig.start)
        head = self.toks[first].word if first < len(self.toks) else _analyse("")
        while ambiguous and ambiguous[0][0] < first:  # «США атаковали Иран»: SVO by default
            k, m = ambiguous.pop(0)
            if head.pos == "VERB" and head.plural and "accs" in bare and len(m.actors) == 1 \
                    and m.actors[0].kind == "person" \
                    and (k == 0 or not self._joins(k - 1)) \
                    and not self._joined_after(m, k, hi):
                _add(targets, m.actors)  # «Бэ Чжун Хо посетили дипломаты»: one person, a plural verb
                continue
            _add(sources, m.actors)
        if named_after and len(named_after) < len(sources) and not targets and not passive \
                and head.pos == "VERB" and not head.plural and "accs" in bare \
                and not dative_subject:
            # a singular verb has one subject: with one before it, the nominative read after it
            # is its object, a name that does not decline («Израиль депортировал … Мейрид
            # Корриган Магуайр»)
            sources = [a for a in sources if a not in named_after]
            targets = list(named_after)
        if undeclined_after and not sources and self._patient_elsewhere(trig, lo, targets,
                                                                         undeclined_after):
            # «Петров, задержанный ФСБ, …», «Петров был задержан ФСБ»: the one who undergoes a
            # passive stands before it, so a name after it that does not decline is its
            # instrumental agent
            agents = [a for m in undeclined_after for a in m.actors]
            targets = [a for a in targets if a not in agents]
            sources = agents
        if not sources and not passive:  # «Шойгу, выступая в Думе, обвинил НАТО»
            sources = self._pronoun_subject(lo, hi, trig) or self._borrowed_subject(trig, lo) \
                or ([] if rule.receiver or rule.passive else self._speaking_body(lo, hi))
        if not sources and head.pos == "NOUN" and ("с", "ablt") in rule.targets and lo > 0 \
                and self.toks[lo].low in _TIME_PREPOSITIONS:
            sources = self._subject_before_phrase(lo)  # «Порошенко после встречи с Путиным …»
        last = self._index(trig.end)
        object_relative = self._object_relative(trig, lo)
        for k, m in ambiguous:  # after the trigger: the object slot first, then the subject
            if bare and not targets and not object_relative:
                _add(targets, m.actors)  # «приговорил активиста Рашида аль-Энези»
            elif any(t.word.pos == "VERB" for t in self.toks[last:k]):
                continue  # «Скрипаля помиловали и выдали США»: the later verb's argument
            elif not sources and not (bare and self._subject_before(lo, first)):
                _add(sources, m.actors)  # «Удар по Ирану нанесли США», «Обвинил Киев … Лавров»
            elif bare:
                _add(targets, m.actors)
        return sources, targets

    def _singular_before_plural(self, trig: RuTrigger, i: int, m: Mention, hi: int,
                                bare: set[str]) -> bool:
        """Whether the mention at token i, one person alone before a plural verb trigger that
        takes a direct object, cannot be its subject (the verb agrees in number) and, its name
        reading as any case («Бэ Чжун Хо», a name that does not decline), may be its object.
        Not a name on a noun in the nominative before it («родители и адвокат Сингха
        настаивают»), which may be the subject it hangs on."""
        first = self._index(trig.start)
        verb = self.toks[first].word if first < len(self.toks) else None
        return verb is not None and verb.pos == "VERB" and verb.plural and "accs" in bare \
            and i < first and len(m.actors) == 1 and m.actors[0].kind == "person" \
            and "accs" in (self.toks[i].word.cases or {"accs"}) \
            and not (i > 0 and self._joins(i - 1)) and not self._joined_after(m, i, hi) \
            and not any(t.low in _JOINERS for t in self.toks[self._mention_end(i) + 1:first]) \
            and not (i > 0 and self._mention_at(i - 1) is None  # «адвокат Сингха настаивают»
                     and self.toks[i - 1].word.pos == "NOUN"
                     and "nomn" in self.toks[i - 1].word.cases)

    def _patient_elsewhere(self, trig: RuTrigger, lo: int, targets: list[Actor],
                           undeclined: list[Mention]) -> bool:
        """Whether the one who undergoes a passive trigger is named apart from the undeclined
        names after it: another target of the clause, or the noun a participle phrase hangs on,
        or the subject the clause borrows past the phrases wedged in («Иван Петров, обвинённый
        в шпионаже, был задержан ФСБ»)."""
        names = {a for m in undeclined for a in m.actors}
        if any(a not in names for a in targets):
            return True
        return not self._own_subject(lo, trig) and bool(self._borrowed_subject(trig, lo))

    def _main_verb_between(self, trig: RuTrigger, last: int, i: int) -> bool:
        """Whether a finite verb stands between an adverbial participle trigger and the mention
        at token i: the participle's phrase ended before it, even with no comma, and what
        follows the verb is the main clause's («Встретившись с Путиным Лукашенко раскритиковал
        Евросоюз»: the European Union is what was criticised, not who met)."""
        first = self._index(trig.start)
        return first < len(self.toks) and self.toks[first].word.pos == "GRND" \
            and any(t.word.pos == "VERB" for t in self.toks[last:i])

    def _subject_after_phrase(self, first: int, second: int) -> bool:
        """Whether the mention at token `second`, right after the one at `first` with no joiner,
        opens the clause after a prepositional phrase rather than continuing it: the first is
        governed by a preposition, the second may be a nominative and a verb follows it right
        away («после встречи с Путиным Лукашенко заявил», «вместе с Лукашенко Путин
        посетил»). A name that does not decline meets every case, so the cases alone cannot
        tell; a list side by side has no verb of its own."""
        return self._preposition(first) is not None and "nomn" in self._mention_cases(second) \
            and self._before_verb(second)

    def _joins_list(self, lo: int, hi: int) -> bool:
        """Whether the tokens [lo, hi) between two mentions join them in a list: joiners, then
        perhaps the second one's adjectives or numbers («Алёхина и 23-летняя Надежда
        Толоконникова»)."""
        k = lo
        while k < hi and self.toks[k].low in _JOINERS:
            k += 1
        return k > lo and all(t.word.pos in ("ADJF", "NUMR") or t.text.isdigit()
                              or _NUMBER_ADJECTIVE.fullmatch(t.text) for t in self.toks[k:hi]) \
            or k == hi

    def _object_relative(self, trig: RuTrigger, lo: int) -> bool:
        """Whether the trigger's clause opens with a relative pronoun that can only be its
        object («Журналист, которого арестовала ФСБ», «Сделка, которую заключил Газпром»): the
        object slot is taken, so a name after the verb that may be nominative is its subject,
        not its object."""
        rel = self.toks[lo] if lo < len(self.toks) else None
        if rel is None or rel.low not in _RELATIVE or rel.low in _RELATIVE_SUBJECT \
                or lo == 0 or self.toks[lo - 1].text != ",":
            return False
        bare = {c for p, c in trig.rule.targets if p is None}
        return "accs" in bare and "accs" in rel.word.cases and "nomn" not in rel.word.cases

    def _relative_object(self, trig: RuTrigger, lo: int, passive: bool) -> list[Actor]:
        """The noun a relative clause hangs on, where the relative pronoun is the trigger's
        object: «Ставрос Малас, которого поддерживает партия», «Иванов, которому вынесен
        приговор» (its case one the rule takes bare, or the dative of a passive)."""
        rel = self.toks[lo] if lo < len(self.toks) else None
        if rel is None or rel.low not in _RELATIVE or rel.low in _RELATIVE_SUBJECT or lo < 2 \
                or self.toks[lo - 1].text != "," or self._mention_at(lo - 2) is None:
            return []
        bare = {c for p, c in trig.rule.targets if p is None} | ({"datv"} if passive else set())
        if not rel.word.cases & bare:
            return []
        k = lo - 2
        while k > 0 and self._mention_at(k - 1) is self._mention_at(lo - 2):
            k -= 1
        return self._listed_with(k)

    def _purpose_subject(self, hi: int) -> list[Actor]:
        """Whom a request is addressed to when a «чтобы» clause names who is to act: its
        nominative subject before its verb («Польша требует, чтобы Россия сняла ограничения»)."""
        j = hi + 1 if hi < len(self.toks) and self.toks[hi].text == "," else hi
        if j >= len(self.toks) or self.toks[j].low != "чтобы":
            return []
        for k in range(j + 1, min(len(self.toks), j + 8)):
            t = self.toks[k]
            if t.text in _HARD or t.text == "," or t.word.pos in ("VERB", "INFN"):
                return []
            m = self._mention_at(k)
            if m is not None and "nomn" in self._mention_cases(k) and self._preposition(k) is None:
                return self._listed_with(k)
        return []

    def _subject_before_phrase(self, lo: int) -> list[Actor]:
        """The subject of the clause a time phrase starting at token lo stands in, before it:
        who met or talked in «Порошенко же после встречи с Путиным охарактеризовал …», «Об этом
        украинский лидер заявил … после встречи с X»."""
        j = lo
        while j > 0 and not self._is_boundary(j - 1):
            j -= 1
        for k in range(j, lo):
            m = self._mention_at(k)
            if m is None or k > 0 and self._mention_at(k - 1) is m:
                continue
            if "nomn" in self._mention_cases(k) and self._preposition(k) is None \
                    and not self._describes_person(m, self._mention_end(k), lo):
                return self._listed_with(k)
        return []

    def _subject_before(self, lo: int, first: int) -> bool:
        """Whether a word no actor was found for stands as the subject before the trigger
        («Мохамад осуждал действия Израиля»: Israel is then the object)."""
        for i in range(lo, first):
            t = self.toks[i]
            if self._mention_at(i) is not None:
                continue
            if t.low in ("он", "она", "они", "я", "мы"):
                return True
            w = t.word
            if w.pos == "NOUN" and w.nominative and (w.animate or w.lemma in _agents()) \
                    and self._preposition(i) is None:
                return True
        return False

    def _genitive_after(self, trig: RuTrigger) -> list[Actor]:
        """The actors of the genitive right after a noun trigger, past up to two adjectives or
        numerals («похищение двух россиян», «арест Навального»), or past a participle and the
        title that describes the person named after it («задержания отстранённого ими
        президента страны Мухаммеда Мурси»)."""
        j = self._past_time(self._index(trig.end))
        described = False  # a common noun told who the person named after it is
        for _ in range(4):
            if j >= len(self.toks):
                return []
            m = self._mention_at(j)
            if m is not None and self._describes_person(m, self._mention_end(j), len(self.toks)):
                j = self._mention_end(j) + 1  # the title: on to the person it describes
                while j < len(self.toks) and self._mention_at(j) is None:
                    j += 1
                continue
            if m is not None:
                if described and not all(a.kind == "person" for a in m.actors):
                    return []
                return list(m.actors) if "gent" in (self.toks[j].word.cases or {"gent"}) else []
            w = self.toks[j].word
            if not described and self._describing_noun(j):
                described = True  # «арест журналиста Ивана Петрова»
                j += 1
                continue
            if w.pos not in ("ADJF", "NUMR", "PRTF") and not self.toks[j].text.isdigit() \
                    and self.toks[j].low not in _AGENT_PRONOUNS:
                return []
            j += 1
        return []

    def _past_time(self, j: int) -> int:
        """The token after a time expression that starts at token j, with its preposition («в
        1990 году», «в понедельник», «5 мая»), else j: a verbal noun's genitive may follow one."""
        k = j + 1 if j < len(self.toks) and self.toks[j].low in _TIME_ADVERBIAL_PREPOSITIONS else j
        if k >= len(self.toks):
            return j
        at = self.toks[k].start
        end = next((t.end for t in self.timexes if t.start == at), None)
        if end is None:
            return j
        while k < len(self.toks) and self.toks[k].start < end:
            k += 1
        return k

    def _describing_noun(self, j: int) -> bool:
        """Whether token j, after a verbal noun, is a common noun in the genitive singular
        that tells who the person named right after it is, in apposition to the name («арест
        журналиста Ивана Петрова», «убийство британца Марка Дуггана»): a person's noun, lower
        case, not one naming people by their tie to someone («сторонника Навального» is someone
        else), a person's name right after it, past adjectives or the body whose title it is."""
        w = self.toks[j].word
        if w.pos != "NOUN" or not w.animate or w.plural or "gent" not in w.cases \
                or not self.toks[j].text[:1].islower() or w.lemma in _related_nouns():
            return False
        k = j + 1
        while k < len(self.toks) and self._mention_at(k) is None \
                and self.toks[k].word.pos == "ADJF" and k - j < 3:
            k += 1
        m = self._mention_at(k) if k < len(self.toks) else None
        if m is not None and m.actors and not all(a.kind == "person" for a in m.actors):
            k = self._mention_end(k) + 1  # «призыв лидера ИГ Абу Бакра аль-Багдади»: the
            m = self._mention_at(k) if k < len(self.toks) else None  # title's own genitive
        return m is not None and bool(m.actors) and all(a.kind == "person" for a in m.actors)

    def _possessor(self, trig: RuTrigger) -> list[Actor]:
        """Who undergoes a verbal noun whose possessive pronoun stands right before it, as a
        genitive after it would («с момента их ареста», «после его убийства»): the pronoun's
        person in the sentence, the nearest before it, else the nearest after it («через год
        после его убийства Бандера остаётся …»); «их» the nearest list of actors before it."""
        first = self._index(trig.start)
        if first == 0 or self.toks[first - 1].low not in _POSSESSIVES:
            return []
        plural = self.toks[first - 1].low == "их"
        for k in [*range(first - 2, -1, -1), *([] if plural else range(first + 1, len(self.toks)))]:
            m = self._mention_at(k)
            if m is None or not m.actors or m.rule == "pronoun":
                continue
            if not plural:
                return list(m.actors) if all(a.kind == "person" for a in m.actors) else []
            start = k
            while start > 0 and self._mention_at(start - 1) is m:
                start -= 1
            found = list(m.actors)
            while start > 0:  # back over the list it closes («Алёхина и 23-летняя Надежда …»)
                j = start - 1
                while j >= 0 and self._mention_at(j) is None and start - j <= 3:
                    j -= 1
                if j < 0 or self._mention_at(j) is None or not self._joins_list(j + 1, start):
                    break
                prev = self._mention_at(j)
                found = [*prev.actors, *found]
                start = j
                while start > 0 and self._mention_at(start - 1) is prev:
                    start -= 1
            return found if len(found) > 1 else []
        return []

    def _genitive_list_after(self, trig: RuTrigger) -> list[Actor]:
        """The actors of the genitive right after a noun trigger and of the genitives joined to
        it by «и» or a comma («переговоры президентов России и Украины»)."""
        out = self._genitive_after(trig)
        if not out:
            return out
        j = self._index(trig.end)
        while j < len(self.toks) and self._mention_at(j) is None:
            j += 1
        while j < len(self.toks):
            m = self._mention_at(j)
            while j < len(self.toks) and self._mention_at(j) is m:
                j += 1
            if j + 1 >= len(self.toks) or self.toks[j].low not in _JOINERS:
                break
            nxt = self._mention_at(j + 1)
            if nxt is None or "gent" not in self._mention_cases(j + 1):
                break
            out += [a for a in nxt.actors if a not in out]
            j += 1
        return out

    def _joined_after(self, m: Mention, k: int, hi: int) -> bool:
        """Whether the mention starting at token k is followed by «и» or a comma («Виталий Кличко
        и его брат Владимир»)."""
        j = k
        while j < hi and self._mention_at(j) is m:
            j += 1
        return j < hi and self.toks[j].low in _JOINERS

    def _describes_person(self, m: Mention, end: int, hi: int) -> bool:
        """Whether a country mention, or a title resolved to its holder, ending at token `end` is
        part of the description of the person named right after it: only common nouns,
        adjectives, «и» and quotation marks stand between («Легенда французского кино Брижит
        Бардо», «мэру Москвы Сергею Собянину», «президента республики Игоря Смирнова»). So is
        any other name in the genitive on a common noun of that description («владельца клуба
        «Бирмингем Сити» Карсона Ёнга», «лидера движения «Хамас» Исмаила Хании»)."""
        if not m.actors:
            return False
        title = all(a.kind == "person" for a in m.actors) and m.text[:1].islower() and not any(
            w[:1].isupper() and _name_cases(w.lower()) for w in _TOKEN.findall(m.text))
        # («королева Елизавета II и премьер-министр Борис Джонсон»: a title with its name is
        # someone of their own)
        if not title and any(a.kind != "country" for a in m.actors) \
                and not self._genitive_attribute(end - len(_TOKEN.findall(m.text)) + 1):
            return False
        start = end - len(_TOKEN.findall(m.text)) + 1
        if not title and 0 < start < len(self.toks) and self.toks[start].word.pos != "ADJF" \
                and self.toks[start - 1].word.pos == "PREP":
            return False  # «потребовал от Украины освобождения Петрова»: a preposition's own
        # a country adjective describing an organisation named after it («Российский оператор
        # «Мегафон»», «китайским производителем Xiaomi»)
        adjective = not title and all(a.kind == "country" for a in m.actors) and \
            0 <= start < len(self.toks) and self.toks[start].word.pos == "ADJF"
        joined = nouns = False
        # a title before it may go on with a place («Посол Италии в Грузии Виторио Сандали»)
        titled = start > 0 and self.toks[start - 1].word.pos == "NOUN" and \
            self.toks[start - 1].word.animate and self._mention_at(start - 1) is None
        j = end + 1
        while j < min(hi, end + 9):
            nxt = self._mention_at(j)
            if nxt is not None:
                if titled and self.toks[j - 1].word.pos == "PREP" and nxt.actors and \
                        all(a.kind == "country" for a in nxt.actors):
                    j = self._mention_end(j) + 1  # «Посол Италии в Грузии Виторио Сандали»
                    continue
                if adjective and nouns and not joined and nxt.actors and \
                        all(a.kind == "organisation" for a in nxt.actors):
                    return True
                return bool(nxt.actors) and all(a.kind == "person" for a in nxt.actors)
            t = self.toks[j]
            j += 1
            if t.text in "«»\"" or t.low == "и":
                joined = joined or t.low == "и"
                continue
            if titled and t.word.pos == "PREP" and t.text[:1].islower() and (
                    title or any(a.kind != "person" for a in m.actors)):
                continue  # «Глава палестинской делегации на переговорах Саеб Эрекат»; not a
                #           person's name («признал доктора Петрова виновным в убийстве X»)
            if t.word.pos not in ("NOUN", "ADJF", "PRTF") or not t.text[:1].islower() and (
                    title or adjective or _name_cases(t.low) or not _names_place(t.text)
                    and t.word.pos != "ADJF"):
                return False  # a capitalised word only in a place's name («главы Администрации
                #               Советского района Уфы Рустем Рахматуллин»)
            nouns = nouns or t.word.pos == "NOUN"
        return False

    def _genitive_attribute(self, i: int) -> bool:
        """Whether the mention starting at token i is a genitive on the common noun right before
        it (past an opening quotation mark): «клуба «Бирмингем Сити»», «движения «Хамас»»."""
        quoted = i > 0 and self.toks[i - 1].text in "«\""
        j = i - 2 if quoted else i - 1
        opening = (j == 0 or j > 0 and self.toks[j - 1].text in _HARD) \
            and self.toks[j].word.animate  # «Лидер ЛДПР Владимир Жириновский»
        if j < 0 or not (self.toks[j].text[:1].islower() or opening) \
                or self.toks[j].word.pos != "NOUN":
            return False
        return quoted or "gent" in self._mention_cases(i)  # a quoted name does not decline

    def _role(self, trig: RuTrigger, i: int, passive: bool, bare: set[str],
              dative_subject: bool) -> str | None:
        """'source', 'target', 'ambiguous' (nominative or accusative) or None for the mention
        starting at token i."""
        rule = trig.rule
        cases = self._mention_cases(i)
        prep = self._preposition(i)
        head = i - 1
        if prep is None and "gent" in cases and head >= 0 and self._mention_at(head) is None:
            h = self.toks[head]
            if trig.start <= h.start < trig.end and h.word.pos == "NOUN" and rule.genitive_sources:
                return "source"  # «переговоры Шойгу и Остина»: the noun's genitive takes part
            if trig.start <= h.start < trig.end and h.word.pos == "NOUN" and rule.genitive_targets:
                return "target"  # «похищение двух журналистов», «арест Навального»
            found = self._phrase_head(trig, i)
            if found is not None:
                # «Колонна ВСУ», «решение Вашингтона», «Министерство культуры Белоруссии»: the
                # actor stands where the noun phrase it closes stands
                k, h_cases, h_prep = found
                undeclined = len(cases) == len(_CASES) and not self._subject_of_trigger(i, trig)
                if not h_cases:
                    return None
                if h_prep is not None and self._open_object(trig, i, k, bare):
                    return "target"  # «поддерживают в сирийской войне президента Башара Асада»
                in_phrase = h_prep is not None and not self._subject_of_trigger(i, trig) \
                    and not self._before_verb(i)
                if "nomn" not in cases or (undeclined or in_phrase) and h_prep is not None \
                        or h_prep is None \
                        and (undeclined or k < i - 1 or h_cases & {"nomn", "accs"}):
                    # «на базе НАТО»: an undeclined name takes its phrase's preposition too,
                    # and so does one that reads as a genitive («по районам Ливана»)
                    cases, prep = h_cases, h_prep
        if prep is None and self.toks[i].text[:1].isupper():
            found = self._apposition_head(trig, i, cases)
            if found is not None:
                cases, prep = found  # «с заместителем министра … Александром Налбандовым»
        if prep == "между" and self._between_on_noun(trig, i):
            return None  # «о начале сотрудничества между Киевом и Анкарой»: the noun's parties
        if prep is not None:
            if prep == "между" or passive and prep == "со стороны":
                return "source"
            if passive and prep == "в" and len(cases) == len(_CASES):
                return None  # «были убиты в Марокко»: an undeclined place is where, not whom
            if any(p == prep and c in cases for p, c in rule.targets):
                return "target"
            return None
        if passive:
            if "ablt" in cases and "nomn" not in cases:
                return "source"
            if "datv" in bare and "datv" in cases and "nomn" not in cases:
                return "target"  # «Петрову предъявлено обвинение», «ему вынесен приговор»
            return "target" if "nomn" in cases else None
        if dative_subject and "datv" in cases and "nomn" not in cases:
            return "source"
        can_target = bool(cases & bare)
        if "nomn" in cases:
            return "ambiguous" if can_target else "source"
        return "target" if can_target else None

    def _between_on_noun(self, trig: RuTrigger, i: int) -> bool:
        """Whether the «между» before the mention at token i hangs on a common noun other than
        the trigger of a singular verb («договорился о сотрудничестве между Киевом и Анкарой»);
        after a plural verb its parties may be the verb's own («Президенты договорились о
        контактах между Вашингтоном и Пекином»)."""
        verb = self.toks[self._index(trig.start)].word
        if verb.pos == "VERB" and verb.plural:
            return False  # «Президенты договорились о контактах между Вашингтоном и Пекином»
        for j in range(i - 1, max(-1, i - 4), -1):
            if self.toks[j].low == "между":
                if j == 0:
                    return False
                before = self.toks[j - 1]
                return before.word.pos == "NOUN" and before.text[:1].islower() \
                    and not trig.start <= before.start < trig.end \
                    and self._mention_at(j - 1) is None
        return False

    def _open_object(self, trig: RuTrigger, i: int, k: int, bare: set[str]) -> bool:
        """Whether the person named at token i, after a prepositional phrase whose noun is at
        token k, is the object of the verb trigger before it rather than a genitive in the phrase:
        the verb takes a bare accusative, the person's name may be one, and nothing between the
        verb and the phrase fills the object's place («поддерживают в сирийской войне
        президента Башара Асада»; not «работает в администрации президента»)."""
        m = self._mention_at(i)
        verb = self.toks[self._index(trig.start)].word
        last = self._index(trig.end)
        if "accs" not in bare or verb.pos not in ("VERB", "INFN") or last >= k \
                or m is None or not m.actors or any(a.kind != "person" for a in m.actors) \
                or "accs" not in self._mention_cases(i):
            return False
        p = k - 1  # the preposition, before the phrase's adjectives («в сирийской войне»)
        while p > last and self.toks[p].word.pos != "PREP":
            p -= 1
        return all(self._mention_at(j) is None for j in range(last, p)) and not any(
            t.word.pos == "NOUN" and "accs" in t.word.cases or t.text in _HARD | {","}
            for t in self.toks[last:p])

    def _before_verb(self, i: int) -> bool:
        """Whether a verb follows the mention starting at token i right away, past adverbs: the
        mention may be its subject («На этой неделе МИД Китая потребовал»)."""
        j = self._mention_end(i) + 1
        while j < len(self.toks) and self.toks[j].word.pos == "ADVB":
            j += 1
        return j < len(self.toks) and self.toks[j].word.pos == "VERB"

    def _subject_of_trigger(self, i: int, trig: RuTrigger) -> bool:
        """Whether the mention at token i is a person's name right before a verb trigger (past
        adverbs): its subject, however undeclined («делегации на переговорах Саеб Эрекат
        призвал ООН»)."""
        m = self._mention_at(i)
        j = self._mention_end(i) + 1
        while j < len(self.toks) and self.toks[j].word.pos == "ADVB" \
                and self.toks[j].start < trig.start:
            j += 1  # «В пятницу Берлускони убедительно призывал»
        return m is not None and len(m.actors) == 1 and m.actors[0].kind == "person" \
            and j < len(self.toks) and self.toks[j].start == trig.start \
            and self.toks[j].word.pos == "VERB"

    def _apposition_head(self, trig: RuTrigger, i: int, cases: frozenset[str]
                         ) -> tuple[frozenset[str], str | None] | None:
        """For a name at token i standing in apposition after a title («с заместителем министра
        иностранных дел Грузии Александром Налбандовым», «с главой Hermitage Capital Уильямом
        Браудером»): the cases it shares with the title's noun and the preposition that governs
        that noun, or None. The title is the nearest lower-case noun for a person before the
        name that agrees with it in case, past the title's genitives (other nouns and actor mentions that
        are no person); nothing else may stand between. An organisation's name right after the
        common noun it names («партией Движение за социал-демократию», «газету «Известия»»)
        takes that noun's cases and preposition (or none)."""
        m = self._mention_at(i)
        if m is not None and m.actors and all(a.kind == "organisation" for a in m.actors):
            j = i - 2 if i > 1 and self.toks[i - 1].text in "«\"" else i - 1
            t = self.toks[j] if j >= 0 else None
            if t is None or not t.text[:1].islower() or t.word.pos != "NOUN" or t.word.animate \
                    or t.word.plural or trig.start <= t.start < trig.end \
                    or self._mention_at(j) is not None:
                return None  # «по требованию налоговиков Роскомнадзор»: no kind of body
            if not t.word.cases & {"nomn", "accs", "datv", "ablt"}:
                return None  # «партии Единая Россия»: a genitive, read as `_phrase_head` reads it
            # a name in the nominative does not agree with its noun («партией Движение за …»)
            shared = t.word.cases if "nomn" in cases else cases & t.word.cases
            return (shared, self._preposition(j)) if shared and shared != cases else None
        j = i - 1
        while j >= 0 and i - j <= 8:
            t = self.toks[j]
            if trig.start <= t.start < trig.end:
                return None
            m = self._mention_at(j)
            if m is not None:
                if any(a.kind == "person" for a in m.actors) and not m.text[:1].islower():
                    return None
                j -= 1
                continue
            if t.text in "«»\"":
                j -= 1
                continue
            if not t.text[:1].islower() or t.word.pos not in ("NOUN", "ADJF", "PRTF"):
                return None
            if t.word.pos == "NOUN" and t.word.animate:
                shared = cases & t.word.cases
                if shared and not t.word.lexicalised:
                    prep = self._preposition(j)
                    return (shared, prep) if prep is not None else None
            j -= 1
        return None

    def _mention_cases(self, i: int) -> frozenset[str]:
        """The cases of the mention starting at token i: its first word's; for one person's name,
        those every word of the name allows as a singular name («Геннадий Кернес»: «Геннадий»
        alone also reads as a plural genitive, «Кернес» as a verb; as a name, nominative only)."""
        first = self.toks[i].word.cases or frozenset(_CASES)
        m = self._mention_at(i)
        if m is not None and m.rule == "pronoun" and self.toks[i].low in _OBJECT_OR_POSSESSIVE:
            return frozenset({"gent", "accs"})  # «его задержали»: read as a person, no possessive
        if m is None or len(m.actors) != 1 or m.actors[0].kind != "person":
            return first
        if self.toks[i].text[:1].islower():
            # a title swallowed with its genitives: the name decides («помощник заместителя
            # [госсекретаря Мэтью Брайза] призвал»)
            j = next((j for j in range(i + 1, min(len(self.toks), i + 8))
                      if self._mention_at(j) is m and self.toks[j].text[:1].isupper()
                      and _name_cases(self.toks[j].low)), None)
            if j is not None and "nomn" not in first:
                j = self._name_start(j, m)
                name = self._name_part_cases(j, m, self.toks[j].word.cases or frozenset(_CASES))
                # a name that does not decline («госсекретарем США Хиллари Клинтон») stands in
                # its title's case: the title decides
                return first & name or name if len(name) == len(_CASES) else name
        cases = self._name_part_cases(i, m, first)
        if "nomn" in cases and _inflected_name(m):
            return self._oblique_cases(i, m, cases)  # «поздравить Карпина»: Карпин, said the
        return _animate_accusative(self.toks[i].low, cases)  # actor stage

    def _oblique_cases(self, i: int, m: Mention, cases: frozenset[str]) -> frozenset[str]:
        """The cases of a name written in another case than its nominative (`_inflected_name`):
        its last word's readings but the nominative; a man's genitive is his accusative too
        (a person is animate)."""
        last = self._mention_end(i)
        rest = (cases | self.toks[last].word.cases) - {"nomn"}
        if "gent" in rest and not _fold(m.actors[0].name).endswith(("а", "я")):
            rest |= {"accs"}
        return frozenset(rest) or cases

    def _name_start(self, j: int, m: Mention) -> int:
        """The first word of the personal name whose word at token j declines as a name: back
        over the capitalised given names before it («Хиллари» before «Клинтон»), whose gender
        tells whether the surname declines."""
        while j > 0 and self._mention_at(j - 1) is m and self.toks[j - 1].text[:1].isupper() \
                and name_genders(self.toks[j - 1].low):
            j -= 1
        return j

    def _name_part_cases(self, i: int, m: Mention, first: frozenset[str]) -> frozenset[str]:
        """The cases every word of the name from token i allows as one person's name, within
        the cases `first` (see `_mention_cases`)."""
        out = first
        # a woman's first name: a surname with no feminine reading does not decline («Холли
        # Соломон», «Мейрид Корриган Магуайр»), so its masculine nominative says nothing
        gender = "femn" if name_genders(self.toks[i].low) == {"femn"} else None
        for j in range(i, min(len(self.toks), i + NAME_WORDS)):
            if self._mention_at(j) is not m:
                break
            narrowed = out & (_name_cases(self.toks[j].low, gender) or out)
            if not narrowed:
                return first  # the words disagree: keep the first word's reading
            out = narrowed
        if i > 0 and self._mention_at(i - 1) is None and self.toks[i - 1].word.pos == "ADJF":
            # an adjective agreeing with the name tells its case («задержала 28-летнюю Холли
            # Соломон»)
            agreed = out & {c for c, n in _case_numbers(self.toks[i - 1].low) if n == "sing"}
            out = agreed or out
        return out

    def _borrowed_subject(self, trig: RuTrigger, lo: int) -> list[Actor]:
        """The subject of the clause this one is wedged into, or the head of a relative clause.
        A gerund shares the subject of its main clause, before it («КНДР провела испытания,
        пригрозив соседям войной») or after it («Встречаясь с Эрдоганом, Путин …»); so does a
        predicate coordinated after «, а (затем)» or «, но» and one in a relative clause on what
        the subject wrote or said («опубликовал статью, в которой призвал …»)."""
        trigger_first = self.toks[self._index(trig.start)]
        comma_before = lo > 0 and self.toks[lo - 1].text == ","
        if trigger_first.word.gerund and (lo == 0 or comma_before) \
                or lo == 0 and self.toks[0].word.gerund:
            return (self._earlier_subject(lo - 1) if comma_before else []) \
                or self._later_subject(self.clause(trig)[1])
        if lo == 0:
            return []
        start = self.toks[lo]
        if start.low in _RELATIVE and start.low not in _RELATIVE_SUBJECT:
            if lo >= 2 and self.toks[lo - 1].word.pos == "PREP" and self.toks[lo - 2].text == "," \
                    and not self._own_subject(lo, trig):
                return self._earlier_subject(lo - 2)  # «…статью, в которой призвал ввести …»
            return []
        head_clause = start.low in _RELATIVE_SUBJECT or (
            start.word.participle or start.word.gerund) and comma_before
        if trigger_first.word.participle and comma_before and trigger_first is start:
            head_clause = True
        if head_clause or start.low in _RELATIVE_SUBJECT:
            j = lo - 2 if comma_before else lo - 1
            m = self._mention_at(j) if j >= 0 else None
            if m is None and j > 0:
                return self._organ_of_country(j)  # «шведская прокуратура, добивающаяся …»
            return list(m.actors) if m is not None else []
        if start.low == "чтобы" and trigger_first.word.pos == "INFN" and comma_before:
            return self._main_subject(lo - 1)  # «зашёл Федун, чтобы поздравить Карпина»
        if start.low == "и" and self._joins_predicates(lo):
            # «Россия атаковала Украину и обвинила Польшу»: the first predicate's subject, as
            # its clause reads it (borrowed in turn where that clause has none)
            return [] if self._own_subject(lo, trig) else self._subject_before_and(trig, lo)
        if start.low in _COORDINATING:
            k = lo
            while k > 0 and self.toks[k - 1].low in _COORDINATING:
                k -= 1
            if k > 0 and self.toks[k - 1].text == "," and not self._own_subject(lo, trig):
                return self._earlier_subject(k - 1, coordinated=True)  # «…, а затем освобождён»
            if k > 0 and self._joins_predicates(k - 1) and not self._own_subject(lo, trig):
                return self._subject_before_and(trig, k - 1)  # «был задержан и затем выдан»
            return []
        that = lo - 1 if start.low in _TIME_PREPOSITIONS and self.toks[lo - 1].low == "что" else lo
        if self.toks[that].low == "что" and that > 0 and self.toks[that - 1].text == "," \
                and trigger_first.word.pos == "VERB" and not self._own_subject(that, trig):
            # «Петр Порошенко объявил, что после инаугурации подпишет …»: the speaker's own act
            found = self._earlier_subject(that - 1)
            return found if _verb_agrees(trigger_first.low, found) else []
        if start.low in _SUBORDINATORS:
            return []
        return self._earlier_subject(lo - 1)

    def _organ_of_country(self, j: int) -> list[Actor]:
        """The country whose adjective stands on the noun at token j, where the noun names an
        organ of that state («шведская прокуратура»: docs/ANNOTATION.md, an unnamed organ of a
        state described by its country is the country), not a group that is none (groups.ru.yaml
        `not_state`)."""
        t, m = self.toks[j], self._mention_at(j - 1)
        if t.word.pos != "NOUN" or not t.text[:1].islower() or m is None or not m.actors \
                or any(a.kind != "country" for a in m.actors) \
                or self.toks[j - 1].word.pos != "ADJF" or t.word.lemma in _not_state():
            return []
        return list(m.actors)

    def _earlier_subject(self, j: int, coordinated: bool = False) -> list[Actor]:
        """The subject of the clause before the comma at token j, skipping back over clauses
        wedged in by commas: gerund, participle and relative phrases, «как сообщили …», a
        description of the subject set off by commas («Борис Стомахин, редактор газеты, был
        арестован»), a predicate whose subject stands before it («X, известный певец, написал
        письмо, в котором …»); then the first nominative actor mention outside any preposition,
        with the actors listed with it. A `coordinated` predicate shares the subject of the clause
        before even where that clause is a subordinate one («что X был арестован, а затем …»)."""
        described = False  # the segment after this one described its subject
        while j > 0:
            if self.toks[j].text not in (",", "—", "–"):
                return []
            seg_hi = j
            seg_lo = j
            while seg_lo > 0 and self.toks[seg_lo - 1].text not in _HARD | {","}:
                seg_lo -= 1
            seg = self.toks[seg_lo:seg_hi]
            if not seg:
                return []
            head = seg[0]
            if self.toks[j].text != ",":
                # a dash sets off a description of the subject («Ким – вице-премьер, …,
                # казнён») or the subject's name after its description («Старший брат X —
                # Тамерлан — был убит»), nothing else
                first = seg_lo + (self.toks[seg_lo].low in _SUBORDINATORS)  # «, что Ким –»
                m = self._mention_at(first)
                if m is not None and self._mention_end(first) == seg_hi - 1 and m.actors \
                        and all(a.kind == "person" for a in m.actors):
                    return list(m.actors)
                if self._description(seg_lo, seg_hi):
                    described = True
                    j = seg_lo - 1
                    continue
                if not described:
                    return []
            described = False
            if head.low == "по":  # «По данным следствия … Пётр Завьялов, находясь …, ударил»
                found = self._segment_subject(seg_lo, seg_hi)
                if found:
                    return found
            if head.word.gerund or head.word.participle or head.low in ("как", "по") \
                    or head.low in _RELATIVE or self._description(seg_lo, seg_hi) \
                    or head.word.pos == "VERB":
                described = self._description(seg_lo, seg_hi)
                j = seg_lo - 1
                continue
            if head.low in _SUBORDINATORS and not coordinated:
                return []  # «Если Иран атакует Израиль, США введут …»: not this clause's subject
            body = self._speaking_body(seg_lo, seg_hi)
            if body:
                return body  # «В МИД России заявили, что ждут от США разъяснений»
            for k in range(seg_lo, seg_hi):
                m = self._mention_at(k)
                if m is not None and "nomn" in (self.toks[k].word.cases or {"nomn"}) \
                        and self._preposition(k) is None and (k == 0 or self._mention_at(k - 1)
                                                               is not m):
                    if self._describes_person(m, self._mention_end(k), len(self.toks)):
                        continue
                    return self._listed_with(k)
            return []
        return []

    def _segment_subject(self, lo: int, hi: int) -> list[Actor]:
        """The subject a segment opening with a source phrase («по данным следствия», «по
        словам X») goes on to name before the comma at token hi: a nominative actor mention
        outside any preposition that hangs on no noun, past the source the phrase itself
        names («по данным ТАСС»), with the actors listed with it. Not a segment with a verb of
        its own («по которому Роскомнадзор требовал …»): its subject is that verb's."""
        if lo + 1 >= hi or self.toks[lo + 1].word.pos != "NOUN" \
                or any(t.word.pos == "VERB" for t in self.toks[lo:hi]):
            return []
        for k in range(lo + 3, hi):
            m = self._mention_at(k)
            if m is None or self._mention_at(k - 1) is m or "nomn" not in self._mention_cases(k) \
                    or self._preposition(k) is not None or self._genitive_attribute(k):
                continue
            if not self._describes_person(m, self._mention_end(k), hi):
                return self._listed_with(k)
        return []

    def _later_subject(self, hi: int) -> list[Actor]:
        """The subject of the main clause after a fronted gerund phrase that ends at token hi
        («Встречаясь с Эрдоганом, Путин отметил …»): the first nominative actor mention outside
        any preposition in the next clause that is no participle, gerund or relative phrase."""
        j = hi
        for _ in range(3):
            if j >= len(self.toks) or self.toks[j].text != ",":
                return []
            k = j + 1
            while k < len(self.toks) and self.toks[k].text not in _HARD | {","}:
                k += 1
            if j + 1 < k:
                head = self.toks[j + 1]
                if not (head.word.gerund or head.word.participle or head.low in _RELATIVE):
                    for i in range(j + 1, k):
                        m = self._mention_at(i)
                        if m is not None and self._mention_at(i - 1) is not m \
                                and "nomn" in self._mention_cases(i) \
                                and self._preposition(i) is None \
                                and not self._describes_person(m, self._mention_end(i), k):
                            return self._listed_with(i)
                    return []
            j = k
        return []

    def _mention_end(self, i: int) -> int:
        """The last token of the mention starting at token i."""
        m = self._mention_at(i)
        while i + 1 < len(self.toks) and self._mention_at(i + 1) is m:
            i += 1
        return i

    def _listed_with(self, k: int) -> list[Actor]:
        """The actors of the mention at token k and of those listed with it by «и» and commas
        («Меркель, Порошенко и Франсуа Олланд»)."""
        first = k
        while first >= 2 and self._joins(first - 1) and self._mention_at(first - 2) is not None:
            first -= 2
            while first > 0 and self._mention_at(first - 1) is self._mention_at(first):
                first -= 1
        out: list[Actor] = []
        i = first
        while i < len(self.toks) and self._mention_at(i) is not None:
            _add(out, self._mention_at(i).actors)
            i = self._mention_end(i) + 1
            if i + 1 < len(self.toks) and self._joins(i) and self._mention_at(i + 1) is not None:
                i += 1
            else:
                break
        return out

    def _joins(self, i: int) -> bool:
        """Whether token i joins two actors of one list: «и» or a comma that `_list_comma` keeps."""
        return self.toks[i].low == "и" or self.toks[i].text == "," and self._list_comma(i)

    def _description(self, lo: int, hi: int) -> bool:
        """Whether tokens [lo, hi) describe the subject before them, set off by commas: common
        nouns and adjectives, the first a lower-case nominative, and no verb («редактор газеты
        «Радикальная политика»», «известный певец»)."""
        head = self.toks[lo]
        if not head.text[:1].islower() or head.word.pos not in ("NOUN", "ADJF") \
                or "nomn" not in head.word.cases or lo < 2 or self._mention_at(lo - 2) is None \
                and not self._description_before(lo - 1):
            return False
        return not any(t.word.pos in ("VERB", "PRTS", "INFN", "GRND") for t in self.toks[lo:hi])

    def _description_before(self, comma: int) -> bool:
        """Whether the segment ending at the comma at token `comma` is itself a description
        (the second of «известный певец, актёр и общественный деятель»)."""
        j = comma
        while j > 0 and self.toks[j - 1].text not in _HARD | {","}:
            j -= 1
        return j < comma and self.toks[j].text[:1].islower() and \
            self.toks[j].word.pos in ("NOUN", "ADJF") and j >= 2 and (
                self._mention_at(j - 2) is not None or self._description_before(j - 1))

    def _own_subject(self, lo: int, trig: RuTrigger) -> bool:
        """Whether the clause from token lo has a subject of its own: a personal pronoun, or a
        nominative noun outside any preposition before the trigger or right after it."""
        first = self._index(trig.start)
        last = self._index(trig.end)
        for i in [*range(lo, first), *range(last, min(len(self.toks), last + 3))]:
            t = self.toks[i]
            if t.low in ("он", "она", "оно", "они", "я", "мы", "вы"):
                return True
            nominative = t.word.nominative or t.text[:1].isupper() and "nomn" in t.word.cases
            if t.word.pos == "NOUN" and nominative and self._preposition(i) is None \
                    and self._mention_at(i) is None:
                return True  # «однако потом ГИБДД и МЧС опровергли»: a subject no actor names
            if t.text in _HARD or t.text == ",":
                break
        return False

    def _main_subject(self, comma: int) -> list[Actor]:
        """The actors of the first nominative mention outside any preposition in the clause that
        ends at token `comma`: the subject a purpose clause («, чтобы» + infinitive) shares."""
        j = comma
        while j > 0 and self.toks[j - 1].text not in _HARD | {","}:
            j -= 1
        for k in range(j, comma):
            m = self._mention_at(k)
            if m is not None and "nomn" in self._mention_cases(k) and self._preposition(k) is None:
                return list(m.actors)
        return []

    def _phrase_head(self, trig: RuTrigger, i: int
                     ) -> tuple[int, frozenset[str], str | None] | None:
        """For a mention at token i after common nouns («министерство культуры Белоруссии»),
        the first noun of the phrase: (its index, its cases, its preposition), or None when a
        verb, the trigger or another actor stands right before the mention."""
        k = i - 1
        nouns = 0
        later: _Word | None = None  # the noun after this one: the genitive it governs
        while k >= 0 and nouns < 4:
            t = self.toks[k]
            if self._mention_at(k) is not None or trig.start <= t.start < trig.end:
                break
            if t.word.pos == "NOUN" and (t.text[:1].islower() or k == 0
                                         or self.toks[k - 1].text in _HARD | {","}):
                if later is not None and later.cases and "gent" not in later.cases:
                    break  # «о встрече министры ФРГ»: «министры» opens the phrase, no genitive
                nouns += 1
                later = t.word
            elif t.word.pos not in ("ADJF", "NUMR", "PRTF") or nouns == 0:
                break
            k -= 1
        if nouns == 0:
            return None
        first = k + 1
        while self.toks[first].word.pos != "NOUN":
            first += 1
        w = self.toks[first].word
        if w.lemma in _related_nouns():
            return first, frozenset(), None  # «сторонники Навального» are not Navalny
        if trig.rule.type in CONTENT_OF and self.toks[first].start >= trig.end and any(
                _asks_for(t.word.lemma) for t in self.toks[first:i] if t.word.pos == "NOUN"):
            return first, frozenset(), None  # «требует освобождения Петрова»: what is asked
        if nouns > 1 and w.animate:
            titled = self._title_of_name(first, i)
            if titled is None:
                return first, frozenset(), None  # «критик лидера Рахмона»: someone else's actor
            return first, titled, self._preposition(first)
        return first, w.cases or frozenset(_CASES), self._preposition(first)

    def _title_of_name(self, first: int, i: int) -> frozenset[str] | None:
        """The cases a person's title at token `first` shares with the name at token i, when
        the nouns between are the title's own genitive attributes, none of them a person («убеждать
        губернатора Кемеровской области Амана Тулеева»: the name stands in apposition to the
        title, where «критик лидера Рахмона» names the leader's). None otherwise."""
        if any(t.word.pos == "NOUN" and t.word.animate for t in self.toks[first + 1:i]):
            return None
        m = self._mention_at(i)
        if m is None or not m.actors or any(a.kind != "person" for a in m.actors):
            return None
        shared = self.toks[first].word.cases & self._mention_cases(i)
        return frozenset(shared) or None

    def _inanimate_subject(self, lo: int, hi: int, trig: RuTrigger) -> bool:
        """Whether the clause's nominative subject (a noun outside any preposition) is a thing.
        Actor mentions are passed over (one that is the subject is the target already), and so
        are nouns that cannot agree with the trigger's short participle («была арестована» is
        not said of «диктатуры», «приговорён» not of «колонии»: genitives with a nominative
        plural reading)."""
        agree = _participle_agreement(self.toks, self._index(trig.start), trig.end)
        for i in range(lo, hi):
            w = self.toks[i].word
            if self.toks[i].low in ("он", "она", "они", "я", "мы"):
                return False
            if self._mention_at(i) is not None:
                continue  # «возбуждено 53 дела в субъектах Российской Федерации»
            if trig.start <= self.toks[i].start < trig.end:
                continue  # «предъявлены обвинения»: the trigger's own noun
            after_number = i > 0 and (self.toks[i - 1].text[:1].isdigit()
                                      or self.toks[i - 1].word.pos == "NUMR")
            if w.pos == "NOUN" and "nomn" in w.cases and self._preposition(i) is None \
                    and not after_number and _agrees(self.toks[i].low, agree):  # «16 лет»: none
                return not w.animate
        return False

    def _unnamed_actor(self, lo: int, hi: int, trig: RuTrigger, verb: _Word) -> bool:
        """Whether a verb with no actor named in its clause still says that someone acted: its
        subject is a pronoun, a person («жители», «судьи») or a body («суд», «полиция»), or it has
        no subject and is plural, the indefinite-personal form («его задержали», «возбудили
        дело»), or it is a singular verb whose subject is elided (it stands in an earlier clause
        the verb is coordinated with: «Тома проник в здание и захватил в заложники 16 человек»)
        and it has an argument of its own after it (`_elided_subject`). A thing as subject
        («отказали органы») says no."""
        for i in range(lo, hi):
            t = self.toks[i]
            if trig.start <= t.start < trig.end:
                continue
            if t.low in ("он", "она", "они", "я", "мы", "вы"):
                return True
            w = t.word
            after_number = i > 0 and (self.toks[i - 1].text[:1].isdigit()
                                      or self.toks[i - 1].word.pos == "NUMR")
            if w.pos == "NOUN" and ("plur" if verb.plural else "sing") in w.nominal_numbers \
                    and self._preposition(i) is None and not after_number:
                return w.animate or w.lemma in _agents()
        return verb.plural or self._elided_subject(hi, trig)

    def _elided_subject(self, hi: int, trig: RuTrigger) -> bool:
        """Whether a singular finite verb with no subject in its clause still says that someone
        acted: its subject is elided (coordinated predicates share it, «похитил девушку,
        изнасиловал её и избил»), and the verb has an argument of its own after it (a noun or
        pronoun): with none it shares its arguments too, and they cannot be read («назначил
        его, а затем уволил»). Not a first-person verb («Прошу принять …»: the writer's own
        words) nor a conditional («запрещало бы»)."""
        first = self._index(trig.start)
        tag = morph().parse(self.toks[first].low)[0].tag
        if tag.POS != "VERB" or tag.person == "1per" or tag.mood == "impr":
            return False
        last = self._index(trig.end)
        if any(t.low == "бы" for t in self.toks[max(0, first - 1):hi]):
            return False
        inside = range(first + 1, min(last, hi))  # «отправил чиновника в отставку»
        return any(self.toks[i].word.pos == "NOUN" or self.toks[i].low in _OBJECT_PRONOUNS
                   or self._mention_at(i) is not None for i in range(last, hi)) or any(
            self.toks[i].word.animate or self.toks[i].low in _OBJECT_PRONOUNS
            or self._mention_at(i) is not None for i in inside)

    def _members_listed(self, trig: RuTrigger, hi: int, passive: bool
                        ) -> tuple[str | None, list[Actor]]:
        """A group the clause ends on, named member by member after a colon or a dash
        («задержала пятерых активистов: Ивана Петрова, Анну Смирнову и …», «приговоры вынесены
        троим фигурантам — Петрову, Сидорову и …»): the role the group noun has in the clause
        (its case and preposition, as an actor's) and the actors listed, else (None, []). The
        list runs from the punctuation to the next hard punctuation, its names joined by commas
        and «и» with descriptions between them («фотограф агентства AP Билал Хуссейн»)."""
        if hi >= len(self.toks) or self.toks[hi].text not in (":", "—", "–"):
            return None, []
        g = hi - 1
        if g > 0 and self.toks[g].word.pos == "NOUN" and "gent" in self.toks[g].word.cases \
                and not self.toks[g].word.animate and self.toks[g - 1].word.animate:
            g -= 1  # «участникам процесса:»: the group is the noun the genitive hangs on
        group = self.toks[g].word
        if g < 0 or group.pos != "NOUN" or not group.animate or self._mention_at(g) is not None \
                or trig.start <= self.toks[g].start < trig.end:
            return None, []
        listed: list[Actor] = []
        k = hi + 1
        while k < len(self.toks) and not self._is_boundary(k) or k < len(self.toks) \
                and self.toks[k].text == "," and listed:
            m = self._mention_at(k)
            if m is not None:
                if any(a.kind != "person" for a in m.actors):
                    return None, []
                _add(listed, m.actors)
                while k + 1 < len(self.toks) and self._mention_at(k + 1) is m:
                    k += 1
            k += 1
        if len(listed) < 2:
            return None, []
        return self._group_role(trig, g, group, passive), listed

    def _members_included(self, trig: RuTrigger, hi: int, passive: bool, sources: list[Actor],
                          targets: list[Actor]) -> tuple[str | None, list[Actor]]:
        """A group the clause ends on, some of whose members a comma and «в том числе»,
        «включая» (groups.ru.yaml `including`) name after it («поздравили многие лидеры, в том
        числе Си Цзиньпин»): the group's role in the clause and the actors named, else
        (None, []). A group after a number («несколько стран») is a nominative or accusative
        phrase; one that may be either fills the role the clause has left empty."""
        if hi + 1 >= len(self.toks) or self.toks[hi].text != ",":
            return None, []
        k = next((hi + 1 + len(f) for f in _including()
                  if tuple(t.low for t in self.toks[hi + 1:hi + 1 + len(f)]) == f), None)
        g = hi - 1
        if k is None or g < 0 or self.toks[g].word.pos != "NOUN" or not self.toks[g].word.plural \
                and "gent" not in self.toks[g].word.cases or self._mention_at(g) is not None \
                or trig.start <= self.toks[g].start < trig.end:
            return None, []
        listed: list[Actor] = []
        while k < len(self.toks) and not self._is_boundary(k):
            m = self._mention_at(k)
            if m is not None and not self._describes_person(m, self._mention_end(k),
                                                            len(self.toks)):
                _add(listed, m.actors)
                k = self._mention_end(k)
            k += 1
        if not listed:
            return None, []
        group = self.toks[g].word
        j = g - 1
        while j >= 0 and self.toks[j].word.pos in ("ADJF", "PRTF"):
            j -= 1
        if j >= 0 and (self.toks[j].word.pos == "NUMR" or self.toks[j].text.isdigit()
                       or self.toks[j].low in ("несколько", "ряд", "много", "немало")):
            group = replace(group, cases=frozenset({"nomn", "accs"}))  # «несколько стран»
            g = j
        if not passive and "nomn" in group.cases and self._preposition(g) is None:
            if targets and not sources:
                return "source", listed  # «Путина поздравили многие лидеры, в том числе …»
            if sources and not targets and group.cases & {c for p, c in trig.rule.targets
                                                          if p is None}:
                return "target", listed
        return self._group_role(trig, g, group, passive), listed

    def _group_role(self, trig: RuTrigger, g: int, group: _Word, passive: bool) -> str | None:
        """The role of an unnamed group noun at token g, by its case and preposition."""
        bare = {c for p, c in trig.rule.targets if p is None}
        prep = self._preposition(g)
        if prep is not None:
            return "target" if any(p == prep and c in group.cases for p, c in trig.rule.targets) \
                else None
        if passive:
            if "ablt" in group.cases and "nomn" not in group.cases:
                return "source"
            return "target" if group.cases & ({"nomn"} | bare) else None
        if group.cases & bare:
            return "target"
        return "source" if "nomn" in group.cases else None

    def _unnamed_agent(self, lo: int, hi: int, trig: RuTrigger) -> bool:
        """Whether a passive names who did it without naming an actor: a person or a body in the
        instrumental outside any preposition («критиковался правозащитниками»)."""
        for i in range(lo, hi):
            t = self.toks[i]
            w = t.word
            if trig.start <= t.start < trig.end or w.pos != "NOUN" or "ablt" not in w.cases:
                continue
            if (w.animate or w.lemma in _agents()) and self._preposition(i) is None:
                return True
        return False

    def _unnamed_target(self, lo: int, hi: int, trig: RuTrigger) -> bool:
        """Whether the trigger has an object that is someone the text does not name: a personal
        pronoun («поддерживал её») or a person or body in a target case («призвала партийных
        лидеров», «обвинил журнал»)."""
        bare = {c for p, c in trig.rule.targets if p is None}
        for i in range(lo, hi):
            t = self.toks[i]
            if trig.start <= t.start < trig.end:
                continue
            prep = self._preposition(i)
            w = t.word
            if t.low in _OBJECT_PRONOUNS:
                cases = w.cases
            elif w.pos == "NOUN" and ((w.animate or w.lemma in _agents()) and not w.nominative
                                      or t.start >= trig.end and _unknown_name(t.text)):
                cases = w.cases
                if i > lo and self.toks[i - 1].word.pos == "NOUN" and "gent" in cases:
                    continue  # «к исчезновениям женщин»: an attribute of a noun, no object
            else:
                continue
            if prep is None and cases & bare or any(p == prep and c in cases
                                                    for p, c in trig.rule.targets):
                return True
        return False

    def _pronoun_subject(self, lo: int, hi: int, trig: RuTrigger) -> list[Actor]:
        for t in self.toks[lo:hi]:
            if t.start >= trig.start:
                break
            if t.low in _PERSON_PRONOUNS:
                before = [m for m in self.doc.mentions if m.end <= t.start]
                for m in reversed(before):
                    if len(m.actors) == 1 and m.actors[0].kind == "person":
                        return [m.actors[0]]
                return []
        return []

    # the event -----------------------------------------------------------------------------

    def event(self, trig: RuTrigger, roles: tuple[list[Actor], list[Actor]] | None = None
              ) -> Event | None:
        """The event of a trigger, or None; `roles` (sources, targets) found elsewhere (the
        parse, `ru_syntax`) replace the roles read from case."""
        rule = trig.rule
        lo, hi = self.clause(trig)
        first = self._index(trig.start)
        head = self.toks[first].word if first < len(self.toks) else _analyse("")
        if head.pos in ("INFN", "NOUN") and any(
                (o.rule.type in CONTENT_OF or head.pos == "NOUN" and o.rule.type in NOUN_CONTENT_OF)
                and o.end <= trig.start and self.toks[lo].start <= o.start for o in self.triggers):
            return None  # «потребовал от Москвы вывести войска», «добивается экстрадиции»: asked
        if head.lexicalised:
            return None  # «нападающий сборной» is a forward, «ранимый» an adjective
        if rule.standalone and head.pos == "NOUN" and first > 0 and \
                self.toks[first - 1].word.pos == "NOUN" and "gent" in self.toks[first - 1].word.cases:
            return None  # «в заговоре с целью совершения терактов»: a topic, not an event
        inside = [t for t in self.toks[first:] if t.start < trig.end]
        # a passive participle makes the trigger passive when it is the predicate («подписан»,
        # «захваченный в Пакистане»), not an attribute inside it («в список запрещённых»)
        # (not a participle on the trigger's own noun: «на введённые США санкции»)
        passive = rule.passive or any(t.word.passive and (t.word.pos == "PRTS"
                                                          or "nomn" in t.word.cases)
                                      and not self._attributive(k, inside)
                                      for k, t in enumerate(inside))
        support = self._support_verb(first) if head.pos == "NOUN" else None
        passive = passive or support == "undergo"  # «подверглась обстрелу со стороны России»
        clause_start = self.toks[lo].start if lo < len(self.toks) else trig.start
        before = self.text[clause_start:trig.start]
        after = self.text[trig.end:min(self._after_end(trig), trig.end + SENTENCE_CUE_REACH)]
        sentence_before = self.text[max(self.sent.start, trig.start - SENTENCE_CUE_REACH):trig.start]
        decided = self._status(before, after, sentence_before, head)
        own_status = decided is None and rule.status is not None
        if own_status:
            status, status_rule = rule.status, None  # «отказался от переговоров»
        elif decided is None:
            near = " ".join(t.text for t in self.toks[max(lo, first - NEGATION_WINDOW):first])
            if cues().negation.search(near):
                return None
            status, status_rule = "occurred", None
        else:
            status, status_rule = decided
        if roles is not None:
            return self._build(trig, status, status_rule, *roles)
        sources, targets = self._roles(trig, lo, hi, passive)
        if not (sources and targets):
            role, listed = self._members_listed(trig, hi, passive)
            if role == "source" and not sources:
                sources = listed
            elif role == "target" and not targets:
                targets = listed
        if not (sources and targets):
            role, listed = self._members_included(trig, hi, passive, sources, targets)
            if role == "source" and not sources:
                sources = listed
            elif role == "target" and not targets:
                targets = listed
        if rule.receiver:
            sources, targets = targets, sources  # «Дублин получил помощь от МВФ»
        if head.pos == "NOUN" and rule.genitive_targets:
            # a verbal noun («арест», «похищение»): only its genitive undergoes it; the clause's
            # subject is some other verb's («вышел после ареста за участие в марше») unless the
            # noun leans on a support verb («Россия продолжила обстрел Харькова»)
            sources, targets = (sources if support else []), \
                self._genitive_after(trig) or (targets if support else []) \
                or self._possessor(trig)
        agent = self._attribute_agent(trig)
        if agent:
            # «от введённых Евросоюзом санкций»: the agent of the participle on the event's
            # noun did it; the clause's subject belongs to the verb the phrase depends on
            sources, targets = agent, [a for a in targets if a not in agent]
        if head.pos == "NOUN" and rule.genitive_sources and not support:
            # «США решили отменить визит Обамы»: where the noun's genitive names who acts, the
            # clause's subject is some other verb's
            own = self._genitive_list_after(trig)
            if own and any(a in own for a in sources):
                sources = [a for a in sources if a in own]
        if rule.mode == "visit" and not targets:
            targets = self._visited_capital(lo, hi, sources)  # «визит Нетаньяху в Вашингтон»
        if rule.genitive_only:
            # a circumstance naming who asked («арестован по запросу США»): the clause's other
            # actors belong to its verb
            sources, targets = self._genitive_list_after(trig), []
        if not sources and any(t.low in _FIRST_PERSON for t in self.toks[lo:first]):
            speaker = self._attribution(trig)  # «Мы обсудили …», — сообщил Лавров
            if speaker is not None and speaker.speaker is not None:
                sources = [speaker.speaker]
        if passive and not targets and (rule.passive or any(t.word.pos == "PRTS" for t in inside)) \
                and head.pos != "NOUN" and not self._own_subject(lo, trig):
            targets = self._borrowed_subject(trig, lo)  # «Борис Стомахин, редактор …, был арестован»
        if not targets and head.pos != "NOUN":
            targets = self._relative_object(trig, lo, passive) or (
                self._purpose_subject(hi) if rule.type == "REQUEST" else [])
        if passive and not targets and self.toks[first].word.pos == "PRTF":
            targets = self._borrowed_subject(trig, lo)  # «Мингазов, захваченный в Пакистане»
            if not targets:
                return None  # «доступ к заблокированным сайтам»: a property, not an event
        if passive and not targets and self._inanimate_subject(lo, hi, trig) and (
                not sources and not self._unnamed_agent(lo, hi, trig)
                or rule.needs_target and not (rule.reciprocal and len(sources) > 1)):
            return None  # «Похищены картины», «закон одобрен Советом»: a thing underwent it
        targets = [a for a in targets if all(not _same(a, s) for s in sources)]
        if rule.standalone and head.pos == "NOUN" and not sources and not targets \
                and rule.type != "PROTEST" \
                and (self._time_setting(first) or self._predicate_noun(first)):
            # «во время нападения он кричал», «стала самым массовым убийством»: no act told of
            # anyone named. A protest's crowd is never named, and what it protests stands
            # elsewhere in the sentence («в ходе акции протеста активисты обклеивали Госдуму»)
            return None
        reciprocal = bool(_RECIPROCAL.match(self.text, trig.end))
        if not targets and not passive and not rule.standalone:
            verb = next((t.word for t in inside if t.word.pos in ("VERB", "GRND")), None)
            if not sources and not (verb and (verb.gerund  # its subject is the main clause's
                                              or self._unnamed_actor(lo, hi, trig, verb))):
                return None
            if rule.needs_target and not (rule.reciprocal and (len(sources) > 1 or reciprocal)) \
                    and not self._unnamed_target(lo, hi, trig):
                return None
        return self._build(trig, status, status_rule, sources, targets)

    @staticmethod
    def _attributive(k: int, inside: list[_Tok]) -> bool:
        """Whether the participle at position k of the trigger's tokens is an attribute of a
        noun later in the trigger («введённые США санкции»), not its predicate."""
        return inside[k].word.pos == "PRTF" and any(t.word.pos == "NOUN" and not t.text[:1].isupper()
                                                    for t in inside[k + 1:])

    def _attribute_agent(self, trig: RuTrigger) -> list[Actor]:
        """The instrumental agent right after a passive participle that stands in the trigger as
        an attribute of its noun («наложенного Вашингтоном эмбарго», «введённых Евросоюзом
        санкций»), else []."""
        first, last = self._index(trig.start), self._index(trig.end)
        for j in range(first, min(last, len(self.toks) - 1)):
            w = self.toks[j].word
            if w.pos != "PRTF" or not w.passive or self._mention_at(j + 1) is None:
                continue
            cases = self._mention_cases(j + 1)
            if "ablt" in cases and (len(cases) < len(_CASES) or j + 1 < last):
                return list(self._mention_at(j + 1).actors)
        return []

    def _visited_capital(self, lo: int, hi: int, sources: list[Actor]) -> list[Actor]:
        """The host of a visit whose destination the clause names by its capital after «в»
        («визит Нетаньяху в Вашингтон», «прибыл с визитом в Москву»): the actor stage reads a
        capital after a preposition as a place, but the country is whom a visit goes to. Not
        the visitor's own country."""
        for i in range(max(lo, 1), hi):
            if self.toks[i - 1].low not in ("в", "во") or self._mention_at(i) is not None \
                    or not self.toks[i].text[:1].isupper():
                continue
            host = capital_country(self.toks[i].text)
            if host is not None and all(a.country != host.country for a in sources):
                return [host]
        return []

    def _support_verb(self, first: int) -> str | None:
        """What the subject of the verb an event noun at token `first` leans on does: 'undergo'
        («подверглась обстрелу»), 'agent' («продолжила обстрел», «провела задержание») or None
        for no such verb right before the noun, or one adjective away (ru.yaml
        support_verbs)."""
        k = first - 1
        if k >= 0 and self.toks[k].word.pos in ("ADJF", "PRTF"):
            k -= 1  # «подверглась массированному обстрелу»
        if k < 0 or self.toks[k].word.pos not in ("VERB", "INFN", "GRND"):
            return None
        lemma = self.toks[k].word.lemma
        return next((kind for kind, verbs in _support_verbs().items() if lemma in verbs), None)

    def _time_setting(self, first: int) -> bool:
        """Whether the event noun at token `first` only dates another act: «во время нападения»,
        «в день теракта», «в ходе задержания», «накануне покушения»."""
        return first > 0 and self.toks[first - 1].low in _TIME_SETTING

    def _predicate_noun(self, first: int) -> bool:
        """Whether the event noun at token `first` is a bare instrumental, the predicate that
        classes something («стрельба стала самым массовым убийством», «инцидент, признанный
        терактом»), not an act told as happening."""
        w = self.toks[first].word
        return w.cases == {"ablt"} and self._preposition(first) is None

    def _status(self, before: str, after: str, sentence_before: str, head: _Word
                ) -> tuple[str, str] | None:
        opening_ends = sentence_before.find(",")
        for r in cues().status:
            scope = sentence_before if r.sentence_wide else before
            hit = (r.before and r.before.search(scope)) or (r.after and r.after.search(after)) \
                or (r.future and head.future) or (
                    r.opening and opening_ends > 0 and r.opening.match(sentence_before.lstrip()))
            if hit and not (r.unless and r.unless.search(before + " " + after)):
                return r.status, r.name
        return None

    def _after_end(self, trig: RuTrigger) -> int:
        end = self.sent.end
        for other in self.triggers:
            if other.start > trig.start:
                return min(end, other.start)
        return end

    def _non_state(self, a: Actor) -> bool:
        """Whether a country actor is read only from adjectives on a noun for a group that is no
        organ of a state («грузинскую общественность», «российских и украинских чиновников»;
        groups.ru.yaml): no actor. Any other mention of the country keeps it."""
        if a.kind != "country":
            return False
        found = False
        for m in self.mentions:
            if not any(b.name == a.name for b in m.actors):
                continue
            i = self._index(m.start)
            if i >= len(self.toks) or self.toks[i].word.pos != "ADJF" or self._mention_end(i) != i:
                return False
            j = i + 1
            while j < len(self.toks) and (self.toks[j].word.pos == "ADJF"
                                          or self.toks[j].low in ("и", ",")):
                j += 1
            if j >= len(self.toks) or self.toks[j].word.lemma not in _not_state():
                return False
            found = True
        return found

    def _unnamed_holders(self, actors: list[Actor]) -> list[Actor]:
        """The actors with an office named without its holder's name read as the guideline
        reads them: the holder where the sentence names them too («В разговоре с Путиным …
        призвали российского лидера»), else the country the title names («президент России»,
        «американский президент»: an unnamed organ of a state). A title naming no country
        («Президенты договорились») keeps the holder the actors stage read: the timeline stage
        fills such a side from the sentences before (kronika.timeline)."""
        out: list[Actor] = []
        for a in actors:
            m = next((m for m in self.mentions if m.rule != "pronoun"
                      and any(b.name == a.name for b in m.actors)), None)
            if m is None or m.rule != "office-holder" or a.kind != "person" or any(
                    o.rule not in ("office-holder", "pronoun")
                    and any(b.name == a.name for b in o.actors) for o in self.mentions):
                _add(out, [a])
                continue
            country = _title_country(m.text, a.country)
            _add(out, [country if country is not None else a])
        return out

    def _build(self, trig: RuTrigger, status: str, status_rule: str | None,
               sources: list[Actor], targets: list[Actor]) -> Event:
        rule = trig.rule
        c = cues()
        sources = self._unnamed_holders([a for a in sources if not self._non_state(a)])
        targets = [a for a in self._unnamed_holders(targets)
                   if all(not _same(a, s) for s in sources) and not self._non_state(a)]
        noise = self.doc.noise_covering(self.sent.start, self.sent.end)
        if self._hedged is None:
            self._hedged = bool(c.hedges.search(self.sent.text)) or \
                self.sent.text.rstrip().endswith("?")
        hedged = bool(noise) or self._hedged
        date_info = self._date(trig, status)
        attribution = self._attribution(trig)
        lo, hi = self.clause(trig)
        clause_end = self.toks[hi - 1].end if 0 < hi <= len(self.toks) else self.sent.end
        window = self.text[trig.start:max(trig.end, clause_end)].lower()
        mode = rule.mode or next((name for name, stems in _modes()
                                  if any(s in window for s in stems)), None)
        ident = hashlib.sha256(f"{self.doc.id}:{trig.start}:{rule.type}".encode()).hexdigest()[:16]
        return Event(
            id=f"ev-{ident}", type=rule.type, status=status,
            trigger=Span(trig.start, trig.end, self.text[trig.start:trig.end]),
            evidence=Span(self.sent.start, self.sent.end, self.sent.text),
            sources=tuple(sources), targets=tuple(targets), date=date_info, mode=mode,
            attribution=attribution, hedged=hedged,
            confidence=_confidence(date_info, attribution, hedged, sources, targets),
            rule=rule.name + (f"+{status_rule}" if status_rule else ""),
            again=bool(c.repetition.search(self.text[self.toks[lo].start if lo < len(self.toks)
                                                     else trig.start:trig.start])),
        )

    def _frame(self, trig: RuTrigger) -> CueFrame | None:
        if self._frames is None:
            self._frames = find_cue_frames(self.text, self.sent, "ru", self.timexes)
        for f in self._frames:
            if f.content_start <= trig.start < f.content_end:
                return f
        return None

    def _date(self, trig: RuTrigger, status: str) -> DateInfo:
        lo, hi = self.clause(trig)
        a = self.toks[lo].start if lo < len(self.toks) else self.sent.start
        b = self.toks[hi - 1].end if 0 < hi <= len(self.toks) else self.sent.end
        frame = self._frame(trig)
        usable = [t for t in self.timexes if (t.earliest or t.latest)
                  and t.type in ("DATE", "DURATION")
                  and not (frame and frame.date is t)]
        own = [t for t in usable if a <= t.start < b]
        if not own and len(usable) == 1:
            own = usable
        if own:
            t = min(own, key=lambda t: min(abs(t.start - trig.end), abs(trig.start - t.end)))
            return DateInfo(t.value, t.earliest, t.latest,
                            "relative" if t.anchor_basis else "explicit")
        if self.said and self.said[1] and frame is not None:
            return DateInfo(None, None, self.said[1], "relative")
        return DateInfo()

    def _attribution(self, trig: RuTrigger) -> Attribution | None:
        f = self._frame(trig)
        if f is None:
            return None
        said = f.date.earliest if f.date is not None else None
        if self.said and self.said[0] == f:
            said = self.said[1]
        cited = f.cited
        speaker, cites = None, []
        for m in self.mentions:
            if not f.start <= m.start < f.end or f.content_start <= m.start < f.content_end:
                continue
            if cited is not None and cited.start <= m.start < cited.end:
                cites.extend(m.actors[:1])  # «со ссылкой на Минобороны»: cited, not speaking
            elif speaker is None:
                speaker = m.actors[0] if m.actors else None
        if cited is not None and not cites:
            cites.append(Actor(text=cited.text, name=cited.text))  # «источник в ведомстве»
        return Attribution(f.start, f.end, self.text[f.start:f.end], speaker, said, tuple(cites))


def _title_country(words: str, code: str | None) -> Actor | None:
    """The country a title names («президент России», «американский президент»), as an actor;
    None when it names none («Президент», «глава государства»)."""
    from kronika.actors.kb import load_kb

    if code is None:
        return None
    c = load_kb().countries.get(code)
    if c is None or not any(_names_place(w) for w in _TOKEN.findall(words)[1:]
                            + _TOKEN.findall(words)[:1]):
        return None
    return c.actor(words)


@lru_cache(maxsize=4096)
def _names_place(word: str) -> bool:
    """Whether a word of a title names a country: a place name («России») or a relational
    adjective of one («российский», «американского»)."""
    for p in morph().parse(word.lower())[:2]:
        if "Geox" in p.tag or p.tag.POS == "ADJF" and p.normal_form.endswith(("ский", "цкий")):
            return True
    return False


def _inflected_name(m: Mention) -> bool:
    """Whether a person's name the knowledge base does not know is written in another case than
    the nominative the actor stage gave it: its last word is not the name's («Карпина» of
    Карпин, «Ивана Петрова» of Иван Петров). The actor stage read the whole name, so its word is
    better than one word's parses («Карпина» also parses as a woman's given name)."""
    if m.rule not in ("lone-surname", "unknown-person") or len(m.actors) != 1:
        return False
    written, name = _TOKEN.findall(m.text), _TOKEN.findall(m.actors[0].name)
    return bool(written and name) and _CYRILLIC_WORD.fullmatch(name[-1]) is not None \
        and _fold(written[-1]) != _fold(name[-1])


def _verb_agrees(verb: str, subject: list[Actor]) -> bool:
    """Whether a finite verb in the third person (or the past) can have these actors as its
    subject: several take a plural verb, one a singular."""
    if not subject:
        return False
    tag = morph().parse(verb)[0].tag
    if tag.person in ("1per", "2per") or tag.mood == "impr":
        return False
    return tag.number == ("plur" if len(subject) > 1 else "sing")


def _participle_agreement(toks: list[_Tok], first: int, end: int) -> tuple[str, str | None] | None:
    """(number, gender) of the first short passive participle among the tokens from `first`
    up to offset `end` (gender None in the plural), or None when there is none."""
    for t in toks[first:]:
        if t.start >= end:
            break
        if t.word.pos == "PRTS":
            tag = morph().parse(t.low)[0].tag
            return tag.number, tag.gender if tag.number == "sing" else None
    return None


def _agrees(word: str, agree: tuple[str, str | None] | None) -> bool:
    """Whether a noun has a nominative reading that agrees with a participle's number and
    gender (always, with no participle, or for an indeclinable or unknown word)."""
    if agree is None:
        return True
    number, gender = agree
    if not morph().word_is_known(word):
        return True
    for p in morph().parse(word):
        tag = p.tag
        if "Fixd" in tag:
            return True
        if tag.POS == "NOUN" and tag.case == "nomn" and tag.number == number and (gender is None
                                                             or tag.gender == gender or "Ms-f" in tag):
            return True
    return False


def _add(group: list[Actor], actors) -> None:  # noqa: ANN001 - a tuple of actors
    for a in actors:
        if all(not _same(a, b) for b in group):
            group.append(a)
