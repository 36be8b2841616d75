"""Language tools shared by the stages: sentences, the model backbone, Russian names."""

from __future__ import annotations

from functools import cache
from typing import Any


@cache
def morph() -> Any:  # a pymorphy3.MorphAnalyzer
    """pymorphy3's Russian analyser with its dictionaries, loaded once per process and shared by
    every stage (each load costs its dictionaries' memory and time again)."""
    import pymorphy3

    return pymorphy3.MorphAnalyzer(lang="ru")
