"""kronika: news articles in, a dated, sourced timeline of events out.

    >>> import kronika
    >>> doc = kronika.process(text, published="2022-05-13")      # the default pipeline, cached
    >>> for entry in doc.timeline: print(entry.date.earliest, entry.summary)
    >>> with kronika.Store("news.duckdb") as store:
    ...     store.add(doc)
    ...     latest = store.timeline(actors=["Austin", "Shoigu"], last=1)
    ...     frame = store.to_pandas("entries")
"""

from functools import cache

from kronika.document import Document, Entry, Event
from kronika.errors import KronikaError
from kronika.pipeline import Pipeline
from kronika.timeline.corpus import StoryEntry

__all__ = ["Document", "Entry", "Event", "KronikaError", "Pipeline", "Store", "StoryEntry",
           "process"]
__version__ = "0.1.0"


def __getattr__(name: str):
    # `kronika.Store` is imported on first use: DuckDB takes about 0.3 s to import, which every
    # command that never opens a store (`kronika process`, `timex`...) would otherwise pay.
    if name == "Store":
        from kronika.store import Store

        return Store
    raise AttributeError(f"module 'kronika' has no attribute {name!r}")


@cache
def default_pipeline() -> Pipeline:
    """The default pipeline, built once per process (its rules load on first use)."""
    return Pipeline.default()


def process(data: str | bytes, *, published=None, lang=None, title=None, uri=None) -> Document:
    """Run the default pipeline on text or bytes (text or HTML) and return the `Document`.

    `published` is a `date` or an ISO `YYYY-MM-DD` string: the anchor for "yesterday";
    `lang` is "en", "ru" or None to detect it. Nothing is stored: pass the result to
    `Store.add`.
    """
    return default_pipeline().process(data, published=published, lang=lang, title=title, uri=uri)
