"""How much of the required office history the knowledge base covers, and where it has gaps.

`kb/coverage.yaml` says, per country (and the EU), which office fills each required role (head
of state, head of government, defence and foreign minister, chief of staff, military
spokesperson) and why a role has no office or is not required on some days. `gaps(kb)` lists
every stretch from `since` to `facts_as_of` longer than `max_gap_days` when nobody held the
office and no reason is written down; a stretch the file lists under `missing` (facts not yet
entered, with why) is still a gap, marked `known`.

    >>> [g for g in gaps(load_kb()) if g.country == "USA" and not g.known]
    []
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from kronika.actors.kb import KB, PACKAGE, load_kb
from kronika.errors import RuleFileError
from kronika.rules import load_rules

#: The roles every country of the coverage file is checked for, in order.
ROLES = ("head-of-state", "head-of-government", "defence-minister", "foreign-minister",
         "chief-of-staff", "military-spokesperson")

_DAY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class Gap:
    """Days (`start`..`end`, inclusive) a required role had no holder in the KB."""

    country: str
    role: str
    office: str | None
    start: date
    end: date
    known: bool = False       # listed under `missing` in coverage.yaml
    why: str = ""

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __str__(self) -> str:
        where = self.office or "no office"
        mark = f"known: {self.why}" if self.known else "NOT LISTED in coverage.yaml"
        return (f"{self.country} {self.role} ({where}): {self.start}..{self.end} "
                f"({self.days} days; {mark})")


@dataclass(frozen=True, slots=True)
class Coverage:
    since: date
    facts_as_of: date
    max_gap_days: int
    roles: dict[str, dict[str, dict]]   # country -> role -> entry


def load_coverage() -> Coverage:
    data = load_rules(PACKAGE, "coverage.yaml")
    for key in ("since", "facts_as_of", "max_gap_days", "countries"):
        if key not in data:
            raise RuleFileError(f"coverage.yaml lacks {key}; see the file's header")
    roles: dict[str, dict[str, dict]] = {}
    for country, entries in data["countries"].items():
        for role in ROLES:
            entry = (entries or {}).get(role)
            if not isinstance(entry, dict) or not entry.keys() & {"office", "none", "missing"}:
                raise RuleFileError(f"coverage.yaml {country} {role}: give `office: <id>`, "
                                    f"`none: <why the country has no such office>` or `missing`")
        unknown = set(entries) - set(ROLES)
        if unknown:
            raise RuleFileError(f"coverage.yaml {country}: unknown roles {sorted(unknown)}; "
                                f"use {', '.join(ROLES)}")
        roles[str(country)] = entries
    return Coverage(data["since"], data["facts_as_of"], int(data["max_gap_days"]), roles)


def _spans(items: list[dict] | None, lo: date, hi: date) -> list[tuple[date, date, str]]:
    out = []
    for s in items or []:
        if "why" not in s or not s["why"]:
            raise RuleFileError(f"coverage.yaml: every excepted or missing period needs `why` ({s})")
        out.append((s.get("from", lo), s.get("to", hi), str(s["why"])))
    return out


def _uncovered(lo: date, hi: date, covered: list[tuple[date, date]]) -> list[tuple[date, date]]:
    """The stretches of lo..hi (inclusive) outside every covered span."""
    out, cur = [], lo
    for a, b in sorted(covered):
        if b < cur:
            continue
        if a > cur:
            out.append((cur, min(a - _DAY, hi)))
        cur = max(cur, b + _DAY)
        if cur > hi:
            break
    if cur <= hi:
        out.append((cur, hi))
    return [(a, b) for a, b in out if a <= b]


def role_gaps(kb: KB, cov: Coverage, country: str, role: str) -> list[Gap]:
    entry = cov.roles[country][role]
    if "none" in entry:
        return []
    office_id = entry.get("office")
    if office_id is not None and office_id not in kb.offices:
        raise RuleFileError(f"coverage.yaml {country} {role}: office {office_id!r} is not in "
                            f"the knowledge base")
    holders = kb.offices[office_id].holders if office_id else ()
    lo, hi = cov.since, cov.facts_as_of
    terms: list[tuple[date, date]] = []
    explained: list[tuple[date, date]] = []     # an empty office whose next term says why
    prev_end: date | None = None
    for h in sorted(holders, key=lambda h: h.start):
        terms.append((h.start, h.end or hi))
        if h.after_gap and prev_end is not None:
            explained.append((prev_end, h.start))
        prev_end = max(prev_end or h.start, h.end or hi)
    terms += [(a, b) for a, b, _ in _spans(entry.get("except"), lo, hi)]
    missing = _spans(entry.get("missing"), lo, hi)
    out = []
    for a, b in _uncovered(lo, hi, terms):
        if (b - a).days + 1 <= cov.max_gap_days:
            continue
        why = next((w for m0, m1, w in missing if m0 <= a and b <= m1), "")
        if not why and any(e0 <= a and b <= e1 for e0, e1 in explained):
            continue
        out.append(Gap(country, role, office_id, a, b, bool(why), why))
    return out


def gaps(kb: KB | None = None, cov: Coverage | None = None) -> list[Gap]:
    """Every gap of every required role, country by country."""
    kb = kb or load_kb()
    cov = cov or load_coverage()
    return [g for country in cov.roles for role in ROLES for g in role_gaps(kb, cov, country, role)]
