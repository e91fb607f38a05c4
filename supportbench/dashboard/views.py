"""The dashboard's pages: leaderboard, standards, reply-time curves, vendor evidence, methodology.

Each page takes what `app` prepared (the view for the chosen standard and filters, the catalog)
and lays it out. Mail is hostile input: its text goes through `inert_markdown` or into tables,
never rendered as HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import streamlit as st

from supportbench.config.standards import CRITERIA, CRITERION_TITLES, Standard
from supportbench.dashboard.data import (
    Filters,
    View,
    agreement_rows,
    filtered,
    inert_markdown,
    leaderboard,
    load_agreement,
    load_criteria,
    load_vendor,
    outcome_rows_for_export,
)
from supportbench.judging.records import ProbeFacts
from supportbench.judging.review import describe
from supportbench.judging.scoring import evidence
from supportbench.ranking.formatting import (
    and_list,
    csv_text,
    flat_record,
    format_hours,
    format_percent,
    format_rank,
    format_rank_with_range,
    format_rate,
    format_score,
)
from supportbench.ranking.ranks import VendorRanking
from supportbench.ranking.statistics import answered_band
from supportbench.reports.board import BoardReport
from supportbench.reports.pdf import GRADE_COLOURS, LINE_COLOURS, TIME_TICKS, board_pdf, chart_png
from supportbench.store.catalog import Catalog
from supportbench.store.database import OutcomeRow
from supportbench.timing.hours import build_weekly_hours

METHODOLOGY = Path(__file__).with_name("methodology.md")
# Okabe-Ito, with a shape each: an on-time reply and a late one never look alike.
OUTCOME_COLOURS = {"human reply": "#009E73", "human reply, late": "#E69F00", "auto-reply only": "#56B4E9",
                   "no reply": "#D55E00", "bounced": "#000000", "waiting": "#999999"}  # fmt: skip
CHARTED = 40  # bars in the leaderboard's chart: more cannot be read (the table has every vendor)
FIRST_TICK = 0.5  # hours: where the logarithmic time axis starts
NAVIGATE_TO = "navigate_to"  # session key: a vendor page asked for, opened at the top of the next run


def initial(key: str, options: list[str], wanted: str | None) -> dict[str, Any]:
    """The widget's starting index from the URL, unless the session already holds its value."""
    if key in st.session_state:
        return {}
    return {"index": options.index(wanted) if wanted in options else 0}


def _median(row: VendorRanking, basis: str) -> float | None:
    return row.median_business_hours if basis == "business" else row.median_hours


def _p90(row: VendorRanking, basis: str) -> float | None:
    return row.p90_business_hours if basis == "business" else row.p90_hours


def open_vendor(vendor_id: str) -> None:
    """Ask for the vendor page; applied at the top of the next run, before any widget exists."""
    st.session_state[NAVIGATE_TO] = vendor_id


def leaderboard_page(
    ranking: list[VendorRanking],
    previous: list[VendorRanking] | None,
    catalog: Catalog,
    standard: Standard,
    basis: str,
    board: BoardReport,
    probes: Callable[[], View],
) -> None:
    """Who wins and by how much: the facts in words, the ranked scores with their intervals, the table.
    `probes` reads the view's probes, which only the exports need (the PDF draws the curves)."""
    ranked = [row for row in ranking if row.rank is not None]
    st.caption(board.subtitle)
    st.markdown("\n".join(f"- {inert_markdown(fact)}" for fact in board.headline()))
    cards = st.columns(3 if board.own else 2)
    last = ranked[-1].rank if ranked else None
    picks = [("Best", _names_at(ranked, 1), ranked[0] if ranked else None),
             ("Last", _names_at(ranked, last), ranked[-1] if ranked else None)]  # fmt: skip
    picks += [("Your company", f"{row.name}, rank {format_rank_with_range(row)} of {len(ranked)}", row)
              for row in ranking if row.vendor in board.own]  # fmt: skip
    for column, (label, who, row) in zip(cards, picks, strict=False):
        with column.container(border=True):
            st.markdown(f"**{label}**: {inert_markdown(who)}  \n{inert_markdown(_grade_line(row) or '')}")
    charted = chart_rows(ranking, board.own)
    st.altair_chart(score_chart(charted, board.own), width="stretch")
    if len(charted) < len(ranked):
        st.caption(f"The chart shows the {CHARTED} best-ranked of {len(ranked)} vendors (and yours); the table "
                   "below has everyone.")  # fmt: skip
    earlier = {row.vendor: row.score for row in previous} if previous is not None else {}
    median = "Median (business)" if basis == "business" else "Median"
    table = [
        {
            "Rank": format_rank_with_range(r),
            "Vendor": r.name + (" (you)" if r.vendor in board.own else ""),
            # The interval is drawn in the chart above: the table keeps to what fits beside the sidebar.
            "Score": f"{r.grade} · {r.score:.0f}" if r.grade else "-",
            **({"Change": _change(r.score, earlier.get(r.vendor))} if previous is not None else {}),
            "Replied": format_rate(r.response_rate, r.counts.get("replied")),
            median: format_hours(_median(r, basis)),
            "On time": format_rate(r.within_deadline, r.counts.get("within_deadline")),
            "Answered": format_percent(r.completeness),
            "Etiquette": format_percent(r.etiquette),
            "Probes": f"{r.probes}" + (" *" if r.provisional else ""),
            "id": r.vendor,
        }
        for r in ranking
    ]
    names = [str(row["Vendor"]) for row in table]
    text = st.column_config.TextColumn
    hours = "business" if basis == "business" else "calendar"
    deadline = board.standard.deadline.describe() if board.standard.deadline else "none set"
    selection = st.dataframe(
        table,
        height=35 * (len(table) + 1) + 3 if len(table) <= 25 else "auto",  # every row at once, up to 25
        hide_index=True,
        width="stretch",
        column_order=[key for key in table[0] if key != "id"] if table else None,
        column_config={
            "Rank": text(
                help="The rank ('=' shared by an equal score) and, in brackets, the ranks it could hold (95%)"
            ),
            "Vendor": text(width=vendor_column_width(names), pinned=True),
            "Score": text(help="Grade and score of 100 (its 95% interval is drawn in the chart above)"),
            "Change": text(help="Score against the period of the same length just before"),
            "Replied": text(help="Probes answered by a person, of those decided"),
            median: text(help=f"Median time to a person's reply, in {hours} hours (Kaplan-Meier)"),
            "On time": text(help=f"Replied within the deadline ({deadline})"),
            "Answered": text(help="Share of the probes' questions the first reply answered"),
            "Etiquette": text(
                help="Share of the courtesy checks passed, of those that applied (the vendor page lists each)"
            ),
            "Probes": text(
                help="Sent; those not yet decided are left out of 'Replied'; '*' provisional: too few decided"
            ),
        },
        on_select="rerun",
        selection_mode="single-row",
        key="leaderboard_table",
    )
    st.caption(
        "'=' marks an equal score; in brackets, the ranks a vendor could hold (95%) when every score is drawn again "
        "from its own uncertainty: few probes mean a wide range. '*' provisional: fewer than "
        f"{standard.min_probes} decided probes. Reply times are Kaplan-Meier estimates in which unanswered probes "
        "count as still waiting; 'not reached' means fewer than half ever got a person's reply. Select a row to "
        "open the vendor's evidence. [How each figure is measured](?page=methodology)"
        + ("" if previous is not None else " Choose a period in the sidebar to compare it with the one before.")
    )
    chosen = selection.selection.rows if selection is not None else []
    if chosen:
        open_vendor(str(table[chosen[0]]["id"]))
        st.rerun()
    exports = st.columns(4)
    exports[0].download_button("Board report (PDF)", lambda: board_pdf(replace(board, rows=probes().ranking)),
                               file_name=f"supportbench-{standard.name}.pdf", mime="application/pdf")  # fmt: skip
    exports[1].download_button("Score chart (PNG)", lambda: chart_png(board, "scores"),
                               file_name=f"supportbench-scores-{standard.name}.png", mime="image/png")  # fmt: skip
    # Every export is made when its button is clicked: the per-probe CSV of 100,000 probes took half a second
    # of each page run when it was made up front.
    exports[2].download_button("Ranking (CSV)", lambda: csv_text([flat_record(row) for row in ranking]),
                               file_name=f"supportbench-ranking-{standard.name}.csv", mime="text/csv")  # fmt: skip
    exports[3].download_button(
        "Per-probe data (CSV)", lambda: csv_text(outcome_rows_for_export(probes().rows, catalog)),
        file_name=f"supportbench-probes-{standard.name}.csv", mime="text/csv",
    )  # fmt: skip


def vendor_column_width(names: list[str]) -> int:
    """Pixels for the Vendor column: the longest name at the table's 14 px (about 7 px a letter, a
    capital counting half again), with padding; capped so that the other columns keep their room."""
    longest = max((len(name) + sum(map(str.isupper, name)) / 2 for name in names), default=10)
    return min(round(7 * longest) + 28, 360)


def _names_at(ranked: list[VendorRanking], position: int | None) -> str:
    """ "Brightdesk (tied with Harbor Outdoor)": everyone at a rank, named."""
    at = [row.name for row in ranked if row.rank == position]
    if not at:
        return "-"
    return at[0] + (f" (tied with {and_list(at[1:])})" if len(at) > 1 else "")


def _grade_line(row: VendorRanking | None) -> str | None:
    return f"score {format_score(row)}, grade {row.grade}" if row is not None and row.score is not None else None


def _change(now: float | None, before: float | None) -> str:
    if now is None:
        return "-"
    if before is None:
        return "new"
    return f"{now - before:+.0f}" if now != before else "same"


def chart_rows(ranking: list[VendorRanking], own: frozenset[str]) -> list[VendorRanking]:
    """The vendors a bar chart can show legibly: the best-ranked, and the own company wherever it ranks."""
    scored = [row for row in ranking if row.score is not None]
    return [row for position, row in enumerate(scored) if position < CHARTED or row.vendor in own]


def score_chart(ranking: list[VendorRanking], own: frozenset[str]) -> alt.LayerChart:
    """The ranked scores as bars with their 95% intervals, coloured by grade (Okabe-Ito: good is not red)."""
    data = pd.DataFrame(
        [
            {
                "vendor": f"{format_rank(r)}. {r.name}" + (" (you)" if r.vendor in own else ""),
                "score": r.score,
                "low": r.score_interval[0] if r.score_interval else r.score,
                "high": r.score_interval[1] if r.score_interval else r.score,
                "grade": r.grade,
                "own": r.vendor in own,
                "shown": format_score(r),
            }
            for r in ranking
            if r.score is not None
        ]
    )
    order = list(data["vendor"]) if len(data) else []
    y = alt.Y("vendor:N", sort=order, title=None, axis=alt.Axis(labelLimit=320, labelOverlap=False))
    bars = alt.Chart(data).mark_bar().encode(
        x=alt.X("score:Q", scale=alt.Scale(domain=[0, 100]), title="score of 100, with its 95% interval"), y=y,
        color=alt.Color("grade:N", scale=alt.Scale(domain=list(GRADE_COLOURS), range=list(GRADE_COLOURS.values())),
                        legend=alt.Legend(title="grade", orient="right")),
        stroke=alt.condition("datum.own", alt.value("black"), alt.value(None)),
        strokeWidth=alt.condition("datum.own", alt.value(2), alt.value(0)),
        tooltip=[alt.Tooltip("vendor:N"), alt.Tooltip("shown:N", title="score (95%)"), alt.Tooltip("grade:N")],
    )  # fmt: skip
    whiskers = alt.Chart(data).mark_rule(color="#333333").encode(x="low:Q", x2="high:Q", y=y)
    layered: alt.LayerChart = (bars + whiskers).properties(height=max(160, 24 * len(order)))
    return layered


def standards_page(path: str, rows: list[OutcomeRow], catalog: Catalog, standard: Standard) -> None:
    st.subheader(f"Who fails what, under {standard.label}")
    st.write(standard.description)
    st.caption(f"Source: {standard.source}")
    ranking = leaderboard(rows, catalog, standard, load_criteria(path, standard.name))
    cells = [
        {"vendor": r.name, "id": r.vendor, "criterion": CRITERION_TITLES.get(criterion, criterion),
         "pass rate": rate, "shown": format_rate(rate, r.counts.get(criterion)),
         "weight": standard.weights.get(criterion, 0), "meaning": CRITERIA.get(criterion, "")}
        for r in ranking
        for criterion, rate in r.criteria.items()
        if rate is not None
    ]  # fmt: skip
    if not cells:
        st.info("No criterion of this standard has been judged yet for these probes.")
        return
    order = [r.name for r in ranking]
    heatmap = (
        alt.Chart(pd.DataFrame(cells))
        .mark_rect()
        .encode(
            x=alt.X(
                "criterion:N",
                sort=[CRITERION_TITLES.get(name, name) for name in standard.weights],
                title=None,
                axis=alt.Axis(labelAngle=-40, labelOverlap=False),
            ),
            y=alt.Y("vendor:N", sort=order, title=None, axis=alt.Axis(labelOverlap=False)),
            color=alt.Color(
                # Blues: light for few passes, dark for many; read alike with every kind of colour vision.
                "pass rate:Q",
                scale=alt.Scale(domain=[0, 1], scheme="blues"),
                legend=alt.Legend(format="%"),
            ),
            tooltip=["vendor:N", "criterion:N", alt.Tooltip("shown:N", title="passed"), "weight:Q", "meaning:N"],
        )
        .properties(height=max(200, 30 * len(order)))
    )
    text = heatmap.mark_text(fontSize=11).encode(
        text=alt.Text("pass rate:Q", format=".0%"),
        color=alt.condition("datum['pass rate'] > 0.6", alt.value("white"), alt.value("black")),  # legible on dark
    )
    pick = alt.selection_point(fields=["id"], name="pick")
    event = st.altair_chart((heatmap + text).add_params(pick), width="stretch", on_select="rerun", key="heatmap")
    _follow_click(event)
    st.caption("Each cell: the share of the vendor's probes that passed the criterion (hover for the count). A blank "
               "cell: the criterion never applied to that vendor's probes (no apology was due, no auto-reply came, no "
               "reply to judge). Click a cell to open that vendor's evidence. "
               "[How each criterion is judged](?page=methodology)")  # fmt: skip
    st.dataframe(
        [{"criterion": CRITERION_TITLES.get(name, name), "weight": weight, "meaning": CRITERIA.get(name, "")}
         for name, weight in standard.weights.items()],
        hide_index=True, width="stretch",
    )  # fmt: skip


def _follow_click(event: Any) -> None:
    """A click on a chart's mark (selection "pick" on the vendor id) opens that vendor's page."""
    clicked = event.selection.get("pick") if event else None
    if clicked and clicked[0].get("id"):
        open_vendor(str(clicked[0]["id"]))
        st.rerun()


def _deadline_rules(
    standard: Standard, basis: str, vendors: list[VendorRanking], catalog: Catalog
) -> tuple[list[dict[str, Any]], str]:
    """Where the standard's deadline falls on the time axis, and a sentence saying how it was drawn."""
    deadline = standard.deadline
    if deadline is None:
        return [], "This standard sets no deadline."
    if (deadline.unit, basis) in (("hours", "calendar"), ("business_hours", "business")):
        return [
            {"hours": deadline.amount, "vendor": "deadline"}
        ], f"The dashed line: the deadline, {deadline.describe()}."
    if deadline.unit == "business_days" and basis == "business":
        rules = []
        for row in vendors:
            vendor = catalog.vendors.get(row.vendor)
            week = build_weekly_hours(vendor["hours"] if vendor else {"mon-sun": "00:00-24:00"})
            open_days = sum(1 for day in week.days if day)
            rules.append({"hours": deadline.amount * week.weekly_minutes / open_days / 60, "vendor": row.name})
        return rules, (f"Dashed lines: {deadline.describe()} drawn as that many of each vendor's open days, in hours "
                       "(the deadline itself is the close of business of the next business day).")  # fmt: skip
    other = "the vendor's business hours" if basis == "calendar" else "calendar hours"
    return [], f"The deadline ({deadline.describe()}) is drawn when reply times are shown in {other}."


def curves_page(view: View, catalog: Catalog, standard: Standard, basis: str, board: BoardReport) -> None:
    ranking = [r for r in view.ranking if r.probes]
    names = [r.name for r in ranking]
    contrast = list(dict.fromkeys(names[:3] + names[-2:]))  # the best three and the worst two, to compare
    picked = st.multiselect("Vendors", names, default=contrast, key="curve_vendors")
    points: list[dict[str, Any]] = []
    for row in ranking:
        if row.name not in picked:
            continue
        curve = row.business_curve if basis == "business" else row.curve
        bands = answered_band(curve)
        # From the first tick (the axis is logarithmic), at 0% until the first reply.
        points.append({"vendor": row.name, "hours": FIRST_TICK, "answered": 0.0, "low": 0.0, "high": 0.0,
                       "censored": 0, "id": row.vendor})  # fmt: skip
        for step, (low, high) in zip(curve, bands, strict=True):
            points.append({"vendor": row.name, "hours": max(step.time, FIRST_TICK), "answered": step.answered_share,
                           "low": low, "high": high, "censored": step.censored, "id": row.vendor})  # fmt: skip
    if not points:
        st.info("Pick at least one vendor.")
        return
    unit = "business hours" if basis == "business" else "hours"
    last = max(point["hours"] for point in points)
    ticks = [hours for hours, _ in TIME_TICKS if hours <= max(last, 168)]
    labels = " : ".join(f"datum.value == {hours} ? '{label}'" for hours, label in TIME_TICKS) + " : ''"
    x = alt.X("hours:Q", title=f"{unit} since the probe was sent",
              scale=alt.Scale(type="log", domain=[FIRST_TICK, max(last, 168)]),
              axis=alt.Axis(values=ticks, labelExpr=labels, grid=True))  # fmt: skip
    shown = [name for name in names if name in picked]
    colour = alt.Color("vendor:N", title=None, sort=shown,
                       scale=alt.Scale(domain=shown, range=list(LINE_COLOURS)))  # fmt: skip
    # Colour and dash together: two flat 0% lines on top of each other still show both dashes.
    dash = alt.StrokeDash("vendor:N", sort=shown, legend=None,
                          scale=alt.Scale(domain=shown, range=[[1, 0], [6, 3], [2, 2], [8, 3, 2, 3]]))  # fmt: skip
    base = alt.Chart(pd.DataFrame(points)).encode(x=x, color=colour)
    bands_layer = base.mark_area(interpolate="step-after", opacity=0.12).encode(
        y=alt.Y("low:Q", scale=alt.Scale(domain=[0, 1])), y2="high:Q"
    )
    lines = base.mark_line(interpolate="step-after", strokeWidth=2).encode(
        y=alt.Y("answered:Q", title="share of probes answered by a person", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1])),
        strokeDash=dash,
    )  # fmt: skip
    censored = (
        base.transform_filter("datum.censored > 0")
        .mark_point(shape="cross", size=60, filled=True)
        .encode(y="answered:Q", tooltip=["vendor:N", alt.Tooltip("hours:Q", format=".1f"), "censored:Q"])
    )
    chart = bands_layer + lines + censored
    rules, drawn = _deadline_rules(standard, basis, [r for r in ranking if r.name in picked], catalog)
    if rules:
        rule = alt.Chart(pd.DataFrame(rules)).mark_rule(strokeDash=[6, 4], color="black").encode(x="hours:Q")
        chart = chart + rule
    pick = alt.selection_point(fields=["id"], name="pick")
    event = st.altair_chart(
        chart.add_params(pick).properties(height=420), width="stretch", on_select="rerun", key="curves_chart"
    )
    _follow_click(event)
    st.caption(
        "Kaplan-Meier estimate: the curve rises when a person replies; the shaded band is its 95% interval; a cross "
        "marks probes still unanswered when last seen (censored), which count as waiting, never as answered. "
        f"{drawn} Click a curve, or a button below, to open the vendor's evidence. "
        "[How reply times are measured](?page=methodology)"
    )
    st.download_button("The board's reply-time chart (PNG)", lambda: chart_png(board, "curves"),
                       file_name=f"supportbench-curves-{standard.name}.png", mime="image/png")  # fmt: skip
    for row in ranking:
        if row.name in picked:
            st.button(f"Evidence for {row.name}", key=f"open-{row.vendor}", on_click=open_vendor, args=(row.vendor,))


def vendor_page(
    path: str, ranking: list[VendorRanking], catalog: Catalog, standard: Standard, basis: str, filters: Filters
) -> None:
    """One vendor's figures as the leaderboard gives them, and the evidence of each probe in view."""
    present = sorted((row.vendor for row in ranking), key=catalog.vendor_name)
    if st.session_state.get("vendor") not in present:
        st.session_state.pop("vendor", None)
    vendor_id = st.selectbox(
        "Vendor", present, format_func=catalog.vendor_name, key="vendor",
        **initial("vendor", present, st.query_params.get("vendor")),
    )  # fmt: skip
    st.query_params["vendor"] = vendor_id
    info = catalog.vendors.get(vendor_id)
    summary = next(row for row in ranking if row.vendor == vendor_id)
    columns = st.columns(6)
    columns[0].metric("Score (95%)", format_score(summary), f"grade {summary.grade}" if summary.grade else None,
                      delta_color="off", delta_arrow="off")  # fmt: skip
    columns[1].metric("Replied", format_rate(summary.response_rate, summary.counts.get("replied")))
    columns[2].metric("Median reply", format_hours(_median(summary, basis)))
    columns[3].metric("Within deadline", format_rate(summary.within_deadline, summary.counts.get("within_deadline")))
    columns[4].metric("Etiquette", format_rate(summary.etiquette, summary.counts.get("etiquette")))
    columns[5].metric("Probes", summary.probes)
    if info:
        hours = ", ".join(f"{days} {span}" for days, span in info["hours"].items())
        st.caption(f"{info['language']} \u00b7 {info['country']} \u00b7 {info['timezone']} \u00b7 stated hours {hours}")
    else:
        st.caption("No longer in targets.yaml: its results are kept.")
    found = load_vendor(path, vendor_id, standard.name)
    kept = {row["outbox_id"] for row in filtered([p["result"] for p in found if p["result"]], catalog, filters)}
    probes = [p for p in found if p["facts"]["outbox_id"] in kept]
    timeline = [
        {"sent": p["facts"]["sent_at"], "probe": p["facts"]["probe_id"], "outcome": _outcome(p["facts"], p["result"])}
        for p in probes
    ]
    st.altair_chart(
        alt.Chart(pd.DataFrame(timeline)).mark_point(size=140, filled=True).encode(
            x=alt.X("sent:T", title="sent"), y=alt.Y("probe:N", title=None),
            color=alt.Color("outcome:N", scale=alt.Scale(domain=list(OUTCOME_COLOURS),
                                                         range=list(OUTCOME_COLOURS.values()))),
            shape=alt.Shape("outcome:N", scale=alt.Scale(domain=list(OUTCOME_COLOURS),
                                                         range=["circle", "triangle-up", "square", "cross",
                                                                "diamond", "circle"])),
            tooltip=["sent:T", "probe:N", "outcome:N"],
        ).properties(height=140),
        width="stretch",
    )  # fmt: skip
    for probe in probes:
        _probe_evidence(probe["facts"], probe["result"], catalog, basis)


def _outcome(facts: ProbeFacts, result: OutcomeRow | None) -> str:
    if facts["human"]:
        late = result is not None and result["within_deadline"] is False
        return "human reply, late" if late else "human reply"
    if facts["bounce"]:
        return "bounced"
    if result is not None and not result["decided"]:
        return "waiting"
    return "auto-reply only" if facts["ack"] else "no reply"


def _probe_evidence(facts: ProbeFacts, result: OutcomeRow | None, catalog: Catalog, basis: str) -> None:
    human = facts["human"]
    title = f"{facts['sent_at'][:16].replace('T', ' ')} UTC \u00b7 {facts['probe_id']} \u00b7 {_outcome(facts, result)}"
    if human:
        title += f" after {format_hours(human['business_hours'] if basis == 'business' else human['hours'])}"
    with st.expander(title):
        probe = catalog.probes.get(facts["probe_id"])
        questions = probe["questions"] if probe else []
        asked = "; ".join(q["asks"] or q["id"] for q in questions)
        st.text(f"What was asked: {asked or facts['probe_id']}")
        times = [
            {"event": label, "at (UTC)": value["at"][:19].replace("T", " "), "after": format_hours(value["hours"]),
             "in business hours": format_hours(value["business_hours"])}
            for label, value in (("acknowledgement", facts["ack"]), ("first human reply", human))
            if value
        ]  # fmt: skip
        if times:
            st.dataframe(times, hide_index=True, width="stretch")
        if facts["bounce"]:
            reason = facts["bounce"].get("reason") or "the bounce gave no reason (its raw message is in the store)"
            kind = "for good" if facts["bounce"]["permanent"] else "for now"
            st.markdown(inert_markdown(f"Bounced {kind}: {reason}"))
        messages = [
            {"arrived (UTC)": m["arrived_at"][:19].replace("T", " "), "kind": m["kind"], "landed in": m["folder"],
             "from": m["from"], "subject": m["subject"]}
            for m in facts["messages"]
        ]  # fmt: skip
        st.dataframe(messages or [{"messages": "none came back"}], hide_index=True, width="stretch")
        for automatic in (m for m in facts["messages"] if m["kind"] == "auto_reply"):
            # The whole auto-reply: a "promise broken" verdict can be checked against what it promised.
            st.markdown(f"**The automatic reply** of {automatic['arrived_at'][:16].replace('T', ' ')} UTC")
            st.markdown(inert_markdown(automatic.get("text", "")))
        first_human = next((m for m in facts["messages"] if m["kind"] == "human"), None)
        if first_human:
            words = [w for q in facts["questions_first"] if q["answered"] for w in q["evidence"]]
            st.markdown("**The reply's new text** (quoted history and signature removed; evidence highlighted)")
            if (language := facts["language"]) != "en":
                st.caption(f"Shown as written ({language}): supportbench ships no offline translator, and the "
                           "verdicts were judged in this language, not in a translation.")  # fmt: skip
            st.markdown(inert_markdown(first_human.get("text", ""), words))
            if first_human.get("signature"):
                st.markdown("**Signature**")
                st.markdown(inert_markdown(first_human["signature"]))
        if facts["questions_first"]:
            st.dataframe(
                [{"question": q["id"], "answered": q["answered"], "evidence": ", ".join(q["evidence"]),
                  "in the sentence": q.get("sentence", ""), "reviewed by": q.get("reviewed_by", "")}
                 for q in facts["questions_first"]],
                hide_index=True, width="stretch",
            )  # fmt: skip
        if result and (criteria := result.get("criteria")):
            mark = {True: "pass", False: "FAIL", None: "n/a"}
            checklist = [
                {"criterion": CRITERION_TITLES.get(name, name), "verdict": mark[c["passed"]],
                 "evidence": evidence(facts, criteria, name)}
                for name, c in criteria.items()
            ]  # fmt: skip
            st.dataframe(checklist, hide_index=True, width="stretch")
        if reviews := facts.get("reviews"):
            st.markdown("**Reviewed by analysts** (their word stands over the judge's)")
            st.markdown(inert_markdown("\n".join(f"- {describe(review)}" for review in reviews)))


def methodology_page(path: str, catalog: Catalog) -> None:
    st.markdown(METHODOLOGY.read_text(encoding="utf-8"))
    _agreement_section(path)
    st.subheader("The standards in this store")
    for standard in catalog.standards.values():
        deadline = standard.deadline.describe() if standard.deadline else "none"
        weights = standard.weights.items()
        criteria = ", ".join(f"{CRITERION_TITLES.get(name, name)} ×{weight:g}" for name, weight in weights)
        # Written as text, not a table: long descriptions wrap instead of running off a narrow screen.
        st.markdown(f"**{standard.label}** (deadline {deadline}). {standard.description}  \n"
                    f"Criteria and weights: {criteria}.  \nSource: {standard.source or 'the analyst'}.")  # fmt: skip


def _agreement_section(path: str) -> None:
    st.subheader("How often the judge agrees with the analysts")
    found = load_agreement(path)
    if not found:
        st.markdown("No verdict has been reviewed in this store yet. Analysts review with `supportbench review "
                    "serve`; each review then counts here, per criterion and language.")  # fmt: skip
        return
    sampled = sum(row.result.count for row in found if row.basis == "sample" and row.criterion == "kind"
                  and row.language == "all")  # fmt: skip
    st.markdown(
        "Each analyst's review is compared with what the judge decides now, after its latest re-reading of the "
        "mail: the share the judge got right, with "
        "its count, and Cohen's kappa (1 is perfect agreement, 0 no better than chance, n/a where one answer was "
        f"given throughout). **Random sample** ({sampled} messages) is the fair figure: messages drawn at random "
        "per vendor. **All reviewed** adds the queue, which puts the least certain verdicts first and so "
        "understates the judge."
    )
    st.dataframe(pd.DataFrame(agreement_rows(found)), hide_index=True, width="stretch")
