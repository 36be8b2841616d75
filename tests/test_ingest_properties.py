"""Property tests for the ingest parsers: sizes, JSON lines, capped reading, outcome JSON."""

from __future__ import annotations

import gzip
import io
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.errors import LimitError, human_size
from kronika.ingest.compress import CappedReader, read_capped
from kronika.ingest.item import DEFAULT_FIELDS, DEFAULT_LIMITS, parse_size
from kronika.ingest.jsonl import read_jsonl
from kronika.ingest.outcome import Outcome

SCALE = {"": 1, "K": 1 << 10, "M": 1 << 20, "G": 1 << 30}


@given(st.integers(0, 10_000), st.sampled_from(list(SCALE)), st.booleans())
def test_parse_size_reads_what_human_size_writes(n, unit, lower):
    text = f"{n}{unit.lower() if lower else unit}"
    assert parse_size(text, "--max-bytes") == n * SCALE[unit]
    if n:  # messages round to one decimal: reading one back is within 5 %
        back = parse_size(human_size(n * SCALE[unit]).replace(" bytes", ""), "--x")
        assert abs(back - n * SCALE[unit]) <= 0.05 * n * SCALE[unit]


texts = st.text(min_size=1, max_size=40).filter(lambda s: s.strip())


@settings(max_examples=50, deadline=None)
@given(st.lists(st.fixed_dictionaries({"text": texts}, optional={"title": st.text(max_size=10)}),
                max_size=8))
def test_one_item_per_json_line_in_order(objects):
    data = "\n".join(json.dumps(o, ensure_ascii=False) for o in objects).encode()
    items = list(read_jsonl(io.BytesIO(data), "x.jsonl", DEFAULT_FIELDS, DEFAULT_LIMITS))
    assert [i.raw.decode() for i in items] == [o["text"] for o in objects]
    assert [i.uri for i in items] == [f"x.jsonl#line={n + 1}" for n in range(len(objects))]


@given(st.binary(max_size=300), st.integers(0, 300))
def test_capped_reading_returns_everything_or_names_the_cap(data, cap):
    if len(data) <= cap:
        assert read_capped(io.BytesIO(data), cap, what="x", option="--max-bytes") == data
    else:
        with pytest.raises(LimitError, match="--max-bytes"):
            read_capped(io.BytesIO(data), cap, what="x", option="--max-bytes")


@given(st.binary(max_size=2000), st.integers(0, 2000))
def test_capped_decompression(data, cap):
    reader = io.BufferedReader(CappedReader(gzip.GzipFile(fileobj=io.BytesIO(
        gzip.compress(data))), cap, what="x.gz", option="--max-archive-bytes", codec="gzip"))
    if len(data) <= cap:
        assert reader.read() == data
    else:
        with pytest.raises(LimitError, match="--max-archive-bytes"):
            reader.read()


@given(st.sampled_from(["stored", "duplicate", "skipped", "failed"]), st.text(max_size=20))
def test_outcome_json_round_trip(status, reason):
    o = Outcome("in.html", status, reason=reason or None)
    assert Outcome(**json.loads(o.to_json())) == o
