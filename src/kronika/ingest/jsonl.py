"""JSON lines (`.jsonl`, `.ndjson`) and JSON (`.json`: one object or a list of them).

Each object is one document: its HTML (`html` field) or text (`text` field), with title, url,
published and author when present; `Fields` renames the keys. A line that is not JSON, or an
object with neither text nor HTML, becomes a failed item naming the line; the other lines go on.
Lines are read one at a time, each capped at `Limits.max_bytes`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any, BinaryIO

from kronika.dates import parse_date
from kronika.errors import CorruptInputError, KronikaError, LimitError, NoArticleError
from kronika.ingest.item import Fields, Item, Limits


def read_jsonl(stream: BinaryIO, uri: str, fields: Fields, limits: Limits) -> Iterator[Item]:
    """One item per non-blank line of `stream`."""
    number = 0
    while True:
        line = stream.readline(limits.max_bytes + 1)
        if not line:
            return
        number += 1
        where = f"{uri}#line={number}"
        if len(line) > limits.max_bytes and not line.endswith(b"\n"):
            yield Item(where, format="jsonl",
                       error=LimitError(f"{where}: the line", limits.max_bytes, "--max-bytes"))
            _skip_rest_of_line(stream, limits.max_bytes)
            continue
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            yield Item(where, format="jsonl", error=CorruptInputError(
                f"{where}: not a JSON object ({exc}); fix or remove that line"))
            continue
        yield from_object(obj, where, fields)


def read_json(stream: BinaryIO, uri: str, fields: Fields, limits: Limits) -> Iterator[Item]:
    """A `.json` file: one object, or a list of objects (the whole file is read, capped)."""
    data = stream.read(limits.max_bytes + 1)
    if len(data) > limits.max_bytes:
        yield Item(uri, format="jsonl", error=LimitError(
            f"{uri}: a .json file (use .jsonl, one object per line, for big ones)",
            limits.max_bytes, "--max-bytes"))
        return
    try:
        obj = json.loads(data)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        yield Item(uri, format="jsonl", error=CorruptInputError(
            f"{uri}: not valid JSON ({exc}); fix the file"))
        return
    if isinstance(obj, list):
        for i, element in enumerate(obj):
            yield from_object(element, f"{uri}#item={i + 1}", fields)
    else:
        yield from_object(obj, uri, fields)


def from_object(obj: Any, where: str, fields: Fields) -> Item:
    """The item one JSON object describes, or a failed item saying what is missing."""
    if not isinstance(obj, dict):
        return Item(where, format="jsonl", error=CorruptInputError(
            f"{where}: a JSON {type(obj).__name__}, not an object with a "
            f"{fields.text!r} or {fields.html!r} field"))
    html, text = obj.get(fields.html), obj.get(fields.text)
    body = html if isinstance(html, str) and html.strip() else text
    if not isinstance(body, str) or not body.strip():
        return Item(where, format="jsonl", error=NoArticleError(
            f"{where}: no {fields.text!r} or {fields.html!r} field with text in it; name the "
            f"fields with --field text=KEY or --field html=KEY"))
    published = None
    value = obj.get(fields.published)
    if isinstance(value, str) and value.strip():
        try:
            published = parse_date(value.strip()[:10], f"the {fields.published!r} field")
        except KronikaError as exc:
            return Item(where, format="jsonl", error=CorruptInputError(f"{where}: {exc.message}"))
    return Item(where, raw=body.encode("utf-8"), format="jsonl", html=body is html,
                title=_str(obj.get(fields.title)), published=published,
                url=_str(obj.get(fields.url)), author=_str(obj.get(fields.author)))


def _str(value: Any) -> str | None:
    return value.strip() or None if isinstance(value, str) else None


def _skip_rest_of_line(stream: BinaryIO, chunk: int) -> None:
    while True:
        part = stream.readline(chunk)
        if not part or part.endswith(b"\n"):
            return
