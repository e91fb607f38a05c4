"""Batch pools: work in this process or in forked workers, results saved here in submission order."""

from __future__ import annotations

import gc
import multiprocessing
import os

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
