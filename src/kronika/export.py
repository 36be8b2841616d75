"""Exports of a stored timeline for other tools: CSV and JSONL tables, an iCalendar file, and
a Markdown timeline with footnoted sources. (Parquet is `Store.export_parquet`.)

All take `TimelineData`: (document id, entry) pairs in timeline order, the events they cite, and
the documents' summaries, as read by `TimelineData.read(store, ...)` with the CLI's filters.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from kronika.document import Entry, Event, entry_to_dict, event_to_dict
from kronika.plover import quad_of
from kronika.timeline.shape import date_shape

TABLE_FORMATS = ("parquet", "csv", "jsonl")
FILE_FORMATS = ("ics", "md")
FORMATS = TABLE_FORMATS + FILE_FORMATS

ENTRY_FIELDS = ("id", "document", "earliest", "latest", "date_value", "date_basis", "shape",
                "type", "quad", "status", "sources", "targets", "hedged", "confidence",
                "summary", "events")
EVENT_FIELDS = ("id", "document", "earliest", "latest", "date_value", "date_basis", "type",
                "status", "sources", "targets", "hedged", "confidence", "speaker", "said",
                "trigger", "evidence", "evidence_start", "evidence_end")


@dataclass(frozen=True)
class TimelineData:
    entries: tuple[tuple[str, Entry], ...]
    events: dict[tuple[str, str], Event]
    documents: dict[str, dict]

    @classmethod
    def read(cls, store, **filters) -> TimelineData:
        """The store's timeline, filtered like `Store.timeline(**filters)`, with its evidence."""
        rows = store.timeline_by_document(**filters)
        cited = {(d, i) for d, e in rows for i in e.events}
        events = {(d, e.id): e for d, e in store.events() if (d, e.id) in cited}
        docs = {d["id"]: d for d in store.documents()}
        return cls(tuple(rows), events, docs)

    def evidence(self, doc_id: str, entry: Entry) -> list[Event]:
        return [self.events[(doc_id, i)] for i in entry.events if (doc_id, i) in self.events]


def _names(actors) -> str:
    return "; ".join(a.name for a in actors)


def entry_record(doc_id: str | None, e: Entry) -> dict:
    """An entry as one flat dict (actors `; `-joined): a row of entries.csv or a DataFrame."""
    q = quad_of(e.type)
    return dict(zip(ENTRY_FIELDS, (
        e.id, doc_id, e.date.earliest, e.date.latest, e.date.value, e.date.basis,
        date_shape(e.date), e.type, q["name"] if q else None, e.status, _names(e.sources),
        _names(e.targets), e.hedged, e.confidence, e.summary, " ".join(e.events)), strict=True))


def event_record(doc_id: str | None, e: Event) -> dict:
    """An event as one flat dict: a row of events.csv or a DataFrame."""
    att = e.attribution
    return dict(zip(EVENT_FIELDS, (
        e.id, doc_id, e.date.earliest, e.date.latest, e.date.value, e.date.basis, e.type,
        e.status, _names(e.sources), _names(e.targets), e.hedged, e.confidence,
        att.speaker.name if att and att.speaker else None, att.said if att else None,
        e.trigger.text, e.evidence.text, e.evidence.start, e.evidence.end), strict=True))


def entry_records(data: TimelineData) -> list[dict]:
    return [entry_record(doc_id, e) for doc_id, e in data.entries]


def event_records(data: TimelineData) -> list[dict]:
    return [event_record(doc_id, e) for (doc_id, _), e in data.events.items()]


def write_tables(data: TimelineData, folder: str | Path, fmt: str) -> list[Path]:
    """entries.csv + events.csv, or entries.jsonl + events.jsonl (contract JSON), in `folder`."""
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    if fmt == "csv":
        paths = [out / "entries.csv", out / "events.csv"]
        for path, rows, fields in ((paths[0], entry_records(data), ENTRY_FIELDS),
                                   (paths[1], event_records(data), EVENT_FIELDS)):
            with path.open("w", newline="", encoding="utf-8") as f:
                w = csv.DictWriter(f, fieldnames=fields)
                w.writeheader()
                w.writerows(rows)
        return paths
    paths = [out / "entries.jsonl", out / "events.jsonl"]
    with paths[0].open("w", encoding="utf-8") as f:
        for doc_id, e in data.entries:
            f.write(json.dumps({**entry_to_dict(e), "document": doc_id}, ensure_ascii=False)
                    + "\n")
    with paths[1].open("w", encoding="utf-8") as f:
        for (doc_id, _), e in data.events.items():
            f.write(json.dumps({**event_to_dict(e), "document": doc_id}, ensure_ascii=False)
                    + "\n")
    return paths


# iCalendar (RFC 5545) -------------------------------------------------------------------------

def _ics_text(value: str) -> str:
    return (value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> list[str]:
    """Split a content line into pieces of at most 75 octets, never inside a character."""
    parts, current, size = [], "", 0
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > (75 if not parts else 74):
            parts.append(current)
            current, size = "", 0
        current += ch
        size += n
    parts.append(current)
    return [parts[0]] + [" " + p for p in parts[1:]]


def to_ics(data: TimelineData, *, now: datetime | None = None) -> tuple[str, int]:
    """An iCalendar file with one all-day VEVENT per entry dated at both ends, and the number
    of entries left out (undated or open-ended). A range spans all its possible days and says
    so; hedged or not-occurred entries are TENTATIVE."""
    stamp = (now or datetime.now(UTC)).strftime("%Y%m%dT%H%M%SZ")
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//kronika//timeline//EN",
             "CALSCALE:GREGORIAN", "X-WR-CALNAME:kronika timeline"]
    skipped = 0
    for doc_id, e in data.entries:
        if not e.date.dated:
            skipped += 1
            continue
        evs = data.evidence(doc_id, e)
        shape = date_shape(e.date)
        when = {"range": f"On one day between {e.date.earliest} and {e.date.latest} (the text "
                         f"does not say which).",
                "interval": f"From {e.date.earliest} to {e.date.latest}."}.get(shape, "")
        says = [f"“{ev.evidence.text}”" + _said(ev) for ev in evs]
        doc = data.documents.get(doc_id, {})
        source = f"Source: {doc.get('title') or 'untitled'} ({doc.get('published') or 'no date'})"
        desc = "\n".join(x for x in (when, f"Status: {e.status.replace('_', ' ')}"
                                     + (", hedged" if e.hedged else ""), *says, source) if x)
        q = quad_of(e.type)
        uri = doc.get("uri") or ""
        lines += ["BEGIN:VEVENT", f"UID:{e.id}-{doc_id[:16]}@kronika", f"DTSTAMP:{stamp}",
                  f"DTSTART;VALUE=DATE:{e.date.earliest:%Y%m%d}",
                  f"DTEND;VALUE=DATE:{e.date.latest + timedelta(days=1):%Y%m%d}",
                  f"SUMMARY:{_ics_text(e.summary)}", f"DESCRIPTION:{_ics_text(desc)}",
                  f"CATEGORIES:{_ics_text(e.type)}" + (f",{_ics_text(q['label'])}" if q else ""),
                  "STATUS:" + ("CONFIRMED" if e.status == "occurred" and not e.hedged
                               else "TENTATIVE"),
                  "TRANSP:TRANSPARENT"]
        if re.match(r"https?://", uri):
            lines.append(f"URL:{uri}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(p + "\r\n" for line in lines for p in _fold(line)), skipped


def _said(ev: Event) -> str:
    att = ev.attribution
    if att and att.speaker:
        return f" (said by {att.speaker.name}" + (f" on {att.said}" if att.said else "") + ")"
    return " (unattributed)"


# Markdown ---------------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]|~^])")


def md_escape(text: str) -> str:
    """Text that Markdown shows as written: specials backslashed, `<`/`&` as entities."""
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace("\n", " ")
    return _MD_SPECIAL.sub(r"\\\1", text)


def to_markdown(data: TimelineData, title: str = "Timeline") -> str:
    """A Markdown list, one line per entry in date order, each citing its evidence as
    footnotes: the sentence, its article and date, and who said it."""
    from kronika.render import date_text

    out = [f"# {md_escape(title)}", ""]
    notes: dict[tuple[str, str], int] = {}
    lines: list[str] = []
    for doc_id, e in data.entries:
        refs = []
        for ev in data.evidence(doc_id, e):
            n = notes.setdefault((doc_id, ev.id), len(notes) + 1)
            refs.append(f"[^{n}]")
        status = e.status.replace("_", " ") + (", hedged" if e.hedged else "")
        lines.append(f"- **{md_escape(date_text(e.date))}** {md_escape(e.summary)} "
                     f"({md_escape(status)}){''.join(refs)}")
    out += lines or ["_No entries._"]
    if notes:
        out.append("")
    for (doc_id, eid), n in notes.items():
        ev = data.events[(doc_id, eid)]
        doc = data.documents.get(doc_id, {})
        where = f"*{md_escape(doc.get('title') or 'untitled article')}*"
        if doc.get("published"):
            where += f", published {doc['published']}"
        uri = doc.get("uri") or ""
        if re.match(r"https?://[^\s<>]+$", uri):
            where += f", <{uri}>"
        out.append(f"[^{n}]: “{md_escape(ev.evidence.text)}” — {where}{md_escape(_said(ev))}")
    return "\n".join(out) + "\n"
