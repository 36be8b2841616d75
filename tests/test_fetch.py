"""URLs: fetched from a local server the test starts, and refused where they should be."""

from __future__ import annotations

import http.server
import threading

import httpx
import pytest

from ingest_fixtures import page
from kronika.errors import FetchError, LimitError, RefusedURLError
from kronika.ingest.fetch import USER_AGENT, check_url, fetch, fetch_item
from kronika.ingest.item import Limits

LOCAL = Limits(allow_private=True, timeout=5)
PAGE = page().encode()


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 (the stdlib's name)
        if self.path == "/page":
            self._send(200, PAGE)
        elif self.path == "/agent":
            self._send(200, self.headers.get("User-Agent", "").encode())
        elif self.path == "/moved":
            self._redirect("/page")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/big":
            self._send(200, b"<p>" + b"x" * (300 << 10) + b"</p>")
        elif self.path == "/big-chunked":  # no Content-Length: the cap must hold while reading
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            for _ in range(100):
                self.wfile.write(b"y" * (10 << 10))
        else:
            self._send(404, b"not here")

    def _send(self, status, body):
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, to):
        self.send_response(302)
        self.send_header("Location", to)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args):
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        pass  # the client hangs up on purpose (size caps): not worth a traceback in the log


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetches_a_page_and_follows_a_redirect(server):
    final, body, ctype = fetch(f"{server}/moved", LOCAL)
    assert (final, body, ctype) == (f"{server}/page", PAGE, "text/html; charset=utf-8")


def test_item_from_a_url_carries_the_final_address(server):
    item = fetch_item(f"{server}/moved", LOCAL)
    assert item.error is None and item.url == f"{server}/page" and item.html is True


def test_sends_a_clear_user_agent(server):
    _, body, _ = fetch(f"{server}/agent", LOCAL)
    assert body.decode() == USER_AGENT and USER_AGENT.startswith("kronika/")


def test_loopback_is_refused_without_allow_private(server):
    with pytest.raises(RefusedURLError, match="127.0.0.1, a loopback address; pass "
                                              "--allow-private"):
        fetch(f"{server}/page", Limits())


@pytest.mark.parametrize("url", ["ftp://example.com/a", "file:///etc/passwd",
                                 "gopher://example.com/"])
def test_other_schemes_are_refused(url):
    with pytest.raises(RefusedURLError, match="only http and https"):
        check_url(url, LOCAL)


@pytest.mark.parametrize(("address", "kind"), [
    ("10.1.2.3", "private"), ("192.168.0.10", "private"), ("172.16.5.4", "private"),
    ("169.254.169.254", "link-local"), ("::1", "loopback"), ("fe80::1", "link-local"),
    ("::ffff:127.0.0.1", "loopback"), ("0.0.0.0", "private"),
])
def test_private_ranges_are_refused_after_resolution(address, kind):
    with pytest.raises(RefusedURLError, match=f"a {kind} address"):
        check_url("http://innocent-name.example/", Limits(), resolver=lambda host: [address])


def test_every_redirect_hop_is_checked():
    """A public page that redirects into the local network is refused at the hop."""
    names = {"news.example": ["93.184.216.34"], "intranet.example": ["10.0.0.5"]}

    def handler(request):
        if request.url.host == "news.example":
            return httpx.Response(302, headers={"Location": "http://intranet.example/admin"})
        return httpx.Response(200, text="secret")

    with pytest.raises(RefusedURLError, match="intranet.example resolves to 10.0.0.5"):
        fetch("http://news.example/story", Limits(), resolver=names.__getitem__,
              transport=httpx.MockTransport(handler))


def test_redirect_limit(server):
    with pytest.raises(FetchError, match=r"more than 2 redirects \(--max-redirects\)"):
        fetch(f"{server}/loop", Limits(allow_private=True, max_redirects=2))


@pytest.mark.parametrize("path", ["/big", "/big-chunked"])
def test_size_cap_names_the_limit(server, path):
    with pytest.raises(LimitError, match=r"256 KB limit \(--max-bytes\)"):
        fetch(f"{server}{path}", Limits(allow_private=True, max_bytes=256 << 10))


def test_http_error_status(server):
    with pytest.raises(FetchError, match="HTTP 404"):
        fetch(f"{server}/nothing", LOCAL)


def test_cli_ingests_a_url_and_refuses_it_without_allow_private(server, tmp_path):
    from test_cli import run

    ok = run("ingest", f"{server}/page", "--allow-private", "--db", tmp_path / "k.duckdb")
    assert ok.returncode == 0 and "1 stored" in ok.stderr, ok.stderr
    refused = run("ingest", f"{server}/page", "--db", tmp_path / "k.duckdb")
    assert refused.returncode == 1
    [line] = [x for x in refused.stderr.splitlines() if "failed:" in x]
    assert "loopback address; pass --allow-private" in line
