"""WARC archives (plain or gzip per record): one item per `response` or `resource` record.

Records are streamed with warcio; only one record's content (capped) is in memory at a time.
A record that cannot be parsed becomes a failed item, and reading goes on at the next record:
the reader looks for the next record start (`WARC/1.` for plain files, a gzip member header for
`.warc.gz`) after the broken one. That needs a seekable file; from stdin a broken record ends the
archive, with a message saying so.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from kronika.errors import CorruptInputError, LimitError, NoArticleError
from kronika.ingest.item import Item, Limits

#: Record types that hold a document; the others (request, metadata, warcinfo...) are bookkeeping.
DOCUMENT_RECORDS = ("response", "resource")
#: Content types read as documents; anything else is skipped with its type named.
TEXT_TYPES = ("text/html", "application/xhtml+xml", "text/plain", "text/markdown")
#: Bytes read at a time while looking for the next record after a broken one.
RESYNC_CHUNK = 1 << 20
# How warcio reports a broken record; AttributeError is a response record without a
# WARC-Target-URI (warcio reads the missing header as None and calls a string method on it).
_RECORD_ERRORS = (ArchiveLoadFailed, EOFError, OSError, zlib.error, ValueError, KeyError,
                  AttributeError)


def read_warc(stream: BinaryIO, uri: str, limits: Limits, *, gzipped: bool) -> Iterator[Item]:
    """One item per document record of the archive in `stream`, in order."""
    seekable = _seekable(stream)
    start = stream.tell() if seekable else 0
    while True:
        records = ArchiveIterator(stream, ensure_http_headers=False)
        offset = start
        try:
            for record in records:
                offset = records.offset
                item = _item(record, f"{uri}#offset={offset}", limits)
                if item is not None:
                    yield item
            return
        except _RECORD_ERRORS as exc:
            where = f"{uri}#offset={records.offset}"
            broken_at = records.offset
            problem = _short(exc)
        if not seekable:
            yield Item(where, format="warc", error=CorruptInputError(
                f"{where}: a broken WARC record ({problem}); the input cannot be searched "
                f"for the next record (it is not a file), so the rest of it was not read"))
            return
        nxt = _next_record_start(stream, broken_at + 1, gzipped)
        skipped = "to the end of the file" if nxt is None else f"up to offset {nxt}"
        yield Item(where, format="warc", error=CorruptInputError(
            f"{where}: a broken WARC record ({problem}); skipped {skipped}, the other "
            f"records are read"))
        if nxt is None:
            return
        stream.seek(nxt)
        start = nxt


def _item(record, uri: str, limits: Limits) -> Item | None:
    if record.rec_type not in DOCUMENT_RECORDS:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    ctype = _content_type(record)
    if record.rec_type == "response" and record.http_headers is not None:
        status = record.http_headers.get_statuscode()
        if status and not status.startswith("2"):
            return Item(uri, format="warc", url=url,
                        error=NoArticleError(f"{uri}: HTTP status {status}, not a page"))
    if ctype and not ctype.startswith(TEXT_TYPES):
        return Item(uri, format="warc", url=url,
                    error=NoArticleError(f"{uri}: content type {ctype} is not text or HTML"))
    data = record.content_stream().read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        return Item(uri, format="warc", url=url,
                    error=LimitError(f"{uri}: the record", limits.max_bytes, "--max-bytes"))
    html = None if not ctype else ctype.startswith(("text/html", "application/xhtml"))
    return Item(uri, raw=data, format="warc", html=html, url=url,
                crawled=_warc_date(record.rec_headers.get_header("WARC-Date")))


def _warc_date(value: str | None) -> datetime | None:
    """The WARC-Date header ("2022-05-13T08:00:00Z") as an aware UTC datetime; None if bad."""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)
    except (AttributeError, ValueError):
        return None


def _content_type(record) -> str:
    if record.rec_type == "response" and record.http_headers is not None:
        value = record.http_headers.get_header("Content-Type") or ""
    else:
        value = record.rec_headers.get_header("Content-Type") or ""
    return value.split(";")[0].strip().lower()


def _next_record_start(stream: BinaryIO, pos: int, gzipped: bool) -> int | None:
    """The offset of the next record that parses, searching from `pos`; None at the end."""
    marker = b"\x1f\x8b\x08" if gzipped else b"WARC/1."
    while True:
        found = _find(stream, marker, pos)
        if found is None:
            return None
        stream.seek(found)
        try:
            next(iter(ArchiveIterator(stream)))
            return found
        except StopIteration:
            return None
        except _RECORD_ERRORS:
            pos = found + 1


def _find(stream: BinaryIO, marker: bytes, pos: int) -> int | None:
    stream.seek(pos)
    tail = b""
    base = pos
    while True:
        chunk = stream.read(RESYNC_CHUNK)
        if not chunk:
            return None
        buf = tail + chunk
        i = buf.find(marker)
        if i >= 0:
            return base - len(tail) + i
        tail = buf[-(len(marker) - 1):]
        base += len(chunk)


def _seekable(stream: BinaryIO) -> bool:
    try:
        return stream.seekable()
    except (AttributeError, OSError, ValueError):
        return False


def _short(exc: BaseException) -> str:
    text = "".join(c if c.isprintable() else "?" for c in " ".join(str(exc).split()))
    text = text or type(exc).__name__
    return text if len(text) <= 120 else text[:117] + "..."
