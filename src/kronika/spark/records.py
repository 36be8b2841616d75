"""Input records for the distributed job: one `Record` per document, read without Spark.

These functions are what each Spark task runs on its share of the input, and what the
single-machine comparison runs on the whole of it, so the two paths read identical bytes.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass

from kronika.errors import InputError

# Field names a JSONL/Parquet row may use for each part of a document.
FIELDS = {"text": "text", "html": "html", "title": "title", "url": "url",
          "published": "published", "language": "lang"}


@dataclass(frozen=True)
class Record:
    """One document's bytes and what its container says about it."""

    data: bytes
    uri: str | None
    format: str  # text | html | warc | jsonl | parquet
    title: str | None = None
    published: str | None = None
    language: str | None = None


@dataclass(frozen=True)
class Failure:
    """An input part that could not become a record, and why: reported, never dropped."""

    uri: str
    reason: str


def from_row(row: dict, uri: str, fmt: str) -> Record:
    """A record from a JSONL or Parquet row: `html` wins over `text` when both are given."""
    body = row.get(FIELDS["html"]) or row.get(FIELDS["text"])
    if not isinstance(body, str) or not body.strip():
        raise InputError(f"{uri}: the row has neither a non-empty 'text' nor 'html' field")
    published = row.get(FIELDS["published"])
    return Record(
        data=body.encode("utf-8"),
        uri=row.get(FIELDS["url"]) or uri,
        format="html" if row.get(FIELDS["html"]) else fmt,
        title=row.get(FIELDS["title"]),
        published=str(published)[:10] if published else None,
        language=row.get(FIELDS["language"]),
    )


def from_jsonl_line(line: str, uri: str) -> Record:
    """A record from one JSONL line; `uri` names the file and line for messages."""
    try:
        row = json.loads(line)
    except json.JSONDecodeError as e:
        raise InputError(f"{uri}: not JSON ({e.msg} at column {e.colno})") from e
    if not isinstance(row, dict):
        raise InputError(f"{uri}: a JSON line must be an object, found {type(row).__name__}")
    return from_row(row, uri, "jsonl")


def from_warc(path: str) -> Iterator[Record | Failure]:
    """The response and resource records of a WARC file, streamed one at a time.

    The WARC-Date is when the page was crawled, not when the article was published, so it is
    not used as the publication date.
    """
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    with open(path, "rb") as f:
        records = ArchiveIterator(f)
        while True:
            try:
                record = next(records)
            except StopIteration:
                return
            except (ArchiveLoadFailed, OSError, ValueError, EOFError, AttributeError) as e:
                # warcio reports a damaged record in several ways; AttributeError is a header
                # it could not read. The rest of the file cannot be located, so it ends here.
                yield Failure(path, f"the WARC file is damaged after the last good record: {e}")
                return
            if record.rec_type not in ("response", "resource"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI") or path
            if record.rec_type == "response" and record.http_headers is not None:
                status = record.http_headers.get_statuscode()
                if status and not status.startswith("2"):
                    yield Failure(uri, f"HTTP status {status}, not an article")
                    continue
            data = record.content_stream().read()
            if not data.strip():
                yield Failure(uri, "the record has no content")
                continue
            yield Record(data=data, uri=uri, format="warc")
