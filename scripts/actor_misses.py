"""Why the event coder names the wrong actors: an actor diagnosis over DEVELOPMENT files.

    .venv/bin/python scripts/actor_misses.py tests/data/events/train/ru.*.txt \
        tests/data/events/guideline/ru.heldout.txt [--list BIN]

Over the events the scorer pairs (a predicted event of the gold event's type in its case), each
gold actor the coder left out of its role and each actor it added falls in one bin:
  role-swapped     the actor is named, in the other role;
  mentioned        the actor stage found it in the sentence, the role reader did not take it;
  other-form       a mention of the sentence shares a word with it: the name is formed otherwise
                   (an inflected or lemmatised surname, a title taken in, a full name from
                   elsewhere in the article);
  not-mentioned    no mention of it in the sentence (one word or several);
  extra            an actor the gold does not name in that role.
Never run it on an unseen set: it prints the sentences with --list.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict

from kronika import default_pipeline
from kronika.eval.events import _shared, read_cases

sys.path.insert(0, "scripts")
from event_misses import files_and_bin  # noqa: E402 - the unseen sets are told by file name there


def bin_of(name: str, role: str, other_role: set[str], mentioned: set[str]) -> str:
    """The bin of a gold actor missing from its role."""
    if name in other_role:
        return "role-swapped"
    if name in mentioned:
        return f"mentioned-not-{role}"
    if any(name.split()[-1] in m or m.split()[-1] in name for m in mentioned):
        return "other-form"
    return "not-mentioned" + ("-1word" if " " not in name else "")


def main(argv: list[str]) -> None:
    argv, show = files_and_bin(argv)
    pipeline = default_pipeline()
    bins: Counter[str] = Counter()
    listed: dict[str, list[str]] = defaultdict(list)
    for case in (c for f in argv for c in read_cases(f)):
        doc = pipeline.process(case.text, published=case.published, lang=case.lang)
        mentioned = {a.name for m in doc.mentions for a in m.actors}
        left = list(doc.events)
        for g in case.events:
            same = [p for p in left if p.type == g.type]
            if not same:
                continue
            p = max(same, key=lambda x: _shared(g, x))
            left.remove(p)
            got = {"src": {a.name for a in p.sources}, "tgt": {a.name for a in p.targets}}
            for role, gold, other in (("src", g.sources, got["tgt"]),
                                      ("tgt", g.targets, got["src"])):
                for name in gold - got[role]:
                    b = bin_of(name, role, other, mentioned)
                    bins[b] += 1
                    listed[b].append(f"{case.file}:{case.line} {g.type} {role} {name!r}: "
                                     f"{case.text[:160]}")
                for name in got[role] - gold:
                    bins[f"extra-{role}"] += 1
                    listed[f"extra-{role}"].append(f"{case.file}:{case.line} {g.type} {role} "
                                                   f"{name!r}: {case.text[:160]}")
    for b, n in bins.most_common():
        print(f"{n:5d}  {b}")
    for line in listed.get(show, []) if show else []:
        print(line)


if __name__ == "__main__":
    main(sys.argv[1:])
