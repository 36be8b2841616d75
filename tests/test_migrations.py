"""A store made by every earlier schema opens with this kronika, upgrades, and loses nothing."""

from __future__ import annotations

import json

import duckdb
import pytest

from kronika.document import entry_to_dict, event_to_dict
from kronika.errors import StoreError
from kronika.pipeline import Pipeline
from kronika.store import Store, migrations
from kronika.store.check import check

TEXTS = [
    "US Secretary of Defense Lloyd Austin held talks with Russian Defense Minister Sergei "
    "Shoigu on May 13.",
    "Austin tried several times to contact Shoigu in March, but to no avail.",
]


def _old_store(path, version: int) -> list[str]:
    """A store at schema `version`, filled the way that release filled it (documents, events
    and per-document entries; later tables empty)."""
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, "
                "applied_at TIMESTAMP)")
    for v, _, sql in migrations()[:version]:
        con.execute(sql)
        con.execute("INSERT INTO schema_migrations VALUES (?, now())", [v])
    ids = []
    for text in TEXTS:
        doc = Pipeline.default().process(text, published="2022-05-13", lang="en")
        ids.append(doc.id)
        con.execute("INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, now())",
                    [doc.id, None, "text", doc.title, doc.published, doc.language, doc.text,
                     doc.to_json(indent=None)])
        for i, e in enumerate(doc.events):
            con.execute("INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [e.id, doc.id, i, e.type, e.status, e.date.earliest, e.date.latest,
                         e.hedged, e.confidence, json.dumps(event_to_dict(e))])
        for i, e in enumerate(doc.timeline):
            con.execute("INSERT INTO entries VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        [e.id, doc.id, i, e.type, e.status, e.date.earliest, e.date.latest,
                         e.hedged, e.confidence, e.summary,
                         json.dumps(entry_to_dict(e))])
    con.close()
    return ids


@pytest.mark.parametrize("version", range(1, len(migrations())))
def test_every_earlier_schema_upgrades_without_loss(tmp_path, version):
    db = tmp_path / f"v{version}.duckdb"
    ids = _old_store(db, version)
    with pytest.raises(StoreError, match="open it once"):
        Store(db, read_only=True)  # a read-only open cannot upgrade, and says how to
    with Store(db) as store:
        assert store.schema_version == migrations()[-1][0]
        assert sorted(d["id"] for d in store.documents()) == sorted(ids)
        assert list(check(store)) == []
        timeline = store.timeline(actors=["Austin", "Shoigu"])
        assert {e.status for e in timeline} >= {"occurred", "attempted_failed"}
        # and the upgraded store takes new documents
        assert store.add(Pipeline.default().process(
            "Joe Biden spoke with Volodymyr Zelensky by phone on May 10.",
            published="2022-05-13", lang="en"))
