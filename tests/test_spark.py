"""The Spark job in local mode stores what `kronika ingest` stores from the same files.

A small WARC (HTML responses, a text resource, a 404, a damaged tail) and a JSONL file (with one
line that is not JSON) are generated here; the job's Parquet tables are compared with a store
filled by the ingest path (`Ingestor`, near-duplicate search off: the Spark job has none yet).
"""

from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

pyspark = pytest.importorskip("pyspark", reason="pyspark is not installed (pip install 'kronika[spark]')")
if shutil.which("java") is None:
    pytest.skip("Spark needs Java on PATH; install a JDK (17) to run these tests",
                allow_module_level=True)

from warcio.statusandheaders import StatusAndHeaders  # noqa: E402
from warcio.warcwriter import WARCWriter  # noqa: E402

from kronika.ingest import Ingestor, iter_items  # noqa: E402
from kronika.spark import run, session  # noqa: E402
from kronika.store import Store  # noqa: E402

ARTICLES = [
    ("2022-05-13", "Austin and Shoigu talk",
     "US Secretary of Defense Lloyd Austin held talks with Russian Defense Minister Sergei "
     "Shoigu on May 13. Austin tried several times to contact Shoigu in March, but to no avail."),
    ("2022-05-10", "Biden calls Zelensky",
     "Joe Biden spoke with Volodymyr Zelensky by phone on May 10. The two leaders discussed aid."),
    ("2021-08-06", "Putin meets Erdogan",
     "Vladimir Putin met Recep Tayyip Erdogan in Sochi on August 5, 2021."),
]


def _page(title: str, text: str) -> bytes:
    return (f"<html><head><title>{title}</title></head><body><nav>Home | World | Sport</nav>"
            f"<article><h1>{title}</h1><p>{text}</p></article>"
            f"<footer>© News site. All rights reserved.</footer></body></html>").encode()


def _warc(path: Path, damaged_tail: bool) -> None:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=True)
    for i, (_, title, text) in enumerate(ARTICLES):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                                protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(
            f"https://news.example/{i}", "response", payload=io.BytesIO(_page(title, text)),
            http_headers=http))
    http = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record(
        "https://news.example/missing", "response", payload=io.BytesIO(b"<html>gone</html>"),
        http_headers=http))
    writer.write_record(writer.create_warc_record(
        "https://news.example/note.txt", "resource",
        payload=io.BytesIO(b"Scholz phoned Putin on May 13, 2022."),
        warc_content_type="text/plain"))
    data = buf.getvalue()
    if damaged_tail:
        data += gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 999\r\n\r\nshort")
    path.write_bytes(data)


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> list[str]:
    folder = tmp_path_factory.mktemp("spark-in")
    _warc(folder / "crawl.warc.gz", damaged_tail=True)
    lines = [json.dumps({"text": text, "title": title, "published": pub, "url": f"https://j/{i}"})
             for i, (pub, title, text) in enumerate(ARTICLES)]
    lines.insert(1, "{not json")
    lines.append(lines[0])  # the same document twice is stored once
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [str(folder / "crawl.warc.gz"), str(folder / "feed.jsonl")]


@pytest.fixture(scope="module")
def tables(inputs, tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("spark-out")
    spark = session("local[2]", "kronika-test")
    try:
        counts = run(spark, inputs, str(out), partitions=3)
        read = {name: [r.asDict() for r in spark.read.parquet(str(out / name)).collect()]
                for name in ("documents", "events", "entries", "timeline", "failures")}
    finally:
        spark.stop()
    return {"counts": counts, "out": out, **read}


@pytest.fixture(scope="module")
def ingested(inputs, tmp_path_factory) -> dict:
    """What `kronika ingest` stores from the same files, read back like the Spark tables."""
    db = tmp_path_factory.mktemp("ingest") / "k.duckdb"
    with Store(db) as store:
        outcomes = list(Ingestor(store, near=False).run(iter_items(inputs)))
        con = store._con
        docs = {r[0]: r for r in con.execute(
            "SELECT id, published, language, uri FROM documents").fetchall()}
        events = {(d, i, t, s, e, la, js) for d, i, t, s, e, la, js in con.execute(
            "SELECT doc_id, id, type, status, earliest, latest, json FROM events").fetchall()}
    return {"outcomes": outcomes, "docs": docs, "events": events}


def test_the_job_writes_every_table_partitioned_by_month(tables):
    assert set(tables["counts"]) == {"documents", "events", "entries", "timeline", "conflicts",
                                     "failures"}
    months = {p.name for p in (tables["out"] / "documents").iterdir() if p.is_dir()}
    assert "month=2022-05" in months and "month=2021-08" in months
    assert all(r["month"] for r in tables["events"])


def test_documents_and_events_equal_what_ingest_stores(tables, ingested):
    assert {r["id"] for r in tables["documents"]} == set(ingested["docs"])
    got_events = {(e["doc_id"], e["id"], e["type"], e["status"], e["earliest"], e["latest"],
                   e["json"]) for e in tables["events"]}
    assert got_events == ingested["events"]
    assert any(t == "CONSULT" for _, _, t, *_ in got_events)
    failed = sorted(o.status for o in ingested["outcomes"] if o.status in ("failed", "skipped"))
    assert sorted(f["status"] for f in tables["failures"]) == failed


def test_the_corpus_timeline_equals_merging_on_one_machine(tables, ingested):
    from kronika.document import event_from_dict
    from kronika.timeline.corpus import Sourced, merge_across

    items = [Sourced(event_from_dict(json.loads(js)), d, *ingested["docs"][d][1:])
             for d, *_, js in ingested["events"]]
    entries, _ = merge_across(items)
    want = {e.id: json.dumps(e.to_dict(), ensure_ascii=False, sort_keys=True) for e in entries}
    got = {r["id"]: r["json"] for r in tables["timeline"]}
    assert got == want
    # the same talk read from the page and from the JSON line is one entry with two sources
    assert any(json.loads(js)["n_sources"] >= 2 for js in got.values())


def test_the_same_bytes_are_one_document(tables):
    ids = [r["id"] for r in tables["documents"]]
    assert len(ids) == len(set(ids)) == 2 * len(ARTICLES) + 1  # 3 pages, 3 lines, 1 resource


def test_nothing_is_lost_every_bad_part_is_a_failure_with_a_reason(tables):
    reasons = " | ".join(f["error"] for f in tables["failures"])
    assert "404" in reasons
    assert "not a JSON object" in reasons
    assert "corrupt" in reasons.lower() or "damaged" in reasons.lower() or "broken" in reasons


def test_a_path_of_unknown_kind_is_refused_before_spark_starts():
    from kronika.errors import UsageError
    from kronika.spark.job import kind_of

    with pytest.raises(UsageError, match="reads .warc"):
        kind_of("articles.txt")
