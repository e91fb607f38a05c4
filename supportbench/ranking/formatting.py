"""How ranking figures are written, once, for `report`, the dashboard and their exports alike (pure).

The figures arrive rounded (`ranks` rounds them once); these functions only put them in words,
so the dashboard, `report` and the PDF can never disagree on a digit.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence

from supportbench.ranking.ranks import VendorRanking


def format_percent(value: float | None) -> str:
    return "-" if value is None else f"{100 * value:.0f}%"


def format_rate(value: float | None, counted: tuple[int, int] | None) -> str:
    """ "80% of 5": a rate with how many it is a share of (so 100% of 1 never reads like 100% of 19)."""
    if value is None or counted is None:
        return format_percent(value)
    return f"{format_percent(value)} of {counted[1]}"


def format_hours(value: float | None) -> str:
    """ "45 min", "5 h 30 min", "3 d 4 h": hours and minutes as people read a wait."""
    if value is None:
        return "not reached"
    minutes = round(value * 60)
    if minutes < 60:
        return f"{minutes} min"
    if minutes < 48 * 60:
        hours, rest = divmod(minutes, 60)
        return f"{hours} h {rest:02d} min" if rest else f"{hours} h"
    days, rest = divmod(round(minutes / 60), 24)
    return f"{days} d {rest} h" if rest else f"{days} d"


def format_interval(interval: tuple[float, float] | None) -> str:
    return f"{format_percent(interval[0])}-{format_percent(interval[1])}" if interval else "-"


def format_score(row: VendorRanking) -> str:
    """ "72 (61-83)": the score and its 95% interval; "-" with nothing to score."""
    if row.score is None:
        return "-"
    low_high = f" ({row.score_interval[0]:.0f}-{row.score_interval[1]:.0f})" if row.score_interval else ""
    return f"{row.score:.0f}{low_high}"


def format_rank(row: VendorRanking) -> str:
    """`3`, or `=3` shared with an equal score, or `-` for a vendor with nothing to rank."""
    return "-" if row.rank is None else f"{'=' if row.tied else ''}{row.rank}"


def format_rank_with_range(row: VendorRanking) -> str:
    """ "=1 (1-3)": the rank, and the ranks it could hold when they are more than its own."""
    could = format_rank_range(row)
    return format_rank(row) + (f" ({could})" if could else "")


def format_rank_range(row: VendorRanking) -> str:
    """ "1-4": the ranks the vendor could hold; "" when it could hold only its own."""
    if row.rank_range is None or row.rank_range[0] == row.rank_range[1]:
        return ""
    return f"{row.rank_range[0]}-{row.rank_range[1]}"


def and_list(names: Sequence[str]) -> str:
    """ "A", "A and B", "A, B and C"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}" if names else ""


def csv_text(rows: Sequence[Mapping[str, object]], fields: list[str] | None = None) -> str:
    """Rows as CSV with a header line; `fields` picks and orders the columns (default: the first row's)."""
    buffer = io.StringIO()
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=fields or list(rows[0]), extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    return buffer.getvalue()


def flat_record(row: VendorRanking) -> dict[str, object]:
    """One value per column, for CSV: intervals and ranges in two columns, counts beside rates,
    each criterion's pass rate in a column of its own (code names: exports are for machines)."""
    record: dict[str, object] = {
        key: value for key, value in row.as_dict().items()
        if key not in ("response_rate_ci", "score_interval", "rank_range", "counts", "criteria")
    }  # fmt: skip
    pairs = {"response_rate": row.response_rate_ci, "score": row.score_interval, "rank": row.rank_range}
    for name, pair in pairs.items():
        low, high = ("best", "worst") if name == "rank" else ("low", "high")
        record[f"{name}_{low}"], record[f"{name}_{high}"] = pair if pair else (None, None)
    for name, (passed, judged) in row.counts.items():
        record[f"{name}_passed"], record[f"{name}_judged"] = passed, judged
    for name, rate in row.criteria.items():
        record[f"criterion_{name}"] = rate
    return record
