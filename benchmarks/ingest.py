"""Messages per second for a first full sync, against bare imapclient fetches of the same mail.

A lab mailbox is filled with N realistic messages: the project's reply fixtures and the
real bounce corpus, each with a fresh Message-ID, a third of them answering one of 200
probes in the store. Then, in one run:

- bare: SELECT, SEARCH and FETCH BODY.PEEK[] INTERNALDATE in batches, nothing else;
- full: `sync_mailbox` (fetch, store raw) and `process_new_messages` (classify, match);
- again: a second sync with nothing new.

    .venv/bin/python benchmarks/ingest.py [--messages N]

Targets (issue 4): the full sync at least half the bare fetch rate; the second sync well under a second.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import ssl
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from imapclient import IMAPClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmark import imap
from benchmark.config import parse_config
from benchmark.lab import MailLab
from benchmark.replies import process_new_messages
from benchmark.sending import Sender, outbox_row
from benchmark.store import Store
from benchmark.sync import sync_mailbox
from tests.factories import lab_config_data

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
_MESSAGE_ID = re.compile(rb"^Message-ID:[^\r\n]*\r?\n", re.I | re.M)


def corpus() -> list[bytes]:
    return [path.read_bytes() for path in sorted(DATA.rglob("*.eml"))]


def realistic(template: bytes, n: int, probes: list[dict[str, str]], rng: random.Random) -> bytes:
    """A corpus message made unique; a third of them answer a probe by header or reference."""
    body = _MESSAGE_ID.sub(b"", template, count=1)
    headers = f"Message-ID: <bench-{n}@vendor.example>\r\n"
    if n % 3 == 0:
        probe = rng.choice(probes)
        headers += f"In-Reply-To: {probe['message_id']}\r\n"
    return headers.encode() + body


def fill(lab: MailLab, user_address: str, password: str, messages: list[bytes]) -> None:
    context = ssl.create_default_context(cafile=str(lab.ca_file))
    with IMAPClient("127.0.0.1", port=lab.ports.imaps, ssl=True, ssl_context=context, timeout=60) as client:
        client.login(user_address, password)
        when = datetime.now(UTC) - timedelta(days=1)
        for start in range(0, len(messages), 500):
            client.multiappend("INBOX", [{"msg": m, "date": when} for m in messages[start : start + 500]])


def bare_fetch(lab: MailLab, user_address: str, password: str) -> tuple[float, int]:
    context = ssl.create_default_context(cafile=str(lab.ca_file))
    began = time.perf_counter()
    with IMAPClient("127.0.0.1", port=lab.ports.imaps, ssl=True, ssl_context=context, timeout=60) as client:
        client.login(user_address, password)
        client.select_folder("INBOX", readonly=True)
        uids = client.search(["UID", "1:*"])
        fetched = 0
        for start in range(0, len(uids), 200):
            fetched += len(client.fetch(uids[start : start + 200], ["BODY.PEEK[]", "INTERNALDATE"]))
    return time.perf_counter() - began, fetched


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(4)

    with MailLab() as lab, tempfile.TemporaryDirectory() as work:
        shopper = lab.add_user("bench-inbox@shopper.test")
        desk = lab.add_user("desk@acme.test")
        os.environ["BENCH_PASSWORD"] = shopper.password
        data = lab_config_data(lab, shopper, [desk.address], "BENCH_PASSWORD")
        data["shoppers"][0]["save_sent_copy"] = False
        data["safety"].update(
            daily_cap=100_000,
            repeat_after="1s",
            per_vendor={"max_probes": 100_000, "window": "1s", "min_interval": "1s"},
        )
        config = parse_config(yaml.safe_dump(data))
        store = Store.open(Path(work) / "ingest.db")
        sender = Sender(config, store)
        start = datetime.now(UTC) - timedelta(days=2)
        for n in range(200):  # probes for replies to answer
            sender_result = asyncio.run(sender.send_probe("vendor0", start + timedelta(seconds=2 * n), dry_run=True))
            assert sender_result.message is not None
            row = outbox_row(
                config.vendors[0], "probe", "hello", sender_result.message, sender_result.reference or "", start, None
            )
            store.mark_sent(store.add_pending(row), start, "250 ok")
        probes = store.sent_messages()

        templates = corpus()
        messages = [realistic(templates[n % len(templates)], n, probes, rng) for n in range(args.messages)]
        print(f"filling the lab mailbox with {len(messages)} messages ...", flush=True)
        fill(lab, shopper.address, shopper.password, messages)

        bare_seconds, fetched = bare_fetch(lab, shopper.address, shopper.password)

        began = time.perf_counter()
        with imap.logged_in(config.shoppers[0].imap) as client:
            synced = sum(r.new for r in sync_mailbox(client, store, "bench", lambda: datetime.now(UTC)))
        fetch_seconds = time.perf_counter() - began
        interpreted = process_new_messages(store, config, datetime.now(UTC))
        full_seconds = time.perf_counter() - began

        began = time.perf_counter()
        with imap.logged_in(config.shoppers[0].imap) as client:
            again = sum(r.new for r in sync_mailbox(client, store, "bench", lambda: datetime.now(UTC)))
        again_seconds = time.perf_counter() - began
        linked = sum(1 for row in store.interpreted_messages() if row["outbox_id"] is not None)
        store.close()

    print(f"\nbare imapclient fetch : {fetched} messages in {bare_seconds:6.2f}s = {fetched / bare_seconds:7.0f} msg/s")
    print(f"full first sync       : {synced} messages in {full_seconds:6.2f}s = {synced / full_seconds:7.0f} msg/s")
    print(f"  of which fetch+store: {fetch_seconds:6.2f}s; classify+match: {full_seconds - fetch_seconds:.2f}s")
    print(f"  {interpreted} interpreted, {linked} linked to a probe")
    bare_rate = fetched / bare_seconds
    print(f"ratio full/bare rate  : {(synced / full_seconds) / bare_rate:.2f}  (target >= 0.50)")
    print(f"ratio fetch+store/bare: {(synced / fetch_seconds) / bare_rate:.2f}  (fetch and raw storage alone)")
    print(f"second sync, nothing new: {again} new in {again_seconds * 1000:.0f} ms  (target well under 1 s)")


if __name__ == "__main__":
    main()
