"""A real kronika server on a free port of 127.0.0.1, run by uvicorn in a thread, for tests."""

from __future__ import annotations

import socket
import threading
import time
from contextlib import contextmanager

import uvicorn

from kronika.server import create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(db, token: str | None = None):
    """Yield the base URL of a server over `db`; logs go through `logging` (caplog sees them)."""
    port = free_port()
    config = uvicorn.Config(create_app(db, token=token), host="127.0.0.1", port=port,
                            log_config=None, log_level="info", access_log=True)
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)
