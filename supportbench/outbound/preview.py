"""When each vendor's results stop being provisional under the schedule and caps as written.

Pure: the scheduler's own planning and guards are run forward from `now` on an empty (or the
given) history, probe by probe, until the standard's minimum of decided probes is reached; a
probe is decided when its response window has passed. This answers the analyst's first
question about a plan: "with `every: 14d` and these caps, when will the ranking mean anything?"
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta

from supportbench.config.standards import Standard
from supportbench.config.targets import Config, Vendor
from supportbench.outbound.guards import check_send
from supportbench.outbound.planning import OutboxEntry, choose_probe, next_send_time

MAX_STEPS = 2000  # a plan whose caps never let a probe out stops here (and says so)
STEP = timedelta(hours=6)  # how far a refused send is moved forward to try again


@dataclass(frozen=True)
class Preview:
    vendor_id: str
    sends: list[datetime]  # the first `min_probes` sends as planned now
    decided_by: datetime | None  # when the last of them is decided; None: the caps never allow it


def preview(vendor: Vendor, config: Config, standard: Standard, now: datetime,
            history: Sequence[OutboxEntry] = ()) -> Preview:  # fmt: skip
    """The first sends the scheduler would make, and when the standard's minimum is decided."""
    planned = list(history)
    sends: list[datetime] = []
    moment = now
    for _ in range(MAX_STEPS):
        if len(sends) == standard.min_probes:
            break
        moment = next_send_time(vendor, config, planned, moment)
        probe = choose_probe(vendor, planned, moment, config.safety.repeat_after)
        if probe is None or check_send(config, vendor, vendor.address, "probe", planned, moment):
            moment += STEP
            continue
        planned.append(OutboxEntry(vendor.id, probe, "probe", "sent", moment))
        sends.append(moment)
    if len(sends) < standard.min_probes:
        return Preview(vendor.id, sends, None)
    return Preview(vendor.id, sends, sends[-1] + timedelta(hours=standard.response_window_hours))
