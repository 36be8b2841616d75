"""Ingest: every kind of input becomes documents, and every input is accounted for.

Each bad input gets one clear reason and costs nothing else: the tests put it in a folder with
a good file and check that the good file is still stored.
"""

from __future__ import annotations

import bz2
import gzip
import io
import json
import lzma

import pytest

from ingest_fixtures import STORY, STORY_RU, corrupt, page, rss, warc
from kronika.ingest import Fields, Ingestor, Limits, iter_items, tally
from kronika.pipeline import Pipeline
from kronika.store import Store

SMALL = Limits(max_bytes=64 << 10, max_archive_bytes=1 << 20)


@pytest.fixture(scope="module")
def pipeline():
    return Pipeline.default()


def ingest(paths, pipeline, limits=SMALL, store=None, **kw):
    store = store or Store(":memory:")
    ingestor = Ingestor(store, pipeline)
    return [ingestor(item) for item in iter_items([str(p) for p in paths], limits=limits, **kw)]


def by_input(outcomes):
    return {o.input.rsplit("/", 1)[-1]: o for o in outcomes}


GOOD = ("The city council approved the new budget on Tuesday after a long debate. Spending on "
        "schools and roads will rise, while the mayor promised to cut administrative costs. The "
        "opposition voted against it, saying the plan relies on optimistic tax forecasts.")


def with_good_file(tmp_path):
    (tmp_path / "good.html").write_text(page("Budget approved", GOOD), encoding="utf-8")
    return tmp_path


# Formats ---------------------------------------------------------------------------------

def test_html_text_and_markdown_files_are_stored(tmp_path, pipeline):
    (tmp_path / "a.html").write_text(page(), encoding="utf-8")
    (tmp_path / "b.txt").write_text("Russia invaded Ukraine on February 24.", encoding="utf-8")
    (tmp_path / "c.md").write_text("# Talks\n\n" + STORY_RU, encoding="utf-8")
    (tmp_path / "picture.png").write_bytes(b"\x89PNG not taken")
    out = by_input(ingest([tmp_path], pipeline))
    assert sorted(out) == ["a.html", "b.txt", "c.md"]
    assert {o.status for o in out.values()} == {"stored"}


def test_jsonl_with_renamed_fields(tmp_path, pipeline):
    lines = [{"body": STORY, "headline": "Talks", "date": "2022-05-13T09:00:00Z",
              "link": "https://news.example.com/1"},
             {"body_html": page(body=STORY_RU, lang="ru"), "date": "2022-05-14"}]
    (tmp_path / "dump.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    store = Store(":memory:")
    outcomes = ingest([tmp_path / "dump.jsonl"], pipeline, store=store,
                      fields=Fields.parse(["text=body", "html=body_html", "title=headline",
                                           "published=date", "url=link"]))
    assert [o.status for o in outcomes] == ["stored", "stored"]
    first = store.document(outcomes[0].doc_id)
    assert (first.title, str(first.published), first.url) == (
        "Talks", "2022-05-13", "https://news.example.com/1")
    second = store.document(outcomes[1].doc_id)
    assert second.language == "ru" and str(second.published) == "2022-05-14"


def test_json_list(tmp_path, pipeline):
    (tmp_path / "docs.json").write_text(json.dumps([{"text": STORY}, {"text": STORY_RU}]))
    assert [o.input.rsplit("#", 1)[1] for o in ingest([tmp_path], pipeline)] == [
        "item=1", "item=2"]


def test_feed_items_are_documents_with_their_own_dates(tmp_path, pipeline):
    (tmp_path / "feed.rss").write_text(rss([
        ("Talks", "Fri, 13 May 2022 10:00:00 GMT", f"<p>{STORY}</p>"),
        ("Разговор", "Sat, 14 May 2022 08:00:00 +0300", f"<p>{STORY_RU}</p>")]))
    store = Store(":memory:")
    outcomes = ingest([tmp_path], pipeline, store=store)
    docs = [store.document(o.doc_id) for o in outcomes]
    assert [(d.title, str(d.published), d.language) for d in docs] == [
        ("Talks", "2022-05-13", "en"), ("Разговор", "2022-05-14", "ru")]
    assert docs[0].source_format == "feed" and docs[0].url == "https://news.example.com/0"


@pytest.mark.parametrize("gz", [False, True], ids=["warc", "warc.gz"])
def test_warc_response_records(tmp_path, pipeline, gz):
    data, _ = warc([page(f"Story {i}").encode() for i in range(2)], gzip=gz)
    (tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")).write_bytes(data)
    store = Store(":memory:")
    outcomes = ingest([tmp_path], pipeline, store=store)
    assert [o.status for o in outcomes] == ["stored", "duplicate"]  # same story, re-posted
    assert outcomes[1].duplicate_of == outcomes[0].doc_id
    assert store.document(outcomes[0].doc_id).url == "https://news.example.com/story/0"


def test_warc_skips_non_text_records_with_a_reason(tmp_path, pipeline):
    data, _ = warc([b"\x89PNG..."], content_type="image/png")
    (tmp_path / "img.warc").write_bytes(data)
    [o] = ingest([tmp_path], pipeline)
    assert o.status == "skipped" and "image/png" in o.reason


@pytest.mark.parametrize("codec", [gzip, bz2, lzma], ids=["gz", "bz2", "xz"])
def test_compressed_files_are_read_transparently(tmp_path, pipeline, codec):
    suffix = {gzip: ".gz", bz2: ".bz2", lzma: ".xz"}[codec]
    (tmp_path / f"page.html{suffix}").write_bytes(codec.compress(page().encode()))
    [o] = ingest([tmp_path], pipeline)
    assert o.status == "stored" and o.title == "Talks in Geneva"


def test_include_and_exclude_globs(tmp_path, pipeline):
    for name in ("a.html", "b.html", "notes.txt"):
        (tmp_path / name).write_text(page(name) if name.endswith("html") else STORY)
    out = ingest([tmp_path], pipeline, include=["*.html"], exclude=["b.*"])
    assert [o.input.rsplit("/", 1)[-1] for o in out] == ["a.html"]


def test_stdin(pipeline):
    items = list(iter_items(["-"], stdin=io.BufferedReader(io.BytesIO(
        gzip.compress(page().encode())))))
    assert len(items) == 1 and items[0].uri == "<stdin>" and items[0].error is None


def test_the_same_bytes_twice_are_one_document(tmp_path, pipeline):
    (tmp_path / "a.html").write_text(page())
    (tmp_path / "copy.html").write_text(page())
    a, b = ingest([tmp_path], pipeline)
    assert (a.status, b.status, b.duplicate_of, b.similarity) == (
        "stored", "duplicate", a.doc_id, 1.0)


def test_near_duplicates_are_linked_across_runs(tmp_path, pipeline):
    db = tmp_path / "k.duckdb"
    story = STORY + " " + GOOD
    (tmp_path / "first.html").write_text(page(body=story))
    with Store(db) as store:
        [first] = ingest([tmp_path / "first.html"], pipeline, store=store)
    (tmp_path / "syndicated.html").write_text(page("Austin and Shoigu talk", story).replace(
        "Daily News", "Other Wire"))
    with Store(db) as store:
        [copy] = ingest([tmp_path / "syndicated.html"], pipeline, store=store)
        assert (copy.status, copy.duplicate_of) == ("duplicate", first.doc_id)
        assert 0.8 <= copy.similarity < 1.0
        assert [o["status"] for o in store.outcomes()] == ["stored", "duplicate"]
        assert len(store.documents()) == 1


def test_different_stories_are_not_near_duplicates(tmp_path, pipeline):
    (tmp_path / "a.html").write_text(page())
    (tmp_path / "b.html").write_text(page("Other", STORY.replace(
        "The two ministers spoke for about an hour.",
        "The call came after months of silence between the militaries, officials said, and "
        "neither side gave details of what else was discussed during the long call.")))
    assert [o.status for o in ingest([tmp_path], pipeline)] == ["stored", "stored"]


# Bad input: one clear reason each, nothing else lost -----------------------------------------

def bad(tmp_path, pipeline, name, data, limits=SMALL):
    with_good_file(tmp_path)
    (tmp_path / name).write_bytes(data)
    out = by_input(ingest([tmp_path], pipeline, limits=limits))
    assert out["good.html"].status == "stored"
    return [o for o in out.values() if o.input.rsplit("/", 1)[-1].startswith(name)]


def test_empty_file_is_skipped(tmp_path, pipeline):
    [o] = bad(tmp_path, pipeline, "empty.txt", b"")
    assert o.status == "skipped" and "empty" in o.reason


def test_binary_file_fails(tmp_path, pipeline):
    [o] = bad(tmp_path, pipeline, "image.txt", bytes(range(256)) * 16)
    assert o.status == "failed" and "binary file" in o.reason


def test_truncated_gzip_fails(tmp_path, pipeline):
    data = gzip.compress(page().encode() * 20)
    [o] = bad(tmp_path, pipeline, "cut.html.gz", data[: len(data) // 2])
    assert o.status == "failed" and "truncated" in o.reason and "gzip" in o.reason


def test_decompression_bomb_stops_at_the_cap(tmp_path, pipeline):
    bomb = gzip.compress(b"\0" * (8 << 20))  # 8 MB of zeros in about 8 KB
    [o] = bad(tmp_path, pipeline, "bomb.html.gz", bomb)
    assert o.status == "failed" and "decompressed: gzip) is over the 64 KB limit" in o.reason


def test_decompression_bomb_in_an_archive_stops_at_the_archive_cap(tmp_path, pipeline):
    line = (json.dumps({"text": "talks " * 500}) + "\n").encode()  # 3 KB, one sentence
    caps = Limits(max_bytes=4 << 10, max_archive_bytes=64 << 10)
    [*_, o] = bad(tmp_path, pipeline, "bomb.jsonl.xz", lzma.compress(line * 10_000), caps)
    assert o.status == "failed" and "64 KB limit (--max-archive-bytes)" in o.reason


def test_a_page_over_the_size_cap(tmp_path, pipeline):
    huge = page(body=STORY + " " + "Filler sentence for the huge page. " * 3000).encode()
    [o] = bad(tmp_path, pipeline, "huge.html", huge)
    assert o.status == "failed" and "64 KB limit (--max-bytes)" in o.reason


def test_a_200_mb_page_with_the_default_caps(tmp_path, pipeline):
    with_good_file(tmp_path)
    huge = tmp_path / "huge.html"
    with huge.open("wb") as f:  # a sparse file: 200 MB long, nothing much on disk
        f.write(page().encode())
        f.truncate(200 << 20)
    out = by_input(ingest([tmp_path], pipeline, limits=Limits()))
    assert out["good.html"].status == "stored"
    assert out["huge.html"].status == "failed"
    assert "over the 20 MB limit (--max-bytes)" in out["huge.html"].reason


def test_invalid_utf8_is_read_with_the_bad_bytes_replaced(tmp_path, pipeline):
    data = STORY_RU.encode() + b"\xff\xfe" + STORY_RU.encode()
    [o] = bad(tmp_path, pipeline, "broken.txt", data)
    assert o.status == "stored" and o.encoding == "UTF-8 (2 invalid byte sequences replaced)"


def test_warc_with_a_corrupt_record_in_the_middle(tmp_path, pipeline):
    bodies = [page(f"Story {i}", f"Story number {i} is about something else entirely. " * 12)
              .encode() for i in range(3)]
    for gz in (False, True):
        data, offsets = warc(bodies, gzip=gz)
        name = "crawl.warc.gz" if gz else "crawl.warc"
        (tmp_path / name).write_bytes(corrupt(data, offsets[1]))
        out = ingest([tmp_path / name], pipeline)
        assert [o.status for o in out] == ["stored", "failed", "stored"], out
        assert f"offset={offsets[1]}" in out[1].input and "broken WARC record" in out[1].reason


def test_feed_with_broken_xml(tmp_path, pipeline):
    broken = rss([("Talks", "Fri, 13 May 2022 10:00:00 GMT", STORY)]).replace("</channel>", "")
    outcomes = bad(tmp_path, pipeline, "feed.rss", broken.encode())
    assert outcomes[0].status == "failed" and "XML is broken" in outcomes[0].reason


def test_jsonl_line_that_is_not_json(tmp_path, pipeline):
    data = (json.dumps({"text": STORY}) + "\n{broken\n" + json.dumps({"text": STORY_RU}))
    out = bad(tmp_path, pipeline, "dump.jsonl", data.encode())
    assert [o.status for o in out] == ["stored", "failed", "stored"]
    assert out[1].input.endswith("#line=2") and "not a JSON object" in out[1].reason


def test_html_that_is_only_scripts(tmp_path, pipeline):
    [o] = bad(tmp_path, pipeline, "app.html",
              b"<html><head><script>var a = 1;</script></head><body><script src='x.js'>"
              b"</script><noscript>Enable JS</noscript></body></html>")
    assert o.status == "skipped" and "only scripts" in o.reason


def test_page_with_no_article(tmp_path, pipeline):
    [o] = bad(tmp_path, pipeline, "index.html",
              b"<html><body><nav><a href='/'>Home</a> <a href='/a'>World</a></nav>"
              b"<ul><li><a href='/1'>One</a></li><li><a href='/2'>Two</a></li></ul>"
              b"</body></html>")
    assert o.status == "skipped" and "no article text" in o.reason


def test_tally_counts_every_status():
    assert list(tally([])) == ["stored", "duplicate", "skipped", "failed"]


# The command -------------------------------------------------------------------------------

def test_cli_report_summary_and_exit_status(tmp_path):
    from test_cli import run

    docs = tmp_path / "in"
    docs.mkdir()
    (docs / "good.html").write_text(page("Budget approved", GOOD))
    (docs / "copy.html").write_text(page("Budget approved", GOOD).replace("Daily", "Weekly"))
    (docs / "empty.txt").write_bytes(b"")
    (docs / "dump.jsonl").write_text('{"text": "Talks resumed in Geneva on Monday."}\nnope\n')
    report = tmp_path / "report.jsonl"
    r = run("ingest", docs, "--db", tmp_path / "k.duckdb", "--report", report)
    assert r.returncode == 1  # one line of the JSONL failed
    assert "2 stored, 1 duplicate, 1 skipped, 1 failed" in r.stderr
    assert "┃ outcome" in r.stderr  # the table
    rows = [json.loads(line) for line in report.read_text().splitlines()]
    assert [(row["input"].rsplit("/", 1)[-1], row["status"]) for row in rows] == [
        ("copy.html", "stored"), ("dump.jsonl#line=1", "stored"), ("dump.jsonl#line=2", "failed"),
        ("empty.txt", "skipped"), ("good.html", "duplicate")]
    assert rows[-1]["duplicate_of"] == rows[0]["doc_id"]


def test_cli_bad_option_values_are_one_line(tmp_path):
    from test_cli import run

    for args, says in ((["--max-bytes", "lots"], "--max-bytes 'lots' is not a size"),
                       (["--field", "body"], "--field 'body' is not NAME=KEY")):
        r = run("ingest", tmp_path, "--db", tmp_path / "k.duckdb", *args)
        assert r.returncode == 2 and says in r.stderr, r.stderr
        assert len(r.stderr.strip().splitlines()) == 1


def test_cli_ingest_reads_stdin_and_published_is_only_a_default(tmp_path):
    from test_cli import run

    db = tmp_path / "k.duckdb"
    feed = rss([("Talks", "Fri, 13 May 2022 10:00:00 GMT", f"<p>{STORY}</p>")])
    r = run("ingest", "-", "--db", db, "--published", "2000-01-01", stdin=feed)
    assert r.returncode == 0 and "1 stored" in r.stderr, r.stderr
    with Store(db, read_only=True) as store:
        [doc] = store.documents()
        assert doc["published"] == "2022-05-13"  # the entry's own date wins


def test_cli_missing_path_stops_before_a_store_is_made(tmp_path):
    from test_cli import run

    r = run("ingest", tmp_path / "nope", "--db", tmp_path / "k.duckdb")
    assert r.returncode == 2 and "no such file" in r.stderr
    assert not (tmp_path / "k.duckdb").exists()
