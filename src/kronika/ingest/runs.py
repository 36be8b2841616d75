"""Large runs that finish: early filters, resumable runs, and the run report.

`Filters` leave inputs out before the costly stages: by domain and publication date as soon as
the container says them (a WARC record's URL, a feed entry's date), else right after extraction
(the page's canonical URL and metadata date), with language and keywords; never after the
language models ran. A left-out input is recorded as *skipped*, naming the filter (K900).

`Run` keeps a run's progress in the store (`ingest_runs`, `ingest_run_items`): running the same
command again after a kill continues the unfinished run, skipping every input it already did,
and a document stored just before the kill (before its bookkeeping) is recognised as the run's
own, not called a duplicate. `report()` tells what was skipped and why, and the gaps in time
per source ("no documents from example.com between 2022-05-02 and 2022-05-20").
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from urllib.parse import urlsplit

from kronika.document import Document
from kronika.errors import BadFilterError, FilteredOutError
from kronika.ingest.item import Item
from kronika.ingest.outcome import Outcome

#: A stretch longer than this many days without a document from one source is a gap, by
#: default (news sites publish daily; a week of silence is worth a look).
DEFAULT_GAP_DAYS = 7
_HOST = re.compile(r"^[a-z0-9.-]+$")


@dataclass(frozen=True)
class Filters:
    """What to keep: every set filter must pass. `after`/`before` are exclusive, like the
    timeline's; a document with no publication date fails a date window."""

    domains: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    after: date | None = None
    before: date | None = None
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        for d in self.domains:
            if not _HOST.match(d):
                raise BadFilterError(f"--domain {d!r} is not a host name; write it like "
                                     f"example.com (no scheme, no path)")
        if any(not k.strip() for k in self.keywords):
            raise BadFilterError("--keyword '' matches everything; give a word or drop it")
        if self.after and self.before and self.after >= self.before:
            raise BadFilterError(f"--published-after {self.after} is not before "
                                 f"--published-before {self.before}: the window is empty")

    def __bool__(self) -> bool:
        return bool(self.domains or self.languages or self.after or self.before
                    or self.keywords)

    def to_dict(self) -> dict[str, Any]:
        return {"domains": list(self.domains), "languages": list(self.languages),
                "published_after": self.after.isoformat() if self.after else None,
                "published_before": self.before.isoformat() if self.before else None,
                "keywords": list(self.keywords)}

    def _domain(self, url: str | None) -> str | None:
        if not self.domains or url is None:
            return None
        host = (urlsplit(url).hostname or "").lower()
        if any(host == d or host.endswith("." + d) for d in self.domains):
            return None
        return f"its domain {host or '(none)'} is not {' or '.join(self.domains)} (--domain)"

    def _window(self, day: date | None) -> str | None:
        if not (self.after or self.before) or day is None:
            return None
        if self.after and day <= self.after:
            return f"published {day}, not after {self.after} (--published-after)"
        if self.before and day >= self.before:
            return f"published {day}, not before {self.before} (--published-before)"
        return None

    def before_reading(self, item: Item) -> str | None:
        """Why the item is left out on what its container says, or None."""
        return self._domain(item.url) or self._window(item.published)

    def after_extract(self, doc: Document) -> str | None:
        """Why the extracted document is left out, or None."""
        if self.domains:
            if doc.url is None and not _is_url(doc.source_uri):
                return "it has no URL to tell its domain (--domain)"
            why = self._domain(doc.url or doc.source_uri)
            if why:
                return why
        if (self.after or self.before) and doc.published is None:
            return "it has no publication date (--published-after/--published-before)"
        why = self._window(doc.published)
        if why:
            return why
        if self.languages and doc.language not in self.languages:
            return f"its language is {doc.language}, not {' or '.join(self.languages)} " \
                   f"(--only-lang)"
        if self.keywords:
            hay = f"{doc.title or ''}\n{doc.text}".casefold()
            if not any(k.casefold() in hay for k in self.keywords):
                return f"none of the keywords {', '.join(self.keywords)} occurs (--keyword)"
        return None


def _is_url(uri: str | None) -> bool:
    return bool(uri) and uri.startswith(("http://", "https://"))


def filtered(uri: str, why: str, doc_id: str | None = None) -> Outcome:
    """The skipped outcome of an input a filter leaves out."""
    return Outcome.from_error(uri, FilteredOutError(f"{uri}: left out: {why}"), doc_id)


def source_of(uri: str, url: str | None) -> str:
    """The source an input counts under in gap reports: its URL's host, else its file."""
    host = urlsplit(url).hostname if _is_url(url) else None
    if host:
        return host.lower()
    if _is_url(uri):
        return (urlsplit(uri).hostname or uri).lower()
    return uri.split("#", 1)[0]


@dataclass
class Run:
    """A run's identity and progress in the store (see `kronika.store.metadata`)."""

    store: Any
    run_id: str
    done: set[str] = field(default_factory=set)
    resumed: bool = False

    @classmethod
    def open(cls, store, inputs: list[str], options: dict, *, resume: bool = True) -> Run:
        from kronika import __version__
        from kronika.store import metadata

        with store._translate("opening the ingest run"):
            run_id, done, resumed = metadata.open_run(store._con, inputs, options, __version__,
                                                      resume=resume)
        return cls(store, run_id, done, resumed)

    def record(self, outcome: Outcome, url: str | None = None,
               published: date | None = None) -> None:
        from kronika.store import metadata

        with self.store._translate(f"recording the run's progress on {outcome.input}"):
            metadata.record_item(self.store._con, self.run_id, outcome,
                                 source_of(outcome.input, url), published)
        self.done.add(outcome.input)

    def stored_before_kill(self, doc_id: str) -> bool:
        from kronika.store import metadata

        with self.store._translate("checking a resumed run"):
            return metadata.stored_in_run(self.store._con, self.run_id, doc_id)

    def finish(self) -> None:
        from kronika.store import metadata

        with self.store._translate("finishing the ingest run"):
            metadata.finish_run(self.store._con, self.run_id)


def report(store, run_id: str | None = None, *, gap_days: int = DEFAULT_GAP_DAYS) -> dict:
    """What a run did (the latest when `run_id` is None): counts, skips and failures grouped by
    why, and gaps in time per source and overall."""
    from kronika.store import metadata

    with store._translate("reading the run report"):
        run, items = metadata.run_rows(store._con, run_id)
    if not run:
        return {}
    counts = Counter({s: 0 for s in ("stored", "duplicate", "skipped", "failed")})
    counts.update(i["status"] for i in items)
    why: dict[tuple[str, str, str], list[str]] = defaultdict(list)
    for i in items:
        if i["status"] in ("skipped", "failed"):
            why[(i["status"], i["code"] or "", _why(i["reason"] or ""))].append(i["input"])
    days: dict[str, list[date]] = defaultdict(list)
    for i in items:
        if i["status"] == "stored" and i["published"]:
            days[i["source"]].append(i["published"])
    every = [d for ds in days.values() for d in ds]
    span = (min(every), max(every)) if every else None
    gaps = [g for source in sorted(days) for g in _gaps(source, days[source], gap_days, span)]
    gaps += _gaps(None, every, gap_days)
    return {
        "run": run["run_id"], "version": run["version"],
        "started_at": run["started_at"].isoformat(),
        "finished_at": run["finished_at"].isoformat() if run["finished_at"] else None,
        "options": json.loads(run["options"]),
        "counts": dict(counts), "total": len(items),
        "skipped": [{"status": s, "code": c, "why": w, "inputs": len(v), "examples": v[:3]}
                    for (s, c, w), v in sorted(why.items(), key=lambda kv: -len(kv[1]))],
        "sources": {s: {"documents": len(ds), "first": min(ds).isoformat(),
                        "last": max(ds).isoformat()} for s, ds in sorted(days.items())},
        "gaps": gaps, "gap_days": gap_days,
    }


def _why(reason: str) -> str:
    """A reason without its input's name and particulars: the filter, or the message's gist."""
    m = re.search(r"\((--[a-z-/]+)\)$", reason)
    if m:
        return f"left out by {m.group(1)}"
    gist = reason.split(": ", 1)[-1]
    return re.sub(r"\d+", "N", gist)[:100]


def _gaps(source: str | None, days: list[date], gap_days: int,
          span: tuple[date, date] | None = None) -> list[dict]:
    """Stretches of more than `gap_days` days without a document; with `span` (the run's first
    and last day over all sources) a source that starts late or stops early has a gap too."""
    ordered = sorted(set(days) | (set(span) if span else set()))
    out = []
    for a, b in zip(ordered, ordered[1:], strict=False):
        if (b - a).days > gap_days:
            where = f"from {source}" if source else "from any source"
            out.append({"source": source, "after": a.isoformat(), "before": b.isoformat(),
                        "days": (b - a).days - 1,
                        "text": f"no documents {where} between {a} and {b}"})
    return out
