"""URL fetching for the API: public http(s) pages only, on the first request and every redirect,
with a size cap. DNS and the network are faked (a resolver function, httpx.MockTransport)."""

from __future__ import annotations

import httpx
import pytest

from kronika.errors import InputError as UrlRefusedError  # refused, over a cap or failed
from kronika.server.fetch import check_url, fetch_url

PUBLIC = {"news.example": ["93.184.216.34"], "evil.example": ["93.184.216.35"],
          "inside.example": ["10.1.2.3"], "rebind.example": ["93.184.216.36", "127.0.0.1"]}


def resolve(host):
    return PUBLIC.get(host) or [host.strip("[]")]


def transport(routes):
    def handler(request: httpx.Request) -> httpx.Response:
        return routes[str(request.url)]
    return httpx.MockTransport(handler)


@pytest.mark.parametrize("url, says", [
    ("file:///etc/passwd", "only http and https"),
    ("ftp://news.example/a", "only http and https"),
    ("gopher://news.example/", "only http and https"),
    ("javascript:alert(1)", "only http and https"),
    ("news.example/a", "only http and https"),
    ("http:///nohost", "has no host name"),
    ("http://127.0.0.1/admin", "loopback"),
    ("http://localhost:8000/", "loopback"),
    ("http://[::1]/", "loopback"),
    ("http://[::ffff:127.0.0.1]/", "loopback"),
    ("http://10.0.0.5/", "private"),
    ("http://192.168.1.1/", "private"),
    ("http://169.254.169.254/latest/meta-data/", "link-local"),
    ("http://0.0.0.0/", "private"),
    ("http://inside.example/", "private"),
    ("http://rebind.example/", "private"),
])
def test_refused_urls(url, says):
    def res(host):
        return ["127.0.0.1"] if host == "localhost" else resolve(host)
    with pytest.raises(UrlRefusedError, match=says):
        check_url(url, res)


def test_public_page_is_fetched_with_its_final_url():
    routes = {"https://news.example/a": httpx.Response(301, headers={"location": "/b"}),
              "https://news.example/b": httpx.Response(200, content=b"<p>Hello</p>")}
    body, final = fetch_url("https://news.example/a", resolve=resolve, transport=transport(routes))
    assert body == b"<p>Hello</p>" and final == "https://news.example/b"


def test_redirect_into_the_local_network_is_refused():
    routes = {"https://evil.example/": httpx.Response(302, headers={
        "location": "http://169.254.169.254/latest/meta-data/"})}
    with pytest.raises(UrlRefusedError, match="link-local"):
        fetch_url("https://evil.example/", resolve=resolve, transport=transport(routes))


def test_redirect_loops_stop():
    routes = {"https://news.example/a": httpx.Response(302, headers={"location": "/a"})}
    with pytest.raises(UrlRefusedError, match="redirects"):
        fetch_url("https://news.example/a", resolve=resolve, transport=transport(routes))


def test_oversized_bodies_are_refused_while_streaming():
    routes = {"https://news.example/big": httpx.Response(200, content=b"x" * 5000)}
    with pytest.raises(UrlRefusedError, match="over the 1000 bytes limit"):
        fetch_url("https://news.example/big", resolve=resolve, transport=transport(routes),
                  max_bytes=1000)


def test_http_errors_and_network_errors_are_refusals():
    routes = {"https://news.example/gone": httpx.Response(404)}
    with pytest.raises(UrlRefusedError, match="HTTP 404"):
        fetch_url("https://news.example/gone", resolve=resolve, transport=transport(routes))

    def fail(request):
        raise httpx.ConnectTimeout("too slow", request=request)
    with pytest.raises(UrlRefusedError, match="no answer within"):
        fetch_url("https://news.example/slow", resolve=resolve, transport=httpx.MockTransport(fail))
