"""`supportbench report`: the ranking under one standard, as a table, Markdown, CSV or JSON."""

from __future__ import annotations

import json
from datetime import datetime

from supportbench.config.standards import Standard
from supportbench.errors import SupportbenchError
from supportbench.ranking.formatting import csv_text, format_hours, format_interval, format_percent, format_rank
from supportbench.ranking.ranks import VendorRanking, rank_outcomes
from supportbench.store.catalog import read_catalog
from supportbench.store.database import Store

FORMATS = ("table", "markdown", "csv", "json")
COLUMNS = ("rank", "vendor", "grade", "score", "probes", "response", "median", "p90", "deadline", "complete",
           "etiquette")  # fmt: skip


def choose_standard(store: Store, name: str) -> Standard:
    """A standard as the store's last evaluation knew it (the config's built-in and custom ones)."""
    standards = read_catalog(store).standards
    if not standards:
        raise SupportbenchError(f"{store.path}: nothing evaluated yet (run `supportbench fetch` or `rescore`)")
    if name not in standards:
        raise SupportbenchError(f"no standard named {name!r}: choose one of {', '.join(standards)}")
    return standards[name]


def load_ranking(store: Store, standard: Standard, since: datetime | None) -> list[VendorRanking]:
    """Every vendor of the last evaluation's config (and any other with evaluated probes), ranked."""
    names = {vendor_id: vendor["name"] for vendor_id, vendor in read_catalog(store).vendors.items()}
    outcomes = store.outcomes(standard.name, since, with_criteria=True)
    return rank_outcomes(outcomes, names, standard, every_named=True)


def _cells(row: VendorRanking) -> list[str]:
    interval = row.response_rate_ci
    response = format_percent(row.response_rate) + (f" ({format_interval(interval)})" if interval else "")
    rank_cell = format_rank(row)
    score = "-" if row.score is None else f"{row.score:.0f}" + (f" ±{row.score_margin:.0f}" if row.score_margin else "")
    probes = f"{row.probes}" + (f" ({row.pending} pending)" if row.pending else "") + (" *" if row.provisional else "")
    return [rank_cell, row.name, row.grade or "-", score, probes, response, format_hours(row.median_hours),
            format_hours(row.p90_hours), format_percent(row.within_deadline), format_percent(row.completeness),
            format_percent(row.etiquette)]  # fmt: skip


def render(rows: list[VendorRanking], output: str, standard: Standard, bounced: dict[str, str] | None = None) -> str:
    """The ranking as `output`; vendors paused by a bounce (`bounced`: id -> why) are flagged."""
    bounced = bounced or {}
    if output == "json":
        records = [{**row.as_dict(), "paused_by_bounce": bounced.get(row.vendor)} for row in rows]
        return json.dumps(records, ensure_ascii=False, indent=2)
    if output == "csv":
        records = [{**row.as_dict(), "paused_by_bounce": bounced.get(row.vendor) or ""} for row in rows]
        fields = [key for key in records[0] if key != "criteria"] if records else []
        return csv_text(records, fields).rstrip("\n")
    table = [_cells(row) for row in rows]
    deadline = standard.deadline.describe() if standard.deadline else "none"
    note = (
        f"standard {standard.name} (deadline {deadline}); '=' marks a statistical tie, '*' a provisional vendor "
        f"(fewer than {standard.min_probes} decided probes); times are Kaplan-Meier estimates with unanswered "
        "probes censored"
    )
    names = {row.vendor: row.name for row in rows}
    note += "".join(f"\npaused: {names.get(vid, vid)}: {why}; nothing more is sent until targets.yaml gives "
                    "another address" for vid, why in sorted(bounced.items()))  # fmt: skip
    if output == "markdown":
        lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |" for cells in table]
        return "\n".join([*lines, "", note])
    widths = [max(len(str(c)) for c in column) for column in zip(COLUMNS, *table, strict=True)]

    def line(cells: list[str] | tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()

    return "\n".join([line(COLUMNS), *(line(cells) for cells in table), "", note])
