"""A news site on 127.0.0.1 for `kronika watch` tests and its bench: RSS feeds and listing pages
whose items change between rounds, strong ETags and Last-Modified honoured (304), robots.txt,
request counts, and a webhook receiver that records what it got and when.

    site = Site(); site.start()
    site.publish("f1", Story(...))      # the feed /feeds/f1.xml gains an item
    ...; site.stop()
"""

from __future__ import annotations

import hashlib
import http.server
import json
import threading
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from email.utils import format_datetime, formatdate
from xml.sax.saxutils import escape

PAIRS = [
    ("US Secretary of Defense Lloyd Austin", "Russian Defense Minister Sergei Shoigu"),
    ("US Secretary of State Antony Blinken", "Russian Foreign Minister Sergei Lavrov"),
]


@dataclass(frozen=True)
class Story:
    """One article: `n` makes its text and date unique (a distinct timeline entry)."""

    n: int
    pair: int = 0
    day: date | None = None

    @property
    def when(self) -> date:
        return self.day or date(2022, 1, 1) + timedelta(days=self.n)

    @property
    def slug(self) -> str:
        return f"story-{self.n}"

    def text(self) -> str:
        a, b = PAIRS[self.pair]
        d = self.when
        return (f"On {d:%B} {d.day}, {d.year}, {a} held talks with {b}. The call number "
                f"{self.n} lasted an hour, officials said.")

    def html(self) -> str:
        return (f"<html><head><title>Talks {self.n}</title></head><body><article>"
                f"<h1>Talks {self.n}</h1><p>{escape(self.text())}</p></article></body></html>")


class Site:
    """Feeds at /feeds/NAME.xml, listing pages at /lists/NAME.html, articles at
    /articles/SLUG.html, robots.txt, and a webhook at /hook."""

    def __init__(self, robots: str = "User-agent: *\nAllow: /\n") -> None:
        self.feeds: dict[str, list[Story]] = {}
        self.lists: dict[str, list[Story]] = {}
        self.robots = robots
        self.requests: Counter = Counter()
        self.not_modified: Counter = Counter()
        self.first_served: dict[int, float] = {}   # story n → when a poll first got it
        self.hooks: list[tuple[float, dict]] = []
        self.fail: set[str] = set()                 # paths that answer 503
        self._versions: dict[str, tuple[bytes, str, str]] = {}
        self._lock = threading.Lock()
        self.server = _Server(("127.0.0.1", 0), _handler(self))
        self._thread: threading.Thread | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def start(self) -> Site:
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def publish(self, feed: str, story: Story, *, listing: bool = False) -> None:
        with self._lock:
            (self.lists if listing else self.feeds).setdefault(feed, []).append(story)

    def feed_url(self, name: str) -> str:
        return f"{self.base}/feeds/{name}.xml"

    def list_url(self, name: str) -> str:
        return f"{self.base}/lists/{name}.html"

    # rendering -------------------------------------------------------------------------------

    def _feed(self, name: str) -> bytes:
        items = []
        for s in reversed(self.feeds[name]):  # newest first, as feeds do
            items.append(
                f"<item><title>Talks {s.n}</title><link>{self.base}/articles/{s.slug}.html"
                f"</link><guid>{s.slug}</guid><pubDate>{_rfc822(s.when)}</pubDate>"
                f"<description>{escape(s.text())}</description></item>")
        return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel>'
                f"<title>{name}</title><link>{self.base}/</link><description>test feed"
                f"</description>{''.join(items)}</channel></rss>").encode()

    def _list(self, name: str) -> bytes:
        links = "".join(f'<li><a href="/articles/{s.slug}.html">Talks {s.n}</a></li>'
                        for s in reversed(self.lists[name]))
        return (f'<html><body><a href="/">home</a><ul>{links}</ul></body></html>').encode()

    def _story(self, slug: str) -> Story | None:
        for stories in (*self.feeds.values(), *self.lists.values()):
            for s in stories:
                if s.slug == slug:
                    return s
        return None


def _handler(site: Site):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self):  # noqa: N802 (the stdlib's name)
            path = self.path.split("?")[0]
            with site._lock:
                site.requests[path] += 1
                if path in site.fail:
                    return self._send(503, b"busy", "text/plain")
                if path == "/robots.txt":
                    return self._send(200, site.robots.encode(), "text/plain")
                if path.startswith("/feeds/") and path[7:-4] in site.feeds:
                    name = path[7:-4]
                    return self._versioned(path, site._feed(name), "application/rss+xml",
                                           site.feeds[name])
                if path.startswith("/lists/") and path[7:-5] in site.lists:
                    name = path[7:-5]
                    return self._versioned(path, site._list(name), "text/html; charset=utf-8",
                                           site.lists[name])
                if path.startswith("/articles/"):
                    story = site._story(path[10:-5])
                    if story is not None:
                        return self._send(200, story.html().encode(),
                                          "text/html; charset=utf-8")
            self._send(404, b"not here", "text/plain")

        def do_POST(self):  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/hook":
                with site._lock:
                    site.hooks.append((time.time(), json.loads(body)))
                return self._send(204, b"", "text/plain")
            self._send(404, b"", "text/plain")

        def _versioned(self, path, body, ctype, stories):
            etag = '"' + hashlib.sha256(body).hexdigest()[:16] + '"'
            old = site._versions.get(path)
            modified = old[2] if old and old[1] == etag else formatdate(usegmt=True)
            site._versions[path] = (body, etag, modified)
            if self.headers.get("If-None-Match") == etag:
                site.not_modified[path] += 1
                return self._send(304, b"", ctype, etag, modified)
            now = time.time()
            for s in stories:
                site.first_served.setdefault(s.n, now)
            self._send(200, body, ctype, etag, modified)

        def _send(self, status, body, ctype, etag=None, modified=None):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            if etag:
                self.send_header("ETag", etag)
                self.send_header("Last-Modified", modified)
            if status != 304:
                self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if status != 304:
                self.wfile.write(body)

        def log_message(self, *args):
            pass

    return Handler


def _rfc822(d: date) -> str:
    return format_datetime(datetime(d.year, d.month, d.day, 12, tzinfo=UTC))


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass
