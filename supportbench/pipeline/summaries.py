"""Bring the per-vendor summaries up to date after an evaluation (see store/summaries.py).

Only the vendors whose probes were saved since are summarised again; every vendor of a standard
whose summaries were made under another definition of it, or never made (a store migrated from
before summaries, a standard just added). Standards the config no longer has lose theirs.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from supportbench.config.standards import Standard
from supportbench.ranking.ranks import ProbeOutcome, VendorResults, summarise
from supportbench.ranking.summaries import fingerprint, to_summary
from supportbench.store import summaries
from supportbench.store.database import Store

# More vendors to summarise than this: one read of every probe is quicker than a query per vendor.
ONE_READ_BEYOND = 200


def refresh_summaries(store: Store, standards: Mapping[str, Standard]) -> int:
    """Summarise what changed; returns how many summaries were made."""
    seen = summaries.pending(store)
    marks = summaries.marks(store)
    wanted = {name: fingerprint(standard) for name, standard in standards.items()}
    if not seen and marks == wanted:
        return 0  # all current: no write (an evaluation every quarter hour mostly changes nothing)
    made: dict[str, summaries.Made] = {}
    for name, standard in standards.items():
        mark = wanted[name]
        whole = marks.get(name) != mark
        if whole:
            outcomes: Iterable[ProbeOutcome] = store.outcomes(name)
        elif len(seen) > ONE_READ_BEYOND:
            outcomes = (row for row in store.outcomes(name) if row["vendor_id"] in seen)
        else:
            outcomes = (row for vendor in sorted(seen) for row in store.outcomes(name, vendor_id=vendor))
        by_vendor: dict[str, list[ProbeOutcome]] = {}
        for row in outcomes:
            by_vendor.setdefault(row["vendor_id"], []).append(row)
        kept = {vendor: to_summary(*summarise(VendorResults(vendor, vendor, rows), standard))
                for vendor, rows in by_vendor.items()}  # fmt: skip
        made[name] = summaries.Made(mark, frozenset(by_vendor) if whole else frozenset(seen), kept, whole)
    summaries.save(store, seen, made)
    return sum(len(found.summaries) for found in made.values())
