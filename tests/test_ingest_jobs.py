"""Ingest on several cores gives what one core gives; a batch killed mid-way resumes cleanly."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest_fixtures import STORY_RU, page
from kronika.ingest import Ingestor, iter_items
from kronika.store import Store
from kronika.store.check import check

SENTENCES = [
    "Joe Biden spoke with Volodymyr Zelensky by phone on May {d}.",
    "Austin tried several times to contact Shoigu on May {d}, but to no avail.",
    "Vladimir Putin met Recep Tayyip Erdogan in Sochi on August {d}, 2021.",
]


VOCABULARY = ["harbour", "council", "budget", "railway", "festival", "museum", "river", "election", "vaccine", "bridge", "drought", "orchestra", "satellite", "parliament", "wheat", "factory", "glacier", "court", "airline", "library", "strike", "tunnel", "forest", "market", "stadium", "pension", "reactor", "ferry", "census", "vineyard"]


def _filler(seed: int) -> str:
    """Sentences different enough per page that no two pages are near-duplicates."""
    rng = random.Random(seed)
    return " ".join(f"The {rng.choice(VOCABULARY)} and the {rng.choice(VOCABULARY)} of "
                    f"{rng.choice(VOCABULARY)} were discussed for {rng.randint(2, 99)} minutes."
                    for _ in range(8))


def _folder(root: Path, n: int = 12) -> Path:
    root.mkdir()
    for i in range(n):
        body = SENTENCES[i % 3].format(d=i % 28 + 1) + " " + _filler(i)
        (root / f"p{i:02d}.html").write_text(page(f"Story {i}", body), encoding="utf-8")
    (root / "ru.html").write_text(page("Разговор", STORY_RU, lang="ru"), encoding="utf-8")
    (root / "copy.html").write_text((root / "p00.html").read_text(encoding="utf-8"),
                                    encoding="utf-8")  # the same bytes again
    (root / "empty.txt").write_text("", encoding="utf-8")
    (root / "binary.txt").write_bytes(b"\x00\x01\x02" * 50)
    return root


def _ingest(folder: Path, db: Path, jobs: int) -> list[dict]:
    with Store(db) as store:
        ingestor = Ingestor(store, published=None)
        return [o.to_dict() for o in ingestor.run(iter_items([str(folder)]), jobs=jobs)]


def _tables(db: Path) -> dict:
    with Store(db, read_only=True) as store:
        con = store._con
        return {t: sorted(con.execute(f"SELECT * EXCLUDE (json) FROM {t} "
                                      f"ORDER BY ALL").fetchall())
                for t in ("events", "entries")} | {
            "documents": sorted(r[0] for r in con.execute("SELECT id FROM documents").fetchall()),
            "events_json": sorted(r[0] for r in con.execute("SELECT json FROM events").fetchall()),
        }


def test_two_cores_store_exactly_what_one_core_stores(tmp_path):
    folder = _folder(tmp_path / "in")
    one = _ingest(folder, tmp_path / "one.duckdb", jobs=1)
    two = _ingest(folder, tmp_path / "two.duckdb", jobs=2)
    def gist(outcomes):  # a copy may be caught by its bytes or by its text: both say "of X"
        return [(o["input"], o["status"], o.get("doc_id"), o.get("duplicate_of"))
                for o in outcomes]

    assert gist(two) == gist(one)  # the same outcomes, in the same order
    statuses = [o["status"] for o in one]
    assert statuses.count("stored") == 13 and "duplicate" in statuses
    assert "failed" in statuses or "skipped" in statuses
    assert _tables(tmp_path / "one.duckdb") == _tables(tmp_path / "two.duckdb")


def test_the_cli_reports_the_rate_and_takes_jobs(tmp_path):
    from typer.testing import CliRunner

    from kronika.cli import app

    folder = _folder(tmp_path / "in", n=3)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "k.duckdb"),
                                      "--jobs", "2", "--time-limit", "30"])
    assert "4 stored" in result.output, result.output
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "k.duckdb"),
                                      "--jobs", "0"])
    assert "--jobs must be 1 or more" in str(result.exception)


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_a_batch_killed_mid_way_resumes_without_duplicates_or_redone_work(tmp_path):
    folder = _folder(tmp_path / "in", n=40)
    db = tmp_path / "k.duckdb"
    cmd = [sys.executable, "-m", "kronika", "ingest", str(folder), "--db", str(db),
           "--jobs", "2", "--report", str(tmp_path / "first.jsonl")]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:  # kill once some documents are stored, not all
        time.sleep(0.2)
        report = tmp_path / "first.jsonl"
        if report.exists() and report.read_text(encoding="utf-8").count('"stored"') >= 5:
            break
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    with Store(db) as store:  # the store opens, and is consistent
        assert list(check(store)) == []
        before = store._con.execute("SELECT count(*) FROM documents").fetchone()[0]
    assert 0 < before < 41, "the kill should land in the middle of the batch"
    second = tmp_path / "second.jsonl"
    subprocess.run([*cmd[:-1], str(second)], check=False, capture_output=True, timeout=300)
    outcomes = [json.loads(line) for line in second.read_text(encoding="utf-8").splitlines()]
    done_before = (tmp_path / "first.jsonl").read_text(encoding="utf-8").splitlines()
    known = [o for o in outcomes if o["status"] == "duplicate" and o.get("similarity") == 1.0]
    # the second run resumes the first: it does only what the first had not done
    assert len(outcomes) <= 44 - len(done_before)  # 41 documents, a copy, two unreadable
    assert not {o["input"] for o in outcomes} & {json.loads(x)["input"] for x in done_before}
    assert not known  # nothing the first part stored comes back as a duplicate of itself
    with Store(db, read_only=True) as store:
        assert list(check(store)) == []
        n = store._con.execute("SELECT count(*), count(DISTINCT id) FROM documents").fetchone()
        runs = store._con.execute("SELECT count(*), count(finished_at) FROM ingest_runs"
                                  ).fetchone()
        items = store._con.execute("SELECT count(*), count(DISTINCT input), "
                                   "count(*) FILTER (WHERE status = 'stored') "
                                   "FROM ingest_run_items").fetchone()
    assert n == (41, 41)
    assert runs == (1, 1)  # one run, resumed and finished
    assert items == (44, 44, 41)  # every input done once, in the store's record of the run
