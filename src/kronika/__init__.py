"""kronika: news articles in, a dated, sourced timeline of events out.

    >>> from kronika import Pipeline
    >>> doc = Pipeline.default().process(text, published="2022-05-13", lang="en")
    >>> for entry in doc.timeline: print(entry.summary)
"""

from kronika.document import Document, Entry, Event
from kronika.errors import KronikaError
from kronika.pipeline import Pipeline

__all__ = ["Document", "Entry", "Event", "KronikaError", "Pipeline", "process"]
__version__ = "0.1.0"


def process(data: str | bytes, *, published=None, lang=None) -> Document:
    """Run the default pipeline once (loads the rules on first use)."""
    return Pipeline.default().process(data, published=published, lang=lang)
