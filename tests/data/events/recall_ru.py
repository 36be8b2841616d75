"""Why the Russian coder misses gold events (run from the repo root; development files only):

    .venv/bin/python tests/data/events/recall_ru.py tests/data/events/ru.dev.txt \
        tests/data/events/ru.heldout.txt tests/data/events/ru.heldout2.txt [-v]

Each gold event no predicted event of its type pairs with is (c) typed differently when the case
holds an unpaired predicted event of another type, else (b) a trigger of its type was found (a
rule of ru.yaml matches or a cue of ru.cues.yaml is in the sentence) but a condition dropped it,
else (a) no trigger of its type is in the sentence at all. Never run it on the unseen sets.
"""

from __future__ import annotations

import sys
from collections import Counter

from kronika import default_pipeline
from kronika.eval.events import read_cases
from kronika.events import ru, ru_syntax


def main(args: list[str]) -> None:
    pipe = default_pipeline()
    verbose = "-v" in args
    kinds: Counter[str] = Counter()
    per_type: Counter[tuple[str, str]] = Counter()
    gold = 0
    for path in (a for a in args if a != "-v"):
        for case in read_cases(path, "ru"):
            left = list(pipe.process(case.text, published=case.published, lang="ru").events)
            missed = []
            for g in case.events:
                gold += 1
                same = [p for p in left if p.type == g.type]
                if same:
                    left.remove(same[0])
                else:
                    missed.append(g)
            folded = ru._fold(case.text)
            for g in missed:
                rules = [r.name for r in ru.rules() if r.type == g.type and r.regex.search(folded)]
                cues = [h.cue.name for h in ru_syntax.find_cues(case.text, 0, len(case.text))
                        if h.cue.type == g.type]
                if any(p.type != g.type for p in left):
                    kind = "c typed differently"
                elif rules or cues:
                    kind = "b trigger rejected"
                else:
                    kind = "a no trigger"
                kinds[kind] += 1
                per_type[(kind, g.type)] += 1
                if verbose:
                    print(f"{kind}: {g.type} {rules + cues} :: {case.text[:150]}")
    total = sum(kinds.values())
    print(f"{gold} gold events, {total} missed")
    for kind, n in sorted(kinds.items()):
        print(f"  {kind}: {n} ({n / total:.2f})")
    for (kind, type_), n in sorted(per_type.items()):
        print(f"    {kind} {type_}: {n}")


if __name__ == "__main__":
    main(sys.argv[1:])
