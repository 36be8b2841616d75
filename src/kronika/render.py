"""Rich tables for timelines and events, shared by the CLI commands."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from rich.console import Console
from rich.table import Table

from kronika.document import Actor, DateInfo, Entry, Event

#: Width used when output is not a terminal (pipes, CI logs), so tables stay readable.
PIPE_WIDTH = 160


def console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    return Console(file=stream, width=None if stream.isatty() else PIPE_WIDTH,
                   highlight=False, soft_wrap=False)


def date_text(d: DateInfo) -> str:
    if d.earliest and d.latest:
        if d.earliest == d.latest:
            return d.earliest.isoformat()
        return f"{d.earliest.isoformat()} … {d.latest.isoformat()}"
    if d.latest:
        return f"… {d.latest.isoformat()}"
    if d.earliest:
        return f"{d.earliest.isoformat()} …"
    return "undated"


def actors_text(actors: Sequence[Actor]) -> str:
    return ", ".join(a.name for a in actors) or "?"


def who_says(events: Sequence[Event]) -> str:
    """The speakers of an entry's evidence; 'unattributed' when the text names none."""
    says = []
    for e in events:
        att = e.attribution
        if att and att.speaker:
            said = f" ({att.said.isoformat()})" if att.said else ""
            item = f"{att.speaker.name}{said}"
            if item not in says:
                says.append(item)
    return "; ".join(says) if says else "[yellow]unattributed[/]"


def timeline_table(entries: Sequence[Entry], events: dict[str, Event], title: str = "") -> Table:
    t = Table(title=title or None, show_lines=True, expand=False)
    t.add_column("date", no_wrap=True)
    t.add_column("type")
    t.add_column("status")
    t.add_column("who → whom")
    t.add_column("who says so")
    t.add_column("evidence (first sentence)", max_width=60)
    for e in entries:
        evs = [events[i] for i in e.events if i in events]
        status = e.status.replace("_", " ")
        if e.hedged:
            status += " [red](hedged)[/]"
        # no target and several sources: a joint event ("Biden and Putin spoke"); else unknown
        whom = "(each other)" if not e.targets and len(e.sources) > 1 else actors_text(e.targets)
        evidence = evs[0].evidence.text if evs else ""
        if len(evs) > 1:
            evidence += f" [dim](+{len(evs) - 1} more)[/]"
        t.add_row(date_text(e.date), e.type, status, f"{actors_text(e.sources)} → {whom}",
                  who_says(evs), evidence)
    return t
