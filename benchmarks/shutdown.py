"""How long `supportbench run` takes to stop on SIGTERM while it watches many shopper mailboxes.

A real `run` process against the mail lab, every mailbox connected and in IDLE (the health
table shows each watcher's first sync), then SIGTERM; the time to exit is measured from the
signal. Baseline in the same run: one mailbox. Each watcher notices a stop within its IDLE
slice (about a second); they are asked all at once, so the time should hardly grow with the
number of mailboxes (stopped one after another, 50 took about 25 s).

    .venv/bin/python benchmarks/shutdown.py [--mailboxes 50] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from supportbench.lab import MailLab
from supportbench.store.database import Store
from supportbench.waiting import wait_for

PASSWORD_ENV = "BENCH_SHOPPER_PASSWORD"


def targets(lab: MailLab, mailboxes: int, password: str, run: str) -> dict[str, object]:
    users = lab.add_users([f"shopper{n}-{run}@bench.test" for n in range(mailboxes)], password=password)
    shoppers = [lab.shopper_settings(user, f"Shopper {n}", PASSWORD_ENV) for n, user in enumerate(users)]
    return {
        "shoppers": shoppers,
        "vendors": [{
            "id": "acme", "name": "Acme", "address": "support@acme.test", "language": "en",
            "timezone": "Europe/London", "country": "GB", "hours": {"mon-fri": "09:00-17:00"},
            "probes": ["hello"], "schedule": {"every": "7d"}, "shopper": shoppers[0]["id"], "paused": True,
        }],
        "probes": [{
            "id": "hello", "category": "pre-sales",
            "variants": {"en": {"subject": "A question", "body": "Hello {vendor_name}, ref {reference}"}},
            "questions": [{"id": "phone", "answered_if": {"en": [["phone"]]}}],
        }],
    }  # fmt: skip


def seconds_to_stop(lab: MailLab, mailboxes: int, folder: Path) -> float:
    password = "bench-password"
    folder.mkdir(parents=True)
    config = folder / "targets.yaml"
    config.write_text(yaml.safe_dump(targets(lab, mailboxes, password, folder.name)))
    db = folder / "run.db"
    command = [sys.executable, "-m", "supportbench", "run", "-c", str(config), "--db", str(db)]
    process = subprocess.Popen(command, env={**os.environ, PASSWORD_ENV: password}, stderr=subprocess.DEVNULL)
    try:
        wait_for(db.exists, timeout=60, what="the store")

        def watching() -> bool:
            with Store.open_readonly(db) as store:
                return sum(row["component"].startswith("watcher:") for row in store.health()) == mailboxes

        wait_for(watching, timeout=120, what=f"{mailboxes} watchers at work")
        started = time.perf_counter()
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=120)
        return time.perf_counter() - started
    finally:
        if process.poll() is None:
            process.kill()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mailboxes", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    medians: list[float] = []
    with MailLab() as lab, tempfile.TemporaryDirectory() as folder:
        for count in (1, args.mailboxes):
            times = [seconds_to_stop(lab, count, Path(folder) / f"{count}-{n}") for n in range(args.repeat)]
            print(f"{count:>3} mailboxes: stopped in {statistics.median(times):.2f} s (median of {args.repeat})")
            medians.append(statistics.median(times))
        print(f"ratio {args.mailboxes} mailboxes / 1 mailbox: {medians[1] / medians[0]:.2f}")


if __name__ == "__main__":
    main()
