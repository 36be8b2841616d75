"""Exports (csv, jsonl, ics, md, parquet), `kronika plot`, and the Python API over a store."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

import kronika
from kronika.cli import app
from kronika.errors import UsageError
from kronika.export import TimelineData, _fold, md_escape, to_ics, to_markdown
from kronika.plot import plot_timeline
from kronika.store import Store
from webdata import IMG, JS_URL, SCRIPT, example_doc, xss_doc

NOW = datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("export") / "k.duckdb"
    with Store(path) as s:
        s.add(example_doc())
        s.add(xss_doc())
    return path


@pytest.fixture(scope="module")
def data(db):
    with Store(db, read_only=True) as s:
        return TimelineData.read(s)


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


# iCalendar -------------------------------------------------------------------------------------

def test_ics_has_one_all_day_event_per_dated_entry(data):
    ics, skipped = to_ics(data, now=NOW)
    dated = [e for _, e in data.entries if e.date.dated]
    assert ics.count("BEGIN:VEVENT") == len(dated) and skipped == len(data.entries) - len(dated)
    assert all(len(line.encode()) <= 75 for line in ics.split("\r\n"))
    lines = unfold(ics)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert "DTSTAMP:20260102T030405Z" in lines
    assert "DTSTART;VALUE=DATE:20220407" in lines and "DTEND;VALUE=DATE:20220415" in lines
    assert any(line.startswith("DESCRIPTION:On one day between 2022-04-07 and 2022-04-14")
               for line in lines)


def test_ics_escapes_text_and_links_only_web_sources(data):
    lines = unfold(to_ics(data, now=NOW)[0])
    summary = next(line for line in lines if line.startswith("SUMMARY:<script>"))
    assert summary == "SUMMARY:" + f"{SCRIPT} {IMG} summary".replace(",", "\\,").replace(
        ";", "\\;")
    assert not any(line.startswith("URL:javascript") for line in lines)
    assert any(line.startswith("URL:https://www.rbc.ru/") for line in lines)


@given(st.text(min_size=1, max_size=400))
def test_ics_folding_round_trips(text):
    line = "SUMMARY:" + text.replace("\r", "").replace("\n", "")
    parts = _fold(line)
    assert all(len(p.encode()) <= 75 for p in parts)
    assert parts[0] + "".join(p[1:] for p in parts[1:]) == line


# Markdown --------------------------------------------------------------------------------------

def test_markdown_footnotes_every_piece_of_evidence(data):
    md = to_markdown(data)
    cited = {n for _, e in data.entries for n in e.events}
    assert md.count("\n[^") == len(data.events) == len(cited)
    assert "- **2022-04-07 … 2022-04-14**" in md
    assert "said by John Kirby on 2022-04-14" in md


def test_markdown_shows_payloads_as_text(data):
    md = to_markdown(data)
    assert "<script>" not in md and "<img" not in md and "](javascript" not in md
    assert "&lt;script>" in md and JS_URL not in md.replace("\\", "")
    assert md_escape("[x](javascript:1) *b*") == "\\[x\\](javascript:1) \\*b\\*"


# tables and the CLI ----------------------------------------------------------------------------

def test_csv_and_jsonl_tables(db, tmp_path):
    runner = CliRunner()
    for fmt in ("csv", "jsonl"):
        r = runner.invoke(app, ["export", "--db", str(db), "--format", fmt, "--out",
                                str(tmp_path / fmt), "--actor", "Austin"])
        assert r.exit_code == 0, r.output
    entries = [json.loads(x) for x in (tmp_path / "jsonl" / "entries.jsonl").read_text()
               .splitlines()]
    assert entries and all(e["document"] == example_doc().id for e in entries)
    assert all(any("Austin" in a["name"] for a in e["sources"] + e["targets"]) for e in entries)
    header = (tmp_path / "csv" / "entries.csv").read_text().splitlines()[0]
    assert header.startswith("id,document,earliest,latest")
    events = (tmp_path / "csv" / "events.csv").read_text().splitlines()
    assert len(events) - 1 == sum(len(e["events"]) for e in entries)


def test_parquet_export_still_writes_whole_tables(db, tmp_path):
    r = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "parquet", "--out",
                                 str(tmp_path / "pq")])
    assert r.exit_code == 0, r.output
    assert sorted(p.name for p in (tmp_path / "pq").iterdir()) == [
        "documents.parquet", "entries.parquet", "events.parquet"]


def test_gdelt_export_is_one_tab_separated_row_per_event(db, tmp_path):
    r = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "gdelt", "--out",
                                 str(tmp_path / "events.tsv")])
    assert r.exit_code == 0, r.output
    header, *rows = (tmp_path / "events.tsv").read_text(encoding="utf-8").splitlines()
    assert "\t" in header and rows
    assert all(len(row.split("\t")) == len(header.split("\t")) for row in rows)


def test_export_md_and_ics_to_stdout_and_files(db, tmp_path):
    runner = CliRunner()
    r = runner.invoke(app, ["export", "--db", str(db), "--format", "md"])
    assert r.exit_code == 0 and r.stdout.startswith("# Timeline")
    r = runner.invoke(app, ["export", "--db", str(db), "--format", "ics", "--out",
                            str(tmp_path / "t.ics")])
    assert r.exit_code == 0
    assert (tmp_path / "t.ics").read_bytes().startswith(b"BEGIN:VCALENDAR\r\n")


@pytest.mark.parametrize("args, says", [
    (["export", "--format", "xml"], "not one of parquet, csv"),
    (["export", "--format", "parquet", "--actor", "Austin"], "whole tables"),
    (["plot", "--out", "chart.gif"], "end the name in .png"),
    (["export", "--format", "md", "--after", "May 1"], "YYYY-MM-DD"),
])
def test_export_and_plot_mistakes_are_usage_errors(db, args, says):
    r = CliRunner().invoke(app, [*args, "--db", str(db)])
    assert isinstance(r.exception, UsageError) and says in str(r.exception)


def test_export_mistakes_are_one_line_with_exit_2(db):
    r = subprocess.run([sys.executable, "-m", "kronika", "export", "--format", "xml", "--db",
                        str(db)], capture_output=True, text=True)
    assert r.returncode == 2 and len(r.stderr.strip().splitlines()) == 1


@pytest.mark.parametrize("cmd", ["serve", "export", "plot"])
def test_new_commands_have_help_with_an_example(cmd):
    r = CliRunner().invoke(app, [cmd, "--help"])
    assert r.exit_code == 0 and "Example" in r.stdout


# plot ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("suffix, magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plot_writes_an_image(data, tmp_path, suffix, magic):
    out = tmp_path / f"t{suffix}"
    n = plot_timeline(data, out, title="Austin and Shoigu")
    assert n == sum(1 for _, e in data.entries if e.date.earliest or e.date.latest)
    assert out.read_bytes().startswith(magic) and out.stat().st_size > 5000


def test_plot_without_dated_entries_says_so(tmp_path):
    with pytest.raises(UsageError, match="no dated entries"):
        plot_timeline(TimelineData((), {}, {}), tmp_path / "t.png")


# Python API ------------------------------------------------------------------------------------

def test_process_reuses_one_pipeline():
    assert kronika.default_pipeline() is kronika.default_pipeline()
    doc = kronika.process("On May 13, 2022, Lloyd Austin held talks with Sergei Shoigu.",
                          published="2022-05-13", lang="en")
    assert isinstance(doc, kronika.Document) and doc.timeline


def test_store_timeline_filters_and_types(db):
    with kronika.Store(db, read_only=True) as store:
        last = store.timeline(actors=["Austin", "Shoigu"], statuses=["attempted_failed"], last=1)
        assert len(last) == 1 and isinstance(last[0], kronika.StoryEntry)
        assert last[0].date.latest == date(2022, 4, 14)
        after = store.timeline(after="2022-03-01", types=["consult"])
        assert after and all(e.date.earliest > date(2022, 3, 1) and e.type == "CONSULT"
                             for e in after)


def test_unknown_timeline_filters_are_refused(db):
    with kronika.Store(db, read_only=True) as store, pytest.raises(UsageError, match="actor"):
        store.timeline_by_document(actor=["Austin"])


def test_dataframes(db):
    with kronika.Store(db, read_only=True) as store:
        entries = store.to_pandas("entries")
        events = store.to_pandas("events")
        with pytest.raises(UsageError, match="'entries' or 'events'"):
            store.to_pandas("documents")
    assert len(entries) == len(store_entries(db)) and "summary" in entries
    assert str(entries["earliest"].dtype).startswith("datetime64")
    assert {"speaker", "evidence", "trigger"} <= set(events.columns)


def store_entries(db):
    with Store(db, read_only=True) as s:
        return s.entries()


@given(st.text(max_size=200))
def test_markdown_escaping_leaves_no_markup(text):
    out = md_escape(text)
    assert "<" not in out and "\n" not in out
    for special in "*_[]`|":
        assert out.count(special) == out.count("\\" + special) or "\\\\" in out


def test_the_readme_python_example_runs(tmp_path, monkeypatch):
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Python API", 1)[1]
    code = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(tmp_path)
    scope = {"text": example_doc().text}
    exec(compile(code, "README.md", "exec"), scope)
    assert len(scope["latest"]) == 1 and not scope["entries"].empty
