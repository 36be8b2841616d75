"""URLs → items, over http(s) with httpx: timeouts, a redirect limit, a size cap, a clear
User-Agent, and no requests to private networks.

Before each request, and again for every redirect hop, the host name is resolved and every
address it resolves to is checked: loopback, link-local, private, multicast, reserved and
unspecified addresses are refused unless `Limits.allow_private` is set, so a public page cannot
redirect kronika into the local network. (A name that resolves differently between the check
and the connection, DNS rebinding, is not caught.)
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import httpx

from kronika import __version__
from kronika.errors import FetchError, KronikaError, LimitError, RefusedURLError
from kronika.ingest.item import DEFAULT_LIMITS, Item, Limits

USER_AGENT = (f"kronika/{__version__} (news timeline extractor; fetches only the URLs its user "
              f"names)")
SCHEMES = ("http", "https")
REDIRECTS = (301, 302, 303, 307, 308)

Resolver = Callable[[str], list[str]]


def resolve(host: str) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as exc:
        raise FetchError(f"cannot resolve the host {host!r} ({exc}); check the URL") from exc
    return sorted({info[4][0] for info in infos})


def check_url(url: str, limits: Limits, resolver: Resolver = resolve) -> None:
    """Raise `RefusedURLError` unless `url` is http(s) on a public address (or private ones are
    allowed)."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in SCHEMES:
        raise RefusedURLError(f"{url}: only http and https URLs are fetched, not "
                              f"{parts.scheme or 'a URL without a scheme'}; save the document "
                              f"and ingest the file")
    host = parts.hostname
    if not host:
        raise RefusedURLError(f"{url}: the URL has no host name")
    if limits.allow_private:
        return
    for address in resolver(host):
        kind = _private_kind(ipaddress.ip_address(address.split("%", 1)[0]))
        if kind:
            raise RefusedURLError(f"{url}: {host} resolves to {address}, a {kind} address; "
                                  f"pass --allow-private to fetch from local networks")


def _private_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    for kind, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                       ("private", ip.is_private), ("multicast", ip.is_multicast),
                       ("reserved", ip.is_reserved), ("unspecified", ip.is_unspecified)):
        if flag:
            return kind
    return None


def fetch(url: str, limits: Limits = DEFAULT_LIMITS, *, resolver: Resolver = resolve,
          transport: httpx.BaseTransport | None = None) -> tuple[str, bytes, str | None]:
    """(final URL, body bytes, content type) of `url`, following redirects by hand so that every
    hop is checked. Raises `RefusedURLError`, `LimitError` or `FetchError`."""
    got = fetch_response(url, limits, resolver=resolver, transport=transport)
    return got.url, got.body, got.content_type


@dataclass(frozen=True)
class Fetched:
    """One answer: 200 with a body, or 304 (not modified, empty body) to a conditional request.
    `etag` and `last_modified` are the validators to send next time."""

    url: str
    status: int
    body: bytes
    content_type: str | None
    etag: str | None = None
    last_modified: str | None = None


def fetch_response(url: str, limits: Limits = DEFAULT_LIMITS, *,
                   headers: Mapping[str, str] | None = None, resolver: Resolver = resolve,
                   transport: httpx.BaseTransport | None = None,
                   client: httpx.Client | None = None) -> Fetched:
    """`fetch` with extra request `headers` (e.g. If-None-Match, If-Modified-Since), returning
    the status and the validators too. A long-running caller passes its own `client` (made
    with `follow_redirects=False`) to reuse connections."""
    timeout = httpx.Timeout(limits.timeout)
    sent = {"User-Agent": USER_AGENT, **(headers or {})}
    own = client is None
    if own:
        client = httpx.Client(follow_redirects=False, timeout=timeout, transport=transport)
    try:
        for _hop in range(limits.max_redirects + 1):
            check_url(url, limits, resolver)
            try:
                with client.stream("GET", url, headers=sent, timeout=timeout) as response:
                    if response.status_code in REDIRECTS and "location" in response.headers:
                        url = urljoin(url, response.headers["location"])
                        continue
                    if response.status_code >= 400:
                        raise FetchError(f"{url}: the server answered HTTP "
                                         f"{response.status_code} {response.reason_phrase}")
                    body = b"" if response.status_code == 304 else _read(response, url, limits)
                    h = response.headers
                    return Fetched(url, response.status_code, body, h.get("content-type"),
                                   h.get("etag"), h.get("last-modified"))
            except httpx.TimeoutException as exc:
                raise FetchError(f"{url}: no answer within {limits.timeout:g} s (--timeout); "
                                 f"try again later or raise --timeout") from exc
            except httpx.HTTPError as exc:
                raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from exc
    finally:
        if own:
            client.close()
    raise FetchError(f"{url}: more than {limits.max_redirects} redirects (--max-redirects); "
                     f"open the URL in a browser to see where it leads")


def _read(response: httpx.Response, url: str, limits: Limits) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise LimitError(f"{url}: the page ({declared} bytes)", limits.max_bytes, "--max-bytes")
    chunks, size = [], 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise LimitError(f"{url}: the page", limits.max_bytes, "--max-bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch_item(url: str, limits: Limits = DEFAULT_LIMITS, **kwargs) -> Item:
    """The item at `url`; a refused or failed fetch becomes an item with its error."""
    try:
        final, body, ctype = fetch(url, limits, **kwargs)
    except KronikaError as exc:
        return Item(url, format="html", error=exc)
    html = None if not ctype else "html" in ctype.lower()
    return Item(url, raw=body, format="text", html=html, url=final)
