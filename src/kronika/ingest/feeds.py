"""RSS 2.0, RSS 1.0 and Atom feeds (feedparser): one item per feed entry, with its date.

The entry's full content (`content:encoded`, Atom `content`) is the document when the feed has
it, else its summary. A feed whose XML is broken is reported as failed, naming feedparser's
complaint; entries that feedparser's lenient parser still recovered from it are ingested too.
A feed is read whole (capped at `Limits.max_bytes`): feeds are small.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import feedparser

from kronika.errors import CorruptInputError, NoArticleError
from kronika.ingest.item import Item


def read_feed(data: bytes, uri: str) -> Iterator[Item]:
    """One item per entry; a failed item for the feed itself if its XML is broken."""
    parsed = feedparser.parse(data, sanitize_html=False, resolve_relative_uris=False)
    entries = parsed.get("entries", [])
    if parsed.get("bozo") and not _harmless(parsed.get("bozo_exception")):
        exc = parsed.get("bozo_exception")
        detail = " ".join(str(exc).split()) or type(exc).__name__
        kept = (f"{len(entries)} entries recovered by the lenient parser are read"
                if entries else "no entries could be recovered")
        yield Item(uri, format="feed", error=CorruptInputError(
            f"{uri}: the feed's XML is broken ({detail}); {kept}"))
    elif not entries:
        yield Item(uri, format="feed", error=NoArticleError(
            f"{uri}: an RSS/Atom feed with no entries"))
    for i, entry in enumerate(entries, 1):
        yield _entry(entry, f"{uri}#item={i}")


def _entry(entry, where: str) -> Item:
    body, is_html = _body(entry)
    url = entry.get("link")
    if not body.strip():
        return Item(where, format="feed", url=url, error=NoArticleError(
            f"{where}: the feed entry has neither content nor a summary"))
    return Item(where, raw=body.encode("utf-8"), format="feed", html=is_html,
                title=(entry.get("title") or "").strip() or None, published=_date(entry),
                url=url, author=(entry.get("author") or "").strip() or None)


def _body(entry) -> tuple[str, bool]:
    for part in entry.get("content") or []:
        if part.get("value", "").strip():
            return part["value"], "html" in part.get("type", "html")
    detail = entry.get("summary_detail") or {}
    return entry.get("summary", ""), "html" in detail.get("type", "text/html")


def _date(entry) -> date | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        t = entry.get(key)
        if t:
            return date(t.tm_year, t.tm_mon, t.tm_mday)
    return None


def _harmless(exc: BaseException | None) -> bool:
    """feedparser flags a declared/actual encoding mismatch as bozo; the feed is still fine."""
    return isinstance(exc, feedparser.CharacterEncodingOverride)


def looks_like_feed(head: bytes) -> bool:
    """Whether the first bytes of a file are an RSS or Atom document."""
    low = head[:2048].lower()
    return any(tag in low for tag in (b"<rss", b"<feed", b"<rdf:rdf"))
