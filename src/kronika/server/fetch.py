"""Fetching one article by URL for `POST /api/documents`, refusing what a server must not fetch.

Refused: schemes other than http and https; hosts that resolve to a private, loopback,
link-local, multicast, reserved or unspecified address (checked on the first request and on
every redirect, so a public page cannot bounce the server into the local network); more than
`MAX_REDIRECTS` redirects; bodies over `max_bytes` (counted while streaming, not trusted from
Content-Length). The address is checked before httpx connects and httpx resolves the name again,
so a DNS server that answers differently within the same second can still win that race; run the
server behind an egress firewall when that matters.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable
from urllib.parse import urljoin, urlsplit

import httpx

from kronika.errors import UrlRefusedError

TIMEOUT_S = 10.0
MAX_BYTES = 5_000_000
MAX_REDIRECTS = 5
USER_AGENT = "kronika/0.1 (+https://github.com/; news timeline builder)"

Resolver = Callable[[str], list[str]]


def resolve_host(host: str) -> list[str]:
    """Every address `host` resolves to (IPv4 and IPv6)."""
    try:
        infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (socket.gaierror, UnicodeError) as e:
        raise UrlRefusedError(f"cannot resolve the host {host!r}: {e}; check the URL") from e
    return sorted({info[4][0] for info in infos})


def check_url(url: str, resolve: Resolver = resolve_host) -> None:
    """Raise `UrlRefusedError` unless `url` is http(s) on a public address."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        raise UrlRefusedError(f"only http and https URLs are fetched, not scheme "
                              f"{parts.scheme or 'none'!r}; give a URL such as https://...")
    host = parts.hostname
    if not host:
        raise UrlRefusedError(f"the URL {url!r} names no host; give a full https://host/... URL")
    for addr in resolve(host):
        ip = ipaddress.ip_address(addr.split("%")[0])
        if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
            ip = ip.ipv4_mapped
        if not ip.is_global or ip.is_multicast:
            raise UrlRefusedError(f"{host} resolves to {ip}, a private, loopback or link-local "
                                  f"address; the server fetches public pages only (save the "
                                  f"page and upload it instead)")


def fetch_url(
    url: str,
    *,
    timeout: float = TIMEOUT_S,
    max_bytes: int = MAX_BYTES,
    resolve: Resolver = resolve_host,
    transport: httpx.BaseTransport | None = None,
) -> tuple[bytes, str]:
    """The body of `url` and the final URL after redirects; `UrlRefusedError` when refused.

    `resolve` and `transport` exist for tests (a fake DNS and an `httpx.MockTransport`).
    """
    with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport,
                      headers={"User-Agent": USER_AGENT}) as client:
        for _ in range(MAX_REDIRECTS + 1):
            check_url(url, resolve)
            try:
                with client.stream("GET", url) as resp:
                    if resp.is_redirect:
                        url = urljoin(url, resp.headers.get("location", ""))
                        continue
                    if resp.status_code >= 400:
                        raise UrlRefusedError(f"{url} answered HTTP {resp.status_code}; check "
                                              f"the URL or save the page and upload it")
                    body = bytearray()
                    for chunk in resp.iter_bytes():
                        body += chunk
                        if len(body) > max_bytes:
                            raise UrlRefusedError(f"{url} is larger than the {max_bytes}-byte "
                                                  f"limit; save the article text and upload it")
                    return bytes(body), url
            except httpx.HTTPError as e:
                raise UrlRefusedError(f"fetching {url} failed: {type(e).__name__}: {e}; "
                                      f"check the URL or try again later") from e
    raise UrlRefusedError(f"more than {MAX_REDIRECTS} redirects from the URL; give the final "
                          f"address instead")
