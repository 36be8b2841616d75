"""The story commands as a user meets them: timeline --story/--since/--format md, last, gaps,
count, and eval timeline on a story gold."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from kronika.eval.story import load_articles, process_articles
from kronika.eval.timeline import load_gold
from kronika.store import Store

STORY = Path(__file__).parent / "data" / "stories" / "austin-shoigu"


def run(*args):
    return subprocess.run([sys.executable, "-m", "kronika", *map(str, args)],
                          capture_output=True, text=True)


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("story") / "story.duckdb"
    gold = load_gold(STORY / "gold.json")
    arts = load_articles(STORY / "gold.json", gold)
    docs = process_articles(STORY, arts)
    with Store(path) as store:
        for d in docs.values():
            store.add(d)
        by_file = {a.file: a for a in arts}
        for f, a in by_file.items():
            if a.duplicate_of:
                store.mark_duplicate(docs[f].id, docs[a.duplicate_of].id)
    return path


def test_timeline_story_reads_the_corpus_timeline(db):
    r = run("timeline", "--db", db, "--story", "Austin Shoigu", "--format", "json")
    assert r.returncode == 0, r.stderr
    entries = json.loads(r.stdout)
    may13 = [e for e in entries if e["date"]["earliest"] == "2022-05-13" and e["type"] == "CONSULT"]
    assert len(may13) == 1
    assert len(may13[0]["documents"]) >= 3 and may13[0]["evidence"]


def test_timeline_markdown_and_inclusive_since_until(db):
    r = run("timeline", "--db", db, "--story", "Lloyd Austin, Sergei Shoigu", "--since",
            "2022-10-21", "--until", "2022-10-23", "--format", "md")
    assert r.returncode == 0, r.stderr
    rows = [line for line in r.stdout.splitlines() if line.startswith("| 2022-")]
    assert [row.split(" | ")[0] for row in rows] == ["| 2022-10-21", "| 2022-10-23"]


def test_relative_since_far_back_keeps_everything_and_bad_values_say_how(db):
    ok = run("timeline", "--db", db, "--since", f"{(date.today().year - 2000) * 12}m",
             "--format", "json")
    assert ok.returncode == 0 and json.loads(ok.stdout)
    bad = run("timeline", "--db", db, "--since", "last week")
    assert bad.returncode == 2 and "30d" in bad.stderr and len(bad.stderr.splitlines()) == 1


def test_last_contact_with_its_evidence_chain(db):
    r = run("last", "CONSULT", "--between", "Lloyd Austin", "Sergei Shoigu", "--db", db,
            "--explain")
    assert r.returncode == 0, r.stderr
    first, *chain = r.stdout.splitlines()
    assert first.startswith("2022-10-23")
    assert any("gave the date" in line for line in chain)
    assert any("Sunday" in line for line in chain)


def test_gaps_longest_first(db):
    r = run("gaps", "--between", "Austin", "Shoigu", "--db", db, "--format", "json")
    assert r.returncode == 0, r.stderr
    gaps = json.loads(r.stdout)
    assert gaps[0]["start"] == "2022-05-14" and gaps[0]["end"] == "2022-10-20"
    assert gaps == sorted(gaps, key=lambda g: -g["days"])


def test_count_by_month(db):
    r = run("count", "--by", "month", "--type", "CONSULT", "--actor", "Shoigu", "--db", db,
            "--format", "json")
    assert r.returncode == 0, r.stderr
    counts = {c["period"]: c["count"] for c in json.loads(r.stdout)}
    # October: the calls with Austin on the 21st and 23rd, and "Shoigu also phoned his French,
    # British and Turkish counterparts" on the 23rd (dated by the narrative's reference date)
    assert counts["2022-10"] == 3 and counts["2022-05"] == 1


def test_eval_timeline_on_a_story_gold_reports_per_language():
    r = run("eval", "timeline", STORY / "gold.json", "--format", "json")
    assert r.returncode == 0, r.stderr
    got = {s["language"]: s for s in json.loads(r.stdout)["scores"]}
    assert set(got) == {"all", "en", "ru", "per-document"}
    assert {"recall", "precision", "date_accuracy", "duplicate_rate", "tls_date"} <= set(got["en"])
