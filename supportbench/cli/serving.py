"""Starting a Streamlit app of the package (the dashboard, the review page) in place of this process."""

from __future__ import annotations

import os
import sys
from pathlib import Path

APPS = Path(__file__).resolve().parents[1] / "dashboard"


def serve_streamlit(app: str, port: int, address: str) -> None:
    """Replace this process by Streamlit serving `app` (a file in supportbench/dashboard)."""
    server = ["--server.port", str(port), "--server.address", address, "--server.headless", "true",
              "--client.toolbarMode", "viewer",
              # Okabe-Ito blue: bars of a good rate are not alarm red, for every kind of colour vision.
              "--theme.primaryColor", "#0072B2"]  # fmt: skip
    argv = [sys.executable, "-m", "streamlit", "run", str(APPS / app), *server, "--browser.gatherUsageStats", "false"]
    os.execv(sys.executable, argv)
