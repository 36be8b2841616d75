"""Text forms of the corpus timeline: Markdown, and the evidence chain `--explain` prints."""

from __future__ import annotations

from collections.abc import Sequence

from kronika.render import date_text
from kronika.timeline.corpus import Conflict, StoryEntry


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(entries: Sequence[StoryEntry], conflicts: Sequence[Conflict] = ()) -> str:
    """A Markdown table, one row per entry, then the flagged conflicts."""
    lines = ["| date | what | sources | confidence | first report |",
             "|---|---|---|---|---|"]
    for e in entries:
        first = e.evidence[0] if e.evidence else None
        quote = f"{first.sentence} ({first.language}, {first.published})" if first else ""
        flag = " ⚠ conflict" if e.conflicts else ""
        hedge = " (hedged)" if e.hedged else ""
        lines.append(f"| {date_text(e.date)} | {_cell(e.summary)}{hedge}{flag} | "
                     f"{e.n_sources} | {e.confidence:.2f} | {_cell(quote)} |")
    if conflicts:
        lines += ["", "**Conflicts**", ""]
        lines += [f"- {c.kind} ({c.rule}): {_cell(c.note)}" for c in conflicts]
    return "\n".join(lines) + "\n"


def evidence_chain(e: StoryEntry, conflicts: Sequence[Conflict] = ()) -> list[str]:
    """Why the entry says what it says: each supporting report, the one that gave the date,
    and the conflicts it is part of."""
    out = [f"{date_text(e.date)}  {e.summary}",
           f"  confidence {e.confidence:.2f} from {e.n_sources} independent source(s), "
           f"{len(e.evidence)} report(s){', hedged' if e.hedged else ''}"]
    for v in e.evidence:
        gave = "  ← gave the date" if v.event_id == e.date_from else ""
        who = v.speaker or "the reporter"
        dup = f", copy of {v.source[:12]}" if v.source != v.doc_id else ""
        when = (f"{v.earliest}…{v.latest}" if v.earliest != v.latest else f"{v.earliest}") \
            if v.earliest or v.latest else "undated"
        out.append(f"  - [{v.language}] {v.published or 'no date'} doc {v.doc_id[:12]}{dup}: "
                   f"{who} says; date {when} ({v.basis}){gave}")
        out.append(f"      “{v.sentence.strip()}”  (rule {v.rule or '?'}, "
                   f"{v.status.replace('_', ' ')})")
    for c in conflicts:
        if e.id in {s.entry for s in c.sides}:
            out.append(f"  ⚠ conflict {c.id} ({c.kind}, rule {c.rule}): {c.note}")
    return out
