"""`supportbench run`: the long-running scheduler (APScheduler 3.x on asyncio) and the mailbox watchers.

One job per vendor fires at its next send time, which is computed from the store
(so it survives restarts) and recomputed after every run; a housekeeping loop retries
deferred messages, sends follow-ups and, every quarter hour, re-evaluates the probes time
can still change. Mail the watchers bring is interpreted and its probes evaluated at once.
On start, rows a crash left `pending` are reconciled first and mail stored but never
interpreted is read. SIGINT/SIGTERM stop new work and let in-flight sends finish.

Supervised: a step that fails is logged, kept in the store's health table (`status` and the
dashboard show it) and tried again later; nothing but a signal, or the store file vanishing
from under it, ends `run`. Intervals are measured on the monotonic clock, so a wall clock
stepped back or forward (NTP, a resumed VM) neither stalls nor hurries housekeeping.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from apscheduler.schedulers.asyncio import AsyncIOScheduler
from apscheduler.triggers.date import DateTrigger

from supportbench.config.targets import Config
from supportbench.errors import StoreError, SupportbenchError
from supportbench.inbound.replies import Probes, process_new_messages
from supportbench.inbound.watcher import MailboxWatcher
from supportbench.outbound.sending import Sender
from supportbench.pipeline.alerts import OWN_COMPONENT, mail_new_alerts
from supportbench.pipeline.evaluation import evaluate
from supportbench.store.catalog import save_config
from supportbench.timing.clock import Clock

log = logging.getLogger("supportbench.scheduler")

# After a refused or failed attempt, look again this much later rather than at once.
RECHECK_AFTER = timedelta(hours=1)
REEVALUATE_EVERY = timedelta(minutes=15)
MAX_RETRY_DELAY = 300.0  # seconds: the longest a failed step waits before it is tried again


class ProbeScheduler:
    """Wires the sending steps to APScheduler jobs and a housekeeping loop; holds no business rules."""

    def __init__(
        self,
        sender: Sender,
        clock: Clock,
        housekeeping_every: timedelta = timedelta(minutes=1),
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self.sender = sender
        self.clock = clock
        self.monotonic = monotonic
        self.housekeeping_every = housekeeping_every
        self._evaluated_at: float | None = None  # on the monotonic clock
        self.scheduler = AsyncIOScheduler(timezone=UTC)
        self._in_flight: set[asyncio.Task[object]] = set()
        self._stopping = False
        self._housekeeper: asyncio.Task[None] | None = None

    def start(self) -> None:
        now = self.clock.now()
        for result in self.sender.reconcile(now):
            log.warning("reconcile vendor=%s reference=%s state=%s", result.vendor_id, result.reference, result.state)
        for vendor in self.sender.config.vendors:
            self._schedule_vendor(vendor.id, self.sender.next_due(vendor, now))
        self.scheduler.start()
        self._housekeeper = asyncio.create_task(self._housekeeping_loop())

    async def stop(self) -> None:
        """Stop scheduling; wait for sends already under way to finish and be recorded."""
        self._stopping = True
        self.scheduler.shutdown(wait=False)
        if self._housekeeper is not None:
            self._housekeeper.cancel()
        if self._in_flight:
            await asyncio.gather(*self._in_flight, return_exceptions=True)

    def reload(self, config: Config) -> None:
        """Use a changed targets.yaml from now on: every vendor's next send planned again."""
        self.sender.config = config
        for job in self.scheduler.get_jobs():
            if job.id.startswith("vendor:"):
                job.remove()
        now = self.clock.now()
        for vendor in config.vendors:
            self._schedule_vendor(vendor.id, self.sender.next_due(vendor, now))

    async def _housekeeping_loop(self) -> None:
        """Housekeeping now, then every `housekeeping_every` by the monotonic clock (asyncio's)."""
        housekeeping = self._guarded(self._housekeeping, "housekeeping")
        while not self._stopping:
            await housekeeping()
            await self.mail_alerts()
            # A wall clock stepped forward may have made vendor jobs due that APScheduler,
            # which waits by the monotonic clock, would only notice later: look now.
            self.scheduler.wakeup()
            await asyncio.sleep(self.housekeeping_every.total_seconds())

    def _schedule_vendor(self, vendor_id: str, when: datetime) -> None:
        if self._stopping:
            return
        self.scheduler.add_job(
            self._guarded(lambda: self._probe_vendor(vendor_id), "sending"),
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
            if result.state == "failed":
                await self.mail_alerts()
            next_time = self.sender.next_due(vendor, now)
        if next_time <= now:  # refused or failed: look again later, not in a tight loop
            next_time = now + RECHECK_AFTER
        self._schedule_vendor(vendor_id, next_time)

    async def _housekeeping(self) -> None:
        now = self.clock.now()
        await self.sender.retry_deferred(now)
        await self.sender.send_follow_ups(now)
        # Time alone changes verdicts (a deadline passes, a pending probe becomes unanswered).
        ticks = self.monotonic()
        if self._evaluated_at is None or ticks - self._evaluated_at >= REEVALUATE_EVERY.total_seconds():
            summary = evaluate(self.sender.store, self.sender.config, now)
            self._evaluated_at = ticks
            log.info("evaluated probes=%d", summary.evaluated)

    async def mail_alerts(self) -> None:
        """Mail new alerts when targets.yaml asks for them (`notify:`): at each housekeeping, and at
        once after what makes one (a bounce read, a send failed). A failure waits for the next time."""
        if self.sender.config.notify is not None:
            await self._recorded(self._mail_alerts, OWN_COMPONENT)

    async def _mail_alerts(self) -> None:
        mailed = await mail_new_alerts(self.sender.store, self.sender.config, self.clock.now())
        if mailed:
            log.info("alerts mailed=%d", len(mailed))

    def _guarded(self, step: Callable[[], Awaitable[None]], component: str) -> Callable[[], Awaitable[None]]:
        """Track each run so shutdown can wait for it; a failing step is logged and kept in the
        health table, not fatal (the job, or the loop, runs it again)."""

        async def run() -> None:
            if self._stopping:
                return
            task = asyncio.current_task()
            assert task is not None
            self._in_flight.add(task)
            try:
                await self._recorded(step, component)
            finally:
                self._in_flight.discard(task)

        return run

    async def _recorded(self, step: Callable[[], Awaitable[None]], component: str) -> None:
        """Run a step; its success or failure goes to the health table, a failure is logged, never raised.
        (Alerts are mailed from within other guarded steps, so they use this alone, not `_guarded`.)"""
        try:
            await step()
        except Exception as exc:
            log.exception("%s failed; the scheduler carries on", component)
            self.record(component, exc)
            return
        self.record(component)

    def record(self, component: str, failure: Exception | None = None) -> None:
        """Keep how a part of `run` fared where `status` and the dashboard read it."""
        now = self.clock.now()
        try:
            if failure is None:
                self.sender.store.record_success(component, now)
            else:
                self.sender.store.record_failure(component, now, f"{type(failure).__name__}: {failure}")
        except Exception:
            log.exception("the health of %s could not be recorded", component)


async def run_until_signalled(
    scheduler: ProbeScheduler,
    store_path: Path,
    load: Callable[[], Config] | None = None,
    ready: Callable[[], None] | None = None,
) -> None:
    """Send and watch until SIGINT or SIGTERM, then stop cleanly; on SIGHUP, `load` the config again.
    `ready` is called once the signals are handled (a supervisor may signal as soon as it is told).

    One watcher thread per shopper stores new mail raw; each time one reports new
    messages, they are classified and linked here, on the asyncio side.
    """
    stop = asyncio.Event()
    arrived = asyncio.Event()
    arrived.set()  # mail stored by an earlier run and never interpreted is read at once
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stop.set)
    watchers: list[MailboxWatcher] = []

    def watch(config: Config) -> None:
        for watcher in watchers:
            watcher.request_stop()
        watchers[:] = [
            MailboxWatcher(shopper, store_path, lambda _: _wake(loop, arrived)) for shopper in config.shoppers
        ]
        for watcher in watchers:
            watcher.start()

    def reload() -> None:
        assert load is not None
        try:
            config = load()
        except SupportbenchError as exc:
            log.error("reload refused, the running config stays: %s", str(exc).replace("\n", "; "))
            return
        shoppers_changed = config.shoppers != scheduler.sender.config.shoppers
        save_config(scheduler.sender.store, config)
        scheduler.reload(config)
        if shoppers_changed:
            watch(config)
        log.warning("reloaded targets.yaml: %d vendors, %d shoppers", len(config.vendors), len(config.shoppers))

    if load is not None:
        loop.add_signal_handler(signal.SIGHUP, reload)
    if ready is not None:
        ready()
    scheduler.start()
    watch(scheduler.sender.config)
    log.info("running; Ctrl-C stops after in-flight sends finish")
    interpreting = asyncio.create_task(_interpret_arrivals(scheduler, arrived))
    vanished: list[str] = []
    watching = asyncio.create_task(_watch_store_file(scheduler, stop, vanished))
    await stop.wait()
    log.info("stopping")
    interpreting.cancel()
    watching.cancel()
    await scheduler.stop()
    for watcher in watchers:  # all asked at once: each takes up to a second to notice
        watcher.request_stop()
    for watcher in watchers:
        await asyncio.to_thread(watcher.stop)
    if vanished:
        raise StoreError(f"{vanished[0]}: stopped so that nothing more is written where nobody will read it")


STORE_CHECK_EVERY = 5.0  # seconds between looks at the store file


async def _watch_store_file(scheduler: ProbeScheduler, stop: asyncio.Event, vanished: list[str]) -> None:
    """Stop `run` when its store file is deleted or replaced: writing on would lose everything."""
    while not stop.is_set():
        reason = scheduler.sender.store.gone()
        if reason is not None:
            log.error("%s; stopping", reason)
            vanished.append(reason)
            stop.set()
            return
        await asyncio.sleep(STORE_CHECK_EVERY)


def _wake(loop: asyncio.AbstractEventLoop, event: asyncio.Event) -> None:
    """Called from a watcher thread: set the event on the loop's own thread."""
    loop.call_soon_threadsafe(event.set)


async def _interpret_arrivals(scheduler: ProbeScheduler, arrived: asyncio.Event) -> None:
    """Interpret and evaluate whenever mail arrives; a failure is retried with backoff, so
    nothing stored waits for the next arrival to be read."""
    sender = scheduler.sender
    probes = Probes()  # kept between arrivals: rebuilt only when a probe was sent meanwhile
    loop = asyncio.get_running_loop()
    delay = 1.0
    while True:
        await arrived.wait()
        arrived.clear()
        now = scheduler.clock.now()
        try:
            # One process: forking workers beside the watcher threads could inherit a lock held mid-call.
            count = process_new_messages(sender.store, sender.config, now, workers=1, probes=probes)
            summary = evaluate(sender.store, sender.config, now, scope="new")
        except Exception as exc:
            log.exception("interpretation failed; trying again in %.0f s", delay)
            scheduler.record("interpretation", exc)
            loop.call_later(delay, arrived.set)
            delay = min(delay * 2, MAX_RETRY_DELAY)
            continue
        delay = 1.0
        scheduler.record("interpretation")
        if count:
            await scheduler.mail_alerts()
        log.info("interpreted messages=%d evaluated probes=%d", count, summary.evaluated)
