"""Actors: the knowledge base of countries, organisations, offices and people, and the stage
that finds actor mentions in each sentence and resolves them on the document's date.

    >>> from datetime import date
    >>> from kronika.actors import resolve
    >>> r = resolve("the head of the Pentagon", date(2022, 5, 13))[0]
    >>> r.actors[0].name, r.rule
    ('Lloyd Austin', 'office-holder')
"""

from __future__ import annotations

from collections.abc import Callable

from kronika.actors.kb import KB, load_kb, validate
from kronika.actors.resolver import PATTERNS, Resolution, find, resolve
from kronika.document import Document, Mention

#: Which sentences of a document may name people the KB does not know: (text, start, end) -> bool.
SentenceTest = Callable[[str, int, int], bool]

__all__ = ["KB", "PATTERNS", "Actors", "Resolution", "find", "load_kb", "resolve", "validate"]


class Actors:
    """Add `mentions`: actor mentions per sentence, resolved on the publication date.

    With no publication date an office resolves to its latest holder. Sentences with a
    capitalised word the KB does not cover go through the language's named-entity model
    (`kronika.language.backbone`), which adds the people the KB does not know; pass
    `entities=False` to skip the model (faster, KB actors only), and `actors=(FILE, ...)` to add
    users' actor files to the knowledge base. `sentences(lang)` may limit the model to some
    sentences: a test `(text, start, end) -> bool`, or None for all. The model costs ~50x the
    rules (bench/backbone.py), and people matter to the timeline where something happens: the
    default pipeline passes the events layer's test, sentences with an event trigger
    (`kronika.events.trigger_sentences`); the actors layer does not import the events layer.
    """

    name = "actors"
    reads = ("text", "sentences", "published", "language")
    adds = ("mentions",)

    def __init__(self, *, entities: bool = True, actors: tuple[str, ...] = (),
                 sentences: Callable[[str], SentenceTest | None] = lambda _: None) -> None:
        self.entities = entities
        self.actors = tuple(actors)  # users' actor files, added to the packaged KB
        self.sentences = sentences  # language -> which sentences the entity model reads

    def __call__(self, doc: Document) -> Document:
        spans = [(s.start, s.end) for s in doc.sentences] or [(0, len(doc.text))]
        finder = _entity_finder(doc.language) if self.entities else None
        where = self.sentences(doc.language) if finder is not None else None
        found = find(doc.text, spans, doc.published, finder, self.actors, where)
        mentions = sorted(
            (Mention(r.start, r.end, r.text, r.actors, r.rule) for r in found),
            key=lambda m: (m.start, m.end),
        )
        return doc.with_layers(mentions=tuple(mentions))


def _entity_finder(lang: str):  # noqa: ANN202 - EntityFinder or None
    """The backbone's entity model for `lang`, None where it has none."""
    from kronika.language import backbone

    if lang not in backbone.LANGS:
        return None

    def finder(text: str, spans):  # noqa: ANN001, ANN202
        return backbone.entities(text, spans, lang)

    return finder
