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
#: TIMEX3 duration units of our unit keys, with the multiplier (a fortnight is two weeks).
DURATION_UNITS = {"D": ("D", 1), "W": ("W", 1), "F": ("W", 2), "M": ("M", 1), "Y": ("Y", 1),
                  "E": ("DE", 1)}
RELATIVE_KINDS = frozenset({"day_part", "deictic", "weekday", "ago", "span", "calendar", "ref"})


@dataclass(frozen=True, slots=True)
class Context:
    grammar: Grammar
    published: date | None
    anchor: date | None
    future: bool


def month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def add_months(d: date, n: int) -> date:
    y, m = divmod(d.year * 12 + d.month - 1 + n, 12)
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, n: int, unit: str) -> date:
    days = {"D": 1, "W": 7, "F": 14}.get(unit)
    if days:
        return d + timedelta(days=n * days)
    return add_months(d, n * {"M": 1, "Y": 12, "E": 120}[unit])


def _int(s: str) -> int:
    return int(s[:2] if s[:2].isdigit() else s[:1])


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
    """The year of a yearless date: the latest not after publication (+ slack), or, in a future
    sentence, the earliest not before publication."""
    p = ctx.published
    assert p is not None
    cands = [c for y in (p.year - 1, p.year, p.year + 1) if (c := _safe(y, m, d))]
    if ctx.future:
        return min((c for c in cands if c >= p), default=None)
    return max((c for c in cands if c <= p + timedelta(days=YEAR_SLACK_DAYS)), default=None)


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

def ymd(g: dict[str, str], ctx: Context) -> Value | None:
    d = _safe(int(g["year"]), _month(g, ctx), _int(g["day"]))
    return ("DATE", d.isoformat(), d, d) if d else None


def md(g: dict[str, str], ctx: Context) -> Value | None:
    m, day = _month(g, ctx), _int(g["day"])
    if not _safe(2000, m, day):
        return None
    if ctx.published is None:
        return "DATE", f"XXXX-{m:02d}-{day:02d}", None, None
    d = infer_day(m, day, ctx)
    return ("DATE", d.isoformat(), d, d) if d else None


def ym(g: dict[str, str], ctx: Context) -> Value:
    y, m = int(g["year"]), _month(g, ctx)
    return "DATE", f"{y}-{m:02d}", date(y, m, 1), month_end(y, m)


def month(g: dict[str, str], ctx: Context) -> Value:
    m = _month(g, ctx)
    if ctx.published is None:
        return "DATE", f"XXXX-{m:02d}", None, None
    y = infer_month(m, ctx, g.get("rel", "").lower() or None)
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
    y = int(g["year"])
    return "DATE", str(y), date(y, 1, 1), date(y, 12, 31)


def year_part(g: dict[str, str], ctx: Context) -> Value:
    y = int(g["year"])
    first, last = PART_MONTHS[ctx.grammar.key("month_parts", g["part"])]
    return "DATE", str(y), date(y, first, 1), month_end(y, last)


def decade(g: dict[str, str], ctx: Context) -> Value:
    y = int(g["decade"])
    return "DATE", str(y)[:3], date(y, 1, 1), date(y + 9, 12, 31)


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
    rel = g.get("rel", "").lower()
    back = (a.isoweekday() - wd) % 7  # days back to the latest such weekday, 0 if today
    if rel == "this":
        d = a + timedelta(days=wd - a.isoweekday())
    elif rel in ("last", "past"):
        d = a - timedelta(days=back or 7)
    elif rel in ("next", "coming"):
        d = a + timedelta(days=(wd - a.isoweekday()) % 7 or 7)
    elif ctx.future:
        d = a + timedelta(days=(wd - a.isoweekday()) % 7)
    else:
        d = a - timedelta(days=back)
    return "DATE", d.isoformat(), d, d


def _count(g: dict[str, str], ctx: Context) -> int | None:
    raw = g.get("num")
    if raw is None:
        return 1
    if raw.isdigit():
        return int(raw)
    n = ctx.grammar.key("numbers", raw)
    return n if isinstance(n, int) else None


def _granular(d: date, unit: str) -> tuple[str, date, date]:
    if unit == "M":
        return f"{d.year}-{d.month:02d}", date(d.year, d.month, 1), month_end(d.year, d.month)
    if unit in ("Y", "E"):
        return str(d.year), date(d.year, 1, 1), date(d.year, 12, 31)
    return d.isoformat(), d, d


def ago(g: dict[str, str], ctx: Context) -> Value:
    n, unit = _count(g, ctx), ctx.grammar.key("units", g["unit"])
    a = ctx.anchor
    if n is None or a is None:
        return "DATE", "PAST_REF", None, a
    p = shift(a, -n, unit)
    value, first, last = _granular(p, unit)
    qual = ctx.grammar.key("qualifiers", g["qualifier"]) if "qualifier" in g else None
    if qual == "less":
        return "DATE", value, p, a
    if qual == "more":
        return "DATE", value, None, p
    return "DATE", value, first, last


def span(g: dict[str, str], ctx: Context) -> Value:
    n, unit = _count(g, ctx), ctx.grammar.key("units", g["unit"])
    code, times = DURATION_UNITS[unit]
    value = f"P{n * times if n is not None else 'X'}{code}"
    a = ctx.anchor
    if a is None:
        return "DURATION", value, None, None
    return "DURATION", value, shift(a, -n, unit) if n is not None else None, a


def calendar_unit(g: dict[str, str], ctx: Context) -> Value | None:
    unit, a = ctx.grammar.key("units", g["unit"]), ctx.anchor
    offset = {"last": -1, "previous": -1, "this": 0, "current": 0}.get(g["rel"].lower(), 1)
    if unit not in ("D", "W", "M", "Y"):
        return None
    if a is None:
        return "DATE", None, None, None
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
    code, times = DURATION_UNITS[ctx.grammar.key("units", g["unit"])]
    n = _count(g, ctx)
    return "SET", f"P{n * times if n is not None else 'X'}{code}", None, None


RESOLVERS: dict[str, Callable[[dict[str, str], Context], Value | None]] = {
    "ymd": ymd, "md": md, "ym": ym, "month": month, "month_part": month_part, "year": year,
    "year_part": year_part, "decade": decade, "deictic": deictic, "day_part": day_part,
    "weekday": weekday, "ago": ago, "span": span, "calendar": calendar_unit, "ref": ref,
    "set": every,
}


def resolve(kind: str, groups: dict[str, str], ctx: Context) -> Value | None:
    return RESOLVERS[kind](groups, ctx)


def since(inner: Value, anchor: date | None) -> Value:
    """"since X": from the start of X to the anchor (to X's end when the anchor is before it)."""
    _, value, first, last = inner
    if anchor is None:
        return "DATE", value, first, None
    return "DATE", value, first, anchor if first is None or anchor >= first else last

