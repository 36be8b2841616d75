"""Large runs: early filters, resumable runs kept in the store, and the run report."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronika.cli import app
from kronika.document import Document
from kronika.errors import BadFilterError
from kronika.ingest import Ingestor
from kronika.ingest.item import Item
from kronika.ingest.runs import Filters, Run, report, source_of
from kronika.store import Store

BODY = ("Officials from both countries met to discuss grain exports through the Black Sea, "
        "and the delegations agreed to continue the talks next month.")


def _item(uri: str, *, url: str | None = None, published: date | None = None,
          body: str = BODY, fmt: str = "jsonl") -> Item:
    return Item(uri, raw=body.encode(), format=fmt, html=False, url=url, published=published)


# filters -------------------------------------------------------------------------------------

@pytest.mark.parametrize("filters, item, why", [
    (Filters(domains=("news.example",)), _item("a", url="https://www.news.example/x"), None),
    (Filters(domains=("news.example",)), _item("a", url="https://other.example/x"),
     "its domain other.example is not news.example (--domain)"),
    (Filters(after=date(2022, 1, 1)), _item("a", published=date(2021, 12, 31)),
     "published 2021-12-31, not after 2022-01-01 (--published-after)"),
    (Filters(before=date(2022, 1, 1)), _item("a", published=date(2022, 1, 1)),
     "published 2022-01-01, not before 2022-01-01 (--published-before)"),
    (Filters(after=date(2022, 1, 1)), _item("a"), None),  # not known yet: decided after extract
])
def test_filters_before_reading(filters, item, why):
    assert filters.before_reading(item) == why


@pytest.mark.parametrize("filters, doc, why", [
    (Filters(languages=("ru",)), Document("x", text=BODY, language="en"),
     "its language is en, not ru (--only-lang)"),
    (Filters(keywords=("GRAIN",)), Document("x", text=BODY), None),
    (Filters(keywords=("oil", "gas")), Document("x", text=BODY),
     "none of the keywords oil, gas occurs (--keyword)"),
    (Filters(after=date(2022, 1, 1)), Document("x", text=BODY),
     "it has no publication date (--published-after/--published-before)"),
    (Filters(domains=("news.example",)), Document("x", text=BODY, source_uri="a.html"),
     "it has no URL to tell its domain (--domain)"),
])
def test_filters_after_extract(filters, doc, why):
    assert filters.after_extract(doc) == why


@pytest.mark.parametrize("kwargs", [{"domains": ("https://news.example",)},
                                    {"keywords": ("",)},
                                    {"after": date(2022, 2, 1), "before": date(2022, 1, 1)}])
def test_filters_that_can_match_nothing_are_refused(kwargs):
    with pytest.raises(BadFilterError, match="K901"):
        Filters(**kwargs)


def test_a_filtered_input_is_skipped_before_the_costly_stages(tmp_path):
    class Exploding:  # any analysis stage would fail the test
        name, reads, adds = "boom", ("text",), ("events",)

        def __call__(self, doc):
            raise AssertionError("a filtered document reached the analysis stages")

    from kronika.extract import Extract
    from kronika.pipeline import Pipeline

    with Store(":memory:") as store:
        ingest = Ingestor(store, Pipeline([Extract(), Exploding()]),
                          filters=Filters(keywords=("ceasefire",)))
        outcome = ingest(_item("a.jsonl#line=1"))
    assert (outcome.status, outcome.code) == ("skipped", "K900")
    assert "left out: none of the keywords ceasefire occurs (--keyword)" in outcome.reason


# runs and the report -------------------------------------------------------------------------

def test_a_run_records_its_items_and_a_reopened_run_skips_them():
    with Store(":memory:") as store:
        run = Run.open(store, ["in/"], {"lang": "auto"})
        ingest = Ingestor(store, run=run, filters=Filters(languages=("ru",)))
        items = [_item(f"d.jsonl#line={i}", body=f"{BODY} Story number {i}.") for i in range(3)]
        first = list(ingest.run(items[:2]))
        assert [o.status for o in first] == ["skipped", "skipped"]
        again = Run.open(store, ["in/"], {"lang": "auto"})  # the same command, not finished
        assert again.resumed and again.run_id == run.run_id and len(again.done) == 2
        rest = list(Ingestor(store, run=again, filters=Filters(languages=("ru",))).run(items))
        assert [o.input for o in rest] == ["d.jsonl#line=2"]
        again.finish()
        fresh = Run.open(store, ["in/"], {"lang": "auto"})
        assert not fresh.resumed and fresh.run_id != run.run_id


def test_the_report_names_skips_and_gaps_per_source():
    days = [date(2022, 5, 1), date(2022, 5, 2), date(2022, 5, 20), date(2022, 5, 21)]
    with Store(":memory:") as store:
        run = Run.open(store, ["x"], {})
        items = [_item(f"d.jsonl#line={i}", url=f"https://news.example/{i}", published=d,
                       body=f"{BODY} Story {i} of the month.") for i, d in enumerate(days)]
        items.append(_item("d.jsonl#line=9", url="https://other.example/9"))
        list(Ingestor(store, run=run, filters=Filters(domains=("news.example",)),
                      near=False).run(items))
        run.finish()
        found = report(store)
    assert found["counts"] == {"stored": 4, "duplicate": 0, "skipped": 1, "failed": 0}
    assert found["skipped"][0]["why"] == "left out by --domain"
    assert found["sources"]["news.example"]["documents"] == 4
    texts = [g["text"] for g in found["gaps"]]
    assert "no documents from news.example between 2022-05-02 and 2022-05-20" in texts
    assert "no documents from any source between 2022-05-02 and 2022-05-20" in texts
    assert found["finished_at"] is not None


def test_a_source_that_stops_early_has_a_gap_to_the_end_of_the_run():
    from kronika.ingest.runs import _gaps

    span = (date(2022, 5, 1), date(2022, 5, 31))
    found = _gaps("a.example", [date(2022, 5, 1), date(2022, 5, 3)], 7, span)
    assert [g["text"] for g in found] == [
        "no documents from a.example between 2022-05-03 and 2022-05-31"]


def test_source_of():
    assert source_of("a.warc#offset=1", "https://News.Example/x") == "news.example"
    assert source_of("dump.jsonl#line=3", None) == "dump.jsonl"
    assert source_of("https://site.example/a", None) == "site.example"


def test_ingest_filters_and_report_on_the_command_line(tmp_path):
    rows = [{"text": f"{BODY} Story {i}.", "url": f"https://news.example/{i}",
             "published": f"2022-05-{i + 1:02d}"} for i in range(3)]
    rows.append({"text": f"{BODY} Elsewhere.", "url": "https://other.example/1",
                 "published": "2022-05-02"})
    src = tmp_path / "dump.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    db = str(tmp_path / "k.duckdb")
    runner = CliRunner()
    result = runner.invoke(app, ["ingest", str(src), "--db", db, "--jobs", "1",
                                 "--domain", "news.example", "--published-after", "2022-05-01",
                                 "--run-report", str(tmp_path / "run.json")])
    assert result.exit_code == 0, result.output
    summary = json.loads((tmp_path / "run.json").read_text(encoding="utf-8"))
    assert summary["counts"]["stored"] == 2 and summary["counts"]["skipped"] == 2
    assert {s["why"] for s in summary["skipped"]} == {"left out by --domain",
                                                      "left out by --published-after"}
    result = runner.invoke(app, ["report", "--db", db, "--format", "json"])
    assert json.loads(result.output)["run"] == summary["run"]
    result = runner.invoke(app, ["report", "--db", db])
    assert "left out by --domain" in result.output and "news.example" in result.output
    # the same command again: the run finished, so a new run finds the documents stored
    result = runner.invoke(app, ["ingest", str(src), "--db", db, "--jobs", "1",
                                 "--domain", "news.example", "--published-after", "2022-05-01"])
    assert "2 duplicate" in result.output


def test_a_resumed_command_says_so(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(BODY, encoding="utf-8")
    db = tmp_path / "k.duckdb"
    names = [str(Path(src).resolve())]
    options = {"filters": Filters().to_dict(), "published": None, "lang": "auto",
               "floor": "1994-01-01", "include": None, "exclude": None, "field": None}
    with Store(db) as store:  # a run that was killed before it did anything
        Run.open(store, names, options)
    result = CliRunner().invoke(app, ["ingest", str(src), "--db", str(db), "--jobs", "1"])
    assert "resuming run" in result.output and "1 stored" in result.output
