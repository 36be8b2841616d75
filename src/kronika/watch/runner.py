"""The watcher: rounds of polls, new items ingested, rules evaluated, alerts delivered.

Order of writes, so that a kill at any point neither loses nor repeats anything:

1. a new item is ingested (`Store.add`, its own transaction); a kill now leaves it unmarked,
   and the next poll finds its bytes already stored (a duplicate, nothing added twice);
2. the item is marked seen and, once all of a poll's items are, the source's validators and
   next poll time are saved; until then a restart fetches the source in full again;
3. the rules are evaluated over the store (not over what this process ingested), recording
   each alert with its pending deliveries in one transaction; a restart evaluates them first,
   so an item stored just before a kill still alerts, once;
4. pending deliveries are sent, then marked; only a kill between sending and marking repeats
   one delivery (at least once, never lost).

The store is opened only while writing (`open_store`), so `kronika serve` can read between
writes, and the server itself can run the watcher (`kronika serve --watch`).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from contextlib import AbstractContextManager, ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta

from kronika.errors import DeliveryError, KronikaError
from kronika.ingest import Ingestor
from kronika.store import Store
from kronika.watch import state
from kronika.watch.channels import deliver
from kronika.watch.config import DEFAULT_LINK, Rules, Source, Sources
from kronika.watch.poll import Poll, Poller
from kronika.watch.rules import evaluate

log = logging.getLogger("kronika.watch")

StoreOpener = Callable[[], AbstractContextManager[Store]]


@dataclass
class SourceStatus:
    """One row of the live table."""

    source: Source
    status: str = "waiting"
    new: int = 0              # items ingested since the watcher started
    polls: int = 0
    failures: int = 0
    next_poll: datetime | None = None
    last_polled: datetime | None = None
    error: str | None = None


@dataclass
class Totals:
    rounds: int = 0
    polls: int = 0
    not_modified: int = 0
    errors: int = 0
    stored: int = 0
    duplicates: int = 0
    failed: int = 0
    alerts: int = 0
    delivered: int = 0
    undelivered: int = 0
    alert_log: list[dict] = field(default_factory=list)


class Watcher:
    """Polls `sources`, ingests what is new into the store, and alerts by `rules`.

        watcher = Watcher(sources, rules, open_store=lambda: Store("news.duckdb"))
        watcher.round(force=True)        # one round now (kronika watch --once)
        watcher.run(stop_event)          # until stop_event is set
    """

    def __init__(self, sources: Sources, rules: Rules | None = None, *,
                 open_store: StoreOpener, pipeline=None, transport=None,
                 today: Callable[[], date] = date.today,
                 on_change: Callable[[Watcher], None] | None = None) -> None:
        self.sources = sources
        self.rules = rules or Rules()
        self.link = self.rules.link or DEFAULT_LINK  # where alerts point (the web page)
        self.open_store = open_store
        self.pipeline = pipeline
        self.today = today
        self.on_change = on_change or (lambda w: None)
        self.poller = Poller(sources.politeness, allow_private=sources.allow_private,
                             transport=transport)
        self.status = {s.name: SourceStatus(s) for s in sources.sources}
        self.totals = Totals()
        self._states: dict[str, state.SourceState] = {}
        self._seen: dict[str, set[str]] = {s.name: set() for s in sources.sources}
        self._ingestor: Ingestor | None = None
        self._started = False
        self._rules: dict = {}            # each rule's state, kept between evaluations
        self._new_docs: set[str] = set()  # stored since the rules were last evaluated
        self._session: ExitStack | None = None
        self._store: Store | None = None
        self._retry = False           # a delivery failed: try again at the end of the round
        self._evaluated_on: date | None = None

    def close(self) -> None:
        self.poller.close()

    # start-up --------------------------------------------------------------------------------

    def start(self) -> None:
        """Read the state from the store, then evaluate the rules and send what is pending
        (an item stored just before a kill alerts now)."""
        with self._opened() as store:
            known = state.sources(store)
            for key_source, key in state.seen_items(store):
                if key_source in self._seen:
                    self._seen[key_source].add(key)
        for s in self.sources.sources:
            old = known.get(s.name)
            if old is not None and old.url == s.url:
                self._states[s.name] = old
                st = self.status[s.name]
                st.status, st.failures = old.last_status or "waiting", old.failures
                st.next_poll, st.last_polled, st.error = old.next_poll, old.last_polled, \
                    old.last_error
            else:  # new, or its URL changed: start afresh
                self._states[s.name] = state.SourceState(s.name, s.url)
        self._started = True
        self._alert()
        self.on_change(self)

    # rounds ----------------------------------------------------------------------------------

    def due(self, at: datetime | None = None) -> list[Source]:
        at = at or state.now()
        return [s for s in self.sources.sources
                if (n := self._states[s.name].next_poll) is None or n <= at]

    def next_due(self) -> datetime | None:
        times = [st.next_poll for st in self._states.values() if st.next_poll is not None]
        return min(times) if times else None

    def round(self, *, force: bool = False) -> list[Poll]:
        """Poll every due source (every source with `force`), in parallel threads; each
        answer is stored as soon as it is in. Returns the polls.

        At most `workers` polls are in flight, so that an answer does not wait long for its
        turn to be ingested (the time from a poll to its alert stays short). The store is
        opened once per round, when first needed, and closed at its end."""
        if not self._started:
            self.start()
        todo = iter(list(self.sources.sources) if force else self.due())
        polls, quiet = [], []
        workers = max(1, self.sources.politeness.workers)
        with ExitStack() as self._session, \
                ThreadPoolExecutor(workers, thread_name_prefix="kronika-watch") as pool:
            running: set = set()
            while True:
                while len(running) < workers and (s := next(todo, None)) is not None:
                    running.add(pool.submit(self.poller.poll, s, self._validators(s),
                                            set(self._seen[s.name])))
                if not running:
                    break
                done, running = wait(running, return_when=FIRST_COMPLETED)
                for fut in done:
                    poll = fut.result()
                    polls.append(poll)
                    self._count(poll)
                    if poll.items:
                        self._absorb([poll])
                    else:
                        quiet.append(poll)
                self.on_change(self)
            if quiet:
                self._absorb(quiet)
            if self._retry or self._evaluated_on != self.today():
                self._alert()  # failed deliveries again; count windows move with the day
        self._session = None
        self._store = None
        self.totals.rounds += 1
        self.on_change(self)
        return polls

    @contextmanager
    def _opened(self) -> Iterator[Store]:
        """The round's store (opened on first use, closed when the round ends); outside a
        round, a store opened for this call only."""
        if self._session is None:
            with self.open_store() as store:
                yield store
            return
        if self._store is None:
            self._store = self._session.enter_context(self.open_store())
        yield self._store

    def run(self, stop: threading.Event, *, max_wait: float = 60.0) -> None:
        """Rounds until `stop` is set, sleeping until the next source is due."""
        if not self._started:
            self.start()
        while not stop.is_set():
            try:
                self.round()
            except KronikaError as e:  # e.g. the store is busy: try again later
                log.warning("kronika watch: %s", e)
            except Exception:  # a bug must not stop a service: say so and go on
                log.exception("kronika watch: a round failed; please report this as a bug")
            nxt = self.next_due()
            wait = max_wait if nxt is None else (nxt - state.now()).total_seconds()
            stop.wait(min(max(wait, 0.05), max_wait))

    # one poll's results ----------------------------------------------------------------------

    def _validators(self, s: Source) -> tuple[str | None, str | None]:
        st = self._states[s.name]
        return st.etag, st.last_modified

    def _count(self, poll: Poll) -> None:
        t = self.totals
        t.polls += 1
        t.not_modified += poll.status == "not-modified"
        t.errors += poll.status == "error"

    def _absorb(self, polls: Iterable[Poll]) -> None:
        """Ingest the polls' new items, save the sources' state, evaluate the rules, and
        deliver the alerts."""
        polls = list(polls)
        new = False
        with self._opened() as store:
            for poll in polls:
                stored = self._ingest(store, poll) if poll.items else 0
                new = new or stored > 0
                self._update(store, poll, stored)
        if new:
            self._alert()

    def _ingest(self, store: Store, poll: Poll) -> int:
        ingestor = self._ingestor_for(store, poll.source)
        stored = 0
        items = list(reversed(poll.items)) if poll.source.kind != "page" else poll.items
        # A feed lists the newest first: ingest the oldest first, in the ingest's batches.
        outcomes = ingestor.run(item for _, item in items)
        for (key, _), outcome in zip(items, outcomes, strict=True):
            if outcome.status == "failed" and outcome.code in ("K210",):
                continue  # a network failure: not seen, tried again
            with state.transaction(store):
                state.mark_seen(store, poll.source.name, key, outcome.doc_id, outcome.status)
            self._seen[poll.source.name].add(key)
            stored += outcome.status == "stored"
            if outcome.status == "stored":
                self._new_docs.add(outcome.doc_id)
            t = self.totals
            t.stored += outcome.status == "stored"
            t.duplicates += outcome.status == "duplicate"
            t.failed += outcome.status in ("failed", "skipped")
        return stored

    def _ingestor_for(self, store: Store, source: Source) -> Ingestor:
        if self._ingestor is None:
            self._ingestor = Ingestor(store, self.pipeline)
        ingestor = self._ingestor
        ingestor.store = store  # the near-duplicate index stays loaded between openings
        ingestor.lang = source.lang
        return ingestor

    def _update(self, store: Store, poll: Poll, stored: int) -> None:
        s = poll.source
        old = self._states[s.name]
        when = datetime.fromtimestamp(poll.fetched or time.time(), UTC).replace(tzinfo=None)
        if poll.status == "error" and not poll.items:
            failures = old.failures + 1
            wait = min(s.every * 2 ** failures, max(self.sources.politeness.max_backoff, s.every))
            new = replace(old, next_poll=when + timedelta(seconds=wait), last_polled=when,
                          last_status="error", last_error=poll.error and poll.error.message,
                          failures=failures)
        else:
            new = replace(old, etag=poll.etag, last_modified=poll.last_modified,
                          next_poll=when + timedelta(seconds=s.every), last_polled=when,
                          last_status=poll.status,
                          last_error=poll.error.message if poll.error else None, failures=0)
        with state.transaction(store):
            state.save_source(store, new)
        self._states[s.name] = new
        st = self.status[s.name]
        st.status, st.failures, st.next_poll = new.last_status, new.failures, new.next_poll
        st.last_polled, st.error, st.polls = when, new.last_error, st.polls + 1
        st.new += stored

    # alerts ----------------------------------------------------------------------------------

    def _alert(self) -> None:
        """Evaluate every rule, then deliver whatever is pending."""
        if not self.rules.rules:
            return
        fired = []
        # all of the timeline at start-up and on a new day (documents other processes stored
        # count too); else only the entries of what this watcher stored since last time
        full = self._evaluated_on != self.today()
        self._evaluated_on = self.today()
        new_docs, self._new_docs = self._new_docs, set()
        with self._opened() as store:
            for rule in self.rules.rules:
                fired += evaluate(store, rule, link=self.link, today=self.today(),
                                  new_docs=None if full else new_docs, cache=self._rules)
            todo = state.pending(store)
        self.totals.alerts += len(fired)
        self.totals.alert_log += fired
        if todo:
            self._deliver(todo)

    def _deliver(self, todo: list[tuple[dict, str]]) -> None:
        names = {c.name: c for c in self.rules.channels}
        results = []
        self._retry = False
        for alert, name in todo:
            channel = names.get(name)
            if channel is None:
                results.append((alert["id"], name, None))  # the channel left the rules file
                continue
            try:
                deliver(alert, channel, client=self.poller.client)
                results.append((alert["id"], name, None))
                self.totals.delivered += 1
            except DeliveryError as e:
                log.warning("kronika watch: %s", e)
                results.append((alert["id"], name, e.message))
                self.totals.undelivered += 1
                self._retry = True
        with self._opened() as store, state.transaction(store):
            for alert_id, name, error in results:
                state.delivered(store, alert_id, name, error)
