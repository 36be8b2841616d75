"""`kronika check` finds what breaks a store and is quiet on a sound one."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from kronika.cli import app
from kronika.pipeline import Pipeline
from kronika.store import Store
from kronika.store.check import check

TEXT = ("US Secretary of Defense Lloyd Austin held talks with Russian Defense Minister Sergei "
        "Shoigu on May 13. Austin tried several times to contact Shoigu, but to no avail.")


def _store(path) -> str:
    doc = Pipeline.default().process(TEXT, published="2022-05-13", lang="en")
    assert doc.events
    with Store(path) as store:
        store.add(doc)
    return doc.id


def test_a_sound_store_has_no_problems(tmp_path):
    db = tmp_path / "k.duckdb"
    _store(db)
    with Store(db, read_only=True) as store:
        assert list(check(store)) == []
    result = CliRunner().invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 0
    assert "no problems" in result.output


def test_orphan_rows_and_bad_offsets_are_reported(tmp_path):
    db = tmp_path / "k.duckdb"
    doc_id = _store(db)
    with Store(db) as store:
        con = store._con
        con.execute("INSERT INTO events SELECT id, 'gone', seq, type, status, earliest, latest, "
                    "hedged, confidence, json FROM events WHERE doc_id = ? LIMIT 1", [doc_id])
        js = json.loads(con.execute("SELECT json FROM documents").fetchone()[0])
        js["events"][0]["evidence"]["start"] += 3
        con.execute("UPDATE documents SET json = ?", [json.dumps(js)])
    with Store(db, read_only=True) as store:
        problems = [str(p) for p in check(store)]
    assert any("gone" in p and "not stored" in p for p in problems)
    assert any("evidence" in p and "does not hold its text" in p for p in problems)
    result = CliRunner().invoke(app, ["check", "--db", str(db)])
    assert result.exit_code == 1
