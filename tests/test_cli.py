"""The command line as a user meets it: help, outputs, one-line errors and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from markup import DATA

ARTICLE = DATA / "rbc-2022-05-13-shoigu-austin.en.txt"
GOLD = DATA / "gold" / "rbc-2022-05-13-shoigu-austin.gold.json"
COMMANDS = [["demo"], ["process"], ["ingest"], ["timeline"], ["extract"], ["timex"],
            ["actors", "resolve"], ["eval", "timeline"], ["last"], ["gaps"], ["count"]]


def run(*args, stdin=None, env=None, cwd=None):
    return subprocess.run([sys.executable, "-m", "kronika", *map(str, args)], input=stdin,
                          capture_output=True, text=True, env=env, cwd=cwd)


@pytest.mark.parametrize("cmd", COMMANDS, ids=" ".join)
def test_every_command_has_help_with_an_example(cmd):
    r = run(*cmd, "--help")
    assert r.returncode == 0, r.stderr
    assert "Example" in r.stdout


def test_process_prints_contract_json():
    r = run("process", ARTICLE, "--published", "2022-05-13", "--lang", "en")
    assert r.returncode == 0, r.stderr
    doc = json.loads(r.stdout)
    assert doc["schema"] == "kronika.document/1"
    for e in doc["events"]:
        assert doc["text"][e["evidence"]["start"]:e["evidence"]["end"]] == e["evidence"]["text"]


def test_process_reads_stdin():
    r = run("process", "-", "--published", "2022-05-13", "--format", "jsonl",
            stdin="Russia invaded Ukraine on February 24.")
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["events"][0]["type"] == "ASSAULT"


@pytest.mark.parametrize(("args", "says"), [
    (["process", "no-such-file.txt"], "no such file"),
    (["process", ARTICLE, "--published", "13.05.2022"], "YYYY-MM-DD"),
    (["process", ARTICLE, "--lang", "xx"], "not supported"),
    (["process", ARTICLE, "--format", "xml"], "--format"),
    (["eval", "timeline", "no-such-gold.json"], "no such file"),
])
def test_errors_are_one_clear_line(args, says):
    r = run(*args)
    assert r.returncode == 2
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and says in lines[0], r.stderr
    assert "Traceback" not in r.stderr


def test_ingest_twice_stores_once_and_timeline_filters(tmp_path):
    db = tmp_path / "k.duckdb"
    first = run("ingest", ARTICLE, "--db", db, "--published", "2022-05-13")
    assert first.returncode == 0, first.stderr
    assert "1 stored" in first.stderr
    again = run("ingest", ARTICLE, "--db", db, "--published", "2022-05-13")
    assert "0 stored, 1 duplicate, 0 skipped, 0 failed" in again.stderr
    r = run("timeline", "--db", db, "--actor", "Austin", "--actor", "Shoigu", "--status",
            "attempted_failed", "--before", "2022-05-13", "--last", "1", "--format", "json")
    assert r.returncode == 0, r.stderr
    [entry] = json.loads(r.stdout)
    assert (entry["date"]["earliest"], entry["date"]["latest"]) == ("2022-04-07", "2022-04-14")


def test_ingest_reads_kronika_db_from_environment(tmp_path):
    import os

    env = {**os.environ, "KRONIKA_DB": str(tmp_path / "env.duckdb")}
    r = run("ingest", ARTICLE, "--published", "2022-05-13", env=env)
    assert r.returncode == 0, r.stderr
    assert (tmp_path / "env.duckdb").exists()


def test_eval_timeline_reports_the_gate_figures():
    r = run("eval", "timeline", GOLD)
    assert r.returncode == 0, r.stderr
    assert "recall 1.000" in r.stdout


def test_demo_answers_the_gold_questions():
    r = run("demo")
    assert r.returncode == 0, r.stderr
    assert r.stdout.count("Q:") == 3
    assert "2022-04-07 … 2022-04-14" in r.stdout


def test_actors_resolve_says_why():
    r = run("actors", "resolve", "head of the Pentagon", "--date", "2018-06-01")
    assert r.returncode == 0, r.stderr
    assert "Mattis" in r.stdout and "why" in r.stdout


@pytest.mark.parametrize("command", [["actors", "resolve", "Austin", "--date", "2022-05-13"],
                                     ["process", "-"]])
def test_actors_option_reads_the_users_actor_file(tmp_path, command):
    # `--actors FILE` (a knowledge-base file) is not `--actor NAME` (a timeline filter)
    bad = tmp_path / "mine.yaml"
    bad.write_text("people: [1, 2]\n", encoding="utf-8")
    r = run(*command, "--actors", bad)
    assert r.returncode != 0
    assert "mine.yaml" in r.stderr and "K401" in r.stderr


def test_unreadable_bytes_fail_with_one_line(tmp_path):
    binary = tmp_path / "noise.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    r = run("process", binary)
    assert r.returncode == 1
    assert len(r.stderr.strip().splitlines()) == 1 and "encoding" in r.stderr


def test_ingest_counts_failures_and_goes_on(tmp_path):
    (tmp_path / "good.txt").write_text("Russia invaded Ukraine on February 24.", encoding="utf-8")
    (tmp_path / "bad.txt").write_bytes(bytes(range(256)) * 8)
    r = run("ingest", tmp_path, "--db", tmp_path / "k.duckdb", "--published", "2022-05-13")
    assert r.returncode == 1
    assert "1 stored, 0 duplicate, 0 skipped, 1 failed" in r.stderr
    assert "bad.txt" in r.stderr


def test_process_explain_names_rule_date_speaker_and_hedge(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("When announcing the shutdown on Monday, Jacinda Ardern urged the United States "
                 "to help. Reuters reported that Russia allegedly attacked Ukraine.",
                 encoding="utf-8")
    r = run("process", f, "--explain", "--published", "2020-03-25", "--lang", "en")
    assert r.returncode == 0, r.stderr
    lines = [x for x in r.stdout.splitlines() if x.startswith("  REQUEST") or x.startswith("  ASSAULT")]
    assert "rule request-call-on" in lines[0] and "date 2020-03-23 (relative)" in lines[0]
    assert "says Reuters" in lines[1] and lines[1].endswith("hedged")


def test_a_russian_document_gets_no_note_about_missing_events(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("Сергей Шойгу провёл переговоры с Ллойдом Остином.", encoding="utf-8")
    r = run("process", f, "--published", "2022-05-13", "--lang", "ru")
    assert r.returncode == 0, r.stderr
    assert "events come later" not in r.stderr and json.loads(r.stdout)["events"]
