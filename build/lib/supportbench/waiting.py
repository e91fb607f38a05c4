"""Wait for a condition to become true, with a deadline.

Used wherever something happens in another process (a server coming up, a message
being delivered): we poll the condition rather than sleep a guessed duration.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


class WaitTimeoutError(TimeoutError):
    """The condition did not hold before the deadline."""


def wait_for(
    condition: Callable[[], T | None],
    *,
    timeout: float,
    what: str,
    interval: float = 0.05,
) -> T:
    """Return the first truthy value of `condition()`, polling until `timeout` seconds.

    Raises `WaitTimeoutError` naming `what` was awaited, so a failing test says which
    condition never held rather than only that time ran out.
    """
    deadline = time.monotonic() + timeout
    delay = interval
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() >= deadline:
            raise WaitTimeoutError(f"timed out after {timeout:g}s waiting for {what}")
        time.sleep(delay)
        # Back off gently so a slow condition does not burn a core.
        delay = min(delay * 1.5, 0.5)
