"""A vendor's leaderboard row as text the store can keep, and back, so that a leaderboard of
10,000 vendors reads 10,000 summaries instead of a million probes.

Pure. A summary holds every figure of the row (`VendorRanking`) but its name, which the reader
takes from the catalog, its rank, which depends on the other vendors, and its reply-time curves,
which only the pages that draw them read (from the probes). With it goes the spread of the
vendor's scores, so the rank ranges drawn from summaries are those drawn from the probes. JSON
keeps every float exactly (it writes the shortest text that reads back as the same float).
"""

from __future__ import annotations

import json
from dataclasses import fields
from typing import Any

from supportbench.config.standards import Standard
from supportbench.ranking.ranks import Spread, VendorRanking

# Kept out of a summary: what the reader supplies (name), what ranking decides among vendors, the curves.
_NOT_KEPT = frozenset({"vendor", "name", "rank", "tied", "rank_range", "survival", "business_survival"})
_KEPT = tuple(f.name for f in fields(VendorRanking) if f.name not in _NOT_KEPT)
_PAIRS = ("response_rate_ci", "score_interval")


def fingerprint(standard: Standard) -> str:
    """The standard as a summary was made under: summaries made under another are not current."""
    return json.dumps(standard.as_dict(), sort_keys=True, separators=(",", ":"))


def to_summary(row: VendorRanking, spread: Spread | None) -> str:
    """The row and its spread as compact JSON."""
    kept: dict[str, Any] = {name: getattr(row, name) for name in _KEPT}
    return json.dumps({**kept, "spread": list(spread) if spread else None}, separators=(",", ":"))


def from_summary(vendor_id: str, name: str, text: str) -> tuple[VendorRanking, Spread | None]:
    """The row `to_summary` kept (unranked, without curves) and its spread."""
    data = json.loads(text)
    found = data.pop("spread")
    for key in _PAIRS:
        data[key] = tuple(data[key]) if data[key] is not None else None
    data["counts"] = {key: tuple(pair) for key, pair in data["counts"].items()}
    spread = Spread(found[0], found[1], int(found[2])) if found else None
    return VendorRanking(vendor=vendor_id, name=name, **data), spread
