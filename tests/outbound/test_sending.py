"""Sending probes for real: the lab's Postfix, an aiosmtpd that misbehaves, real crashes."""

from __future__ import annotations

import asyncio
import email
import signal
import ssl
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
import yaml

from supportbench.config.targets import Config, ServerSettings
from supportbench.lab import MailLab, MailUser
from supportbench.mail import imap, smtp
from supportbench.outbound.sending import Sender, outbox_row
from supportbench.store.database import Store
from supportbench.waiting import wait_for
from tests.faultsmtp import FaultPlan, fault_server
from tests.helpers import SHOPPER_PASSWORD_ENV, folder_messages, lab_config_data, make_config

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)  # a Tuesday
PASSWORD_ENV = SHOPPER_PASSWORD_ENV
NewMailbox = Callable[..., MailUser]


@pytest.fixture
def vendor(new_mailbox: NewMailbox) -> MailUser:
    return new_mailbox("support", "acme.test")


def lab_setup(lab: MailLab, shopper: MailUser, vendor: MailUser, **safety: Any) -> dict[str, Any]:
    data = lab_config_data(lab, shopper, [vendor.address], PASSWORD_ENV)
    data["safety"].update(safety)
    return data


def with_fault_smtp(data: dict[str, Any], port: int, timeout: float = 5.0) -> Config:
    data["shoppers"][0]["smtp"] = {
        "host": "127.0.0.1",
        "port": port,
        "security": "none",
        "username": "shopper",
        "password_env": PASSWORD_ENV,
        "timeout_seconds": timeout,
    }
    data["shoppers"][0]["save_sent_copy"] = False
    return make_config(data)


# -- the happy path through the lab -----------------------------------------------------


def test_due_probe_reaches_the_vendor_with_headers_language_and_reference(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    config = make_config(lab_setup(lab, shopper, vendor))
    sender = Sender(config, store)

    results = asyncio.run(sender.send_due_probes(NOW + timedelta(minutes=5)))

    assert [result.state for result in results] == ["sent"]
    row = store.outbox_row(results[0].outbox_id or 0)
    assert row["state"] == "sent" and row["smtp_response"].startswith("2.0.0 Ok: queued")
    delivered = wait_for(lambda: folder_messages(lab, vendor, lab_tls), timeout=30, what="the probe")
    (data,) = delivered.values()
    message = email.message_from_bytes(data[b"BODY[]"], policy=default)
    assert message["Message-ID"] == row["message_id"]
    assert message["Content-Language"] == "en"
    assert message["Subject"] == "A question"
    assert row["reference"] in message.get_content()
    # A copy went to the shopper's Sent folder, where a crash reconciliation looks for it.
    assert row["message_id"] in imap.find_in_sent(config.shoppers[0].imap, [row["message_id"]])


def test_nothing_is_due_right_after_a_probe_and_a_forced_send_is_refused_and_logged(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    sender = Sender(make_config(lab_setup(lab, shopper, vendor)), store)
    assert [r.state for r in asyncio.run(sender.send_due_probes(NOW))] == ["sent"]

    assert asyncio.run(sender.send_due_probes(NOW + timedelta(hours=1))) == []
    forced = asyncio.run(sender.send_probe("vendor0", NOW + timedelta(hours=1), probe_id="hello"))
    assert forced.state == "refused" and {r.guard for r in forced.refusals} == {"min_interval"}
    assert [e["detail"]["guard"] for e in store.events("guard_refused")] == ["min_interval"]
    assert len(store.outbox_rows()) == 1


def test_dry_run_renders_but_records_and_sends_nothing(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    sender = Sender(make_config(lab_setup(lab, shopper, vendor)), store)
    result = asyncio.run(sender.send_probe("vendor0", NOW, dry_run=True))
    assert result.state == "would_send" and result.message is not None
    assert result.reference and result.reference in result.message.get_content()
    assert store.outbox_rows() == [] and store.events() == []


def test_paused_config_sends_nothing_and_says_why(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    sender = Sender(make_config(lab_setup(lab, shopper, vendor, paused=True)), store)
    assert asyncio.run(sender.send_due_probes(NOW)) == []
    forced = asyncio.run(sender.send_probe("vendor0", NOW))
    assert forced.state == "refused" and "paused" in forced.detail
    assert store.outbox_rows() == []


# -- SMTP faults -------------------------------------------------------------------------


def fault_sender(lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store, port: int, **kw: Any) -> Sender:
    data = lab_setup(lab, shopper, vendor)
    data["safety"]["retry"] = {"max_attempts": 3, "first_delay": "1m", "max_delay": "10m"}
    return Sender(with_fault_smtp(data, port, **kw), store)


def test_temporary_failure_is_retried_with_backoff_then_sent_with_the_same_message(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    plan = FaultPlan(data_replies=["451 4.3.0 Try again later"])
    with fault_server(plan) as port:
        sender = fault_sender(lab, shopper, vendor, store, port)
        first = asyncio.run(sender.send_probe("vendor0", NOW))
        assert first.state == "deferred" and "451 4.3.0" in first.detail
        assert asyncio.run(sender.retry_deferred(NOW + timedelta(seconds=30))) == []  # backoff not over
        retried = asyncio.run(sender.retry_deferred(NOW + timedelta(minutes=1)))
    assert [r.state for r in retried] == ["sent"]
    row = store.outbox_row(first.outbox_id or 0)
    assert row["attempts"] == 2 and row["state"] == "sent"
    assert row["message_id"].encode() in plan.received[0]


def test_permanent_refusal_fails_with_the_servers_words(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    with fault_server(FaultPlan(data_replies=["554 5.7.1 Message rejected as spam"])) as port:
        result = asyncio.run(fault_sender(lab, shopper, vendor, store, port).send_probe("vendor0", NOW))
    assert result.state == "failed"
    row = store.outbox_row(result.outbox_id or 0)
    assert row["state"] == "failed" and "554 5.7.1 Message rejected as spam" in row["error"]
    assert asyncio.run(fault_sender(lab, shopper, vendor, store, 1).retry_deferred(NOW + timedelta(days=1))) == []


def test_refused_recipient_fails(lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store) -> None:
    with fault_server(FaultPlan(refuse_recipients={vendor.address})) as port:
        result = asyncio.run(fault_sender(lab, shopper, vendor, store, port).send_probe("vendor0", NOW))
    assert result.state == "failed" and "550 5.1.1" in result.detail


def test_a_connection_dropped_before_the_message_is_handed_over_is_temporary(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    with fault_server(FaultPlan(drop_on_rcpt=True)) as port:
        result = asyncio.run(fault_sender(lab, shopper, vendor, store, port, timeout=0.5).send_probe("vendor0", NOW))
    assert result.state == "deferred", result.detail


@pytest.mark.parametrize(
    ("plan", "words"),
    [(FaultPlan(drop_on_data=True), "EOF"), (FaultPlan(data_delay=3.0), "Timed out")],
    ids=["accept then drop", "slow server"],
)
def test_no_answer_after_the_message_is_handed_over_is_uncertain_and_never_sent_again(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store, plan: FaultPlan, words: str
) -> None:
    with fault_server(plan) as port:
        sender = fault_sender(lab, shopper, vendor, store, port, timeout=0.5)
        result = asyncio.run(sender.send_probe("vendor0", NOW))
        for minutes in range(1, 11):  # ten minutes of the scheduler's retries and sends
            later = NOW + timedelta(minutes=minutes)
            asyncio.run(sender.retry_deferred(later))
            asyncio.run(sender.send_due_probes(later))
    assert result.state == "uncertain", result.detail
    assert words.lower() in result.detail.lower() and "not sent again" in result.detail
    assert len(plan.received) == 1  # the vendor's server saw it once
    assert store.outbox_row(result.outbox_id or 0)["state"] == "uncertain"


def test_connection_refused_is_temporary_and_gives_up_after_max_attempts(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    from supportbench.lab.servers import free_ports

    sender = fault_sender(lab, shopper, vendor, store, free_ports(1)[0])
    states = [asyncio.run(sender.send_probe("vendor0", NOW)).state]
    for minutes in (1, 3):  # backoff 1m, then 2m
        states += [r.state for r in asyncio.run(sender.retry_deferred(NOW + timedelta(minutes=minutes)))]
    assert states == ["deferred", "deferred", "failed"]
    assert "gave up after 3 attempts" in store.outbox_rows()[0]["error"]


def test_partial_recipient_refusal_is_a_failure(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(PASSWORD_ENV, "anything")
    plan = FaultPlan(refuse_recipients={"gone@acme.test"})
    with fault_server(plan) as port:
        settings = ServerSettings(host="127.0.0.1", port=port, security="none", username="s", password_env=PASSWORD_ENV)
        raw = b"Subject: x\r\n\r\nbody\r\n"
        with pytest.raises(smtp.SmtpError) as raised:
            asyncio.run(smtp.deliver(settings, "s@shop.test", ["ok@acme.test", "gone@acme.test"], raw))
    assert not raised.value.temporary
    assert "gone@acme.test: 550" in str(raised.value)
    assert plan.received == []  # refused before the message was handed over: nobody got half a send


# -- follow-ups --------------------------------------------------------------------------


def test_follow_up_after_two_business_days_in_the_thread_once(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    sender = Sender(make_config(lab_setup(lab, shopper, vendor)), store)
    probe = asyncio.run(sender.send_probe("vendor0", NOW))  # Tuesday 10:00 London
    thursday_before_close = datetime(2026, 11, 26, 16, 59, tzinfo=UTC)
    assert asyncio.run(sender.send_follow_ups(thursday_before_close)) == []
    after = datetime(2026, 11, 26, 17, 1, tzinfo=UTC)
    (follow_up,) = asyncio.run(sender.send_follow_ups(after))
    assert follow_up.state == "sent" and follow_up.kind == "follow_up"
    assert asyncio.run(sender.send_follow_ups(after + timedelta(days=10))) == []  # max: 1

    rows = {row["kind"]: row for row in store.outbox_rows()}
    assert rows["follow_up"]["parent_id"] == probe.outbox_id
    messages = wait_for(lambda: len(m := folder_messages(lab, vendor, lab_tls)) == 2 and m, timeout=30, what="both")
    parsed = [email.message_from_bytes(m[b"BODY[]"], policy=default) for m in messages.values()]
    nudge = next(m for m in parsed if m["In-Reply-To"])
    assert nudge["In-Reply-To"] == rows["probe"]["message_id"]
    assert nudge["Subject"] == "Re: A question"


def test_no_follow_up_when_a_human_replied(lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store) -> None:
    sender = Sender(make_config(lab_setup(lab, shopper, vendor)), store)
    probe = asyncio.run(sender.send_probe("vendor0", NOW))
    from supportbench.store.database import Interpreted, StoredMessage

    reply = StoredMessage("alex", "INBOX", "inbox", 1, 1, NOW + timedelta(hours=2), b"Subject: Re\r\n\r\nhi\r\n")
    store.store_batch([reply], NOW, ("alex", "INBOX", 1, 1))
    reply_pk = store.messages_to_interpret(store.ids_to_interpret())[0]["id"]
    store.save_interpretations(
        [Interpreted.of(reply_pk, "human", [], None, (probe.outbox_id or 0, "in-reply-to", 1.0))], NOW
    )
    assert asyncio.run(sender.send_follow_ups(NOW + timedelta(days=10))) == []


# -- crash safety ----------------------------------------------------------------------------


def test_pending_row_with_a_copy_in_sent_is_reconciled_as_sent(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    config = make_config(lab_setup(lab, shopper, vendor))
    sender = Sender(config, store)
    draft = asyncio.run(sender.send_probe("vendor0", NOW, dry_run=True))
    assert draft.message is not None
    raw = draft.message.as_bytes()
    outbox_id = store.add_pending(
        outbox_row(config.vendors[0], "probe", "hello", draft.message, draft.reference or "", NOW, None)
    )
    imap.append_to_sent(config.shoppers[0].imap, raw, NOW)

    (result,) = sender.reconcile(NOW + timedelta(minutes=5))
    assert result.state == "sent"
    assert store.outbox_row(outbox_id)["state"] == "sent"


def test_process_killed_between_pending_and_sent_leaves_one_uncertain_record_and_no_resend(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store, tmp_path: Path
) -> None:
    plan = FaultPlan(data_delay=60.0)  # the server holds DATA open: the probe is mid-send
    with fault_server(plan) as port:
        data = lab_setup(lab, shopper, vendor)
        config = with_fault_smtp(data, port, timeout=120)
        config_path = tmp_path / "targets.yaml"
        config_path.write_text(yaml.safe_dump(data, allow_unicode=True))
        process = subprocess.Popen(
            [sys.executable, "-m", "supportbench", "send", "vendor0", "-c", str(config_path), "--db", str(store.path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
        try:
            wait_for(lambda: store.outbox_rows("state = 'pending'"), timeout=60, what="the pending row")
            process.send_signal(signal.SIGKILL)  # a real kill, no chance to clean up
            process.wait(timeout=30)
        finally:
            if process.poll() is None:
                process.kill()

    sender = Sender(config, store)
    (result,) = sender.reconcile(datetime.now(UTC))
    assert result.state == "uncertain"
    (row,) = store.outbox_rows()
    assert row["state"] == "uncertain" and row["raw"]  # the record survived, with its bytes
    again = asyncio.run(sender.send_probe("vendor0", datetime.now(UTC)))
    assert again.state == "refused"  # an uncertain probe counts: never sent twice automatically
    assert len(store.outbox_rows()) == 1 and len(plan.received) <= 1  # at most the one killed mid-send


# -- the scheduler as a real process -----------------------------------------------------------


def test_run_sends_the_due_probe_once_and_a_restart_does_not_resend(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, vendor: MailUser, tmp_path: Path
) -> None:
    data = lab_setup(lab, shopper, vendor)
    data["safety"]["jitter"] = "1s"
    config_path = tmp_path / "targets.yaml"
    config_path.write_text(yaml.safe_dump(data, allow_unicode=True))
    db = tmp_path / "run.db"

    def run_until(condition: Callable[[str], bool], what: str) -> str:
        process = subprocess.Popen(
            [sys.executable, "-m", "supportbench", "run", "-v", "-c", str(config_path), "--db", str(db)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        lines: list[str] = []
        try:
            assert process.stdout is not None
            stdout = process.stdout
            wait_for(lambda: lines.append(stdout.readline()) or condition("".join(lines)), timeout=60, what=what)
            process.send_signal(signal.SIGTERM)
            assert process.wait(timeout=60) == 0
        finally:
            if process.poll() is None:
                process.kill()
        return "".join(lines)

    first = run_until(lambda log: "send.sent vendor=vendor0" in log, "the first probe")
    assert "running: 1 vendor to probe (next send " in first and "1 mailbox watched" in first  # the start summary
    assert len(wait_for(lambda: folder_messages(lab, vendor, lab_tls), timeout=30, what="delivery")) == 1

    log = run_until(lambda log: "schedule vendor=vendor0 next=" in log, "the restarted schedule")
    next_time = datetime.fromisoformat(log.split("schedule vendor=vendor0 next=")[1].split()[0])
    assert next_time > datetime.now(UTC) + timedelta(days=6)  # every: 7d, from the store
    with Store.open_readonly(db) as readonly:
        assert [row["state"] for row in readonly.outbox_rows()] == ["sent"]


def test_status_table_counts_states_and_gives_next_due_in_utc(
    lab: MailLab, shopper: MailUser, vendor: MailUser, store: Store
) -> None:
    from supportbench.cli.status import outbox_table

    config = make_config(lab_setup(lab, shopper, vendor))
    sender = Sender(config, store)
    asyncio.run(sender.send_probe("vendor0", NOW))
    table = outbox_table(config, store, sender, NOW + timedelta(hours=1))
    header, row = table.splitlines()[:2]
    assert header.split()[:7] == ["vendor", "pending", "sent", "deferred", "uncertain", "failed", "follow-ups"]
    cells = row.split()
    assert cells[:7] == ["vendor0", "0", "1", "0", "0", "0", "0"]
    due = datetime.strptime(" ".join(cells[7:9]), "%Y-%m-%d %H:%M").replace(tzinfo=UTC)
    assert cells[9] == "UTC" and NOW + timedelta(days=7) <= due <= NOW + timedelta(days=7, minutes=2)


def test_a_send_without_its_password_leaves_no_outbox_row_and_blocks_nothing(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    config = make_config()
    vendor = config.vendors[0]
    monkeypatch.delenv(config.shopper(vendor.shopper).smtp.password_env, raising=False)
    sender = Sender(config, store)
    due_before = sender.next_due(vendor, NOW)
    result = asyncio.run(sender.send_probe(vendor.id, NOW))
    assert result.state == "refused" and [r.guard for r in result.refusals] == ["credentials"]
    assert config.shopper(vendor.shopper).smtp.password_env in result.detail
    assert store.outbox_rows() == []  # never a probe: not scored, not `uncertain`, not counted by the caps
    assert sender.next_due(vendor, NOW) == due_before
    assert [event["detail"]["guard"] for event in store.events("guard_refused")] == ["credentials"]


def test_a_relay_that_trusts_this_machine_is_used_without_signing_in(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(PASSWORD_ENV, raising=False)
    plan = FaultPlan()
    with fault_server(plan) as port:
        settings = ServerSettings(host="127.0.0.1", port=port, security="none", username="s", auth="none")
        raw = b"Subject: x\r\n\r\nbody\r\n"
        response = asyncio.run(smtp.deliver(settings, "s@shop.test", ["desk@acme.test"], raw))
    assert "Ok" in response and len(plan.received) == 1  # no AUTH, and no password asked for


def test_a_permanent_bounce_pauses_the_vendor_until_its_address_is_fixed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    from supportbench.cli.status import outbox_table
    from supportbench.store.database import Interpreted
    from tests.helpers import config_data, record_probe, record_reply, reply_to

    data = config_data()
    config = make_config(data)
    vendor = config.vendors[0]
    monkeypatch.setenv(config.shopper(vendor.shopper).smtp.password_env or "", "x")
    probe = record_probe(store, config, vendor.id, vendor.probes[0], NOW - timedelta(days=40))
    record_reply(store, reply_to(probe, "mailer-daemon@mx.example", "User unknown"), NOW - timedelta(days=40))
    (message_pk,) = store.ids_to_interpret()
    bounce = {"recipient": vendor.address, "status": "5.1.1", "permanent": True}
    store.save_interpretations([Interpreted.of(message_pk, "bounce", ["test"], bounce, (probe["id"], "x", 1.0))], NOW)

    refused = asyncio.run(Sender(config, store).send_probe(vendor.id, NOW, vendor.probes[0], dry_run=True))
    assert "bounced" in [r.guard for r in refused.refusals]
    assert "bounced permanently on" in refused.detail and "(5.1.1)" in refused.detail
    table = outbox_table(config, store, Sender(config, store), NOW)
    assert "paused: bounced" in table and f"{vendor.id}: {vendor.address} bounced permanently" in table
    for hour in range(3):  # `run` looks again every hour: the standing refusal is recorded once
        asyncio.run(Sender(config, store).send_probe(vendor.id, NOW + timedelta(hours=hour), vendor.probes[0]))
    assert [e["detail"]["guard"] for e in store.events("guard_refused")].count("bounced") == 1

    data["vendors"][0]["address"] = "help@" + vendor.address.partition("@")[2]  # the analyst fixes it
    fixed = make_config(data)
    again = asyncio.run(Sender(fixed, store).send_probe(vendor.id, NOW, vendor.probes[0], dry_run=True))
    assert "bounced" not in [r.guard for r in again.refusals]
