"""Probes per second for `supportbench rescore`, against bare reading and parsing of the same evidence.

A store is filled with N probes of the example targets.yaml (six vendors, five
languages), each rendered by `compose`; about three in four get replies (an
acknowledgement, a human reply in the vendor's language, sometimes a second one),
stored raw and linked as `fetch` would. Then, in one run:

- bare: read every probe and linked message from the store and parse each, nothing else;
- rescore: `evaluate(scope="all")`: parse, extract the new text, detect the language,
  answer the questions, judge etiquette, judge every standard, store facts and verdicts.

    .venv/bin/python benchmarks/rescore.py [--probes N]

Target (issue 5): 100,000 probes rescored in under a minute on this machine.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from supportbench.config.targets import Config, load_config
from supportbench.message.parse import parse_message
from supportbench.outbound import compose
from supportbench.outbound.sending import outbox_row
from supportbench.pipeline.evaluation import evaluate
from supportbench.store.database import Interpreted, Store, StoredMessage, iso

ROOT = Path(__file__).resolve().parents[1]
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
REPLIES = {
    "en": ("Hello {name},\n\nthank you for writing. You can call us on +44 20 7946 0000, and our prices are on "
           "the pricing page of our website.\n\nKind regards,\nJane Smith\n+44 20 7946 0000 | jane@{domain}\n"),
    "pl": ("Dzień dobry Pani {name},\n\nnasz numer telefonu to +48 22 123 45 67, a cennik jest na stronie w "
           "zakładce Cennik. Wysyłamy też do Finlandii.\n\nZ poważaniem\nJan Kowalski\ntel. +48 22 123 45 67\n"),
    "ru": ("Здравствуйте, {name}!\n\nНаш телефон +7 495 123-45-67, цены есть на сайте в разделе «Цены». "
           "Заказ не оформлен, деньги вернутся в течение 5 дней.\n\nС уважением,\nИван Петров\n"),
    "fi": ("Hei {name},\n\nvoitte soittaa numeroon +358 9 123 4567. Hinnat löytyvät sivustolta. Toimitamme "
           "Puolaan, toimitus maksaa 19 euroa ja kestää viikon.\n\nYstävällisin terveisin\nLiisa Korhonen\n"),
    "ro": ("Bună ziua, {name},\n\nne cerem scuze. Ne puteți suna la +40 21 123 4567; prețurile sunt pe site. "
           "Comanda nu a fost plasată, vă vom returna banii în 3 zile.\n\nCu stimă,\nMihai Ionescu\n"),
}  # fmt: skip
ACK = "We have received your request (ticket 4711) and will answer within 24 hours. Phone: +44 20 7946 0000\n"


def reply(probe: dict[str, Any], sender: str, body: str, subject: str, auto: bool) -> bytes:
    headers = [
        f"From: {sender}", "To: shopper@mysteryshop.example", f"Subject: {subject}",
        f"Message-ID: <r{probe['id']}-{int(auto)}@{sender.partition('@')[2]}>", f"In-Reply-To: {probe['message_id']}",
        "Content-Type: text/plain; charset=utf-8", "Content-Transfer-Encoding: 8bit",
    ]  # fmt: skip
    if auto:
        headers.append("Auto-Submitted: auto-replied")
    return ("\r\n".join(headers) + "\r\n\r\n" + body.replace("\n", "\r\n")).encode()


def fill(store: Store, config: Config, count: int) -> int:
    """N probes and their replies, stored as sending and fetching would store them; returns messages."""
    rng = random.Random(5)
    pairs = [(vendor, probe_id) for vendor in config.vendors for probe_id in vendor.probes]
    start = NOW - timedelta(days=365)
    messages = 0
    for first in range(0, count, 1000):
        rows, batch, interpretations = [], [], []
        for n in range(first, min(first + 1000, count)):
            vendor, probe_id = pairs[n % len(pairs)]
            shopper = config.shopper(vendor.shopper)
            sent_at = start + timedelta(minutes=5 * n)
            message = compose.render_probe(
                config.probe(probe_id), vendor, shopper, reference=f"{10000 + n}-BN",
                message_id=f"<bench-{n}@mysteryshop.example>", at=sent_at,
            )  # fmt: skip
            row = outbox_row(vendor, "probe", probe_id, message, f"{10000 + n}-BN", sent_at, parent_id=None)
            rows.append({**row, "id": n + 1, "state": "sent", "sent_at": iso(sent_at), "attempts": 1})
        store.db["outbox"].insert_all(rows)
        for row in rows:
            roll = rng.random()
            vendor = config.vendor(row["vendor_id"])
            sent_at = datetime.fromisoformat(row["sent_at"])
            planned = []
            if roll < 0.5:
                planned.append(
                    (reply(row, vendor.address, ACK, "Ticket received", True), timedelta(minutes=2), "auto_reply")
                )
            if roll < 0.75:
                body = REPLIES[vendor.language].format(name=config.shopper(vendor.shopper).name.split()[0],
                                                       domain=vendor.address.partition("@")[2])  # fmt: skip
                delay = timedelta(hours=rng.choice([1, 5, 20, 60]))
                planned.append((reply(row, vendor.address, body, f"Re: {row['subject']}", False), delay, "human"))
            for raw, delay, kind in planned:
                messages += 1
                batch.append(StoredMessage("bench", "INBOX", "inbox", 1, messages, sent_at + delay, raw))
                interpretations.append((messages, kind, row["id"]))
        store.store_batch(batch, NOW, ("bench", "INBOX", 1, messages))
        links = [
            Interpreted.of(pk, kind, ["bench"], None, (probe, "in-reply-to", 1.0))
            for pk, kind, probe in interpretations
        ]
        store.save_interpretations(links, NOW)
    return messages


def bare_read(store: Store) -> int:
    """Every probe read from the store and every linked message parsed: the least any rescore does
    (a probe's text is kept at send time; only the replies' bytes need parsing)."""
    parsed, after = 0, 0
    while rows := store.probes_to_evaluate("all", after_id=after, limit=500):
        after = rows[-1]["id"]
        for message in store.linked_messages([row["id"] for row in rows]):
            parse_message(message["raw"])
            parsed += 1
    return parsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probes", type=int, default=100_000)
    args = parser.parse_args()
    config = load_config(ROOT / "targets.yaml")
    with tempfile.TemporaryDirectory() as folder, Store.open(Path(folder) / "bench.db") as store:
        started = time.perf_counter()
        messages = fill(store, config, args.probes)
        print(f"filled {args.probes:,} probes and {messages:,} replies in {time.perf_counter() - started:.1f} s")

        started = time.perf_counter()
        parsed = bare_read(store)
        bare = time.perf_counter() - started
        print(f"bare read+parse: {parsed:,} messages in {bare:.1f} s ({args.probes / bare:,.0f} probes/s)")

        started = time.perf_counter()
        summary = evaluate(store, config, NOW, scope="all")
        full = time.perf_counter() - started
        rate = summary.evaluated / full
        print(f"rescore:         {summary.evaluated:,} probes in {full:.1f} s ({rate:,.0f} probes/s), "
              f"{len(config.all_standards)} standards each")  # fmt: skip
        print(f"ratio rescore/bare: {bare / full:.2f} of the bare rate")
        projected = 100_000 / rate
        print(
            f"100,000 probes would take {projected:.0f} s: target under 60 s {'MET' if projected < 60 else 'NOT MET'}"
        )
        size = Path(store.path).stat().st_size + Path(f"{store.path}-wal").stat().st_size
        print(f"store size: {size / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
