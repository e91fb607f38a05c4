"""Shared test helpers: small valid configurations, probes and replies recorded straight into a store
(the rows `Sender` and `sync` write, without a mail server between), and the lab's plain helpers
(log in, list a folder, submit a message). Fixtures are in conftest.py.
"""

from __future__ import annotations

import asyncio
import itertools
import random
import ssl
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

import aiosmtplib
import yaml
from imapclient import IMAPClient

from supportbench.config.targets import Config, parse_config
from supportbench.lab import MailLab, MailUser
from supportbench.outbound import compose
from supportbench.outbound.sending import outbox_row
from supportbench.store.database import Store, StoredMessage

DATA = Path(__file__).resolve().parent / "data"  # real mail: the bounce corpus and the replies
EXAMPLE_CONFIG = Path(__file__).resolve().parents[1] / "targets.yaml"


SHOPPER_PASSWORD_ENV = "TEST_SHOPPER_PASSWORD"

MINIMAL = """\
shoppers:
  - id: alex
    name: Alex Morgan
    address: alex@shop.example
    smtp: {host: mail.shop.example, port: 587, username: alex, password_env: ALEX_PW}
    imap: {host: mail.shop.example, port: 993, security: tls, username: alex, password_env: ALEX_PW}
vendors:
  - id: acme
    name: Acme
    address: support@acme.example
    language: en
    timezone: Europe/London
    country: GB
    hours: {mon-fri: "09:00-17:00"}
    probes: [hello]
    schedule: {every: 7d}
    shopper: alex
probes:
  - id: hello
    category: pre-sales
    variants:
      en: {subject: "A question", body: "Hello {vendor_name}, ref {reference}"}
    questions:
      - id: phone
        answered_if: {en: [[phone, call]]}
"""


def config_data() -> dict[str, Any]:
    """MINIMAL as plain data, for a test to change before validating."""
    data: dict[str, Any] = yaml.safe_load(MINIMAL)
    return data


def make_config(data: dict[str, Any] | None = None) -> Config:
    return parse_config(yaml.safe_dump(data if data is not None else config_data(), allow_unicode=True))


def lab_config_data(lab: Any, shopper: Any, vendor_addresses: list[str], password_env: str) -> dict[str, Any]:
    """MINIMAL pointed at the lab: one shopper mailbox, one vendor per address, open all week."""
    data = config_data()
    data["shoppers"] = [lab.shopper_settings(shopper, "Alex Morgan", password_env)]
    data["shoppers"][0]["timezone"] = "Europe/London"
    template = data["vendors"][0]
    data["vendors"] = [
        {
            **template,
            "id": f"vendor{n}",
            "name": f"Vendor {n}",
            "address": address,
            "shopper": data["shoppers"][0]["id"],
        }
        for n, address in enumerate(vendor_addresses)
    ]
    data["safety"] = {"send_windows": {"mon-sun": "00:00-24:00"}, "jitter": "1m"}
    return data


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


def imap_login(lab: MailLab, user: MailUser, context: ssl.SSLContext) -> IMAPClient:
    client = IMAPClient("127.0.0.1", port=lab.ports.imaps, ssl=True, ssl_context=context, timeout=10)
    client.normalise_times = False
    client.login(user.address, user.password)
    return client


def folder_messages(
    lab: MailLab, user: MailUser, context: ssl.SSLContext, folder: str = "INBOX"
) -> dict[int, dict[bytes, object]]:
    """Every message in a folder (read-only, never marks mail read)."""
    with imap_login(lab, user, context) as client:
        client.select_folder(folder, readonly=True)
        uids = client.search()
        return client.fetch(uids, ["BODY.PEEK[]", "INTERNALDATE"]) if uids else {}


def submit(
    lab: MailLab,
    sender: MailUser,
    to: str,
    context: ssl.SSLContext,
    body: str = "Do you have a phone number I can call you on?",
    **headers: str,
) -> str:
    """Send through the lab's submission port as `sender`; returns the Message-ID."""
    fields = {
        "From": sender.address,
        "To": to,
        "Subject": "Lab round trip",
        "Message-ID": make_msgid(domain=sender.address.rpartition("@")[2]),
        **{name.replace("_", "-"): value for name, value in headers.items()},
    }
    message = EmailMessage()
    for name, value in fields.items():
        message[name] = value
    message.set_content(body)
    asyncio.run(
        aiosmtplib.send(
            message,
            hostname="127.0.0.1",
            port=lab.ports.submission,
            start_tls=True,
            username=sender.address,
            password=sender.password,
            tls_context=context,
        )
    )
    return str(message["Message-ID"])
