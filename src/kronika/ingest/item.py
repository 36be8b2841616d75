"""What the readers yield (`Item`: one would-be document) and the options they obey (`Limits`,
`Fields`).

An `Item` carries the raw bytes of one document plus what its container said about it (a feed
item's date, a JSON line's title, a WARC record's URL). A container record that cannot be read
still becomes an `Item`, with `error` set, so that every input is accounted for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime

from kronika.errors import InputError, UsageError

#: Input formats an item can have: the document's own bytes are text or HTML; the container
#: (WARC, JSON lines, feed) is recorded in `Item.container`.
FORMATS = ("text", "html", "warc", "jsonl", "feed")


@dataclass(frozen=True)
class Item:
    """One would-be document: raw bytes and hints, or the error that kept us from reading it.

    `uri` says where it came from so a user can find it again (`news.warc.gz#offset=1234`,
    `feed.xml#item=3`, `dump.jsonl#line=7`, a path, or a fetched URL). `url` is the page's own
    address when the container gives one (WARC-Target-URI, a feed item's link, a `url` field).
    """

    uri: str
    raw: bytes = b""
    format: str = "text"  # of the container: text, html, warc, jsonl, feed
    html: bool | None = None  # the container says the bytes are HTML (True) or text (False)
    title: str | None = None
    published: date | None = None
    url: str | None = None
    author: str | None = None
    error: InputError | None = field(default=None, compare=False)
    crawled: datetime | None = None  # WARC-Date: when the page was fetched (UTC)


@dataclass(frozen=True)
class Limits:
    """Size caps and network rules. Defaults are generous for news, strict for abuse.

    `max_bytes` caps one document (a file, a WARC record, a JSON line, a download);
    `max_archive_bytes` caps the decompressed size of one compressed file or archive.
    """

    max_bytes: int = 20 << 20
    max_archive_bytes: int = 8 << 30
    timeout: float = 20.0
    max_redirects: int = 5
    allow_private: bool = False


@dataclass(frozen=True)
class Fields:
    """The JSON keys that hold each part of a document in `.json`/`.jsonl` input."""

    text: str = "text"
    html: str = "html"
    title: str = "title"
    url: str = "url"
    published: str = "published"
    author: str = "author"

    @classmethod
    def parse(cls, pairs: list[str] | None) -> Fields:
        """`["text=body", "published=date"]` → Fields(text="body", published="date")."""
        known = cls.__dataclass_fields__
        values: dict[str, str] = {}
        for pair in pairs or []:
            name, sep, key = pair.partition("=")
            if not sep or not key or name not in known:
                raise UsageError(f"--field {pair!r} is not NAME=KEY with NAME one of "
                                 f"{', '.join(known)}; for example --field text=body")
            values[name] = key
        return cls(**values)


_SIZE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([KMG]?)B?\s*$", re.I)


def parse_size(value: str, option: str) -> int:
    """`20M` → 20 MiB; `512K`, `4G`, `1000` (bytes) also work."""
    m = _SIZE.match(value)
    if not m:
        raise UsageError(f"{option} {value!r} is not a size; write it like 20M, 512K or 4G")
    scale = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}[m.group(2).upper()]
    return int(float(m.group(1)) * scale)


#: The defaults, shared (both are frozen).
DEFAULT_LIMITS = Limits()
DEFAULT_FIELDS = Fields()
