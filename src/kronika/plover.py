"""PLOVER's quad classes and their colours, read from `plover.yaml` (shared by the web page,
the API's `/api/vocabulary` and `kronika plot`)."""

from __future__ import annotations

from functools import cache

from kronika.document import PLOVER_TYPES
from kronika.errors import RuleFileError
from kronika.rules import load_rules

UNKNOWN_COLOUR = "#777777"


@cache
def quads() -> tuple[dict, ...]:
    """The quad classes in order, each {name, label, colour, types}; every type in exactly one."""
    data = load_rules("kronika", "plover.yaml")["quads"]
    seen = [t for q in data for t in q["types"]]
    if sorted(seen) != sorted(PLOVER_TYPES):
        raise RuleFileError("kronika/plover.yaml must put each PLOVER type in exactly one quad; "
                            "fix the file or reinstall kronika")
    return tuple(data)


def quad_of(event_type: str) -> dict | None:
    """The quad class of a PLOVER type, or None for a type outside PLOVER."""
    return next((q for q in quads() if event_type in q["types"]), None)


def colour_of(event_type: str) -> str:
    q = quad_of(event_type)
    return q["colour"] if q else UNKNOWN_COLOUR
