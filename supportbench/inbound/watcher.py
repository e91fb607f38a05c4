"""Watch one shopper mailbox in its own thread: IDLE on INBOX, poll Junk, reconnect.

The watcher has its own IMAP connection and its own store connection; it stores
raw messages (evidence first) and tells the asyncio side how many arrived, which
then classifies and matches them. IDLE is re-issued at most every `idle_seconds`
(RFC 2177 servers may drop IDLE after 30 minutes), and Junk, which IDLE does not
cover, is polled every `junk_every`. A dead connection (BYE, a socket error, a
timeout: the client always has one) leads to a reconnect with capped exponential
backoff; the watcher never spins. Any other failure (a store locked for too long, a bug met
by one message) is logged, kept in the store's health table and retried the same way: the
thread only ends when stopped.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError

from supportbench.config.targets import Shopper
from supportbench.errors import MailError
from supportbench.inbound.sync import sync_mailbox
from supportbench.mail import imap
from supportbench.store.database import Store

log = logging.getLogger("supportbench.watcher")

MAX_IDLE = timedelta(minutes=10)
MAX_BACKOFF = 60.0
IDLE_SLICE = 1.0


def _now() -> datetime:
    return datetime.now(UTC)


class MailboxWatcher:
    """Keeps one shopper's store copy of INBOX and Junk current until stopped."""

    def __init__(
        self,
        shopper: Shopper,
        store_path: Path,
        on_new: Callable[[int], None],
        idle_seconds: float = 540.0,
        junk_every: float = 60.0,
    ) -> None:
        self.shopper = shopper
        self.store_path = store_path
        self.on_new = on_new
        self.idle_seconds = min(idle_seconds, MAX_IDLE.total_seconds())
        self.junk_every = junk_every
        self.connections = 0  # how many times it (re)connected: visible to operators and tests
        self._folders: str | None = None  # which folders it watches, and how the Junk one was found
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"watch-{shopper.id}", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def request_stop(self) -> None:
        """Ask the thread to stop (it notices within about a second); `stop` also waits for it."""
        self._stop.set()

    def stop(self, timeout: float = 30.0) -> None:
        self._stop.set()
        self._thread.join(timeout)

    @property
    def alive(self) -> bool:
        return self._thread.is_alive()

    @property
    def component(self) -> str:
        return f"watcher:{self.shopper.id}"

    def _run(self) -> None:
        backoff = 1.0
        store: Store | None = None
        while not self._stop.is_set():
            try:
                store = store or Store.open(self.store_path)
                self._session(store)
                backoff = 1.0
            except (MailError, IMAPClientError, OSError) as exc:
                log.warning("watch.disconnected shopper=%s error=%s retry_in=%.0fs", self.shopper.id, exc, backoff)
                self._failed(store, exc)
            except Exception as exc:  # supervised: logged, kept, retried; the thread lives on
                log.exception("watch.failed shopper=%s retry_in=%.0fs", self.shopper.id, backoff)
                self._failed(store, exc)
            else:
                continue
            self._stop.wait(backoff)  # an Event wait: stop() interrupts it at once
            backoff = min(backoff * 2, MAX_BACKOFF)
        if store is not None:
            store.close()

    def _failed(self, store: Store | None, exc: Exception) -> None:
        if store is None:
            return
        try:
            store.record_failure(self.component, _now(), f"{type(exc).__name__}: {exc}")
        except Exception:  # noqa: BLE001  # the store may be what failed: the log line has it
            log.warning("watch.health_not_recorded shopper=%s", self.shopper.id)

    def _session(self, store: Store) -> None:
        """One connection's life: catch up by UID, then IDLE until stopped or the connection dies."""
        client = imap.connect(self.shopper.imap)
        self.connections += 1
        log.info("watch.connected shopper=%s connections=%d", self.shopper.id, self.connections)
        try:
            junk, how = imap.find_junk_folder(client, self.shopper.imap.junk_folder)
            self._folders = f"INBOX and {junk!r} ({how})" if junk else f"INBOX only: no Junk folder ({how})"
            self._sync(client, store)
            idle_supported = b"IDLE" in client.capabilities()
            while not self._stop.is_set():
                if idle_supported:
                    self._idle_once(client, store)
                else:
                    self._stop.wait(min(self.junk_every, self.idle_seconds))
                    client.noop()
                self._sync(client, store)
        finally:
            try:
                client.logout()
            except (IMAPClientError, OSError):
                client.shutdown()

    def _idle_once(self, client: IMAPClient, store: Store) -> None:
        selected = client.select_folder("INBOX", readonly=True)
        mark = store.folder_mark(self.shopper.id, "INBOX")
        if mark is not None and int(selected.get(b"UIDNEXT", 0)) > mark[1] + 1:
            # Mail arrived between the last sync and this SELECT: IDLE would not report it.
            return
        client.idle()
        deadline = time.monotonic() + min(self.idle_seconds, self.junk_every)
        responses: list[Any] = []
        woke_empty = False
        try:
            # Wait in slices so stop() takes effect within a second; each slice blocks on the socket.
            while not responses and not self._stop.is_set() and time.monotonic() < deadline:
                began = time.monotonic()
                responses = client.idle_check(timeout=IDLE_SLICE)
                # imapclient returns [] on EOF: a wake-up with nothing, early, means a dead socket.
                if not responses and time.monotonic() - began < IDLE_SLICE / 2:
                    woke_empty = True
                    break
        finally:
            client.idle_done()  # raises on a dead connection: that is how we notice
        if woke_empty:
            client.noop()  # a live connection that woke oddly: prove it, and do not spin
            self._stop.wait(IDLE_SLICE)
        if any(response[:1] == (b"BYE",) or (len(response) > 1 and response[1] == b"BYE") for response in responses):
            raise MailError("server said BYE during IDLE")

    def _sync(self, client: IMAPClient, store: Store) -> None:
        new = sum(
            result.new
            for result in sync_mailbox(client, store, self.shopper.id, _now, junk_folder=self.shopper.imap.junk_folder)
        )
        store.record_success(self.component, _now(), self._folders)
        if new:
            log.info("watch.new shopper=%s messages=%d", self.shopper.id, new)
            self.on_new(new)
