"""The board pack: a one-page PDF (and an appendix) of a report, and each chart as a captioned PNG.

Drawn with matplotlib's object API (no global pyplot state) and its bundled DejaVu fonts, so
names in Polish, Russian or Romanian print on any machine. Every figure in it is written by the
same functions as `report`'s table (`text.cells`), so the two agree to the digit.
"""

from __future__ import annotations

import io
from collections.abc import Sequence

from matplotlib.axes import Axes
from matplotlib.backends.backend_pdf import PdfPages
from matplotlib.figure import Figure

from supportbench.config.standards import CRITERION_TITLES
from supportbench.ranking.formatting import format_rank, format_rate
from supportbench.ranking.ranks import VendorRanking
from supportbench.reports.board import METHOD, TITLE, BoardReport
from supportbench.reports.text import COLUMNS, cells, notes

# Okabe-Ito colours, told apart with every common colour-vision deficiency; good is not red.
GRADE_COLOURS = {"A": "#009E73", "B": "#56B4E9", "C": "#F0E442", "D": "#E69F00", "F": "#D55E00"}
LINE_COLOURS = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#000000", "#F0E442")
LINE_STYLES = ("-", "--", "-.", ":")  # with the colour, so overlapping flat lines stay told apart
TIME_TICKS = ((1, "1 h"), (4, "4 h"), (24, "1 day"), (72, "3 days"), (168, "1 week"))
PAGE = (11.69, 8.27)  # A4 landscape, inches
FIRST_PAGE_ROWS = 14
APPENDIX_ROWS = 30
CHART_VENDORS = 15  # bars on the page; the appendix table has everyone
CURVE_VENDORS = 6
CRITERIA_PER_PAGE = 8


def board_pdf(report: BoardReport) -> bytes:
    """The one-page board report, with appendix pages when the table or the criteria need them."""
    out = io.BytesIO()
    with PdfPages(out, metadata={"Title": TITLE, "Subject": report.subtitle, "Creator": "supportbench"}) as pdf:
        pdf.savefig(_first_page(report))
        rows = report.rows[FIRST_PAGE_ROWS:]
        for start in range(0, len(rows), APPENDIX_ROWS):
            page = Figure(figsize=PAGE)
            page.text(0.04, 0.95, f"Appendix: the ranking, continued ({report.standard.label})", fontsize=12)
            _table(page.add_axes((0.04, 0.05, 0.92, 0.86)), rows[start : start + APPENDIX_ROWS], report)
            pdf.savefig(page)
        criteria = list(report.standard.weights)
        for start in range(0, len(criteria), CRITERIA_PER_PAGE):
            pdf.savefig(_criteria_page(report, criteria[start : start + CRITERIA_PER_PAGE]))
    return out.getvalue()


def chart_png(report: BoardReport, chart: str) -> bytes:
    """One chart ("scores" or "curves") as a PNG with the report's caption under its title."""
    figure = Figure(figsize=(9, 5.5), dpi=150)
    figure.text(0.02, 0.96, TITLE, fontsize=12, weight="bold")
    figure.text(0.02, 0.915, report.subtitle, fontsize=8)
    axes = figure.add_axes((0.3 if chart == "scores" else 0.08, 0.1, 0.66 if chart == "scores" else 0.6, 0.74))
    if chart == "scores":
        _scores(axes, report)
    elif chart == "curves":
        _curves(axes, report)
    else:
        raise ValueError(f"no chart {chart!r}: scores or curves")
    out = io.BytesIO()
    figure.savefig(out, format="png")
    return out.getvalue()


def _first_page(report: BoardReport) -> Figure:
    page = Figure(figsize=PAGE)
    page.text(0.04, 0.955, TITLE, fontsize=15, weight="bold")
    page.text(0.04, 0.925, report.subtitle, fontsize=8.5)
    facts = "\n".join(f"• {fact}" for fact in report.headline())
    page.text(0.04, 0.905, facts, fontsize=8.5, va="top", wrap=True)
    _scores(page.add_axes((0.17, 0.47, 0.3, 0.31)), report)
    _curves(page.add_axes((0.56, 0.47, 0.28, 0.31)), report)
    _table(page.add_axes((0.04, 0.1, 0.92, 0.3)), report.rows[:FIRST_PAGE_ROWS], report)
    footer = [*notes(report), f"Method: {METHOD}"]
    page.text(0.04, 0.015, "\n".join(footer), fontsize=6, va="bottom", wrap=True)
    return page


def _scores(axes: Axes, report: BoardReport) -> None:
    """The ranked scores as bars with their 95% intervals, coloured by grade, the own company marked."""
    rows = [row for row in report.rows if row.score is not None][:CHART_VENDORS]
    positions = range(len(rows))
    axes.barh(positions, [row.score or 0 for row in rows], color=[GRADE_COLOURS[row.grade or "F"] for row in rows],
              edgecolor=["black" if row.vendor in report.own else "none" for row in rows], linewidth=1.5)  # fmt: skip
    for position, row in zip(positions, rows, strict=True):
        if row.score_interval:
            low, high = row.score_interval
            axes.plot([low, high], [position, position], color="#333333", linewidth=1)
        axes.text(101, position, f"{row.score:.0f} {row.grade}", va="center", fontsize=7)
    axes.set_yticks(list(positions), [_label(row, report) for row in rows], fontsize=7)
    for tick, row in zip(axes.get_yticklabels(), rows, strict=True):
        if row.vendor in report.own:
            tick.set_fontweight("bold")
    axes.invert_yaxis()
    axes.set_xlim(0, 112)
    axes.set_xlabel("score of 100, with its 95% interval; colour is the grade", fontsize=7)
    axes.set_title(f"Ranking under {report.standard.label}", fontsize=9, loc="left")
    axes.tick_params(axis="x", labelsize=7)
    axes.spines[["top", "right"]].set_visible(False)


def _label(row: VendorRanking, report: BoardReport) -> str:
    name = row.name if len(row.name) <= 28 else row.name[:27] + "…"
    return f"{format_rank(row)}. {name}" + (" (you)" if row.vendor in report.own else "")


def _curves(axes: Axes, report: BoardReport) -> None:
    """Share answered by a person against the wait, on a time axis people read (1 h to 2 weeks)."""
    deadline = report.standard.deadline
    business = deadline is not None and deadline.unit == "business_hours"
    chosen = [row for row in report.rows if row.score is not None][:CURVE_VENDORS]
    chosen += [row for row in report.rows if row.vendor in report.own and row not in chosen]
    for index, row in enumerate(chosen):
        steps = row.business_curve if business else row.curve
        times, shares = _step_points([step.time for step in steps], [step.answered_share for step in steps])
        axes.step(times, [100 * share for share in shares], where="post", linewidth=2.2 if row.vendor in report.own
                  else 1.2, color=LINE_COLOURS[index % len(LINE_COLOURS)],
                  linestyle=LINE_STYLES[index // 2 % len(LINE_STYLES)], label=_label(row, report))  # fmt: skip
    if deadline is not None and deadline.unit != "business_days":
        axes.axvline(deadline.amount, color="black", linewidth=0.8, linestyle=":")
        axes.text(deadline.amount, 101, f"deadline {deadline.describe()}", fontsize=6, ha="center", va="bottom")
    axes.set_xscale("log")
    axes.set_xlim(0.5, 240)
    axes.set_xticks([hours for hours, _ in TIME_TICKS], [label for _, label in TIME_TICKS], fontsize=7)
    axes.minorticks_off()
    axes.set_ylim(0, 100)
    axes.tick_params(axis="y", labelsize=7)
    axes.set_ylabel("% answered by a person", fontsize=7)
    basis = "business hours" if business else "calendar time"
    axes.set_title(f"How fast a person answers ({basis})", fontsize=9, loc="left")
    if deadline is not None and deadline.unit == "business_days":
        axes.set_xlabel(f"deadline {deadline.describe()}: its calendar length depends on each vendor's hours",
                        fontsize=6)  # fmt: skip
    if chosen:
        axes.legend(fontsize=6, loc="center left", bbox_to_anchor=(1.01, 0.5), frameon=False)
    axes.spines[["top", "right"]].set_visible(False)


def _step_points(times: Sequence[float], shares: Sequence[float]) -> tuple[list[float], list[float]]:
    """A Kaplan-Meier curve from the first tick to its last time (a flat 0% line stays visible)."""
    points_t, points_s = [0.5], [0.0]
    for time, share in zip(times, shares, strict=True):
        points_t.append(max(time, 0.5))
        points_s.append(share)
    return points_t, points_s


def _table(axes: Axes, rows: Sequence[VendorRanking], report: BoardReport) -> None:
    axes.axis("off")
    if not rows:
        return
    table = axes.table(cellText=[cells(row, report.own) for row in rows], colLabels=list(COLUMNS), loc="upper left",
                       cellLoc="left", colLoc="left")  # fmt: skip
    table.auto_set_font_size(False)
    table.set_fontsize(6.5)
    table.auto_set_column_width(list(range(len(COLUMNS))))
    for (line, _), cell in table.get_celld().items():
        cell.set_linewidth(0.3)
        if line == 0:
            cell.set_text_props(weight="bold")
        elif rows[line - 1].vendor in report.own:
            cell.set_facecolor("#E8F1FA")


def _criteria_page(report: BoardReport, criteria: list[str]) -> Figure:
    """Appendix: criteria of the standard by name, their weight and every vendor's pass rate with counts."""
    page = Figure(figsize=PAGE)
    page.text(0.04, 0.95, f"Appendix: what each vendor passed under {report.standard.label}", fontsize=12)
    page.text(0.04, 0.92, report.standard.description, fontsize=7.5, wrap=True)
    axes = page.add_axes((0.04, 0.05, 0.92, 0.84))
    axes.axis("off")
    rows = report.rows[:APPENDIX_ROWS]
    if not rows or not criteria:
        return page
    header = ["vendor", *(f"{CRITERION_TITLES.get(name, name)} (×{report.standard.weights[name]:g})"
                          for name in criteria)]  # fmt: skip
    body = [[row.name, *(format_rate(row.criteria.get(name), row.counts.get(name)) for name in criteria)]
            for row in rows]  # fmt: skip
    table = axes.table(cellText=body, colLabels=header, loc="upper left", cellLoc="left", colLoc="left")
    table.auto_set_font_size(False)
    table.set_fontsize(5.5)
    table.auto_set_column_width(list(range(len(header))))
    for _, cell in table.get_celld().items():
        cell.set_linewidth(0.3)
    return page
