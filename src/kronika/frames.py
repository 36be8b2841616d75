"""Events and timeline entries as pandas DataFrames, one row each, for notebooks.

pandas is imported only here, when a frame is asked for; without it the error says how to
install it. The columns are those of `kronika export --format csv` (`export.ENTRY_FIELDS`,
`export.EVENT_FIELDS`): actor lists are `"; "`-joined canonical names, dates are
`datetime64[s]` days (NaT when unknown).

    >>> from kronika import Store
    >>> Store("news.duckdb").to_pandas("entries").groupby("type").size()
"""

from __future__ import annotations

from collections.abc import Iterable

from kronika.document import Entry, Event
from kronika.errors import UsageError
from kronika.export import ENTRY_FIELDS, EVENT_FIELDS, entry_record, event_record


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pragma: no cover - pandas is in the locked dependencies
        raise UsageError("DataFrames need pandas: pip install 'kronika[frames]' "
                         "(or pip install pandas)") from e
    return pandas


def entries_frame(rows: Iterable[tuple[str | None, Entry] | Entry]):
    """A DataFrame of entries; `rows` are entries or (document id, entry) pairs."""
    pd = _pandas()
    records = [entry_record(*(r if isinstance(r, tuple) else (None, r))) for r in rows]
    return _frame(pd, records, ENTRY_FIELDS)


def events_frame(rows: Iterable[tuple[str | None, Event] | Event]):
    """A DataFrame of events; `rows` are events or (document id, event) pairs."""
    pd = _pandas()
    records = [event_record(*(r if isinstance(r, tuple) else (None, r))) for r in rows]
    return _frame(pd, records, EVENT_FIELDS)


def _frame(pd, records: list[dict], columns: tuple[str, ...]):
    df = pd.DataFrame.from_records(records, columns=list(columns))
    for col in ("earliest", "latest", "said"):
        if col in df:
            df[col] = pd.to_datetime(df[col]).astype("datetime64[s]")
    return df
