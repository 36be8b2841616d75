"""Stages and the pipeline that runs them in order.

A stage is a plain callable `Document -> Document` with three class attributes: `name`, the
layers it `reads` and the layers it `adds`. `Pipeline` checks when it is built that every layer a
stage reads was added by an earlier stage (or comes with the raw document), so a wrong order fails
at once with a message instead of producing an empty layer later.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import ClassVar, Protocol, runtime_checkable

from kronika.document import Document
from kronika.errors import InputError, PipelineError

#: Layers a document has before any stage runs.
GIVEN_LAYERS = ("raw", "published", "language", "title", "publication")


@runtime_checkable
class Stage(Protocol):
    name: ClassVar[str]
    reads: ClassVar[tuple[str, ...]]
    adds: ClassVar[tuple[str, ...]]

    def __call__(self, doc: Document) -> Document: ...


class Pipeline:
    """Ordered stages; `process()` turns text or bytes into a finished `Document`.

    Example:
        >>> from kronika import Pipeline
        >>> doc = Pipeline.default().process("Austin spoke with Shoigu on May 13.",
        ...                                  published="2022-05-13")
    """

    def __init__(self, stages: Sequence[Stage]) -> None:
        have = set(GIVEN_LAYERS)
        for stage in stages:
            missing = [layer for layer in stage.reads if layer not in have]
            if missing:
                raise PipelineError(
                    f"stage {stage.name!r} reads {', '.join(missing)}, which no earlier stage "
                    f"adds; put the stage that adds it first"
                )
            have.update(stage.adds)
        self.stages = tuple(stages)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(s.name for s in self.stages)

    @classmethod
    def default(cls, *, learned: bool = False) -> Pipeline:
        """The full pipeline: extract → sentences → noise → timex → actors → events → places →
        timeline. `learned=True` adds the learned event typer to the events stage's rules
        (events/learned.py: more events found in sentences, more spurious timeline entries)."""
        from kronika.actors import Actors
        from kronika.events import Events, trigger_sentences
        from kronika.events.learned import packaged
        from kronika.extract import Extract
        from kronika.extract.noise import NoiseFlagger
        from kronika.language.sentences import Sentences
        from kronika.places import Places
        from kronika.timeline import Timeline
        from kronika.timex import Timexes

        events = Events(typers=packaged) if learned else Events()
        actors = Actors(sentences=trigger_sentences)  # the entity model where events may be
        return cls([Extract(), Sentences(), NoiseFlagger(), Timexes(), actors, events,
                    Places(), Timeline()])

    def upto(self, name: str) -> Pipeline:
        """The stages up to and including `name` (for commands that need only early layers)."""
        if name not in self.names:
            raise PipelineError(f"no stage named {name!r}; stages are {', '.join(self.names)}")
        return Pipeline(self.stages[: self.names.index(name) + 1])

    def __call__(self, doc: Document) -> Document:
        for stage in self.stages:
            doc = stage(doc)
        return doc

    def process(
        self,
        data: str | bytes,
        *,
        published: date | str | None = None,
        lang: str | None = None,
        title: str | None = None,
        uri: str | None = None,
    ) -> Document:
        """Run every stage on `data` (text, or bytes of text or HTML)."""
        from kronika.dates import parse_date

        raw = _utf8(data) if isinstance(data, str) else data
        pub = parse_date(published) if isinstance(published, str) else published
        doc = Document.from_bytes(raw, published=pub, language=lang or "auto", title=title,
                                  source_uri=uri)
        return self(doc)

    def pipe(self, docs: Iterable[Document]) -> Iterable[Document]:
        for doc in docs:
            yield self(doc)


def _utf8(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as e:
        raise InputError(
            f"the text holds a lone surrogate (U+{ord(text[e.start]):04X} at offset {e.start}), "
            f"which is not valid Unicode; decode the source with its real encoding, or replace "
            f"the character") from e
