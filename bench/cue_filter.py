"""An experiment kept for the record: does a learned filter over cue words help the event coder?

Every cue word of kronika's vocabulary in a case (the baseline of `kronika eval events --coder
cues`) becomes a candidate event of its type; a logistic regression over 18 feature templates
(the cue and its type, the word's suffix, the word classes right before and after it, whether a
KB actor or a capitalised word stands before or after it, quotes, a question mark) is trained on
some case files and scored on others. "union" adds to the coder's events those candidates of a
type the coder did not find in the case with a probability over the threshold; "union+actor"
only those with an actor near the cue word.

    .venv/bin/python bench/cue_filter.py TRAIN[,TRAIN...] TEST[,TEST...]

Never run it on the unseen sets (en.heldout3/4, en.meantime): the thresholds would be chosen on
them. Result on 2026-11-26 (README, "The cue-word baseline"): no gain over the coder on held-out
1 or 2, so the filter is not part of kronika. The optimiser is scipy's L-BFGS on the L2-penalised
log-loss, written here to avoid a scikit-learn dependency for one experiment.
"""

from __future__ import annotations

import re
import sys

import numpy as np
from scipy.optimize import minimize

from kronika import default_pipeline
from kronika.eval.events import Predicted, read_cases, score
from kronika.events.syntax import lexicon
from kronika.events.triggers import find_triggers

TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[,;:\"“”()]")
WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
CLASSES = {
    "det": {"the", "a", "an", "this", "that", "these", "those", "its", "their", "his", "her",
            "our", "any", "no"},
    "mod": {"will", "would", "could", "may", "might", "should", "can", "must", "shall"},
    "aux": {"was", "were", "is", "are", "been", "be", "being", "has", "have", "had", "did", "do",
            "does"},
    "neg": {"not", "n't", "never"},
    "prep": {"of", "in", "on", "for", "after", "before", "since", "during", "with", "against",
             "about", "over", "by", "from", "at", "into"},
    "subj": {"he", "she", "they", "we", "it", "i", "who", "which"},
    "to": {"to"}, "punct": {",", ";", ":"}, "conj": {"and", "or", "but"},
}


def word_class(word: str) -> str:
    low = word.lower()
    for name, words in CLASSES.items():
        if low in words:
            return name
    return "cap" if word[:1].isupper() else "word"


def cue_hits(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, type, cue name) of every trigger and cue word of the English vocabulary."""
    out = [(t.start, t.end, t.rule.type, "rule:" + t.rule.name)
           for t in find_triggers(text, 0, len(text), "en")]
    lex = lexicon("en")
    for m in WORD.finditer(text):
        w = m.group().lower()
        out += [(m.start(), m.end(), c.type, "verb:" + c.name) for c in lex.verbs.get(w, ())]
        out += [(m.start(), m.end(), c.type, "noun:" + c.name) for c in lex.nouns.get(w, ())]
    return out


def features(doc, text: str, hit: tuple[int, int, str, str]) -> dict[str, float]:
    start, end, type_, cue = hit
    word = text[start:end].split()[0].lower()
    suffix = ("ed" if word.endswith(("ed", "en")) else "ing" if word.endswith("ing")
              else "s" if word.endswith("s") else "base")
    before, after = TOKEN.findall(text[max(0, start - 60):start]), TOKEN.findall(text[end:end + 60])
    p1 = word_class(before[-1]) if before else "BOS"
    p2 = word_class(before[-2]) if len(before) > 1 else "BOS"
    n1 = word_class(after[0]) if after else "EOS"
    actor_before = any(m.actors and m.end <= start and start - m.end < 80 for m in doc.mentions)
    actor_after = any(m.actors and m.start >= end and m.start - end < 60 for m in doc.mentions)
    return {"bias": 1, f"type={type_}": 1, f"cue={cue}": 1, f"kind={cue.split(':')[0]}": 1,
            f"word={word}": 1, f"suffix={suffix}": 1, f"p1={p1}": 1, f"p2p1={p2}_{p1}": 1,
            f"n1={n1}": 1, f"type_p1={type_}_{p1}": 1, "actor_before": actor_before,
            "actor_after": actor_after, "actor_both": actor_before and actor_after,
            "actor_none": not (actor_before or actor_after),
            "cap_before": any(w[:1].isupper() for w in before[1:]),
            "cap_after": any(w[:1].isupper() for w in after[:8]),
            "quote": any(q in text for q in "\"“”"), "question": text.rstrip().endswith("?")}


def build(files: list[str], pipe) -> list:
    rows = []
    for case in (c for f in files for c in read_cases(f, "en")):
        doc = pipe.process(case.text, published=case.published, lang=case.lang)
        hits = [(h, features(doc, case.text, h)) for h in cue_hits(case.text)]
        rows.append((case, list(doc.events), hits, {g.type for g in case.events}))
    return rows


def train(rows: list, l2: float = 1.0) -> dict[str, float]:
    examples = [(f, float(h[2] in gold)) for _, _, hits, gold in rows for h, f in hits]
    vocab = {k: i for i, k in enumerate(sorted({k for f, _ in examples for k in f}))}
    x = np.zeros((len(examples), len(vocab)))
    for r, (f, _) in enumerate(examples):
        for k, v in f.items():
            x[r, vocab[k]] = float(v)
    y = np.array([label for _, label in examples])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        z = x @ w
        grad = x.T @ (1 / (1 + np.exp(-z)) - y)
        grad[1:] += l2 * w[1:]  # the bias (column 0, "bias" sorts first) is not penalised
        return float(np.sum(np.logaddexp(0, z) - y * z) + l2 / 2 * np.sum(w[1:] ** 2)), grad

    w = minimize(loss, np.zeros(len(vocab)), jac=True, method="L-BFGS-B").x
    return {k: float(w[i]) for k, i in vocab.items()}


def predict(weights: dict[str, float], row, threshold: float, need_actor: bool) -> list:
    _, coder, hits, _ = row
    best: dict[str, float] = {}
    for (_, _, type_, _), f in hits:
        if need_actor and f["actor_none"]:
            continue
        z = sum(weights.get(k, 0.0) * float(v) for k, v in f.items())
        best[type_] = max(best.get(type_, 0.0), 1 / (1 + np.exp(-z)))
    have = {e.type for e in coder}
    return coder + [Predicted(t, "occurred", rule="cue-filter") for t, p in best.items()
                    if p > threshold and t not in have]


def main(train_files: list[str], test_files: list[str]) -> None:
    pipe = default_pipeline()
    train_rows, test_rows = build(train_files, pipe), build(test_files, pipe)
    weights = train(train_rows)
    by_case = {id(r[0]): r for r in test_rows}
    cases = [r[0] for r in test_rows]

    def line(name: str, s) -> None:
        print(f"{name:<22} macro-F1 {s.macro_f1:.3f}  micro P {s.micro.precision:.3f} "
              f"R {s.micro.recall:.3f}  actor F1 {s.actors.f1:.3f}")

    line("coder", score(cases, lambda c: by_case[id(c)][1]))
    for threshold in (0.4, 0.5, 0.6, 0.7, 0.8):
        for need_actor in (False, True):
            name = f"union{'+actor' if need_actor else ''} > {threshold}"
            line(name, score(cases, lambda c, t=threshold, a=need_actor:
                             predict(weights, by_case[id(c)], t, a)))


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    main(sys.argv[1].split(","), sys.argv[2].split(","))
