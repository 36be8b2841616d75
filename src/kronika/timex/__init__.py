"""The temporal tagger: English and Russian time expressions with TIMEX3 values and day
intervals, each relative one with the anchor it counts from.

Three steps (find, then resolve, then write):
1. the grammar of `rules/<lang>.yaml` finds expressions sentence by sentence (`scan.py`: tried
   only near trigger words; the tense of the clause is read from its nearest tense cue);
2. every match is resolved (`resolve.py`) against the publication date: absolute dates
   directly, yearless dates by the nearest year (forward in a future clause), relative ones
   ("yesterday", "less than a week ago") counted from the publication date, narrative ones
   ("the next day", «накануне») from the previous single day the text names;
3. the reporting frames of `kronika.reporting` (English grammar; Russian cue words) are dated
   with those timexes, and a relative expression inside the content of a dated frame is
   counted again from the frame's date (`anchor_basis == "report"`): "On April 14, Kirby
   reported that Austin called “less than a week ago”" gives 2022-04-07..2022-04-14.

Example:
    >>> from datetime import date
    >>> from kronika.document import Sentence
    >>> s = "The ministers last spoke on February 18."
    >>> [(t.text, t.value) for t in tag(s, [Sentence(0, len(s), s)], date(2022, 5, 13))]
    [('February 18', '2022-02-18')]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from kronika.document import Document, Sentence, Timex
from kronika.reporting import said_dates
from kronika.reporting.cues import cue_said_dates
from kronika.timex.grammar import Grammar, Rule, grammar
from kronika.timex.resolve import (
    MAX_YEAR,
    OWN_DAY,
    RELATIVE_KINDS,
    Context,
    Value,
    resolve,
    since,
    until,
    year_before,
)
from kronika.timex.scan import future_tense, lowered, scan, tense_cues

#: The longest date (in days) a narrative unit may count from: "earlier in the month" counts
#: from a named month or day, not from a named year.
UNIT_DAYS = {"day": 1, "week": 7, "month": 31, "year": 366}
#: Kinds that "since"/"until" words before them do not turn into an interval («к трём годам»).
UNMODIFIED_KINDS = frozenset({"length", "set", "span", "span_future", "year_range", "since_event", "narrative",
                              "current_day", "now", "part_of_day", "narrative_part", "streak",
                              "later", "amount_period"})
#: Kinds counted from the previous single day the text names ("the next day"); "the day"
#: ("ended the day at 8,017") falls back on the publication date when the text names none.
NARRATIVE_KINDS = frozenset({"narrative", "current_day", "narrative_unit", "part_of_day",
                             "narrative_part", "same_time", "same_period"})
#: Kinds counted from the previous single day when the text names one, else from publication.
DAY_OR_PUBLISHED_KINDS = frozenset({"current_day", "part_of_day", "narrative_part"})
#: Kinds whose value depends on the tense of the clause (the others skip the tense check).
TENSE_KINDS = frozenset({"md", "month", "month_part", "weekday", "season", "quarter", "clock",
                         "weekend", "holiday", "week_of_month"})
#: Kinds whose year comes from the publication date when the text gives none.
YEARLESS_KINDS = frozenset({"md", "month", "month_part", "season", "holiday", "week_of_month"})
#: Hours a local clock time may be ahead of the UTC time given with it ("13:40 local time
#: (0040 UTC)", New Zealand) or behind it (Hawaii, -10) on the same day; beyond that the UTC
#: time falls on the next or previous day ("8:30 p.m. (0030 UTC)", "10:00 a.m. Tongan time
#: (2100 UTC, yesterday)"). Set from the world's time zones, not fitted.
UTC_SAME_DAY_HOURS = (-10, 13)

__all__ = ["Hit", "Timexes", "explain", "find", "tag"]


@dataclass(frozen=True, slots=True)
class Hit:
    """A matched expression before resolution."""

    start: int
    end: int
    rule: Rule
    groups: dict[str, str]
    future: bool | None  # the clause speaks of the future (None: it has no tense cue)
    modifier: str | None  # "since"
    sentence: int  # start of its sentence

    @property
    def relative(self) -> bool:
        return self.rule.kind in RELATIVE_KINDS or self.modifier is not None


def find(text: str, sentence: Sentence, g: Grammar | None = None, low: str | None = None
         ) -> list[Hit]:
    """The expressions of one sentence, unresolved (`low`: `lowered(text)`, if at hand)."""
    g = g or grammar()
    hits: list[Hit] = []
    cues = None  # the sentence's tense cues, read at its first expression that needs them
    for m in scan(text, sentence, g, low):
        rule, groups = g.groups(m)
        start = m.start()
        if rule.preceded_by and not rule.preceded_by.search(text, max(0, start - 40), start):
            continue
        modifier, back = None, False
        for mod in g.modifiers if rule.kind not in UNMODIFIED_KINDS else ():
            b = mod.before.search(text, max(sentence.start, start - 12), start)
            if b:
                modifier, start = mod.name, b.start() if mod.in_span else start
                back = mod.looks_back
                break
        # "until Friday" looks forward whatever the tense, "since February 24" back (English
        # "since" only: Russian «с» is also "from" a coming date)
        # narrative kinds read the tense too: a past clause counts from the latest day named
        # that is not after publication (see tag())
        future: bool | None = modifier == "until" and rule.kind == "weekday" or (
            g.future_before is not None and rule.kind in TENSE_KINDS
            and g.future_before.search(text, max(sentence.start, start - 40), start) is not None)
        if not future and not back and (rule.kind in TENSE_KINDS or rule.kind in NARRATIVE_KINDS):
            cues = cues or tense_cues(text, sentence, g)
            future = future_tense(text, sentence, m.start(), m.end(), g, cues)
        hits.append(Hit(start, m.end(), rule, groups, future, modifier, sentence.start))
    return hits


def _timex(text: str, hit: Hit, ctx: Context, basis: str | None) -> Timex | None:
    value: Value | None = resolve(hit.rule.kind, hit.groups, ctx)
    if value is None:
        return None
    if hit.modifier == "since":
        value = since(value, ctx.anchor)
    elif hit.modifier == "until":
        value = until(value, ctx.anchor)
    kind, val, earliest, latest = value
    if hit.relative:
        anchor = ctx.anchor
    elif earliest is not None and hit.rule.kind in YEARLESS_KINDS and "year" not in hit.groups:
        anchor, basis = ctx.published, "published"
    else:
        anchor, basis = None, None
    return Timex(hit.start, hit.end, text[hit.start:hit.end], kind, val, earliest, latest,
                 hit.modifier or hit.rule.name, anchor, basis if anchor else None)


def tag(text: str, sentences: Sequence[Sentence], published: date | None,
        lang: str = "en") -> list[Timex]:
    """The time expressions of `text`, resolved; sentences give the scope of tense cues and
    reporting frames."""
    g = grammar(lang)
    if not sentences:
        sentences = [Sentence(0, len(text), text)]
    sentences = _clock_joined(text, sentences)
    low = lowered(text)
    hits = [h for s in sentences for h in find(text, s, g, low)]
    out: dict[int, Timex] = {}
    last_day: date | None = None  # the latest single day named so far (for "the next day")
    # the same, not after publication: what a past clause counts from ("remains in custody
    # until April 5. The attack began at 13:40" is not on April 5)
    last_past_day: date | None = None
    last_date: date | None = None  # the start of the latest date named (for "the year before")
    last_days = 0  # its length in days: "earlier in the month" needs a month or less
    last_named: Timex | None = None  # the latest DATE or TIME named, as named ("by that time")
    for i, h in enumerate(hits):
        day = last_day if h.future or last_past_day is None else last_past_day
        if h.rule.kind == "range_day":
            t = _range_day(text, h, out.get(i - 1))
        elif h.rule.kind == "clock" and not any(k in h.groups for k in OWN_DAY) \
                and day is not None:
            # a clock time with no day of its own is on the day the text is about
            t = _timex(text, h, Context(g, published, day, h.future), "narrative")
        elif h.rule.kind == "narrative_unit" and h.groups["unit"].lower() == "day" \
                and day is not None:  # "later in the day": the last single day named
            t = _timex(text, h, Context(g, published, day, h.future), "narrative")
        elif h.rule.kind == "narrative_unit":
            fits = last_date is not None and last_days <= UNIT_DAYS.get(h.groups["unit"].lower(),
                                                                        0)
            t = _timex(text, h, Context(g, published, last_date if fits else published,
                                        h.future), "narrative" if fits else "published")
        elif h.rule.kind == "same_time":
            t = _timex(text, h, Context(g, published, None, h.future), None)
            if t and last_named is not None:
                t = replace(t, type=last_named.type, value=last_named.value,
                            earliest=last_named.earliest, latest=last_named.latest,
                            anchor=last_named.earliest, anchor_basis="narrative")
        elif h.rule.kind == "same_period":  # the period last named, a year back
            t = _timex(text, h, Context(g, published, published, h.future), "published")
            if t and last_named is not None:
                _, val, first, last = year_before((last_named.type, last_named.value,
                                                   last_named.earliest, last_named.latest))
                t = replace(t, type="DATE", value=val, earliest=first, latest=last,
                            anchor=last_named.earliest, anchor_basis="narrative")
        elif h.rule.kind in DAY_OR_PUBLISHED_KINDS and last_day is None:
            t = _timex(text, h, Context(g, published, published, h.future), "published")
        elif h.rule.kind in NARRATIVE_KINDS:
            t = _timex(text, h, Context(g, published, day, h.future), "narrative")
            if t and last_day is None:
                t = replace(t, anchor_basis=None)
        else:
            t = _timex(text, h, Context(g, published, published, h.future), "published")
        if t:
            out[i] = t
            if t.type in ("DATE", "TIME") and t.earliest and t.earliest == t.latest:
                last_day = t.earliest
                if published is None or t.earliest <= published:
                    last_past_day = t.earliest
            if t.type == "DATE" and t.earliest and t.latest and t.value \
                    and not t.value.endswith("_REF"):
                last_date, last_days = t.earliest, (t.latest - t.earliest).days + 1
            if t.type in ("DATE", "TIME") and t.value and t.earliest \
                    and not t.value.endswith("_REF"):
                last_named = t
    _clock_days(out, hits)
    _utc_days(out, hits)
    if any(h.relative and h.rule.kind not in NARRATIVE_KINDS for h in hits):
        said: dict = (said_dates(text, sentences, list(out.values())) if g.lang == "en" else
                      cue_said_dates(text, sentences, list(out.values()), g.lang))
        for i, h in enumerate(hits):
            frame, day, _ = said.get(h.sentence, (None, None, None))
            if h.relative and h.rule.kind not in NARRATIVE_KINDS and frame and day \
                    and frame.content_start <= h.start \
                    and h.end <= frame.content_end:
                t = _timex(text, h, Context(g, published, day, h.future), "report")
                if t:
                    out[i] = t
    found = []
    for i in sorted(out):
        found.append(out[i])
        if g.lang == "en" and hits[i].rule.kind == "year_range" and out[i].value:
            found.extend(_range_ends(text, out[i], hits[i]))
    return found


#: A clock time's "a.m."/"p.m." that the sentence splitter took for a full stop, and the zone
#: words that show it was none ("6:40 p.m. (GMT +8)", "5 p.m. ET on Monday").
_CLOCK_CUT = re.compile(r"\d\s*[ap]\.\s?m\.$", re.IGNORECASE)
_ZONE_NEXT = re.compile(r"\(?(?:UTC|GMT|[ECMP][SD]?T|BST|CES?T)\b")


def _clock_joined(text: str, sentences: Sequence[Sentence]) -> list[Sentence]:
    """Sentences with a cut after a clock time's "p.m." undone when a time zone follows: the
    zone belongs to the time, and the time to its sentence."""
    out = list(sentences)
    i = 0
    while i + 1 < len(out):
        a, b = out[i], out[i + 1]
        if text.endswith(("m.", "M."), a.start, a.end) and "\n" not in text[a.end:b.start] \
                and _CLOCK_CUT.search(text, max(a.start, a.end - 12), a.end) \
                and _ZONE_NEXT.match(text, b.start):
            out[i:i + 2] = [Sentence(a.start, b.end, text[a.start:b.end], a.paragraph)]
        else:
            i += 1
    return out


def _range_ends(text: str, t: Timex, hit: Hit) -> list[Timex]:
    """The two years of "from 2009 to 2011" as dates of their own, after the range (TimeML
    marks the years; MEANTIME marks both the years and the range)."""
    ends = []
    for key, at in (("year", text.find(hit.groups["year"], t.start, t.end)),
                    ("year2", text.rfind(hit.groups["year2"], t.start, t.end))):
        y = int(hit.groups[key])
        if at < 0 or not 1 <= y <= MAX_YEAR:
            return []
        ends.append(Timex(at, at + len(hit.groups[key]), hit.groups[key], "DATE", str(y),
                          date(y, 1, 1), date(y, 12, 31), "year_range_end"))
    return ends


def explain(t: Timex, lang: str = "en") -> str:
    """One line for `kronika timex --explain`: the expression, its value and interval, the rule
    that fired (with the rule's first example) and the anchor it was counted from."""
    g = grammar(lang if lang in LANGUAGES else "en")
    rule = next((r for r in g.rules.values() if r.name == t.rule), None)
    example = f" (like {rule.examples[0]!r})" if rule and rule.examples else ""
    anchor = f", anchor {t.anchor} ({t.anchor_basis})" if t.anchor else ""
    return (f"{t.start}-{t.end} {t.text!r}: {t.type} {t.value} [{t.earliest} .. {t.latest}]; "
            f"rule {t.rule}{example}{anchor}")


#: Languages with a rule file in `kronika/timex/rules/`.
LANGUAGES = ("en", "ru")


def _clock_days(out: dict[int, Timex], hits: Sequence[Hit]) -> None:
    """A clock time with no day of its own ("at 16:15 UTC, June 1st") takes the day of the
    nearest single-day date in its sentence."""
    for i, t in out.items():
        if t.type != "TIME" or hits[i].rule.kind != "clock" \
                or any(k in hits[i].groups for k in OWN_DAY) \
                or not t.value or t.earliest is None:
            continue
        days = [(abs(o.start - t.start), o.earliest) for j, o in out.items()
                if j != i and hits[j].sentence == hits[i].sentence and o.type == "DATE"
                and o.earliest and o.earliest == o.latest]
        if days:
            day = min(days)[1]
            out[i] = replace(t, value=day.isoformat() + t.value[10:], earliest=day, latest=day)


def _range_day(text: str, hit: Hit, first: Timex | None) -> Timex | None:
    """The "28" of "July 27–28": the first day's month and year, when it directly precedes."""
    n = int(hit.groups["day"])
    if first is None or first.type != "DATE" or first.earliest is None \
            or first.earliest != first.latest or text[first.end:hit.start].strip() not in "-–" \
            or n <= first.earliest.day:
        return None
    try:
        d = first.earliest.replace(day=n)
    except ValueError:
        return None
    return Timex(hit.start, hit.end, text[hit.start:hit.end], "DATE", d.isoformat(), d, d,
                 hit.rule.name, first.earliest, "narrative")


_HHMM = re.compile(r"^(\d{4}-\d\d-\d\d)T(\d\d):(\d\d)")


def _utc_days(out: dict[int, Timex], hits: Sequence[Hit]) -> None:
    """A UTC time given right after a local one ("8:30 p.m. (0030 UTC)") falls on the local
    time's day, or on the next or previous one when the hours differ by more than a time zone
    allows on one day (UTC_SAME_DAY_HOURS)."""
    low, high = UTC_SAME_DAY_HOURS
    for i, t in out.items():
        h = hits[i]
        if h.rule.name != "clock_utc_digits" or any(k in h.groups for k in OWN_DAY) \
                or i - 1 not in out:
            continue
        local = out[i - 1]
        lm, um = _HHMM.match(local.value or ""), _HHMM.match(t.value or "")
        if local.type != "TIME" or hits[i - 1].sentence != h.sentence or not lm or not um \
                or (local.value or "").endswith("Z") or t.start - local.end > 40:
            continue
        diff = (int(lm.group(2)) * 60 + int(lm.group(3)) - int(um.group(2)) * 60
                - int(um.group(3))) / 60
        d = date.fromisoformat(lm.group(1)) + timedelta(days=1 if diff > high else
                                                        -1 if diff < low else 0)
        out[i] = replace(t, value=d.isoformat() + (t.value or "")[10:], earliest=d, latest=d,
                         anchor=local.earliest, anchor_basis="narrative")


class Timexes:
    """Add `timexes` by the rules of the document's language (English or Russian); other
    languages get none."""

    name = "timex"
    reads = ("text", "sentences", "published")  # and `publication` when present (given)
    adds = ("timexes",)

    def __call__(self, doc: Document) -> Document:
        lang = doc.language[:2]
        if lang not in LANGUAGES:
            return doc.with_layers(timexes=())
        from kronika.timex.zones import flag_anchors, with_utc

        found = tag(doc.text, doc.sentences, doc.published, lang)
        found = flag_anchors(with_utc(doc.text, found, doc.publication), doc.publication)
        return doc.with_layers(timexes=tuple(found))

