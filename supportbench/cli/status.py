"""`supportbench status`: the outbox per vendor as a plain-text table."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from supportbench.config.targets import Config
from supportbench.outbound.guards import bounced
from supportbench.outbound.sending import Sender
from supportbench.store.database import Store, from_iso
from supportbench.store.rows import BounceRow, failing

COLUMNS = ("pending", "sent", "deferred", "uncertain", "failed", "follow-ups")


def outbox_table(config: Config, store: Store, sender: Sender, now: datetime) -> str:
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(COLUMNS, 0))
    for row in store.status_counts():
        column = "follow-ups" if row["kind"] == "follow_up" and row["state"] == "sent" else row["state"]
        if row["kind"] == "probe" or column != "sent":
            counts[row["vendor_id"]][column] += row["n"]
    header = ("vendor", *COLUMNS, "next due")
    lines: list[tuple[str, ...]] = [header]
    bounces = store.permanent_bounces()
    for vendor in config.vendors:
        if vendor.paused or config.safety.paused:
            due = "paused"
        elif bounced(vendor, vendor.address, bounces) is not None:
            due = "paused: bounced"
        else:
            next_time = sender.next_due(vendor, now)
            due = "now" if next_time <= now else f"{next_time.astimezone(UTC):%Y-%m-%d %H:%M} UTC"
        lines.append((vendor.id, *(str(counts[vendor.id][column]) for column in COLUMNS), due))
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    text = ["  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip() for line in lines]
    uncertain = sum(counts[v.id]["uncertain"] for v in config.vendors)
    if uncertain:
        text.append(f"\n{uncertain} uncertain: never confirmed by the server (a crash, or a connection lost after the "
                    "message was handed over); they are never resent automatically.")  # fmt: skip
    text += problem_lines(config, store, bounces) + unreadable_lines(store) + health_lines(store, now)
    return "\n".join(text)


def problem_lines(config: Config, store: Store, bounces: list[BounceRow]) -> list[str]:
    """Per vendor, why it is paused by a bounce, else its latest refusal or failure, with the reason."""
    latest = {event["vendor_id"]: event for event in store.events() if event["level"] == "warning"}
    lines = []
    for vendor in config.vendors:
        stopped = bounced(vendor, vendor.address, bounces)
        if stopped is not None:
            lines.append(f"  {vendor.id}: {stopped.message}")
        elif vendor.id in latest:
            event = latest[vendor.id]
            # Ids (outbox_id) are for `events`; a person reads the words.
            detail = "; ".join(str(value) for key, value in event["detail"].items() if not key.endswith("_id"))
            lines.append(f"  {vendor.id}: {event['kind'].replace('_', ' ')} on {event['at'][:16].replace('T', ' ')}: "
                         f"{detail}")  # fmt: skip
    return ["\nlast problem per vendor (`supportbench events` has them all):", *lines] if lines else []


def health_lines(store: Store, now: datetime) -> list[str]:
    """How each part of `run` last fared: its last success, and its last failure if that came later."""
    rows = store.health()
    if not rows:
        return []
    lines = ["\nrun (as last recorded):"]
    for row in rows:
        state = f"ok, last {_ago(row['last_success'], now)}" if row["last_success"] else "never succeeded"
        if failing(row):
            state = f"FAILING since {_ago(row['last_error_at'], now)}: {row['last_error']}" + (
                f" (last ok {_ago(row['last_success'], now)})" if row["last_success"] else ""
            )
        lines.append(f"  {row['component']}: {state}" + (f"; {row['detail']}" if row["detail"] else ""))
    return lines


def _ago(stamp: str | None, now: datetime) -> str:
    if stamp is None:
        return "never"
    minutes = max(0, int((now - from_iso(stamp)).total_seconds() // 60))
    if minutes < 60:
        return f"{minutes} min ago"
    return f"{minutes // 60} h {minutes % 60} min ago" if minutes < 2880 else f"{minutes // 1440} days ago"


def unreadable_lines(store: Store, shown: int = 10) -> list[str]:
    """The quarantined messages, if any: which, where, and why (the newest `shown` of them)."""
    unreadable = store.unreadable_messages()
    if not unreadable:
        return []
    lines = [f"\n{len(unreadable)} unreadable (kept raw, left out of the results; `rescore` reads them again):"]
    for row in unreadable[-shown:]:
        lines.append(f"  message {row['id']} in {row['mailbox']}/{row['folder']}, {row['internal_date'][:16]}: "
                     f"{row['reason']}")  # fmt: skip
    return lines
