"""Extract: raw bytes → the article's text, title, author, URL, date, language and encoding.

Plain text is kept exactly as given (offsets are into the input). HTML goes through trafilatura
and htmldate (`extract/html.py`); bytes are decoded by `extract/encoding.py`, which also names the
encoding used. Language: py3langid on texts long enough for it, the Cyrillic/Latin letter count
on shorter ones; a text whose second script holds a large share is flagged `mixed_language`.
"""

from __future__ import annotations

import re
from functools import cache

from kronika.document import Document
from kronika.errors import NoArticleError
from kronika.extract.encoding import decode_bytes
from kronika.published import Candidate, Policy, decide, in_zone

_CYRILLIC = re.compile(r"[\u0400-\u04FF]+")
_LATIN = re.compile(r"[A-Za-z]+")
# Everything but one script's letters: deleting it leaves the letters to count (about twice as
# fast as adding up the lengths of the script's runs).
_NOT = {_CYRILLIC: re.compile(r"[^\u0400-\u04FF]+"), _LATIN: re.compile(r"[^A-Za-z]+")}
_HTML_START = re.compile(
    rb"^\s*(?:<!--.*?-->\s*)*(<!doctype html|<html|<head|<body|<article|<main|<section|<div|"
    rb"<p[ >]|<h[1-6][ >]|<meta|<title|<table|<span|<ul|<figure|<img|<a )", re.I | re.S)
# A first line this short, without sentence-final punctuation and followed by a blank line, is
# a headline (it stays in the text; `title` just names it).
MAX_TITLE_CHARS = 250
#: Below this many letters py3langid guesses wildly ("Talks began." is not Latin): the script
#: decides instead. Set by hand on the short test sentences and the Wikinews first paragraphs.
MIN_LANGID_LETTERS = 200
#: py3langid reads at most this many characters: its cost grows with the length, and `make
#: bench` holds extraction to 1.2 x trafilatura's time. Measured on the 1007 Wikinews articles
#: (headline + text): 250 characters, no error; 150, seven English texts called Pidgin.
LANGID_CHARS = 250
#: Russian by its letters alone: ы or э, which Ukrainian, Bulgarian, Serbian and Macedonian do
#: not write, and no letter of the Cyrillic block outside the Russian alphabet (Belarusian ў
#: and і, Kazakh ә and қ, Tajik ӣ, ...); py3langid is not needed then.
_RUSSIAN_LETTER = re.compile("[ыэЫЭ]")
_OTHER_CYRILLIC = re.compile("[\u0400\u0402-\u040f\u0450\u0452-\u04ff]")
#: English by its function words alone: words that are frequent in English and rare or absent
#: as words in the other languages written in Latin letters ("the", "of", "and", "which").
#: With `ENGLISH_HITS` of them in the sample py3langid is not needed. On the 262 English
#: Wikinews articles 196 samples have three or more; seven-language test sentences of the same
#: news in French, German, Spanish, Italian, Dutch, Portuguese and Polish have none.
_ENGLISH_WORDS = frozenset(["the", "of", "and", "that", "with", "from", "which", "were", "said",
                            "this", "have", "has", "their", "would", "been", "its"])
_WORD = re.compile(r"[A-Za-z]+")
ENGLISH_HITS = 3
#: A text is `mixed_language` when its second script (Latin vs Cyrillic) has this share of the
#: letters; the document's language is then the majority's.
MIXED_SHARE = 0.25


def decode(data: bytes) -> str:
    """Text from bytes: BOMs first, then UTF-8, then charset detection (see `decode_bytes`)."""
    return decode_bytes(data)[0]


def detect_language(text: str) -> str:
    """The document's language code (`en`, `ru`, ...): see `language_of`."""
    return language_of(text)[0]


def language_of(text: str) -> tuple[str, bool]:
    """(majority language, whether a second script holds at least `MIXED_SHARE` of letters)."""
    cyr, lat = _letters(_CYRILLIC, text), _letters(_LATIN, text)
    script = "ru" if cyr > lat else "en"
    total = cyr + lat
    mixed = total > 0 and min(cyr, lat) / total >= MIXED_SHARE
    if total < MIN_LANGID_LETTERS:
        return script, mixed
    sample = text
    if mixed:  # identify the majority's own paragraphs, not a blend
        own = _CYRILLIC if script == "ru" else _LATIN
        other = _LATIN if script == "ru" else _CYRILLIC
        sample = "\n".join(p for p in text.split("\n")
                           if _letters(own, p) >= _letters(other, p))
    if script == "ru" and _RUSSIAN_LETTER.search(sample) and not _OTHER_CYRILLIC.search(sample):
        return "ru", mixed
    if script == "en" and _english_words(sample[:LANGID_CHARS]) >= ENGLISH_HITS:
        return "en", mixed
    lang, _ = _identifier().classify(sample[:LANGID_CHARS])
    return lang, mixed


def _english_words(sample: str) -> int:
    return sum(w.lower() in _ENGLISH_WORDS for w in _WORD.findall(sample))


def _letters(script: re.Pattern, text: str) -> int:
    """How many letters of a script `text` has."""
    return len(_NOT[script].sub("", text))


@cache
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE)


def headline(text: str) -> str | None:
    first, sep, _ = text.partition("\n")
    first = first.strip()
    if sep and first and len(first) <= MAX_TITLE_CHARS and first[-1] not in ".!?…\"”»":
        return first
    return None


def is_html(doc: Document) -> bool:
    """The container's content type when it gave one, else the first bytes."""
    if doc.content_type:
        return "html" in doc.content_type
    return bool(_HTML_START.match(doc.raw[:1024] if doc.raw else b""))


class Extract:
    """Turn `raw` bytes into `text`, and title, published, language, author, url, encoding.

    What the document already has (a title from a feed, `--lang`) is kept; the page fills in
    the rest. The publication date is chosen among every candidate (the caller's, the
    container's, the page's metadata, URL and first lines) by `kronika.published.decide`, under
    `policy` (the floor and the time of ingest); `publication` says which won and why. An HTML
    page with no article raises `NoArticleError`.
    """

    name = "extract"
    reads = ("raw",)
    adds = ("text", "title", "published", "language", "author", "url", "encoding",
            "publication")

    def __init__(self, *, policy: Policy | None = None) -> None:
        self.policy = policy or Policy()

    def __call__(self, doc: Document) -> Document:
        if doc.raw is None:
            return doc
        published, title, author, url = doc.published, doc.title, doc.author, doc.url
        hints = list(doc.date_hints)
        if published is not None and not any(c.value == published for c in hints):
            hints.insert(0, Candidate("given", published, evidence="given with the document"))
        zone = None
        if is_html(doc):
            from kronika.extract.html import from_html

            def settled(found: tuple[Candidate, ...], zone: str | None) -> bool:
                weighed = [in_zone(c, zone) for c in (*hints, *found)]
                return decide(weighed, self.policy, zone=zone).source in ("given", "metadata",
                                                                          "url")

            article = from_html(doc.raw, url=doc.url, settled=settled)
            text, encoding, fmt = article.text, article.encoding, "html"
            if article.title and not text.startswith(article.title):
                text = f"{article.title}\n\n{text}"
            title = title or article.title
            author = author or article.author
            url = url or article.url
            hints += article.dates
            zone = article.zone
        else:
            text, encoding = decode_bytes(doc.raw)
            fmt = "text"
            title = title or headline(text)
            if doc.source_format != "text" and not text.strip():
                raise NoArticleError(f"{doc.source_uri or 'the input'}: no text, nothing to "
                                     f"ingest")
        if doc.language in ("auto", "", None):
            lang, mixed = language_of(text)
        else:
            lang, mixed = doc.language, language_of(text)[1]
        publication = decide([in_zone(c, zone) for c in hints], self.policy, zone=zone)
        published = publication.value
        return doc.with_layers(text=text, title=title, published=published, language=lang,
                               publication=publication,
                               mixed_language=mixed, author=author, url=url, encoding=encoding,
                               source_format=fmt if doc.source_format == "text" else
                               doc.source_format)
