"""Batches of pure work, done in this process or in forked worker processes, saved here in order.

The shell of a large rescore or a first sync: the store is read and written only in this
process; workers only compute. Workers are forked, so they inherit `work` (and whatever it
closes over: a probe index, a config) instead of having it pickled; forkserver and spawn
would also re-import the parent's __main__, which is wrong when the parent is a test run or
an app. Never use workers > 1 from a process with other threads running (a lock held by one
of them at fork time stays held in the child). Workers run at a lower priority (`WORKER_NICENESS`):
in a first sync the process feeding them, and the IMAP server it reads from, come first.
"""

from __future__ import annotations

import ctypes
import gc
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from types import TracebackType
from typing import Any, Generic, TypeVar

Batch = TypeVar("Batch")
Result = TypeVar("Result")

WORKER_NICENESS = 10  # added to the parent's: workers yield the CPU to the process feeding them
_PR_SET_PDEATHSIG = 1  # prctl(2) option: the signal a process gets when its parent dies

# The work of the current pool, set before its workers fork; only ever read in a worker.
_work: Callable[[Any], Any] | None = None


def _call(batch: Any) -> Any:
    assert _work is not None, "a worker was forked without its work"
    return _work(batch)


class BatchPool(Generic[Batch, Result]):
    """Batches submitted one by one (as a fetch stores them), worked on meanwhile, saved in order.

    `save(batch, work(batch))` runs in this process for every batch, in submission order: at a
    later `submit` once its result is ready (at most 2 x workers batches are in flight, so
    memory stays bounded) and for the rest on leaving the `with` block. Workers are forked at
    the first submit, so a pool given nothing costs nothing.
    """

    def __init__(self, work: Callable[[Batch], Result], save: Callable[[Batch, Result], None], workers: int) -> None:
        self.work, self.save, self.workers = work, save, workers
        self._pool: ProcessPoolExecutor | None = None
        self._in_flight: deque[tuple[Batch, Future[Result]]] = deque()

    def __enter__(self) -> BatchPool[Batch, Result]:
        return self

    def submit(self, batch: Batch) -> None:
        if self.workers <= 1:
            self.save(batch, self.work(batch))
            return
        forking = self._pool is None  # the workers fork at the first submit
        pool = self._started()
        if forking:
            # What the workers inherit is left out of their garbage collections: walking it
            # would cost them time and write to (so copy) every page of it.
            gc.freeze()
        try:
            self._in_flight.append((batch, pool.submit(_call, batch)))
        finally:
            if forking:
                gc.unfreeze()
        while self._in_flight and (len(self._in_flight) > 2 * self.workers or self._in_flight[0][1].done()):
            self._save_oldest()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, traceback: TracebackType | None
    ) -> None:
        global _work
        try:
            while self._in_flight and kind is None:
                self._save_oldest()
        finally:
            if self._pool is not None:
                self._pool.shutdown(cancel_futures=True)
                _work = None

    def _started(self) -> ProcessPoolExecutor:
        global _work
        if self._pool is None:
            assert _work is None, "one pool at a time: workers fork with the module's current work"
            _work = self.work
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )
        return self._pool

    def _save_oldest(self) -> None:
        batch, future = self._in_flight.popleft()
        self.save(batch, future.result())


def _start_worker(parent: int) -> None:
    """In each worker: a lower priority, and death with the parent. A parent killed with SIGKILL
    cannot shut its pool down; without this, workers outlived it for a minute or more."""
    os.nice(WORKER_NICENESS)
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    if os.getppid() != parent:  # the parent died before the line above took effect
        os._exit(1)


def run_batches(
    work: Callable[[Batch], Result],
    batches: Iterable[Batch],
    save: Callable[[Batch, Result], None],
    workers: int,
) -> None:
    """`save(batch, work(batch))` for every batch, in order; `work` runs in `workers` processes."""
    with BatchPool(work, save, workers) as pool:
        for batch in batches:
            pool.submit(batch)
