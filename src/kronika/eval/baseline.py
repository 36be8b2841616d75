"""The plain cue-word baseline for `kronika eval events --coder cues`.

Issue 7 compares the event coder with "a plain cue-word baseline": a coder that reads no syntax,
no roles and no status, and says a case holds an event of a type whenever one of that type's cue
words is in it. This one uses kronika's own vocabulary, so that the difference between it and the
coder is what the coder's conditions (roles, clause structure, status) add or cost:

- English: every trigger of `events/en.yaml` (surface patterns, with their cheap word checks)
  and every verb or noun form of `events/syntax.en.yaml`;
- Russian: every trigger of `events/ru.yaml` and every cue lemma of `events/ru.cues.yaml`.

It predicts at most one event per type per case, with status `occurred` and no actors, so its
actor F1 and status accuracy say nothing; only the type figures compare.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from kronika.eval.events import Predicted

_WORD = re.compile(r"\w+")


def _english_types(text: str) -> dict[str, str]:
    from kronika.events.syntax import lexicon
    from kronika.events.triggers import find_triggers

    found = {t.rule.type: t.rule.name for t in find_triggers(text, 0, len(text), "en")}
    lex = lexicon("en")
    for word in _WORD.findall(text.lower()):
        for cue in lex.verbs.get(word, ()) + lex.nouns.get(word, ()):
            found.setdefault(cue.type, f"syntax:{cue.name}")
    return found


def _russian_types(text: str) -> dict[str, str]:
    from kronika.events.ru import find_triggers
    from kronika.events.ru_syntax import find_cues

    found = {t.rule.type: t.rule.name for t in find_triggers(text, 0, len(text))}
    for hit in find_cues(text, 0, len(text)):
        found.setdefault(hit.cue.type, f"cue:{hit.cue.name}")
    return found


def cue_words(lang: str) -> Callable[[str], list[Predicted]]:
    """The baseline coder of one language: text in, one event per type whose cue word it holds
    (status `occurred`, no actors)."""
    types = _russian_types if lang == "ru" else _english_types
    return lambda text: [Predicted(t, "occurred", rule=f"baseline:{rule}")
                         for t, rule in sorted(types(text).items())]
