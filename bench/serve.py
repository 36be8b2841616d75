"""`make bench-serve`: a bounded load test of `kronika serve` on 127.0.0.1.

The server runs in its own process (uvicorn, one worker) over a temporary store holding the
bundled example article; a thread pool of CONCURRENCY clients sends requests for DURATION_S per
route. Baseline in the same run: `/api/health`, which touches neither the store nor the pipeline;
each route's throughput is reported as a ratio of it, with p50 and p99 latency.
"""

from __future__ import annotations

import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from importlib import resources
from pathlib import Path

import httpx

CONCURRENCY = 8      # client threads; re-run the benchmark if changed
DURATION_S = 5.0     # per route


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def hammer(url: str, headers: dict | None = None,
           duration: float = DURATION_S) -> tuple[int, list[float], int]:
    latencies: list[float] = []
    errors = 0
    stop = time.monotonic() + duration
    lock = threading.Lock()

    def work() -> None:
        nonlocal errors
        with httpx.Client(timeout=10) as client:
            while time.monotonic() < stop:
                t0 = time.perf_counter()
                r = client.get(url, headers=headers)
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    errors += r.status_code >= 400

    threads = [threading.Thread(target=work) for _ in range(CONCURRENCY)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return len(latencies), latencies, errors


def main() -> int:
    from kronika import process
    from kronika.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "bench.duckdb"
        raw = resources.files("kronika.data").joinpath(
            "examples/rbc-2022-05-13-shoigu-austin.en.txt").read_bytes()
        doc = process(raw, published="2022-05-13", lang="en")
        with Store(db) as s:
            s.add(doc)
        port = free_port()
        env = {**os.environ, "KRONIKA_TOKEN": ""}
        server = subprocess.Popen([sys.executable, "-m", "kronika", "serve", "--db", str(db),
                                   "--port", str(port)], env=env, stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(200):
                try:
                    httpx.get(base + "/api/health", timeout=1)
                    break
                except httpx.TransportError:
                    time.sleep(0.05)
            etag = httpx.get(base + "/api/timeline").headers["etag"]
            routes = [("/api/health (baseline)", "/api/health", None),
                      ("/api/timeline", "/api/timeline", None),
                      ("/api/timeline, If-None-Match → 304", "/api/timeline",
                       {"If-None-Match": etag}),
                      ("/api/timeline?actor=Austin&q=contact",
                       "/api/timeline?actor=Austin&q=contact", None),
                      ("/api/documents/{id}", f"/api/documents/{doc.id}", None)]
            print(f"kronika serve, 1 worker, {CONCURRENCY} client threads, {DURATION_S:.0f} s "
                  f"per route, {os.cpu_count()} CPUs (clients share them)")
            print(f"{'route':44} {'req/s':>8} {'vs base':>8} {'p50 ms':>8} {'p99 ms':>8} "
                  f"{'errors':>7}")
            base_rate = None
            for _, path, headers in routes:  # warm up: caches, connections, the snapshot
                hammer(base + path, headers, duration=0.5)
            for name, path, headers in routes:
                n, lat, errors = hammer(base + path, headers)
                rate = n / DURATION_S
                base_rate = base_rate or rate
                q = statistics.quantiles(lat, n=100)
                print(f"{name:44} {rate:8.0f} {rate / base_rate:8.2f} {q[49] * 1000:8.1f} "
                      f"{q[98] * 1000:8.1f} {errors:7d}")
        finally:
            server.terminate()
            server.wait(10)
    return 0


if __name__ == "__main__":
    sys.exit(main())
