"""An HTML page → its article: body text (trafilatura), title, author, canonical URL and date.

The date comes from htmldate, run by trafilatura's metadata pass with `original_date` and the
extensive search: the page's metadata, then its URL, then its visible text. The body is
trafilatura's main-content extraction without comments or tables, so navigation, sidebars,
related links, share buttons and footers are left out. A fragment (a feed entry, a JSON `html`
field: no `<html>`/`<body>`) that trafilatura finds too short is kept whole as text, since the
container already says it is the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from kronika.errors import NoArticleError
from kronika.extract.encoding import decode_bytes

#: A full page whose extracted text has fewer words than this has no article, only leftovers
#: ("Home World", "Enable JavaScript"); set by hand, far below the shortest news brief.
MIN_ARTICLE_WORDS = 10
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


def from_html(data: bytes, *, url: str | None = None) -> Article:
    """The article in an HTML page or fragment; `NoArticleError` when there is none."""
    import trafilatura

    html, encoding = decode_bytes(data, html=True)
    full_page = bool(_FULL_PAGE.search(html[:4096]))
    if not full_page:  # a fragment: give the parser a page to hold it
        html = f"<html><body>{html}</body></html>"
    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=False,
        favor_precision=True, date_extraction_params={"original_date": True,
                                                      "extensive_search": True})
    text = (found.text if found else "") or ""
    if not text.strip() and not full_page:
        text = trafilatura.html2txt(html) or ""
    if not text.strip() or (full_page and len(text.split()) < MIN_ARTICLE_WORDS):
        raise NoArticleError(_why_empty(html))
    return Article(text=text, title=found and found.title, author=found and found.author,
                   date=found and found.date, url=found and found.url, encoding=encoding)


def _why_empty(html: str) -> str:
    visible = re.sub(r"(?is)<(script|style|noscript)\b.*?</\1\s*>|<[^>]+>", " ", html).strip()
    if not visible and _SCRIPT_ONLY.search(html):
        return ("the page holds only scripts and styles, no text: it is rendered by JavaScript; "
                "save the page after it has loaded, or ingest the site's feed")
    return ("no article text found in the page (only navigation, links or other furniture); if "
            "the page is an index, ingest the articles it links to")
