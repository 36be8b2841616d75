"""`make bench` (part 2): the language backbone and the actors stage, in words/s per core.

Corpus: Wikinews articles in ../shared/corpus/wikinews/{en,ru}.jsonl (CC BY 2.5; the Russian ones
from NEREL) when present, else the bundled example article repeated. One process, one thread.

Rows, per language: segmentation alone (sentences + tokens: the baseline), the named-entity
model on every sentence (what a model-everywhere design would cost), the actors stage without the
model (KB only), and the actors stage as it runs in the pipeline (the model only on sentences a
cheap rule flags). Each row gives words/s, articles/s and its cost as a multiple of the baseline,
in CPU time of this process (one core; fair when other jobs share the machine).
"""

from __future__ import annotations

import json
import sys
import time
from collections.abc import Callable
from datetime import date
from importlib import resources
from pathlib import Path

from kronika.actors import Actors
from kronika.document import Document
from kronika.events import trigger_sentences
from kronika.language import backbone
from kronika.language.sentences import Sentences

CORPUS = Path(__file__).resolve().parents[1].parent / "shared/corpus/wikinews"
#: Articles per language (enough for a stable figure in well under a minute per language).
LIMIT = {"en": 60, "ru": 100}


def load(lang: str) -> tuple[str, list[Document]]:
    path = CORPUS / f"{lang}.jsonl"
    if path.exists():
        rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()][: LIMIT[lang]]
        name = f"Wikinews {lang} ({len(rows)} articles)"
        texts = [(r["title"] + "\n\n" + r["text"], r["published"]) for r in rows]
    else:
        text = resources.files("kronika.data").joinpath(
            "examples/rbc-2022-05-13-shoigu-austin.en.txt").read_text(encoding="utf-8")
        if lang != "en":
            return "", []
        name, texts = "bundled example x30", [(text, "2022-05-13")] * 30
    docs = [Document(id=str(i), text=t, language=lang,
                     published=date.fromisoformat(p) if p else None)
            for i, (t, p) in enumerate(texts)]
    return name, [Sentences()(d) for d in docs]


def timed(fn: Callable[[Document], object], docs: list[Document]) -> float:
    """CPU seconds of this process (per core, and fair on a shared machine)."""
    fn(docs[0])  # warm up: models load here, not in the timing
    t0 = time.process_time()
    for d in docs:
        fn(d)
    return time.process_time() - t0


def run(lang: str) -> None:
    name, docs = load(lang)
    if not docs:
        print(f"{lang}: skipped (no corpus in ../shared)")
        return
    words = sum(len(d.text.split()) for d in docs)
    sents = sum(len(d.sentences) for d in docs)

    def segment(d: Document) -> None:
        backbone.sentences(d.text, lang)
        backbone.tokens(d.text, lang)

    def ner_all(d: Document) -> None:
        backbone.entities(d.text, [(s.start, s.end) for s in d.sentences], lang)

    flagged = [0]
    entities = backbone.entities

    def counting(text: str, spans, lang_: str) -> list:  # noqa: ANN001
        flagged[0] += len(spans)
        return entities(text, spans, lang_)

    rows = [("segmentation (baseline)", timed(segment, docs)),
            ("NER on every sentence", timed(ner_all, docs)),
            ("actors stage, KB only", timed(Actors(entities=False), docs))]
    backbone.entities = counting
    try:
        stage = Actors(sentences=trigger_sentences)  # as in the pipeline
        stage(docs[0])
        flagged[0] = 0
        rows.append(("actors stage (NER on flagged)", timed(stage, docs)))
    finally:
        backbone.entities = entities
    print(f"\n{lang}: {name}, {words} words, {sents} sentences; the model ran on "
          f"{flagged[0]} sentences ({flagged[0] / sents:.0%}) in the pipeline")
    base = rows[0][1]
    for label, dt in rows:
        print(f"  {label:<32} {words / dt:9.0f} words/s {len(docs) / dt:8.1f} articles/s "
              f"{dt / base:7.1f}x baseline")


def main() -> int:
    for lang in ("en", "ru"):
        run(lang)
    return 0


if __name__ == "__main__":
    sys.exit(main())
