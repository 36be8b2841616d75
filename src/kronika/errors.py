"""One exception hierarchy for kronika.

Every message says what went wrong and how to fix it, and starts with a stable code.

    KronikaError
    ├── UsageError               the caller asked for something impossible
    │   ├── BadDateError         a date argument is not ISO YYYY-MM-DD
    │   ├── InputNotFoundError   a file or folder does not exist
    │   └── UnsupportedLanguageError
    ├── InputError               the input itself cannot be read
    │   └── DecodingError        bytes in no encoding we can detect
    ├── PipelineError            stages in an order that cannot work
    ├── RuleFileError            a packaged rule or lexicon file is broken
    │   └── ActorFileError       a user's actor file (--actors FILE) is malformed
    ├── GoldFileError            a gold file for `kronika eval` is malformed
    └── StoreError               the DuckDB store cannot be opened or migrated
"""

from __future__ import annotations


class KronikaError(Exception):
    """Base class: catch this to handle any kronika failure."""

    code = "K000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class UsageError(KronikaError):
    """The caller's mistake: a bad argument or option."""

    code = "K100"


class BadDateError(UsageError):
    """Raised when a date option is not an ISO date."""

    code = "K101"

    def __init__(self, value: str, what: str = "date") -> None:
        super().__init__(
            f"{what} {value!r} is not a date: write it as YYYY-MM-DD, for example 2022-05-13"
        )


class InputNotFoundError(UsageError):
    """Raised when a named input file or folder does not exist."""

    code = "K102"

    def __init__(self, path: str) -> None:
        super().__init__(f"no such file or folder: {path}; check the path, or use - for stdin")


class UnsupportedLanguageError(UsageError):
    """Raised for a language kronika has no rules for."""

    code = "K103"

    def __init__(self, lang: str, supported: tuple[str, ...]) -> None:
        super().__init__(
            f"language {lang!r} is not supported; use one of {', '.join(supported)} or auto"
        )


class InputError(KronikaError):
    """The input exists but cannot be turned into a document."""

    code = "K200"


class DecodingError(InputError):
    """Raised when bytes decode in no encoding we can detect."""

    code = "K201"


class PipelineError(KronikaError):
    """Raised when a pipeline is built with a stage before the layers it reads."""

    code = "K300"


class RuleFileError(KronikaError):
    """Raised when a packaged rule or lexicon file is malformed."""

    code = "K400"


class ActorFileError(RuleFileError):
    """Raised when a user's actor file (`--actors FILE`) is malformed; says file, line and what."""

    code = "K401"

    def __init__(self, path: str, line: int | None, what: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"actor file {where}: {what}; see README 'Actors' for the format")
        self.path, self.line = path, line


class GoldFileError(KronikaError):
    """Raised when a gold file for evaluation is malformed."""

    code = "K500"


class StoreError(KronikaError):
    """Raised when the store cannot be opened, migrated or written."""

    code = "K600"
