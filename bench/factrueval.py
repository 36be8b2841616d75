"""Russian NER on factRuEval-2016 (test set): natasha's PER/LOC/ORG F1 against its published figures.

Data: ../shared/data/factrueval-2016/testset (MIT, Copyright (c) 2015 dialogue-evaluation; see
DATA.md). Gold entities are the `.objects`: Person -> PER, Org -> ORG, Location and LocOrg -> LOC.
An object's span runs from its first to its last *name* span (name, surname, patronymic,
nickname, org_name, loc_name); descriptor spans ("переулка", job titles) and adjectives
(geo_adj) are left out, as the model tags names. Two scores: exact spans (span and label equal a gold one), and per
token (each `.tokens` token labelled by the span covering it), which we believe is how natasha's
naeval scores NER. natasha's published figures on this corpus: PER 0.95, LOC 0.91, ORG 0.82.

Run: .venv/bin/python bench/factrueval.py [--limit N]
"""

from __future__ import annotations

import sys
import time
from collections import Counter
from pathlib import Path

DATA = Path(__file__).resolve().parents[1].parent / "shared/data/factrueval-2016/testset"
PUBLISHED = {"PER": 0.95, "LOC": 0.91, "ORG": 0.82}
TYPES = {"Person": "PER", "Org": "ORG", "Location": "LOC", "LocOrg": "LOC"}
#: geo_adj ("российский", "киевском": 186 spans in the test set) is left out: the model tags
#: names, not adjectives, and an object known only by an adjective is no named entity.
NAME_SPANS = {"name", "surname", "patronymic", "nickname", "org_name", "loc_name"}


def gold(stem: Path, names_only: bool = True) -> set[tuple[int, int, str]]:
    spans = {}
    for line in stem.with_suffix(".spans").read_text(encoding="utf-8").splitlines():
        f = line.split()
        if len(f) >= 4:
            spans[f[0]] = (f[1], int(f[2]), int(f[2]) + int(f[3]))
    out = set()
    for line in stem.with_suffix(".objects").read_text(encoding="utf-8").splitlines():
        head = line.split("#")[0].split()
        if len(head) < 3 or head[1] not in TYPES:
            continue
        parts = [spans[s] for s in head[2:]
                 if s in spans and (spans[s][0] in NAME_SPANS or not names_only)]
        if parts:
            out.add((min(p[1] for p in parts), max(p[2] for p in parts), TYPES[head[1]]))
    return out


def tokens(stem: Path) -> list[tuple[int, int]]:
    out = []
    for line in stem.with_suffix(".tokens").read_text(encoding="utf-8").splitlines():
        f = line.split()
        if len(f) >= 3:
            out.append((int(f[1]), int(f[1]) + int(f[2])))
    return out


def _label_at(spans: set[tuple[int, int, str]], start: int, end: int) -> str | None:
    return next((lab for a, b, lab in spans if a <= start and end <= b), None)


def _f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def evaluate(limit: int | None = None) -> tuple[int, int, float, dict[str, tuple[float, ...]]]:
    """(documents, words, CPU seconds, {label: (span P, R, F1, token P, R, F1)})."""
    from kronika.language import backbone

    ru = backbone.backbone("ru")
    stems = sorted(p.with_suffix("") for p in DATA.glob("*.objects"))[:limit]
    tp, fp, fn = Counter(), Counter(), Counter()
    ttp, tfp, tfn = Counter(), Counter(), Counter()  # per token
    words = 0
    t0 = time.process_time()
    for stem in stems:
        text = stem.with_suffix(".txt").read_text(encoding="utf-8")
        words += len(text.split())
        want = gold(stem)
        got = {(e.start, e.end, e.label) for e in ru.entities(text, [(0, len(text))])}
        for label in PUBLISHED:
            g = {x for x in want if x[2] == label}
            p = {x for x in got if x[2] == label}
            tp[label] += len(g & p)
            fp[label] += len(p - g)
            fn[label] += len(g - p)
        for start, end in tokens(stem):
            g_, p_ = _label_at(want, start, end), _label_at(got, start, end)
            if g_ and g_ == p_:
                ttp[g_] += 1
            else:
                if p_:
                    tfp[p_] += 1
                if g_:
                    tfn[g_] += 1
    dt = time.process_time() - t0
    scores = {label: _f1(tp[label], fp[label], fn[label]) + _f1(ttp[label], tfp[label],
                                                                 tfn[label])
              for label in PUBLISHED}
    return len(stems), words, dt, scores


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (the bench needs ../shared)")
        return 0
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    n, words, dt, scores = evaluate(limit)
    print(f"factRuEval-2016 test: {n} documents, {words} words; natasha NER + "
          f"normal forms {words / dt:.0f} words/s (CPU)")
    print("  exact spans                      per token (naeval-style)    published")
    for label, pub in PUBLISHED.items():
        p, r, f, tp_, tr, tf = scores[label]
        print(f"  {label}: P {p:.3f} R {r:.3f} F1 {f:.3f}   P {tp_:.3f} R {tr:.3f} F1 {tf:.3f}   "
              f"{pub:.2f} (token F1 / published {tf / pub:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
