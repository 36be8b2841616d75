"""Compile the trigger rules of `events/<lang>.yaml` into one regular expression per rule.

The trigger syntax is kept small so that a non-programmer can read it: words separated by
spaces, `<verb>` for every form of a verb, `(a|b c)` for a choice and `(…)?` for an optional part.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from kronika.document import PLOVER_TYPES
from kronika.errors import RuleFileError
from kronika.rules import load_rules, require_keys

_VERB = re.compile(r"<(\w+)>")
_NEXT_WORD = re.compile(r"\s+(\w+)")


@dataclass(frozen=True)
class TriggerRule:
    name: str
    type: str
    regex: re.Pattern[str]
    mode: str | None = None
    reciprocal: bool = False
    needs_target: bool = True
    object_via: frozenset[str] | None = None  # the only words allowed before the object
    not_followed_by: frozenset[str] = frozenset()  # "spoke of" is no conversation
    retype: tuple[tuple[str, frozenset[str]], ...] = ()  # (type, words after the object)
    examples: tuple[str, ...] = ()
    inverse: bool = False  # the subject is the target, the object the source ("drew criticism from")
    after_object: frozenset[str] = frozenset()  # the event stands only if one of these follows
    far_object_via: frozenset[str] = frozenset()  # "threatened to use force against NATO"
    place_object: bool = False  # "visited Kyiv": a place stands for its country
    no_subject: bool = False  # a noun phrase ("the arrest of X by Y"): the clause's subject is
    #                           not its actor, only the agent after "by" is
    keys: frozenset[str] | None = None  # `word_key`s of the words a match can open with; None: any
    possessive: bool = False  # the trigger follows "X's", and X is its source ("Russia's
    #                           invasion of Ukraine")
    alone: bool = False  # the event stands only where no other trigger follows in its clause
    #                      ("refused to meet Putin" is a meeting refused, not a rejection)
    not_preceded_by: frozenset[str] = frozenset()  # a word among the few before it in its clause
    #                      undoes it: "what Russia calls Novorossiya" names, it is no phone call
    not_after_object: frozenset[str] = frozenset()  # no event if one of these follows the object:
    #                      "call Ukraine their homeland" names, it is no phone call
    needs_agent: bool = False  # in the passive, the event stands only with "by X": "were called
    #                      to the scene" is a summons, no phone call
    unquoted_object: bool = False  # a quoted object undoes it: a plan called "New Order" is
    #                      named, nobody is phoned
    praised: str | None = None  # the type of a retyped event whose words after the object
    #                      praise ("called Trump's order swift and decisive": SUPPORT, not ACCUSE)


@dataclass(frozen=True)
class Grammar:
    """The words of a language that the language-independent coder needs (`grammar:` in the
    rule file): passive auxiliaries and the agent preposition, and mode cues per type."""

    passive_auxiliaries: frozenset[str] = frozenset()
    passive_adverbs: frozenset[str] = frozenset()
    agent: frozenset[str] = frozenset()
    noun_before: frozenset[str] = frozenset()
    gerund_before: frozenset[str] = frozenset()
    modes: tuple[tuple[str, str, re.Pattern[str]], ...] = ()  # (type, mode, cue regex)
    background_before: frozenset[str] = frozenset()  # "since the invasion of": no new event
    hazards: frozenset[str] = frozenset()  # "the hurricane killed 12": no actor, no event
    praise: frozenset[str] = frozenset()  # words of praise: "called Biden a decent man"
    # support verbs whose subject undergoes the event noun after them ("faced sanctions from
    # X"), each as a tuple of lower-case words, and the prepositions its doer follows
    undergo: tuple[tuple[str, ...], ...] = ()
    undergo_from: frozenset[str] = frozenset()
    # forms of the verbs whose object is the subject of an infinitive after it ("urged Iran
    # to", "helped Iran to"); after the others the infinitive is the subject's ("defeated
    # Boeing to win": the winner is who defeated)
    object_control: frozenset[str] = frozenset()
    irregular_forms: frozenset[str] = frozenset()  # every form of `irregular_verbs`
    # verbs whose subject does the act an event noun right after them names ("orchestrated the
    # attacks on", "carried out strikes on"), every form, as tuples of lower-case words
    agentive: tuple[tuple[str, ...], ...] = ()
    # the past forms among `irregular_verbs` ("held", "spoke", "met"): each verb's forms but its
    # base, its -s and its -ing form
    past_forms: frozenset[str] = frozenset()
    # the prepositions a partner follows at the end of a trigger ("in talks with", "spoke to"):
    # such an event stands on its named partner where no name stands before it (en-recall14)
    partner_prepositions: frozenset[str] = frozenset()

    def mode(self, event_type: str, *texts: str) -> str | None:
        """The first mode whose cue occurs in the texts (the trigger first, then its clause)."""
        for text in texts:
            for type_, mode, cue in self.modes:
                if type_ == event_type and cue.search(text):
                    return mode
        return None


def verb_forms(base: str, irregular: dict[str, list[str]]) -> list[str]:
    """Every form of an English verb: base, -s, -ed, -ing (with the usual spelling changes)."""
    if base in irregular:
        return irregular[base]
    if base.endswith("e"):
        return [base, base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    third = base + "es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else base + "s"
    if _SHORT_VOWEL_END.match(base):  # one syllable ending in one vowel and one consonant:
        double = base + base[-1]  # "slam" -> "slammed", "snub" -> "snubbing"
        return [base, third, double + "ed", double + "ing"]
    return [base, third, base + "ed", base + "ing"]


# A verb of one syllable that ends in a single vowel letter and a single consonant (not w, x,
# y) doubles the consonant before -ed and -ing.
_SHORT_VOWEL_END = re.compile(r"^[^aeiouy]*[aeiou][^aeiouwxy]$")


def compile_trigger(pattern: str, irregular: dict[str, list[str]]) -> re.Pattern[str]:
    def forms(m: re.Match[str]) -> str:
        alts = sorted(verb_forms(m.group(1), irregular), key=len, reverse=True)
        return "(?:" + "|".join(alts) + ")"

    body = _to_regex(_VERB.sub(forms, pattern))
    try:
        # No look-behind for the word start: a pattern that opens with literal words lets the
        # regex engine skip to their first letters, ~2x faster (bench/events.py); `_matches`
        # checks the character before instead.
        return re.compile(body + r"(?![\w-])")
    except re.error as exc:
        raise RuleFileError(f"trigger {pattern!r} does not compile: {exc}") from exc


_KEY_WORD = re.compile(r"\w+")
_LITERAL = re.compile(r"\w[\w'’-]*(?=[\s()|]|$)")


def word_key(word: str) -> str:
    """The key a word is indexed by: the first three characters of its first run of letters
    and digits ("agreed" -> "agr", "o'clock" -> "o", "self-immolation" -> "sel"), as a sentence's
    words are read (`find_triggers`)."""
    run = _KEY_WORD.match(word)
    return run.group()[:3] if run else word[:3]


def first_keys(pattern: str, irregular: dict[str, list[str]]) -> frozenset[str] | None:
    """`word_key`s of the words a match of the trigger `pattern` can begin with, or None when
    the pattern can begin with something other than a written word (a `[\\w]+` class).

    A sentence that has none of a rule's keys cannot match it, so the rule's regex is not run
    there (`find_triggers`): most sentences hold no trigger at all."""
    keys = _first(pattern.strip(), irregular)
    return None if keys is None else frozenset(word_key(k) for k in keys)


def _first(pattern: str, irregular: dict[str, list[str]]) -> set[str] | None:
    """First words of a trigger pattern; None for "anything"; an empty pattern gives {""}."""
    if not pattern:
        return {""}
    if pattern.startswith(("(?!", "(?=", "(?<=", "(?<!")):  # zero width: the words come after it
        close = _matching(pattern, 0)
        return _first(pattern[close + 1 :].lstrip(), irregular)
    if pattern.startswith("(?"):  # a flag or another construct: any word may open a match
        return None
    if pattern.startswith("("):
        close = _matching(pattern, 0)
        rest = pattern[close + 1 :]
        optional = rest.startswith(("?", "{0,", "*"))
        rest = re.sub(r"^(?:\?|\*|\{\d*,?\d*\})", "", rest).lstrip()
        out: set[str] = set()
        for alt in _alternatives(pattern[1:close]):
            inner = _first(alt.strip(), irregular)
            if inner is None:
                return None
            out |= inner
        if optional or "" in out:
            out.discard("")
            after = _first(rest, irregular)
            if after is None:
                return None
            out |= after
        return out
    if pattern.startswith("<"):
        verb = _VERB.match(pattern)
        if verb is None:
            return None
        return set(verb_forms(verb.group(1), irregular))
    word = _LITERAL.match(pattern)
    return {word.group()} if word else None


def _alternatives(body: str) -> list[str]:
    """`a|b (c|d)` split at its top-level bars."""
    out, depth, last = [], 0, 0
    for i, ch in enumerate(body):
        if ch == "(" and body[i - 1 : i] != "\\":
            depth += 1
        elif ch == ")" and body[i - 1 : i] != "\\":
            depth -= 1
        elif ch == "|" and depth == 0:
            out.append(body[last:i])
            last = i + 1
    return [*out, body[last:]]


def _to_regex(pattern: str) -> str:
    """Spaces become \\s+, groups become non-capturing; " (…)?" takes its space inside, unless
    the group ends with its own space ("accept (full )?responsibility")."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "(" and not pattern.startswith("(?", i):
            close = _matching(pattern, i)
            inner = "(?:" + _to_regex(pattern[i + 1 : close]) + ")"
            optional = pattern[close + 1 : close + 2] == "?"
            # "(full )?responsibility" keeps its own space: the space before it stays outside
            if optional and out and out[-1] == r"\s+" and pattern[close - 1 : close] != " ":
                out[-1] = r"(?:\s+" + inner + ")?"
                i = close + 2
                continue
            out.append(inner)
            i = close + 1
        elif ch == " ":
            out.append(r"\s+")
            i += 1
        else:
            out.append(ch)
            i += 1
    return "".join(out)


def _matching(pattern: str, open_at: int) -> int:
    depth = 0
    for j in range(open_at, len(pattern)):
        if pattern[j] == "(" and pattern[j - 1 : j] != "\\":
            depth += 1
        elif pattern[j] == ")" and pattern[j - 1 : j] != "\\":
            depth -= 1
            if depth == 0:
                return j
    raise RuleFileError(f"trigger {pattern!r} has an unclosed parenthesis")


def _words(item: dict, key: str, lang: str) -> frozenset[str]:
    """A word list of a rule; YAML reads a bare on/off/yes/no as a boolean, hence the check."""
    words = item.get(key, ())
    bad = [w for w in words if not isinstance(w, str)]
    if bad:
        raise RuleFileError(f"events/{lang}.yaml: rule {item['name']!r} has {bad!r} in {key}; "
                            f"quote words such as \"on\" and \"no\", which YAML reads as true/false")
    return frozenset(words)


@cache
def trigger_rules(lang: str) -> tuple[TriggerRule, ...]:
    data = load_rules("kronika.events", f"{lang}.yaml")
    irregular = data.get("irregular_verbs", {})
    rules = []
    for item in data["rules"]:
        require_keys(item, ("name", "type", "trigger"), f"events/{lang}.yaml")
        if item.get("praised", item["type"]) not in PLOVER_TYPES:
            raise RuleFileError(f"events/{lang}.yaml: rule {item['name']!r} has praised: "
                                f"{item['praised']!r}, which is not a PLOVER type")
        if item["type"] not in PLOVER_TYPES:
            raise RuleFileError(f"events/{lang}.yaml: rule {item['name']!r} has type "
                                f"{item['type']!r}, which is not a PLOVER type")
        rules.append(TriggerRule(
            name=item["name"], type=item["type"],
            regex=compile_trigger(item["trigger"], irregular), mode=item.get("mode"),
            reciprocal=bool(item.get("reciprocal", False)),
            needs_target=bool(item.get("needs_target", True)),
            object_via=_words(item, "object_via", lang) if "object_via" in item else None,
            not_followed_by=_words(item, "not_followed_by", lang),
            retype=tuple((r["type"], _words(dict(r, name=item["name"]), "after_object", lang))
                         for r in item.get("retype", ())),
            examples=tuple(item.get("examples", ())),
            inverse=bool(item.get("inverse", False)),
            after_object=_words(item, "after_object", lang),
            far_object_via=_words(item, "far_object_via", lang),
            place_object=bool(item.get("place_object", False)),
            no_subject=bool(item.get("no_subject", False)),
            keys=first_keys(item["trigger"], irregular),
            alone=bool(item.get("alone", False)),
            possessive=bool(item.get("possessive", False)),
            not_preceded_by=_words(item, "not_preceded_by", lang),
            not_after_object=_words(item, "not_after_object", lang),
            needs_agent=bool(item.get("needs_agent", False)),
            praised=item.get("praised"),
            unquoted_object=bool(item.get("unquoted_object", False)),
        ))
    return tuple(rules)


@cache
def grammar(lang: str) -> Grammar:
    rules = load_rules("kronika.events", f"{lang}.yaml")
    data = rules.get("grammar") or {}
    irregular = dict(rules.get("irregular_verbs") or {})
    modes = []
    for type_, table in (data.get("modes") or {}).items():
        if type_ not in PLOVER_TYPES:
            raise RuleFileError(f"events/{lang}.yaml: grammar.modes has {type_!r}, which is "
                                f"not a PLOVER type")
        for mode, words in table.items():
            body = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in words),
                                   key=len, reverse=True))
            modes.append((type_, mode, re.compile(r"(?<![\w-])(?:" + body + r")(?![\w-])",
                                                  re.IGNORECASE)))
    return Grammar(frozenset(data.get("passive_auxiliaries", ())),
                   frozenset(data.get("passive_adverbs", ())), frozenset(data.get("agent", ())),
                   frozenset(data.get("noun_before", ())),
                   frozenset(data.get("gerund_before", ())), tuple(modes),
                   frozenset(data.get("background_before", ())),
                   frozenset(w.lower() for w in data.get("hazards", ())),
                   frozenset(w.lower() for w in data.get("praise", ())),
                   tuple(tuple(p.lower().split()) for p in data.get("undergo", ())),
                   frozenset(data.get("undergo_from", ())),
                   frozenset(f for v in data.get("object_control", ())
                             for f in verb_forms(v, irregular)),
                   frozenset(f for forms in irregular.values() for f in forms),
                   tuple((form, *rest) for phrase in data.get("agentive", ())
                         for first, *rest in [phrase.lower().split()]
                         for form in verb_forms(first, irregular)),
                   frozenset(form.lower() for forms in irregular.values() for form in forms[1:]
                             if not form.endswith(("s", "ing"))),
                   frozenset(data.get("partner_prepositions", ())))


@dataclass(frozen=True)
class TriggerMatch:
    start: int
    end: int
    rule: TriggerRule


_WORD_BEFORE = re.compile(r"(\w+)\W*$")


def _nominal(text: str, t: TriggerMatch, start: int, g: Grammar) -> bool:
    """The trigger word is used as a noun ("the attack") or a gerund ("of shelling")."""
    before = _WORD_BEFORE.search(text, max(start, t.start - 24), t.start)
    if before is None:
        return False
    word = before.group(1).lower()
    first = text[t.start : t.end].split()[0].lower()
    if t.rule.no_subject and word in g.background_before:
        return True  # a noun phrase of time: "since the invasion of Ukraine began"
    if first in g.noun_before:
        return False  # the trigger is a noun phrase itself: "(noted that) the agreement between"
    return word in g.noun_before or (first.endswith("ing") and word in g.gerund_before)


def _matches(regex: re.Pattern[str], text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """Matches of `regex` in text[start:end] that begin a word (not after a letter, digit, _ or -)."""
    pos = start
    while pos < end:
        m = regex.search(text, pos, end)
        if m is None:
            return
        at = m.start()
        if at > 0 and (text[at - 1].isalnum() or text[at - 1] in "_-"):
            pos = at + 1
            continue
        yield m
        pos = max(m.end(), at + 1)


_CLAUSE_WORDS = re.compile(r"[\w'’-]+|[^\w\s]")
# How many words before a trigger `not_preceded_by` looks at ("what the Russian president calls").
PRECEDED_WORDS = 4


def _preceded(text: str, start: int, end: int, words: frozenset[str]) -> bool:
    """One of `words` is among the last PRECEDED_WORDS words of text[start:end], with no
    punctuation after it."""
    toks = _CLAUSE_WORDS.findall(text, start, end)[-PRECEDED_WORDS:]
    for tok in reversed(toks):
        if not (tok[0].isalnum() or tok[0] == "_"):
            return False
        if tok.lower() in words:
            return True
    return False


@lru_cache(maxsize=4096)  # the actors stage asks first (which sentences need the NER model)
def find_triggers(text: str, start: int, end: int, lang: str) -> tuple[TriggerMatch, ...]:
    """Non-overlapping trigger matches in text[start:end]; the longest wins an overlap."""
    found = []
    keys = {w[:3] for w in _KEY_WORD.findall(text, start, end)}  # word_key of each word
    for rule in trigger_rules(lang):
        if rule.keys is not None and keys.isdisjoint(rule.keys):
            continue
        for m in _matches(rule.regex, text, start, end):
            # "spoke Russian" is no talk, but "spoke with Russian officials" is: the words after a
            # trigger undo it only when the trigger is the bare verb.
            following = _NEXT_WORD.match(text, m.end(), end)
            if (following and following.group(1).lower() in rule.not_followed_by
                    and not re.search(r"\s", m.group())):
                continue
            if rule.not_preceded_by and _preceded(text, max(start, m.start() - 48), m.start(),
                                                  rule.not_preceded_by):
                continue
            found.append(TriggerMatch(m.start(), m.end(), rule))
    found = [t for t in found if not _nominal(text, t, start, grammar(lang))]
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TriggerMatch] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return tuple(out)
