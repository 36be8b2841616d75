"""Fetching one article by URL for `POST /api/documents`: the ingest fetcher with server limits.

Everything a server must refuse is refused by `kronika.ingest.fetch`: schemes other than http and
https, hosts that resolve to private, loopback, link-local, multicast, reserved or unspecified
addresses (checked on the first request and on every redirect hop), too many redirects, and
bodies over the cap (counted while streaming). Private addresses are never allowed here.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from kronika.ingest.fetch import check_url as _check_url
from kronika.ingest.fetch import fetch, resolve
from kronika.ingest.item import Limits

TIMEOUT_S = 10.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5

Resolver = Callable[[str], list[str]]


def _limits(max_bytes: int = MAX_BYTES, timeout: float = TIMEOUT_S) -> Limits:
    return Limits(max_bytes=max_bytes, timeout=timeout, max_redirects=MAX_REDIRECTS,
                  allow_private=False)


def check_url(url: str, resolve: Resolver = resolve) -> None:
    """Raise `RefusedURLError` unless `url` is http(s) on a public address."""
    _check_url(url, _limits(), resolve)


def fetch_url(
    url: str,
    *,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    resolve: Resolver = resolve,
    transport: httpx.BaseTransport | None = None,
) -> tuple[bytes, str]:
    """The body of `url` and the final URL after redirects; a `FetchError` (or its subclass
    `RefusedURLError`) or `LimitError` when refused. `resolve` and `transport` are for tests."""
    final, body, _ = fetch(url, _limits(max_bytes, timeout), resolver=resolve,
                           transport=transport)
    return body, final
