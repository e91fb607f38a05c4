"""Logging for the long-running commands: one line per event, UTC time, key=value fields."""

from __future__ import annotations

import logging
import time


class _UtcFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))


def configure(verbose: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(_UtcFormatter("%(asctime)s %(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    # APScheduler's own chatter only when asked for.
    logging.getLogger("apscheduler").setLevel(logging.INFO if verbose else logging.WARNING)
