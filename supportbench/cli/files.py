"""Reading a user's file and replacing one whole, with one line saying what went wrong."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from supportbench.errors import SupportbenchError


def read_text(path: Path) -> str:
    """A file's text, or one line saying why it cannot be read."""
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise SupportbenchError(f"{path}: file not found") from None
    except UnicodeDecodeError as exc:
        raise SupportbenchError(f"{path}: not UTF-8 text (byte {exc.start}); save the sheet as CSV UTF-8") from None
    except OSError as exc:
        raise SupportbenchError(f"{path}: cannot be read ({exc.strerror})") from None


def write_atomically(path: Path, content: str | bytes) -> None:
    """Replace `path` whole or not at all: a crash mid-write never leaves half a targets.yaml."""
    try:
        mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content.encode("utf-8") if isinstance(content, str) else content)
            Path(temporary).chmod(mode)
            Path(temporary).replace(path)
        except BaseException:
            Path(temporary).unlink(missing_ok=True)
            raise
    except OSError as exc:
        raise SupportbenchError(f"{path}: cannot write it ({exc.strerror}); nothing was changed") from None
