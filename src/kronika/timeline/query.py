"""Filtering a timeline the way `kronika timeline` and the gold queries do.

Every `actors` name must take part (as source or target; matched case-insensitively against the
actor's canonical name, its words in the text, its role and its country code). `after` and
`before` are exclusive: an entry is after a date when its earliest day is later, and before a
date when its latest day is earlier; undated entries never pass a date filter. `first`/`last`
pick from the date-ordered result; `last=1` is the latest entry.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from kronika.document import Actor, Entry
from kronika.errors import UsageError
from kronika.timeline import sort_entries


def actor_matches(actor: Actor, name: str) -> bool:
    needle = name.casefold()
    fields = (actor.name, actor.text, actor.role or "", actor.country or "", actor.id or "")
    return any(needle in f.casefold() for f in fields if f)


def select(
    entries: Iterable[Entry],
    *,
    actors: Sequence[str] = (),
    types: Sequence[str] = (),
    statuses: Sequence[str] = (),
    after: date | None = None,
    before: date | None = None,
    first: int | None = None,
    last: int | None = None,
) -> list[Entry]:
    if first is not None and last is not None:
        raise UsageError("give --first or --last, not both")
    for n, what in ((first, "--first"), (last, "--last")):
        if n is not None and n < 1:
            raise UsageError(f"{what} must be 1 or more, not {n}")
    types_u = {t.upper() for t in types}
    out = []
    for e in sort_entries(entries):
        people = (*e.sources, *e.targets)
        if any(not any(actor_matches(a, name) for a in people) for name in actors):
            continue
        if types_u and e.type not in types_u:
            continue
        if statuses and e.status not in statuses:
            continue
        if after is not None and (e.date.earliest is None or e.date.earliest <= after):
            continue
        if before is not None and (e.date.latest is None or e.date.latest >= before):
            continue
        out.append(e)
    if first is not None:
        return out[:first]
    if last is not None:
        out.sort(key=lambda e: (e.date.latest or date.min, e.date.earliest or date.min))
        return out[-last:]
    return out


def answer(entries: Iterable[Entry], question: dict) -> Entry | None:
    """The entry a gold-file question's `filter` picks (its `pick` is `first` or `last`)."""
    from kronika.dates import parse_date

    f = question["filter"]
    pick = f.get("pick", "last")
    got = select(entries, actors=f.get("actors", []), types=f.get("types", []),
                 statuses=f.get("statuses", []),
                 after=parse_date(f["after"]) if f.get("after") else None,
                 before=parse_date(f["before"]) if f.get("before") else None,
                 first=1 if pick == "first" else None, last=1 if pick == "last" else None)
    return got[0] if got else None
