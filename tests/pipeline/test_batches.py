"""Batch pools: work in this process or in forked workers, results saved here in submission order."""

from __future__ import annotations

import gc
import multiprocessing
import os
from pathlib import Path

import pytest

from supportbench.batches import WORKER_NICENESS, BatchPool, run_batches


def square_with_pid(batch: list[int]) -> tuple[list[int], int]:
    return [n * n for n in batch], os.getpid()


def fail_on_three(batch: list[int]) -> list[int]:
    if 3 in batch:
        raise ValueError("three")
    return batch


def test_results_are_saved_in_submission_order_from_other_processes() -> None:
    saved: list[tuple[list[int], list[int], int]] = []
    batches = [list(range(start, start + size)) for start, size in ((0, 4000), (4000, 1), (4001, 2000), (6001, 3))]
    with BatchPool(square_with_pid, lambda b, r: saved.append((b, *r)), workers=2) as pool:
        for batch in batches:
            pool.submit(batch)
    assert [b for b, _, _ in saved] == batches
    assert all(result == [n * n for n in batch] for batch, result, _ in saved)
    assert {pid for _, _, pid in saved} - {os.getpid()}, "the work ran in worker processes"
    assert not multiprocessing.active_children()


def test_one_worker_means_this_process_and_results_saved_at_once() -> None:
    saved: list[int] = []
    with BatchPool(square_with_pid, lambda _b, r: saved.append(r[1]), workers=1) as pool:
        pool.submit([1])
        assert saved == [os.getpid()]  # saved before the next submit, no fork


def test_a_pool_given_nothing_starts_no_process() -> None:
    with BatchPool(square_with_pid, lambda _b, _r: None, workers=2):
        assert not multiprocessing.active_children()


def test_a_failing_batch_reaches_the_caller_and_the_pool_is_shut_down() -> None:
    saved: list[list[int]] = []
    with pytest.raises(ValueError, match="three"):
        run_batches(fail_on_three, [[1], [2], [3], [4]], lambda _b, r: saved.append(r), workers=2)
    assert saved == [[1], [2]]  # everything before the failure, in order; nothing after it
    assert not multiprocessing.active_children()


def test_an_error_in_the_block_saves_nothing_more() -> None:
    saved: list[list[int]] = []
    with pytest.raises(RuntimeError), BatchPool(fail_on_three, lambda _b, r: saved.append(r), workers=2) as pool:
        pool.submit([1])
        raise RuntimeError("the fetch broke")
    assert saved in ([], [[1]])  # [1] may have been saved while submitting; never after the error
    assert not multiprocessing.active_children()


def worker_state(_batch: list[int]) -> tuple[int, int]:
    return os.nice(0), gc.get_freeze_count()


def test_workers_yield_to_the_fetch_and_skip_what_they_inherit_in_collections() -> None:
    # Niced, so the fetching process (and the IMAP server) keep the CPU they need; the parent's
    # objects frozen at fork, so the workers' collections neither walk nor copy them.
    saved: list[tuple[int, int]] = []
    with BatchPool(worker_state, lambda _b, r: saved.append(r), workers=2) as pool:
        pool.submit([1])
    (niceness, frozen), *_ = saved
    assert niceness == min(os.nice(0) + WORKER_NICENESS, 19)
    assert frozen > 0
    assert gc.get_freeze_count() == 0  # the parent's own objects are collected as before


PARENT = """
import os, sys, time
from supportbench.batches import BatchPool

def hang(batch):
    # One write per line: two workers printing at once could interleave a number and its newline.
    os.write(1, f"{os.getpid()}\\n".encode())
    time.sleep(600)  # a worker mid-batch, as in a long rescore

with BatchPool(hang, lambda b, r: None, workers=2) as pool:
    pool.submit([1])
    pool.submit([2])
    time.sleep(600)
"""


def test_workers_die_with_a_parent_killed_with_sigkill() -> None:
    import signal
    import subprocess
    import sys

    from supportbench.waiting import wait_for

    parent = subprocess.Popen([sys.executable, "-c", PARENT], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        workers = [int(parent.stdout.readline()) for _ in range(2)]
        parent.send_signal(signal.SIGKILL)
        parent.wait(timeout=30)
    finally:
        if parent.poll() is None:
            parent.kill()

    def gone(pid: int) -> bool:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        # a zombie waits for init to reap it: it is gone
        return Path(f"/proc/{pid}/stat").read_text().split()[2] == "Z"

    wait_for(lambda: all(gone(pid) for pid in workers), timeout=10, what="the orphaned workers to end")
