"""The routes of the HTTP API and the web page; `create_app` builds the FastAPI application.

JSON follows CONTRACT.md: a document is `kronika.document/1`, a timeline item is an ENTRY plus
`document` (the id of the document it was read from), `quad` (its PLOVER quad class) and
`shape` (how to draw its date). Lists are pages `{"items", "total", "limit", "offset", "next"}`
in a stable order; every JSON answer carries an ETag and answers `If-None-Match` with 304.
Errors are problem details (problems.py). Routes are thin: `views` shapes the answers,
`uploads` places files, `access` reads the store.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import FastAPI, Query, Request, Response
from fastapi.responses import FileResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from kronika import __version__
from kronika.dates import parse_date
from kronika.document import (
    DATE_BASES,
    NOISE_KINDS,
    PLOVER_TYPES,
    STATUSES,
)
from kronika.errors import NotFoundError, UnsupportedLanguageError, UsageError
from kronika.pipeline import Pipeline
from kronika.plover import quads
from kronika.server import problems
from kronika.server.access import StoreAccess
from kronika.server.fetch import fetch_url
from kronika.server.guard import LOCAL_HOSTS, Guard
from kronika.server.uploads import keep_upload, safe_name
from kronika.server.views import actor_key, detail, entry_item, select_rows

STATIC = Path(__file__).parent / "static"
MAX_BODY = 10_000_000
DEFAULT_LIMIT = 100
MAX_LIMIT = 1000
LANGS = ("en", "ru", "auto")

Fetcher = Callable[[str], tuple[bytes, str]]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="items per page")]
Offset = Annotated[int, Query(ge=0, description="items to skip")]
Many = Annotated[list[str] | None, Query()]


def create_app(store_path: str | Path, token: str | None = None, *, max_body: int = MAX_BODY,
               hosts: Iterable[str] | None = LOCAL_HOSTS, fetch: Fetcher = fetch_url,
               pipeline: Pipeline | None = None, watcher=None) -> FastAPI:
    """The kronika web application over one store file.

    `token` (if given) is required by every route but `/api/health`; `hosts` are the names the
    server answers to in the Host header (None: any; the default is the loopback names);
    `fetch` turns a URL into (bytes, final URL) for `POST /api/documents {"url": ...}`;
    `pipeline` defaults to `Pipeline.default()`, built on the first article posted;
    `watcher` (a `kronika.watch.Watcher`) runs in a thread while the server runs, writing
    through the server's store access.
    """
    access = StoreAccess(store_path)
    app = FastAPI(title="kronika", version=__version__, docs_url=None, redoc_url=None,
                  lifespan=_watching(watcher, access),
                  description="News articles in, a dated, sourced timeline of events out. "
                              "Send the token as `Authorization: Bearer TOKEN` when the server "
                              "has one.")
    app.state.access = access
    problems.install(app)
    app.add_middleware(Guard, token=token, max_body=max_body,
                       hosts=None if hosts is None else frozenset(hosts))
    api = _Api(access, fetch, pipeline)

    app.get("/api/health", tags=["meta"])(api.health)
    app.get("/api/vocabulary", tags=["meta"])(api.vocabulary)
    app.get("/api/documents", tags=["documents"])(api.list_documents)
    app.post("/api/documents", tags=["documents"], status_code=201,
             openapi_extra=_POST_DOCUMENT_BODY)(api.post_document)
    app.get("/api/documents/{doc_id}", tags=["documents"])(api.get_document)
    app.get("/api/timeline", tags=["timeline"])(api.timeline)
    app.get("/api/story", tags=["timeline"])(api.story)
    app.get("/api/entries/{entry_id}", tags=["timeline"])(api.get_entry)
    app.get("/api/actors", tags=["timeline"])(api.actors)
    app.get("/api/query/last", tags=["timeline"])(api.query_last)
    app.get("/alerts.atom", tags=["alerts"], response_class=Response)(api.alerts_atom)

    @app.get("/", include_in_schema=False)
    def index() -> FileResponse:
        return FileResponse(STATIC / "index.html")

    @app.get("/docs", include_in_schema=False)
    def docs() -> FileResponse:
        return FileResponse(STATIC / "docs.html")

    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app


class _Api:
    def __init__(self, access: StoreAccess, fetch: Fetcher, pipeline: Pipeline | None) -> None:
        self.access = access
        self.fetch = fetch
        self._pipeline = pipeline

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            from kronika import default_pipeline

            self._pipeline = default_pipeline()
        return self._pipeline

    # meta ------------------------------------------------------------------------------------

    def health(self) -> dict:
        """Liveness: answers without a token and without touching the store."""
        return {"status": "ok", "version": __version__}

    def vocabulary(self, request: Request) -> Response:
        """The closed lists the API uses: PLOVER types and quads (with colours), statuses, ..."""
        return _json(request, {"types": list(PLOVER_TYPES), "statuses": list(STATUSES),
                               "quads": list(quads()), "date_bases": list(DATE_BASES),
                               "noise_kinds": list(NOISE_KINDS), "languages": list(LANGS)})

    # documents -------------------------------------------------------------------------------

    def list_documents(self, request: Request, limit: Limit = DEFAULT_LIMIT,
                       offset: Offset = 0) -> Response:
        """Stored documents (id, title, published, language, uri, counts), oldest first."""
        docs = self.access.snapshot().documents
        return _json(request, _page(request, list(docs), limit, offset))

    def get_document(self, request: Request, doc_id: str) -> Response:
        """One stored document as kronika.document/1 JSON."""
        snap = self.access.snapshot()
        if not any(d["id"] == doc_id for d in snap.documents):
            raise NotFoundError(f"no document {doc_id!r} in the store; list them at "
                                f"/api/documents")
        return _json(request, self.access.document(doc_id))

    async def post_document(self, request: Request, response: Response) -> dict:
        """Process an article and store it: JSON `{"text"|"html"|"url", "published", "lang",
        "title"}` or a multipart form with `file` (and the same optional fields)."""
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype == "application/json":
            try:
                body = json.loads(await request.body())
            except (ValueError, UnicodeDecodeError) as e:
                raise UsageError(f"the body is not valid JSON ({e}); send "
                                 f'{{"text": "..."}}') from e
            if not isinstance(body, dict):
                raise UsageError('the JSON body must be an object such as {"text": "..."}')
            fields, upload = body, None
        elif ctype in ("multipart/form-data", "application/x-www-form-urlencoded"):
            form = await request.form(max_files=1, max_fields=10)
            fields = {k: v for k, v in form.items() if isinstance(v, str)}
            file = form.get("file")
            upload = (file.filename or "", await file.read()) if file and not isinstance(
                file, str) else None
        else:
            raise UsageError(f"send application/json or multipart/form-data, not "
                             f"{ctype or 'no content type'}")
        doc, stored = await run_in_threadpool(self._ingest, fields, upload)
        response.status_code = 201 if stored else 200
        response.headers["Location"] = f"/api/documents/{doc.id}"
        return {"id": doc.id, "stored": stored, "title": doc.title,
                "published": doc.published and doc.published.isoformat(),
                "language": doc.language, "events": len(doc.events),
                "entries": len(doc.timeline), "url": f"/api/documents/{doc.id}"}

    def _ingest(self, fields: dict[str, Any], upload: tuple[str, bytes] | None):
        given = [k for k in ("text", "html", "url") if fields.get(k)] + (["file"] if upload
                                                                          else [])
        if len(given) != 1:
            raise UsageError(f"give exactly one of text, html, url or file; got "
                             f"{', '.join(given) or 'none'}")
        published = _opt_str(fields, "published")
        lang = _opt_str(fields, "lang") or "auto"
        if lang not in LANGS:
            raise UnsupportedLanguageError(lang, LANGS[:-1])
        pub = parse_date(published, "published") if published else None
        uri = None
        if upload:
            name, raw = upload
            if not raw:
                raise UsageError("the uploaded file is empty; choose a file with an article")
            uri = f"upload:{safe_name(name)}"
            keep_upload(self.access.folder, hashlib.sha256(raw).hexdigest(), name, raw)
        elif given[0] == "url":
            raw, uri = self.fetch(str(fields["url"]))
        else:
            value = fields[given[0]]
            if not isinstance(value, str):
                raise UsageError(f"{given[0]} must be a string")
            raw = value.encode("utf-8")
        doc = self.pipeline.process(raw, published=pub, lang=None if lang == "auto" else lang,
                                    title=_opt_str(fields, "title"), uri=uri)
        with self.access.write() as store:
            stored = store.add(doc)
        return doc, stored

    # timeline --------------------------------------------------------------------------------

    def timeline(self, request: Request, actor: Many = None, type: Many = None,
                 status: Many = None, after: str | None = None, before: str | None = None,
                 first: int | None = Query(None, ge=1), last: int | None = Query(None, ge=1),
                 q: str | None = Query(None, description="words in the summary, actors or "
                                                         "evidence"),
                 place: Many = None, country: Many = None,
                 bbox: str | None = Query(None, description="west,south,east,north in degrees"),
                 limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Response:
        """Timeline entries with the CLI's filters (every `actor` must take part; `after` and
        `before` are exclusive; `place`, `country` and `bbox` filter by where it happened),
        ordered by date; plus `q` to search."""
        snap = self.access.snapshot()
        rows = select_rows(snap, actor, type, status, after, before, first, last, q,
                           places=place, countries=country, bbox=bbox)
        items = [entry_item(doc_id, e) for doc_id, e in rows]
        return _json(request, _page(request, items, limit, offset))

    def story(self, request: Request, actor: Many = None, type: Many = None,
              status: Many = None, after: str | None = None, before: str | None = None,
              first: int | None = Query(None, ge=1), last: int | None = Query(None, ge=1),
              limit: Limit = DEFAULT_LIMIT, offset: Offset = 0) -> Response:
        """The corpus timeline, as `kronika timeline --format json` gives it: each entry merges
        the reports of one event across documents and languages, with all their evidence
        (`/api/timeline` lists each document's own entries)."""
        from kronika.dates import parse_date

        with self.access.read() as store:
            entries = store.timeline(
                actors=actor or [], types=type or [], statuses=status or [],
                after=parse_date(after, "after") if after else None,
                before=parse_date(before, "before") if before else None, first=first, last=last)
        return _json(request, _page(request, [e.to_dict() for e in entries], limit, offset))

    def get_entry(self, request: Request, entry_id: str,
                  document: str | None = Query(None, description="the document id, when "
                                                                 "entry ids repeat")) -> Response:
        """One entry with every piece of evidence (event, sentence, attribution, date basis) and
        the entries that may contradict it."""
        snap = self.access.snapshot()
        for doc_id, e in snap.entries:
            if e.id == entry_id and document in (None, doc_id):
                return _json(request, detail(snap, doc_id, e))
        raise NotFoundError(f"no timeline entry {entry_id!r}; list them at /api/timeline")

    def actors(self, request: Request, limit: Limit = DEFAULT_LIMIT,
               offset: Offset = 0) -> Response:
        """Every canonical actor on the timeline with its number of entries, most active first."""
        count: Counter[str] = Counter()
        info: dict[str, dict] = {}
        for _, e in self.access.snapshot().entries:
            for a in {actor_key(a): a for a in (*e.sources, *e.targets)}.values():
                k = actor_key(a)
                count[k] += 1
                info.setdefault(k, {"name": a.name, "id": a.id, "country": a.country,
                                    "role": a.role, "kind": a.kind, "texts": []})
                if a.text not in info[k]["texts"]:
                    info[k]["texts"].append(a.text)
        items = [{**info[k], "entries": n}
                 for k, n in sorted(count.items(), key=lambda kv: (-kv[1], info[kv[0]]["name"]))]
        return _json(request, _page(request, items, limit, offset))

    def query_last(self, request: Request, actor: Many = None, type: Many = None,
                   status: Many = None, after: str | None = None,
                   before: str | None = None, place: Many = None, country: Many = None,
                   bbox: str | None = None) -> Response:
        """The latest entry the filters pick (like `kronika timeline --last 1`), with evidence;
        `{"entry": null}` when none does."""
        snap = self.access.snapshot()
        rows = select_rows(snap, actor, type, status, after, before, None, 1, None,
                           places=place, countries=country, bbox=bbox)
        if not rows:
            return _json(request, {"entry": None, "evidence": [], "conflicts": []})
        return _json(request, detail(snap, *rows[0]))


    # alerts ----------------------------------------------------------------------------------

    def alerts_atom(self, request: Request,
                    limit: int = Query(100, ge=1, le=MAX_LIMIT)) -> Response:
        """The alerts of `kronika watch` as an Atom feed, newest first: each with its entry,
        evidence, and a link to the entry on the web page."""
        from kronika.watch.channels import atom
        from kronika.watch.state import alerts

        with self.access.read() as store:
            found = alerts(store, limit)
        body = atom(found, self_url=str(request.url))
        etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
        headers = {"ETag": etag, "Cache-Control": "no-cache"}
        if etag in request.headers.get("if-none-match", ""):
            return Response(status_code=304, headers=headers)
        return Response(body, media_type="application/atom+xml", headers=headers)


def _watching(watcher, access: StoreAccess):
    """The app's lifespan: run `watcher` in a thread, writing through `access`."""
    import threading
    from contextlib import asynccontextmanager

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        if watcher is None:
            yield
            return
        watcher.open_store = access.write
        stop = threading.Event()
        thread = threading.Thread(target=watcher.run, args=(stop,), name="kronika-watch",
                                  daemon=True)
        app.state.watcher = watcher
        thread.start()
        try:
            yield
        finally:
            stop.set()
            thread.join(timeout=30)
            watcher.close()

    return lifespan


# helpers ------------------------------------------------------------------------------------


def _opt_str(fields: dict[str, Any], key: str) -> str | None:
    v = fields.get(key)
    if v is None or v == "":
        return None
    if not isinstance(v, str):
        raise UsageError(f"{key} must be a string")
    return v.strip()


def _page(request: Request, items: list, limit: int, offset: int) -> dict:
    nxt = None
    if offset + limit < len(items):
        params = [(k, v) for k, v in request.query_params.multi_items()
                  if k not in ("limit", "offset")]
        nxt = f"{request.url.path}?{urlencode([*params, ('limit', limit), ('offset', offset + limit)])}"
    return {"items": items[offset:offset + limit], "total": len(items), "limit": limit,
            "offset": offset, "next": nxt}


def _json(request: Request, payload: Any) -> Response:
    """JSON with a strong ETag over its bytes; 304 when the client has it already."""
    body = json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    etag = '"' + hashlib.sha256(body).hexdigest()[:32] + '"'
    headers = {"ETag": etag, "Cache-Control": "no-cache"}
    seen = request.headers.get("if-none-match", "")
    if etag in {t.strip().removeprefix("W/") for t in seen.split(",")} or seen.strip() == "*":
        return Response(status_code=304, headers=headers)
    return Response(body, media_type="application/json", headers=headers)


_POST_DOCUMENT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": {
                "type": "object",
                "properties": {
                    "text": {"type": "string", "description": "the article as plain text"},
                    "html": {"type": "string", "description": "the article page as HTML"},
                    "url": {"type": "string", "description": "a public http(s) URL to fetch"},
                    "published": {"type": "string", "format": "date"},
                    "lang": {"type": "string", "enum": list(LANGS)},
                    "title": {"type": "string"},
                },
            }},
            "multipart/form-data": {"schema": {
                "type": "object",
                "properties": {
                    "file": {"type": "string", "format": "binary"},
                    "published": {"type": "string", "format": "date"},
                    "lang": {"type": "string", "enum": list(LANGS)},
                    "title": {"type": "string"},
                },
            }},
        },
    },
}
