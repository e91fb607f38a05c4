"""The demo on the embedded defaults: weeks of mystery shopping in minutes, in a private mail lab.

Only two things are simulated, and this module says where:

1. The clock. Simulated time runs from `weeks` ago up to the real present (never beyond:
   Dovecot replaces a future APPEND date by "now"). At each simulated moment the real
   production steps run with that moment as `now`: `Sender.send_due_probes` (the
   scheduler's job: planning, guards, composition, outbox, SMTP submission to the lab's
   Postfix), `retry_deferred`, `send_follow_ups`, the IMAP sync of every shopper mailbox,
   classification and matching.
2. The vendors (`simulation.desks`). Each simulated desk reads the probes that really
   arrived in its lab mailbox and plans its answers; an answer is delivered into the
   shopper's mailbox by IMAP APPEND with its simulated arrival as INTERNALDATE, so reply
   times are measured from the server's INTERNALDATE exactly as in production. A desk whose
   address does not exist gets a real Postfix bounce.

Everything after that is production code: evaluation against every standard and the
ranking. `verify` compares what the pipeline measured with what the desks know they did.
"""

from __future__ import annotations

import asyncio
import heapq
import itertools
import os
import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from importlib import resources
from pathlib import Path
from typing import Any

import imapclient
import yaml

from supportbench.config.targets import Config, ServerSettings, parse_config
from supportbench.errors import StoreError, SupportbenchError
from supportbench.inbound.replies import process_new_messages
from supportbench.inbound.sync import sync_mailbox
from supportbench.lab import MailLab
from supportbench.mail import imap
from supportbench.message.parse import parse_message
from supportbench.outbound.sending import Sender
from supportbench.pipeline.evaluation import evaluate
from supportbench.simulation import phrases
from supportbench.simulation.desks import BEHAVIOURS, Desk, Planned, ProbeSeen, plan_replies
from supportbench.store.catalog import save_config
from supportbench.store.database import Store, from_iso
from supportbench.waiting import wait_for

HOUSEKEEPING_EVERY = timedelta(hours=6)  # retries, follow-ups and a mailbox sync, in simulated time
LANGUAGES = ("en", "pl", "ru", "fi", "ro")
INDUSTRIES = ("retail", "saas", "travel", "electronics")
COMPANIES = {
    "en": ("Brightdesk", "Harbor Outdoor", "Northwind Audio", "Kestrel Bikes", "Parcel & Post", "Bluefin Travel"),
    "pl": ("Zielony Koszyk", "Meble Sosna", "Szybki Serwis", "Księgarnia Pod Dębem", "Rowerownia"),
    "ru": ("ТехноМаркет", "Книжный Дом", "Уютный Дом", "СпортЛайн", "Вкусная Лавка"),
    "fi": ("Kodinkone", "Pohjolan Kirja", "Retkiväline", "Kahvipaahtimo Aalto", "Pyöräpaja"),
    "ro": ("Librăria Carpați", "Casa Verde", "Electro Dacia", "Cafeneaua Veche", "Biciclete Delta"),
}


@dataclass(frozen=True)
class DemoOptions:
    vendors: int = len(BEHAVIOURS)
    weeks: int = 6
    seed: int = 2026
    db: Path = Path("supportbench-demo.db")


@dataclass
class DemoRun:
    """What the demo produced: the store, the config, and the desks' own record of what they did."""

    config: Config
    store_path: Path
    now: datetime
    delivered: list[Planned] = field(default_factory=list)
    bounced_probes: list[str] = field(default_factory=list)  # Message-IDs of probes to missing addresses
    probes_sent: int = 0


def embedded_targets() -> str:
    """The example targets.yaml shipped inside the package."""
    return resources.files("supportbench").joinpath("data/targets.yaml").read_text(encoding="utf-8")


def demo_config_data(options: DemoOptions) -> dict[str, Any]:
    """The embedded targets.yaml with its vendors replaced by simulated desks, one behaviour each.

    Shoppers, probes and standards are the embedded ones. The schedule and the per-vendor caps
    are tightened so a few simulated weeks give each vendor enough probes to rank.
    """
    data: dict[str, Any] = yaml.safe_load(embedded_targets())
    shopper_by_language = {"en": "alex", "pl": "anna", "ru": "olga", "fi": "mikko", "ro": "elena"}
    probes_by_language = {
        language: [p["id"] for p in data["probes"] if language in p["variants"] and p["category"] != "unclear-question"]
        for language in LANGUAGES
    }
    vendors = []
    per_language: dict[str, int] = {}
    for index in range(options.vendors):
        behaviour = BEHAVIOURS[index % len(BEHAVIOURS)]
        language = "en" if behaviour == "clarifier" else LANGUAGES[(index + index // len(BEHAVIOURS)) % len(LANGUAGES)]
        taken = per_language[language] = per_language.get(language, -1) + 1
        names = COMPANIES[language]
        company = names[taken % len(names)] + (f" {taken // len(names) + 1}" if taken >= len(names) else "")
        slug = f"desk{index + 1:02d}"
        persona = phrases.PERSONAS[language]
        probes = ["unclear-compatibility"] if behaviour == "clarifier" else probes_by_language[language]
        if behaviour == "brush-off" and "one-click-order-failed" in probes:
            probes = ["one-click-order-failed"]  # a curt answer to a problem report: seed text 004
        vendors.append({
            "id": f"{slug}-{behaviour}", "name": company, "address": f"support@{slug}.example",
            "alternate_addresses": [f"team@{slug}.example"], "language": language, "timezone": persona.zone,
            "country": persona.country, "hours": {"mon-fri": "09:00-17:00"},
            "tags": {"behaviour": behaviour, "segment": "b2c" if index % 2 else "b2b",
                     "industry": INDUSTRIES[index % len(INDUSTRIES)]},
            "probes": probes, "schedule": {"every": "4d"}, "shopper": shopper_by_language[language],
        })  # fmt: skip
    data["vendors"] = vendors
    data["safety"] = {
        "daily_cap": 200,
        "per_vendor": {"max_probes": 10, "window": "28d", "min_interval": "3d"},
        "send_windows": {"mon-fri": "09:00-18:00"},
        "repeat_after": "1d",
        "jitter": "45m",
        "follow_up": {"after_business_days": 3, "max": 1, "to_alternate": False},
    }
    return data


DEMO_CONFIG_HEADER = (
    "# Written by `supportbench demo`: the config of the demo's store (the mail lab it names is gone).\n"
)


def replace_demo_store(path: Path) -> None:
    """Remove an earlier demo's store at `path`; refuse to touch any other file."""
    if not path.exists():
        return
    try:
        with Store.open_readonly(path) as store:
            made_by_demo = bool(store.events("demo"))
    except StoreError:
        made_by_demo = False
    if not made_by_demo:
        raise SupportbenchError(
            f"{path} exists and was not made by the demo: choose another --db, or remove it yourself"
        )
    for leftover in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        leftover.unlink(missing_ok=True)


def run_demo(
    options: DemoOptions, report: Callable[[str], None], progress: Callable[[int, int], None] | None = None
) -> DemoRun:
    """Simulate `options.weeks` of probing up to now, then evaluate; the lab is stopped after."""
    replace_demo_store(options.db)
    with MailLab() as lab:
        report(f"mail lab up: Postfix + Dovecot on 127.0.0.1 (submission {lab.ports.submission}, "
               f"IMAPS {lab.ports.imaps})")  # fmt: skip
        data = demo_config_data(options)
        config = _point_at_lab(lab, data)
        _write_demo_config(data, options.db)
        missing = {v.address for v in config.vendors if v.tags.get("behaviour") == "bounce"}
        desk_users = lab.add_users([a for v in config.vendors for a in v.all_addresses if a not in missing])
        report(f"{len(config.vendors)} simulated vendors in {', '.join(sorted({v.language for v in config.vendors}))}"
               f", {options.weeks} simulated weeks")  # fmt: skip
        now = datetime.now(UTC).replace(microsecond=0)
        with Store.open(options.db) as store:
            save_config(store, config)
            store.log_event(now, "info", "demo", {"weeks": options.weeks, "vendors": options.vendors})
            simulation = _Simulation(lab, config, store, desk_users, options, now)
            run = asyncio.run(simulation.run(progress))
        return run


def demo_config_path(db: Path) -> Path:
    """Where the demo writes the config its store was made with (`review serve -c` reads it)."""
    return db.with_suffix(".targets.yaml")


def _write_demo_config(data: dict[str, Any], db: Path) -> None:
    path = demo_config_path(db)
    if path.exists() and not path.read_text(encoding="utf-8").startswith(DEMO_CONFIG_HEADER):
        raise SupportbenchError(f"{path} exists and was not written by the demo: choose another --db")
    text = yaml.safe_dump({**data, "database": db.name}, allow_unicode=True, sort_keys=False)
    path.write_text(DEMO_CONFIG_HEADER + text, encoding="utf-8")


def _point_at_lab(lab: MailLab, data: dict[str, Any]) -> Config:
    for shopper in data["shoppers"]:
        user = lab.add_user(shopper["address"])
        env = f"SUPPORTBENCH_DEMO_{shopper['id'].upper()}_PASSWORD"
        settings = lab.shopper_settings(user, shopper["name"], env)
        shopper["smtp"], shopper["imap"] = settings["smtp"], settings["imap"]
        os.environ[env] = user.password
    return parse_config(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), source="demo targets.yaml")


class _Simulation:
    def __init__(
        self, lab: MailLab, config: Config, store: Store, desk_users: list[Any], options: DemoOptions, now: datetime
    ) -> None:
        self.lab, self.config, self.store, self.options, self.end = lab, config, store, options, now
        self.start = now - timedelta(weeks=options.weeks)
        self.rng = random.Random(options.seed)
        self.sender = Sender(config, store, rng=random.Random(options.seed + 1))
        self.passwords = {user.address: user.password for user in desk_users}
        self.desks = {
            vendor.address: Desk(
                vendor_id=vendor.id, company=vendor.name, language=vendor.language,
                behaviour=vendor.tags["behaviour"], address=vendor.address, colleague=vendor.alternate_addresses[0],
                calendar=vendor.calendar, staff_number=index,
            )
            for index, vendor in enumerate(config.vendors)
        }  # fmt: skip
        self.queue: list[tuple[datetime, int, Planned]] = []
        self.counter = itertools.count()
        self.seen_uids: dict[str, int] = {}
        self.result = DemoRun(config, options.db, now)

    async def run(self, progress: Callable[[int, int], None] | None) -> DemoRun:
        shoppers = {s.address: imap.connect(s.imap) for s in self.config.shoppers}
        desks = {address: self._desk_client(address) for address in self.desks if address in self.passwords}
        total = int((self.end - self.start).total_seconds() // 3600)
        try:
            moment, next_housekeeping = self.start, self.start
            while moment <= self.end:
                sent = await self.sender.send_due_probes(moment)  # the scheduler's job, at simulated time
                self.result.probes_sent += sum(result.state == "sent" for result in sent)
                if moment >= next_housekeeping:
                    await self.sender.retry_deferred(moment)
                    sent += await self.sender.send_follow_ups(moment)
                    next_housekeeping = moment + HOUSEKEEPING_EVERY
                if sent:
                    wait_for(self.lab.queue_is_empty, timeout=60, what="Postfix delivering the probes")
                    self._desks_read(desks)
                delivered = self._deliver_until(moment, shoppers)
                if sent or delivered:
                    self._shoppers_sync(shoppers, moment)
                moment = min(self._next_event(moment), max(next_housekeeping, moment + timedelta(minutes=1)))
                if progress:
                    progress(min(total, int((moment - self.start).total_seconds() // 3600)), total)
            # The present: what has arrived by now is all the pipeline may see.
            wait_for(self.lab.queue_is_empty, timeout=60, what="Postfix delivering the last bounces")
            self._shoppers_sync(shoppers, self.end)
            evaluate(self.store, self.config, self.end)
        finally:
            for client in [*shoppers.values(), *desks.values()]:
                client.logout()
        self.result.bounced_probes = [
            row["message_id"]
            for row in self.store.outbox_rows("kind = 'probe' AND state = 'sent'")
            if self.desks[row["to_address"]].behaviour == "bounce"
        ]
        return self.result

    def _next_event(self, moment: datetime) -> datetime:
        due = [self.sender.next_due(vendor, moment) for vendor in self.config.vendors]
        upcoming = [when for when in due if when > moment]
        if self.queue:
            upcoming.append(self.queue[0][0])
        return max(moment + timedelta(minutes=1), min(upcoming, default=self.end + timedelta(seconds=1)))

    def _desk_client(self, address: str) -> imapclient.IMAPClient:
        settings = ServerSettings(
            host="127.0.0.1", port=self.lab.ports.imaps, security="tls", username=address,
            password_env="SUPPORTBENCH_DEMO_DESK_PASSWORD", ca_file=self.lab.ca_file,
        )  # fmt: skip
        os.environ["SUPPORTBENCH_DEMO_DESK_PASSWORD"] = self.passwords[address]
        client = imap.connect(settings)
        client.select_folder("INBOX", readonly=True)
        return client

    def _desks_read(self, desks: dict[str, imapclient.IMAPClient]) -> None:
        """Simulated vendors read what really arrived in their mailboxes and plan their answers."""
        for address, client in desks.items():
            client.noop()
            uids = [uid for uid in client.search(["UID", f"{self.seen_uids.get(address, 0) + 1}:*"])
                    if uid > self.seen_uids.get(address, 0)]  # fmt: skip
            if not uids:
                continue
            self.seen_uids[address] = max(uids)
            for data in client.fetch(uids, ["BODY.PEEK[]"]).values():
                message = parse_message(data[b"BODY[]"])
                if message.in_reply_to:
                    continue  # our follow-ups: desks answer (or ignore) the probe itself
                self._plan(self.desks[address], message)

    def _plan(self, desk: Desk, message: Any) -> None:
        rows = self.store.outbox_rows("message_id = ?", [message.message_id])
        if not rows:
            return
        row = rows[0]
        probe = self.config.probe(row["probe_id"])
        shopper = self.config.shopper(row["shopper_id"])
        # Desks "understand" the probe: which questions it asks comes from the config, as a reader would know.
        sent_at = from_iso(row["sent_at"] or row["created_at"])
        seen = ProbeSeen(
            message_id=row["message_id"], subject=row["subject"], text=message.text, sent_at=sent_at,
            shopper_name=shopper.name, shopper_address=shopper.address,
            question_ids=tuple(q.id for q in probe.questions), category=probe.category,
        )  # fmt: skip
        for planned in plan_replies(desk, seen, row["id"], self.rng):
            heapq.heappush(self.queue, (planned.arrives_at, next(self.counter), planned))

    def _deliver_until(self, moment: datetime, shoppers: dict[str, imapclient.IMAPClient]) -> int:
        """APPEND every planned message whose simulated arrival has come, with that arrival as INTERNALDATE."""
        delivered = 0
        while self.queue and self.queue[0][0] <= min(moment, self.end):
            _, _, planned = heapq.heappop(self.queue)
            recipient = parse_message(planned.raw).to_addresses[0]
            shoppers[recipient].append(planned.folder, planned.raw, msg_time=planned.arrives_at)
            self.result.delivered.append(planned)
            delivered += 1
        return delivered

    def _shoppers_sync(self, shoppers: dict[str, imapclient.IMAPClient], moment: datetime) -> None:
        for shopper in self.config.shoppers:
            sync_mailbox(shoppers[shopper.address], self.store, shopper.id, lambda: moment)
        process_new_messages(self.store, self.config, moment)
