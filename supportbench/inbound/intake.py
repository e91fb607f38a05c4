"""A sync that interprets as it fetches: the `fetch` command's path.

The shell joining `sync` and `replies`. Each batch of new messages is classified and matched
in worker processes while the next batch is fetched, so a first sync of a large mailbox keeps
every core busy instead of fetching first and interpreting after. Evidence first still
holds: a batch is handed on only after its raw bytes are committed, and anything stored but
not yet interpreted (an earlier run stopped midway) is interpreted at the end. (`run`
interprets in its own process: its watcher threads make forking unsafe.)
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import ExitStack
from dataclasses import dataclass
from datetime import UTC, datetime

import imapclient

from supportbench.batches import BatchPool
from supportbench.config.targets import Config
from supportbench.inbound.replies import Pending, interpreter, process_new_messages
from supportbench.inbound.sync import FolderSync, Progress, sync_mailbox
from supportbench.store.database import Interpreted, Store, StoredMessage


@dataclass(frozen=True)
class Intake:
    folders: list[FolderSync]
    interpreted: int  # in all, including...
    left_over: int  # ...messages an earlier run stored but did not interpret


def sync_and_interpret(
    client: imapclient.IMAPClient,
    store: Store,
    config: Config,
    mailbox: str,
    now: Callable[[], datetime],
    progress: Progress | None = None,
    workers: int | None = None,
) -> Intake:
    """One pass over a logged-in shopper's folders, every new message stored and interpreted.

    `workers` defaults to the machine's cores. The probe index is built and the workers forked
    only when there is new mail: a sync that finds nothing costs the sync alone.
    Never call this from a process with other threads running (see `batches`).
    """
    interpreted = 0
    pool: BatchPool[list[Pending], list[Interpreted]] | None = None

    def save(_batch: list[Pending], rows: list[Interpreted]) -> None:
        nonlocal interpreted
        store.save_interpretations(rows, now())
        interpreted += len(rows)

    with ExitStack() as stack:

        def hand_on(stored: list[tuple[int, StoredMessage]]) -> None:
            nonlocal pool
            if pool is None:
                pool = stack.enter_context(BatchPool(interpreter(store, config), save, workers or os.cpu_count() or 1))
            # In UTC: imapclient's own tzinfo class cannot be pickled to a worker.
            pool.submit([(pk, message.raw, message.internal_date.astimezone(UTC)) for pk, message in stored])

        junk = next((shopper.imap.junk_folder for shopper in config.shoppers if shopper.id == mailbox), None)
        folders = sync_mailbox(client, store, mailbox, now, progress, on_stored=hand_on, junk_folder=junk)
    left_over = process_new_messages(store, config, now())
    return Intake(folders, interpreted + left_over, left_over)
