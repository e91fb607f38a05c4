"""supportbench dashboard: who answers, how, and where their replies land.

Run with `streamlit run dashboard/app.py` (SUPPORTBENCH_DB names the store). Thin: the
queries live in dashboard/data.py; this file only lays them out. Text from mail is
shown as data in tables, never rendered as HTML or markdown.
"""

from __future__ import annotations

import sys
from pathlib import Path

import streamlit as st

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # `streamlit run` does not install the package

from dashboard.data import database_path, vendor_overview

st.set_page_config(page_title="supportbench", layout="wide")
st.title("supportbench")
st.caption("A mystery-shopper benchmark of customer support by e-mail")

path = database_path()
rows = vendor_overview(str(path))
if isinstance(rows, str):
    st.info(f"No results to show yet. {rows}.")
    st.stop()
if not rows:
    st.info("The store has no probes yet: run `scripts/demo`, or `supportbench run` with your targets.yaml.")
    st.stop()

probes = sum(row["probes"] for row in rows)
answered = sum(row["answered"] for row in rows)
columns = st.columns(3)
columns[0].metric("Vendors", len(rows))
columns[1].metric("Probes sent", probes)
columns[2].metric("Never answered by a person", f"{(probes - answered) / probes:.0%}" if probes else "-")
st.dataframe(
    [
        {
            "Vendor": row["vendor_id"],
            "Probes": row["probes"],
            "Answered by a person": row["answered"],
            "Human replies": row["human"] or 0,
            "Auto-replies": row["auto_replies"] or 0,
            "Bounces": row["bounces"] or 0,
            "Landed in Junk": row["in_junk"] or 0,
        }
        for row in rows
    ],
    hide_index=True,
    use_container_width=True,
)
