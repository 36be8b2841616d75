"""List candidate Russian cue words: the nearest navec neighbours of kronika's Russian event
words that are in neither the cue lexicon (events/ru.cues.yaml) nor a trigger rule (ru.yaml),
nor already reviewed (events/ru.cues.navec.yaml), for a person to prune by hand against the
PLOVER definitions (plover.yaml, docs/ANNOTATION.md).

    PYTHONPATH=src python scripts/navec_cues.py [--top 12] [--min 0.55] > candidates.yaml

Seeds: each cue lemma of ru.cues.yaml (with the words ru.cues.navec.yaml already adds) and each
act word of a trigger rule's lemmas (ru.yaml: its verbs and the nouns made from verbs), with
its PLOVER type. Neighbours: dictionary forms only (the navec word whose pymorphy3 normal
form is itself), nouns and infinitives, by cosine over navec's news vectors (natasha's
NewsEmbedding, navec_news_v1_1B_250K_300d_100q). A candidate near seeds of two
types is printed with both, for the reviewer to decide. The output is YAML, one line per
candidate with its provenance: the cue it would join, the seed word, the cosine.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict

import numpy as np

from kronika.events.ru_syntax import cues, reviewed
from kronika.rules import load_rules
from kronika.timex.grammar import morph

_CYRILLIC = re.compile(r"^[а-яё]+(?:-[а-яё]+)?$")
_POS = frozenset({"NOUN", "INFN"})
_ACT_NOUN = re.compile(r"(?:ние|тие|ция|сия)$")
# Names, places and abbreviations are no event words.
_NOT = frozenset({"Name", "Surn", "Patr", "Geox", "Orgn", "Abbr", "Trad"})


def trigger_words(*, acts: bool = False) -> dict[str, str]:
    """The words of the trigger rules' lemma patterns (four letters or more, in their normal
    form), with the rule's type (the first rule's where two rules share a word); `acts`: only
    those that name an act (verbs, and nouns made from verbs: «-ние», «-тие», «-ция»), not the
    words around them («президент», «резкий»)."""
    out: dict[str, str] = {}
    for rule in load_rules("kronika.events", "ru.yaml")["rules"]:
        for word in re.findall(r"[а-яё-]{4,}", rule["lemmas"]):
            p = morph().parse(word)[0]
            if acts and not (p.tag.POS in ("INFN", "VERB") or _ACT_NOUN.search(p.normal_form)):
                continue
            out.setdefault(p.normal_form.replace("ё", "е"), rule["type"])
    return out


def seeds() -> dict[str, tuple[str, str]]:
    """Seed word -> (PLOVER type, the cue its neighbours would join)."""
    lexicon = cues()
    by_type = {c.type: c.name for c in lexicon.values()}
    out = {lemma: (c.type, c.name) for lemma, c in lexicon.items()}
    for word, type_ in trigger_words(acts=True).items():
        if type_ in by_type:
            out.setdefault(word, (type_, by_type[type_]))
    return out


def lemma_vocabulary(emb) -> tuple[list[str], np.ndarray]:  # noqa: ANN001 - a navec Navec
    """navec's dictionary-form nouns and infinitives, and their unit vectors."""
    analyser = morph()
    words, ids = [], []
    for i, word in enumerate(emb.vocab.words):
        if not _CYRILLIC.match(word) or len(word) < 4:
            continue
        p = analyser.parse(word)[0]
        if p.normal_form == word and p.tag.POS in _POS and not _NOT & p.tag.grammemes:
            words.append(word)
            ids.append(i)
    vectors = emb.pq.unpack()[ids].astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-9
    return words, vectors


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--top", type=int, default=12)
    ap.add_argument("--min", type=float, default=0.55)
    a = ap.parse_args()
    from natasha import NewsEmbedding

    emb = NewsEmbedding()
    seed = seeds()
    known = set(seed) | set(trigger_words()) | reviewed()
    words, vectors = lemma_vocabulary(emb)
    found: dict[str, list[tuple[float, str, str, str]]] = defaultdict(list)
    for word, (type_, cue) in seed.items():
        if word not in emb:
            continue
        v = emb[word].astype(np.float32)
        sims = vectors @ (v / (np.linalg.norm(v) + 1e-9))
        for j in np.argsort(-sims)[: a.top + 1]:  # the seed itself is its own nearest
            if sims[j] < a.min or words[j].replace("ё", "е") in known:
                continue
            found[words[j]].append((float(sims[j]), word, type_, cue))
    print("# candidates from scripts/navec_cues.py: lemma: cue (type) <- seed word, cosine")
    for cand in sorted(found, key=lambda w: (min(t for _, _, t, _ in found[w]), w)):
        hits = sorted(found[cand], reverse=True)
        types = sorted({t for _, _, t, _ in hits})
        cos, src, type_, cue = hits[0]
        also = f"  # also {', '.join(t for t in types if t != type_)}" if len(types) > 1 else ""
        print(f"- {{lemma: {cand}, cue: {cue}, from: {src}, cos: {cos:.2f}}}{also}")
    print(f"# {len(found)} candidates from {len(seed)} seeds", file=sys.stderr)


if __name__ == "__main__":
    main()
