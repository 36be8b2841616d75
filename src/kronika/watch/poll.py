"""Polling one source: robots.txt, a per-host rate limit, a conditional GET, and the items in
the answer that were not seen before.

`Poller.poll(source, validators, seen)` runs in a worker thread and touches no store: it returns
a `Poll` with the new validators and the new items (a feed's entries, or the pages a listing
page links to, fetched). The watcher stores them. Politeness:

- robots.txt (urllib.robotparser) is read once per host and kept for `ROBOTS_TTL`; a missing
  one (4xx) allows everything, one that cannot be read (5xx, network error) postpones the
  host's sources (RFC 9309); its Crawl-delay raises the host's delay.
- `HostLimiter` keeps at least `host_delay` seconds between two requests to one host, across
  all worker threads.
"""

from __future__ import annotations

import hashlib
import re
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from kronika.errors import FetchError, KronikaError, RobotsRefusedError
from kronika.ingest.feeds import looks_like_feed, read_feed
from kronika.ingest.fetch import Fetched, fetch_response
from kronika.ingest.item import Item, Limits
from kronika.watch.config import Politeness, Source

ROBOTS_TTL = 24 * 3600.0  # seconds a host's robots.txt is trusted before it is read again
ROBOTS_AGENT = "kronika"  # the name robots.txt rules address
MAX_LINKS = 200           # new links fetched from one listing page per poll; the rest wait


@dataclass
class Poll:
    """What one poll found. `status`: new (something new), unchanged (answer read, nothing new),
    not-modified (304), error. `items` are (key, item) pairs; `error` says what went wrong."""

    source: Source
    status: str
    items: list[tuple[str, Item]] = field(default_factory=list)
    etag: str | None = None
    last_modified: str | None = None
    error: KronikaError | None = None
    started: float = 0.0      # time.time() when the poll began
    fetched: float = 0.0      # time.time() when the answer was in


class HostLimiter:
    """At least `delay` seconds between the starts of two requests to one host."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self._next: dict[str, float] = {}
        self._delays: dict[str, float] = {}
        self._lock = threading.Lock()

    def set_delay(self, host: str, delay: float) -> None:
        with self._lock:
            self._delays[host] = max(self.delay, delay)

    def wait(self, host: str) -> None:
        with self._lock:
            now = time.monotonic()
            slot = max(now, self._next.get(host, 0.0))
            self._next[host] = slot + self._delays.get(host, self.delay)
        if slot > now:
            time.sleep(slot - now)


class Robots:
    """robots.txt per host, read through the same fetcher, kept for ROBOTS_TTL."""

    def __init__(self, fetch, limiter: HostLimiter) -> None:
        self._fetch = fetch
        self._limiter = limiter
        self._cache: dict[str, tuple[float, RobotFileParser | None]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> None:
        """Raise `RobotsRefusedError` if robots.txt forbids `url`, `FetchError` if it cannot be
        read now."""
        parts = urlsplit(url)
        host = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            host_lock = self._locks.setdefault(host, threading.Lock())
        with host_lock:  # one read per host at a time; other hosts go on
            cached = self._cache.get(host)
            if cached is None or time.monotonic() - cached[0] > ROBOTS_TTL:
                cached = (time.monotonic(), self._read(host, parts.netloc.lower()))
                self._cache[host] = cached
        parser = cached[1]
        if parser is not None and not parser.can_fetch(ROBOTS_AGENT, url):
            raise RobotsRefusedError(f"{url}: the site's robots.txt does not allow kronika "
                                     f"this page; remove the source or ask the site")

    def _read(self, host: str, netloc: str) -> RobotFileParser | None:
        self._limiter.wait(netloc)
        try:
            got = self._fetch(f"{host}/robots.txt", None)
        except FetchError as e:
            status = _status(e)
            if status is not None and 400 <= status < 500:
                return None  # no robots.txt: everything is allowed
            raise FetchError(f"{host}/robots.txt cannot be read now ({e.message}); the "
                             f"host's sources wait and are tried again later") from e
        parser = RobotFileParser()
        parser.parse(got.body.decode("utf-8", "replace").splitlines())
        delay = parser.crawl_delay(ROBOTS_AGENT)
        if delay:
            self._limiter.set_delay(netloc, float(delay))
        return parser


def _status(e: FetchError) -> int | None:
    m = re.search(r"answered HTTP (\d{3})", e.message)
    return int(m.group(1)) if m else None


class Poller:
    """Polls sources politely; thread-safe (one instance serves all worker threads)."""

    def __init__(self, politeness: Politeness | None = None, *, allow_private: bool = False,
                 max_bytes: int = 20 << 20, transport: httpx.BaseTransport | None = None) -> None:
        self.politeness = politeness = politeness or Politeness()
        self.limits = Limits(max_bytes=max_bytes, timeout=politeness.timeout,
                             allow_private=allow_private)
        self.limiter = HostLimiter(politeness.host_delay)
        self.client = httpx.Client(follow_redirects=False, transport=transport,
                                   timeout=politeness.timeout,
                                   limits=httpx.Limits(max_connections=2 * politeness.workers))
        self.robots = Robots(self._get, self.limiter)

    def close(self) -> None:
        self.client.close()

    def _get(self, url: str, validators: tuple[str | None, str | None] | None) -> Fetched:
        headers = {}
        if validators:
            etag, modified = validators
            if etag:
                headers["If-None-Match"] = etag
            if modified:
                headers["If-Modified-Since"] = modified
        return fetch_response(url, self.limits, headers=headers, client=self.client)

    def _polite_get(self, url: str, validators=None) -> Fetched:
        if self.politeness.robots:
            self.robots.check(url)
        self.limiter.wait(urlsplit(url).netloc.lower())
        return self._get(url, validators)

    def poll(self, source: Source, validators: tuple[str | None, str | None],
             seen: set[str]) -> Poll:
        """The new items of `source` (`seen`: keys already seen); never raises for the
        world's errors (they come back as status error)."""
        started = time.time()
        try:
            got = self._polite_get(source.url, validators)
        except KronikaError as e:
            return Poll(source, "error", error=e, started=started, fetched=time.time())
        fetched = time.time()
        if got.status == 304:
            return Poll(source, "not-modified", etag=validators[0],
                        last_modified=validators[1], started=started, fetched=fetched)
        poll = Poll(source, "unchanged", etag=got.etag, last_modified=got.last_modified,
                    started=started, fetched=fetched)
        is_feed = source.kind == "feed" or (source.kind == "auto" and looks_like_feed(got.body))
        try:
            if is_feed:
                self._feed_items(source, got, seen, poll)
            else:
                self._page_items(source, got, seen, poll)
        except KronikaError as e:
            poll.error = e
        if poll.items:
            poll.status = "new"
        elif poll.error is not None:
            poll.status = "error"
        return poll

    def _feed_items(self, source: Source, got: Fetched, seen: set[str], poll: Poll) -> None:
        for item in read_feed(got.body, got.url):
            if item.error is not None and item.uri == got.url:
                poll.error = item.error  # the feed itself is broken; recovered entries go on
                continue
            key = item_key(item)
            if key in seen:
                continue
            if source.follow and item.url:
                item = self._page(item.url, item)
                if item.error is not None and _transient(item.error):
                    poll.error = item.error  # not marked seen: tried again next poll
                    continue
            poll.items.append((key, item))

    def _page_items(self, source: Source, got: Fetched, seen: set[str], poll: Poll) -> None:
        links = [u for u in page_links(got.body, got.url, source.links) if u not in seen]
        for url in links[:MAX_LINKS]:
            item = self._page(url)
            if item.error is not None and _transient(item.error):
                poll.error = item.error
                continue
            poll.items.append((url, item))

    def _page(self, url: str, hints: Item | None = None) -> Item:
        """A linked article as an item (its error set when it cannot be fetched)."""
        try:
            got = self._polite_get(url)
        except KronikaError as e:
            return Item(url, format="html", error=e)
        html = None if not got.content_type else "html" in got.content_type.lower()
        return Item(url, raw=got.body, format="text", html=html, url=got.url,
                    title=hints.title if hints else None,
                    published=hints.published if hints else None,
                    author=hints.author if hints else None)


def _transient(error: KronikaError) -> bool:
    """A fetch that may work next time (network, 5xx, robots unreadable) rather than a page
    that will never be an article."""
    return isinstance(error, FetchError) and not isinstance(error, RobotsRefusedError) and \
        not (400 <= (_status(error) or 0) < 500)


def item_key(item: Item) -> str:
    """What identifies a feed entry across polls: its link, else a hash of its bytes."""
    if item.url:
        return urldefrag(item.url)[0]
    return "sha256:" + hashlib.sha256(item.raw).hexdigest()


def page_links(body: bytes, base: str, pattern: str | None) -> list[str]:
    """The links of a listing page, in page order, without repeats or fragments: those that
    match `pattern` (a regex searched in the absolute URL), else those on the page's own host
    other than the page itself."""
    import lxml.html

    try:
        root = lxml.html.fromstring(body)
    except (ValueError, lxml.etree.ParserError):
        return []
    host = urlsplit(base).netloc.lower()
    rx = re.compile(pattern) if pattern else None
    out, seen = [], {urldefrag(base)[0]}
    for a in root.iter("a"):
        href = a.get("href")
        if not href:
            continue
        url = urldefrag(urljoin(base, href.strip()))[0]
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or url in seen:
            continue
        if rx is not None:
            if not rx.search(url):
                continue
        elif parts.netloc.lower() != host or parts.path in ("", "/"):
            continue
        seen.add(url)
        out.append(url)
    return out
