"""`kronika serve` as a user starts it: loopback by default and says so, token from the
environment, one clear line when the store is held by another process."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time

import httpx

from kronika.store import Store
from livesite import free_port


def test_serve_binds_to_loopback_and_says_so(tmp_path):
    db = tmp_path / "k.duckdb"
    port = free_port()
    env = {**os.environ, "KRONIKA_TOKEN": "env-token-123"}
    server = subprocess.Popen([sys.executable, "-m", "kronika", "serve", "--db", str(db),
                               "--port", str(port)], env=env, stderr=subprocess.PIPE, text=True)
    try:
        first = server.stderr.readline()
        assert f"http://127.0.0.1:{port}/" in first and "this machine only" in first
        assert "token required" in first and "env-token-123" not in first
        for _ in range(200):
            try:
                assert httpx.get(f"http://127.0.0.1:{port}/api/health").status_code == 200
                break
            except httpx.TransportError:
                time.sleep(0.05)
        assert httpx.get(f"http://127.0.0.1:{port}/api/timeline").status_code == 401
        ok = httpx.get(f"http://127.0.0.1:{port}/api/timeline",
                       headers={"Authorization": "Bearer env-token-123"})
        assert ok.status_code == 200 and ok.json()["total"] == 0
    finally:
        server.terminate()
        _, rest = server.communicate(timeout=10)
    assert "env-token-123" not in rest


def test_serve_on_a_locked_store_fails_with_one_line(tmp_path):
    db = tmp_path / "k.duckdb"
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import duckdb, sys
        con = duckdb.connect({str(db)!r})
        print("locked", flush=True)
        sys.stdin.read()
    """)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "locked"
        r = subprocess.run([sys.executable, "-m", "kronika", "serve", "--db", str(db), "--port",
                            str(free_port())], capture_output=True, text=True, timeout=60)
    finally:
        holder.communicate("")
    assert r.returncode == 1
    assert "[K601]" in r.stderr and "in use by another process" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
