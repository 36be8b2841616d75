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

import random
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from pick_ru2 import INTERACTION, sentences  # noqa: E402
from pick_ru3 import _family  # noqa: E402

PER_FAMILY, PER_OTHER, FIRST, RANDOM, SEED = 10, 8, 4, 12, 61
_DOC = re.compile(r"^#\s*(wn-ru-nerel-\d+)\s*$")


def _used(root: Path) -> tuple[set[str], set[str]]:
    """The article ids and the sentences of every Russian case file."""
    docs: set[str] = set()
    taken: set[str] = set()
    for path in sorted(root.glob("ru.*.txt")):
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
    inter = [i for i, (_, s) in enumerate(unique) if INTERACTION.search(s)]
    groups: dict[str, list[int]] = {}
    for i in inter:
        groups.setdefault(_family(unique[i][1]), []).append(i)
    chosen: set[int] = set()
    for name, members in groups.items():
        per = PER_OTHER if name == "other" else PER_FAMILY
        step = max(1, len(members) // per)
        chosen |= set(members[FIRST % step :: step][:per])
    plain = [i for i in range(len(unique)) if i not in set(inter)]
    chosen |= set(random.Random(SEED).sample(plain, RANDOM))
    return [unique[i] for i in sorted(chosen)]


if __name__ == "__main__":
    for doc, s in pick(sys.argv[1]):
        print(f"# {doc}")
        print(s)
