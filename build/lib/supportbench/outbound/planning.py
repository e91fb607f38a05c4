"""When the next probe goes to a vendor, and which one: schedule, windows, jitter, rotation.

Pure: the outbox history and `now` come in as values, so the next due time follows
from the store, not from process memory, and survives restarts. A due time missed
while the process was down yields one probe, not one per missed run.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from apscheduler.triggers.cron import CronTrigger

from supportbench.config.targets import Config, Vendor
from supportbench.timing.businesstime import BusinessCalendar

# States in which a probe may have reached the vendor: all count for schedules and caps.
ATTEMPTED_STATES = frozenset({"pending", "sent", "deferred", "uncertain"})


@dataclass(frozen=True)
class OutboxEntry:
    """What planning and guards need to know of one outbox row."""

    vendor_id: str
    probe_id: str
    kind: str
    state: str
    created_at: datetime

    @property
    def attempted(self) -> bool:
        return self.state in ATTEMPTED_STATES


def _stable_fraction(*parts: str) -> float:
    """A number in [0, 1) fixed by its inputs: the same jitter after a restart."""
    digest = hashlib.sha256("|".join(parts).encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def last_probe(vendor_id: str, history: Sequence[OutboxEntry]) -> OutboxEntry | None:
    attempted = [e for e in history if e.vendor_id == vendor_id and e.kind == "probe" and e.attempted]
    return max(attempted, key=lambda entry: entry.created_at, default=None)


def scheduled_time(vendor: Vendor, last: datetime | None, now: datetime) -> datetime:
    """When the schedule says the next probe is due (before jitter and windows).

    With no probe yet the anchor is the start of today (UTC), not `now`: an anchor that
    moved with the clock would keep the first probe forever a little in the future.
    So a new `every` vendor is due today, and a new cron vendor at its first fire time
    from today on (already due if that time has passed).
    """
    zone = ZoneInfo(vendor.timezone)
    anchor = last if last is not None else now.astimezone(UTC).replace(hour=0, minute=0, second=0, microsecond=0)
    if vendor.schedule.every is not None:
        return anchor if last is None else anchor + vendor.schedule.every
    assert vendor.schedule.cron is not None
    trigger = CronTrigger.from_crontab(vendor.schedule.cron, timezone=zone)
    start = anchor + timedelta(seconds=1) if last is not None else anchor
    fire_time: datetime | None = trigger.get_next_fire_time(None, start)
    if fire_time is None:
        raise ValueError(f"cron {vendor.schedule.cron!r} never fires again")
    return fire_time


def place_in_window(moment: datetime, windows: BusinessCalendar, jitter: timedelta, salt: str) -> datetime:
    """The first send-window time at or after `moment`.

    When `moment` falls outside the windows, the probe goes out a stable, jittered
    while after the next window opens, never at the same minute each time.
    """
    day = moment.astimezone(windows.zone).date()
    for _ in range(15):
        for start, end in windows.open_intervals(day):
            if moment < end:
                if moment >= start:
                    return moment
                offset = min(jitter, (end - start) / 2) * _stable_fraction(salt, start.isoformat())
                return start + offset
        day += timedelta(days=1)
    raise ValueError("send windows never open: check safety.send_windows")


def next_send_time(vendor: Vendor, config: Config, history: Sequence[OutboxEntry], now: datetime) -> datetime:
    """When the scheduler should send this vendor's next probe; `now` itself when it is due now."""
    last = last_probe(vendor.id, history)
    scheduled = scheduled_time(vendor, last.created_at if last else None, now)
    jittered = scheduled + config.safety.jitter * _stable_fraction(vendor.id, scheduled.isoformat())
    shopper = config.shopper(vendor.shopper)
    windows = BusinessCalendar(config.safety.send_window_hours, ZoneInfo(shopper.timezone))
    # An overdue probe goes now if a window is open, else when the next one opens.
    return place_in_window(max(jittered, now), windows, config.safety.jitter, vendor.id)


def choose_probe(vendor: Vendor, history: Sequence[OutboxEntry], now: datetime, repeat_after: timedelta) -> str | None:
    """The vendor's probes in turn, skipping any sent to it within `repeat_after`.

    Near-identical messages to one desk raise the chance it notices the test.
    """
    sent = [e for e in history if e.vendor_id == vendor.id and e.kind == "probe" and e.attempted]
    recent = {e.probe_id for e in sent if now - e.created_at < repeat_after}
    last = max(sent, key=lambda entry: entry.created_at, default=None)
    start = vendor.probes.index(last.probe_id) + 1 if last and last.probe_id in vendor.probes else 0
    for offset in range(len(vendor.probes)):
        candidate = vendor.probes[(start + offset) % len(vendor.probes)]
        if candidate not in recent:
            return candidate
    return None
