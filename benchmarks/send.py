"""Probes per second through the lab's submission port: the full path against bare sends.

Full path: guards, render, outbox `pending` row, SMTP (STARTTLS + AUTH), `sent` update,
via `Sender.send_probe`. Baselines, on the very same message bytes, one connection
each as the full path uses: `aiosmtplib.send` (the issue's baseline), and our own
transport `smtp.deliver` alone, which isolates what the outbox bookkeeping costs.
Phases rotate between rounds and Postfix's queue drains before each, so that load on
this shared machine falls on all alike; the medians are compared.

    .venv/bin/python benchmarks/send.py [--probes N] [--rounds R]

Target (issue 3): the outbox bookkeeping costs under 20% of bare sending.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import ssl
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

import aiosmtplib
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from supportbench.config.targets import parse_config
from supportbench.lab import MailLab
from supportbench.mail import smtp
from supportbench.outbound.sending import Sender
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.helpers import lab_config_data


class TransportTimer:
    """Wraps `smtp.deliver` so the full path's time splits into SMTP and everything else."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self._deliver = smtp.deliver

    async def __call__(self, *args: Any, **kwargs: Any) -> str:
        began = time.perf_counter()
        try:
            return await self._deliver(*args, **kwargs)
        finally:
            self.seconds += time.perf_counter() - began


async def full_path(sender: Sender, probes: int, start: datetime) -> float:
    began = time.perf_counter()
    for n in range(probes):
        result = await sender.send_probe("vendor0", start + timedelta(seconds=2 * n))
        if result.state != "sent":
            raise SystemExit(f"probe {n} not sent: {result.state} {result.detail}")
    return time.perf_counter() - began


async def transport_only(messages: list[bytes], sender: Sender, to: str) -> float:
    shopper = sender.config.shoppers[0]
    began = time.perf_counter()
    for raw in messages:
        await smtp.deliver(shopper.smtp, shopper.address, [to], raw)
    return time.perf_counter() - began


async def bare(messages: list[bytes], sender: str, to: str, lab: MailLab, password: str) -> float:
    context = ssl.create_default_context(cafile=str(lab.ca_file))
    began = time.perf_counter()
    for raw in messages:
        await aiosmtplib.send(
            raw,
            sender=sender,
            recipients=[to],
            hostname="127.0.0.1",
            port=lab.ports.submission,
            start_tls=True,
            tls_context=context,
            username=sender,
            password=password,
        )
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--probes", type=int, default=100)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()

    times: dict[str, list[float]] = {"bare": [], "transport": [], "full": []}
    bookkeeping: list[float] = []  # per round: full-path time outside smtp.deliver
    timer = TransportTimer()
    smtp.deliver = timer  # type: ignore[assignment]  # measure only; the call is unchanged
    with MailLab() as lab, tempfile.TemporaryDirectory() as work:
        shopper = lab.add_user("bench-shopper@shopper.test")
        vendor = lab.add_user("bench-desk@acme.test")
        os.environ["BENCH_PASSWORD"] = shopper.password
        data = lab_config_data(lab, shopper, [vendor.address], "BENCH_PASSWORD")
        data["shoppers"][0]["save_sent_copy"] = False  # the baselines file no copy either
        data["safety"].update(
            daily_cap=1_000_000,
            repeat_after="1s",
            per_vendor={"max_probes": 1_000_000, "window": "1s", "min_interval": "1s"},
        )
        config = parse_config(yaml.safe_dump(data))
        start = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
        # The same message bytes for the baselines: render them once through the full path.
        with Store.open(Path(work) / "messages.db") as store:
            asyncio.run(full_path(Sender(config, store), args.probes, start))
            messages = [row["raw"] for row in store.outbox_rows()]

        for round_number in range(args.rounds):
            with Store.open(Path(work) / f"round{round_number}.db") as store:
                sender = Sender(config, store)
                phases = {
                    "full": partial(full_path, sender, args.probes, start),
                    "transport": partial(transport_only, messages, sender, vendor.address),
                    "bare": partial(bare, messages, shopper.address, vendor.address, lab, shopper.password),
                }
                shift = round_number % len(phases)
                for name in [*phases][shift:] + [*phases][:shift]:
                    # Postfix delivers in the background; let it finish so no phase pays for another.
                    wait_for(lab.queue_is_empty, timeout=300, what="the Postfix queue to drain")
                    smtp_before = timer.seconds
                    times[name].append(asyncio.run(phases[name]()))
                    if name == "full":
                        bookkeeping.append(times[name][-1] - (timer.seconds - smtp_before))
            print(f"round {round_number + 1}: " + ", ".join(f"{k} {v[-1]:.2f}s" for k, v in times.items()), flush=True)

    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"\n{args.probes} probes per round, {args.rounds} rounds, medians:")
    labels = {"bare": "aiosmtplib.send", "transport": "smtp.deliver alone", "full": "full path"}
    for name, label in labels.items():
        rate, each = args.probes / median[name], 1000 * median[name] / args.probes
        print(f"  {label:<19}: {rate:6.1f} probes/s  {each:6.1f} ms each")
    for baseline in ("bare", "transport"):
        ratio = median["full"] / median[baseline]
        print(f"  full / {labels[baseline]:<19}: {ratio:.3f}")
    # Wall-clock ratios are dominated by Postfix (process reuse between connections);
    # the bookkeeping itself is measured directly: time in the full path outside SMTP.
    own = statistics.median(bookkeeping)
    share = own / median["bare"]
    print(f"  bookkeeping (guards, render, outbox writes): {1000 * own / args.probes:.2f} ms per probe")
    print(f"  bookkeeping / bare sending time: {100 * share:.1f}%  (target < 20%)")


if __name__ == "__main__":
    main()
