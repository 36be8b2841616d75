"""The events scorer: pairing, per-type counts, status and actor agreement."""

from __future__ import annotations

import pytest

from kronika.document import Actor, Event, Span
from kronika.errors import GoldFileError
from kronika.eval.events import Score, parse_event, read_cases, score_case


def _event(type_, status, src=(), tgt=(), mode=None):
    span = Span(0, 1, "x")
    return Event("e", type_, status, span, span, tuple(Actor(n, n) for n in src),
                 tuple(Actor(n, n) for n in tgt), mode=mode, rule="r")


def test_event_line_reads_mode_date_and_hedge():
    g = parse_event("CONSULT/phone attempted_failed: Lloyd Austin -> Sergei Shoigu @ undated hedged")
    assert (g.type, g.mode, g.status, g.date, g.hedged) == (
        "CONSULT", "phone", "attempted_failed", "undated", True)
    assert g.sources == {"Lloyd Austin"} and g.targets == {"Sergei Shoigu"}


def test_pairs_by_type_and_counts_status_and_actors(tmp_path):
    f = tmp_path / "cases.txt"
    f.write_text("@lang ru\nОстин безуспешно пытался связаться с Шойгу.\n"
                 "  CONSULT attempted_failed: Lloyd Austin -> Sergei Shoigu\n"
                 "Шойгу говорил по-русски.\n  (no event)\n", encoding="utf-8")
    first, second = read_cases(f)
    assert first.lang == "ru" and second.events == ()
    s = Score()
    score_case(first, [_event("CONSULT", "occurred", ["Lloyd Austin"], ["Sergei Shoigu"])], s)
    score_case(second, [_event("ACCUSE", "occurred", ["Sergei Shoigu"])], s)
    assert s.types["CONSULT"].tp == 1 and s.types["ACCUSE"].fp == 1
    assert s.status_accuracy == 0.0 and s.actors.f1 == 1.0
    assert s.macro_f1 == 1.0  # ACCUSE is not in the gold: it costs precision, not the macro


def test_a_sentence_without_event_lines_is_an_error(tmp_path):
    f = tmp_path / "cases.txt"
    f.write_text("Austin called Shoigu.\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="no event lines"):
        read_cases(f)


# the plain cue-word baseline (kronika eval events --coder cues) -------------------------------

CUE_CASES = [
    # text, lang, the types the baseline says the case holds
    ("Russia attacked Ukraine on Monday.", "en", ["ASSAULT"]),
    ("The talks with Iran failed, and Washington imposed sanctions.", "en", ["CONSULT", "SANCTION"]),
    ("The weather was warm in Paris.", "en", []),
    ("The court will fine the company.", "en", ["SANCTION"]),  # no syntax: a cue is a cue
    ("Россия нанесла удар по Киеву.", "ru", ["ASSAULT"]),
    ("В Москве было солнечно.", "ru", []),
]


@pytest.mark.parametrize(("text", "lang", "types"), CUE_CASES, ids=[c[0] for c in CUE_CASES])
def test_cue_baseline_says_which_types_have_a_cue_word(text, lang, types):
    from kronika.eval.baseline import cue_words

    events = cue_words(lang)(text)
    assert [e.type for e in events] == types
    assert all(e.status == "occurred" and not e.sources and not e.targets
               and e.rule.startswith("baseline:") for e in events)


def test_cue_baseline_and_unknown_coder_from_the_command_line(tmp_path):
    import subprocess
    import sys

    f = tmp_path / "cases.txt"
    f.write_text("Russia attacked Ukraine.\n  ASSAULT occurred: Russia -> Ukraine\n"
                 "The weather was warm.\n  (no event)\n", encoding="utf-8")
    run = [sys.executable, "-m", "kronika", "eval", "events", "--format", "json", str(f)]
    r = subprocess.run([*run, "--coder", "cues"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    import json

    result = json.loads(r.stdout)
    assert result["type_micro"]["tp"] == 1 and result["type_micro"]["fp"] == 0
    assert result["actor"]["fn"] == 2  # the baseline names no actor
    r = subprocess.run([*run, "--coder", "cues", "--only-events"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    assert json.loads(r.stdout)["cases"] == 1  # the case without an event is left out
    r = subprocess.run([*run, "--coder", "gpt"], capture_output=True, text=True)
    assert r.returncode != 0 and "learned or" in r.stderr
    r = subprocess.run([*run, "--coder", "learned"], capture_output=True, text=True)
    assert r.returncode == 0 and json.loads(r.stdout)["type_micro"]["tp"] == 1


def test_hedge_date_and_speaker_are_scored_where_the_gold_gives_them(tmp_path):
    from datetime import date

    from kronika.document import Attribution, DateInfo

    f = tmp_path / "cases.txt"
    f.write_text("On April 14, Kirby reported that Austin again tried to contact Shoigu.\n"
                 "  CONSULT attempted_failed: Lloyd Austin -> Sergei Shoigu @ 2022-04-14 says "
                 "John Kirby hedged\n"
                 "Austin spoke with Shoigu.\n  CONSULT occurred: Lloyd Austin -> Sergei Shoigu\n",
                 encoding="utf-8")
    first, second = read_cases(f)
    span = Span(0, 1, "x")
    kirby = Actor("Kirby", "John Kirby")
    dated = Event("e", "CONSULT", "attempted_failed", span, span, (Actor("x", "Lloyd Austin"),),
                  (Actor("y", "Sergei Shoigu"),),
                  date=DateInfo("2022-04-14", date(2022, 4, 14), date(2022, 4, 14), "clause"),
                  attribution=Attribution(0, 1, "x", speaker=kirby), hedged=False, rule="r")
    s = Score()
    score_case(first, [dated], s)
    score_case(second, [_event("CONSULT", "occurred", ["Lloyd Austin"], ["Sergei Shoigu"])], s)
    assert (s.date_gold, s.date_right, s.says_gold, s.says_right) == (1, 1, 1, 1)
    assert s.hedged_right == 1 and s.hedged_accuracy == 0.5  # the first was not marked hedged


def test_agreement_scores_a_second_annotation_against_the_first(tmp_path):
    from kronika.eval.events import agreement

    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("Russia attacked Ukraine.\n  ASSAULT occurred: Russia -> Ukraine\n"
                 "Biden met Putin.\n  CONSULT occurred: Joe Biden -> Vladimir Putin\n",
                 encoding="utf-8")
    b.write_text("Russia attacked Ukraine.\n  ASSAULT occurred: Russia -> Ukraine\n"
                 "Biden met Putin.\n  (no event)\n", encoding="utf-8")
    s = agreement(read_cases(a), read_cases(b))
    assert (s.types["ASSAULT"].tp, s.types["CONSULT"].fn) == (1, 1)
    assert s.actors.f1 == 1.0 and s.macro_f1 == 0.5
    b.write_text("Russia attacked Ukraine.\n  (no event)\n", encoding="utf-8")
    head = agreement(read_cases(a), read_cases(b))  # the start of the first file only
    assert head.cases == 1 and head.types["ASSAULT"].fn == 1 and "CONSULT" not in head.types
    b.write_text("Biden met Putin.\n  (no event)\n", encoding="utf-8")
    with pytest.raises(GoldFileError, match="first file's sentences"):
        agreement(read_cases(a), read_cases(b))


def test_pooled_agreement_counts_several_pairs_as_one_set(tmp_path):
    from kronika.eval.events import pooled_agreement

    files = {}
    for name, text in {
        "a": "Russia attacked Ukraine.\n  ASSAULT occurred: Russia -> Ukraine\n",
        "a.B": "Russia attacked Ukraine.\n  ASSAULT occurred: Russia -> Ukraine\n",
        "b": "Biden met Putin.\n  CONSULT occurred: Joe Biden -> Vladimir Putin\n"
             "It rained.\n  (no event)\n",
        "b.B": "Biden met Putin.\n  (no event)\n",  # the start of the first file only
    }.items():
        files[name] = tmp_path / f"{name}.txt"
        files[name].write_text(text, encoding="utf-8")
    s = pooled_agreement([(read_cases(files["a"]), read_cases(files["a.B"])),
                          (read_cases(files["b"]), read_cases(files["b.B"]))])
    assert s.cases == 2 and (s.types["ASSAULT"].tp, s.types["CONSULT"].fn) == (1, 1)
    with pytest.raises(GoldFileError, match="b.B.txt against .*a.txt"):
        pooled_agreement([(read_cases(files["a"]), read_cases(files["b.B"]))])


def test_eval_agreement_takes_files_in_pairs(tmp_path):
    from typer.testing import CliRunner

    from kronika.cli import app

    a = tmp_path / "a.txt"
    a.write_text("Russia attacked Ukraine.\n  ASSAULT occurred: Russia -> Ukraine\n",
                 encoding="utf-8")
    runner = CliRunner()
    pooled = runner.invoke(app, ["eval", "agreement", str(a), str(a), str(a), str(a)])
    assert pooled.exit_code == 0 and pooled.output.startswith("2 cases: type macro-F1 1.000")
    odd = runner.invoke(app, ["eval", "agreement", str(a), str(a), str(a)])
    assert odd.exit_code == 2 and "in pairs" in odd.output
