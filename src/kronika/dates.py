"""Parsing of user-given dates (command-line options, gold files)."""

from __future__ import annotations

from datetime import date

from kronika.errors import BadDateError


def parse_date(value: str, what: str = "date") -> date:
    """An ISO `YYYY-MM-DD` string as a date; `BadDateError` says how to write it otherwise."""
    try:
        return date.fromisoformat(value.strip())
    except (ValueError, AttributeError) as exc:
        raise BadDateError(str(value), what) from exc
