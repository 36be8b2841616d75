"""kronika's HTTP API and web timeline page (FastAPI, served by uvicorn with `kronika serve`).

    from kronika.server import create_app
    app = create_app("news.duckdb", token="s3cret")       # then: uvicorn.run(app)

Modules: `app` (routes), `views` (JSON answers from a snapshot), `access` (open-per-request
store access and the read snapshot), `guard` (token, host and origin checks, security headers,
request size cap), `problems` (RFC 9457 errors), `uploads` (where uploaded files go), `fetch`
(URL fetching that refuses private addresses), `static/` (the page: hand-written HTML, CSS and
JavaScript).
"""

from kronika.server.app import MAX_BODY, create_app
from kronika.server.fetch import fetch_url

__all__ = ["DEFAULT_HOST", "DEFAULT_PORT", "MAX_BODY", "create_app", "fetch_url"]

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
