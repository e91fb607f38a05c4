"""How ranking figures are written, once, for `report`, the dashboard and their exports alike (pure)."""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from supportbench.ranking.ranks import VendorRanking


def format_percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def format_hours(value: float | None) -> str:
    if value is None:
        return "not reached"
    return f"{value * 60:.0f} min" if value < 1 else f"{value:.1f} h"


def format_interval(interval: tuple[float, float] | None) -> str:
    return f"{format_percent(interval[0])}-{format_percent(interval[1])}" if interval else "-"


def format_rank(row: VendorRanking) -> str:
    """`3`, or `=3` for a statistical tie, or `-` for a vendor with nothing to rank."""
    return "-" if row.rank is None else f"{'=' if row.tied else ''}{row.rank}"


def csv_text(rows: Sequence[Mapping[str, object]], fields: list[str] | None = None) -> str:
    """Rows as CSV with a header line; `fields` picks and orders the columns (default: the first row's)."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=fields or list(rows[0]), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()
