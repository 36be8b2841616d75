"""From what the user names (files, folders, `-`, URLs) to a stream of `Item`s, one per document.

Nothing here reads more than one document into memory: archives and JSON lines are streamed,
a single page is read up to `Limits.max_bytes` (+1 byte, to tell that it is over), and gzip, bz2
and xz are decompressed on the fly under `Limits.max_archive_bytes`. The format of a file comes
from its name (after the compression suffix), else from its first bytes.

    for item in iter_items(["news/", "dump.jsonl.gz", "-"], limits=Limits()):
        ...   # item.raw, item.uri, item.error
"""

from __future__ import annotations

import fnmatch
import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import BinaryIO

from kronika.errors import InputError, InputNotFoundError, NoArticleError
from kronika.ingest import compress
from kronika.ingest.feeds import looks_like_feed, read_feed
from kronika.ingest.item import DEFAULT_FIELDS, DEFAULT_LIMITS, Fields, Item, Limits
from kronika.ingest.jsonl import read_json, read_jsonl
from kronika.ingest.warc import read_warc

#: File name suffixes and the reader each one gets (after any .gz/.bz2/.xz).
SUFFIX_FORMATS = {
    ".html": "html", ".htm": "html", ".xhtml": "html", ".shtml": "html",
    ".txt": "text", ".text": "text", ".md": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".warc": "warc", ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
#: How many first bytes are looked at to tell a format.
HEAD_BYTES = 4096


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")


def is_url(name: str) -> bool:
    """`scheme://...` (any scheme: the fetcher refuses those it does not fetch)."""
    return bool(_SCHEME.match(name))


def expand(inputs: Iterable[str], *, include: list[str] | None = None,
           exclude: list[str] | None = None) -> list[str]:
    """Paths, URLs and `-` in order, folders replaced by their files (sorted, recursive).

    In a folder, files are taken if they match an `include` glob (by default: any known suffix,
    compressed or not) and no `exclude` glob; globs match the path below the folder or the name.
    A missing path raises `InputNotFoundError` before anything is read.
    """
    out: list[str] = []
    for name in inputs:
        if name == "-" or is_url(name):
            out.append(name)
            continue
        p = Path(name)
        if not p.exists():
            raise InputNotFoundError(name)
        if not p.is_dir():
            out.append(name)
            continue
        for f in sorted(p.rglob("*")):
            if f.is_file() and _wanted(f.relative_to(p).as_posix(), include, exclude):
                out.append(str(f))
    return out


def _wanted(rel: str, include: list[str] | None, exclude: list[str] | None) -> bool:
    name = rel.rsplit("/", 1)[-1]

    def matches(globs: list[str]) -> bool:
        return any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in globs)

    if exclude and matches(exclude):
        return False
    if include:
        return matches(include)
    return _format_from_name(name) is not None or _is_compressed_name(name)


def iter_items(inputs: Iterable[str], *, limits: Limits = DEFAULT_LIMITS, fields: Fields = DEFAULT_FIELDS,
               include: list[str] | None = None, exclude: list[str] | None = None,
               stdin: BinaryIO | None = None, fetch=None) -> Iterator[Item]:
    """Every document in `inputs`, as items; unreadable parts become items with `error` set.

    `fetch(url, limits) -> Item` gets URLs (default: `kronika.ingest.fetch.fetch_item`).
    """
    for name in expand(inputs, include=include, exclude=exclude):
        if is_url(name):
            if fetch is None:
                from kronika.ingest.fetch import fetch_item as fetch
            yield fetch(name, limits)
        elif name == "-":
            yield from read_stream(stdin or sys.stdin.buffer, "<stdin>", limits, fields)
        else:
            yield from read_path(Path(name), limits, fields)


def read_path(path: Path, limits: Limits = DEFAULT_LIMITS, fields: Fields = DEFAULT_FIELDS) -> Iterator[Item]:
    """The items of one file."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield Item(str(path), error=InputError(f"{path}: cannot be read ({exc.strerror}); "
                                               f"check its permissions"))
        return
    with stream:
        yield from read_stream(stream, str(path), limits, fields, name=path.name)


def read_stream(stream: BinaryIO, uri: str, limits: Limits, fields: Fields = DEFAULT_FIELDS, *,
                name: str = "") -> Iterator[Item]:
    """The items of one byte stream (a file or stdin); `name` helps to tell the format."""
    with ExitStack() as stack:
        try:
            stream, fmt, codec = _open(stream, uri, name, limits, stack)
        except InputError as exc:
            yield Item(uri, error=exc)
            return
        try:
            if fmt == "warc":
                yield from read_warc(stream, uri, limits, gzipped=codec == "gzip")
            elif fmt == "jsonl":
                yield from read_jsonl(stream, uri, fields, limits)
            elif fmt == "json":
                yield from read_json(stream, uri, fields, limits)
            elif fmt == "feed":
                data = compress.read_capped(stream, limits.max_bytes, what=f"{uri}: the feed",
                                            option="--max-bytes")
                yield from read_feed(data, uri)
            else:
                data = compress.read_capped(
                    stream, limits.max_bytes, option="--max-bytes",
                    what=f"{uri} (decompressed: {codec})" if codec else uri)
                if not data.strip():
                    yield Item(uri, format=fmt, error=NoArticleError(
                        f"{uri}: empty{' after decompression' if codec else ''}, nothing to "
                        f"ingest"))
                else:
                    yield Item(uri, raw=data, format=fmt, html=fmt == "html" or None)
        except InputError as exc:  # a container broke off (truncated gzip...)
            yield Item(uri, format=fmt, error=exc)


def _open(stream: BinaryIO, uri: str, name: str, limits: Limits,
          stack: ExitStack) -> tuple[BinaryIO, str, str | None]:
    """(decompressed stream, format, compression or None)."""
    stream = _peekable(stream)
    head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    codec = compress.sniff(head)
    base = _strip_compression(name)
    fmt = _format_from_name(base)
    if codec == "gzip" and (fmt == "warc" or (fmt is None and _gz_warc(stream))):
        return stream, "warc", codec  # warcio reads gzip per record itself (and can resync)
    if codec:
        inner = compress.open_decompressed(stream, codec)
        capped = compress.CappedReader(inner, limits.max_archive_bytes, what=uri,
                                       option="--max-archive-bytes", codec=codec)
        stream = stack.enter_context(_buffered(capped))
        head = stream.peek(HEAD_BYTES)[:HEAD_BYTES]
    elif not head:
        raise NoArticleError(f"{uri}: empty file, nothing to ingest")
    return stream, fmt or _format_from_head(head), codec


def _gz_warc(stream) -> bool:
    import gzip
    import io

    try:
        head = gzip.GzipFile(fileobj=io.BytesIO(stream.peek(HEAD_BYTES))).read(8)
    except (OSError, EOFError):
        return False
    return head.startswith(b"WARC/")


def _format_from_name(name: str) -> str | None:
    return SUFFIX_FORMATS.get(Path(name).suffix.lower())


def _is_compressed_name(name: str) -> bool:
    p = Path(name)
    return p.suffix.lower() in compress.SUFFIXES and _format_from_name(p.stem) is not None


def _strip_compression(name: str) -> str:
    p = Path(name)
    return p.stem if p.suffix.lower() in compress.SUFFIXES else name


def _format_from_head(head: bytes) -> str:
    start = head.lstrip()[:64].lower()
    if start.startswith(b"warc/"):
        return "warc"
    if (start.startswith(b"<?xml") or start.startswith((b"<rss", b"<feed"))) and \
            looks_like_feed(head):
        return "feed"
    if start.startswith(b"<"):
        return "html"
    return "text"


def _peekable(stream: BinaryIO):
    return stream if hasattr(stream, "peek") else _buffered(stream)


def _buffered(raw):
    import io

    return io.BufferedReader(raw, buffer_size=max(HEAD_BYTES * 2, io.DEFAULT_BUFFER_SIZE))
