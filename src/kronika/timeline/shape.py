"""How a timeline draws an entry's date: the web page, `kronika plot` and the exports agree.

- `point`: one known day;
- `interval`: the text gives a stretch of time the event lasted (a TIMEX3 interval `A/B`);
- `range`: the event happened on one day somewhere in [earliest, latest], and the text does not
  say which (drawn hatched: the width is uncertainty, not duration);
- `open`: only one bound is known; `undated`: neither.
"""

from __future__ import annotations

from kronika.document import DateInfo

SHAPES = ("point", "interval", "range", "open", "undated")


def date_shape(d: DateInfo) -> str:
    if d.earliest is None and d.latest is None:
        return "undated"
    if d.earliest is None or d.latest is None:
        return "open"
    if d.earliest == d.latest:
        return "point"
    if d.value and "/" in d.value:
        return "interval"
    return "range"
