"""Status, negation, hedging and repetition cues (`status.<lang>.yaml`), matched as whole words."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from kronika.rules import load_rules, require_keys


def _words(cues: list[str]) -> re.Pattern[str] | None:
    """One case-sensitive regex for a cue list; a cue may also start with a capital."""
    if not cues:
        return None
    alts = set()
    for cue in cues:
        alts.add(re.escape(cue))
        alts.add(re.escape(cue[:1].upper() + cue[1:]))
    body = "|".join(sorted(alts, key=len, reverse=True)).replace(r"\ ", r"\s+")
    return re.compile(r"(?<![\w’'])(?:" + body + r")(?![\w’'])")


@dataclass(frozen=True)
class StatusRule:
    name: str
    status: str
    before: re.Pattern[str] | None
    after: re.Pattern[str] | None
    unless: re.Pattern[str] | None
    sentence_wide: bool = False  # look for `before` cues from the sentence start
    also_before: re.Pattern[str] | None = None  # a cue the trigger's own clause must hold too


@dataclass(frozen=True)
class Cues:
    status: tuple[StatusRule, ...]
    negation: re.Pattern[str]
    hedges: re.Pattern[str]
    repetition: re.Pattern[str]
    first_person: re.Pattern[str] | None = None
    habitual: re.Pattern[str] | None = None
    background: re.Pattern[str] | None = None  # opens a clause of what had happened


@cache
def cues(lang: str) -> Cues:
    data = load_rules("kronika.events", f"status.{lang}.yaml")
    rules = []
    for item in data["status"]:
        require_keys(item, ("name", "status"), f"events/status.{lang}.yaml")
        rules.append(StatusRule(item["name"], item["status"], _words(item.get("before", [])),
                                _words(item.get("after", [])), _words(item.get("unless", [])),
                                item.get("scope") == "sentence",
                                _words(item.get("also_before", []))))
    negation = [n for n in data["negation"] if n != "n't"]
    neg = _words(negation)
    neg = re.compile(neg.pattern + r"|n[’']t(?!\w)")
    return Cues(tuple(rules), neg, _words(data["hedges"]), _words(data["repetition"]),
                _words(data.get("first_person", [])), _words(data.get("habitual", [])),
                _words(data.get("background", [])))


def decide_status(lang: str, before: str, after: str,
                  sentence_before: str = "") -> tuple[str, str] | None:
    """(status, rule name) from the words before and after a trigger, or None for no cue.

    `before` is the trigger's own clause up to it; `sentence_before` all of the sentence up to
    it, for cues that govern a whole clause from outside ("denied that …").
    """
    for rule in cues(lang).status:
        scope = sentence_before if rule.sentence_wide and sentence_before else before
        hit = (rule.before and rule.before.search(scope)) or (
            rule.after and rule.after.search(after))
        if hit and rule.also_before and not rule.also_before.search(before):
            continue
        if hit and not (rule.unless and rule.unless.search(before + " " + after)):
            return rule.status, rule.name
    return None


def background_start(lang: str, before: str) -> int | None:
    """Where in `before` the last clause of what had happened opens ("..., after Turkey"), for a
    trigger in the past tense: the status cues of the clause it hangs on ("said it would resume
    talks after Erdogan called Putin") do not reach into it. None where no such word stands."""
    pattern = cues(lang).background
    found = list(pattern.finditer(before)) if pattern else []
    return found[-1].end() if found else None


def negated(lang: str, just_before: str) -> bool:
    return bool(cues(lang).negation.search(just_before))


def habitual(lang: str, just_before: str) -> bool:
    """A habit or a standing position ("has always condemned violence", "police often detain
    protesters"): docs/ANNOTATION.md lists no such statement as an event."""
    pattern = cues(lang).habitual
    return bool(pattern and pattern.search(just_before))


def hedged(lang: str, sentence: str) -> bool:
    return bool(cues(lang).hedges.search(sentence))


def repeated(lang: str, before: str) -> bool:
    return bool(cues(lang).repetition.search(before))


def first_person(lang: str, before: str) -> bool:
    """An unattributed first-person subject ("We attacked ..."): the writer's own claim."""
    pattern = cues(lang).first_person
    return bool(pattern and pattern.search(before))
