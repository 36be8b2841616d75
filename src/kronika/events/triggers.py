"""Compile the trigger rules of `events/<lang>.yaml` into one regular expression per rule.

The trigger syntax is kept small so that a non-programmer can read it: words separated by
spaces, `<verb>` for every form of a verb, `(a|b c)` for a choice and `(…)?` for an optional part.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

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


def verb_forms(base: str, irregular: dict[str, list[str]]) -> list[str]:
    """Every form of an English verb: base, -s, -ed, -ing (with the usual spelling changes)."""
    if base in irregular:
        return irregular[base]
    if base.endswith("e"):
        return [base, base + "s", base + "d", base[:-1] + "ing"]
    if base.endswith("y") and base[-2:-1] not in "aeiou":
        return [base, base[:-1] + "ies", base[:-1] + "ied", base + "ing"]
    third = base + "es" if base.endswith(("s", "sh", "ch", "x", "z", "o")) else base + "s"
    return [base, third, base + "ed", base + "ing"]


def compile_trigger(pattern: str, irregular: dict[str, list[str]]) -> re.Pattern[str]:
    def forms(m: re.Match[str]) -> str:
        alts = sorted(verb_forms(m.group(1), irregular), key=len, reverse=True)
        return "(?:" + "|".join(alts) + ")"

    body = _to_regex(_VERB.sub(forms, pattern))
    try:
        return re.compile(r"(?<![\w-])" + body + r"(?![\w-])")
    except re.error as exc:
        raise RuleFileError(f"trigger {pattern!r} does not compile: {exc}") from exc


def _to_regex(pattern: str) -> str:
    """Spaces become \\s+, groups become non-capturing; " (…)?" takes its space inside."""
    out, i = [], 0
    while i < len(pattern):
        ch = pattern[i]
        if ch == "(" and not pattern.startswith("(?", i):
            close = _matching(pattern, i)
            inner = "(?:" + _to_regex(pattern[i + 1 : close]) + ")"
            optional = pattern[close + 1 : close + 2] == "?"
            if optional and out and out[-1] == r"\s+":
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


@cache
def trigger_rules(lang: str) -> tuple[TriggerRule, ...]:
    data = load_rules("kronika.events", f"{lang}.yaml")
    irregular = data.get("irregular_verbs", {})
    rules = []
    for item in data["rules"]:
        require_keys(item, ("name", "type", "trigger"), f"events/{lang}.yaml")
        if item["type"] not in PLOVER_TYPES:
            raise RuleFileError(f"events/{lang}.yaml: rule {item['name']!r} has type "
                                f"{item['type']!r}, which is not a PLOVER type")
        rules.append(TriggerRule(
            name=item["name"], type=item["type"],
            regex=compile_trigger(item["trigger"], irregular), mode=item.get("mode"),
            reciprocal=bool(item.get("reciprocal", False)),
            needs_target=bool(item.get("needs_target", True)),
            object_via=frozenset(item["object_via"]) if "object_via" in item else None,
            not_followed_by=frozenset(item.get("not_followed_by", ())),
            retype=tuple((r["type"], frozenset(r["after_object"]))
                         for r in item.get("retype", ())),
            examples=tuple(item.get("examples", ())),
        ))
    return tuple(rules)


@dataclass(frozen=True)
class TriggerMatch:
    start: int
    end: int
    rule: TriggerRule


def find_triggers(text: str, start: int, end: int, lang: str) -> list[TriggerMatch]:
    """Non-overlapping trigger matches in text[start:end]; the longest wins an overlap."""
    found = []
    for rule in trigger_rules(lang):
        for m in rule.regex.finditer(text, start, end):
            # "spoke Russian" is no talk, but "spoke with Russian officials" is: the words after a
            # trigger undo it only when the trigger is the bare verb.
            following = _NEXT_WORD.match(text, m.end(), end)
            if (following and following.group(1).lower() in rule.not_followed_by
                    and not re.search(r"\s", m.group())):
                continue
            found.append(TriggerMatch(m.start(), m.end(), rule))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TriggerMatch] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out
