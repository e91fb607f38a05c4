"""A report as a terminal table, Markdown, CSV or JSON: the same figures, written once each."""

from __future__ import annotations

import json

from supportbench.ranking.formatting import (
    csv_text,
    flat_record,
    format_hours,
    format_interval,
    format_percent,
    format_rank,
    format_rank_range,
    format_score,
)
from supportbench.ranking.ranks import VendorRanking
from supportbench.reports.board import METHOD, TITLE, BoardReport

TEXT_FORMATS = ("table", "markdown", "csv", "json")
COLUMNS = ("rank", "could be", "vendor", "grade", "score (95%)", "probes", "response (95%)", "median", "90% by",
           "in deadline", "complete", "etiquette")  # fmt: skip


def cells(row: VendorRanking, own: frozenset[str] = frozenset()) -> list[str]:
    """A vendor's row as every text format and the PDF write it."""
    response = format_percent(row.response_rate)
    if row.response_rate_ci:
        response += f" ({format_interval(row.response_rate_ci)})"
    probes = f"{row.probes}" + (f" ({row.pending} open)" if row.pending else "") + (" *" if row.provisional else "")
    name = row.name + (" (you)" if row.vendor in own else "")
    return [format_rank(row), format_rank_range(row), name, row.grade or "-", format_score(row), probes, response,
            format_hours(row.median_hours), format_hours(row.p90_hours), format_percent(row.within_deadline),
            format_percent(row.completeness), format_percent(row.etiquette)]  # fmt: skip


def notes(report: BoardReport) -> list[str]:
    """What the marks mean, and which vendors are paused."""
    lines = [
        f"'=' marks an equal score; 'could be' gives the ranks a vendor could hold (95%) given how few probes it "
        f"rests on; '*' marks a provisional vendor (fewer than {report.standard.min_probes} decided probes); times "
        "are Kaplan-Meier estimates in which unanswered probes still count as waiting.",
    ]
    names = {row.vendor: row.name for row in report.rows}
    lines += [f"Paused: {names.get(vid, vid)}: {why}; nothing more is sent until targets.yaml gives another address."
              for vid, why in sorted(report.bounced.items())]  # fmt: skip
    return lines


def render(report: BoardReport, output: str) -> str:
    if output == "json":
        return json.dumps(as_json(report), ensure_ascii=False, indent=2)
    if output == "csv":
        records = [{**flat_record(row), "paused_by_bounce": report.bounced.get(row.vendor) or "",
                    "own": row.vendor in report.own} for row in report.rows]  # fmt: skip
        return csv_text(records).rstrip("\n")
    table = [cells(row, report.own) for row in report.rows]
    if output == "markdown":
        lines = [f"# {TITLE}", "", report.subtitle, "", *(f"- {fact}" for fact in report.headline()), ""]
        lines += ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in table]
        return "\n".join([*lines, "", *notes(report), "", f"Method: {METHOD}"])
    widths = [max(len(str(cell)) for cell in column) for column in zip(COLUMNS, *table, strict=True)]

    def line(row: list[str] | tuple[str, ...]) -> str:
        return "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip()

    return "\n".join([report.subtitle, "", line(COLUMNS), *(line(row) for row in table), "", *notes(report)])


def as_json(report: BoardReport) -> dict[str, object]:
    """The report with its metadata: a reader of the file knows what, when and under which standard."""
    return {
        "title": TITLE,
        "standard": report.standard.as_dict(),
        "period": {
            "since": report.since.isoformat() if report.since else None,
            "until": report.until.isoformat() if report.until else None,
            "described": report.period,
        },
        "generated_at": report.generated_at.isoformat(),
        "probes": report.probes,
        "pending": report.pending,
        "headline": report.headline(),
        "method": METHOD,
        "vendors": [
            {**row.as_dict(), "paused_by_bounce": report.bounced.get(row.vendor), "own": row.vendor in report.own}
            for row in report.rows
        ],
        # The judge against the analysts' reviews, per criterion and language: "sample" counts the
        # random sample's reviews only (the fair figure), "all" adds the queue of uncertain verdicts.
        "judge_agreement": [
            {
                "reviews": row.basis,
                "criterion": row.criterion,
                "language": row.language,
                "count": row.result.count,
                "right": row.result.right,
                "share": row.result.share,
                "kappa": row.result.kappa,
            }
            for row in report.agreement
        ],
    }
