"""Events and timeline entries as pandas DataFrames, one row each, for notebooks.

pandas is imported only here, when a frame is asked for; without it the error says how to
install it. Actor lists become `"; "`-joined canonical names, dates are `datetime64` days.

    >>> from kronika import Store
    >>> Store("news.duckdb").to_pandas("entries").groupby("type").size()
"""

from __future__ import annotations

from collections.abc import Iterable

from kronika.document import Actor, Entry, Event
from kronika.errors import UsageError

ENTRY_COLUMNS = ("id", "document", "earliest", "latest", "date_value", "date_basis", "type",
                 "status", "sources", "targets", "hedged", "confidence", "summary", "events")
EVENT_COLUMNS = ("id", "document", "earliest", "latest", "date_value", "date_basis", "type",
                 "status", "sources", "targets", "hedged", "confidence", "speaker", "said",
                 "trigger", "evidence", "evidence_start", "evidence_end")


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - pandas is in the locked dependencies
        raise UsageError("DataFrames need pandas: pip install 'kronika[frames]' "
                         "(or pip install pandas)") from e
    return pandas


def _names(actors: Iterable[Actor]) -> str:
    return "; ".join(a.name for a in actors)


def entries_frame(rows: Iterable[tuple[str | None, Entry] | Entry]):
    """A DataFrame of entries; `rows` are entries or (document id, entry) pairs."""
    pd = _pandas()
    records = []
    for row in rows:
        doc_id, e = row if isinstance(row, tuple) else (None, row)
        records.append((e.id, doc_id, e.date.earliest, e.date.latest, e.date.value, e.date.basis,
                        e.type, e.status, _names(e.sources), _names(e.targets), e.hedged,
                        e.confidence, e.summary, list(e.events)))
    return _frame(pd, records, ENTRY_COLUMNS)


def events_frame(rows: Iterable[tuple[str | None, Event] | Event]):
    """A DataFrame of events; `rows` are events or (document id, event) pairs."""
    pd = _pandas()
    records = []
    for row in rows:
        doc_id, e = row if isinstance(row, tuple) else (None, row)
        att = e.attribution
        records.append((e.id, doc_id, e.date.earliest, e.date.latest, e.date.value, e.date.basis,
                        e.type, e.status, _names(e.sources), _names(e.targets), e.hedged,
                        e.confidence, att.speaker.name if att and att.speaker else None,
                        att.said if att else None, e.trigger.text, e.evidence.text,
                        e.evidence.start, e.evidence.end))
    return _frame(pd, records, EVENT_COLUMNS)


def _frame(pd, records: list[tuple], columns: tuple[str, ...]):
    df = pd.DataFrame.from_records(records, columns=list(columns))
    for col in ("earliest", "latest", "said"):
        if col in df:
            df[col] = pd.to_datetime(df[col]).astype("datetime64[s]")
    return df
