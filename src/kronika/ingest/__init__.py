"""Ingest: everything a news archive holds → stored documents, with every input accounted for.

    sources.py   paths, folders (globs), stdin, URLs → `Item`s (one per document), streamed
    compress.py  gzip / bz2 / xz, with a cap on the decompressed size
    warc.py      WARC response and resource records (warcio); a broken record is skipped
    feeds.py     RSS and Atom entries (feedparser), each with its date
    jsonl.py     JSON lines and JSON, field names configurable
    fetch.py     URLs over http(s) (httpx), refusing private addresses on every hop
    dedup.py     near-duplicates (MinHash LSH) linked to the first copy
    outcome.py   stored / duplicate of X / skipped (reason) / failed (reason)

The work on one item is split so that the pure part can run anywhere (a process pool, Spark):
`read_document(item, pipeline)` and `analyse(doc, pipeline)` touch no store; `Ingestor` adds
the store and the near-duplicate index around them, one item at a time.

    with Store("news.duckdb") as store:
        ingest = Ingestor(store, Pipeline.default())
        for item in iter_items(["news/"]):
            outcome = ingest(item)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date

from kronika.document import Document
from kronika.errors import InputError, KronikaError
from kronika.ingest import dedup
from kronika.ingest.item import Fields, Item, Limits, parse_size
from kronika.ingest.outcome import Outcome, tally
from kronika.ingest.sources import iter_items
from kronika.pipeline import Pipeline

__all__ = ["Fields", "Ingestor", "Item", "Limits", "Outcome", "analyse", "iter_items",
           "parse_size", "read_document", "tally", "to_document"]


def to_document(item: Item, *, published: date | None = None,
                lang: str | None = None) -> Document:
    """The unextracted document an item holds (id: sha256 of its bytes); raises its error.

    `published` and `lang` are defaults for what the item itself does not say.
    """
    if item.error is not None:
        raise item.error
    content_type = None if item.html is None else ("text/html" if item.html else "text/plain")
    return Document.from_bytes(
        item.raw, source_uri=item.uri, source_format=item.format, title=item.title,
        published=item.published, language=lang or "auto", url=item.url, author=item.author,
        content_type=content_type)


def _split(pipeline: Pipeline) -> int:
    return pipeline.names.index("extract") + 1 if "extract" in pipeline.names else 0


def read_document(item: Item, pipeline: Pipeline, *, published: date | None = None,
                  lang: str | None = None) -> Document:
    """An item through the extract stage (no store, no shared state): text and metadata."""
    return _extract(to_document(item, lang=lang), pipeline, published)


def _extract(doc: Document, pipeline: Pipeline, published: date | None) -> Document:
    for stage in pipeline.stages[:_split(pipeline)]:
        doc = stage(doc)
    if doc.published is None and published is not None:
        doc = replace(doc, published=published)
    return doc


def analyse(doc: Document, pipeline: Pipeline) -> Document:
    """An extracted document through the remaining stages (no store, no shared state)."""
    for stage in pipeline.stages[_split(pipeline):]:
        doc = stage(doc)
    return doc


class Ingestor:
    """Store items one by one, skipping exact and near-duplicates; `__call__` never raises
    for a bad input (it returns a skipped or failed `Outcome`), only for a broken store.

    `near=False` turns near-duplicate search off (exact duplicates are always caught).
    """

    def __init__(self, store, pipeline: Pipeline | None = None, *, published: date | None = None,
                 lang: str | None = None, near: bool = True, record: bool = True) -> None:
        self.store = store
        self.pipeline = pipeline or Pipeline.default()
        self.published = published
        self.lang = lang
        self.record = record
        self.index: dedup.NearDuplicates | None = None
        if near:
            self.index = dedup.NearDuplicates()
            self.index.load(store.signatures())

    def __call__(self, item: Item) -> Outcome:
        outcome = self._ingest(item)
        if self.record:
            self.store.record_outcome(outcome)
        return outcome

    def _ingest(self, item: Item) -> Outcome:
        doc_id = None
        try:
            doc = to_document(item, lang=self.lang)
            doc_id = doc.id
            if self.store.has(doc.id):
                return Outcome(item.uri, "duplicate", doc_id=doc.id, duplicate_of=doc.id,
                               similarity=1.0, title=item.title)
            doc = _extract(doc, self.pipeline, self.published)
            sig = dedup.signature(doc.text) if self.index is not None else None
            if sig is not None:
                first = self.index.first_copy(sig)
                if first is not None:
                    return Outcome(item.uri, "duplicate", doc_id=doc.id, duplicate_of=first[0],
                                   similarity=first[1], title=doc.title, encoding=doc.encoding)
            doc = analyse(doc, self.pipeline)
        except InputError as exc:
            return Outcome.from_error(item.uri, exc, doc_id)
        except KronikaError as exc:  # e.g. a bad date inside the page: this input only
            return Outcome(item.uri, "failed", doc_id=doc_id, reason=exc.message, code=exc.code)
        if not self.store.add(doc):
            return Outcome(item.uri, "duplicate", doc_id=doc.id, duplicate_of=doc.id,
                           similarity=1.0, title=doc.title)
        if sig is not None:
            self.store.add_signature(doc.id, dedup.to_bytes(sig))
            self.index.add(doc.id, sig)
        return Outcome(item.uri, "stored", doc_id=doc.id, title=doc.title, encoding=doc.encoding)

    def run(self, items: Iterable[Item]) -> Iterator[Outcome]:
        for item in items:
            yield self(item)
