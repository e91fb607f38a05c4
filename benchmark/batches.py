"""Batches of pure work, done in this process or in forked worker processes, saved here in order.

The shell of a large rescore or a first sync: the store is read and written only in this
process; workers only compute. Workers are forked, so they inherit `work` (and whatever it
closes over: a probe index, a config) instead of having it pickled; forkserver and spawn
would also re-import the parent's __main__, which is wrong when the parent is a test run or
an app. Never call this with workers > 1 from a process with other threads running (a lock
held by one of them at fork time stays held in the child).
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any, TypeVar

Batch = TypeVar("Batch")
Result = TypeVar("Result")

# The work of the current pool, set before its workers fork; only ever read in a worker.
_work: Callable[[Any], Any] | None = None


def _call(batch: Any) -> Any:
    assert _work is not None, "a worker was forked without its work"
    return _work(batch)


def run_batches(
    work: Callable[[Batch], Result],
    batches: Iterable[Batch],
    save: Callable[[Batch, Result], None],
    workers: int,
) -> None:
    """`save(batch, work(batch))` for every batch, in order; `work` runs in `workers` processes."""
    global _work
    if workers <= 1:
        for batch in batches:
            save(batch, work(batch))
        return
    _work = work
    try:
        with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork")) as pool:
            in_flight: deque[tuple[Batch, Future[Result]]] = deque()
            for batch in batches:
                in_flight.append((batch, pool.submit(_call, batch)))
                if len(in_flight) > 2 * workers:  # bounded: a large store is never all in memory
                    done, future = in_flight.popleft()
                    save(done, future.result())
            while in_flight:
                done, future = in_flight.popleft()
                save(done, future.result())
    finally:
        _work = None
