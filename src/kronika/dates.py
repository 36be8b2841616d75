"""Parsing of user-given dates (command-line options, gold files)."""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from kronika.errors import BadDateError, BadWhenError


def parse_date(value: str, what: str = "date") -> date:
    """An ISO `YYYY-MM-DD` string as a date; `BadDateError` says how to write it otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError) as exc:
        raise BadDateError(str(value), what) from exc


_RELATIVE = re.compile(r"^(\d+)\s*([dwmy])$")


def parse_when(value: str, what: str = "date", *, today: date | None = None) -> date:
    """An ISO date, `today`, or a span back from today: `30d`, `6w`, `3m`, `1y`.

    Months and years step by the calendar (clamped to the month's last day): `1m` on 31 March
    is 28 or 29 February.
    """
    today = today or date.today()
    text = value.strip().lower()
    if text == "today":
        return today
    m = _RELATIVE.match(text)
    if not m:
        try:
            return parse_date(value, what)
        except BadDateError as exc:
            raise BadWhenError(value, what) from exc
    n, unit = int(m.group(1)), m.group(2)
    if unit == "d":
        return today - timedelta(days=n)
    if unit == "w":
        return today - timedelta(weeks=n)
    months = n if unit == "m" else 12 * n
    y, mo = divmod(today.year * 12 + today.month - 1 - months, 12)
    return date(y, mo + 1, min(today.day, calendar.monthrange(y, mo + 1)[1]))
