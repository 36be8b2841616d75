"""Errors as RFC 9457 problem details (`application/problem+json`), never a stack trace.

Each kronika error keeps its stable code (`K104`) in `code`, and its message (which says how to
fix the problem) in `detail`. Unexpected exceptions are logged on the server and answered with a
generic 500 problem that reveals nothing about the code.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kronika.errors import (
    InputError,
    KronikaError,
    NotFoundError,
    StoreBusyError,
    UsageError,
)

MEDIA_TYPE = "application/problem+json"
RETRY_AFTER_S = 2
log = logging.getLogger("kronika.server")

_TITLES = {400: "Bad request", 401: "Unauthorized", 404: "Not found",
           405: "Method not allowed", 413: "Content too large", 415: "Unsupported media type",
           422: "Unprocessable content", 500: "Internal server error",
           503: "Service unavailable"}


def problem(status: int, detail: str, *, code: str | None = None, headers: dict | None = None,
            instance: str | None = None, **extra: object) -> JSONResponse:
    body: dict[str, object] = {"type": "about:blank", "title": _TITLES.get(status, "Error"),
                               "status": status, "detail": detail}
    if code:
        body["code"] = code
    if instance:
        body["instance"] = instance
    body.update(extra)
    return JSONResponse(body, status_code=status, headers=headers, media_type=MEDIA_TYPE)


def status_of(exc: KronikaError) -> int:
    if isinstance(exc, NotFoundError):
        return 404
    if isinstance(exc, UsageError):
        return 400
    if isinstance(exc, InputError):
        return 422
    if isinstance(exc, StoreBusyError):
        return 503
    return 500


def install(app: FastAPI) -> None:
    """Register the handlers that turn every error into a problem."""

    @app.exception_handler(KronikaError)
    async def kronika_error(request: Request, exc: KronikaError) -> JSONResponse:
        status = status_of(exc)
        headers = {"Retry-After": str(RETRY_AFTER_S)} if status == 503 else None
        if status == 500:
            log.error("kronika error on %s: %s", request.url.path, exc)
        return problem(status, exc.message, code=exc.code, headers=headers,
                       instance=request.url.path)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = [{"loc": list(e.get("loc", ())), "msg": e.get("msg", "")}
                  for e in exc.errors()]
        where = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in errors)
        return problem(422, f"the request does not match the API: {where}; see /openapi.json",
                       errors=errors, instance=request.url.path)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, str(exc.detail), headers=getattr(exc, "headers", None),
                       instance=request.url.path)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unexpected error on %s", request.url.path)
        return problem(500, "the server failed unexpectedly; the error is in the server log, "
                            "please report it as a kronika bug", instance=request.url.path)
