"""`run` is supervised: a failing step is retried and kept in the health table, a stepped wall clock
stalls nothing, the backlog is read at start, and a store file that vanishes stops it clearly."""

from __future__ import annotations

import asyncio
import os
import sqlite3
import ssl
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml

from supportbench.errors import StoreError
from supportbench.inbound import watcher as watcher_module
from supportbench.inbound.sync import sync_mailbox
from supportbench.inbound.watcher import MailboxWatcher
from supportbench.lab import MailLab, MailUser
from supportbench.mail import imap
from supportbench.outbound.sending import Sender
from supportbench.pipeline import scheduler as scheduler_module
from supportbench.pipeline.scheduler import ProbeScheduler
from supportbench.store.database import Store
from supportbench.store.rows import failing
from supportbench.waiting import wait_for
from tests.helpers import SHOPPER_PASSWORD_ENV, lab_config_data, make_config, submit

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


class SteppedClock:
    """A wall clock that an operator (or NTP) sets by hand."""

    def __init__(self, now: datetime) -> None:
        self.moment = now

    def now(self) -> datetime:
        return self.moment


def health_of(store: Store, component: str) -> dict[str, Any]:
    return next(dict(row) for row in store.health() if row["component"] == component)


def test_a_failed_interpretation_is_retried_and_its_health_kept(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[int] = []

    def flaky(*_args: Any, **_kwargs: Any) -> int:
        calls.append(1)
        if len(calls) == 1:
            raise sqlite3.OperationalError("database is locked")
        return 0

    monkeypatch.setattr(scheduler_module, "process_new_messages", flaky)
    scheduler = ProbeScheduler(Sender(make_config(), store), SteppedClock(NOW))

    async def scenario() -> None:
        arrived = asyncio.Event()
        arrived.set()
        task = asyncio.create_task(scheduler_module._interpret_arrivals(scheduler, arrived))
        try:
            await asyncio.wait_for(_until(lambda: len(calls) >= 2), timeout=30)
        finally:
            task.cancel()

    asyncio.run(scenario())
    row = health_of(store, "interpretation")
    assert row["last_error"] == "OperationalError: database is locked" and row["last_success"] is not None
    assert not failing(row)  # it recovered by itself, without new mail to wake it


async def _until(condition: Any) -> None:
    while not condition():
        await asyncio.sleep(0.05)


def test_housekeeping_evaluates_on_schedule_whatever_the_wall_clock_does(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    evaluated: list[datetime] = []
    monkeypatch.setattr(scheduler_module, "evaluate", lambda _s, _c, now: evaluated.append(now) or _Summary())
    clock, ticks = SteppedClock(NOW), [0.0]
    scheduler = ProbeScheduler(Sender(make_config(), store), clock, monotonic=lambda: ticks[0])
    asyncio.run(scheduler._housekeeping())
    clock.moment -= timedelta(days=1)  # stepped back a day
    ticks[0] += 16 * 60  # while a quarter hour and a minute really passed
    asyncio.run(scheduler._housekeeping())
    clock.moment += timedelta(days=2)  # and forward again
    ticks[0] += 60  # one minute later: not yet due
    asyncio.run(scheduler._housekeeping())
    assert evaluated == [NOW, NOW - timedelta(days=1)]


class _Summary:
    evaluated = 0


def test_a_watcher_survives_any_failure_and_says_so(
    lab: MailLab, shopper: MailUser, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_config(lab_config_data(lab, shopper, ["support@acme.test"], SHOPPER_PASSWORD_ENV))
    failures: list[int] = []

    def locked_once(*args: Any, **kwargs: Any) -> Any:
        if not failures:
            failures.append(1)
            raise sqlite3.OperationalError("database is locked")
        return sync_mailbox(*args, **kwargs)

    monkeypatch.setattr(watcher_module, "sync_mailbox", locked_once)
    watcher = MailboxWatcher(config.shoppers[0], store.path, lambda _: None, junk_every=1.0)
    watcher.start()
    try:
        wait_for(lambda: watcher.connections >= 2 and health_of_or_none(store, watcher.component), timeout=60,
                 what="a reconnect after the failure")  # fmt: skip
        assert watcher.alive
    finally:
        watcher.stop()
    row = health_of(store, watcher.component)
    assert row["last_error"] == "OperationalError: database is locked"
    wait_for(lambda: health_of(store, watcher.component)["last_success"], timeout=30, what="a sync after it")
    # What it watches, and how it found the Junk folder, as `status` shows it.
    assert health_of(store, watcher.component)["detail"] == "INBOX and 'Junk' (special-use \\Junk flag)"
    from supportbench.cli.status import health_lines

    assert any("INBOX and 'Junk' (special-use \\Junk flag)" in line for line in health_lines(store, NOW))


def health_of_or_none(store: Store, component: str) -> bool:
    return any(row["component"] == component and row["last_error"] for row in store.health())


def start_run(lab: MailLab, shopper: MailUser, tmp_path: Path, db: Path) -> subprocess.Popen[str]:
    data = lab_config_data(lab, shopper, ["support@acme.test"], SHOPPER_PASSWORD_ENV)
    data["vendors"][0]["paused"] = True  # about reading and supervision, not sending
    config_path = tmp_path / "targets.yaml"
    config_path.write_text(yaml.safe_dump(data, allow_unicode=True))
    command = [sys.executable, "-m", "supportbench", "run", "-c", str(config_path), "--db", str(db)]
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def test_run_reads_the_backlog_a_killed_run_left_without_waiting_for_new_mail(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, new_mailbox: Any, tmp_path: Path
) -> None:
    desk = new_mailbox("support", "acme.test")
    submit(lab, desk, shopper.address, lab_tls, body="Call us on 020 7946 0000.", Subject="Re: A question")
    db = tmp_path / "run.db"
    config = make_config(lab_config_data(lab, shopper, [desk.address], SHOPPER_PASSWORD_ENV))
    with Store.open(db) as store:
        wait_for(lambda: _stored_only(store, config), timeout=60, what="the reply, stored but not interpreted")
    process = start_run(lab, shopper, tmp_path, db)
    try:
        with Store.open_readonly(db) as reader:
            wait_for(lambda: [r for r in reader.interpreted_messages() if r["kind"]], timeout=60, what="the backlog")
    finally:
        process.terminate()
        process.wait(timeout=60)


def _stored_only(store: Store, config: Any) -> bool:
    with imap.logged_in(config.shoppers[0].imap) as client:
        sync_mailbox(client, store, config.shoppers[0].id, lambda: datetime.now(UTC))
    return store.message_count() == 1


def test_run_stops_with_a_clear_error_when_its_store_file_is_deleted(
    lab: MailLab, shopper: MailUser, tmp_path: Path
) -> None:
    db = tmp_path / "run.db"
    process = start_run(lab, shopper, tmp_path, db)
    try:
        with _opened_when_made(db) as reader:
            wait_for(lambda: reader.health(), timeout=60, what="run at work")
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
        _, stderr = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 1 and "Traceback" not in stderr, stderr
    assert "was deleted while in use" in stderr


def _opened_when_made(db: Path) -> Store:
    """The store as soon as `run` has made and migrated it (a reader that comes during the
    migrations is told the store needs migrating, which is right, and here means wait)."""
    return wait_for(lambda: _migrated(db), timeout=60, what="the store, made and migrated")


def _migrated(db: Path) -> Store | None:
    try:
        return Store.open_readonly(db)
    except StoreError:
        return None


def test_sighup_reloads_targets_yaml_and_a_broken_one_is_refused_while_run_goes_on(tmp_path: Path) -> None:
    import signal as signals

    from supportbench.lab.servers import free_ports
    from supportbench.store.catalog import read_catalog
    from tests.helpers import MINIMAL

    closed = free_ports(1)[0]  # nothing listens: the watcher retries, nothing leaves this machine
    data = yaml.safe_load(MINIMAL.replace("mail.shop.example", "127.0.0.1").replace("port: 993", f"port: {closed}"))
    data["vendors"][0]["paused"] = True
    data["database"] = str(tmp_path / "run.db")
    path = tmp_path / "targets.yaml"
    path.write_text(yaml.safe_dump(data))
    command = [sys.executable, "-m", "supportbench", "run", "-c", str(path)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "ALEX_PW": "x"})  # fmt: skip
    try:
        assert process.stdout is not None and process.stderr is not None
        assert process.stdout.readline().startswith("running:")
        second = {**data["vendors"][0], "id": "bolt", "name": "Bolt", "address": "help@bolt.example"}
        data["vendors"].append(second)
        path.write_text(yaml.safe_dump(data))
        process.send_signal(signals.SIGHUP)
        wait_for(lambda: "reloaded targets.yaml: 2 vendors" in process.stderr.readline(), timeout=60, what="the reload")
        with Store.open_readonly(tmp_path / "run.db") as reader:
            assert set(read_catalog(reader).vendors) == {"acme", "bolt"}
        path.write_text("vendors: [")  # broken: the running config must stay
        process.send_signal(signals.SIGHUP)
        wait_for(lambda: "reload refused" in process.stderr.readline(), timeout=60, what="the refusal")
        assert process.poll() is None
        process.send_signal(signals.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
