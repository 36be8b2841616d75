"""Run a function over many inputs on several cores, in input order, with bounded memory.

`run_all(fn, items, jobs=N)` yields `Done(item, result)` or `Failed(item, error)` for every item,
in the order the items came. At most `window` items are in flight at once, so a stream of a
million records never sits in memory; the input is read only as fast as the workers finish.

Workers are forked from the calling process after `prepare()` has run there, so models loaded by
`prepare` (the pipeline's rule sets, the statistical models) are shared by every worker rather
than loaded once per worker. Each call of `fn` runs under a time budget: an input that takes
longer (a pathological page) fails with `TimeBudgetError` and the batch goes on.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from kronika.errors import KronikaError, TimeBudgetError

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_TIME_LIMIT = 60.0


@dataclass(frozen=True)
class Done(Generic[T, R]):
    item: T
    result: R


@dataclass(frozen=True)
class Failed(Generic[T]):
    item: T
    error: KronikaError


def cores() -> int:
    """The cores this process may use (the CPU affinity, not the machine's total)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


@contextmanager
def time_budget(seconds: float | None, what: str) -> Iterator[None]:
    """Raise TimeBudgetError if the block runs longer than `seconds` (main thread only)."""
    if not seconds or seconds <= 0 or not hasattr(signal, "setitimer"):
        yield
        return

    def expired(signum: int, frame: Any) -> None:
        raise TimeBudgetError(what, seconds)

    previous = signal.signal(signal.SIGALRM, expired)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _work(fn: Callable[[T], R], item: T, time_limit: float | None,
          name: str) -> tuple[bool, Any]:
    # Only the result travels back from a worker; the caller pairs it with its own item.
    try:
        with time_budget(time_limit, name):
            return True, fn(item)
    except KronikaError as e:
        return False, e


def _outcome(item: T, ok: bool, value: Any) -> Done[T, R] | Failed[T]:
    return Done(item, value) if ok else Failed(item, value)


def run_all(
    fn: Callable[[T], R],
    items: Iterable[T],
    *,
    jobs: int = 1,
    window: int | None = None,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    name: Callable[[T], str] = str,
    prepare: Callable[[], Any] | None = None,
) -> Iterator[Done[T, R] | Failed[T]]:
    """`fn` over `items` on `jobs` processes; a KronikaError fails that item only.

    Any other exception is a bug in kronika and stops the run, with its traceback.
    """
    if jobs < 1:
        from kronika.errors import UsageError

        raise UsageError(f"--jobs must be 1 or more, got {jobs}")
    if prepare is not None:
        prepare()  # before forking: what it loads is shared with the workers
    if jobs == 1:
        for item in items:
            yield _outcome(item, *_work(fn, item, time_limit, name(item)))
        return
    window = window or jobs * 4
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        pending: deque[tuple[T, Future]] = deque()
        for item in items:
            pending.append((item, pool.submit(_work, fn, item, time_limit, name(item))))
            if len(pending) >= window:
                first, future = pending.popleft()
                yield _outcome(first, *future.result())
        while pending:
            first, future = pending.popleft()
            yield _outcome(first, *future.result())
