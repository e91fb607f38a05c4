"""`supportbench run`: the long-running scheduler (APScheduler 3.x on asyncio) and the mailbox watchers.

One job per vendor fires at its next send time, which is computed from the store
(so it survives restarts) and recomputed after every run; one periodic job retries
deferred messages, sends follow-ups and, every quarter hour, re-evaluates the probes time
can still change. Mail the watchers bring is interpreted and its probes evaluated at once.
On start, rows a crash left `pending` are reconciled first. SIGINT/SIGTERM stop new work and let in-flight sends finish.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger
from apscheduler.triggers.interval import IntervalTrigger

from supportbench.inbound.replies import Probes, process_new_messages
from supportbench.inbound.watcher import MailboxWatcher
from supportbench.outbound.sending import Sender
from supportbench.pipeline.evaluation import evaluate
from supportbench.timing.clock import Clock

log = logging.getLogger("supportbench.scheduler")

# After a refused or failed attempt, look again this much later rather than at once.
RECHECK_AFTER = timedelta(hours=1)
REEVALUATE_EVERY = timedelta(minutes=15)


class ProbeScheduler:
    """Wires the sending steps to APScheduler jobs; holds no business rules."""

    def __init__(self, sender: Sender, clock: Clock, housekeeping_every: timedelta = timedelta(minutes=1)) -> None:
        self.sender = sender
        self.clock = clock
        self.housekeeping_every = housekeeping_every
        self._evaluated_at: datetime | None = None
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._in_flight: set[asyncio.Task[object]] = set()
        self._stopping = False

    def start(self) -> None:
        now = self.clock.now()
        for result in self.sender.reconcile(now):
            log.warning("reconcile vendor=%s reference=%s state=%s", result.vendor_id, result.reference, result.state)
        for vendor in self.sender.config.vendors:
            self._schedule_vendor(vendor.id, self.sender.next_due(vendor, now))
        self.scheduler.add_job(
            self._guarded(self._housekeeping),
            IntervalTrigger(seconds=self.housekeeping_every.total_seconds(), timezone=UTC),
            id="housekeeping",
            next_run_time=now,
            max_instances=1,
            coalesce=True,
        )
        self.scheduler.start()

    async def stop(self) -> None:
        """Stop scheduling; wait for sends already under way to finish and be recorded."""
        self._stopping = True
        self.scheduler.shutdown(wait=False)
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)

    def _schedule_vendor(self, vendor_id: str, when: datetime) -> None:
        if self._stopping:
            return
        self.scheduler.add_job(
            self._guarded(lambda: self._probe_vendor(vendor_id)),
            DateTrigger(run_date=when, timezone=UTC),
            id=f"vendor:{vendor_id}",
            replace_existing=True,
            misfire_grace_time=None,  # late is fine: a due probe still goes out once
        )
        log.info("schedule vendor=%s next=%s", vendor_id, when.isoformat())

    async def _probe_vendor(self, vendor_id: str) -> None:
        now = self.clock.now()
        vendor = self.sender.config.vendor(vendor_id)
        next_time = self.sender.next_due(vendor, now)
        if next_time <= now and not vendor.paused and not self.sender.config.safety.paused:
            result = await self.sender.send_probe(vendor_id, now)
            log.info("probe vendor=%s state=%s %s", vendor_id, result.state, result.detail)
            next_time = self.sender.next_due(vendor, now)
        if next_time <= now:  # refused or failed: look again later, not in a tight loop
            next_time = now + RECHECK_AFTER
        self._schedule_vendor(vendor_id, next_time)

    async def _housekeeping(self) -> None:
        now = self.clock.now()
        await self.sender.retry_deferred(now)
        await self.sender.send_follow_ups(now)
        # Time alone changes verdicts (a deadline passes, a pending probe becomes unanswered).
        if self._evaluated_at is None or now - self._evaluated_at >= REEVALUATE_EVERY:
            summary = evaluate(self.sender.store, self.sender.config, now)
            self._evaluated_at = now
            log.info("evaluated probes=%d", summary.evaluated)

    def _guarded(self, step: Callable[[], Awaitable[None]]) -> Callable[[], Awaitable[None]]:
        """Track each run so shutdown can wait for it; a failing step is logged, not fatal."""

        async def run() -> None:
            if self._stopping:
                return
            task = asyncio.current_task()
            assert task is not None
            self._in_flight.add(task)
            try:
                await step()
            except Exception:
                log.exception("step failed; the scheduler carries on")
            finally:
                self._in_flight.discard(task)

        return run


async def run_until_signalled(scheduler: ProbeScheduler, store_path: Path) -> None:
    """Send and watch until SIGINT or SIGTERM, then stop cleanly.

    One watcher thread per shopper stores new mail raw; each time one reports new
    messages, they are classified and linked here, on the asyncio side.
    """
    stop = asyncio.Event()
    arrived = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    watchers = [
        MailboxWatcher(shopper, store_path, lambda _: _wake(loop, arrived))
        for shopper in scheduler.sender.config.shoppers
    ]
    scheduler.start()
    for watcher in watchers:
        watcher.start()
    log.info("running; Ctrl-C stops after in-flight sends finish")
    interpreting = asyncio.create_task(_interpret_arrivals(scheduler, arrived))
    await stop.wait()
    log.info("stopping")
    interpreting.cancel()
    await scheduler.stop()
    for watcher in watchers:
        await asyncio.to_thread(watcher.stop)


def _wake(loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
    """Called from a watcher thread: set the event on the loop's own thread."""
    loop.call_soon_threadsafe(event.set)


async def _interpret_arrivals(scheduler: ProbeScheduler, arrived: asyncio.Event) -> None:
    sender = scheduler.sender
    probes = Probes()  # kept between arrivals: rebuilt only when a probe was sent meanwhile
    while True:
        await arrived.wait()
        arrived.clear()
        now = scheduler.clock.now()
        # One process: forking workers beside the watcher threads could inherit a lock held mid-call.
        count = process_new_messages(sender.store, sender.config, now, workers=1, probes=probes)
        summary = evaluate(sender.store, sender.config, now, scope="new")
        log.info("interpreted messages=%d evaluated probes=%d", count, summary.evaluated)
