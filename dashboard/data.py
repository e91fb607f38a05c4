"""Cached, read-only queries for the dashboard; the store is opened with mode=ro every time."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import streamlit as st

from benchmark.errors import StoreError
from benchmark.store import Store

DEFAULT_DB = "supportbench.db"
REFRESH_SECONDS = 30  # short enough to show new results while the scheduler keeps writing


def database_path() -> Path:
    """From the SUPPORTBENCH_DB environment variable (set by the command line), else the default."""
    return Path(os.environ.get("SUPPORTBENCH_DB", DEFAULT_DB))


@st.cache_data(ttl=REFRESH_SECONDS, show_spinner=False)
def vendor_overview(path: str) -> list[dict[str, Any]] | str:
    """The per-vendor rows, or a sentence saying why there are none."""
    try:
        with Store.open_readonly(path) as store:
            return store.vendor_overview()
    except StoreError as exc:
        return str(exc)
