"""The temporal grammar: `rules/<lang>.yaml` compiled once into a single regex.

The regex is written and run in lower case (case-insensitive matching costs Python's engine
about twice the time): the tagger lower-cases the text once, and `Grammar.accept` checks the
placeholders that need a capital on the original text.

Every rule becomes one alternative `(?P<rN>...)` of one pattern, tried in file order at each
position, so a sentence is scanned in a single pass. Placeholders such as `{month}` become named
groups `rN_month`; a match reports its rule through `Match.lastgroup`, and `Grammar.groups()`
gives the rule's groups under their plain names. The scanner uses `Grammar.regex_for(char)`:
the same alternatives, in the same order, less those that cannot start with the character at
hand (`first_chars`, read from Python's parse of each rule), so a word is matched against a
fraction of the rules with the same result. Lexicon surfaces are matched case-insensitively,
except month and weekday names, which must be capitalised ("May" the month, not "may" the verb)
in English (`options.case_sensitive` of the rule file lists such placeholders).

A rule file with `options.inflect: true` (Russian) lists lexicon surfaces as lemmas; each word
is expanded into all its inflected forms by pymorphy3 ("февраль" → "февраля", "феврале", …),
and the lookup tables map every form back to its canonical key. The analyzer is loaded once
(`morph()`, cached) and only when the grammar is built.
"""

from __future__ import annotations

import re
import re._parser as sre_parse
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from kronika.errors import RuleFileError
from kronika.language import morph
from kronika.rules import load_rules, require_keys

#: placeholder -> (lexicon table, needs a capital by default?, only the first surface of each
#: entry?); a rule file's `options.case_sensitive` replaces the defaults (Russian: none).
PLACEHOLDERS = {
    "month": ("months", True, False),
    "month_full": ("months", True, True),
    "weekday": ("weekdays", True, False),
    "numbers": ("numbers", False, False),
    "unit": ("units", False, False),
    "part": ("month_parts", False, False),
    "qualifier": ("qualifiers", False, False),
    "deictic": ("deictic", False, False),
    "day_part": ("day_parts", False, False),
    "reference": ("references", False, False),
    "rel": ("relations", False, False),
    "season": ("seasons", False, False),
    "ordinal": ("ordinals", False, False),
    "narrative": ("narrative", False, False),
    "set_word": ("set_words", False, False),
    "event": ("events", False, False),
    "holiday": ("holidays", True, False),
}
#: Lexicon tables whose words are triggers: every expression holds a digit, the longest word of
#: a surface of one of these tables, or a word of the rule file's `triggers` list ("quarter"),
#: so the full grammar is tried only near them. Numbers, qualifiers, relations and month parts
#: are left out: they never make an expression alone, and "a", "last", "over" are everywhere.
TRIGGER_TABLES = ("months", "weekdays", "units", "deictic", "day_parts", "references", "seasons",
                  "narrative", "set_words", "events", "holidays")
#: Tables whose surfaces trigger by their last word, not their longest: "Canada Day",
#: "International Women's Day" and "World AIDS Day" are found through "day" (a unit already),
#: so that "Canada" or "International" does not make every sentence naming them a place to try
#: the grammar (that cost a fifth of the English tagger's speed).
LAST_WORD_TABLES = ("holidays",)
#: Placeholders matched with their capital only unless the rule file says otherwise.
CASE_SENSITIVE = tuple(p for p, (_, capital, _) in PLACEHOLDERS.items() if capital)
_PLACE = re.compile(r"\{(\w+)\}")
_NAMED = re.compile(r"\(\?P<(\w+)>")


@dataclass(frozen=True, slots=True)
class Rule:
    name: str
    kind: str
    group: str  # the rule's group in the combined regex: r0, r1, ...
    names: tuple[tuple[str, str], ...]  # (plain name, group name) of its inner groups
    preceded_by: re.Pattern[str] | None
    examples: tuple[str, ...]
    capitalised: tuple[str, ...] = ()  # groups that must start with a capital ("May")


@dataclass(frozen=True, slots=True)
class Modifier:
    name: str
    before: re.Pattern[str]
    examples: tuple[str, ...]
    in_span: bool = True  # the word is part of the expression («с 24 февраля»), or outside
    looks_back: bool = False  # the date lies before the anchor whatever the tense ("since")


@dataclass(frozen=True)
class Grammar:
    rules: dict[str, Rule]  # by group name
    regex: re.Pattern[str]
    lookup: dict[str, dict[str, Any]]  # table -> normalised surface -> canonical key
    future: re.Pattern[str]
    modifiers: tuple[Modifier, ...]
    past: re.Pattern[str] | None = None
    lang: str = "en"
    triggers: frozenset[str] = frozenset()  # lower-case words, see TRIGGER_TABLES
    starters: frozenset[str] = frozenset()  # lower-case words an expression may start with
    # each rule's alternative with the characters it can start with (None: any)
    alternatives: tuple[tuple[str, frozenset[str] | None], ...] = ()
    # words right before an expression that make it future whatever its clause ("to be held on")
    future_before: re.Pattern[str] | None = None
    # a reporting verb and "that": its past tense does not govern what follows ("said that")
    report_that: re.Pattern[str] | None = None
    _by_first: dict[str, re.Pattern[str]] = field(default_factory=dict, compare=False)

    def regex_for(self, first: str) -> re.Pattern[str]:
        """The grammar's rules that can start with the character `first` (in file order), as
        one regex, compiled on first use: most rules are not tried at most words."""
        pattern = self._by_first.get(first)
        if pattern is None:
            alts = [a for a, chars in self.alternatives if chars is None or first in chars]
            pattern = re.compile(f"(?<!\\w)(?:{'|'.join(alts)})") if alts else self.regex
            self._by_first[first] = pattern
        return pattern

    def groups(self, m: re.Match[str]) -> tuple[Rule, dict[str, str]]:
        rule = self.rules[m.lastgroup or ""]
        return rule, {plain: v for plain, full in rule.names if (v := m.group(full)) is not None}

    def accept(self, m: re.Match[str], text: str) -> bool:
        """Whether a match (made on lower-cased text) has its capitals in `text`: "May" the
        month, not "may" the verb."""
        rule = self.rules[m.lastgroup or ""]
        return all(text[m.start(n)].isupper() for n in rule.capitalised if m.start(n) >= 0)

    def key(self, table: str, surface: str) -> Any:
        forms = self.lookup.get(f"{table}#forms")
        if forms is not None:  # an inflected language: back to the lexicon's words
            surface = " ".join(forms.get(w, w) for w in norm(surface).split())
        return self.lookup[table][norm(surface)]


def norm(surface: str) -> str:
    return " ".join(surface.lower().replace(".", " ").split())


def _alternation(surfaces: list[str]) -> str:
    """Lower-case surfaces, longest first (the grammar runs on lower-cased text)."""
    alts = "|".join(re.escape(s).replace(r"\ ", r"\s+")
                    for s in sorted({x.lower() for x in surfaces}, key=len, reverse=True))
    return f"(?:{alts})(?!\\w)"


@cache
def word_forms(word: str) -> tuple[str, ...]:
    """All inflected forms of a Russian word (itself first), with ё also written е."""
    if not word.isalpha():
        return (word,)
    forms = {word}
    for parse in morph().parse(word)[:3]:
        if parse.normal_form == morph().parse(word)[0].normal_form:
            forms.update(f.word for f in parse.lexeme)
    forms |= {f.replace("ё", "е") for f in forms}
    return (word, *sorted(forms - {word}))


def _inflected(surface: str, forms: dict[str, str]) -> str:
    """A regex for every inflection of a surface's words ("прошлый год" → "прошлом году", …),
    recording form → lexicon word in `forms`; a word written with a trailing `=` stays as is."""
    parts = []
    for w in surface.split():
        if w.endswith("="):
            words: tuple[str, ...] = (w[:-1].lower(),)
        else:
            words = word_forms(w.lower())
        for f in words:
            forms.setdefault(f, w.rstrip("="))
        parts.append("(?:" + "|".join(re.escape(f) for f in sorted(words, key=len, reverse=True))
                     + ")")
    return r"\s+".join(parts)


def _tables(lexicon: dict[str, Any], inflect: bool
            ) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
    """Placeholder regexes and surface lookups from the lexicon (tables a language lacks give
    no placeholder: a rule that uses one fails to compile with a clear message)."""
    regexes, lookup = {}, {}
    for place, (table, _, first) in PLACEHOLDERS.items():
        if table not in lexicon:
            continue
        entries = {k: [str(f) for f in v] for k, v in lexicon[table].items()}
        surfaces = [f for forms in entries.values() for f in (forms[:1] if first else forms)]
        if inflect:
            forms: dict[str, str] = {}
            alts = "|".join(_inflected(f, forms) for f in
                            sorted(set(surfaces), key=len, reverse=True))
            regexes[place] = f"(?:{alts})(?!\\w)"
            lookup[f"{table}#forms"] = forms
        else:
            regexes[place] = _alternation(surfaces)
        lookup[table] = {norm(f.replace("=", "")): key for key, forms_ in entries.items()
                         for f in forms_}
    return regexes, lookup


def _lower(pattern: str) -> str:
    """A rule pattern in lower case (the rule files use no upper-case escapes such as \\S)."""
    return pattern.lower().replace("(?p<", "(?P<")


def _starters(data: dict[str, Any], lookup: dict[str, dict[str, Any]]) -> set[str]:
    """Every word a rule or lexicon holds (lower case, all inflected forms): an expression can
    only start at one of them or at a digit."""
    words: set[str] = set()
    for item in data["rules"]:
        bare = _NAMED.sub(" ", _PLACE.sub(" ", re.sub(r"\\.", " ", item["pattern"])))
        words.update(w.lower() for w in re.findall(r"[^\W\d_]+", bare))
    for entries in lookup.values():  # surfaces, and every inflected form ("#forms" tables)
        for surface in entries:
            words.update(w.lower() for w in re.findall(r"[^\W\d_]+", str(surface)))
    return words


@cache
def grammar(lang: str = "en") -> Grammar:
    data = load_rules("kronika.timex.rules", f"{lang}.yaml")
    options = data.get("options") or {}
    places, lookup = _tables(data["lexicon"], bool(options.get("inflect")))
    shared = {name: _PLACE.sub(lambda m: places[m.group(1)], _lower(p))
              for name, p in data["patterns"].items()}
    capital = tuple(options.get("case_sensitive", CASE_SENSITIVE))

    def expand(pattern: str, prefix: str) -> str:
        def place(m: re.Match[str]) -> str:
            name = m.group(1)
            body = shared.get(name) or places.get(name)
            if body is None:
                raise RuleFileError(f"timex rule pattern uses unknown placeholder {{{name}}}")
            return f"(?P<{prefix}{name}>{body})"

        return _PLACE.sub(place, _NAMED.sub(lambda m: f"(?P<{prefix}{m.group(1)}>", pattern))

    rules, alts = {}, []
    for i, item in enumerate(data["rules"]):
        require_keys(item, ("name", "kind", "pattern"), "timex rules")
        group = f"r{i}"
        body = expand(_lower(item["pattern"]), f"{group}_")
        inner = tuple((n[len(group) + 1:], n) for n in _NAMED.findall(body))
        before = item.get("preceded_by")
        rules[group] = Rule(item["name"], item["kind"], group, inner,
                            re.compile(f"(?:{before})$") if before else None,
                            tuple(item.get("examples") or ()),
                            tuple(n for plain, n in inner if plain in capital))
        alts.append(f"(?P<{group}>{body})(?!\\w)")
    try:  # the look-behind before the alternation makes the engine skip inner positions fast
        regex = re.compile(f"(?<!\\w)(?:{'|'.join(alts)})")
    except re.error as exc:
        raise RuleFileError(f"timex rules of {lang!r} do not compile: {exc}") from exc
    cues = _alternation(data["lexicon"]["future_cues"])
    modifiers = tuple(Modifier(m["name"], re.compile(m["pattern"]), tuple(m.get("examples", ())),
                               bool(m.get("in_span", True)), bool(m.get("looks_back", False)))
                      for m in data.get("modifiers", ()))
    past = data.get("past_pattern")
    words = {(str(f).split()[-1] if t in LAST_WORD_TABLES else max(str(f).split(), key=len))
             for t in TRIGGER_TABLES for forms in (data["lexicon"].get(t) or {}).values()
             for f in forms}
    words |= {str(w) for w in data.get("triggers", ())}
    triggers = {f.lower() for w in words
                for f in (word_forms(w.lower()) if options.get("inflect") and
                          not w.endswith("=") else (w.rstrip("="),))}
    ahead, report = data.get("future_before"), data.get("report_that")
    return Grammar(rules, regex, lookup, re.compile(f"(?i)(?<!\\w){cues}"), modifiers,
                   re.compile(past) if past else None, lang, frozenset(triggers),
                   frozenset(_starters(data, lookup) | triggers),
                   tuple((a, first_chars(a)) for a in alts),
                   future_before=re.compile(ahead) if ahead else None,
                   report_that=re.compile(report) if report else None)


_EMPTY: frozenset[str] = frozenset()


def first_chars(pattern: str) -> frozenset[str] | None:
    """The characters a match of `pattern` can start with, read from Python's own parse of it
    (None when that cannot be said, as for a negated class). Assertions are skipped, which only
    widens the set."""
    try:
        chars, _ = _first(sre_parse.parse(pattern))
    except (re.error, ValueError, TypeError, RecursionError):
        return None
    return chars


def _first(items: Any) -> tuple[frozenset[str] | None, bool]:
    """(first characters, can be empty) of a parsed sequence."""
    out: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name in ("AT", "ASSERT", "ASSERT_NOT"):
            continue
        if name == "LITERAL":
            return frozenset(out | {chr(arg)}), False
        if name == "IN":
            chars = _in(arg)
            return (None if chars is None else frozenset(out | chars)), False
        if name == "BRANCH":
            parts = [_first(alt) for alt in arg[1]]
            empty = any(e for _, e in parts)
        elif name in ("SUBPATTERN", "ATOMIC_GROUP"):
            parts = [_first(arg[-1] if name == "SUBPATTERN" else arg)]
            empty = parts[0][1]
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, _, body = arg
            parts = [_first(body)]
            empty = low == 0 or parts[0][1]
        else:
            return None, False
        if any(c is None for c, _ in parts):
            return None, False
        for c, _ in parts:
            out |= c or _EMPTY
        if not empty:
            return frozenset(out), False
    return frozenset(out), True


def _in(items: Any) -> set[str] | None:
    chars: set[str] = set()
    for op, arg in items:
        name = str(op)
        if name == "LITERAL":
            chars.add(chr(arg))
        elif name == "RANGE":
            if arg[1] - arg[0] > 2000:
                return None
            chars.update(chr(c) for c in range(arg[0], arg[1] + 1))
        elif name == "CATEGORY" and str(arg) == "CATEGORY_DIGIT":
            chars.update("0123456789")
        else:
            return None
    return chars
