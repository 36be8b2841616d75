"""Extract: raw bytes → the article's text, title, publication date and language.

Plain text is kept exactly as given (offsets are into the input). HTML goes through trafilatura.
"""

from __future__ import annotations

import codecs
import re

from kronika.document import Document
from kronika.errors import DecodingError

_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")
_HTML_START = re.compile(rb"^\s*(<!doctype html|<html|<head|<body|<article|<div|<p[ >])", re.I)
# A first line this short, without sentence-final punctuation and followed by a blank line, is
# a headline (it stays in the text; `title` just names it).
MAX_TITLE_CHARS = 250


def decode(data: bytes) -> str:
    """Text from bytes: BOMs first, then UTF-8, then charset detection."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                     (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodingError(
            "the input is not text in any encoding kronika can detect (UTF-8, UTF-16, cp1251, "
            "koi8-r, latin-1); convert it to UTF-8 or check that it is not a binary file"
        )
    return str(best)


def detect_language(text: str) -> str:
    """`ru` when Cyrillic letters outnumber Latin ones, else `en`."""
    cyr = len(_CYRILLIC.findall(text))
    lat = len(_LATIN.findall(text))
    return "ru" if cyr > lat else "en"


def headline(text: str) -> str | None:
    first, sep, _ = text.partition("\n")
    first = first.strip()
    if sep and first and len(first) <= MAX_TITLE_CHARS and first[-1] not in ".!?…\"”»":
        return first
    return None


class Extract:
    """Turn `raw` bytes into `text` (and title, published, language where the input gives them)."""

    name = "extract"
    reads = ("raw",)
    adds = ("text", "title", "published", "language")

    def __call__(self, doc: Document) -> Document:
        if doc.raw is None:
            return doc
        published, title, fmt = doc.published, doc.title, "text"
        if _HTML_START.match(doc.raw[:512]):
            text, meta = _from_html(doc.raw)
            fmt = "html"
            title = title or meta.get("title")
            if published is None and meta.get("date"):
                from kronika.dates import parse_date

                published = parse_date(meta["date"][:10], "published date in the page")
        else:
            text = decode(doc.raw)
            title = title or headline(text)
        lang = doc.language if doc.language not in ("auto", "", None) else detect_language(text)
        return doc.with_layers(text=text, title=title, published=published, language=lang,
                               source_format=fmt if doc.source_format == "text" else
                               doc.source_format)


def _from_html(data: bytes) -> tuple[str, dict]:
    import trafilatura

    html = decode(data)
    text = trafilatura.extract(html, include_comments=False, include_tables=False,
                               favor_precision=True) or ""
    meta = trafilatura.extract_metadata(html)
    info = {"title": meta.title, "date": meta.date} if meta else {}
    if info.get("title") and not text.startswith(info["title"]):
        text = f"{info['title']}\n\n{text}"
    return text, info
