"""Parallel runs: same results as serial, in input order, bounded, with a time budget."""

from __future__ import annotations

import pickle
import time

import pytest

from kronika.errors import (
    KronikaError,
    TimeBudgetError,
    UnsupportedLanguageError,
    UsageError,
)
from kronika.parallel import Done, Failed, run_all
from kronika.pipeline import Pipeline

TEXTS = [
    "Joe Biden spoke with Volodymyr Zelensky by phone on May 10.",
    "Austin tried several times to contact Shoigu, but to no avail.",
    "Vladimir Putin met Recep Tayyip Erdogan in Sochi on August 5, 2021.",
    "The weather was fine.",
] * 3


def _square(n: int) -> int:
    if n == 3:
        raise UnsupportedLanguageError("xx", ("en", "ru"))
    return n * n


def _sleep(seconds: float) -> float:
    time.sleep(seconds)
    return seconds


def _crash(n: int) -> int:
    raise RuntimeError("a bug")


def _events(text: str) -> list[str]:
    doc = Pipeline.default().process(text, published="2022-05-13", lang="en")
    return [f"{e.type} {e.status}" for e in doc.events]


@pytest.mark.parametrize("jobs", [1, 2])
def test_results_come_in_input_order_and_errors_fail_one_item(jobs):
    out = list(run_all(_square, range(8), jobs=jobs))
    assert [o.item for o in out] == list(range(8))
    assert [o.result for o in out if isinstance(o, Done)] == [0, 1, 4, 16, 25, 36, 49]
    (failed,) = [o for o in out if isinstance(o, Failed)]
    assert isinstance(failed.error, UnsupportedLanguageError)
    assert "'xx' is not supported" in str(failed.error)


def test_every_kronika_error_survives_a_trip_between_processes():
    for error in (UnsupportedLanguageError("xx", ("en",)), TimeBudgetError("a.html", 2.0),
                  UsageError("bad")):
        back = pickle.loads(pickle.dumps(error))
        assert type(back) is type(error) and str(back) == str(error)


@pytest.mark.parametrize("jobs", [1, 2])
def test_an_input_over_the_time_limit_fails_alone(jobs):
    out = list(run_all(_sleep, [0.0, 5.0, 0.0], jobs=jobs, time_limit=0.5,
                       name=lambda s: f"input {s}"))
    assert [type(o) for o in out] == [Done, Failed, Done]
    assert isinstance(out[1].error, TimeBudgetError)
    assert "input 5.0 took longer than 0.5 s" in out[1].error.message


def test_the_input_is_read_only_as_fast_as_workers_finish():
    pulled = []

    def items():
        for n in range(100):
            pulled.append(n)
            yield n

    results = run_all(_square, items(), jobs=2, window=4)
    next(results)
    assert len(pulled) <= 5
    results.close()


def test_a_bug_is_not_hidden_as_a_failed_item():
    with pytest.raises(RuntimeError, match="a bug"):
        list(run_all(_crash, [1, 2], jobs=2))


def test_jobs_must_be_positive():
    with pytest.raises(KronikaError, match="--jobs must be 1 or more"):
        list(run_all(_square, [1], jobs=0))


def test_the_pipeline_gives_the_same_events_on_two_cores():
    serial = [o.result for o in run_all(_events, TEXTS, jobs=1)]
    parallel = [o.result for o in run_all(_events, TEXTS, jobs=2, prepare=Pipeline.default)]
    assert parallel == serial
    assert ["CONSULT occurred"] in serial
