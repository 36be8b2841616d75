"""The kronika pipeline as a PySpark job: inputs in, Parquet tables out.

Each Spark task reads its share of the inputs with the readers of `kronika ingest`
(`kronika.ingest`: the same items, ids, caps and error messages), loads the pipeline once per
Python worker, and turns every item into a row holding the document and its events and entries. The rows are written as three Parquet tables, `documents`, `events` and `entries`,
partitioned by month (`YYYY-MM` of the publication date for documents, of the earliest date for
events and entries, `undated` otherwise), plus `failures`: every input part that could not be
processed, with the reason. The same bytes give the same document id, so a document that appears
twice is written once. A second, distributed step merges the events of all documents into
the corpus timeline (`timeline`, partitioned by month, and `conflicts`; see `merge.py`).

    spark-submit --master yarn "$(python -c 'import kronika.spark.job as j; print(j.__file__)')" \\
        /mnt/crawl/*.warc.gz --out s3a://bucket/kronika/
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from kronika import default_pipeline
from kronika.document import Document, entry_to_dict, event_to_dict
from kronika.errors import KronikaError, UsageError
from kronika.ingest import Fields, Item, analyse, read_document
from kronika.ingest.jsonl import from_object
from kronika.ingest.outcome import Outcome
from kronika.ingest.sources import read_path

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

TABLES = ("documents", "events", "entries", "timeline", "conflicts", "failures")
UNDATED = "undated"
JSONL_SUFFIXES = (".jsonl", ".json", ".jsonl.gz", ".json.gz", ".ndjson")
WARC_SUFFIXES = (".warc", ".warc.gz")
PARQUET_SUFFIXES = (".parquet",)


def kind_of(path: str) -> str:
    """`jsonl`, `warc` or `parquet` by the path's ending (a folder of Parquet files ends in /)."""
    low = path.lower().rstrip("/")
    if low.endswith(WARC_SUFFIXES):
        return "warc"
    if low.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if low.endswith(PARQUET_SUFFIXES) or path.endswith("/"):
        return "parquet"
    raise UsageError(f"{path}: the Spark job reads .warc(.gz), .jsonl and .parquet inputs; "
                     f"rename the file or convert it (plain files go through `kronika ingest`)")


def process_item(item: Item, published: date | None = None,
                 lang: str | None = None) -> Document:
    """An ingest item through the whole pipeline, as `kronika ingest` does (no store)."""
    pipeline = default_pipeline()  # one per Python worker: Spark reuses workers across tasks
    return analyse(read_document(item, pipeline, published=published, lang=lang), pipeline)


def month(d: date | None) -> str:
    return d.strftime("%Y-%m") if d else UNDATED


def document_row(doc: Document, fmt: str) -> dict[str, Any]:
    """One output row: the document's columns with its events and entries nested."""
    return {
        "id": doc.id, "uri": doc.source_uri, "format": fmt, "title": doc.title,
        "published": doc.published, "language": doc.language, "month": month(doc.published),
        "n_events": len(doc.events), "error": None, "status": "stored",
        "events": [_item_row(i, e, event_to_dict(e), e.date) for i, e in enumerate(doc.events)],
        "entries": [_item_row(i, e, entry_to_dict(e), e.date)
                    for i, e in enumerate(doc.timeline)],
    }


def _item_row(seq: int, item: Any, as_dict: dict, d: Any) -> dict[str, Any]:
    return {"seq": seq, "id": item.id, "type": item.type, "status": item.status,
            "earliest": d.earliest, "latest": d.latest, "basis": d.basis,
            "hedged": item.hedged, "confidence": item.confidence,
            "month": month(d.earliest), "json": json.dumps(as_dict, ensure_ascii=False)}


def failure_row(uri: str | None, error: KronikaError) -> dict[str, Any]:
    """A row for an input that did not become a document: `skipped` (nothing to ingest, as
    `kronika ingest` counts it) or `failed`, with the reason."""
    outcome = Outcome.from_error(uri or "", error)
    return {"id": None, "uri": uri, "format": None, "title": None, "published": None,
            "language": None, "month": UNDATED, "n_events": 0, "error": outcome.reason,
            "status": outcome.status, "events": [], "entries": []}


def process_part(items: Iterable[Item], published: date | None = None,
                 lang: str | None = None) -> Iterator[dict[str, Any]]:
    """Rows for a stream of items: an item that fails becomes a failure row, never an abort."""
    for item in items:
        try:
            yield document_row(process_item(item, published, lang), item.format)
        except KronikaError as e:
            yield failure_row(item.uri, e)


# Spark -------------------------------------------------------------------------------------


def session(master: str | None = None, app_name: str = "kronika") -> SparkSession:
    """A Spark session; without `master`, spark-submit's (or local[*] when run by python)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError as e:
        raise UsageError("the Spark job needs pyspark: pip install 'kronika[spark]'") from e
    # Workers must run the same Python (and so the same kronika) as the driver.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return (builder.config("spark.ui.enabled", "false")
            .config("spark.sql.session.timeZone", "UTC")
            .getOrCreate())


def _schema():
    from pyspark.sql import types as T

    item = T.StructType([
        T.StructField("seq", T.IntegerType()), T.StructField("id", T.StringType()),
        T.StructField("type", T.StringType()), T.StructField("status", T.StringType()),
        T.StructField("earliest", T.DateType()), T.StructField("latest", T.DateType()),
        T.StructField("basis", T.StringType()), T.StructField("hedged", T.BooleanType()),
        T.StructField("confidence", T.DoubleType()), T.StructField("month", T.StringType()),
        T.StructField("json", T.StringType()),
    ])
    return T.StructType([
        T.StructField("id", T.StringType()), T.StructField("uri", T.StringType()),
        T.StructField("format", T.StringType()), T.StructField("title", T.StringType()),
        T.StructField("published", T.DateType()), T.StructField("language", T.StringType()),
        T.StructField("month", T.StringType()), T.StructField("n_events", T.IntegerType()),
        T.StructField("error", T.StringType()), T.StructField("status", T.StringType()),
        T.StructField("events", T.ArrayType(item)), T.StructField("entries", T.ArrayType(item)),
    ])


def _parquet_items(rows: Iterable[Any]) -> Iterator[Item]:
    for row in rows:
        d = row.asDict()
        yield from_object(d, str(d.get("url") or d.get("id") or "parquet row"), Fields())


def _file_items(path: str) -> Iterator[Item]:
    from pathlib import Path

    yield from read_path(Path(path.removeprefix("file://")))


def read_items(spark: SparkSession, inputs: Sequence[str]):
    """An RDD of ingest items over all inputs. A WARC or JSONL file is streamed by one task with
    `kronika ingest`'s own reader (same ids, caps and messages), so it must be on a file system
    every executor mounts; Parquet may be anywhere Spark reads (HDFS, S3). `run` spreads the
    items over `partitions` tasks before the costly part."""
    sc = spark.sparkContext
    parts = []
    by_kind: dict[str, list[str]] = {"jsonl": [], "warc": [], "parquet": []}
    for path in inputs:
        by_kind[kind_of(path)].append(path)
    if by_kind["parquet"]:
        parts.append(spark.read.parquet(*by_kind["parquet"]).rdd.mapPartitions(_parquet_items))
    files = by_kind["warc"] + by_kind["jsonl"]
    if files:
        parts.append(sc.parallelize(files, len(files)).flatMap(_file_items))
    if not parts:
        raise UsageError("no inputs given: name .warc(.gz), .jsonl or .parquet paths")
    return parts[0] if len(parts) == 1 else sc.union(parts)


def run(spark: SparkSession, inputs: Sequence[str], out: str, *,
        published: date | None = None, lang: str | None = None,
        partitions: int | None = None) -> dict[str, int]:
    """Process `inputs` and write the tables under `out`; returns the row count of each table."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    items = read_items(spark, inputs)
    if partitions:
        items = items.repartition(partitions)
    rows = items.mapPartitions(partial(process_part, published=published, lang=lang))
    processed = spark.createDataFrame(rows, _schema()).persist(StorageLevel.MEMORY_AND_DISK)
    try:
        from kronika.spark.merge import corpus_rows, schema

        ok = processed.filter(F.col("error").isNull()).dropDuplicates(["id"])
        corpus = spark.createDataFrame(corpus_rows(ok), schema()).persist(
            StorageLevel.MEMORY_AND_DISK)
        tables: dict[str, DataFrame] = {
            "documents": ok.drop("events", "entries", "error"),
            "events": _exploded(ok, "events"),
            "entries": _exploded(ok, "entries"),
            "timeline": corpus.filter(F.col("kind") == "entry").drop("kind"),
            "conflicts": corpus.filter(F.col("kind") == "conflict").select("id", "type", "json"),
            "failures": processed.filter(F.col("error").isNotNull())
                                 .select("uri", "status", "error"),
        }
        counts = {}
        for name, table in tables.items():
            writer = table.write.mode("overwrite")
            if name not in ("failures", "conflicts"):
                writer = writer.partitionBy("month")
            writer.parquet(f"{out.rstrip('/')}/{name}")
            counts[name] = spark.read.parquet(f"{out.rstrip('/')}/{name}").count()
        return counts
    finally:
        spark.catalog.clearCache()


def _exploded(docs: DataFrame, column: str) -> DataFrame:
    from pyspark.sql import functions as F

    return (docs.select(F.col("id").alias("doc_id"), F.explode(column).alias("x"))
            .select("doc_id", "x.*"))


def main(argv: Sequence[str] | None = None) -> None:
    """`spark-submit job.py INPUT... --out DIR`: the same options as `kronika spark`."""
    from kronika.cli import main as cli_main

    sys.argv = ["kronika", "spark", *(argv if argv is not None else sys.argv[1:])]
    cli_main()


if __name__ == "__main__":
    main()
