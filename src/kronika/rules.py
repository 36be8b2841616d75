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
