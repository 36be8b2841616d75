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

from collections.abc import Callable

from kronika.eval.events import Predicted
from kronika.events.learned import cue_hits


def _types(text: str, lang: str) -> dict[str, str]:
    """Each PLOVER type whose cue a text holds, with the name of a trigger rule of it (the
    last) or else of its first cue word."""
    hits = cue_hits(text, lang)
    found = {t: name for _, _, t, name in hits if not name.startswith(("syntax:", "cue:"))}
    for _, _, t, name in hits:
        found.setdefault(t, name)
    return found


def cue_words(lang: str) -> Callable[[str], list[Predicted]]:
    """The baseline coder of one language: text in, one event per type whose cue word it holds
    (status `occurred`, no actors)."""
    code = "ru" if lang == "ru" else "en"
    return lambda text: [Predicted(t, "occurred", rule=f"baseline:{rule}")
                         for t, rule in sorted(_types(text, code).items())]
