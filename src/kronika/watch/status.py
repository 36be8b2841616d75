"""The live status table of `kronika watch` (rich): one row per source, totals underneath."""

from __future__ import annotations

from datetime import datetime

from rich.table import Table

from kronika.watch import state

STYLE = {"new": "green", "unchanged": "dim", "not-modified": "dim", "error": "red",
         "waiting": "yellow"}


def table(watcher) -> Table:
    """The watcher's state as a table (redrawn by `rich.live.Live`)."""
    t = watcher.totals
    caption = (f"round {t.rounds} · {t.polls} polls ({t.not_modified} not modified, {t.errors} "
               f"errors) · {t.stored} stored, {t.duplicates} duplicates, {t.failed} not "
               f"ingested · {t.alerts} alerts, {t.delivered} delivered, {t.undelivered} "
               f"failed deliveries")
    tab = Table(title="kronika watch", caption=caption, expand=False)
    for col in ("source", "status", "new", "polls", "last poll", "next poll", "failures",
                "problem"):
        tab.add_column(col, overflow="fold" if col == "problem" else "ellipsis",
                       no_wrap=col != "problem")
    now = state.now()
    for st in watcher.status.values():
        tab.add_row(st.source.name, f"[{STYLE.get(st.status, '')}]{st.status}[/]",
                    str(st.new), str(st.polls), _ago(st.last_polled, now),
                    _until(st.next_poll, now), str(st.failures) if st.failures else "",
                    (st.error or "")[:160])
    return tab


def _ago(when: datetime | None, now: datetime) -> str:
    return "never" if when is None else f"{_span((now - when).total_seconds())} ago"


def _until(when: datetime | None, now: datetime) -> str:
    if when is None:
        return "now"
    s = (when - now).total_seconds()
    return "now" if s <= 0 else f"in {_span(s)}"


def _span(seconds: float) -> str:
    seconds = max(0, int(seconds))
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds >= size:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"
