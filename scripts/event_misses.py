"""Why the English event coder misses gold events: a recall diagnosis over DEVELOPMENT files.

    .venv/bin/python scripts/event_misses.py tests/data/events.en.txt tests/data/events/en.dev.txt \
        tests/data/events/en.heldout.txt tests/data/events/en.heldout2.txt [--list a|b|c]

Each gold event the scorer leaves unpaired (no predicted event of its type in its case) falls in
one of three bins:
  (a) no word of the lexicon for its type in the sentence: no trigger rule of `en.yaml` of that
      type matches, and no cue word of `syntax.en.yaml` of that type stands in it;
  (b) such a word is there but no event of the type came out: a condition (roles, status, a
      filter) rejected it;
  (c) no word of its type, but the coder read an event of another type from the sentence that
      no gold event took (the event was typed differently).
Never run it on an unseen set: it prints the sentences of the misses with --list.
"""

from __future__ import annotations

import re
import sys
from collections import Counter

from kronika import default_pipeline
from kronika.eval.events import read_cases
from kronika.events import syntax
from kronika.events.syntax import lexicon
from kronika.events.triggers import find_triggers, trigger_rules

# The unseen sets by file name; the training files drawn from the same corpora ("train-meantime")
# are not among them.
UNSEEN = re.compile(r"\.(heldout[345]|meantime\d*|factrueval\d*)\.txt$")
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")


def words_of_type(text: str, type_: str) -> list[str]:
    """The lexicon words of `type_` in the text: trigger rule matches and cue words."""
    found = [f"rule:{r.name}" for r in trigger_rules("en")
             if r.type == type_ and r.regex.search(text)]
    lex = lexicon("en")
    for w in _WORD.findall(text):
        low = w.lower()
        for cue in lex.verbs.get(low, ()) + lex.nouns.get(low, ()):
            if cue.type == type_:
                found.append(f"cue:{cue.name}:{low}")
    return found


def why(doc, type_: str, pipeline) -> str:
    """Where a bin (b) event was lost: a rule trigger of its type found but rejected; the
    sentence not given to the fallback (a rule event in it, or no cue near an actor); the
    fallback's parse without the cue word coded; or its roles rejected."""
    sent = doc.sentences[0]
    if any(t.rule.type == type_ for t in find_triggers(doc.text, sent.start, sent.end, "en")):
        return "rule-rejected"
    if doc.events:
        return "not-quiet"
    if not syntax.candidates(doc, [sent]):
        return "not-candidate"
    found = syntax.code(syntax.parser()(sent.text), lexicon("en"))
    if not any(f.cue.type == type_ for f in found):
        return "parse-no-cue"
    return "fallback-roles"


def files_and_bin(argv: list[str]) -> tuple[list[str], str | None]:
    """The case files of the command line and the bin `--list BIN` asks to print; an unseen
    set among the files stops the script, as its sentences must not be read."""
    show = None
    if "--list" in argv:
        k = argv.index("--list")
        show = argv[k + 1]
        argv = argv[:k] + argv[k + 2 :]
    if any(UNSEEN.search(f) for f in argv):
        raise SystemExit("unseen sets are scored with `kronika eval events --errors 0` only")
    return argv, show


def main(argv: list[str]) -> None:
    argv, show = files_and_bin(argv)
    pipeline = default_pipeline()
    bins: Counter[str] = Counter()
    per_type: Counter[tuple[str, str]] = Counter()
    total = 0
    reasons: Counter[str] = Counter()
    for case in (c for f in argv for c in read_cases(f)):
        doc = pipeline.process(case.text, published=case.published, lang=case.lang)
        predicted = list(doc.events)
        left = list(predicted)
        missed = []
        for g in case.events:
            same = [p for p in left if p.type == g.type]
            if same:
                left.remove(same[0])
            else:
                missed.append(g)
        total += len(case.events)
        for g in missed:
            words = words_of_type(case.text, g.type)
            if words:
                b = "b"
            elif left:
                b = "c"
            else:
                b = "a"
            bins[b] += 1
            per_type[(b, g.type)] += 1
            reason = why(doc, g.type, pipeline) if b == "b" else ""
            reasons[reason] += b == "b"
            if show == b:
                other = ", ".join(f"{p.type}({p.rule})" for p in left)
                print(f"[{b}:{reason}] {g.type} {' + '.join(sorted(g.sources))} -> "
                      f"{' + '.join(sorted(g.targets))} | {words[:3]} | got: {other}\n    {case.text}")
    n = sum(bins.values())
    print(f"{total} gold events, {n} missed ({n / total:.0%})")
    for b, what in (("a", "no lexicon word of the type"), ("b", "word there, rejected"),
                    ("c", "typed differently")):
        types = ", ".join(f"{t} {c}" for (bb, t), c in per_type.most_common() if bb == b)
        print(f"  ({b}) {what}: {bins[b]} ({bins[b] / n:.0%})  {types}")
    print("  (b) where:", ", ".join(f"{r} {c}" for r, c in reasons.most_common() if c))


if __name__ == "__main__":
    main(sys.argv[1:])
