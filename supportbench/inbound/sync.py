"""Copy new mail from a shopper's folders (INBOX and Junk) into the store, raw, by UID.

Incremental: a (UIDVALIDITY, last UID) mark per folder is kept in the store and
advanced in the same transaction as the messages, so a crash never skips or
repeats one. A changed UIDVALIDITY triggers a full re-read in which messages
already stored (same bytes) are not stored again. Fetches use BODY.PEEK[], which
never marks mail as read, and INTERNALDATE, the server's arrival time.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

import imapclient

from supportbench.errors import MailError
from supportbench.mail import imap
from supportbench.store.database import Store, StoredMessage

FETCH_BATCH = 200  # messages per FETCH at most
FETCH_BYTES = 32 * 1024 * 1024  # and bytes: memory is bounded by size, not count (one larger message goes alone)
_SIZES_PER_FETCH = 1000  # UIDs whose sizes are asked in one command (the command line stays short)
_MESSAGE_ID = re.compile(rb"^message-id:[ \t]*(<[^>\r\n]+>)", re.I | re.M)

Progress = Callable[[int, int], None]  # (done, total) in messages
Stored = Callable[[list[tuple[int, StoredMessage]]], None]  # each batch just stored, with the new rows' ids


@dataclass(frozen=True)
class Folder:
    name: str
    role: str  # "inbox" or "junk": where a reply landed is evidence too


@dataclass(frozen=True)
class FolderSync:
    folder: Folder
    new: int
    uidvalidity_changed: bool


def watched_folders(client: imapclient.IMAPClient, junk_folder: str | None = None) -> list[Folder]:
    """INBOX and the spam folder (as configured, by its \\Junk flag, else a usual name) when there is one."""
    folders = [Folder("INBOX", "inbox")]
    junk, _ = imap.find_junk_folder(client, junk_folder)
    if junk is not None:
        folders.append(Folder(junk, "junk"))
    return folders


def sync_folder(
    client: imapclient.IMAPClient,
    store: Store,
    mailbox: str,
    folder: Folder,
    now: Callable[[], datetime],
    progress: Progress | None = None,
    on_stored: Stored | None = None,
) -> FolderSync:
    """Store every message of `folder` newer than the mark; returns how many were new.

    `on_stored` is given each batch once it is committed, so it can be interpreted while the
    next one is fetched.
    """
    info = client.select_folder(folder.name, readonly=True)
    uidvalidity = int(info[b"UIDVALIDITY"])
    mark = store.folder_mark(mailbox, folder.name)
    changed = mark is not None and mark[0] != uidvalidity
    last_uid = mark[1] if mark is not None and not changed else 0
    uid_next = info.get(b"UIDNEXT")
    if mark is not None and not changed and uid_next is not None and int(uid_next) <= last_uid + 1:
        return FolderSync(folder, 0, False)  # nothing arrived: no SEARCH, no FETCH
    uids = _new_uids(client, folder.name, last_uid, int(uid_next) if uid_next is not None else None,
                     int(info.get(b"EXISTS", 0)))  # fmt: skip
    already = store.stored_digests(mailbox, folder.name) if changed else set()
    new, done = 0, 0
    for batch in batches_by_size(uids, _sizes(client, uids)):
        fetched = client.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
        messages = []
        for uid in batch:
            item = fetched.get(uid)
            if item is None:
                continue  # expunged meanwhile
            raw = bytes(item[b"BODY[]"])
            if already and hashlib.sha256(raw).hexdigest() in already:
                continue  # stored before the renumbering
            found = _MESSAGE_ID.search(raw[:16384])
            messages.append(
                StoredMessage(
                    mailbox=mailbox,
                    folder=folder.name,
                    folder_role=folder.role,
                    uidvalidity=uidvalidity,
                    uid=uid,
                    internal_date=item[b"INTERNALDATE"],
                    raw=raw,
                    message_id=found.group(1).decode("ascii", "replace") if found else None,
                )
            )
        stored = store.store_batch(messages, now(), (mailbox, folder.name, uidvalidity, batch[-1]))
        new += len(stored)
        if on_stored and stored:
            on_stored(stored)
        done += len(batch)
        if progress:
            progress(done, len(uids))
    if not uids:
        store.set_folder_mark(mailbox, folder.name, uidvalidity, last_uid)
    return FolderSync(folder, new, changed)


def _new_uids(client: imapclient.IMAPClient, name: str, last_uid: int, uid_next: int | None, exists: int) -> list[int]:
    """UIDs above `last_uid`. The range is bounded by UIDNEXT where the server says it: some
    servers (GNU Mailutils) answer "N:*" with nothing. "N:*" always includes the highest UID,
    even below N, hence the filter. A folder that holds messages but yields no UID at its first
    read is asked for ALL before it is believed empty."""
    if uid_next is not None and uid_next <= last_uid + 1:
        return []
    upper = str(uid_next - 1) if uid_next is not None else "*"
    uids = sorted(uid for uid in client.search(["UID", f"{last_uid + 1}:{upper}"]) if uid > last_uid)
    if not uids and last_uid == 0 and exists:
        uids = sorted(client.search("ALL"))
        if not uids:
            raise MailError(f"IMAP folder {name!r} says it holds {exists} messages but its search finds none")
    return uids


def _sizes(client: imapclient.IMAPClient, uids: list[int]) -> dict[int, int]:
    """Each message's size (RFC822.SIZE), asked before any message is fetched."""
    if len(uids) <= 1:
        return {}
    sizes: dict[int, int] = {}
    for start in range(0, len(uids), _SIZES_PER_FETCH):
        found = client.fetch(uids[start : start + _SIZES_PER_FETCH], ["RFC822.SIZE"])
        sizes.update({uid: int(item.get(b"RFC822.SIZE", 0)) for uid, item in found.items()})
    return sizes


def batches_by_size(uids: list[int], sizes: dict[int, int]) -> list[list[int]]:
    """UIDs in order, cut into batches of at most FETCH_BATCH messages and FETCH_BYTES (a message
    larger than that alone); a UID of unknown size counts as nothing."""
    batches: list[list[int]] = []
    current: list[int] = []
    total = 0
    for uid in uids:
        size = sizes.get(uid, 0)
        if current and (len(current) >= FETCH_BATCH or total + size > FETCH_BYTES):
            batches.append(current)
            current, total = [], 0
        current.append(uid)
        total += size
    if current:
        batches.append(current)
    return batches


def sync_mailbox(
    client: imapclient.IMAPClient,
    store: Store,
    mailbox: str,
    now: Callable[[], datetime],
    progress: Progress | None = None,
    on_stored: Stored | None = None,
    junk_folder: str | None = None,
) -> list[FolderSync]:
    """One pass over every watched folder of a logged-in client (`junk_folder`: the shopper's own name)."""
    folders = watched_folders(client, junk_folder)
    return [sync_folder(client, store, mailbox, folder, now, progress, on_stored) for folder in folders]
