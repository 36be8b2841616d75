"""The second Spark step: one corpus timeline from the events of every document, distributed.

No step needs all events in one place. Each document's events become units
(`kronika.timeline.corpus.doc_units`, within one task); units that share a block key
(`"<actor>|<actor>@YYYY-MM"`) are linked, and the linked groups (connected components) are found
by min-label propagation over (unit, key) pairs, a few shuffles per round. Each component is then
merged on its own with `merge_units`; the corpus module guarantees this equals merging all units
at once, so the tables equal what `kronika.timeline.corpus.merge_across` gives on one machine.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from kronika.document import event_from_dict
from kronika.timeline.corpus import Sourced, Unit, doc_units, merge_units

# Enough for any chain of linked months seen in news; each round is a few joins.
MAX_ROUNDS = 30


def units_of_document(row: Any) -> list[Unit]:
    """A processed document row (with its nested events) as corpus units."""
    published: date | None = row["published"]
    items = [Sourced(event_from_dict(json.loads(e["json"])), row["id"], published,
                     row["language"] or "en", row["uri"]) for e in row["events"]]
    return doc_units(items)


def components(units):
    """(component label, unit) pairs: units linked through shared block keys share a label."""
    unit_key = units.flatMap(lambda u: [(u.id, k) for k in u.keys]).cache()
    label = units.map(lambda u: (u.id, u.id)).cache()
    for _ in range(MAX_ROUNDS):
        key_label = (unit_key.join(label)  # (unit, (key, label))
                     .map(lambda x: (x[1][0], x[1][1])).reduceByKey(min))
        offered = (unit_key.map(lambda x: (x[1], x[0])).join(key_label)  # (key, (unit, label))
                   .map(lambda x: (x[1][0], x[1][1])).reduceByKey(min))
        new = label.leftOuterJoin(offered).mapValues(
            lambda pair: pair[0] if pair[1] is None else min(pair))
        new = new.cache()
        changed = new.join(label).filter(lambda x: x[1][0] != x[1][1]).count()
        label.unpersist()
        label = new
        if not changed:
            break
    unit_key.unpersist()
    return units.map(lambda u: (u.id, u)).join(label).map(lambda x: (x[1][1], x[1][0]))


def merge_component(units: Iterable[Unit]) -> Iterator[dict[str, Any]]:
    """Rows of the entries and conflicts of one component."""
    entries, conflicts = merge_units(list(units))
    for e in entries:
        d = e.to_dict()
        yield {"kind": "entry", "id": e.id, "type": e.type, "status": e.status,
               "earliest": e.date.earliest, "latest": e.date.latest,
               "n_sources": e.n_sources, "confidence": e.confidence,
               "month": e.date.earliest.strftime("%Y-%m") if e.date.earliest else "undated",
               "json": json.dumps(d, ensure_ascii=False, sort_keys=True)}
    for c in conflicts:
        yield {"kind": "conflict", "id": c.id, "type": c.kind, "status": None, "earliest": None,
               "latest": None, "n_sources": None, "confidence": None, "month": "undated",
               "json": json.dumps(c.to_dict(), ensure_ascii=False, sort_keys=True)}


def corpus_rows(documents_df):
    """The corpus timeline rows (entries and conflicts) of the processed documents."""
    units = documents_df.rdd.flatMap(units_of_document)
    return (components(units).groupByKey()
            .flatMap(lambda group: merge_component(group[1])))


def schema():
    from pyspark.sql import types as T

    return T.StructType([
        T.StructField("kind", T.StringType()), T.StructField("id", T.StringType()),
        T.StructField("type", T.StringType()), T.StructField("status", T.StringType()),
        T.StructField("earliest", T.DateType()), T.StructField("latest", T.DateType()),
        T.StructField("n_sources", T.IntegerType()), T.StructField("confidence", T.DoubleType()),
        T.StructField("month", T.StringType()), T.StructField("json", T.StringType()),
    ])
