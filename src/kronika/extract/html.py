"""An HTML page → its article: body text (trafilatura), title, author, canonical URL and date.

The date comes from htmldate, in three steps: trafilatura's metadata pass runs it on the page's
metadata and markup (`original_date`, without the slow extensive search over the whole page),
then on the URL; only when both fail does htmldate's extensive search read the article's own
first lines (the dateline), not the whole page with its sidebars of other stories' dates. The body is
trafilatura's main-content extraction without comments or tables, so navigation, sidebars,
related links, share buttons and footers are left out; lines of furniture inside the article's
own block ("Read also: ...", "Advertisement") are then removed by the named rules of
`furniture.yaml`. A fragment (a feed entry, a JSON `html`
field: no `<html>`/`<body>`) that trafilatura finds too short is kept whole as text, since the
container already says it is the article.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from functools import cache

from kronika.errors import NoArticleError, RuleFileError
from kronika.extract import dates
from kronika.extract.encoding import decode_bytes
from kronika.published import Candidate
from kronika.rules import load_rules, require_keys

#: A full page whose extracted text has fewer words than this has no article, only leftovers
#: ("Home World", "Enable JavaScript"); set by hand, far below the shortest news brief.
MIN_ARTICLE_WORDS = 10
#: trafilatura runs first in its fast mode (no fallback extractors); a text shorter than this
#: gets a second, full run with the fallbacks (readability, jusText). Set by hand: the fast
#: mode lost nothing on the `make bench` pages, and a short result is where the fallbacks help.
ESCALATE_CHARS = 250
#: How much of the article's start the date search reads when the page's metadata has no date.
DATELINE_CHARS = 300
_FULL_PAGE = re.compile(r"<(?:html|body)\b", re.I)
_SCRIPT_ONLY = re.compile(r"<(script|style|noscript)\b", re.I)


@dataclass(frozen=True)
class Article:
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # YYYY-MM-DD
    url: str | None = None
    encoding: str | None = None
    #: Publication-date candidates (metadata, URL, the article's first lines, the page's
    #: markup) and the zone of the dateline's city: see `kronika.extract.dates`.
    dates: tuple[Candidate, ...] = ()
    zone: str | None = None


def from_html(data: bytes, *, url: str | None = None,
              settled: Callable[[tuple[Candidate, ...], str | None], bool] | None = None
              ) -> Article:
    """The article in an HTML page or fragment; `NoArticleError` when there is none.

    `settled(candidates, zone)` says whether the metadata and URL dates (read in the zone of
    the dateline's city) already decide the publication date; the article's first lines and
    the page's markup are then not searched (they rank below both: no change to the answer)."""
    html, encoding = decode_bytes(data, html=True)
    full_page = bool(_FULL_PAGE.search(html[:4096]))
    if not full_page:  # a fragment: give the parser a page to hold it
        html = f"<html><body>{html}</body></html>"
    from trafilatura import load_html

    tree = load_html(html)
    if tree is None:
        raise NoArticleError(_why_empty(html))
    found = _trafilatura(tree, url, fast=True)
    if len((found.text if found else "") or "") < ESCALATE_CHARS:
        found = _trafilatura(tree, url, fast=False) or found
    text = drop_furniture((found.text if found else "") or "")
    meta = _metadata(tree, url)
    zone = dates.dateline_zone(text)
    found_dates = _dates(tree, meta.url or url, text,
                         settled and (lambda found: settled(found, zone)))
    if not text.strip() and not full_page:
        from trafilatura import html2txt

        text = (html2txt(html) or "").strip()
    if not text.strip() or (full_page and len(text.split()) < MIN_ARTICLE_WORDS):
        raise NoArticleError(_why_empty(html))
    first = next((c for c in found_dates if c.source != "url"), None) or next(iter(found_dates),
                                                                               None)
    return Article(text=text, title=meta.title, author=meta.author,
                   date=first.value.isoformat() if first else None, url=meta.url,
                   encoding=encoding, dates=tuple(found_dates), zone=zone)


@cache
def furniture_rules() -> tuple[tuple[str, re.Pattern], ...]:
    """The named whole-line furniture patterns of `furniture.yaml`, compiled."""
    data = load_rules("kronika.extract", "furniture.yaml")
    rules = []
    for rule in data["rules"]:
        require_keys(rule, ("name", "pattern", "description", "examples"), "furniture.yaml")
        try:
            rules.append((rule["name"], re.compile(rule["pattern"], re.I)))
        except re.error as exc:
            raise RuleFileError(f"furniture.yaml: rule {rule['name']!r} has a bad pattern: "
                                f"{exc}") from exc
    return tuple(rules)


def furniture_rule(line: str) -> str | None:
    """The name of the furniture rule a whole line matches, if any."""
    stripped = line.strip()
    for name, pattern in furniture_rules():
        if pattern.fullmatch(stripped):
            return name
    return None


def drop_furniture(text: str) -> str:
    """`text` without its furniture lines."""
    return "\n".join(line for line in text.split("\n") if not furniture_rule(line))


def _trafilatura(tree, url: str | None, *, fast: bool):
    """trafilatura's body extraction (it works on a copy of `tree`)."""
    import trafilatura

    return trafilatura.bare_extraction(tree, url=url, include_comments=False,
                                       include_tables=False, fast=fast)


def _dates(tree, url: str | None, text: str,
           settled: Callable[[tuple[Candidate, ...]], bool] | None) -> tuple[Candidate, ...]:
    """The publication-date candidates of the page: metadata and URL; then, unless those
    settle the date, the first lines, and the page's markup only when neither the metadata
    nor the first lines give a date."""
    found = (dates.metadata_candidate(tree), dates.url_candidate(url))
    out = tuple(c for c in found if c is not None)
    if settled is not None and settled(out):
        return out
    dateline = dates.text_candidate(text)
    out += (dateline,) if dateline else ()
    if not any(c.source in ("metadata", "text") for c in out):
        out += tuple(_markup_date(tree))
    return out


def _metadata(tree, url: str | None):
    """Title, author, canonical URL and date: trafilatura's own steps for these four fields
    (meta tags, JSON-LD, then the markup) without the ones kronika does not use (categories,
    tags, site name, licence), and htmldate on metadata, markup and URL.

    `tree` is pruned in place at the end (the byline search), so it must not be used after.
    """
    from trafilatura.metadata import examine_meta, extract_meta_json, extract_title, extract_url

    meta = examine_meta(tree)
    if meta.author and " " not in meta.author:  # a handle, not a name (as trafilatura does)
        meta.author = None
    # A page's broken JSON-LD must not cost its article: trafilatura guards this call the same
    # way, and the fields then come from the markup below.
    with suppress(Exception):
        meta = extract_meta_json(tree, meta)
    meta.title = meta.title or extract_title(tree)
    meta.url = meta.url or extract_url(tree, url)
    meta.author = meta.author or _byline(tree)
    return meta


def _markup_date(tree) -> list[Candidate]:
    """A date in the page's markup (htmldate without metadata-only limits and without the
    URL), as a `text` candidate: the page's own elements, less sure than its metadata."""
    if tree is None:
        return []
    from datetime import datetime

    from htmldate import find_date

    found = find_date(tree, url="", original_date=True, extensive_search=False,
                      min_date=dates.EARLIEST, max_date=dates.LATEST)
    if not found:
        return []
    return [Candidate("text", datetime.strptime(found, "%Y-%m-%d").date(),
                      evidence="page markup (htmldate)")]


def _byline(tree) -> str | None:
    """trafilatura's byline search (`extract_author`) on our own tree: it prunes comment
    sections and the like first, in place here instead of on a deep copy (the copy cost as much
    as the search)."""
    from trafilatura.metadata import (
        AUTHOR_DISCARD_XPATHS,
        AUTHOR_XPATHS,
        extract_metainfo,
        normalize_authors,
        prune_unwanted_nodes,
    )

    author = extract_metainfo(prune_unwanted_nodes(tree, AUTHOR_DISCARD_XPATHS), AUTHOR_XPATHS,
                              len_limit=120)
    return normalize_authors(None, author) if author else None


def _why_empty(html: str) -> str:
    visible = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1\s*>|<[^>]+>", " ", html).strip()
    if not visible and _SCRIPT_ONLY.search(html):
        return ("the page holds only scripts and styles, no text: it is rendered by JavaScript; "
                "save the page after it has loaded, or ingest the site's feed")
    return ("no article text found in the page (only navigation, links or other furniture); if "
            "the page is an index, ingest the articles it links to")
