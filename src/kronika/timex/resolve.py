"""Values and day intervals of matched expressions, one resolver per rule `kind`.

A resolver gets the rule's groups and a `Context` and returns `(type, value, earliest, latest)`,
or None to drop the match (an impossible date such as "February 30"). Absolute kinds read only
`published` (to place a yearless date); relative kinds count from `anchor`, which is the
publication date or the date of the reporting clause whose content holds the expression.
Without a date to count from, relative expressions keep a value where one exists without it
(`P1M`, `PAST_REF`, `XXXX-WXX-1`) and get no interval.

Vague references: `PAST_REF` ("recently") is open before the anchor (earliest None, latest the
anchor); `PRESENT_REF` is the anchor's day; `FUTURE_REF` starts at the anchor and is open after.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from kronika.timex.grammar import Grammar

Value = tuple[str, str | None, date | None, date | None]

#: Days of the month each part covers (the last part runs to the month's end).
PART_DAYS = {"early": (1, 10), "mid": (11, 20), "late": (21, 31)}
#: Months of the year each part covers.
PART_MONTHS = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
#: Days after publication a past-tense yearless date may still fall on (announced events).
YEAR_SLACK_DAYS = 7
#: A yearless day in a clause with no tense cue (a headline: "Masks mandatory from June 15",
#: published June 5) is the latest such day by publication, unless the next one lies more than
#: this many times nearer: news gives the year of a day about a year off. Set by reasoning about
#: news usage, not fitted; re-run `kronika eval timex` if changed.
NEARER_AHEAD = 2
#: TIMEX3 duration units of our unit keys, with the multiplier (a fortnight is two weeks).
DURATION_UNITS = {"D": ("D", 1), "W": ("W", 1), "F": ("W", 2), "M": ("M", 1), "Y": ("Y", 1),
                  "E": ("DE", 1), "C": ("CE", 1), "H": ("TH", 1), "MI": ("TM", 1), "S": ("TS", 1),
                  "HY": ("M", 6), "Q": ("Q", 1), "WE": ("WE", 1)}
RELATIVE_KINDS = frozenset({"weekend", "day_part", "deictic", "weekday", "ago", "span", "calendar", "ref",
                            "clock", "quarter", "year_rel_part", "narrative", "since_event",
                            "current_day", "narrative_unit", "now", "span_future",
                            "quarter_rel", "part_of_day", "narrative_part", "streak", "later",
                            "same_time", "same_period"})
#: Groups of a clock rule that give the time its own day ("11am Monday", "16:00 UTC today").
OWN_DAY = ("weekday", "deictic", "day_part")
#: TIMEX3 codes of the parts of a day.
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
#: Season codes of TIMEX3 and the months they cover (winter runs into the next year).
SEASONS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
#: Quarters back a yearless quarter of the previous year may lie in a past clause after the
#: first quarter ("the fourth quarter", said in August, is the coming one; said in January,
#: last year's). Set by reasoning about news usage, not fitted; re-run `kronika eval timex`
#: if changed.
QUARTERS_BACK = 2
#: Largest year an expression may name and still be normalised (absurd years get no value).
MAX_YEAR = 2200


@dataclass(frozen=True, slots=True)
class Context:
    grammar: Grammar
    published: date | None
    anchor: date | None
    future: bool | None  # None: the clause has no tense cue (see `pick_day`)


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, n: int, unit: str) -> date:
    days = {"D": 1, "W": 7, "F": 14, "H": 0, "MI": 0, "S": 0, "WE": 7}.get(unit)
    if days is not None:
        return d + timedelta(days=n * days)
    return add_months(d, n * {"M": 1, "Y": 12, "E": 120, "C": 1200, "HY": 6, "Q": 3}[unit])


def _int(s: str) -> int:
    return int(s[:2] if s[:2].isdigit() else s[:1])


def _year(s: str) -> int:
    """A written year: two digits are 19xx from 50 up, else 20xx ("'82", "7/8/07")."""
    digits = s.lstrip("'’")
    y = int(digits)
    if len(digits) == 2:
        return 1900 + y if y >= 50 else 2000 + y
    return y


def rel(g: dict[str, str], ctx: Context) -> str:
    """The relation word of a rule ("last", "прошлом", …) as last/this/next (any language)."""
    raw = g.get("rel", "")
    if not raw:
        return ""
    table = ctx.grammar.lookup.get("relations")
    if table is None:
        return raw.lower()
    try:
        return str(ctx.grammar.key("relations", raw))
    except KeyError:
        return " ".join(raw.lower().split())


def duration(n: int | float | None, unit: str) -> str:
    """A TIMEX3 duration value: P3D, P1W, PT12H, PXY."""
    code, times = DURATION_UNITS[unit]
    if n is None:
        amount = "X"
    else:
        x = n * times
        amount = str(int(x)) if float(x).is_integer() else f"{x:g}"
    return f"PT{amount}{code[1:]}" if code.startswith("T") else f"P{amount}{code}"


def _month(g: dict[str, str], ctx: Context) -> int:
    if "mnum" in g:
        return int(g["mnum"])
    return int(ctx.grammar.key("months", g.get("month") or g["month_full"]))


def _safe(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def infer_day(m: int, d: int, ctx: Context) -> date | None:
    """The year of a yearless date: the latest not after publication (+ slack) (in a clause
    with no tense cue, unless the next is much nearer: NEARER_AHEAD), or, in a future clause,
    the earliest not before publication."""
    p = ctx.published
    assert p is not None
    return pick_day([c for y in (p.year - 1, p.year, p.year + 1) if (c := _safe(y, m, d))], ctx)


def pick_day(cands: list[date], ctx: Context) -> date | None:
    """The day a yearless date names among its candidates in consecutive years (see
    `infer_day`)."""
    p = ctx.published
    assert p is not None
    if ctx.future:
        return min((c for c in cands if c >= p), default=None)
    last = p + timedelta(days=YEAR_SLACK_DAYS)
    back = max((c for c in cands if c <= last), default=None)
    ahead = min((c for c in cands if c > last), default=None)
    if back is None or (ctx.future is None and ahead is not None
                        and (ahead - p).days * NEARER_AHEAD < (p - back).days):
        return ahead
    return back


def infer_month(m: int, ctx: Context, rel: str | None = None) -> int:
    p = ctx.published
    assert p is not None
    if rel == "this":
        return p.year
    if rel == "last":
        return p.year if m < p.month else p.year - 1
    if rel == "next" or ctx.future:
        return p.year if m > p.month or (rel is None and m == p.month) else p.year + 1
    return p.year if date(p.year, m, 1) <= p + timedelta(days=YEAR_SLACK_DAYS) else p.year - 1


# --- absolute kinds ------------------------------------------------------------------------------

def ymd(g: dict[str, str], ctx: Context) -> Value:
    d = _safe(_year(g["year"]), _month(g, ctx), _int(g["day"]))
    return ("DATE", d.isoformat(), d, d) if d else ("DATE", None, None, None)


def md(g: dict[str, str], ctx: Context) -> Value:
    m, day = _month(g, ctx), _int(g["day"])
    if not _safe(2000, m, day):
        return "DATE", None, None, None
    if ctx.published is None:
        return "DATE", f"XXXX-{m:02d}-{day:02d}", None, None
    d = infer_day(m, day, ctx)
    return ("DATE", d.isoformat(), d, d) if d else ("DATE", None, None, None)


def ym(g: dict[str, str], ctx: Context) -> Value:
    y, m = int(g["year"]), _month(g, ctx)
    return "DATE", f"{y}-{m:02d}", date(y, m, 1), month_end(y, m)


def month(g: dict[str, str], ctx: Context) -> Value:
    m = _month(g, ctx)
    if ctx.published is None:
        return "DATE", f"XXXX-{m:02d}", None, None
    r = rel(g, ctx) or None
    if "year_rel" in g:  # "October of next year"
        y = ctx.published.year + {"last": -1, "next": 1}.get(
            str(ctx.grammar.key("relations", g["year_rel"])), 0)
    else:
        y = infer_month(m, ctx, r)
    return "DATE", f"{y}-{m:02d}", date(y, m, 1), month_end(y, m)


def month_part(g: dict[str, str], ctx: Context) -> Value:
    m = _month(g, ctx)
    first, last = PART_DAYS[ctx.grammar.key("month_parts", g["part"])]
    if "year" in g:
        y = int(g["year"])
    elif ctx.published is None:
        return "DATE", f"XXXX-{m:02d}", None, None
    else:
        y = infer_month(m, ctx)
    end = month_end(y, m)
    return "DATE", f"{y}-{m:02d}", date(y, m, first), min(end, date(y, m, min(last, end.day)))


def year(g: dict[str, str], ctx: Context) -> Value:
    y = _year(g["year"])
    if not 1 <= y <= MAX_YEAR:
        return "DATE", None, None, None
    return "DATE", f"{y:04d}", date(y, 1, 1), date(y, 12, 31)


def year_range(g: dict[str, str], ctx: Context) -> Value:
    """"from 2009 to 2011" (P2Y, as TimeML counts it) or «в 2022–2023 годах» (both whole
    years: P2Y); the interval covers both years."""
    y1, y2 = _year(g["year"]), _year(g["year2"])
    if y2 < 100:  # "2022–23"
        y2 += y1 // 100 * 100
    if not (1 <= y1 < y2 <= MAX_YEAR):
        return "DURATION", None, None, None
    n = y2 - y1 + (1 if "plural" in g else 0)
    return "DURATION", f"P{n}Y", date(y1, 1, 1), date(y2, 12, 31)


def year_span(g: dict[str, str], ctx: Context) -> Value:
    """"2017–2018", "the 2008-09 season": both whole years (P2Y), as «в 2022–2023 годах»."""
    return year_range({**g, "plural": "1"}, ctx)


def week_of_month(g: dict[str, str], ctx: Context) -> Value:
    """"the last weekend of July", "the first week of March 2020": the N-th (or last) weekend
    of the month (its Saturday in the month), or the ISO week holding most of the month's N-th
    (or last) seven days (the week of their middle day: "the last week of March 2009", March
    25-31, is 2009-W13, not the week of Monday March 30)."""
    m = _month(g, ctx)
    if "year" in g:
        y = _year(g["year"])
    elif ctx.published is None:
        return "DATE", None, None, None
    else:
        y = infer_month(m, ctx)
    if not 1 <= y <= MAX_YEAR:
        return "DATE", None, None, None
    n = {"first": 1, "second": 2, "third": 3, "fourth": 4}.get(g["nth"].lower(), -1)
    weekend = g["unit"].lower() == "weekend"
    first, end = date(y, m, 1), month_end(y, m)
    if weekend:
        day = (first + timedelta(days=(5 - first.weekday()) % 7 + 7 * (n - 1)) if n > 0
               else end - timedelta(days=(end.weekday() - 5) % 7))
        if day.month != m:
            return "DATE", None, None, None
        wy, w, _ = day.isocalendar()
        return "DATE", f"{wy}-W{w:02d}-WE", day, day + timedelta(days=1)
    day = first + timedelta(days=7 * (n - 1) + 3) if n > 0 else end - timedelta(days=3)
    if day.month != m:
        return "DATE", None, None, None
    monday = day - timedelta(days=day.weekday())
    wy, w, _ = monday.isocalendar()
    return "DATE", f"{wy}-W{w:02d}", monday, monday + timedelta(days=6)


def range_day(g: dict[str, str], ctx: Context) -> Value:
    """The "28" of "July 27–28": `tag()` gives it the month and year of the first day; alone
    it has no value."""
    return "DATE", None, None, None


def year_part(g: dict[str, str], ctx: Context) -> Value:
    if "year" in g:
        y = _year(g["year"])
    elif ctx.anchor is None:
        return "DATE", None, None, None
    else:
        y = ctx.anchor.year + {"last": -1, "next": 1}.get(rel(g, ctx), 0)
    first, last = PART_MONTHS[ctx.grammar.key("month_parts", g["part"])]
    return "DATE", str(y), date(y, first, 1), month_end(y, last)


def decade(g: dict[str, str], ctx: Context) -> Value:
    y = int(g["decade"])
    if y < 100:  # "the '90s", «90-е»
        y += 1900 if y >= 30 else 2000
    return "DATE", str(y)[:3], date(y, 1, 1), date(y + 9, 12, 31)


def year_half(g: dict[str, str], ctx: Context) -> Value:
    """"the first half of 2009": 2009-H1, January to June."""
    if "year" in g:
        y = _year(g["year"])
    elif ctx.anchor is None:
        return "DATE", None, None, None
    else:
        y = ctx.anchor.year + {"last": -1, "next": 1}.get(rel(g, ctx), 0)
    h = 1 if g["half"].lower() == "first" else 2
    return "DATE", f"{y}-H{h}", date(y, 6 * h - 5, 1), month_end(y, 6 * h)


def century(g: dict[str, str], ctx: Context) -> Value:
    """"the 21st century": 20 (TIMEX3 writes the hundreds), 2000-01-01..2099-12-31."""
    c = int(g["century"]) - 1
    return "DATE", f"{c:02d}", date(max(c * 100, 1), 1, 1), date(c * 100 + 99, 12, 31)


def season(g: dict[str, str], ctx: Context) -> Value:
    code = str(ctx.grammar.key("seasons", g["season"]))
    first, last = SEASONS[code]
    if "year" in g:
        y = _year(g["year"])
    elif ctx.anchor is None:
        return "DATE", f"XXXX-{code}", None, None
    else:
        a, r = ctx.anchor, rel(g, ctx)
        y = a.year + {"last": -1, "next": 1}.get(r, 0)
        if not r and not ctx.future and date(y, first, 1) > a:
            y -= 1
        elif not r and ctx.future and add_months(date(y, first, 1), last - first) < a:
            y += 1
    end = add_months(date(y, first, 1), last - first)
    return "DATE", f"{y}-{code}", date(y, first, 1), month_end(end.year, end.month)


def quarter(g: dict[str, str], ctx: Context) -> Value:
    q = int(g["qnum"]) if "qnum" in g else int(ctx.grammar.key("ordinals", g["ordinal"]))
    if "yy" in g:
        g = {**g, "year": g["yy"]}
    if q == -1:
        q = 4
    if not 1 <= q <= 4:
        return "DATE", None, None, None
    if "year" in g:
        y = _year(g["year"])
    elif ctx.anchor is None:
        return "DATE", f"XXXX-Q{q}", None, None
    else:
        a, r = ctx.anchor, rel(g, ctx)
        y = a.year + {"last": -1, "next": 1}.get(r, 0)
        if not r:  # the latest such quarter begun by the anchor, or the next in the future
            begun = date(y, 3 * q - 2, 1) <= a
            ended = month_end(y, 3 * q) < a
            y += 1 if ctx.future and ended else (0 if begun or ctx.future else -1)
            # once the annual results are out (after the first quarter), a yearless quarter
            # more than QUARTERS_BACK back in the previous year is the coming one ("closures
            # during the fourth quarter", said in August)
            if not ctx.future and y < a.year and a.month > 3 \
                    and (a.year * 4 + (a.month - 1) // 3) - (y * 4 + q - 1) > QUARTERS_BACK:
                y += 1
    return "DATE", f"{y}-Q{q}", date(y, 3 * q - 2, 1), month_end(y, 3 * q)


def quarter_rel(g: dict[str, str], ctx: Context) -> Value:
    """"last quarter", "the current quarter": counted from the anchor's quarter."""
    a = ctx.anchor
    if a is None:
        return "DATE", None, None, None
    offset = {"last": -1, "previous": -1, "this": 0, "current": 0}.get(rel(g, ctx), 1)
    y, q = divmod(a.year * 4 + (a.month - 1) // 3 + offset, 4)
    return "DATE", f"{y}-Q{q + 1}", date(y, 3 * q + 1, 1), month_end(y, 3 * q + 3)


# --- relative kinds ------------------------------------------------------------------------------

def deictic(g: dict[str, str], ctx: Context) -> Value:
    if ctx.anchor is None:
        return "DATE", None, None, None
    d = ctx.anchor + timedelta(days=int(ctx.grammar.key("deictic", g["deictic"])))
    return "DATE", d.isoformat(), d, d


def day_part(g: dict[str, str], ctx: Context) -> Value:
    offset, code = ctx.grammar.key("day_parts", g["day_part"]).split()
    if ctx.anchor is None:
        return "TIME", None, None, None
    d = ctx.anchor + timedelta(days=int(offset))
    return "TIME", f"{d.isoformat()}T{code}", d, d


def weekday(g: dict[str, str], ctx: Context) -> Value:
    wd = int(ctx.grammar.key("weekdays", g["weekday"]))
    a = ctx.anchor
    if a is None:
        return "DATE", f"XXXX-WXX-{wd}", None, None
    r = rel(g, ctx)
    back = (a.isoweekday() - wd) % 7  # days back to the latest such weekday, 0 if today
    if r == "this":
        d = a + timedelta(days=wd - a.isoweekday())
    elif r in ("last", "past", "this past"):
        d = a - timedelta(days=back or 7)
    elif r in ("next", "coming"):
        d = a + timedelta(days=(wd - a.isoweekday()) % 7 or 7)
    elif ctx.future:
        d = a + timedelta(days=(wd - a.isoweekday()) % 7)
    else:
        d = a - timedelta(days=back)
    if "part" in g:  # "Monday morning"
        code = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}[
            g["part"].lower()]
        return "TIME", f"{d.isoformat()}T{code}", d, d
    return "DATE", d.isoformat(), d, d


def _count(g: dict[str, str], ctx: Context) -> int | None:
    raw = g.get("num")
    if raw is None:
        return 1
    if raw.replace(",", "").isdigit():  # "1,500 hours"
        raw = raw.replace(",", "")
        return int(raw) if len(raw) < 7 else None
    try:
        n = ctx.grammar.key("numbers", raw)
    except KeyError:
        return None
    return n if isinstance(n, int | float) and not isinstance(n, bool) else None


def _granular(d: date, unit: str) -> tuple[str, date, date]:
    if unit == "M":
        return f"{d.year}-{d.month:02d}", date(d.year, d.month, 1), month_end(d.year, d.month)
    if unit in ("Y", "E"):
        return str(d.year), date(d.year, 1, 1), date(d.year, 12, 31)
    return d.isoformat(), d, d


def ago(g: dict[str, str], ctx: Context) -> Value:
    n, unit = _count(g, ctx), ctx.grammar.key("units", g["unit"])
    a = ctx.anchor
    if n is None or a is None or not float(n).is_integer() or n > 5000:
        return "DATE", "PAST_REF", None, a
    n = int(n)
    try:
        p = shift(a, -n, unit)
    except (ValueError, OverflowError):
        return "DATE", None, None, None
    value, first, last = _granular(p, unit)
    qual = ctx.grammar.key("qualifiers", g["qualifier"]) if "qualifier" in g else None
    if qual == "less":
        return "DATE", value, p, a
    if qual == "more":
        return "DATE", value, None, p
    return "DATE", value, first, last


def _plural_count(g: dict[str, str], ctx: Context) -> int | None:
    """The count of "the past two years"; none for "the past years" (a plural, no number)."""
    if not g.get("num") and g["unit"].lower().endswith("s"):
        return None
    return _count(g, ctx)


def span(g: dict[str, str], ctx: Context) -> Value:
    n, unit = _plural_count(g, ctx), ctx.grammar.key("units", g["unit"])
    value = duration(n, unit)
    a = ctx.anchor
    if a is None:
        return "DURATION", value, None, None
    try:
        first = shift(a, -int(n), unit) if n is not None and float(n).is_integer() else None
    except (ValueError, OverflowError):
        first = None
    return "DURATION", value, first, a


def span_future(g: dict[str, str], ctx: Context) -> Value:
    """"the next four years": a length from the anchor onwards."""
    n, unit = _plural_count(g, ctx), ctx.grammar.key("units", g["unit"])
    a = ctx.anchor
    if a is None:
        return "DURATION", duration(n, unit), None, None
    try:
        last = shift(a, int(n), unit) if n is not None and float(n).is_integer() else None
    except (ValueError, OverflowError):
        last = None
    return "DURATION", duration(n, unit), a, last


def length(g: dict[str, str], ctx: Context) -> Value:
    """A bare duration ("six months", "a 12-year", «три года»): a length, not a place in time."""
    n = _count(g, ctx)
    if n is not None and "half" in g:
        n += 0.5
    return "DURATION", duration(n, ctx.grammar.key("units", g["unit"])), None, None


def weekend(g: dict[str, str], ctx: Context) -> Value:
    """"the weekend": the latest Saturday-Sunday by the anchor (the next one in a future clause
    or after "next"); TIMEX3 value 2008-W42-WE."""
    a = ctx.anchor
    if a is None:
        return "DATE", "XXXX-WXX-WE", None, None
    r = rel(g, ctx)
    latest = a - timedelta(days=(a.weekday() - 5) % 7)  # the latest Saturday by the anchor
    upcoming = latest if a.weekday() >= 5 else latest + timedelta(days=7)
    if r == "next":
        saturday = upcoming + timedelta(days=7)
    elif r in ("this", "coming") or (not r and ctx.future):
        saturday = upcoming
    elif r in ("last", "past", "this past") and a.weekday() >= 5:
        saturday = latest - timedelta(days=7)
    else:
        saturday = latest
    y, w, _ = saturday.isocalendar()
    return "DATE", f"{y}-W{w:02d}-WE", saturday, saturday + timedelta(days=1)


def clock(g: dict[str, str], ctx: Context) -> Value:
    """A clock time on the anchor's day (or on a weekday or date given with it)."""
    words = {"noon": 12, "midday": 12, "midnight": 0}
    raw = g["hour"].lower()
    h, m = words.get(raw, 0) if raw in words else int(raw), int(g.get("minute") or 0)
    ampm = (g.get("ampm") or "").lower().replace(".", "").replace(" ", "")
    if ampm == "pm" and h < 12:
        h += 12
    elif ampm == "am" and h == 12:
        h = 0
    if h > 23 or m > 59:
        return "TIME", None, None, None
    day = ctx.anchor
    if "weekday" in g and day is not None:
        _, d, _, _ = weekday(g, ctx)
        day = date.fromisoformat(d) if d and len(d) == 10 else day
    elif day is not None and ("deictic" in g or "day_part" in g):  # "16:00 UTC today"
        offset = (ctx.grammar.key("deictic", g["deictic"]) if "deictic" in g else
                  ctx.grammar.key("day_parts", g["day_part"]).split()[0])
        day += timedelta(days=int(offset))
    if raw == "midnight" and ctx.future and day is not None \
            and not any(k in g for k in OWN_DAY):
        day += timedelta(days=1)  # "due at midnight": the midnight that ends the day
    zone = "Z" if g.get("zone") else ""
    if day is None:
        return "TIME", f"XXXX-XX-XXT{h:02d}:{m:02d}{zone}", None, None
    return "TIME", f"{day.isoformat()}T{h:02d}:{m:02d}{zone}", day, day


def narrative(g: dict[str, str], ctx: Context) -> Value:
    """"the next day", «накануне»: days from the previous narrative date (the anchor)."""
    a = ctx.anchor
    if a is None:
        return "DATE", None, None, None
    d = a + timedelta(days=int(ctx.grammar.key("narrative", g["narrative"])))
    return "DATE", d.isoformat(), d, d


def current_day(g: dict[str, str], ctx: Context) -> Value:
    """"ended the day at 8,017": the day the text is about (the anchor)."""
    a = ctx.anchor
    return ("DATE", a.isoformat(), a, a) if a else ("DATE", None, None, None)


def now(g: dict[str, str], ctx: Context) -> Value:
    """"until now", "for a week now": the anchor's day (PRESENT_REF without an anchor)."""
    a = ctx.anchor
    return ("DATE", a.isoformat(), a, a) if a else ("DATE", "PRESENT_REF", None, None)


_MOVABLE = re.compile(r"(easter|orthodox)([+-]\d+)$|(\d\d)/([1-7])/(-1|[1-5])(?:\+(\d))?$")


def holiday_date(key: str, y: int) -> date | None:
    """The day of a holiday in year `y`: `MM-DD` (fixed), `easter+N` / `orthodox+N` (days from
    Easter, python-dateutil) or `M/W/N[+D]` (the N-th ISO weekday W of month M, -1 the last,
    plus D days: Thanksgiving is `11/4/4`, Black Friday `11/4/4+1`)."""
    m = _MOVABLE.match(key)
    if m is None:
        month, day = key.split("-")
        return _safe(y, int(month), int(day))
    if m.group(1):
        from dateutil.easter import EASTER_ORTHODOX, EASTER_WESTERN, easter

        kind = EASTER_ORTHODOX if m.group(1) == "orthodox" else EASTER_WESTERN
        return easter(y, kind) + timedelta(days=int(m.group(2)))
    month, wd, n = int(m.group(3)), int(m.group(4)), int(m.group(5))
    if n > 0:
        first = date(y, month, 1)
        d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (n - 1))
    else:
        end = month_end(y, month)
        d = end - timedelta(days=(end.isoweekday() - wd) % 7)
    d += timedelta(days=int(m.group(6) or 0))
    return d if d.month == month or m.group(6) else None


def holiday(g: dict[str, str], ctx: Context) -> Value:
    """"Christmas Eve", "Easter", "Thanksgiving 2009": the holiday's day, placed like a yearless
    date ("December 24") when no year is given."""
    key = str(ctx.grammar.key("holidays", g["holiday"]))
    if "year" in g:
        y = _year(g["year"])
        d = holiday_date(key, y) if 1 <= y <= MAX_YEAR else None
    elif ctx.published is None:
        fixed = _MOVABLE.match(key) is None
        return "DATE", f"XXXX-{key}" if fixed else None, None, None
    else:
        p = ctx.published
        d = pick_day([c for y in (p.year - 1, p.year, p.year + 1)
                      if (c := holiday_date(key, y))], ctx)
    return ("DATE", d.isoformat(), d, d) if d else ("DATE", None, None, None)


def part_of_day(g: dict[str, str], ctx: Context) -> Value:
    """"in the morning": that part of the anchor's day (the last day the text names)."""
    a = ctx.anchor
    if a is None:
        return "TIME", None, None, None
    return "TIME", f"{a.isoformat()}T{PARTS_OF_DAY[g['part'].lower()]}", a, a


def narrative_part(g: dict[str, str], ctx: Context) -> Value:
    """"that night", "the next morning": a part of the day before, on or after the anchor (the
    last day the text names)."""
    a = ctx.anchor
    if a is None:
        return "TIME", None, None, None
    offset = {"that": 0, "next": 1, "following": 1, "previous": -1}[g["rel"].lower().split()[-1]]
    d = a + timedelta(days=offset)
    return "TIME", f"{d.isoformat()}T{PARTS_OF_DAY[g['part'].lower()]}", d, d


def streak(g: dict[str, str], ctx: Context) -> Value | None:
    """"for the third straight day": the anchor's own day (week, ...), where the streak ends."""
    return calendar_unit({**g, "unit": g.get("unit") or g["row_unit"], "rel": "this"}, ctx)


def later(g: dict[str, str], ctx: Context) -> Value:
    """"later" as an adverb: some time after (FUTURE_REF, open after the anchor)."""
    return "DATE", "FUTURE_REF", ctx.anchor, None


def amount_period(g: dict[str, str], ctx: Context) -> Value:
    """"annual profit", "quarterly sales": the length the amount is measured over (P1Y, P1Q)."""
    return "DURATION", duration(1, ctx.grammar.key("set_words", g["set_word"])), None, None


_YEAR_LEAD = re.compile(r"^(FY)?(\d{4})")


def year_before(t: Value) -> Value:
    """A date a year earlier, at its own granularity ("2010-02" -> "2009-02", "FY2007" ->
    "FY2006"); a day that has no twin a year earlier (February 29) gets no value."""
    kind, value, first, last = t
    m = _YEAR_LEAD.match(value or "")
    y = int(m.group(2)) - 1 if m else 0
    if m is None or not 1 <= y <= MAX_YEAR or (first and first == last
                                               and _safe(y, first.month, first.day) is None):
        return kind, None, None, None

    def back(d: date | None) -> date | None:
        return None if d is None else _safe(d.year - 1, d.month, d.day) or month_end(
            d.year - 1, d.month)

    return kind, f"{m.group(1) or ''}{y:04d}{(value or '')[m.end():]}", back(first), back(last)


def same_period(g: dict[str, str], ctx: Context) -> Value:
    """"the same period last year" with no earlier date: the year before the anchor (tag()
    moves the last date named back a year when there is one)."""
    a = ctx.anchor
    if a is None:
        return "DATE", None, None, None
    return "DATE", str(a.year - 1), date(a.year - 1, 1, 1), date(a.year - 1, 12, 31)


def same_time(g: dict[str, str], ctx: Context) -> Value:
    """"by that time" with no earlier date: nothing to copy (tag() copies the last date)."""
    return "DATE", None, None, None


def fiscal(g: dict[str, str], ctx: Context) -> Value:
    """"fiscal 2008", "the 2008 fiscal year": TIMEX3 writes FY2008; a fiscal year's months
    differ by company and country, so it gets no interval."""
    y = _year(g["year"])
    return ("DATE", f"FY{y}" if 1 <= y <= MAX_YEAR else None, None, None)


def since_event(g: dict[str, str], ctx: Context) -> Value:
    """«с начала спецоперации»: since an event the text does not date; no value, the interval
    ends at the anchor."""
    return "DATE", None, None, ctx.anchor


def calendar_unit(g: dict[str, str], ctx: Context) -> Value | None:
    unit, a = ctx.grammar.key("units", g["unit"]), ctx.anchor
    # "the" ("earlier in the week", "the end of the month") is the anchor's own unit
    offset = {"last": -1, "previous": -1, "preceding": -1, "prior": -1, "before": -1,
              "earlier": -1,
              "this past": -1,
              "this": 0, "current": 0, "the": 0, "that": 0}.get(rel(g, ctx), 1)
    if unit not in ("D", "W", "M", "Y", "E", "C"):
        return "DATE", None, None, None
    if a is None:
        return "DATE", None, None, None
    if unit in ("E", "C"):  # "the last decade" 201, «прошлого века» 19
        size = 10 if unit == "E" else 100
        first_year = (a.year // size + offset) * size
        return ("DATE", str(first_year // size), date(max(first_year, 1), 1, 1),
                date(first_year + size - 1, 12, 31))
    if unit == "W":
        monday = a - timedelta(days=a.weekday()) + timedelta(weeks=offset)
        y, w, _ = monday.isocalendar()
        return "DATE", f"{y}-W{w:02d}", monday, monday + timedelta(days=6)
    if unit == "D":
        d = a + timedelta(days=offset)
        return "DATE", d.isoformat(), d, d
    d = shift(a, offset, unit)
    value, first, last = _granular(d, unit)
    return "DATE", value, first, last


def ref(g: dict[str, str], ctx: Context) -> Value:
    key, a = ctx.grammar.key("references", g["reference"]), ctx.anchor
    bounds = {"PAST_REF": (None, a), "PRESENT_REF": (a, a), "FUTURE_REF": (a, None)}[key]
    return "DATE", key, *bounds


def every(g: dict[str, str], ctx: Context) -> Value:
    if "weekday" in g:
        return "SET", f"XXXX-WXX-{ctx.grammar.key('weekdays', g['weekday'])}", None, None
    if "set_word" in g:  # "annual", «ежедневно»
        return "SET", duration(1, ctx.grammar.key("set_words", g["set_word"])), None, None
    return "SET", duration(_count(g, ctx), ctx.grammar.key("units", g["unit"])), None, None


RESOLVERS: dict[str, Callable[[dict[str, str], Context], Value | None]] = {
    "ymd": ymd, "md": md, "ym": ym, "month": month, "month_part": month_part, "year": year,
    "year_part": year_part, "decade": decade, "deictic": deictic, "day_part": day_part,
    "weekday": weekday, "ago": ago, "span": span, "span_future": span_future, "calendar": calendar_unit, "ref": ref,
    "set": every, "length": length, "clock": clock, "season": season, "quarter": quarter, "quarter_rel": quarter_rel,
    "year_range": year_range, "year_rel_part": year_part, "narrative": narrative,
    "since_event": since_event, "current_day": current_day, "part_of_day": part_of_day, "now": now, "holiday": holiday,
    "narrative_unit": calendar_unit, "fiscal": fiscal, "weekend": weekend, "year_half": year_half, "century": century,
    "narrative_part": narrative_part, "streak": streak, "later": later,
    "amount_period": amount_period, "same_time": same_time, "year_span": year_span,
    "week_of_month": week_of_month, "range_day": range_day, "same_period": same_period,
}


def resolve(kind: str, groups: dict[str, str], ctx: Context) -> Value | None:
    return RESOLVERS[kind](groups, ctx)


def until(inner: Value, anchor: date | None) -> Value:
    """«до 2025 года», "until March": up to the end of X, from the anchor when X is after it."""
    _, value, first, last = inner
    return "DATE", value, anchor if anchor and last and anchor <= last else None, last


def since(inner: Value, anchor: date | None) -> Value:
    """"since X": from the start of X to the anchor (to X's end when the anchor is before it)."""
    _, value, first, last = inner
    if anchor is None:
        return "DATE", value, first, None
    return "DATE", value, first, anchor if first is None or anchor >= first else last

