"""Events: sentences → PLOVER events with status, sources, targets, date, attribution, evidence.

Only sentences where a trigger rule fires are looked at (the cheap filter). For each trigger:
the clause it sits in is bounded by punctuation, subordinators and reporting frames; the source
group is the nearest group of actor mentions before it, the target group the nearest after it;
status cues around it decide whether it happened; the date comes from the clause's own time
expression, else from a fronted "After …"/"Before …" clause, else from when the words were said;
the attribution is the reporting frame around it.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date

from kronika.document import Actor, Attribution, DateInfo, Document, Event, Mention, Sentence, Span
from kronika.events import cues
from kronika.events.triggers import TriggerMatch, find_triggers
from kronika.reporting import Frame, find_frames, said_dates

# Noise kinds that are site furniture: no event is read from them at all. Events read from the
# other kinds (hedge, unattributed) are kept but marked hedged.
FURNITURE = ("boilerplate", "caption", "byline", "advert")
# How many words may stand between a subject group and its verb ("tried several times to").
MAX_GAP_WORDS = 7
# How many filler words may stand between a trigger and its object ("with the", "in").
MAX_OBJECT_GAP = 3

_TOKEN = re.compile(r"\w+(?:[’'‘]\w+)*|[^\w\s]")
_BOUNDARY = re.compile(r"[;:—–]|(?<!\w)(?:that|which|who|whom|whose|but|while|whereas|where)(?!\w)")
_FRONTED = re.compile(
    r"^\W*(?P<kind>After|Before|When|While|Since|As|Although|Though|If|Unless|Because|Once|Until)\b"
)
# A sentence-initial prepositional phrase ends at its comma; its noun is no subject:
# "From Israel, Secretary of State Mike Pompeo spoke".
_FRONTED_PHRASE = re.compile(
    r"^\W*(?:From|In|At|For|With|Despite|During|Amid|Under|Following|Like|Unlike|Besides)\b[^,]*,"
)
_CLAUSE_END = re.compile(r"[,;:—–]|(?<!\w)(?:but|which|who|while|whereas|and then)(?!\w)")

PERSON_PRONOUNS = {"he", "she", "He", "She"}
PLURAL_PRONOUNS = {"they", "They", "them"}
OBJECT_PRONOUNS = {"him", "her", "them"}
# Words that may sit inside an actor group: "Austin and the head of …, General Mark Milley".
GROUP_JOINERS = {"and", "or", ",", "both", "Both", "the", "The", "of", "its",
                 "together", "with", "his", "her", "their"}
GROUP_NOUNS = {"head", "heads", "chief", "chiefs", "leader", "leaders", "leadership", "minister",
               "ministers", "secretary", "spokesman", "spokeswoman", "spokesperson", "republics",
               "republic", "side", "sides", "forces", "troops", "authorities", "government",
               "officials", "representatives", "delegation", "delegations", "president",
               "colleague", "counterpart", "general", "commander"}
DETERMINERS = frozenset({"the", "a", "an", "his", "her", "their", "its", "“", "\"", "‘", "«"})
OBJECT_FILLER = {"with", "to", "on", "in", "into", "against", "at", "from", "for", "towards",
                 "the", "a", "an", "his", "her", "their", "its", "“", "\"", "‘", "«", "upon",
                 "by", "phone", "telephone"}


@dataclass
class _Group:
    actors: list[Actor] = field(default_factory=list)
    start: int | None = None

    def add(self, actors: Sequence[Actor], at: int) -> None:
        for a in actors:
            if all(not _same(a, b) for b in self.actors):
                self.actors.append(a)
        self.start = at if self.start is None else min(self.start, at)


def _same(a: Actor, b: Actor) -> bool:
    return (a.id is not None and a.id == b.id) or (a.id is None and a.name == b.name)


class Events:
    """Add `events` read from the sentences where a trigger rule fires."""

    name = "events"
    reads = ("text", "sentences", "noise", "timexes", "mentions", "published", "title")
    adds = ("events",)

    def __call__(self, doc: Document) -> Document:
        return doc.with_layers(events=tuple(find_events(doc)))


def find_events(doc: Document) -> list[Event]:
    if doc.language == "ru":
        from kronika.events import ru

        return ru.find_events(doc)
    if doc.language not in ("en",):
        return []
    said = said_dates(doc.text, doc.sentences, doc.timexes)
    out: list[Event] = []
    for sent in doc.sentences:
        noise = doc.noise_covering(sent.start, sent.end)
        if noise and noise.kind in FURNITURE:
            continue
        triggers = [t for t in find_triggers(doc.text, sent.start, sent.end, doc.language)
                    if not _in_furniture(doc, t.start, t.end)]
        if not triggers:
            continue
        ctx = _SentenceContext(doc, sent, triggers, said.get(sent.start))
        for t in triggers:
            event = ctx.event(t)
            if event is not None:
                out.append(event)
    return out


def _in_furniture(doc: Document, start: int, end: int) -> bool:
    n = doc.noise_covering(start, end)
    return n is not None and n.kind in FURNITURE


class _SentenceContext:
    """Everything about one sentence that its triggers share."""

    def __init__(self, doc: Document, sent: Sentence, triggers: list[TriggerMatch],
                 said: tuple[Frame, date | None, Frame | None] | None) -> None:
        self.doc, self.sent, self.triggers = doc, sent, triggers
        self.text = doc.text
        self.lang = doc.language
        self.tokens = [(m.start() + sent.start, m.end() + sent.start, m.group())
                       for m in _TOKEN.finditer(sent.text)]
        self.mentions = [m for m in doc.mentions if sent.start <= m.start < sent.end]
        self.frames = find_frames(doc.text, sent, doc.timexes)
        self.said = said
        self.timexes = [t for t in doc.timexes if sent.start <= t.start < sent.end]
        self.fronted = self._fronted()
        self.boundaries = self._boundaries()
        self.previous_sources: list[Actor] = []

    # clause geometry -----------------------------------------------------------------------

    def _boundaries(self) -> list[int]:
        """Offsets after which a new clause starts (the left limits a subject scan stops at)."""
        s = self.sent
        cuts = [s.start]
        cuts += [s.start + m.end() for m in _BOUNDARY.finditer(s.text)]
        if self.fronted:
            cuts.append(self.fronted[1] + 1)
        for f in self.frames:
            if f.content_start > f.start:  # a leading frame: "According to him," "X said that"
                cuts.append(f.content_start)
        return sorted(set(cuts))

    def left_limit(self, at: int) -> int:
        return max(c for c in self.boundaries if c <= at)

    def clause_end(self, at: int) -> int:
        m = _CLAUSE_END.search(self.text, at, self.sent.end)
        return m.start() if m else self.sent.end

    def _fronted(self) -> tuple[str, int] | None:
        """('After', offset of its comma) when the sentence opens with a subordinate clause."""
        m = _FRONTED.match(self.sent.text)
        if not m:
            return None
        comma = self.sent.text.find(",", m.end())
        return (m.group("kind"), self.sent.start + comma) if comma > 0 else None

    # actor groups --------------------------------------------------------------------------

    def _mention_at(self, start: int, end: int) -> Mention | None:
        for m in self.mentions:
            if m.start < end and start < m.end:
                return m
        return None

    def subject(self, trigger: TriggerMatch) -> list[Actor]:
        limit = self.left_limit(trigger.start)
        phrase = _FRONTED_PHRASE.match(self.sent.text)
        if phrase and self.sent.start + phrase.end() <= trigger.start:
            limit = max(limit, self.sent.start + phrase.end())
        toks = [t for t in self.tokens if limit <= t[0] and t[1] <= trigger.start]
        group, gap, i = _Group(), 0, len(toks) - 1
        while i >= 0:
            start, end, word = toks[i]
            mention = self._mention_at(start, end)
            if mention is not None:
                group.add(mention.actors, mention.start)
                while i >= 0 and toks[i][1] > mention.start:
                    i -= 1
                continue
            if word in PERSON_PRONOUNS or word in PLURAL_PRONOUNS:
                group.add(self.pronoun(word, start), start)
            elif group.start is None:
                gap += 1
                if gap > MAX_GAP_WORDS or word in {",", "“", "”"} and gap > 3:
                    break
            elif word == "and" and i > 0 and toks[i - 1][2] == ",":
                break  # ", and" joins clauses, not actors
            elif not (word in GROUP_JOINERS or word.lower() in GROUP_NOUNS or word[:1].isupper()):
                break
            i -= 1
        return group.actors

    def objects(self, trigger: TriggerMatch) -> list[Actor]:
        end = self.sent.end
        toks = [t for t in self.tokens if t[0] >= trigger.end and t[1] <= end]
        self.object_end, self.object_tokens = 0, toks
        group, gap, i = _Group(), 0, 0
        while i < len(toks):
            start, stop, word = toks[i]
            mention = self._mention_at(start, stop)
            if mention is not None:
                group.add(mention.actors, mention.start)
                while i < len(toks) and toks[i][0] < mention.end:
                    i += 1
                self.object_end = i
                continue
            if word in OBJECT_PRONOUNS and group.start is None:
                group.add(self.pronoun(word, start), start)
            elif group.start is None:
                gap += 1
                via = trigger.rule.object_via
                if via is not None and word.lower() not in via | DETERMINERS:
                    break
                allowed = word in OBJECT_FILLER or (via is not None and word.lower() in via)
                if not (allowed or word.isdigit()) or gap > MAX_OBJECT_GAP:
                    break
            elif word in {"and", "or", "both"} or word.lower() in GROUP_NOUNS or (
                    word[:1].isupper() and word not in {"“", "\""}) or word == "," and self._list_continues(toks, i) or word in {"the", "of"}:
                pass
            else:
                break
            i += 1
        return group.actors

    def _list_continues(self, toks: list[tuple[int, int, str]], i: int) -> bool:
        """After a comma, the group goes on only for a list: "A, B and C"."""
        rest = [w for _, _, w in toks[i + 1 : i + 8]]
        return "and" in rest and "," not in rest[: rest.index("and")]

    def pronoun(self, word: str, at: int) -> list[Actor]:
        """He/she: the nearest person mentioned before; they: the nearest plural group."""
        before = [m for m in self.doc.mentions if m.end <= at]
        if word in PERSON_PRONOUNS or word in {"him", "her"}:
            for m in reversed(before):
                if len(m.actors) == 1 and m.actors[0].kind == "person":
                    return [m.actors[0]]
            return []
        if self.previous_sources and len(self.previous_sources) > 1:
            return list(self.previous_sources)
        for m in reversed(before):
            if len(m.actors) > 1:
                return list(m.actors)
        return []

    # the event -----------------------------------------------------------------------------

    def event(self, trigger: TriggerMatch) -> Event | None:
        rule = trigger.rule
        limit = self.left_limit(trigger.start)
        before = self.text[limit : trigger.start]
        after_end = self._after_end(trigger)
        after = self.text[trigger.end : after_end]
        decided = cues.decide_status(self.lang, before, after,
                                     self.text[self.sent.start : trigger.start])
        if decided is None:
            just_before = " ".join(w for _, _, w in [t for t in self.tokens
                                                     if limit <= t[0] < trigger.start][-3:])
            if cues.negated(self.lang, just_before):
                return None
            status, status_rule = "occurred", None
        else:
            status, status_rule = decided
        sources = self.subject(trigger)
        targets = [a for a in self.objects(trigger) if all(not _same(a, s) for s in sources)]
        reciprocal = False
        if not targets:
            follows = self.text[trigger.end : trigger.end + 16].lstrip()
            reciprocal = rule.reciprocal and (len(sources) > 1 or
                                              follows.startswith(("each other", "one another")))
            if rule.needs_target and not reciprocal:
                return None
        if not sources:
            return None
        self.previous_sources = sources
        event_type = rule.type
        if targets and self.object_end < len(self.object_tokens):
            after_object = self.object_tokens[self.object_end][2].lower()
            for new_type, words in rule.retype:
                if after_object in words:
                    event_type = new_type
        date_info = self.date_of(trigger, status)
        attribution = self.attribution(trigger)
        noise = self.doc.noise_covering(self.sent.start, self.sent.end)
        is_hedged = bool(noise) or cues.hedged(self.lang, self.sent.text)
        again = cues.repeated(self.lang, before)
        evidence = Span(self.sent.start, self.sent.end, self.sent.text)
        trig = Span(trigger.start, trigger.end, self.text[trigger.start : trigger.end])
        mode = rule.mode or ("phone" if re.search(r"phone|telephone", trig.text) else None)
        ident = hashlib.sha256(
            f"{self.doc.id}:{trigger.start}:{rule.type}".encode()).hexdigest()[:16]
        return Event(
            id=f"ev-{ident}", type=event_type, status=status, trigger=trig, evidence=evidence,
            sources=tuple(sources), targets=tuple(targets), date=date_info, mode=mode,
            attribution=attribution, hedged=is_hedged,
            confidence=_confidence(date_info, attribution, is_hedged, sources, targets),
            rule=rule.name + (f"+{status_rule}" if status_rule else ""), again=again,
        )

    def _after_end(self, trigger: TriggerMatch) -> int:
        """Status cues after a trigger count up to the next trigger or the fronted clause end."""
        end = self.sent.end
        if self.fronted and trigger.start < self.fronted[1]:
            end = self.fronted[1]
        for other in self.triggers:
            if other.start > trigger.start:
                end = min(end, other.start)
                break
        return end

    def date_of(self, trigger: TriggerMatch, status: str) -> DateInfo:
        limit = self.left_limit(trigger.start)
        clause_end = self.clause_end(trigger.end)
        frame_spans = [(f.start, f.end) for f in self.frames]
        usable = [t for t in self.timexes
                  if (t.earliest or t.latest) and t.type in ("DATE", "DURATION")
                  and not any(a <= t.start and t.end <= b for a, b in frame_spans)
                  and not self._in_noise(t.start, t.end)]
        # a time expression that starts inside the clause belongs to it even when it runs past
        # a comma: "spoke on Thursday, December 30, for an hour"
        own = [t for t in usable if limit <= t.start < clause_end]
        if not own and len(usable) == 1 and not self.fronted:
            own = usable  # one date in the sentence: "communicated on May 5, they held talks"
        if own:
            t = min(own, key=lambda t: min(abs(t.start - trigger.end), abs(trigger.start - t.end)))
            basis = "relative" if t.anchor_basis else "explicit"
            return DateInfo(t.value, t.earliest, t.latest, basis)
        fronted = self.fronted
        anchor = self.said[1] if self.said and self.said[1] else self.doc.published
        if fronted and trigger.start > fronted[1]:
            kind, end = fronted
            inside = [t for t in usable if self.sent.start <= t.start < end]
            if inside and kind in ("After", "Since", "Once"):
                t = inside[-1]
                return DateInfo(None, t.earliest, anchor, "relative")
            if inside and kind in ("Before", "Until"):
                return DateInfo(None, None, inside[-1].latest, "relative")
        if self.said and self.said[1] and self._attributed(trigger):
            return DateInfo(None, None, self.said[1], "relative")
        if (status == "occurred" and self.doc.title and self.sent.text == self.doc.title.strip()
                and self.doc.published):
            p = self.doc.published
            return DateInfo(p.isoformat(), p, p, "published")
        return DateInfo()

    def _in_noise(self, start: int, end: int) -> bool:
        n = self.doc.noise_covering(start, end)
        return n is not None

    def _attributed(self, trigger: TriggerMatch) -> bool:
        return any(f.content_start <= trigger.start < f.content_end for f in self.frames)

    def attribution(self, trigger: TriggerMatch) -> Attribution | None:
        for f in self.frames:
            if not (f.content_start <= trigger.start < f.content_end):
                continue
            said = f.date.earliest if f.date is not None else None
            inherited = None
            if self.said and self.said[0] == f:
                said, inherited = self.said[1], self.said[2]
            # "According to him": the speaker is the one whose dated words this continues.
            if f.refers_back and inherited is not None:
                speaker = self._speaker(inherited)
            else:
                speaker = self._speaker(f)
            return Attribution(f.start, f.end, f.text, speaker, said)
        return None

    def _speaker(self, frame: Frame) -> Actor | None:
        if frame.speaker is None:
            return None
        sp = frame.speaker
        for m in self.doc.mentions:
            if m.start < sp.end and sp.start < m.end and m.actors:
                return m.actors[0]
        words = sp.text.strip()
        if frame.refers_back or words.lower() in {"he", "him", "she", "her", "they", "them"}:
            found = self.pronoun(words.split()[0], sp.start)
            return found[0] if found else None
        return Actor(text=words, name=words)


def _confidence(d: DateInfo, att: Attribution | None, hedged: bool, sources: Sequence[Actor],
                targets: Sequence[Actor]) -> float:
    c = 0.5
    if att is not None and att.speaker is not None:
        c += 0.2
    if d.dated:
        c += 0.1
    if all(a.id for a in (*sources, *targets)):
        c += 0.1
    if hedged:
        c -= 0.3
    return round(min(max(c, 0.05), 0.95), 2)
