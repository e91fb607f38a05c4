"""Messages per second for a first full sync, against bare imapclient fetches of the same mail.

Two lab mailboxes of N messages each (fresh Message-IDs throughout):

- "shopper": what a mystery shopper's mailbox receives. 200 probes are composed for the
  demo's 13 simulated vendors (five languages, all their behaviours) and the desks answer
  them again and again: human replies (quoting, rewritten subjects, other addresses),
  acknowledgements, out-of-office notices. Probes to the vendor whose address does not
  exist come back as a real bounce from the corpus, and every 20th message is one of the
  project's reply fixtures (HTML-only, odd charsets, broken MIME, newsletters).
- "bounce corpus": the test data as it is, 94% real bounces from some sixty kinds of
  server, the costliest mail to read. Shown as the worst case.

For each, in one run: bare SELECT, SEARCH and FETCH BODY.PEEK[] INTERNALDATE in batches
(nothing else); the full first sync as `supportbench fetch` does it (`sync_and_interpret`:
fetch, store raw, classify, match, in worker processes as batches arrive); the same sync
into a second store with nothing interpreted; a second sync with nothing new; and, without
IMAP, the interpretation of the same messages in this one process. Bare and full are each
run --repeat times and the fastest run of each counts (the machines here are shared).

    .venv/bin/python benchmarks/ingest.py [--messages N] [--repeat R] [--what-if US ...]

--what-if replaces classification and matching with busy work of US microseconds of CPU time a
message (0: none at all) and prints the ratio the same pipeline then reaches on the shopper
mailbox: how fast interpretation must be for a given ratio on this machine.

Targets (issue 4): the full sync of the shopper mailbox at least half the bare fetch rate;
the second sync well under a second.
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
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import yaml
from imapclient import IMAPClient

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from supportbench.config.targets import Config, parse_config
from supportbench.inbound import intake
from supportbench.inbound.intake import Intake, sync_and_interpret
from supportbench.inbound.replies import Pending, interpreter
from supportbench.inbound.sync import FETCH_BATCH, sync_mailbox
from supportbench.lab import MailLab
from supportbench.mail import imap
from supportbench.message.parse import body_text
from supportbench.outbound.sending import Sender, outbox_row
from supportbench.simulation.demo import DemoOptions, demo_config_data
from supportbench.simulation.desks import Desk, ProbeSeen, plan_replies
from supportbench.store.database import Interpreted, Store

DATA = Path(__file__).resolve().parents[1] / "tests" / "data"
PROBES = 200
TARGET_RATIO = 0.5  # issue 4: the full first sync at least half the bare fetch rate
_MESSAGE_ID = re.compile(rb"^Message-ID:[^\r\n]*\r?\n", re.I | re.M)


@dataclass(frozen=True)
class Figures:
    messages: int
    bare_seconds: float
    full_seconds: float
    fetch_only_seconds: float
    again_seconds: float
    again_new: int
    linked: int
    kinds: Counter[str]
    interpret_seconds: float  # the same messages interpreted in one process, no IMAP

    def ratio(self, seconds: float) -> float:
        return self.bare_seconds / seconds


def with_fresh_id(template: bytes, n: int) -> bytes:
    return f"Message-ID: <bench-{n}@corpus.example>\r\n".encode() + _MESSAGE_ID.sub(b"", template, count=1)


def bench_config(lab: MailLab, password_env: str) -> Config:
    """The demo's simulated vendors, every shopper reading the one bench mailbox, no send limits."""
    data = demo_config_data(DemoOptions())
    user = lab.add_user("bench@shopper.test")
    os.environ[password_env] = user.password
    for shopper in data["shoppers"]:
        settings = lab.shopper_settings(user, shopper["name"], password_env)
        shopper["smtp"], shopper["imap"] = settings["smtp"], settings["imap"]
    data["safety"] = {
        "daily_cap": 100_000,
        "repeat_after": "1s",
        "per_vendor": {"max_probes": 100_000, "window": "1s", "min_interval": "1s"},
    }
    return parse_config(yaml.safe_dump(data, allow_unicode=True))


def send_probes(config: Config, store: Store) -> list[tuple[Desk, ProbeSeen]]:
    """PROBES probes recorded as sent (composed, not mailed), with each desk's view of its probe."""
    sender = Sender(config, store, rng=random.Random(1))
    start = datetime.now(UTC) - timedelta(days=3)
    seen = []
    for n in range(PROBES):
        vendor = config.vendors[n % len(config.vendors)]
        at = start + timedelta(minutes=7 * n)
        result = asyncio.run(sender.send_probe(vendor.id, at, dry_run=True))
        assert result.message is not None and result.probe_id is not None, result
        row = outbox_row(vendor, "probe", result.probe_id, result.message, result.reference or "", at, None)
        store.mark_sent(store.add_pending(row), at, "250 ok")
        probe, shopper = config.probe(result.probe_id), config.shopper(vendor.shopper)
        desk = Desk(vendor.id, vendor.name, vendor.language, vendor.tags["behaviour"], vendor.address,
                    vendor.alternate_addresses[0], vendor.calendar, n % len(config.vendors))  # fmt: skip
        seen.append((desk, ProbeSeen(
            str(result.message["Message-ID"]), str(result.message["Subject"]), body_text(result.message.as_bytes()),
            at, shopper.name, shopper.address, tuple(q.id for q in probe.questions), probe.category,
        )))  # fmt: skip
    return seen


def shopper_mailbox(
    probes: list[tuple[Desk, ProbeSeen]], n: int, rng: random.Random
) -> tuple[list[bytes], Counter[str]]:
    """N messages as the desks answer the probes, round after round; and where they came from."""
    bounces = sorted(p for p in (DATA / "bounces").rglob("*.eml") if p.parent.name != "not-bounce")
    fixtures = sorted((DATA / "replies").rglob("*.eml"))

    def messages() -> Iterator[tuple[str, bytes]]:
        for sequence in range(1, 1_000_000):
            desk, probe = probes[sequence % len(probes)]
            if desk.behaviour == "bounce":
                yield "real bounce", with_fresh_id(rng.choice(bounces).read_bytes(), sequence)
            for planned in plan_replies(desk, probe, sequence, rng):
                yield f"desk {planned.kind}", planned.raw
            if sequence % 20 == 0:
                yield "reply fixture", with_fresh_id(rng.choice(fixtures).read_bytes(), sequence)

    chosen = [pair for pair, _ in zip(messages(), range(n), strict=False)]
    return [raw for _, raw in chosen], Counter(source for source, _ in chosen)


def corpus_mailbox(n: int) -> list[bytes]:
    templates = [path.read_bytes() for path in sorted(DATA.rglob("*.eml"))]
    return [with_fresh_id(templates[k % len(templates)], k) for k in range(n)]


def fill(config: Config, folder: str, messages: list[bytes]) -> None:
    with imap.logged_in(config.shoppers[0].imap) as client:
        if not client.folder_exists(folder):
            client.create_folder(folder)
        when = datetime.now(UTC) - timedelta(days=1)
        for start in range(0, len(messages), 500):
            client.multiappend(folder, [{"msg": m, "date": when} for m in messages[start : start + 500]])


def bare_fetch(lab: MailLab, config: Config, folder: str) -> float:
    settings = config.shoppers[0].imap
    context = ssl.create_default_context(cafile=str(lab.ca_file))
    began = time.perf_counter()
    with IMAPClient("127.0.0.1", port=lab.ports.imaps, ssl=True, ssl_context=context, timeout=60) as client:
        client.login(settings.username, os.environ[settings.password_env])
        client.select_folder(folder, readonly=True)
        uids = client.search(["UID", "1:*"])
        for start in range(0, len(uids), FETCH_BATCH):  # as many a FETCH as the sync asks for
            client.fetch(uids[start : start + FETCH_BATCH], ["BODY.PEEK[]", "INTERNALDATE"])
    return time.perf_counter() - began


def measure(lab: MailLab, config: Config, probes_db: Path, work: Path, messages: list[bytes], repeat: int) -> Figures:
    """Fill INBOX with `messages` (emptied first) and time the syncs of it."""
    with imap.logged_in(config.shoppers[0].imap) as client:
        client.select_folder("INBOX")
        client.delete_messages(client.search(["ALL"]))
        client.expunge()
    fill(config, "INBOX", messages)
    bare_seconds = min(bare_fetch(lab, config, "INBOX") for _ in range(repeat))
    full = [full_sync(config, probes_db, work) for _ in range(repeat)]
    full_seconds, intake, store_path = min(full, key=lambda run: run[0])

    with Store.open(store_path) as store:
        began = time.perf_counter()
        with imap.logged_in(config.shoppers[0].imap) as client:
            again = sum(r.new for r in sync_mailbox(client, store, "bench", lambda: datetime.now(UTC)))
        again_seconds = time.perf_counter() - began
        interpreted = store.interpreted_messages()
        work_on = interpreter(store, config)
        began = time.perf_counter()
        work_on([(n, raw, datetime.now(UTC)) for n, raw in enumerate(messages)])
        interpret_seconds = time.perf_counter() - began

    with Store.open(work / f"fetch-only-{time.monotonic_ns()}.db") as fetch_only:
        began = time.perf_counter()
        with imap.logged_in(config.shoppers[0].imap) as client:
            sync_mailbox(client, fetch_only, "bench", lambda: datetime.now(UTC))
        fetch_only_seconds = time.perf_counter() - began

    assert intake.interpreted == sum(r.new for r in intake.folders) == len(messages) == len(interpreted)
    return Figures(
        messages=len(messages),
        bare_seconds=bare_seconds,
        full_seconds=full_seconds,
        fetch_only_seconds=fetch_only_seconds,
        again_seconds=again_seconds,
        again_new=again,
        linked=sum(1 for row in interpreted if row["outbox_id"] is not None),
        kinds=Counter(row["kind"] for row in interpreted),
        interpret_seconds=interpret_seconds,
    )


def full_sync(config: Config, probes_db: Path, work: Path) -> tuple[float, Intake, Path]:
    """`supportbench fetch`'s first sync into a fresh copy of the store holding the probes."""
    store_path = work / f"full-{time.monotonic_ns()}.db"
    store_path.write_bytes(probes_db.read_bytes())
    with Store.open(store_path) as store:
        began = time.perf_counter()
        with imap.logged_in(config.shoppers[0].imap) as client:
            intake = sync_and_interpret(client, store, config, "bench", lambda: datetime.now(UTC))
        return time.perf_counter() - began, intake, store_path


def busy_interpreter(microseconds: float) -> Callable[[Store, Config], Callable[[list[Pending]], list[Interpreted]]]:
    """A stand-in for `replies.interpreter` whose batches cost `microseconds` of CPU a message."""

    def interpreter(_store: Store, _config: Config) -> Callable[[list[Pending]], list[Interpreted]]:
        def work(batch: list[Pending]) -> list[Interpreted]:
            for _ in batch:
                # CPU time, not the clock: a worker that waits for a core must not count the wait.
                until = time.thread_time() + microseconds / 1e6
                while time.thread_time() < until:
                    pass
            return [Interpreted.of(pk, "human", ["what-if"], None, None) for pk, _, _ in batch]

        return work

    return interpreter


def verdict(met: bool) -> str:
    return "MET" if met else "NOT MET"


def show(title: str, figures: Figures, target: float | None) -> None:
    """The figures of one mailbox; with a target, whether the full sync met it (and the second sync its own)."""
    n = figures.messages
    print(f"\n{title}")
    print(f"  bare imapclient fetch : {figures.bare_seconds:6.2f}s = {n / figures.bare_seconds:7.0f} msg/s")
    print(f"  full first sync       : {figures.full_seconds:6.2f}s = {n / figures.full_seconds:7.0f} msg/s")
    print(f"  fetch+store alone     : {figures.fetch_only_seconds:6.2f}s = {n / figures.fetch_only_seconds:7.0f} msg/s")
    print(f"  read as               : {', '.join(f'{k} {v}' for k, v in sorted(figures.kinds.items()))}; "
          f"{figures.linked} linked to a probe")  # fmt: skip
    ratio = figures.ratio(figures.full_seconds)
    goal = f"target >= {target:.2f} {verdict(ratio >= target)}" if target is not None else "no target"
    print(f"  ratio full/bare rate  : {ratio:.2f}  ({goal})")
    print(f"  ratio fetch+store/bare: {figures.ratio(figures.fetch_only_seconds):.2f}")
    print(f"  interpretation alone  : {figures.interpret_seconds / n * 1e6:6.0f} µs a message in one process")
    print(f"  second sync, nothing new: {figures.again_new} new in {figures.again_seconds * 1000:.0f} ms"
          f"  (target well under 1 s {verdict(figures.again_seconds < 0.5)})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--what-if", type=float, nargs="*", default=[], metavar="US")
    args = parser.parse_args()

    with MailLab() as lab, tempfile.TemporaryDirectory() as temp:
        work = Path(temp)
        config = bench_config(lab, "BENCH_PASSWORD")
        with Store.open(work / "probes.db") as store:
            probes = send_probes(config, store)
            store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file alone holds the probes
        messages, sources = shopper_mailbox(probes, args.messages, random.Random(4))
        print(f"shopper mailbox: {', '.join(f'{k} {v}' for k, v in sorted(sources.items()))}", flush=True)
        shopper = measure(lab, config, work / "probes.db", work, messages, args.repeat)
        corpus = measure(lab, config, work / "probes.db", work, corpus_mailbox(args.messages), args.repeat)
        what_if = {}
        for microseconds in args.what_if:
            intake.interpreter = busy_interpreter(microseconds)  # type: ignore[assignment, attr-defined]
            what_if[microseconds] = measure(lab, config, work / "probes.db", work, messages, args.repeat)

    show(f"shopper mailbox, {args.messages} messages", shopper, TARGET_RATIO)
    show(f"bounce corpus, {args.messages} messages (worst case)", corpus, None)
    for microseconds, figures in what_if.items():
        print(f"\nwhat if interpretation cost {microseconds:.0f} µs a message: ratio full/bare "
              f"{figures.ratio(figures.full_seconds):.2f} on the shopper mailbox")  # fmt: skip


if __name__ == "__main__":
    main()
