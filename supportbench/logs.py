"""Logging for the long-running commands: one line per event, UTC time, key=value fields; or one
JSON object per line for a log collector; to the terminal, or to a file that rotates."""

from __future__ import annotations

import json
import logging
import logging.handlers
import time
from pathlib import Path

LOG_FILE_BYTES = 10 * 1024 * 1024  # a log file is rotated at this size
LOG_FILES_KEPT = 5


def _utc(record: logging.LogRecord) -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(record.created))


class _UtcFormatter(logging.Formatter):
    def formatTime(self, record: logging.LogRecord, datefmt: str | None = None) -> str:  # noqa: N802 - logging's name
        return _utc(record)


class _JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {"time": _utc(record), "level": record.levelname, "logger": record.name, "message": record.getMessage()}
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


def configure(verbose: bool = False, log_file: Path | None = None, as_json: bool = False) -> None:
    handler: logging.Handler = (
        logging.handlers.RotatingFileHandler(log_file, maxBytes=LOG_FILE_BYTES, backupCount=LOG_FILES_KEPT)
        if log_file is not None
        else logging.StreamHandler()
    )
    handler.setFormatter(
        _JsonFormatter() if as_json else _UtcFormatter("%(asctime)s %(levelname)s %(name)s %(message)s")
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO if verbose else logging.WARNING)
    # APScheduler's own chatter only when asked for.
    logging.getLogger("apscheduler").setLevel(logging.INFO if verbose else logging.WARNING)
