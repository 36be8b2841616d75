"""The two YAML files of `kronika watch`: what to poll (sources) and what to tell whom (rules).

Both are read with line numbers kept, so that a mistake is reported as `FILE:LINE: what is
wrong; how to fix it` (`SourcesFileError` K802, `RulesFileError` K803).

Sources file:

    every: 15m                      # default interval between two polls of a source
    politeness: {host_delay: 1s, robots: true, max_backoff: 6h}
    sources:
      - {name: tass, feed: "https://tass.com/rss/v2.xml", every: 10m}
      - {name: mil, page: "https://mil.ru/news", links: "/news/more", lang: ru}

Rules file:

    link: http://127.0.0.1:8000     # where `kronika serve` runs: alerts link to its pages
    channels:
      hook: {webhook: "https://example.com/kronika"}
      mail: {smtp: "smtp.example.com:587", from: k@example.com, to: [me@example.com]}
    rules:
      - name: austin-shoigu
        filter: {actor: [Austin, Shoigu], type: CONSULT}
        when: new_entry             # new_entry | changed_date | new_conflict | count
        notify: [hook, mail]
      - {name: assaults, filter: {type: ASSAULT}, when: count, at_least: 5, window: 7d}
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import yaml

from kronika.document import PLOVER_TYPES, STATUSES
from kronika.errors import (
    InputNotFoundError,
    KronikaError,
    RulesFileError,
    SourcesFileError,
    WatchFileError,
)

KINDS = ("auto", "feed", "page")
CONDITIONS = ("new_entry", "changed_date", "new_conflict", "count")
FILTER_KEYS = ("actor", "type", "status", "after", "before", "since", "until", "story")
DEFAULT_EVERY = 15 * 60.0
DEFAULT_LINK = "http://127.0.0.1:8000"

_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?\s*$")
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400, "w": 7 * 86400, None: 1}


def parse_duration(value: Any) -> float:
    """`90`, `90s`, `15m`, `2h`, `1d`, `1w` → seconds; ValueError otherwise."""
    if isinstance(value, bool):
        raise ValueError(value)
    if isinstance(value, int | float):
        return float(value)
    m = _DURATION.match(str(value))
    if not m:
        raise ValueError(value)
    return float(m.group(1)) * _UNITS[m.group(2)]


# the parsed files ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Politeness:
    """How gently to poll: at least `host_delay` seconds between two requests to one host
    (more if its robots.txt asks for a Crawl-delay), robots.txt obeyed, and at most
    `max_backoff` seconds between polls of a failing source."""

    host_delay: float = 1.0
    robots: bool = True
    max_backoff: float = 6 * 3600.0
    timeout: float = 20.0
    workers: int = 8


@dataclass(frozen=True)
class Source:
    """One feed or listing page. `kind` auto decides per answer (a feed is read as a feed,
    anything else as a listing page); `links` is the regex a listing page's links must match
    (default: any link on the page's own host); `follow` fetches each feed entry's page."""

    name: str
    url: str
    kind: str = "auto"
    every: float = DEFAULT_EVERY
    links: str | None = None
    follow: bool = False
    lang: str | None = None

    @property
    def host(self) -> str:
        return urlsplit(self.url).netloc.lower()


@dataclass(frozen=True)
class Sources:
    sources: tuple[Source, ...]
    politeness: Politeness = Politeness()
    allow_private: bool = False
    path: str = "<command line>"


@dataclass(frozen=True)
class Channel:
    """Where alerts go: `kind` webhook (url) or smtp (host, port, sender, recipients...)."""

    name: str
    kind: str
    url: str | None = None
    host: str | None = None
    port: int = 25
    sender: str | None = None
    to: tuple[str, ...] = ()
    starttls: bool = False
    username: str | None = None
    password_env: str | None = None
    headers: tuple[tuple[str, str], ...] = ()
    timeout: float = 10.0


@dataclass(frozen=True)
class Rule:
    """A saved query (timeline filter) with the condition that fires an alert.

    `backfill` false (the default): on first sight the rule takes note of what the store already
    holds and alerts only on what comes after."""

    name: str
    when: str
    filter: dict = field(default_factory=dict)
    notify: tuple[str, ...] = ()
    at_least: int | None = None
    window: float | None = None
    backfill: bool = False

    @property
    def hash(self) -> str:
        """Changes when the definition changes (then the rule starts afresh)."""
        d = asdict(self)
        d.pop("notify")
        return hashlib.sha256(json.dumps(d, sort_keys=True, default=str).encode()).hexdigest()


@dataclass(frozen=True)
class Rules:
    rules: tuple[Rule, ...] = ()
    channels: tuple[Channel, ...] = ()
    link: str | None = None   # None: the server's own address, else DEFAULT_LINK
    path: str = "<none>"

    def channel(self, name: str) -> Channel:
        return next(c for c in self.channels if c.name == name)


# YAML with line numbers --------------------------------------------------------------------


class _Map(dict):
    line: int = 0
    lines: dict


class _Seq(list):
    line: int = 0


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader: _Loader, node: yaml.MappingNode) -> _Map:
    loader.flatten_mapping(node)
    out = _Map()
    out.line, out.lines = node.start_mark.line + 1, {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in out:
            raise _Dup(key, key_node.start_mark.line + 1)
        out[key] = loader.construct_object(value_node, deep=True)
        out.lines[key] = key_node.start_mark.line + 1
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> _Seq:
    out = _Seq(loader.construct_object(n, deep=True) for n in node.value)
    out.line = node.start_mark.line + 1
    return out


class _Dup(Exception):
    def __init__(self, key, line):
        self.key, self.line = key, line


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def _load(path: str, error: type[WatchFileError]) -> _Map:
    p = Path(path)
    if not p.exists():
        raise InputNotFoundError(path)
    try:
        data = yaml.load(p.read_text(encoding="utf-8"), Loader=_Loader)  # noqa: S506 (safe)
    except _Dup as e:
        raise error(path, e.line, f"{e.key!r} is given twice; keep one") from None
    except yaml.MarkedYAMLError as e:
        line = e.problem_mark.line + 1 if e.problem_mark else None
        raise error(path, line, f"not valid YAML ({e.problem}); check the indentation and "
                                f"quote values that contain ': ' or '#'") from e
    except (UnicodeDecodeError, OSError) as e:
        raise error(path, None, f"cannot be read ({e})") from e
    if not isinstance(data, dict):
        raise error(path, None, "must be a YAML mapping with a top-level list (sources: or "
                                "rules:)")
    return data


class _Reader:
    """Checks one mapping's keys and values, raising the file's error with the right line."""

    def __init__(self, path: str, error: type[WatchFileError], data: _Map, what: str,
                 known: tuple[str, ...]) -> None:
        self.path, self.error, self.data, self.what = path, error, data, what
        for key in data:
            if key not in known:
                self.fail(key, f"unknown key {key!r} in {what}; use one of {', '.join(known)}")

    def line(self, key: str | None = None) -> int | None:
        lines = getattr(self.data, "lines", {})
        return lines.get(key) or getattr(self.data, "line", None)

    def fail(self, key: str | None, what: str):
        raise self.error(self.path, self.line(key), what)

    def duration(self, key: str, default: float | None) -> float | None:
        if key not in self.data:
            return default
        try:
            seconds = parse_duration(self.data[key])
        except ValueError:
            self.fail(key, f"{key}: {self.data[key]!r} is not a duration; write it like 90s, "
                           f"15m, 2h or 1d")
        if seconds < 0 or (key == "every" and seconds <= 0):
            self.fail(key, f"{key} must be more than 0, not {self.data[key]!r}")
        return seconds

    def boolean(self, key: str, default: bool) -> bool:
        v = self.data.get(key, default)
        if not isinstance(v, bool):
            self.fail(key, f"{key} must be true or false, not {v!r}")
        return v

    def text(self, key: str, default: str | None = None, *, required: bool = False) -> str | None:
        if key not in self.data:
            if required:
                self.fail(None, f"{self.what} has no {key}: add `{key}: ...`")
            return default
        v = self.data[key]
        if not isinstance(v, str) or not v.strip():
            self.fail(key, f"{key} must be a non-empty text, not {v!r}")
        return v.strip()

    def texts(self, key: str) -> tuple[str, ...]:
        v = self.data.get(key, [])
        v = [v] if isinstance(v, str) else v
        if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
            self.fail(key, f"{key} must be a text or a list of texts, not {v!r}")
        return tuple(x.strip() for x in v)


# sources -------------------------------------------------------------------------------------


def load_sources(path: str) -> Sources:
    """Read and check a sources file; `SourcesFileError` names the line of any mistake."""
    data = _load(path, SourcesFileError)
    top = _Reader(path, SourcesFileError, data, "the sources file",
                  ("every", "politeness", "sources", "allow_private"))
    every = top.duration("every", DEFAULT_EVERY)
    polite = _politeness(path, data.get("politeness"), top)
    items = data.get("sources")
    if not isinstance(items, list) or not items:
        top.fail("sources", "needs a non-empty list `sources:`, each item with a name and a "
                            "feed, page or url")
    sources, names = [], {}
    for item in items:
        if not isinstance(item, dict):
            raise SourcesFileError(path, getattr(items, "line", None),
                                   f"each source must be a mapping (name: ..., feed: ...), "
                                   f"not {item!r}")
        s = _source(path, item, every)
        if s.name in names:
            raise SourcesFileError(path, item.line, f"the name {s.name!r} is used twice (also "
                                                    f"on line {names[s.name]}); names must be "
                                                    f"unique, they key the watch state")
        names[s.name] = item.line
        sources.append(s)
    return Sources(tuple(sources), polite, top.boolean("allow_private", False), path)


def _politeness(path: str, data, top: _Reader) -> Politeness:
    if data is None:
        return Politeness()
    if not isinstance(data, dict):
        top.fail("politeness", "politeness must be a mapping such as {host_delay: 1s}")
    r = _Reader(path, SourcesFileError, data, "politeness",
                ("host_delay", "robots", "max_backoff", "timeout", "workers"))
    workers = data.get("workers", Politeness.workers)
    if not isinstance(workers, int) or isinstance(workers, bool) or not 1 <= workers <= 64:
        r.fail("workers", f"workers must be a whole number from 1 to 64, not {workers!r}")
    return Politeness(host_delay=r.duration("host_delay", Politeness.host_delay),
                      robots=r.boolean("robots", True),
                      max_backoff=r.duration("max_backoff", Politeness.max_backoff),
                      timeout=r.duration("timeout", Politeness.timeout), workers=workers)


def _source(path: str, data: _Map, every: float) -> Source:
    r = _Reader(path, SourcesFileError, data, "a source",
                ("name", "feed", "page", "url", "every", "links", "follow", "lang"))
    given = [k for k in ("feed", "page", "url") if k in data]
    if len(given) != 1:
        r.fail(None, f"a source needs exactly one of feed:, page: or url: (got "
                     f"{', '.join(given) or 'none'})")
    url = r.text(given[0])
    _check_url(url, lambda what: r.fail(given[0], what))
    links = r.text("links")
    if links is not None:
        try:
            re.compile(links)
        except re.error as e:
            r.fail("links", f"links: {links!r} is not a regular expression ({e})")
    lang = r.text("lang")
    if lang is not None and lang not in ("en", "ru", "auto"):
        r.fail("lang", f"lang must be en, ru or auto, not {lang!r}")
    name = r.text("name") or urlsplit(url).netloc
    kind = {"feed": "feed", "page": "page", "url": "auto"}[given[0]]
    return Source(name, url, kind, r.duration("every", every), links,
                  r.boolean("follow", False), None if lang == "auto" else lang)


def _check_url(url: str, fail) -> None:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        fail(f"{url!r} is not an http(s) URL; write it in full, like https://example.com/feed")


def source_from_url(url: str, every: str | float, *, allow_private: bool = False,
                    host_delay: float | None = None) -> Sources:
    """The one-source `Sources` of `kronika watch FEED_URL --every 15m`."""
    def fail(what):
        raise SourcesFileError("<command line>", None, what)

    _check_url(url, fail)
    try:
        seconds = parse_duration(every)
    except ValueError:
        fail(f"--every {every!r} is not a duration; write it like 90s, 15m, 2h or 1d")
    if seconds <= 0:
        fail("--every must be more than 0")
    polite = Politeness() if host_delay is None else Politeness(host_delay=host_delay)
    return Sources((Source(urlsplit(url).netloc, url, "auto", seconds),), polite, allow_private)


# rules ---------------------------------------------------------------------------------------


def load_rules(path: str) -> Rules:
    """Read and check a rules file; `RulesFileError` names the line of any mistake."""
    data = _load(path, RulesFileError)
    top = _Reader(path, RulesFileError, data, "the rules file", ("link", "channels", "rules"))
    link = top.text("link")
    if link is not None:
        link = link.rstrip("/")
        _check_url(link, lambda what: top.fail("link", f"link: {what}"))
    channels = []
    raw_channels = data.get("channels") or {}
    if not isinstance(raw_channels, dict):
        top.fail("channels", "channels must be a mapping of names to {webhook: URL} or "
                             "{smtp: HOST:PORT, from: ..., to: [...]}")
    for name, spec in raw_channels.items():
        channels.append(_channel(path, name, spec, raw_channels))
    names = {c.name for c in channels}
    items = data.get("rules")
    if not isinstance(items, list) or not items:
        top.fail("rules", "needs a non-empty list `rules:`, each with a name, a filter and "
                          "when")
    rules, seen = [], {}
    for item in items:
        if not isinstance(item, dict):
            raise RulesFileError(path, getattr(items, "line", None),
                                 f"each rule must be a mapping (name: ..., when: ...), "
                                 f"not {item!r}")
        rule = _rule(path, item, names)
        if rule.name in seen:
            raise RulesFileError(path, item.line, f"the rule name {rule.name!r} is used twice "
                                                  f"(also on line {seen[rule.name]}); names "
                                                  f"must be unique, they key what was alerted")
        seen[rule.name] = item.line
        rules.append(rule)
    return Rules(tuple(rules), tuple(channels), link, path)


def _channel(path: str, name, spec, parent: _Map) -> Channel:
    line = parent.lines.get(name)
    if not isinstance(spec, dict):
        raise RulesFileError(path, line, f"channel {name!r} must be a mapping: {{webhook: URL}} "
                                         f"or {{smtp: HOST:PORT, from: ..., to: [...]}}")
    if "atom" in spec:
        raise RulesFileError(path, line, f"channel {name!r}: the Atom feed needs no channel, "
                                         f"`kronika serve` lists every alert at /alerts.atom; "
                                         f"remove it")
    kinds = [k for k in ("webhook", "smtp") if k in spec]
    if len(kinds) != 1:
        raise RulesFileError(path, line, f"channel {name!r} needs exactly one of webhook: or "
                                         f"smtp:")
    if kinds[0] == "webhook":
        r = _Reader(path, RulesFileError, spec, f"channel {name!r}",
                    ("webhook", "headers", "timeout"))
        url = r.text("webhook")
        _check_url(url, lambda what: r.fail("webhook", what))
        headers = spec.get("headers") or {}
        if not isinstance(headers, dict) or not all(isinstance(v, str) for v in headers.values()):
            r.fail("headers", "headers must map header names to texts")
        return Channel(str(name), "webhook", url=url,
                       headers=tuple((str(k), v) for k, v in headers.items()),
                       timeout=r.duration("timeout", 10.0))
    r = _Reader(path, RulesFileError, spec, f"channel {name!r}",
                ("smtp", "from", "to", "starttls", "username", "password_env", "timeout"))
    host, _, port = r.text("smtp").rpartition(":")
    if not host or not port.isdigit():
        r.fail("smtp", f"smtp: write the server as HOST:PORT, e.g. smtp.example.com:587, not "
                       f"{spec['smtp']!r}")
    to = r.texts("to")
    if not to:
        r.fail("to", f"channel {name!r} needs `to:`, one address or a list")
    return Channel(str(name), "smtp", host=host, port=int(port),
                   sender=r.text("from", required=True), to=to,
                   starttls=r.boolean("starttls", False), username=r.text("username"),
                   password_env=r.text("password_env"), timeout=r.duration("timeout", 10.0))


def _rule(path: str, data: _Map, channels: set[str]) -> Rule:
    r = _Reader(path, RulesFileError, data, "a rule",
                ("name", "filter", "when", "notify", "at_least", "window", "backfill"))
    name = r.text("name", required=True)
    when = r.text("when", required=True)
    if when not in CONDITIONS:
        r.fail("when", f"when: {when!r} is not a condition; use one of {', '.join(CONDITIONS)}")
    notify = r.texts("notify")
    for c in notify:
        if c not in channels:
            r.fail("notify", f"notify: no channel named {c!r}; define it under channels: "
                             f"(known: {', '.join(sorted(channels)) or 'none'})")
    at_least = window = None
    if when == "count":
        at_least = data.get("at_least")
        if not isinstance(at_least, int) or isinstance(at_least, bool) or at_least < 1:
            r.fail("at_least" if "at_least" in data else None,
                   f"a count rule needs `at_least: N` (a whole number ≥ 1), not {at_least!r}")
        window = r.duration("window", None)
        if not window:
            r.fail("window" if "window" in data else None,
                   "a count rule needs `window:` (entries dated within it count), e.g. 7d")
    else:
        for key in ("at_least", "window"):
            if key in data:
                r.fail(key, f"{key} only applies to when: count")
    return Rule(name, when, _filter(path, data.get("filter"), r), notify, at_least, window,
                r.boolean("backfill", False))


def _filter(path: str, data, parent: _Reader) -> dict:
    if data is None:
        return {}
    if not isinstance(data, dict):
        parent.fail("filter", "filter must be a mapping like {actor: [Austin], type: CONSULT}")
    r = _Reader(path, RulesFileError, data, "a filter", FILTER_KEYS)
    out: dict[str, Any] = {}
    for key in ("actor", "type", "status"):
        if key in data:
            out[key] = list(r.texts(key))
    for t in out.get("type", []):
        if t.upper() not in PLOVER_TYPES:
            r.fail("type", f"type {t!r} is not a PLOVER type; use one of "
                           f"{', '.join(PLOVER_TYPES)}")
    for s in out.get("status", []):
        if s not in STATUSES:
            r.fail("status", f"status {s!r} is not one of {', '.join(STATUSES)}")
    for key in ("after", "before", "since", "until", "story"):
        if key in data:
            out[key] = r.text(key) if not hasattr(data[key], "isoformat") \
                else data[key].isoformat()
    from kronika.dates import parse_date, parse_when

    for key in ("after", "before"):
        if key in out:
            _check(lambda k=key: parse_date(out[k], k), r, key)
    for key in ("since", "until"):
        if key in out:
            _check(lambda k=key: parse_when(out[k], k), r, key)
    return out


def _check(fn, r: _Reader, key: str) -> None:
    try:
        fn()
    except KronikaError as e:
        r.fail(key, e.message)
