"""Actors: the knowledge base of countries, organisations, offices and people, and the stage
that finds actor mentions in each sentence and resolves them on the document's date.

    >>> from datetime import date
    >>> from kronika.actors import resolve
    >>> r = resolve("the head of the Pentagon", date(2022, 5, 13))[0]
    >>> r.actors[0].name, r.rule
    ('Lloyd Austin', 'office-holder')
"""

from __future__ import annotations

from kronika.actors.kb import KB, load_kb, validate
from kronika.actors.resolver import PATTERNS, Resolution, find, resolve
from kronika.document import Document, Mention
from kronika.errors import RuleFileError

__all__ = ["KB", "PATTERNS", "Actors", "Resolution", "find", "load_kb", "resolve", "validate"]


class Actors:
    """Add `mentions`: actor mentions per sentence, resolved on the publication date.

    With no publication date an office resolves to its latest holder. Sentences with a
    capitalised word the KB does not cover go through the language's named-entity model
    (`kronika.language.backbone`), which adds the people the KB does not know; pass
    `entities=False` to skip the model (faster, KB actors only), and `actors=(FILE, ...)` to add
    users' actor files to the knowledge base.
    """

    name = "actors"
    reads = ("text", "sentences", "published", "language")
    adds = ("mentions",)

    def __init__(self, *, entities: bool = True, actors: tuple[str, ...] = ()) -> None:
        self.entities = entities
        self.actors = tuple(actors)  # users' actor files, added to the packaged KB

    def __call__(self, doc: Document) -> Document:
        spans = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]
        finder, where = _entity_finder(doc.language) if self.entities else (None, None)
        found = find(doc.text, spans, doc.published, finder, self.actors, where)
        mentions = sorted(
            (Mention(r.start, r.end, r.text, r.actors, r.rule) for r in found),
            key=lambda m: (m.start, m.end),
        )
        return doc.with_layers(mentions=tuple(mentions))


def _entity_finder(lang: str):  # noqa: ANN202 - (EntityFinder, sentence test) or (None, None)
    """The backbone's entity model for `lang`, and the test of which sentences may name people
    the KB does not know: those with an event trigger, when the language has trigger rules. The
    model costs ~50x the rules (bench/backbone.py), and people matter to the timeline where
    something happens."""
    from kronika.events.triggers import find_triggers, trigger_rules
    from kronika.language import backbone

    if lang not in backbone.LANGS:
        return None, None

    def finder(text: str, spans):  # noqa: ANN001, ANN202
        return backbone.entities(text, spans, lang)

    if lang == "ru":  # Russian triggers are lemma rules of their own (kronika.events.ru),
        from kronika.events import ru, ru_syntax  # and cue words where no rule fires

        return finder, lambda text, s, e: bool(ru.find_triggers(text, s, e)
                                               or ru_syntax.find_cues(text, s, e))
    try:
        trigger_rules(lang)
    except RuleFileError:
        return finder, None
    return finder, lambda text, s, e: bool(find_triggers(text, s, e, lang))
