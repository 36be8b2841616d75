"""Questions analysts ask of a timeline, answered with typed objects that carry their evidence.

    >>> with Store("news.duckdb", read_only=True) as store:
    ...     entries = store.timeline(actors=["Lloyd Austin", "Sergei Shoigu"], types=["CONSULT"],
    ...                              statuses=["occurred"])
    >>> last_contact(entries).entry.date            # the latest dated entry
    >>> longest_gaps(entries)[0].days                # the longest stretch without one
    >>> count_by(entries, "month")                   # entries per month

The functions take entries already filtered (by `Store.timeline` or `query.select`) and work on
`StoryEntry` or `Entry` alike; they only need `date`, `type`, `id` and, for the evidence chain,
`evidence`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from kronika.document import date_to_dict, iso
from kronika.errors import UsageError
from kronika.timeline.corpus import Conflict, StoryEntry

PERIODS = ("day", "week", "month", "year")


@dataclass(frozen=True)
class Answer:
    """The entry that answers a question, and the conflicts that touch it."""

    entry: StoryEntry
    conflicts: tuple[Conflict, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {"entry": self.entry.to_dict(), "conflicts": [c.to_dict() for c in self.conflicts]}


@dataclass(frozen=True)
class Gap:
    """A stretch with no entry: from the day after `before` ended to the day before `after`
    began (`before` is None for a gap from the question's `since` day, `after` for one that
    runs to its `until` day)."""

    start: date
    end: date
    before: StoryEntry | None
    after: StoryEntry | None

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def to_dict(self) -> dict[str, Any]:
        return {"start": iso(self.start), "end": iso(self.end), "days": self.days,
                "before": self.before.id if self.before else None,
                "after": self.after.id if self.after else None,
                "before_date": date_to_dict(self.before.date) if self.before else None,
                "after_date": date_to_dict(self.after.date) if self.after else None}


@dataclass(frozen=True)
class Count:
    """How many entries fall in one period (by their earliest day; `undated` for none)."""

    period: str
    count: int
    entries: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"period": self.period, "count": self.count, "entries": list(self.entries)}


def _dated(entries: Iterable[StoryEntry]) -> list[StoryEntry]:
    return sorted((e for e in entries if e.date.dated),
                  key=lambda e: (e.date.earliest, e.date.latest, e.id))


def last_contact(entries: Iterable[StoryEntry],
                 conflicts: Sequence[Conflict] = ()) -> Answer | None:
    """The entry that ended latest (ties: the one that began latest), or None."""
    dated = sorted((e for e in entries if e.date.dated),
                   key=lambda e: (e.date.latest, e.date.earliest, e.id))
    if not dated:
        return None
    e = dated[-1]
    return Answer(e, tuple(c for c in conflicts if e.id in {s.entry for s in c.sides}))


def longest_gaps(entries: Iterable[StoryEntry], *, since: date | None = None,
                 until: date | None = None, top: int | None = None) -> list[Gap]:
    """Stretches between consecutive dated entries with no entry in them, longest first.

    Overlapping entries leave no gap; with `since`, the stretch from that day to the first
    entry counts too (its `before` is None), and with `until`, the stretch from the last entry
    to that day (its `after` is None).
    """
    dated = _dated(entries)
    gaps: list[Gap] = []
    if dated and since is not None and since < dated[0].date.earliest:
        gaps.append(Gap(since, dated[0].date.earliest - timedelta(days=1), None, dated[0]))
    reach: StoryEntry | None = None
    for e in dated:
        if reach is not None and e.date.earliest > reach.date.latest + timedelta(days=1):
            gaps.append(Gap(reach.date.latest + timedelta(days=1),
                            e.date.earliest - timedelta(days=1), reach, e))
        if reach is None or e.date.latest > reach.date.latest:
            reach = e
    if reach is not None and until is not None and until > reach.date.latest:
        gaps.append(Gap(reach.date.latest + timedelta(days=1), until, reach, None))
    gaps.sort(key=lambda g: (-g.days, g.start))
    return gaps[:top] if top else gaps


def period_of(d: date, by: str) -> str:
    if by == "day":
        return d.isoformat()
    if by == "week":
        y, w, _ = d.isocalendar()
        return f"{y}-W{w:02d}"
    if by == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if by == "year":
        return f"{d.year:04d}"
    raise UsageError(f"--by {by!r} is not one of {', '.join(PERIODS)}")


def count_by(entries: Iterable[StoryEntry], by: str = "month") -> list[Count]:
    """Entries per period of their earliest day, in period order; undated ones last."""
    if by not in PERIODS:
        raise UsageError(f"--by {by!r} is not one of {', '.join(PERIODS)}")
    groups: dict[str, list[str]] = {}
    for e in entries:
        key = period_of(e.date.earliest, by) if e.date.earliest else "undated"
        groups.setdefault(key, []).append(e.id)
    keys = sorted(k for k in groups if k != "undated") + (["undated"] if "undated" in groups
                                                          else [])
    return [Count(k, len(groups[k]), tuple(groups[k])) for k in keys]
