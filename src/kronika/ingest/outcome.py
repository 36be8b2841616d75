"""What became of each input: stored, a duplicate of a stored document, skipped, or failed.

Every item an ingest run reads ends as exactly one `Outcome`; `--report FILE` writes them as
JSON lines and the summary table counts them. *Skipped* means there was nothing to ingest (an
empty file, a page with no article, an image in a WARC); *failed* means something was wrong
with the input (truncated, corrupt, over a cap, undecodable) and the exit status says so.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass

from kronika.errors import KronikaError, NoArticleError

STATUSES = ("stored", "duplicate", "skipped", "failed")


@dataclass(frozen=True)
class Outcome:
    """The end of one input. `duplicate_of` is the id of the first copy; `similarity` is 1.0 for
    identical bytes and the estimated Jaccard similarity of the texts for a near-duplicate."""

    input: str
    status: str
    doc_id: str | None = None
    duplicate_of: str | None = None
    similarity: float | None = None
    reason: str | None = None
    code: str | None = None
    title: str | None = None
    encoding: str | None = None

    @classmethod
    def from_error(cls, uri: str, exc: KronikaError, doc_id: str | None = None) -> Outcome:
        """Skipped for `NoArticleError` (nothing to ingest), failed for any other error."""
        status = "skipped" if isinstance(exc, NoArticleError) else "failed"
        return cls(uri, status, doc_id=doc_id, reason=exc.message, code=exc.code)

    def to_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if v is not None}

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    def describe(self) -> str:
        """One line for a person: `news.html: duplicate of 3f2a… (0.93)`."""
        if self.status == "stored":
            return f"{self.input}: stored as {self.doc_id[:12]}"
        if self.status == "duplicate":
            sim = "" if self.similarity in (None, 1.0) else f", similarity {self.similarity:.2f}"
            return f"{self.input}: duplicate of {self.duplicate_of[:12]}{sim}"
        if self.reason and self.reason.startswith(self.input):
            return self.reason
        return f"{self.input}: {self.reason}"


def tally(outcomes: Iterable[Outcome]) -> Counter:
    """How many outcomes of each status (every status present, zeros included)."""
    counts = Counter(dict.fromkeys(STATUSES, 0))
    counts.update(o.status for o in outcomes)
    return counts
