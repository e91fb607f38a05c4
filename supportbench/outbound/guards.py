"""Safety guards: the benchmark must never spam anyone or write to a stranger.

Pure: each guard looks at the configuration, the outbox history and `now`, and
returns refusals as values. The caller logs every refusal where an operator sees
it; none is silent.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from supportbench.config.targets import Config, Vendor
from supportbench.outbound.planning import OutboxEntry
from supportbench.store.rows import BounceRow, describe_bounce, last_bounce
from supportbench.timing.durations import format_duration

DAY = timedelta(days=1)


@dataclass(frozen=True)
class Refusal:
    """Why a send was refused: the guard's name and a sentence for the operator."""

    guard: str
    message: str


def known_address(config: Config, address: str) -> Vendor | None:
    """The vendor that lists `address` in targets.yaml, if any."""
    for vendor in config.vendors:
        if address.lower() in vendor.all_addresses:
            return vendor
    return None


def bounced(vendor: Vendor, to_address: str, bounces: Sequence[BounceRow]) -> Refusal | None:
    """A vendor whose address bounced permanently is paused until targets.yaml gives another one:
    a permanent bounce is nearly always a typo, and probing it again only repeats the bounce."""
    last = last_bounce(bounces, vendor.id, to_address)
    if last is None:
        return None
    return Refusal(
        "bounced",
        f"{describe_bounce(last)}: fix {vendor.id}'s address in targets.yaml; nothing more is sent to it until then",
    )


def check_send(
    config: Config,
    vendor: Vendor,
    to_address: str,
    kind: str,
    history: Sequence[OutboxEntry],
    now: datetime,
) -> list[Refusal]:
    """Every guard that refuses this send (empty: it may go)."""
    refusals: list[Refusal] = []
    safety = config.safety
    if safety.paused:
        refusals.append(Refusal("paused", "sending is paused for everyone (safety.paused: true)"))
    if vendor.paused:
        refusals.append(Refusal("vendor_paused", f"sending to {vendor.id} is paused (vendors[].paused: true)"))
    owner = known_address(config, to_address)
    if owner is None or owner.id != vendor.id:
        refusals.append(
            Refusal("unknown_address", f"{to_address} is not an address of {vendor.id} in targets.yaml; not sending")
        )

    attempted = [entry for entry in history if entry.attempted]
    sent_today = [entry for entry in attempted if now - entry.created_at < DAY]
    if len(sent_today) >= safety.daily_cap:
        refusals.append(
            Refusal(
                "daily_cap",
                f"{len(sent_today)} messages went out in the last 24 hours (safety.daily_cap: {safety.daily_cap})",
            )
        )
    if kind == "probe":
        caps = safety.per_vendor
        probes = [entry for entry in attempted if entry.vendor_id == vendor.id and entry.kind == "probe"]
        in_window = [entry for entry in probes if now - entry.created_at < caps.window]
        if len(in_window) >= caps.max_probes:
            refusals.append(
                Refusal(
                    "vendor_cap",
                    f"{vendor.id} already had {len(in_window)} probes in the last {format_duration(caps.window)} "
                    f"(safety.per_vendor.max_probes: {caps.max_probes})",
                )
            )
        latest = max((entry.created_at for entry in probes), default=None)
        if latest is not None and now - latest < caps.min_interval:
            refusals.append(
                Refusal(
                    "min_interval",
                    f"{vendor.id} was last probed {format_duration(now - latest)} ago "
                    f"(safety.per_vendor.min_interval: {format_duration(caps.min_interval)})",
                )
            )
    return refusals
