"""Probes and replies recorded straight into a store, for tests of the pure pipeline.

The same rows `Sender` and `sync` write (rendered with `compose`, stored raw), without a
mail server in between; the lab tests cover the servers.
"""

from __future__ import annotations

import itertools
import random
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from typing import Any

from supportbench.config.targets import Config
from supportbench.outbound import compose
from supportbench.outbound.sending import outbox_row
from supportbench.store.database import Store, StoredMessage

_uids = itertools.count(1)


def record_probe(
    store: Store, config: Config, vendor_id: str, probe_id: str, sent_at: datetime, seed: int = 0
) -> dict[str, Any]:
    """A probe as sent: rendered, recorded pending, marked sent at `sent_at`."""
    rng = random.Random(seed)
    vendor = config.vendor(vendor_id)
    shopper = config.shopper(vendor.shopper)
    reference = compose.new_reference(rng)
    message = compose.render_probe(
        config.probe(probe_id),
        vendor,
        shopper,
        reference=reference,
        message_id=compose.new_message_id(shopper.address.partition("@")[2], rng),
        at=sent_at,
    )
    outbox_id = store.add_pending(outbox_row(vendor, "probe", probe_id, message, reference, sent_at, parent_id=None))
    store.mark_sent(outbox_id, sent_at, "250 2.0.0 Ok: queued")
    return store.outbox_row(outbox_id)


def reply_to(
    probe: dict[str, Any],
    sender: str,
    body: str,
    *,
    subject: str | None = None,
    thread: bool = True,
    headers: dict[str, str] | None = None,
) -> bytes:
    """A reply's raw bytes, threaded to `probe` unless `thread` is False."""
    message = EmailMessage(policy=SMTP)
    message["From"] = sender
    message["To"] = "shopper@example.test"
    message["Subject"] = subject if subject is not None else f"Re: {probe['subject']}"
    message["Date"] = format_datetime(datetime(2026, 1, 1))
    message["Message-ID"] = make_msgid(domain=sender.partition("@")[2] or "example.test")
    if thread:
        message["In-Reply-To"] = probe["message_id"]
        message["References"] = probe["message_id"]
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()


def record_reply(
    store: Store, raw: bytes, arrived_at: datetime, folder_role: str = "inbox", mailbox: str = "alex"
) -> None:
    """A message as a sync stores it, with `arrived_at` as its INTERNALDATE."""
    uid = next(_uids)
    folder = "Junk" if folder_role == "junk" else "INBOX"
    store.store_batch(
        [StoredMessage(mailbox, folder, folder_role, 1, uid, arrived_at, raw)], arrived_at, (mailbox, folder, 1, uid)
    )
