"""A message the reader fails on is quarantined (`unreadable`, with the reason); the rest go on."""

from __future__ import annotations

import asyncio
import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from supportbench.cli.status import unreadable_lines
from supportbench.config.targets import Config
from supportbench.inbound import replies
from supportbench.inbound.intake import sync_and_interpret
from supportbench.lab import MailLab, MailUser
from supportbench.mail import imap
from supportbench.message.classify import Classification, classify
from supportbench.message.parse import ParsedMessage
from supportbench.pipeline.evaluation import evaluate
from supportbench.store.catalog import save_config
from supportbench.store.database import Store
from supportbench.store.rows import InterpretedRow
from tests.dashboard.test_dashboard import run_app
from tests.helpers import imap_login, make_config, record_probe, record_reply, reply_to
from tests.inbound.test_replies import Desk, NewMailbox, probe_vendor

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)
POISON = "poison pill"


def failing_on_poison(parsed: ParsedMessage) -> Classification:
    """The classifier with a bug that only one message meets."""
    if POISON in parsed.subject:
        raise ValueError("a reader bug met by this message alone")
    return classify(parsed)


def kinds(rows: list[InterpretedRow]) -> dict[str | None, int]:
    counted: dict[str | None, int] = {}
    for row in rows:
        counted[row["kind"]] = counted.get(row["kind"], 0) + 1
    return counted


def test_an_unreadable_message_is_kept_with_its_reason_and_the_others_are_read(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_config()
    probe = record_probe(store, config, "acme", "hello", NOW - timedelta(days=1))
    for n in range(5):
        subject = POISON if n == 2 else None
        raw = reply_to(probe, "agent@acme.example", f"Call us on 020 7946 000{n}.", subject=subject)
        record_reply(store, raw, NOW - timedelta(hours=5 - n))
    monkeypatch.setattr(replies, "classify", failing_on_poison)
    assert replies.process_new_messages(store, config, NOW) == 5
    rows = store.interpreted_messages()
    assert kinds(rows) == {"human": 4, "unreadable": 1}
    (bad,) = [row for row in rows if row["kind"] == "unreadable"]
    assert bad["outbox_id"] is None and "ValueError: a reader bug met by this message alone" in (bad["reasons"] or "")
    assert replies.process_new_messages(store, config, NOW) == 0  # the same reader does not try again

    monkeypatch.setattr(replies, "classify", classify)  # the bug fixed
    assert replies.process_new_messages(store, config, NOW, retry_unreadable=True) == 1  # as `rescore` does
    assert kinds(store.interpreted_messages()) == {"human": 5}


def test_an_upgraded_reader_reads_the_unreadable_again(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_config()
    probe = record_probe(store, config, "acme", "hello", NOW - timedelta(days=1))
    record_reply(store, reply_to(probe, "agent@acme.example", "Hello.", subject=POISON), NOW)
    monkeypatch.setattr(replies, "classify", failing_on_poison)
    replies.process_new_messages(store, config, NOW)
    assert store.ids_to_interpret() == []  # written by this version: not again
    assert len(store.ids_to_interpret(reader="a newer version")) == 1


@pytest.fixture
def poisoned_mailbox(
    lab: MailLab,
    lab_tls: ssl.SSLContext,
    shopper: MailUser,
    store: Store,
    new_mailbox: NewMailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> tuple[Config, Desk]:
    """A probe whose answer is 1,001 replies in the shopper's INBOX, the 501st one the reader fails on."""
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    with imap_login(lab, shopper, lab_tls) as client:
        for n in range(1001):
            subject = POISON if n == 500 else f"Re: {desk.probe['subject']}"
            raw = reply_to(desk.probe, desk.user.address, f"Reply {n}: call us on 020 7946 0000.", subject=subject)
            client.append("INBOX", raw)
    monkeypatch.setattr(replies, "classify", failing_on_poison)
    return config, desk


def test_a_bad_message_among_a_thousand_is_quarantined_under_fetch(
    store: Store, poisoned_mailbox: tuple[Config, Desk]
) -> None:
    config, desk = poisoned_mailbox
    with imap.logged_in(config.shoppers[0].imap) as client:
        intake = sync_and_interpret(client, store, config, config.shoppers[0].id, lambda: datetime.now(UTC))
    assert intake.interpreted == 1001
    rows = store.interpreted_messages()
    assert kinds(rows) == {"human": 1000, "unreadable": 1}
    assert {row["outbox_id"] for row in rows if row["kind"] == "human"} == {desk.probe["id"]}
    assert evaluate(store, config, datetime.now(UTC)).evaluated == 1
    (facts,) = store.probe_facts()
    assert facts["human"] is not None


def test_status_and_the_dashboard_show_what_was_quarantined(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    config = make_config()
    path = tmp_path / "sb.db"
    with Store.open(path) as store:
        probe = record_probe(store, config, "acme", "hello", NOW - timedelta(days=1))
        record_reply(store, reply_to(probe, "agent@acme.example", "Hello.", subject=POISON), NOW)
        record_reply(store, reply_to(probe, "agent@acme.example", "Call us on 020 7946 0000."), NOW)
        with monkeypatch.context() as patch:
            patch.setattr(replies, "classify", failing_on_poison)
            replies.process_new_messages(store, config, NOW)
        save_config(store, config)
        evaluate(store, config, NOW)
        lines = unreadable_lines(store)
    assert lines[0].strip().startswith("1 unreadable")
    assert "ValueError: a reader bug met by this message alone" in lines[1] and "alex/INBOX" in lines[1]
    app = run_app(path, monkeypatch)
    assert "1 received messages could not be read" in app.sidebar.warning[0].value


def test_a_bad_message_among_a_thousand_is_quarantined_under_run(
    store: Store, poisoned_mailbox: tuple[Config, Desk]
) -> None:
    import os
    import signal
    import threading

    from supportbench.outbound.sending import Sender
    from supportbench.pipeline.scheduler import ProbeScheduler, run_until_signalled
    from supportbench.timing.clock import SystemClock
    from supportbench.waiting import wait_for

    config, desk = poisoned_mailbox

    def stop_when_read() -> None:
        try:
            with Store.open_readonly(store.path) as reader:
                wait_for(lambda: len([r for r in reader.interpreted_messages() if r["kind"]]) == 1001, timeout=180,
                         what="run to read every message")  # fmt: skip
        finally:
            os.kill(os.getpid(), signal.SIGTERM)  # what stops `run`: handled by its loop, not fatal here

    stopper = threading.Thread(target=stop_when_read)
    stopper.start()
    asyncio.run(run_until_signalled(ProbeScheduler(Sender(config, store), SystemClock()), store.path))
    stopper.join()
    rows = store.interpreted_messages()
    assert kinds(rows) == {"human": 1000, "unreadable": 1}
    assert {row["outbox_id"] for row in rows if row["kind"] == "human"} == {desk.probe["id"]}
    (facts,) = store.probe_facts()
    assert facts["human_replies"] == 1000  # evaluated by run itself
