"""Flag what in a scraped news page is not the article's own reporting; never delete it.

Site furniture ("Materials for the article Authors Tags"), teaser runs ("Read on RBC Pro ..."),
photo captions and credits, bylines, labels in the other script, and first-person hedges with no
speaker ("I don't know when the last attempt was.") become `Noise` spans: offsets into the text,
each with the `kind` of noise and the `rule` that found it. Later stages read no events from them
(or read them as hedged).

"Find" is split from "write": `find_noise()` decides, `NoiseFlagger` writes the layer, and
`explain()` pairs each span with its rule's description (for `--explain`).

The rules and word lists are data, in `noise.<lang>.yaml` beside this module: an ordered list of
named rules, each with its kind, description and examples (tests/test_noise.py runs them). A rule
is tried on each sentence in that order and the first rule that flags something decides for the
sentence. The name of a rule is also the name of its finder below (`_FINDERS`), so a rule file
can reorder, drop or re-describe rules but not invent one.

Example:
    >>> from kronika.extract.noise import find_noise
    >>> text = "Talks resumed.\\nLloyd Austin\\nAustin held talks with Shoigu. Recently, I think."
    >>> [(n.text, n.kind) for n in find_noise(text, None, "en")]
    [('Lloyd Austin', 'caption'), ('Recently, I think.', 'hedge')]
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache

from kronika.document import NOISE_KINDS, Document, Noise, Sentence
from kronika.errors import RuleFileError
from kronika.rules import load_rules, require_keys

# Tuned constants: set by hand on the reference article (tests/data/rbc-2022-05-13-shoigu-austin)
# and the first 50 English Wikinews articles (no real-news line flagged). Re-run
# tests/test_noise.py, including the Wikinews false-positive test, if you change them.
#: A furniture line needs at least this share of its content words to be furniture words.
FURNITURE_SHARE = 0.5
#: ... and at most this many words (longer lines are prose, however many "share"s they hold).
MAX_FURNITURE_WORDS = 30
#: A teaser run needs this many standalone rubric labels ("Pro", "Predictions", ...).
MIN_RUBRICS = 2
#: A label in the other script is at most this many words.
MAX_LABEL_WORDS = 3
#: A byline or photo-credit line is at most this many words.
MAX_CREDIT_WORDS = 12
#: A caption line ending in a credit ("Trafalgar Square. Image: Mirrys.") is at most this long.
MAX_CAPTION_WORDS = 40
#: A hedge fragment ("Less than a week ago or so.") is at most this many words.
MAX_HEDGE_WORDS = 8
#: A vague time fragment ("A few days ago.") is at most this many words.
MAX_VAGUE_WORDS = 6
#: A text with this many speaker-labelled lines ("((WN))", "Q:") is a transcript: from the
#: first label on, every first-person sentence has a speaker.
MIN_TRANSCRIPT_LABELS = 2
#: After a quotation closes, look this many characters on for its speaker ("," he said).
QUOTE_CUE_WINDOW = 60

LANGUAGES = ("en", "ru")
LEXICON_KEYS = (
    "furniture", "stopwords", "promo_leads", "rubrics", "not_names", "credit_leads",
    "byline_leads", "epistemic", "attribution", "hedge_tails", "vague_time", "vague_qualifiers",
)
#: Keys whose entries are regular expressions; every other entry is literal text.
REGEX_KEYS = ("vague_time",)

_FINAL = ".!?…"
_CLOSERS = "”\"»’)]"
_CLOSERS_RE = re.escape(_CLOSERS)
_WORD = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*")
_TOKEN = re.compile(r"\S+")
_CYRILLIC_WORD = re.compile(r"[А-Яа-яЁё]+(?:-[А-Яа-яЁё]+)*")
_LATIN_WORD = re.compile(r"[A-Za-z]+(?:-[A-Za-z]+)*")
_NAME_WORD = re.compile(r"[A-ZА-ЯЁ][a-zа-яё]+(?:[-'’][A-ZА-ЯЁa-zа-яё][a-zа-яё]+)?|[A-ZА-ЯЁ]\.")
_NAME_PARTICLES = frozenset({"de", "van", "von", "bin", "al", "da", "la", "le", "ibn", "du",
                             "dos", "del", "der", "di", "el"})
#: A transcript's speaker label at the start of a line: "((Jane Smith))", "Q:", "Jane Smith:".
#: Words are separated by exactly one blank: an optional separator would let a long run of
#: letters split into words in very many ways, and the match would take hours.
_SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?:\(\([^()\n]{1,60}\)\)|\[[^\[\]\n]{1,40}\]:?"
    r"|[A-ZА-ЯЁ][\w.'’-]*(?:[ \t][A-ZА-ЯЁ][\w.'’-]*){0,3}:)[ \t]",
    re.M,
)
_QUOTE_AFTER_COLON = re.compile(r"\w[:,]\s*[“\"«„]")
_DASH_CUE = re.compile(r"^\W{0,4}\s*[—–]\s*\w")
_OPEN_QUOTES = {"“": "”", "«": "»", "„": "“"}


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _more_words(text: str, limit: int) -> bool:
    """Whether `text` has more than `limit` words (reads no further than the word after)."""
    return any(k >= limit for k, _ in enumerate(_WORD.finditer(text)))


def _alternation(entries: Iterable[str], regex: bool = False) -> str:
    """One regex alternative per entry, longest first; `'` also matches `’`."""
    parts = []
    for e in sorted(set(entries), key=len, reverse=True):
        p = e if regex else re.escape(e)
        parts.append(p.replace("'", "['’]").replace(r"\ ", r"\s+").replace(" ", r"\s+"))
    return "|".join(parts)


# The lexicon -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Lexicon:
    """A language's word lists, compiled."""

    # furniture phrases as word tuples by their first word, longest first
    furniture_by_first: dict[str, tuple[tuple[str, ...], ...]]
    stopwords: frozenset[str]
    rubrics: frozenset[str]
    not_names: frozenset[str]
    promo: re.Pattern
    credit_line: re.Pattern
    credit_paren: re.Pattern
    byline: re.Pattern
    epistemic: re.Pattern
    attribution: re.Pattern
    hedge_tail: re.Pattern
    vague: re.Pattern

    @classmethod
    def build(cls, data: dict, where: str) -> Lexicon:
        unknown = sorted(set(data) - set(LEXICON_KEYS))
        missing = [k for k in LEXICON_KEYS if k not in data]
        if unknown or missing:
            raise RuleFileError(
                f"{where}: lexicon keys {unknown} are not known and {missing} are missing; "
                f"the keys are {', '.join(LEXICON_KEYS)}"
            )
        for key, entries in data.items():
            odd = [e for e in entries if not isinstance(e, str)]
            if odd:  # YAML reads a bare on/no/yes as a boolean
                raise RuleFileError(f"{where}: lexicon {key!r} has non-text entries {odd}; "
                                    f"quote them")
        lists = {k: [e if k == "rubrics" else e.lower() for e in v] for k, v in data.items()}
        alt = {k: _alternation(v, regex=k in REGEX_KEYS) for k, v in lists.items()}
        name = r"[A-ZА-ЯЁ][\w'’.-]*(?:\s+[A-ZА-ЯЁ][\w'’.-]*){0,3}"
        byline_lead = rf"(?i:{alt['byline_leads']})"
        tail = rf"(?:,\s*|\s+)(?:{alt['hedge_tails']})"
        furniture = tuple(sorted({tuple(_words(p)) for p in lists["furniture"]},
                                 key=len, reverse=True))
        by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in furniture:
            if phrase:
                by_first.setdefault(phrase[0], []).append(phrase)
        return cls(
            furniture_by_first={w: tuple(ps) for w, ps in by_first.items()},
            stopwords=frozenset(lists["stopwords"]),
            rubrics=frozenset(lists["rubrics"]),
            not_names=frozenset(lists["not_names"]),
            promo=re.compile(rf"^\W{{0,2}}(?:{alt['promo_leads']})(?=[\s:.,—–-]|$)", re.I),
            credit_line=re.compile(rf"^\W{{0,2}}(?:{alt['credit_leads']})\s*(?::|by\s)\s*\S",
                                   re.I),
            credit_paren=re.compile(rf"\(\s*(?:{alt['credit_leads']})\s*(?::|by\s)[^()\n]{{1,80}}\)",
                                    re.I),
            byline=re.compile(
                rf"^{byline_lead}\s*:?\s+{name}"
                rf"(?:\s*(?:,|;|&|\band\b|\bи\b)\s*(?:{byline_lead}\s*:?\s+)?{name})*\s*$"
            ),
            epistemic=re.compile(rf"(?<!\w)(?:{alt['epistemic']})(?!\w)", re.I),
            attribution=re.compile(rf"(?<!\w)(?:{alt['attribution']})(?!\w)", re.I),
            hedge_tail=re.compile(rf"{tail}\s*[{_FINAL}]*[{_CLOSERS_RE}]*\s*$", re.I),
            vague=re.compile(
                rf"^\W{{0,2}}(?:(?:{alt['vague_qualifiers']})\s+)?(?:{alt['vague_time']})"
                rf"(?:{tail})?\s*[{_FINAL}]+[{_CLOSERS_RE}]*$",
                re.I,
            ),
        )


# Rules -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Context:
    """What a finder sees: the text, all sentences, the one it judges, and the word lists."""

    text: str
    sentences: Sequence[Sentence]
    index: int
    lex: Lexicon
    language: str
    line_start: int
    line_end: int
    alone: bool  # the sentence is the whole line
    transcript_start: int | None = None  # where speaker-labelled turns begin, if they do

    @property
    def sentence(self) -> Sentence:
        return self.sentences[self.index]

    @property
    def line(self) -> str:
        return self.text[self.line_start:self.line_end]


Found = list[tuple[int, int]]
Finder = Callable[[Context], Found]


@dataclass(frozen=True)
class Rule:
    """A named rule: its finder, the kind of noise it flags, and the examples that test it."""

    name: str
    kind: str
    description: str
    examples: tuple[str, ...]
    find: Finder


def _whole(ctx: Context) -> Found:
    return [(ctx.sentence.start, ctx.sentence.end)]


def _has_final(s: str) -> bool:
    return s.rstrip(_CLOSERS + " ")[-1:] in _FINAL or s.rstrip()[-1:] in "”\"»"


def copyright_line(ctx: Context) -> Found:
    """A line with ©, "Copyright" or "All rights reserved" (or their translations)."""
    if not ctx.alone:  # "© 2022 RBC. All rights reserved." is two sentences: flag the line
        first, last = _first_in_line(ctx), _last_in_line(ctx)
        start, end = ctx.sentence.start, ctx.sentences[last].end
        if (ctx.index != first
                or not re.search(r"©|\(c\)\s*\d{4}", ctx.text[start:end], re.I)
                or _more_words(ctx.text[start:end], MAX_FURNITURE_WORDS)):
            return []
        return [(start, end)]
    s = ctx.sentence.text
    if re.search(r"©|^\W*copyright\b|all rights reserved|все права защищены", s, re.I):
        return _whole(ctx)
    return []


def _first_in_line(ctx: Context) -> int:
    i = ctx.index
    while i > 0 and ctx.sentences[i - 1].paragraph == ctx.sentence.paragraph:
        i -= 1
    return i


def _last_in_line(ctx: Context) -> int:
    i = ctx.index
    while i + 1 < len(ctx.sentences) and ctx.sentences[i + 1].paragraph == ctx.sentence.paragraph:
        i += 1
    return i


def furniture_line(ctx: Context) -> Found:
    """A whole line, no final punctuation, mostly site-furniture words."""
    s = ctx.sentence.text
    if not ctx.alone or _has_final(s):
        return []
    raw = _words(s)
    words = [w.lower() for w in raw]
    if not words or len(words) > MAX_FURNITURE_WORDS:
        return []
    hit = [False] * len(words)
    i = 0
    while i < len(words):
        for phrase in ctx.lex.furniture_by_first.get(words[i], ()):
            if tuple(words[i:i + len(phrase)]) == phrase:
                for j in range(i, i + len(phrase)):
                    hit[j] = True
                i += len(phrase)
                break
        else:
            i += 1
    content = [j for j, w in enumerate(words) if hit[j] or w not in ctx.lex.stopwords]
    furniture = [j for j in content if hit[j]]
    if not content or len(furniture) / len(content) < FURNITURE_SHARE:
        return []
    # A lower-case word that is neither furniture nor a stop word is prose: "YouTube removes
    # news channel" is a headline; the other words of furniture are names ("RBC", "RuTube").
    if any(not hit[j] and raw[j][:1].islower() for j in content):
        return []
    return _whole(ctx)


def byline_line(ctx: Context) -> Found:
    """A line of its own: a byline lead and names ("By Jane Smith")."""
    s = ctx.sentence.text
    if not ctx.alone or _more_words(s, MAX_CREDIT_WORDS) or _has_final(s.rstrip(".")):
        return []
    return _whole(ctx) if ctx.lex.byline.match(s.rstrip(". ")) else []


def photo_credit(ctx: Context) -> Found:
    """A sentence opening "Photo: ..." (with the caption before it on its line, if short), or a
    parenthesised credit "(Photo: Reuters)"."""
    s = ctx.sentence
    if ctx.lex.credit_line.match(s.text) and not _more_words(s.text, MAX_CREDIT_WORDS):
        return _whole(ctx)
    first, last = _first_in_line(ctx), _last_in_line(ctx)
    if ctx.index == first and last > first:
        credit = ctx.sentences[last]
        if (ctx.lex.credit_line.match(credit.text)
                and not _more_words(ctx.text[s.start:credit.end], MAX_CAPTION_WORDS)):
            return [(s.start, credit.end)]
    return [(s.start + m.start(), s.start + m.end()) for m in ctx.lex.credit_paren.finditer(s.text)]


def name_caption(ctx: Context) -> Found:
    """A line, not the first, that is only a person-like name of two or three capitalised words."""
    s = ctx.sentence.text
    if not ctx.alone or ctx.index == 0 or _has_final(s) or re.search(r"[\d,:;()]", s):
        return []  # the first line is the headline, however short
    tokens = s.split()
    names = [t for t in tokens if t.lower() not in _NAME_PARTICLES]
    if not 2 <= len(names) <= 3 or len(tokens) > 4:
        return []
    if tokens[0].lower() in _NAME_PARTICLES or tokens[-1].lower() in _NAME_PARTICLES:
        return []
    if not all(_NAME_WORD.fullmatch(t) for t in names):
        return []
    if any(t.lower().strip(".") in ctx.lex.not_names for t in names):
        return []
    return _whole(ctx)


def promo_lead(ctx: Context) -> Found:
    """A teaser ("Read also: ...") up to the sentence end, or up to a reported sentence."""
    s = ctx.sentence
    m = ctx.lex.promo.match(s.text)
    if not m or not s.text.lstrip("“\"«(")[:1].isupper():
        return []
    end = s.end
    cue = ctx.lex.attribution.search(s.text, m.end())
    if cue:
        # The last place before the cue where a capitalised word follows a bare lower-case word
        # is where a real sentence was run into the teaser ("... to know The ministry said").
        tokens = list(_TOKEN.finditer(s.text, m.end(), cue.start()))
        cut = None
        for prev, nxt in zip(tokens, tokens[1:], strict=False):
            if re.fullmatch(r"[a-zа-яё0-9]+", prev.group()) and nxt.group()[:1].isupper():
                cut = nxt.start()
        if cut is not None:
            end = s.start + len(s.text[:cut].rstrip())
    return [(s.start, end)]


def rubric_run(ctx: Context) -> Found:
    """A sentence holding two or more standalone rubric labels: a run of teaser headlines."""
    tokens = ctx.sentence.text.split()
    if sum(t in ctx.lex.rubrics for t in tokens) >= MIN_RUBRICS:
        return _whole(ctx)
    return []


def foreign_label(ctx: Context) -> Found:
    """One to three words in the other script opening a sentence, then a capitalised word."""
    s = ctx.sentence
    foreign, own = ((_LATIN_WORD, _CYRILLIC_WORD) if ctx.language == "ru"
                    else (_CYRILLIC_WORD, _LATIN_WORD))
    pos, run = 0, []
    text = s.text
    while len(run) <= MAX_LABEL_WORDS:
        m = foreign.match(text, pos)
        if not m:
            break
        run.append(m)
        pos = m.end()
        gap = re.match(r"[ \t:]+", text[pos:])
        if not gap:
            break
        pos += gap.end()
    if not run or len(run) > MAX_LABEL_WORDS:
        return []
    rest = text[run[-1].end():].lstrip(" \t:")
    end = s.start + run[-1].end()
    if not rest:
        return [(s.start, end)] if ctx.alone else []
    nxt = own.match(rest)
    if nxt and rest[0].isupper():
        return [(s.start, end)]
    return []


def unattributed_first_person(ctx: Context) -> Found:
    """A first-person-singular hedge whose speaker the text never names."""
    if not ctx.lex.epistemic.search(ctx.sentence.text) or _attributed(ctx):
        return []
    return _whole(ctx)


def hedge_fragment(ctx: Context) -> Found:
    """A short sentence that ends with a hedge ("or so.", "I think.", "maybe.")."""
    s = ctx.sentence.text
    if not _has_final(s) or _more_words(s, MAX_HEDGE_WORDS):
        return []
    if not ctx.lex.hedge_tail.search(s) or _attributed(ctx):
        return []
    return _whole(ctx)


def vague_time_fragment(ctx: Context) -> Found:
    """A fragment that is only a vague time phrase ("A few days ago.")."""
    s = ctx.sentence.text
    if not ctx.lex.vague.match(s) or _more_words(s, MAX_VAGUE_WORDS) or _attributed(ctx):
        return []
    return _whole(ctx)


_FINDERS: dict[str, Finder] = {f.__name__: f for f in (
    copyright_line, furniture_line, byline_line, photo_credit, name_caption, promo_lead,
    rubric_run, foreign_label, unattributed_first_person, hedge_fragment, vague_time_fragment,
)}


# Attribution -------------------------------------------------------------------------------


def _attributed(ctx: Context) -> bool:
    """Does the text name who says this sentence?

    Yes when the sentence holds a reporting word ("said", "according to") or a quotation after a
    colon; when its line opens with a speaker label ("Smith: ...") or it follows the second such
    label (a transcript); when the sentence before ends with a colon, or is an attributed
    quotation that this one continues; when the next sentence opens with a dash or "he said"; or
    when the sentence lies in a quotation whose speaker is named just before it opens or just
    after it closes.
    """
    lex, s = ctx.lex, ctx.sentence
    if lex.attribution.search(s.text):
        return True
    if _SPEAKER_LABEL.match(ctx.line) or _QUOTE_AFTER_COLON.search(s.text):
        return True
    if ctx.transcript_start is not None and s.start >= ctx.transcript_start:
        return True
    prev = ctx.sentences[ctx.index - 1] if ctx.index > 0 else None
    first = _first_in_line(ctx)
    if first > 0 and ctx.sentences[first - 1].text.rstrip().endswith(":"):
        return True  # a quotation set off below its introduction ("... he said:")
    if (prev and prev.paragraph == s.paragraph and s.text[:1] in "“\"«„"
            and lex.attribution.search(prev.text)):
        return True  # the speaker of the quote before goes on
    nxt = ctx.sentences[ctx.index + 1] if ctx.index + 1 < len(ctx.sentences) else None
    if nxt and nxt.paragraph == s.paragraph:
        head = " ".join(nxt.text.split()[:4])
        if _DASH_CUE.match(nxt.text) or (re.match(r"\W*\w+(?:\s+\w+)?\s", head)
                                          and lex.attribution.search(head)):
            return True
    for opened, closed in _quotations(ctx.text, ctx.line_start, ctx.line_end):
        overlaps = opened < s.end and (closed is None or closed > s.start)
        beyond = opened < s.start or closed is None or closed > s.end
        if overlaps and beyond:
            break
    else:
        return False
    before = ctx.text[max(ctx.line_start, opened - QUOTE_CUE_WINDOW):opened]
    if opened < s.start and (before.rstrip().endswith(":") or lex.attribution.search(before)):
        return True
    if closed is None:
        return False
    after = ctx.text[closed:min(ctx.line_end, closed + QUOTE_CUE_WINDOW)]
    after = re.split(r"(?<=[.!?…])\s", after, maxsplit=1)[0]
    return bool(_DASH_CUE.match(after) or lex.attribution.search(after))


def _quotations(text: str, lo: int, hi: int) -> list[tuple[int, int | None]]:
    """The outermost quotations of text[lo:hi]: (opening offset, end offset or None if open).

    Curly and angle quotes nest; straight double quotes toggle; `’` is an apostrophe.
    """
    out: list[tuple[int, int | None]] = []
    stack: list[str] = []
    opened = -1
    straight: int | None = None
    for i in range(lo, hi):
        ch = text[i]
        if stack:
            if ch == stack[-1]:
                stack.pop()
                if not stack:
                    out.append((opened, i + 1))
            elif ch in _OPEN_QUOTES:
                stack.append(_OPEN_QUOTES[ch])
        elif straight is not None:
            if ch == '"':
                out.append((straight, i + 1))
                straight = None
        elif ch in _OPEN_QUOTES:
            stack, opened = [_OPEN_QUOTES[ch]], i
        elif ch == '"':
            straight = i
    if stack:
        out.append((opened, None))
    elif straight is not None:
        out.append((straight, None))
    return out


# Rule files --------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleSet:
    language: str
    rules: tuple[Rule, ...]
    lexicon: Lexicon


@cache
def ruleset(language: str) -> RuleSet:
    """The rules and word lists of `language` (`en` for any language without its own file)."""
    lang = language if language in LANGUAGES else "en"
    where = f"kronika/extract/noise.{lang}.yaml"
    data = load_rules("kronika.extract", f"noise.{lang}.yaml")
    if not isinstance(data, dict) or "rules" not in data or "lexicon" not in data:
        raise RuleFileError(f"{where}: needs the top-level keys `lexicon` and `rules`")
    rules = []
    for item in data["rules"]:
        require_keys(item, ("name", "kind", "description", "examples"), where)
        if item["name"] not in _FINDERS:
            raise RuleFileError(f"{where}: rule {item['name']!r} has no finder; the rules are "
                                f"{', '.join(_FINDERS)}")
        if item["kind"] not in NOISE_KINDS:
            raise RuleFileError(f"{where}: rule {item['name']!r} has kind {item['kind']!r}; "
                                f"use one of {', '.join(NOISE_KINDS)}")
        rules.append(Rule(item["name"], item["kind"], " ".join(item["description"].split()),
                          tuple(item["examples"]), _FINDERS[item["name"]]))
    return RuleSet(lang, tuple(rules), Lexicon.build(data["lexicon"], where))


# Find and write ----------------------------------------------------------------------------


def find_noise(
    text: str,
    sentences: Sequence[Sentence] | None,
    language: str = "en",
    *,
    disabled: Iterable[str] = (),
) -> list[Noise]:
    """The noise spans of `text`, sorted by offset and never overlapping.

    Args:
        text: the document text.
        sentences: its sentences (`kronika.language.sentences.split(text)` when None).
        language: `en` or `ru` (others use the English rules).
        disabled: names of rules to skip.
    Returns:
        `Noise` spans, each naming its `rule`.
    """
    return [n for n, _ in _find(text, sentences, language, frozenset(disabled))]


def explain(
    text: str, sentences: Sequence[Sentence] | None, language: str = "en"
) -> list[tuple[Noise, str]]:
    """Each noise span with the description of the rule that flagged it."""
    return _find(text, sentences, language, frozenset())


def _find(text: str, sentences: Sequence[Sentence] | None, language: str,
          disabled: frozenset[str]) -> list[tuple[Noise, str]]:
    if sentences is None:
        from kronika.language.sentences import split

        sentences = split(text)
    rs = ruleset(language)
    rules = [r for r in rs.rules if r.name not in disabled]
    lines: dict[int, list[int]] = {}
    for i, s in enumerate(sentences):
        lines.setdefault(s.paragraph, []).append(i)
    labels = [m.start() for m in _SPEAKER_LABEL.finditer(text)]
    transcript = labels[0] if len(labels) >= MIN_TRANSCRIPT_LABELS else None
    out: list[tuple[Noise, str]] = []
    for i, s in enumerate(sentences):
        members = lines[s.paragraph]
        lo = text.rfind("\n", 0, sentences[members[0]].start) + 1
        hi = text.find("\n", sentences[members[-1]].end)
        ctx = Context(text, sentences, i, rs.lexicon, rs.language, lo,
                      len(text) if hi < 0 else hi, len(members) == 1, transcript)
        for rule in rules:
            found = [(a, b) for a, b in rule.find(ctx) if b > a]
            if found:
                out.extend((Noise(a, b, text[a:b], rule.kind, rule.name), rule.description)
                           for a, b in found)
                break
    out.sort(key=lambda pair: (pair[0].start, pair[0].end))
    merged: list[tuple[Noise, str]] = []
    for pair in out:  # a line-wide span (copyright) may cover later sentences of its line
        if merged and pair[0].start < merged[-1][0].end:
            continue
        merged.append(pair)
    return merged


class NoiseFlagger:
    """Add `noise`: spans of site furniture, captions, bylines and unattributed hedges.

    Example:
        >>> from kronika.document import Document
        >>> from kronika.language.sentences import Sentences
        >>> doc = Sentences()(Document(id="x", text="Advertisement\\nTalks began.", language="en"))
        >>> [n.text for n in NoiseFlagger()(doc).noise]
        ['Advertisement']
    """

    name = "noise"
    reads = ("text", "sentences")
    adds = ("noise",)

    def __init__(self, *, disabled: Iterable[str] = ()) -> None:
        self.disabled = frozenset(disabled)

    def __call__(self, doc: Document) -> Document:
        if not doc.text:
            return doc.with_layers(noise=())
        found = find_noise(doc.text, doc.sentences or None, doc.language,
                           disabled=self.disabled)
        return doc.with_layers(noise=tuple(found))
