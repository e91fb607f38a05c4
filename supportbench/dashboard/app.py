"""supportbench dashboard: who wins, by how much, and the evidence behind every score.

Run with `supportbench dashboard [--db FILE]`, or `streamlit run supportbench/dashboard/app.py` with
SUPPORTBENCH_DB naming the store. This file is the frame: sign-in, the sidebar (page,
standard, filters, all mirrored in the URL) and navigation. The pages are in
views.py, the queries in data.py, the figures come from supportbench.ranking.ranks.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import streamlit as st

from supportbench.config.standards import Standard
from supportbench.dashboard import views
from supportbench.dashboard.data import (
    Filters,
    allowed,
    database_path,
    inert_markdown,
    load_bounced,
    load_catalog,
    load_ranking,
    load_view,
    verified_email,
)
from supportbench.dashboard.signin import signed_in_address
from supportbench.reports.board import BoardReport
from supportbench.store.catalog import Catalog

PAGES = {
    "leaderboard": "Leaderboard",
    "standards": "Standards",
    "curves": "Reply-time curves",
    "vendor": "Vendor",
    "methodology": "Methodology",
}
LIST_FILTERS = ("segment", "industry", "country", "category", "language")


def main() -> None:
    st.set_page_config(page_title="supportbench", layout="wide")
    path = str(database_path())
    catalog = load_catalog(path)
    if isinstance(catalog, str):
        _header()
        st.info(f"No results to show yet. {catalog}.")
        st.stop()
    if not _signed_in(catalog):
        st.stop()
    _apply_navigation()
    page = _sidebar_page()
    if page == "methodology":
        _header()
        views.methodology_page(path, catalog)
        return
    if not catalog.probe_count or not catalog.standards:
        _header()
        st.info("The store has no evaluated probes yet: run `scripts/demo`, or `supportbench run` with your "
                "targets.yaml and let replies arrive (`supportbench fetch` evaluates them).")  # fmt: skip
        st.stop()
    standard, basis, filters = _sidebar_filters(catalog)
    if catalog.unreadable:
        st.sidebar.warning(f"{catalog.unreadable} received messages could not be read and are left out of the "
                           "results; `supportbench status` lists them.")  # fmt: skip
    if catalog.failing:
        st.sidebar.error(f"Failing in `supportbench run`: {', '.join(catalog.failing)}. Results may be out of date; "
                         "`supportbench status` says why.")  # fmt: skip
    # The leaderboard and the vendor page need no probe rows but a vendor's (the leaderboard's exports
    # read them when asked); the curves and standards pages draw on every probe in view.
    view = load_view(path, standard.name, filters) if page in ("curves", "standards") else None
    ranking = view.ranking if view is not None else load_ranking(path, standard.name, filters)
    _header(standard)
    if not ranking:
        st.info("No probes match these filters: widen the period or clear a filter in the sidebar.")
        st.stop()
    bounced = load_bounced(path)
    for vendor_id, why in sorted(bounced.items()):
        # Inert like mail text: the address is shown, not made a live link.
        st.warning(inert_markdown(f"{catalog.vendor_name(vendor_id)} is paused: {why}. Nothing more is sent "
                                  "to it until targets.yaml gives another address."))  # fmt: skip
    # What `report` would say of this view: the leaderboard and the exports read the same figures.
    board = BoardReport(standard, _moment(filters.since), _moment(filters.until, days=1), datetime.now(UTC),
                        ranking, bounced, catalog.own)  # fmt: skip
    if page == "leaderboard":
        previous = load_ranking(path, standard.name, earlier) if (earlier := filters.previous()) else None
        views.leaderboard_page(ranking, previous, catalog, standard, basis, board,
                               lambda: load_view(path, standard.name, filters))  # fmt: skip
    elif page == "vendor":
        views.vendor_page(path, ranking, catalog, standard, basis, filters)
    elif view is not None:  # the curves and standards pages
        if page == "standards":
            views.standards_page(path, view.rows, catalog, standard)
        else:
            views.curves_page(view, catalog, standard, basis, board)


# -- layout pieces -------------------------------------------------------------------------


def _header(standard: Standard | None = None) -> None:
    st.title("supportbench")
    line = "A mystery-shopper benchmark of customer support by e-mail"
    if standard is not None:
        line += f" \u00b7 judged by the standard **{standard.label}** ([how](?page=methodology))"
    st.caption(line)


def _signed_in(catalog: Catalog) -> bool:
    """Streamlit's OIDC sign-in and the allow-list, when the config turns them on."""
    access = catalog.access
    if not access["login"]:
        return True
    if allowed(verified_email(st.user.to_dict()) if st.user.get("is_logged_in", False) else None, access["allow"]):
        return True
    _header()
    if signed_in_address("see the benchmark") is not None:  # signed in, but not on the list
        st.error("This account is not on the dashboard's allow-list. Ask the analyst who runs supportbench.")
        st.button("Sign out", on_click=st.logout)
    return False


def _sidebar_page() -> str:
    page = st.sidebar.radio(
        "Page", list(PAGES), format_func=PAGES.__getitem__, key="page",
        **views.initial("page", list(PAGES), st.query_params.get("page")),
    )  # fmt: skip
    st.query_params["page"] = str(page)
    return str(page)


def _sidebar_filters(catalog: Catalog) -> tuple[Standard, str, Filters]:
    params = st.query_params
    names = list(catalog.standards)
    asked = params.get("standard")
    if asked is not None and asked not in names:
        st.sidebar.warning(f"No standard named {asked!r}: showing {catalog.default_standard!r} instead.")
    name = st.sidebar.selectbox(
        "Standard",
        names,
        format_func=lambda slug: catalog.standards[slug].label,
        key="standard",
        **views.initial("standard", names, params.get("standard", catalog.default_standard)),
    )
    basis = st.sidebar.radio(
        "Reply times in", ["calendar", "business"],
        format_func={"calendar": "calendar hours", "business": "the vendor's business hours"}.__getitem__,
        key="basis", horizontal=True, **views.initial("basis", ["calendar", "business"], params.get("basis")),
    )  # fmt: skip
    since = st.sidebar.date_input(
        "Sent from", key="since", format="YYYY-MM-DD", **_from_url("since", _date(params.get("since")))
    )
    until = st.sidebar.date_input(
        "Sent until", key="until", format="YYYY-MM-DD", **_from_url("until", _date(params.get("until")))
    )
    vendors, probes = list(catalog.vendors.values()), list(catalog.probes.values())
    options = {
        "segment": _choices(v["tags"].get("segment") for v in vendors),
        "industry": _choices(v["tags"].get("industry") for v in vendors),
        "country": _choices(v["country"] for v in vendors),
        "category": _choices(p["category"] for p in probes),
        "language": _choices(v["language"] for v in vendors),
    }
    chosen: dict[str, tuple[str, ...]] = {}
    for key in LIST_FILTERS:
        if not options[key]:
            continue
        default = [value for value in params.get_all(key) if value in options[key]]
        chosen[key] = tuple(st.sidebar.multiselect(key.capitalize(), options[key], key=key, **_from_url(key, default)))
    filters = Filters(since=_single_date(since), until=_single_date(until), **chosen)
    state: dict[str, Any] = {"page": st.query_params.get("page", "leaderboard"), "standard": name, "basis": basis}
    if filters.since:
        state["since"] = filters.since.isoformat()
    if filters.until:
        state["until"] = filters.until.isoformat()
    for key, values in chosen.items():
        if values:
            state[key] = list(values)
    if "vendor" in st.query_params:
        state["vendor"] = st.query_params["vendor"]
    st.query_params.from_dict(state)
    return catalog.standards[name], basis, filters


def _choices(values: Iterable[Any]) -> list[str]:
    return sorted({str(value) for value in values if value})


def _from_url(key: str, value: Any) -> dict[str, Any]:
    """A widget's starting value from the URL, unless the session already holds its value."""
    if key in st.session_state:
        return {}
    return {"value": value} if key in ("since", "until") else {"default": value}


def _moment(day: date | None, days: int = 0) -> datetime | None:
    """A filter's day as the UTC midnight it starts at (`days` later: the end of a period, exclusive)."""
    return datetime.combine(day, time(), UTC) + timedelta(days=days) if day else None


def _single_date(value: Any) -> date | None:
    return value if isinstance(value, date) else None


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _apply_navigation() -> None:
    vendor_id = st.session_state.pop(views.NAVIGATE_TO, None)
    if vendor_id is not None:
        st.session_state["page"] = "vendor"
        st.session_state["vendor"] = vendor_id
        st.query_params["page"] = "vendor"
        st.query_params["vendor"] = vendor_id


main()
