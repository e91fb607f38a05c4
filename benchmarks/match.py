"""Matching a reply to its probe: cost per message with 200 probes in the store and with 100,000.

First, the index itself, read from a store of 20,000 sent probes: with each probe's
quotable lines kept beside it (as the store writes them) and with every probe's bytes
parsed again (rows written before migration 0004). Then matching: the same 2,000 messages
(threaded replies, rewritten subjects with the reference, references in the body, unmarked
quotes, replies from another address of the vendor, unrelated senders and bounces
returning a probe) against an index of 200 probes and one of 100,000 (1,000 vendors), each
holding the probes the messages answer.

    .venv/bin/python benchmarks/match.py

Target: matching costs about the same with 100,000 probes as with 200 (a ratio near 1).
"""

from __future__ import annotations

import json
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from supportbench.inbound.replies import Probes
from supportbench.message.classify import classify
from supportbench.message.match import (
    ProbeIndex,
    ProbeRef,
    VendorIndex,
    VendorRef,
    match_message,
    probe_lines,
    quotable_lines,
)
from supportbench.message.parse import ParsedMessage, parse_message
from supportbench.outbound.compose import new_message_id, new_reference
from supportbench.store.database import Store

NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)
VENDORS = 1000
MESSAGES = 2000
QUESTIONS = (
    "Could you tell me whether the {item} is in stock and when it would ship to {city}?",
    "I would also like to know if there is a phone number where I can reach a person at {name}.",
    "Do you offer a discount for an order of more than {n} pieces, and how is it invoiced?",
)


def probes(count: int, rng: random.Random) -> list[ProbeRef]:
    made = []
    for n in range(count):
        vendor = n % VENDORS
        text = "\n".join(
            q.format(item=f"model {n}", city=f"city {vendor}", name=f"Vendor {vendor}", n=n % 50 + 2) for q in QUESTIONS
        )
        made.append(
            ProbeRef(
                outbox_id=n,
                vendor_id=f"v{vendor}",
                message_id=new_message_id("shop.example", rng),
                reference=new_reference(rng),
                to_address=f"support@v{vendor}.example",
                sent_at=NOW - timedelta(days=30) + timedelta(seconds=25 * n / max(1, count / 100_000)),
                quotable_lines=quotable_lines(text),
            )
        )
    return made


def messages(answered: list[ProbeRef], rng: random.Random) -> list[ParsedMessage]:
    """Replies of every kind the matcher meets, each to a probe from `answered`."""
    made = []
    for n in range(MESSAGES):
        probe = rng.choice(answered)
        vendor = probe.vendor_id[1:]
        shape = n % 7
        headers = f"From: Agent <agent@v{vendor}.example>\r\nTo: alex@shop.example\r\nMessage-ID: <r{n}@v.example>\r\n"
        subject, body = "Re: A question", "Thank you for your message. The model is in stock and ships tomorrow."
        if shape == 0:
            headers += f"In-Reply-To: {probe.message_id}\r\nReferences: {probe.message_id}\r\n"
        elif shape == 1:
            subject = f"[#{40000 + n}] Your enquiry {probe.reference}"
        elif shape == 2:
            body += f"\r\nRegarding your enquiry {probe.reference}, all is well."
        elif shape == 3:
            body += "\r\n\r\n" + "\r\n".join(probe.quotable_lines)
        elif shape == 4:
            headers = headers.replace(f"agent@v{vendor}", f"sales@mail.v{vendor}")
        elif shape == 5:
            headers = headers.replace(f"agent@v{vendor}.example", "someone@unrelated.example")
        else:
            headers = "From: MAILER-DAEMON@mx.example\r\nTo: alex@shop.example\r\n"
            subject, body = "Undelivered Mail Returned to Sender", f"user unknown\r\n\r\nMessage-ID: {probe.message_id}"
        made.append(parse_message(f"{headers}Subject: {subject}\r\n\r\n{body}\r\n".encode()))
    return made


def timed_matching(index: ProbeIndex, parsed: list[ParsedMessage], vendors: VendorIndex) -> tuple[float, int]:
    kinds = [classify(message) for message in parsed]
    began = time.perf_counter()
    linked = sum(
        match_message(message, kind, NOW, index, vendors) is not None
        for message, kind in zip(parsed, kinds, strict=True)
    )
    return time.perf_counter() - began, linked


def index_from_store(count: int, lines_kept: bool, rng: random.Random) -> tuple[float, float]:
    """Seconds to build the index from a store of `count` sent probes, and to reuse it when nothing was sent."""
    with tempfile.TemporaryDirectory() as work, Store.open(Path(work) / "match.db") as store:
        rows = []
        for n, probe in enumerate(probes(count, rng)):
            message = EmailMessage(policy=SMTP)
            message["From"], message["To"] = "alex@shop.example", probe.to_address
            message["Subject"], message["Message-ID"] = "A question", probe.message_id
            questions = "\n".join(q.format(item=f"model {n}", city="Leeds", name="you", n=n % 50) for q in QUESTIONS)
            message.set_content(f"Hello,\n\n{questions}\n\nReference {10000 + n}-BN\nAlex\n")
            raw = message.as_bytes()
            rows.append({
                "kind": "probe", "vendor_id": probe.vendor_id, "probe_id": "q", "shopper_id": "alex", "language": "en",
                "to_address": probe.to_address, "message_id": probe.message_id, "reference": f"{10000 + n}-BN",
                "subject": "A question", "created_at": probe.sent_at.isoformat(), "sent_at": probe.sent_at.isoformat(),
                "state": "sent", "attempts": 1, "raw": raw,
                "quotable": json.dumps(list(probe_lines(raw))) if lines_kept else None,
            })  # fmt: skip
        store.db.table("outbox").insert_all(rows, batch_size=1000)
        kept = Probes()
        began = time.perf_counter()
        kept.index(store)
        built = time.perf_counter()
        kept.index(store)  # as `run` does at the next arrival, no probe sent meanwhile
        return built - began, time.perf_counter() - built


def main() -> None:
    rng = random.Random(7)
    (kept, reused), (parsed_again, _) = (index_from_store(20_000, lines_kept, rng) for lines_kept in (True, False))
    print(f"index from a store of 20,000 probes: {kept:5.2f}s with the lines kept, {parsed_again:5.2f}s parsing "
          f"every probe again (ratio {parsed_again / kept:.1f}); kept by `run` and reused while nothing is "
          f"sent: {reused * 1000:.2f} ms")  # fmt: skip
    vendors = VendorIndex(
        VendorRef(f"v{n}", frozenset({f"support@v{n}.example"}), frozenset({f"v{n}.example"})) for n in range(VENDORS)
    )
    large = probes(100_000, rng)
    small = large[-200:]  # the latest 200: the probes the messages answer, in both indexes
    parsed = messages(small, rng)

    results = {}
    for name, refs in (("200 probes", small), ("100,000 probes", large)):
        began = time.perf_counter()
        index = ProbeIndex(refs)
        built = time.perf_counter() - began
        seconds, linked = min(timed_matching(index, parsed, vendors) for _ in range(3))
        results[name] = seconds
        print(f"{name:>15}: index built in {built:5.2f}s; {seconds / MESSAGES * 1e6:6.1f} µs a message, "
              f"{linked}/{MESSAGES} linked")  # fmt: skip
    print(f"ratio 100,000 / 200 probes: {results['100,000 probes'] / results['200 probes']:.2f}  (target about 1)")


if __name__ == "__main__":
    main()
