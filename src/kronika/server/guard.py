"""The ASGI layer in front of every route: security headers, token check, request size cap.

- Every response gets a strict Content-Security-Policy (only this origin's scripts, styles and
  fetches; no inline script, no frames, no plugins), `nosniff`, `no-referrer` and DENY framing.
- With a token, every route except `/api/health` needs `Authorization: Bearer TOKEN` or HTTP
  Basic with the token as password (any user name; browsers ask for it themselves). Tokens are
  compared in constant time, never read from the query string (which access logs record) and
  never logged.
- Request bodies are read up to `max_body` bytes; a larger body (announced or streamed) is
  answered 413 before any route sees it.
- The Host header must name this server (`hosts`; by default the loopback names), so a web page
  whose domain re-resolves to 127.0.0.1 (DNS rebinding) cannot read the API; and a POST whose
  `Origin` is another site is refused (403), so no page can add articles through the browser.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from kronika.server.problems import MEDIA_TYPE

CSP = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
OPEN_PATHS = frozenset({"/api/health"})
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def token_matches(header: str | None, token: str) -> bool:
    """Whether an Authorization header carries `token` (Bearer, or Basic with it as password)."""
    if not header:
        return False
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() == "basic":
        try:
            value = base64.b64decode(value, validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    # compare digests, so that neither the content nor the length of the token leaks in timing
    return hmac.compare_digest(hashlib.sha256(value.encode("utf-8")).digest(),
                               hashlib.sha256(token.encode("utf-8")).digest())


def host_name(host: str) -> str:
    """The name in a Host header, without the port (`[::1]:8000` → `::1`)."""
    if host.startswith("["):
        return host[1:].partition("]")[0]
    return host.rpartition(":")[0] if host.count(":") == 1 else host


class Guard:
    def __init__(self, app: ASGIApp, *, token: str | None, max_body: int,
                 hosts: frozenset[str] | None = LOCAL_HOSTS) -> None:
        self.app = app
        self.token = token
        self.max_body = max_body
        self.hosts = hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_secured(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in SECURITY_HEADERS if k not in names]
            await send(message)

        headers = {k.decode("latin-1").lower(): v.decode("latin-1")
                   for k, v in scope.get("headers", [])}
        host = headers.get("host", "")
        if self.hosts is not None and host_name(host) not in self.hosts:
            await _problem(send_secured, 400, f"this server answers to {', '.join(sorted(self.hosts))}, "
                           f"not to the host {host[:100]!r}; open it by one of those names or "
                           f"start it with --host set to the name you use")
            return
        origin = headers.get("origin")
        if scope["method"] not in ("GET", "HEAD", "OPTIONS") and origin and origin != "null" \
                and origin.partition("://")[2] != host:
            await _problem(send_secured, 403, "requests that change the store must come from "
                           "this server's own page, not from another site")
            return
        if self.token and scope["path"] not in OPEN_PATHS and not token_matches(
                headers.get("authorization"), self.token):
            await _problem(send_secured, 401, "this server needs its token: send "
                           "'Authorization: Bearer TOKEN' (or HTTP Basic with the token as "
                           "password)", [(b"www-authenticate", b'Basic realm="kronika"')])
            return
        declared = headers.get("content-length")
        if declared and declared.isdigit() and int(declared) > self.max_body:
            await _problem(send_secured, 413, self._too_large())
            return
        if scope["method"] in ("POST", "PUT", "PATCH"):
            body = bytearray()
            more = True
            while more:
                message = await receive()
                if message["type"] == "http.disconnect":
                    return
                body += message.get("body", b"")
                more = message.get("more_body", False)
                if len(body) > self.max_body:
                    await _problem(send_secured, 413, self._too_large())
                    return
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": bytes(body), "more_body": False}
                return await receive()

            await self.app(scope, replay, send_secured)
            return
        await self.app(scope, receive, send_secured)

    def _too_large(self) -> str:
        return (f"the request body is larger than the server's limit of {self.max_body} bytes; "
                f"send a smaller article or start the server with a larger --max-body")


async def _problem(send: Send, status: int, detail: str,
                   extra: list[tuple[bytes, bytes]] | None = None) -> None:
    titles = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden",
              413: "Content too large"}
    body = json.dumps({"type": "about:blank", "title": titles[status], "status": status,
                       "detail": detail}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", MEDIA_TYPE.encode()),
                            (b"content-length", str(len(body)).encode()), *(extra or [])]})
    await send({"type": "http.response.body", "body": body})
