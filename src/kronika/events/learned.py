"""The learned event typer (issue 7, seventh round): a second opinion on which PLOVER types a
sentence holds, where the rule coder's conditions found none.

The typer is a text classifier (spaCy `textcat_multilabel`, a bag of words and word pairs) that
gives, for a sentence, a probability per PLOVER type. It reads the sentence's words and, as
extra tokens, the cue words of kronika's own vocabulary with their types (`cue_text`), so what
the rules know is a feature, not a decision. It is trained on the hand-annotated cases of
`tests/data/events/` (`make typer`, `train`) and ships inside the package (`models/`).

The events stage runs it only on sentences where the rule coder found no event and that hold a
cue word (the cheap test): a type the typer gives more than its threshold (`learned.yaml`)
becomes an event on that type's first cue word, with status, hedging,
date and attribution read by the coder's own machinery from the words around it; its roles are
the coder's where its conditions find them, else the named actors nearest the cue word.
`--explain` names such events `learned:TYPE` and gives the probability as their confidence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kronika.document import PLOVER_TYPES, Actor, Document, Event, Sentence
from kronika.errors import TyperModelError

MODELS = Path(__file__).resolve().parent.parent / "models"
_WORD = re.compile(r"\w+")


@cache
def settings() -> dict:
    """learned.yaml: per language, the model folder and the threshold."""
    return yaml.safe_load((Path(__file__).with_name("learned.yaml")).read_text(encoding="utf-8"))


def cue_hits(text: str, lang: str) -> list[tuple[int, int, str, str]]:
    """(start, end, PLOVER type, name) of every trigger and cue word of the language's
    vocabulary in `text`, in text order: a trigger rule's name, "syntax:NAME" for an English
    cue of syntax.en.yaml, "cue:NAME" for a Russian cue of ru.cues.yaml."""
    if lang == "ru":
        from kronika.events.ru import find_triggers as ru_triggers
        from kronika.events.ru_syntax import find_cues

        out = [(t.start, t.end, t.rule.type, t.rule.name) for t in ru_triggers(text, 0, len(text))]
        out += [(h.start, h.end, h.cue.type, f"cue:{h.cue.name}")
                for h in find_cues(text, 0, len(text))]
    else:
        from kronika.events.syntax import lexicon
        from kronika.events.triggers import find_triggers

        out = [(t.start, t.end, t.rule.type, t.rule.name)
               for t in find_triggers(text, 0, len(text), "en")]
        lex = lexicon("en")
        for m in _WORD.finditer(text):
            word = m.group().lower()
            out += [(m.start(), m.end(), c.type, f"syntax:{c.name}")
                    for c in lex.verbs.get(word, ()) + lex.nouns.get(word, ())]
    return sorted(out, key=lambda h: h[:2])  # stable: rules, then verbs, then nouns


def cue_text(text: str, types: Iterable[str]) -> str:
    """The typer's input: the sentence, then a token per cue type it holds ("cueACCUSE")."""
    return " ".join([text, *(f"cue{t}" for t in sorted(set(types)))])


@dataclass(frozen=True)
class Typer:
    """A trained typer, the probability over which it adds an event to a sentence where the
    rules found none, and whether an added event needs a named actor (the annotation
    guideline lists no event without one)."""

    nlp: object  # a spaCy Language with a `textcat_multilabel` pipe
    threshold: float
    needs_actor: bool = True

    def __call__(self, text: str, types: Iterable[str]) -> dict[str, float]:
        """The probability of each PLOVER type in `text`, given the cue types it holds."""
        return dict(self.nlp(cue_text(text, types)).cats)  # type: ignore[operator]


@cache
def packaged(lang: str) -> Typer | None:
    """The typer shipped for a language (loaded once per process), or None where none is."""
    conf = settings().get(lang)
    if conf is None:
        return None
    return load(MODELS / conf["model"], float(conf["threshold"]),
                bool(conf.get("needs_actor", True)))


def load(folder: Path, threshold: float, needs_actor: bool = True) -> Typer:
    """A typer from a model folder (`spacy.load`); TyperModelError where it cannot be read."""
    try:
        import spacy

        nlp = spacy.load(folder)
    except Exception as exc:  # noqa: BLE001 - any load failure means the same to the user
        raise TyperModelError(str(folder), f"{type(exc).__name__}: {exc}") from exc
    return Typer(nlp, threshold, needs_actor)


@cache
def _joined() -> re.Pattern[str]:
    """What may stand between two coordinated actors ("Moscow and Washington"): a comma and/or
    a coordinating word of learned.yaml's `coordinators`."""
    words = "|".join(map(re.escape, settings()["nearest_actors"]["coordinators"]))
    return re.compile(rf"^(?:\s*,\s*|\s*,?\s*(?:{words})\s+)$")


@cache
def _agent() -> re.Pattern[str]:
    """The words that close the gap between a passive cue word and its agent ("shelled by the")."""
    words = "|".join(map(re.escape, settings()["nearest_actors"]["agent_words"]))
    return re.compile(rf"(?:^|\s)(?:{words})\s+(?:the\s+)?$")


def nearest_actors(doc: Document, start: int, end: int, lo: int, hi: int
                   ) -> tuple[tuple[Actor, ...], tuple[Actor, ...]]:
    """The named actors nearest a cue word inside [lo, hi): the mention before it, with the
    mentions coordinated with it ("Moscow and Washington"), as the sources and the one after it
    as the target; after "by", the one after it is the source and those before the target
    ("Kyiv was shelled by Russia")."""
    named = [m for m in doc.mentions if m.actors and lo <= m.start and m.end <= hi]
    before = [m for m in named if m.end <= start]
    after = [m for m in named if m.start >= end]
    group = before[-1:]
    while group and len(group) <= len(before) - 1:
        prev = before[-len(group) - 1]
        if not _joined().match(doc.text[prev.end:group[0].start]):
            break
        group.insert(0, prev)
    sources = tuple(a for m in group for a in m.actors)
    targets: tuple[Actor, ...] = ()
    if after and _agent().search(doc.text[end:after[0].start]):
        sources, targets = after[0].actors, sources
    elif after:
        targets = after[0].actors
    sources = tuple(dict.fromkeys(sources))
    return sources, tuple(a for a in dict.fromkeys(targets) if a not in sources)


def keeps(typer: Typer, event) -> bool:  # noqa: ANN001 - an Event
    """Whether an event the typer would add stands: with a named actor where it needs one."""
    return not typer.needs_actor or bool(event.sources or event.targets)


def sentences_to_type(doc: Document, events: Sequence[Event], typer: Typer,
                      furniture: Iterable[str]) -> Iterator[tuple[Sentence, list]]:
    """The sentences the typer adds to, with what it adds (`wanted`): not site furniture, and no
    event of `events` (the rules') in them."""
    for sent in doc.sentences:
        noise = doc.noise_covering(sent.start, sent.end)
        if (noise and noise.kind in furniture) or any(
                sent.start <= e.trigger.start < sent.end for e in events):
            continue
        found = wanted(doc, typer, sent.start, sent.end)
        if found:
            yield sent, found


def wanted(doc: Document, typer: Typer, lo: int, hi: int
           ) -> list[tuple[str, float, int, int, str]]:
    """(type, probability, start, end, cue name) of the type the typer adds to the sentence
    doc.text[lo:hi], one the rules read no event from: its likeliest type with a cue word in
    the sentence, over its threshold, on that type's first cue word; at most one. (Adding
    beside the rules' events gained nothing in cross-validation and cost precision: "extolled
    Finland for its help" is no AID; nor did a second type: "Russia suspends participation in
    grain deal after Crimea attack" is neither an agreement nor an attack.)"""
    text = doc.text[lo:hi]
    if doc.title and text.strip() == doc.title.strip():
        return []  # a headline restates the article's lead, where its event is read
    hits = cue_hits(text, doc.language)
    if not hits:
        return []
    probs = typer(text, (h[2] for h in hits))
    for type_ in sorted(PLOVER_TYPES, key=lambda t: -probs.get(t, 0.0)):
        p = probs.get(type_, 0.0)
        if p <= typer.threshold:
            break
        hit = next((h for h in hits if h[2] == type_), None)
        if hit is not None:
            return [(type_, p, lo + hit[0], lo + hit[1], hit[3])]
    return []


def train(cases: list, lang: str, *, epochs: int = 12, seed: int = 1, length: int = 2 ** 16):
    """A new typer's spaCy pipeline, trained on annotated cases (`kronika.eval.events.Case`)."""
    import random

    import spacy
    from spacy.training import Example
    from spacy.util import fix_random_seed

    fix_random_seed(seed)
    nlp = spacy.blank(lang)
    cat = nlp.add_pipe("textcat_multilabel", config={"model": {
        "@architectures": "spacy.TextCatBOW.v3", "exclusive_classes": False, "ngram_size": 2,
        "no_output_layer": False, "length": length}})
    for t in PLOVER_TYPES:
        cat.add_label(t)
    examples = [Example.from_dict(
        nlp.make_doc(cue_text(c.text, (h[2] for h in cue_hits(c.text, lang)))),
        {"cats": {t: float(any(g.type == t for g in c.events)) for t in PLOVER_TYPES}})
        for c in cases]
    optimizer = nlp.initialize(lambda: examples)
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(examples)
        for i in range(0, len(examples), 16):
            nlp.update(examples[i:i + 16], sgd=optimizer, drop=0.1)
    return nlp
