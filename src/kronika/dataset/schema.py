"""The export schema, versioned and published: JSON Schema files generated from the document
model, a column dictionary for the Parquet and CSV tables, and the schema's changelog.

The JSON Schemas come from pydantic's `TypeAdapter` over the model's dataclasses (`Event`,
`Entry`, `Timex`...), so they follow the code; the document object, whose JSON nests `source`
and adds `schema`, is assembled from those parts as `Document.to_dict` writes it. The Parquet
columns and their types are read from a fresh in-memory store, and their meanings from the
comments in the migrations; the CSV columns' meanings are in `columns.yaml`.

    write_schema("schema/")   # document, entry, event schemas, columns, VERSION, CHANGELOG.md
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from kronika.rules import load_rules

#: The export schema's version (see changelog.yaml); bump it when an export gains a field.
SCHEMA_VERSION = "1.3"
_DRAFT = "https://json-schema.org/draft/2020-12/schema"
_BASE = "https://kronika.invalid/schema/" + SCHEMA_VERSION + "/"


def _parts() -> dict[str, Any]:
    """JSON Schemas of the model's dataclasses, with all their definitions in one `$defs`."""
    from pydantic import TypeAdapter

    from kronika.document import Actor, DateInfo, Entry, Event, Noise, Sentence, Timex

    defs: dict[str, Any] = {}
    for cls in (Actor, DateInfo, Event, Entry, Noise, Sentence, Timex):
        schema = TypeAdapter(cls).json_schema(mode="serialization",
                                              ref_template="#/$defs/{model}")
        defs.update(schema.pop("$defs", {}))
        defs[cls.__name__] = schema
    return defs


def _publication() -> dict[str, Any]:
    nullable = {"type": ["string", "null"]}
    candidate = {"type": "object", "required": ["source", "date"], "properties": {
        "source": {"enum": ["given", "metadata", "url", "text", "feed", "warc-date"]},
        "date": {"type": "string", "format": "date"}, "time": nullable, "offset": nullable,
        "evidence": {"type": "string"}}}
    return {"type": ["object", "null"], "required": ["date", "source", "flags", "candidates"],
            "properties": {
                "date": {"type": ["string", "null"], "format": "date"},
                "source": nullable, "time": nullable, "offset": nullable, "utc": nullable,
                "zone": nullable, "evidence": {"type": "string"},
                "flags": {"type": "array", "items": {
                    "type": "object", "required": ["flag", "reason"], "properties": {
                        "flag": {"enum": ["future", "before-floor", "url-contradicts-metadata",
                                          "crawl-date-only", "missing"]},
                        "reason": {"type": "string"}, "source": nullable}}},
                "candidates": {"type": "array", "items": candidate}}}


@cache
def schemas() -> dict[str, dict[str, Any]]:
    """{"document": ..., "entry": ..., "event": ...}: the JSON Schemas of the exports."""
    from kronika.document import SCHEMA

    defs = _parts()
    defs["Publication"] = _publication()
    ref = {name: {"$ref": f"#/$defs/{name}"} for name in defs}
    array = {name: {"type": "array", "items": r} for name, r in ref.items()}
    nullable_str = {"type": ["string", "null"]}
    mention = {"type": "object", "required": ["start", "end", "text", "actors"], "properties": {
        "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
        "rule": {"type": "string"}, "actors": array["Actor"]}}
    document = {
        "$schema": _DRAFT, "$id": _BASE + "document.schema.json",
        "title": f"{SCHEMA} (export schema {SCHEMA_VERSION})",
        "description": "One document as `kronika process` prints it and the store keeps it.",
        "type": "object",
        "required": ["schema", "id", "source", "title", "published", "language", "text",
                     "noise", "timexes", "events", "timeline"],
        "properties": {
            "schema": {"const": SCHEMA},
            "id": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "source": {"type": "object", "required": ["uri", "format"], "properties": {
                "uri": nullable_str, "format": {"type": "string"}, "encoding": nullable_str}},
            "title": nullable_str, "author": nullable_str, "url": nullable_str,
            "published": {"type": ["string", "null"], "format": "date"},
            "publication": ref["Publication"],
            "language": {"type": "string"}, "mixed_language": {"type": "boolean"},
            "text": {"type": "string"},
            "noise": array["Noise"], "timexes": array["Timex"], "events": array["Event"],
            "timeline": array["Entry"], "sentences": array["Sentence"],
            "mentions": {"type": "array", "items": mention},
        },
        "$defs": defs,
    }
    in_doc = {"document": {"type": ["string", "null"],
                           "description": "the id of the document it was read from"}}
    entry = {"$schema": _DRAFT, "$id": _BASE + "entry.schema.json",
             "title": "A timeline entry (a line of entries.jsonl)",
             "allOf": [ref["Entry"]], "properties": in_doc, "$defs": defs}
    event = {"$schema": _DRAFT, "$id": _BASE + "event.schema.json",
             "title": "An event (a line of events.jsonl)",
             "allOf": [ref["Event"]], "properties": in_doc, "$defs": defs}
    return {"document": document, "entry": entry, "event": event}


_COLUMN = re.compile(r"^\s+(?P<name>[a-z_]+)\s+[A-Z]+[^,]*?,?\s*(?:--\s*(?P<doc>.*))?$")


def _migration_comments() -> dict[str, dict[str, str]]:
    """{table: {column: the comment after it in the migrations}}."""
    from kronika.store import migrations

    out: dict[str, dict[str, str]] = {}
    for _, _, sql in migrations():
        table = None
        for line in sql.splitlines():
            m = re.match(r"^CREATE TABLE (\w+)", line)
            if m:
                table = m.group(1)
                out.setdefault(table, {})
                continue
            c = _COLUMN.match(line)
            if table and c and c.group("name") not in ("primary",):
                out[table][c.group("name")] = (c.group("doc") or "").strip()
    return out


#: Parquet tables a snapshot writes, and the columns it leaves out (they change from run to
#: run: the time of ingest).
PARQUET_TABLES = {"documents": ("ingested_at",), "events": (), "entries": (),
                  "document_dates": ()}
#: Meanings of Parquet columns whose migration line has no comment.
_PLAIN = {
    "id": "the object's id", "doc_id": "the id (sha256 of the input bytes) of its document",
    "seq": "its position in its document", "type": "PLOVER event type", "status": "status",
    "earliest": "first possible day", "latest": "last possible day",
    "hedged": "the text hedges the report", "confidence": "kronika's confidence in [0, 1]",
    "summary": "one line that says what happened", "uri": "where the input came from",
    "format": "the input's format", "title": "the headline", "language": "language code",
    "published": "publication day, in the article's own zone", "text": "the article's text",
    "json": "the whole object as kronika.document/1 JSON",
}


def columns() -> dict[str, Any]:
    """The column dictionary: per Parquet table and CSV file, each column's type and meaning."""
    from kronika.export import ENTRY_FIELDS, EVENT_FIELDS
    from kronika.store import Store

    comments = _migration_comments()
    parquet: dict[str, list[dict[str, str]]] = {}
    with Store(":memory:") as store:
        for table, dropped in PARQUET_TABLES.items():
            rows = store._con.execute(f"DESCRIBE {table}").fetchall()
            parquet[table] = [
                {"name": name, "type": kind,
                 "meaning": comments.get(table, {}).get(name) or _PLAIN.get(name, "")}
                for name, kind, *_ in rows if name not in dropped]
    csv_doc = load_rules("kronika.dataset", "columns.yaml")
    csv = {f"{table}.csv": [{"name": f, "meaning": csv_doc[table].get(f, "")} for f in fields]
           for table, fields in (("entries", ENTRY_FIELDS), ("events", EVENT_FIELDS))}
    return {"schema_version": SCHEMA_VERSION, "parquet": parquet, "csv": csv}


def changelog() -> list[dict[str, Any]]:
    return load_rules("kronika.dataset", "changelog.yaml")


def _changelog_md() -> str:
    lines = ["# kronika export schema: changes", ""]
    for v in changelog():
        lines += [f"## {v['version']} ({v['date']})", ""]
        lines += [f"- {c}" for c in v["changes"]]
        lines.append("")
    return "\n".join(lines)


def _columns_md(cols: dict[str, Any]) -> str:
    lines = [f"# kronika column dictionary (export schema {SCHEMA_VERSION})", ""]
    for table, rows in cols["parquet"].items():
        lines += [f"## {table}.parquet", "", "| column | type | meaning |", "| --- | --- | --- |"]
        lines += [f"| {r['name']} | {r['type']} | {r['meaning']} |" for r in rows]
        lines.append("")
    for name, rows in cols["csv"].items():
        lines += [f"## {name}", "", "| column | meaning |", "| --- | --- |"]
        lines += [f"| {r['name']} | {r['meaning']} |" for r in rows]
        lines.append("")
    return "\n".join(lines)


def files() -> dict[str, str]:
    """File name → text of everything `kronika schema` writes."""
    def dump(obj: Any) -> str:
        return json.dumps(obj, ensure_ascii=False, indent=2, sort_keys=True) + "\n"

    cols = columns()
    out = {f"{name}.schema.json": dump(s) for name, s in schemas().items()}
    out["columns.json"] = dump(cols)
    out["columns.md"] = _columns_md(cols)
    out["VERSION"] = SCHEMA_VERSION + "\n"
    out["CHANGELOG.md"] = _changelog_md()
    return out


def write_schema(folder: str | Path) -> list[Path]:
    """Write the schema files into `folder` (created if needed); returns their paths."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in files().items():
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def validate(obj: Any, kind: str = "document") -> None:
    """Raise `SchemaError` naming the first problem when `obj` does not match the schema."""
    import jsonschema

    from kronika.errors import SchemaError

    try:
        jsonschema.validate(obj, schemas()[kind],
                            format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    except jsonschema.ValidationError as exc:
        where = "/".join(str(p) for p in exc.absolute_path) or "(top)"
        raise SchemaError(f"the {kind} does not match export schema {SCHEMA_VERSION} at "
                          f"{where}: {exc.message}; report this as a kronika bug") from exc
