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

import time
from collections.abc import Iterable, Iterator
from dataclasses import replace
from datetime import date
from functools import partial

from kronika import default_pipeline
from kronika.document import Document
from kronika.errors import InputError, KronikaError
from kronika.ingest import dedup
from kronika.ingest.item import Fields, Item, Limits, parse_size
from kronika.ingest.outcome import Outcome, tally
from kronika.ingest.runs import Filters, Run, filtered
from kronika.ingest.sources import iter_items
from kronika.parallel import DEFAULT_TIME_LIMIT, Failed, run_all
from kronika.pipeline import Pipeline
from kronika.published import Candidate, Policy, decide, with_default

#: Analysed items are stored in batches of this many, or of what came in this many seconds:
#: one DuckDB commit costs milliseconds, as much as analysing a short article.
BATCH = 16
BATCH_SECONDS = 1.0
#: An item, its outcome when known before storing, and its analysed document and signature.
Analysed = tuple[Item, Outcome | None, Document | None, object]


def _warm_up() -> None:
    """Load every rule set and model now, before the workers fork, so that they share them."""
    from kronika.language.backbone import backbone

    pipeline = default_pipeline()
    pipeline.process("On May 13, Lloyd Austin held talks with Sergei Shoigu.", lang="en",
                     published=date(2022, 5, 13))
    pipeline.process("13 мая Ллойд Остин провёл переговоры с Сергеем Шойгу.", lang="ru",
                     published=date(2022, 5, 13))
    for lang in ("en", "ru"):
        backbone(lang)
    from kronika.extract.dates import city_zones

    city_zones()  # the dateline cities' zones

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
        content_type=content_type, date_hints=date_hints(item))


def date_hints(item: Item) -> tuple[Candidate, ...]:
    """The publication-date candidates an item's container gives: a feed entry's date
    (`feed`), a JSON field (`given`: the user's data), the crawl's WARC-Date (`warc-date`)."""
    hints = []
    if item.published is not None:
        source = "feed" if item.format == "feed" else "given"
        hints.append(Candidate(source, item.published, evidence=f"the {item.format} record"))
    if item.crawled is not None:
        c = item.crawled
        hints.append(Candidate("warc-date", c.date(), c.strftime("%H:%M:%S"), "+00:00",
                               "WARC-Date"))
    return tuple(hints)


def _split(pipeline: Pipeline) -> int:
    return pipeline.names.index("extract") + 1 if "extract" in pipeline.names else 0


def read_document(item: Item, pipeline: Pipeline, *, published: date | None = None,
                  lang: str | None = None) -> Document:
    """An item through the extract stage (no store, no shared state): text and metadata."""
    return _extract(to_document(item, lang=lang), pipeline, published)


def _extract(doc: Document, pipeline: Pipeline, published: date | None,
             policy: Policy | None = None) -> Document:
    for stage in pipeline.stages[:_split(pipeline)]:
        doc = stage(doc)
    if policy is not None and doc.publication is not None:  # the caller's floor
        pub = decide(doc.publication.weighed(), policy, zone=doc.publication.zone)
        doc = replace(doc, published=pub.value, publication=pub)
    if doc.published is None and published is not None:
        publication = with_default(doc.publication, published)
        doc = replace(doc, published=publication.value, publication=publication)
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
    `filters` leave inputs out before the costly stages (`kronika.ingest.runs.Filters`); `run`
    (a `kronika.ingest.runs.Run`) makes the work resumable: inputs it has done are passed over
    (no outcome), and each new outcome is kept in the run's progress.
    """

    def __init__(self, store, pipeline: Pipeline | None = None, *, published: date | None = None,
                 lang: str | None = None, near: bool = True, record: bool = True,
                 filters: Filters | None = None, run: Run | None = None,
                 policy: Policy | None = None) -> None:
        self.store = store
        self.pipeline = pipeline or Pipeline.default()
        self.published = published
        self.lang = lang
        self.record = record
        self.filters = filters or Filters()
        self.policy = policy
        self.run_state = run
        self.index: dedup.NearDuplicates | None = None
        if near:
            self.index = dedup.NearDuplicates()
            self.index.load(store.signatures())

    def __call__(self, item: Item) -> Outcome:
        """Ingest one item now: what `run` does for each item, in this process."""
        return next(self._written(self._serial([item])))

    def _keep(self, outcome: Outcome, doc: Document | None = None) -> None:
        if self.record:
            self.store.record_outcome(outcome)
        if self.run_state is not None:
            self.run_state.record(outcome, doc.url if doc else None,
                                  doc.published if doc else None)

    def early(self, item: Item) -> Outcome | None:
        """The outcome known before any work: the item's own error, or bytes already stored."""
        found = self._unstored(item)
        return found if isinstance(found, Outcome) else None

    def _unstored(self, item: Item) -> Document | Outcome:
        """The item's unextracted document, or its outcome when it has an error, a filter
        leaves it out, or its bytes are stored already."""
        why = self.filters.before_reading(item) if self.filters and item.error is None else None
        if why:
            return filtered(item.uri, why)
        try:
            doc = to_document(item, lang=self.lang)
        except KronikaError as exc:
            return self._failed(item, exc)
        if self.run_state is not None and self.run_state.resumed \
                and self.run_state.stored_before_kill(doc.id):
            return Outcome(item.uri, "stored", doc_id=doc.id, title=item.title)
        if self.store.has(doc.id):
            return Outcome(item.uri, "duplicate", doc_id=doc.id, duplicate_of=doc.id,
                           similarity=1.0, title=item.title)
        return doc

    def _failed(self, item: Item, exc: KronikaError, doc_id: str | None = None) -> Outcome:
        if isinstance(exc, InputError):
            return Outcome.from_error(item.uri, exc, doc_id)
        # e.g. a bad date inside the page: this input only
        return Outcome(item.uri, "failed", doc_id=doc_id, reason=exc.message, code=exc.code)

    def _near_duplicate(self, item: Item, doc: Document, sig) -> Outcome | None:
        if sig is None or self.index is None:
            return None
        first = self.index.first_copy(sig)
        if first is None:
            return None
        return Outcome(item.uri, "duplicate", doc_id=doc.id, duplicate_of=first[0],
                       similarity=first[1], title=doc.title, encoding=doc.encoding)

    def _store(self, item: Item, doc: Document, sig) -> Outcome:
        if not self.store.add(doc):
            return Outcome(item.uri, "duplicate", doc_id=doc.id, duplicate_of=doc.id,
                           similarity=1.0, title=doc.title)
        if sig is not None:
            self.store.add_signature(doc.id, dedup.to_bytes(sig))
            self.index.add(doc.id, sig)
        return Outcome(item.uri, "stored", doc_id=doc.id, title=doc.title, encoding=doc.encoding)

    def run(self, items: Iterable[Item], *, jobs: int = 1,
            time_limit: float | None = DEFAULT_TIME_LIMIT) -> Iterator[Outcome]:
        """Outcomes of `items`, in their order, processed on `jobs` cores.

        Workers run the pure part (extract, signature, the analysis stages) under the per-item
        `time_limit`; this process checks duplicates in input order and writes the store in
        batches of up to `BATCH` items, one commit each, so the store sees exactly what a
        single-core run would write, and an outcome is yielded only once its batch is committed.
        With several jobs the workers use the default pipeline.
        """
        if self.run_state is not None:
            done = self.run_state.done
            items = (item for item in items if item.uri not in done)
        yield from self._written(self._serial(items) if jobs == 1
                                 else self._parallel(items, jobs=jobs, time_limit=time_limit))

    def _written(self, analysed: Iterable[Analysed]) -> Iterator[Outcome]:
        """Store analysed items in batches and yield their outcomes, each once committed."""
        batch: list[Analysed] = []
        since = time.monotonic()
        for item, outcome, doc, sig in analysed:
            if outcome is None and sig is not None:
                self.index.add(doc.id, sig)  # later items of this batch are compared to it
            batch.append((item, outcome, doc, sig))
            if len(batch) >= BATCH or time.monotonic() - since > BATCH_SECONDS:
                yield from self._write(batch)
                batch, since = [], time.monotonic()
        yield from self._write(batch)

    def _serial(self, items: Iterable[Item]) -> Iterator[Analysed]:
        """Each item analysed up to storing, one after the other, in this process."""
        for item in items:
            doc = self._unstored(item)
            if isinstance(doc, Outcome):
                yield item, doc, None, None
                continue
            extracted = None
            try:
                extracted = _extract(doc, self.pipeline, self.published, self.policy)
                why = self.filters.after_extract(extracted) if self.filters else None
                if why:
                    yield item, filtered(item.uri, why, doc.id), None, None
                    continue
                sig = dedup.signature(extracted.text) if self.index is not None else None
                duplicate = self._near_duplicate(item, extracted, sig)
                if duplicate is not None:  # found before the costly stages
                    yield item, duplicate, extracted, None
                else:
                    yield item, None, analyse(extracted, self.pipeline), sig
            except KronikaError as exc:
                yield item, self._failed(item, exc, doc.id), extracted, None

    def _parallel(self, items: Iterable[Item], *, jobs: int,
                  time_limit: float | None) -> Iterator[Analysed]:
        work = partial(_work, published=self.published, lang=self.lang,
                       near=self.index is not None, filters=self.filters,
                       policy=self.policy)
        marked = ((item, self.early(item)) for item in items)
        for result in run_all(work, marked, jobs=jobs, time_limit=time_limit,
                              name=lambda pair: pair[0].uri, prepare=_warm_up):
            item, early = result.item
            if early is not None:
                yield item, early, None, None
            elif isinstance(result, Failed):
                yield item, self._failed(item, result.error,
                                         Document.from_bytes(item.raw).id), None, None
            elif isinstance(result.result, Outcome):  # left out by a filter
                yield item, result.result, None, None
            else:
                doc, sig = result.result
                duplicate = self._near_duplicate(item, doc, sig)
                yield item, duplicate, doc, (None if duplicate else sig)

    def _write(self, batch: list[Analysed]) -> Iterator[Outcome]:
        """Store a batch of analysed items in one commit and yield their outcomes once it is
        committed (so an outcome never says "stored" for a document a crash could lose). When
        the batch cannot be stored, its items are stored one by one to find the bad one."""
        if not batch:
            return
        try:
            with self.store.transaction():
                outcomes = self._write_all(batch)
        except KronikaError:
            for _, outcome, doc, sig in batch:
                if outcome is None and sig is not None:
                    self.index.remove(doc.id)
            outcomes = [self._write_one(*entry) for entry in batch]
        yield from outcomes

    def _write_all(self, batch: list[Analysed]) -> list[Outcome]:
        docs = [doc for _, outcome, doc, _ in batch if outcome is None]
        added = iter(self.store.add_many(docs))
        outcomes = []
        for item, outcome, doc, sig in batch:
            if outcome is None:
                if next(added):
                    if sig is not None:
                        self.store.add_signature(doc.id, dedup.to_bytes(sig))
                    outcome = Outcome(item.uri, "stored", doc_id=doc.id, title=doc.title,
                                      encoding=doc.encoding)
                else:
                    outcome = Outcome(item.uri, "duplicate", doc_id=doc.id,
                                      duplicate_of=doc.id, similarity=1.0, title=doc.title)
            self._keep(outcome, doc)
            outcomes.append(outcome)
        return outcomes

    def _write_one(self, item: Item, outcome: Outcome | None, doc: Document | None,
                   sig: object) -> Outcome:
        if outcome is None:
            try:
                outcome = self._store(item, doc, sig)
            except KronikaError as exc:
                outcome = self._failed(item, exc, doc.id)
        self._keep(outcome, doc)
        return outcome


def _work(pair: tuple[Item, Outcome | None], *, published: date | None, lang: str | None,
          near: bool, filters: Filters | None = None, policy: Policy | None = None
          ) -> tuple[Document, object] | Outcome | None:
    """The part of ingesting one item that needs no store: it runs in a worker process."""
    item, early = pair
    if early is not None:
        return None
    pipeline = default_pipeline()  # loaded before the fork: shared by every worker
    doc = _extract(to_document(item, lang=lang), pipeline, published, policy)
    why = filters.after_extract(doc) if filters else None
    if why:
        return filtered(item.uri, why, doc.id)
    sig = dedup.signature(doc.text) if near else None
    return analyse(doc, pipeline), sig
