"""The noise flagger: case files, rule examples, the reference article, Wikinews, properties."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kronika.document import NOISE_KINDS, Document
from kronika.errors import RuleFileError
from kronika.extract.noise import (
    LANGUAGES,
    NoiseFlagger,
    explain,
    find_noise,
    ruleset,
)
from kronika.language.sentences import Sentences, split
from kronika.pipeline import Pipeline
from markup import DATA, parse, read_cases, render

SHARED = Path(__file__).resolve().parents[1] / ".." / "shared"
REFERENCE = "rbc-2022-05-13-shoigu-austin"
#: Share of a real-news line's characters that may be flagged in Wikinews (captions on their own
#: line and transcript turns are not real-news lines; see `_news_lines`).
MAX_NEWS_LINE_SHARE = 0.2
WIKINEWS_ARTICLES = 50
_CAPTION = re.compile(r"\b(?:Image|Photo|Фото)s?:")


def flagged(text: str, language: str = "en") -> list[tuple[int, int, str]]:
    return [(n.start, n.end, n.kind) for n in find_noise(text, split(text), language)]


def check_marked(marked: str, language: str, where: str) -> list[str]:
    """Flag the plain text of `marked` and compare with its [[...|kind]] spans."""
    text, spans = parse(marked)
    want = sorted((s, e, label) for s, e, _, label in spans)
    got = flagged(text, language)
    assert got == want, (
        f"{where}\n  want: {render(text, want)!r}\n  got:  {render(text, got)!r}"
    )
    return [n.rule for n in find_noise(text, None, language)]


# Case files ------------------------------------------------------------------------------


CASES = [(lang, c) for lang in LANGUAGES if (DATA / f"noise.{lang}.txt").exists()
         for c in read_cases(f"noise.{lang}.txt")]


@pytest.mark.parametrize(("language", "case"), CASES, ids=[f"{lg}:{c.lineno}" for lg, c in CASES])
def test_case_file(language, case):
    check_marked(case.line.replace("\\n", "\n"), language, str(case))


def test_case_file_is_large_enough():
    en = [c for lang, c in CASES if lang == "en"]
    assert len(en) >= 30
    assert sum("[[" not in c.line for c in en) >= 10, "too few negative cases"


# Rule examples ---------------------------------------------------------------------------


EXAMPLES = [(lang, rule.name, i, ex) for lang in LANGUAGES for rule in ruleset(lang).rules
            for i, ex in enumerate(rule.examples)]


@pytest.mark.parametrize(("language", "rule", "n", "example"), EXAMPLES,
                         ids=[f"{lg}:{r}:{n}" for lg, r, n, _ in EXAMPLES])
def test_rule_example(language, rule, n, example):
    rules = check_marked(example, language, f"{language} rule {rule} example {n}")
    if "[[" in example:
        assert rule in rules, f"{rule} example {n} was flagged by {rules}, not by {rule}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_rule_has_positive_and_negative_examples(language):
    for rule in ruleset(language).rules:
        assert rule.kind in NOISE_KINDS
        assert rule.description
        assert any("[[" in e for e in rule.examples), f"{rule.name}: no positive example"
        assert any("[[" not in e for e in rule.examples), f"{rule.name}: no negative example"


def test_rule_sets_name_the_same_rules():
    assert [r.name for r in ruleset("en").rules] == [r.name for r in ruleset("ru").rules]


def test_unknown_language_uses_english_rules():
    assert ruleset("de").language == "en"


def test_bad_rule_file_is_reported(monkeypatch):
    import kronika.extract.noise as noise

    monkeypatch.setattr(noise, "load_rules", lambda *_: {"lexicon": {}, "rules": [
        {"name": "no_such_rule", "kind": "boilerplate", "description": "x", "examples": []}]})
    noise.ruleset.cache_clear()
    try:
        with pytest.raises(RuleFileError, match="no_such_rule"):
            noise.ruleset("en")
    finally:
        monkeypatch.undo()
        noise.ruleset.cache_clear()


# The stage -------------------------------------------------------------------------------


def test_stage_writes_the_noise_layer():
    doc = Document(id="x", text="Advertisement\nTalks began on Monday. Recently, I think.",
                   language="en")
    doc = NoiseFlagger()(Sentences()(doc))
    assert [(n.text, n.kind, n.rule) for n in doc.noise] == [
        ("Advertisement", "boilerplate", "furniture_line"),
        ("Recently, I think.", "hedge", "hedge_fragment"),
    ]
    assert NoiseFlagger.adds == ("noise",) and "sentences" in NoiseFlagger.reads


def test_stage_can_disable_rules():
    doc = Sentences()(Document(id="x", text="Advertisement\nTalks began.", language="en"))
    assert NoiseFlagger(disabled=["furniture_line"])(doc).noise == ()


def test_stage_runs_after_sentences_in_a_pipeline():
    from kronika.extract import Extract

    doc = Pipeline([Extract(), Sentences(), NoiseFlagger()]).process("Advertisement\nTalks began.")
    assert [n.text for n in doc.noise] == ["Advertisement"]


def test_explain_gives_the_rule_description():
    pairs = explain("Lloyd Austin held talks.\nLloyd Austin\nThey spoke.", None, "en")
    assert [(n.text, n.rule) for n, _ in pairs] == [("Lloyd Austin", "name_caption")]
    assert "name" in pairs[0][1]


# The reference article -------------------------------------------------------------------


def _reference() -> tuple[str, dict]:
    text = (DATA / f"{REFERENCE}.en.txt").read_text(encoding="utf-8")
    gold = json.loads((DATA / "gold" / f"{REFERENCE}.gold.json").read_text(encoding="utf-8"))
    return text, gold


def _gold_span(text: str, item: dict) -> tuple[int, int]:
    needle = item["text"]
    if "line" in item.get("occurrence", ""):
        m = re.search(rf"(?m)^{re.escape(needle)}$", text)
        assert m, f"no line holds only {needle!r}"
        return m.start(), m.end()
    start = text.index(needle)
    return start, start + len(needle)


def test_reference_noise_is_covered():
    text, gold = _reference()
    noise = find_noise(text, split(text), "en")
    covered = {i for n in noise for i in range(n.start, n.end)}
    spans = [_gold_span(text, item) for item in gold["noise"] + gold["hedges"]]
    total = sum(e - s for s, e in spans)
    hit = sum(1 for s, e in spans for i in range(s, e) if i in covered)
    assert hit / total >= 0.95, f"covered {hit}/{total} characters of gold noise and hedges"
    for s, e in spans:  # every gold span is touched
        assert any(i in covered for i in range(s, e)), text[s:e]


REAL_NEWS = [
    "Shoigu held talks with the head of the Pentagon for the first time since the beginning of "
    "the special operation",
    "US Secretary of Defense Lloyd Austin held talks with",
    "On April 14, Kirby reported that",
    "Since then, the United States has repeatedly reported unsuccessful attempts to contact Sergei "
    "Shoigu to discuss the situation, including around Ukraine",
    "Then Austin called on Shoigu",
    "The Pentagon called it a “tactical mechanism”",
    "The situation escalated against the backdrop of reports",
    "“Topical issues of international security were discussed",
]


def test_reference_news_is_not_flagged():
    text, gold = _reference()
    noise = find_noise(text, split(text), "en")
    news = REAL_NEWS + [e["evidence"] for e in gold["entries"]]
    for needle in news:
        start = text.index(needle)
        end = start + len(needle)
        hits = [n for n in noise if n.start < end and start < n.end]
        assert not hits, f"{needle!r} overlaps {[(n.text, n.rule) for n in hits]}"


# Wikinews --------------------------------------------------------------------------------


def _news_lines(text: str) -> list[tuple[int, int]]:
    """Lines that read as reporting: eight words or more, ending with a full stop, and neither a
    transcript turn ("((WN)) ...") nor a photo caption ("... Image: Andrew Gray.")."""
    out, pos = [], 0
    for line in text.split("\n"):
        body = line.strip()
        if (len(body.split()) >= 8 and body[-1:] in ".!?\"”»" and not body.startswith("((")
                and not _CAPTION.search(body)):
            out.append((pos, pos + len(line)))
        pos += len(line) + 1
    return out


@pytest.mark.parametrize("language", LANGUAGES)
def test_wikinews_news_lines_are_not_flagged(language):
    corpus = SHARED / "corpus" / "wikinews" / f"{language}.jsonl"
    if not corpus.exists():
        pytest.skip(f"the shared Wikinews corpus is not at {corpus.resolve()}")
    lines = corpus.read_text(encoding="utf-8").splitlines()[:WIKINEWS_ARTICLES]
    bad, chars, flagged_chars = [], 0, 0
    for raw in lines:
        article = json.loads(raw)
        text = f"{article['title']}\n\n{article['text']}"
        noise = find_noise(text, split(text), language)
        for s, e in _news_lines(text):
            hit = sum(min(e, n.end) - max(s, n.start) for n in noise if n.start < e and s < n.end)
            chars += e - s
            flagged_chars += hit
            if hit / (e - s) > MAX_NEWS_LINE_SHARE:
                bad.append((article["id"], text[s:e][:100], [n.rule for n in noise
                                                            if n.start < e and s < n.end]))
    assert not bad, f"{len(bad)} real-news lines flagged: {bad[:5]}"
    assert flagged_chars / chars < 0.01


# Properties ------------------------------------------------------------------------------


_PIECES = st.sampled_from([
    "Lloyd Austin", "Read also: Ten things", "Источник", "I think.", "“I don’t know", "or so.",
    "Pro", "Video", "Photo: Reuters", "(Photo: AFP)", "said", "—", "\n", "\n\n", " ", ". ", "”",
    "«", "»", "\"", "((WN))", "Share", "Tags", "©", "The talks began on Monday.", ">", "Apple",
])


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES | st.text(max_size=12), max_size=30), st.sampled_from(LANGUAGES))
def test_spans_are_sorted_in_bounds_and_match_the_text(pieces, language):
    text = "".join(pieces)
    noise = find_noise(text, split(text), language)
    end = 0
    for n in noise:
        assert end <= n.start < n.end <= len(text)
        assert text[n.start:n.end] == n.text
        assert n.kind in NOISE_KINDS and n.rule
        end = n.end
