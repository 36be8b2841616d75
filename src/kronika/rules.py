"""Loading the packaged rule and lexicon files (YAML), with errors that name the file."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from kronika.errors import RuleFileError

#: libyaml's parser where PyYAML was built with it (same results as safe_load, ~10x faster).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@cache
def load_rules(package: str, name: str) -> Any:
    """The parsed YAML file `name` inside `package` (cached: rule files are read once)."""
    try:
        text = resources.files(package).joinpath(name).read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise RuleFileError(f"rule file {package}/{name} is missing; reinstall kronika") from exc
    try:
        return yaml.load(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        raise RuleFileError(f"rule file {package}/{name} is not valid YAML: {exc}") from exc


def require_keys(item: dict, keys: tuple[str, ...], where: str) -> None:
    """Fail with the rule's name when a rule lacks a key."""
    missing = [k for k in keys if k not in item]
    if missing:
        raise RuleFileError(f"{where}: rule {item.get('name', item)!r} lacks {', '.join(missing)}")


def word_list(data: Any, key: str, where: str) -> list[str]:
    """The words listed under `key` of a packaged word-list file; fails naming the file and the
    key when the key is missing or holds anything but a list of words."""
    words = data.get(key) if isinstance(data, dict) else None
    if not isinstance(words, list) or not words or not all(isinstance(w, str) and w for w in words):
        raise RuleFileError(f"{where}: {key!r} is missing or is not a list of words; write "
                            f"`{key}: [word, word]` (quote words YAML reads otherwise: \"no\", "
                            f"\"on\", \"yes\")")
    return words


def word_map(data: Any, key: str, where: str) -> dict[str, str]:
    """The word -> word table under `key` of a packaged word-list file; fails as `word_list`."""
    table = data.get(key) if isinstance(data, dict) else None
    if not isinstance(table, dict) or not table or not all(
            isinstance(k, str) and isinstance(v, str) and k and v for k, v in table.items()):
        raise RuleFileError(f"{where}: {key!r} is missing or is not a table of words; write "
                            f"`{key}:` with lines `  Word: Name`")
    return table
