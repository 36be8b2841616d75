"""How the fourth Russian held-out Wikinews sentences were drawn (run from the repo root).

    PYTHONPATH=src python tests/data/events/pick_ru4.py ../shared/corpus/wikinews/ru.jsonl

Written before any Russian rule was changed on branch ev-ru6 and before the coder was run on
the sentences it draws. Only ARTICLES not used by any earlier Russian set are drawn from: an
article whose NEREL id heads a case of any tests/data/events/ru.*.txt file is left out whole,
and so is any sentence found in those files. The sentence filter and the interaction stems are
those of pick_ru2.py, the PLOVER families those of pick_ru3.py (both imported, unchanged);
repeated sentences are kept once. From each family of n interaction sentences, every
(n // PER_FAMILY)-th from offset FIRST modulo that step, at most PER_FAMILY (PER_OTHER for
"other"); then RANDOM named sentences without an interaction word (seed SEED). Sentences are
kept in corpus order.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick_ru2 import sentences  # noqa: E402
from pick_ru3 import choose  # noqa: E402

PER_FAMILY, PER_OTHER, FIRST, RANDOM, SEED = 10, 8, 4, 12, 61
_DOC = re.compile(r"^#\s*(wn-ru-nerel-\d+)\s*$")


# The Russian case files there were when the draw was made: the sets written since (this one,
# ru.factrueval2.txt) must not change what a re-run draws.
USED = ("ru.dev.txt", "ru.factrueval.txt", "ru.heldout.txt", "ru.heldout2.txt", "ru.heldout3.txt",
        "ru.rules.txt", "ru.syntax.txt")


def _used(root: Path) -> tuple[set[str], set[str]]:
    """The article ids and the sentences of the Russian case files of the draw (USED)."""
    docs: set[str] = set()
    taken: set[str] = set()
    for path in (root / name for name in USED):
        for line in path.read_text(encoding="utf-8").splitlines():
            m = _DOC.match(line)
            if m:
                docs.add(m.group(1))
            elif line and not line.startswith(("#", "@", " ")):
                taken.add(line.strip())
    return docs, taken


def pick(path: str) -> list[tuple[str, str]]:
    docs, taken = _used(Path(__file__).parent)
    seen: set[str] = set()
    unique = []
    for doc, s in sentences(path, taken):
        if doc not in docs and s not in seen:
            seen.add(s)
            unique.append((doc, s))
    return choose(unique, PER_FAMILY, PER_OTHER, FIRST, RANDOM, SEED)


if __name__ == "__main__":
    for doc, s in pick(sys.argv[1]):
        print(f"# {doc}")
        print(s)
