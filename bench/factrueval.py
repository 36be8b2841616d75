"""Russian NER on factRuEval-2016 (test set): natasha's PER/LOC/ORG F1 against its published figures.

Data: ../shared/data/factrueval-2016/testset (MIT, Copyright (c) 2015 dialogue-evaluation; see
DATA.md). Gold entities are the `.objects`: Person -> PER, Org -> ORG, Location and LocOrg -> LOC.
An object's span runs from its first to its last *name* span (name, surname, patronymic,
nickname, org_name, loc_name, geo_adj); descriptor spans ("переулка", job titles) are left out,
as the model tags names. A prediction is correct when its span and label equal a gold one
(exact match). natasha's published figures on this corpus: PER 0.95, LOC 0.91, ORG 0.82.

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
NAME_SPANS = {"name", "surname", "patronymic", "nickname", "org_name", "loc_name", "geo_adj"}


def gold(stem: Path) -> set[tuple[int, int, str]]:
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
        parts = [spans[s] for s in head[2:] if s in spans and spans[s][0] in NAME_SPANS]
        if parts:
            out.add((min(p[1] for p in parts), max(p[2] for p in parts), TYPES[head[1]]))
    return out


def main() -> int:
    if not DATA.exists():
        print(f"skipped: {DATA} is absent (the bench needs ../shared)")
        return 0
    limit = int(sys.argv[sys.argv.index("--limit") + 1]) if "--limit" in sys.argv else None
    from kronika.language import backbone

    ru = backbone.backbone("ru")
    stems = sorted(p.with_suffix("") for p in DATA.glob("*.objects"))[:limit]
    tp, fp, fn = Counter(), Counter(), Counter()
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
    dt = time.process_time() - t0
    print(f"factRuEval-2016 test: {len(stems)} documents, {words} words; natasha NER + "
          f"normal forms {words / dt:.0f} words/s (CPU)")
    for label, pub in PUBLISHED.items():
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"  {label}: P {p:.3f} R {r:.3f} F1 {f:.3f}  (published {pub:.2f}; "
              f"ratio {f / pub:.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
