"""Reading replies on the real lab: every kind found, kept raw, linked, never counted twice."""

from __future__ import annotations

import asyncio
import ssl
from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from supportbench.config.targets import Config
from supportbench.inbound.intake import sync_and_interpret
from supportbench.inbound.sync import sync_mailbox
from supportbench.inbound.watcher import MailboxWatcher
from supportbench.lab import MailLab, MailUser
from supportbench.lab.configs import SPAM_FLAG_HEADER
from supportbench.mail import imap
from supportbench.outbound.sending import Sender
from supportbench.store.database import Store, from_iso
from supportbench.waiting import wait_for
from tests.helpers import SHOPPER_PASSWORD_ENV, folder_messages, imap_login, lab_config_data, make_config, submit

PASSWORD_ENV = SHOPPER_PASSWORD_ENV
NewMailbox = Callable[..., MailUser]


class Desk:
    """A vendor's mailbox in the lab and the probe it received."""

    def __init__(self, lab: MailLab, context: ssl.SSLContext, user: MailUser, probe: dict[str, Any]) -> None:
        self.lab, self.context, self.user, self.probe = lab, context, user, probe

    def reply(self, to: str, body: str, sender: MailUser | None = None, **headers: str) -> str:
        return submit(self.lab, sender or self.user, to, self.context, body=body, **headers)


def probe_vendor(
    lab: MailLab,
    context: ssl.SSLContext,
    shopper: MailUser,
    store: Store,
    vendor: MailUser,
    sent_at: datetime | None = None,
) -> tuple[Config, Desk]:
    config = make_config(lab_config_data(lab, shopper, [vendor.address], PASSWORD_ENV))
    when = sent_at or datetime.now(UTC) - timedelta(minutes=1)
    result = asyncio.run(Sender(config, store).send_probe("vendor0", when))
    assert result.state == "sent", result.detail
    return config, Desk(lab, context, vendor, store.outbox_row(result.outbox_id or 0))


def fetch(config: Config, store: Store) -> list[dict[str, Any]]:
    """One `supportbench fetch`: sync INBOX and Junk, classifying and linking as it goes."""
    with imap.logged_in(config.shoppers[0].imap) as client:
        sync_and_interpret(client, store, config, config.shoppers[0].id, lambda: datetime.now(UTC))
    return store.interpreted_messages()


def fetch_until(config: Config, store: Store, count: int) -> list[dict[str, Any]]:
    return wait_for(lambda: len(rows := fetch(config, store)) >= count and rows, timeout=60, what=f"{count} messages")


def test_threaded_human_reply_is_human_and_linked_by_in_reply_to(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    desk.reply(
        shopper.address,
        "Hi Alex, call us on +44 20 7946 0123.",
        Subject="Re: A question",
        In_Reply_To=desk.probe["message_id"],
        References=desk.probe["message_id"],
    )
    (row,) = fetch_until(config, store, 1)
    assert (row["kind"], row["outbox_id"], row["method"], row["folder_role"]) == (
        "human",
        desk.probe["id"],
        "in-reply-to",
        "inbox",
    )


def test_help_desk_rewrites_the_subject_and_answers_from_another_address(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    agent = new_mailbox("agent", "helpdesk.acme.test")  # same company, another address, no thread headers
    desk.reply(
        shopper.address,
        "Hello, our prices are on the website.",
        sender=agent,
        Subject=f"[#12345] Your enquiry {desk.probe['reference']}",
    )
    (row,) = fetch_until(config, store, 1)
    assert (row["kind"], row["outbox_id"], row["method"]) == ("human", desk.probe["id"], "reference-in-subject")


def test_acknowledgement_then_a_human_reply_hours_later_keep_their_arrival_times(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    sent = datetime.now(UTC).replace(microsecond=0) - timedelta(days=1)
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"), sent_at=sent)
    new_york = timezone(timedelta(hours=-5))
    ack = (
        f"From: {desk.user.address}\r\nTo: {shopper.address}\r\nSubject: Ticket Received - 286614\r\n"
        "Auto-Submitted: auto-replied\r\nMessage-ID: <ack@acme.test>\r\n\r\n"
        "We have received your request and will answer within 24 hours.\r\n"
    )
    human = (
        f"From: {desk.user.address}\r\nTo: {shopper.address}\r\nSubject: Re: A question\r\n"
        f"In-Reply-To: {desk.probe['message_id']}\r\nMessage-ID: <late@acme.test>\r\n\r\nHere is the answer.\r\n"
    )
    with imap_login(lab, shopper, lab_tls) as client:  # delivered with chosen arrival times, as the demo does
        client.append("INBOX", ack.encode(), msg_time=(sent + timedelta(minutes=2)).astimezone(new_york))
        client.append("INBOX", human.encode(), msg_time=(sent + timedelta(hours=5)).astimezone(new_york))

    rows = fetch_until(config, store, 2)
    by_kind = {row["kind"]: row for row in rows}
    assert set(by_kind) == {"auto_reply", "human"}
    assert by_kind["auto_reply"]["outbox_id"] == by_kind["human"]["outbox_id"] == desk.probe["id"]
    assert by_kind["auto_reply"]["method"] == "sender-address"
    # The server's INTERNALDATE, not our poll time, and correct across the sender's offset.
    assert from_iso(by_kind["auto_reply"]["internal_date"]) == sent + timedelta(minutes=2)
    assert from_iso(by_kind["human"]["internal_date"]) == sent + timedelta(hours=5)


def test_out_of_office_is_an_auto_reply(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    desk.reply(
        shopper.address,
        "I am out of the office until 2 December. Urgent: call +44 20 7946 0000.",
        Subject="Automatic reply: A question",
    )
    (row,) = fetch_until(config, store, 1)
    assert row["kind"] == "auto_reply" and row["outbox_id"] == desk.probe["id"]


def test_probe_to_a_missing_address_comes_back_as_a_linked_permanent_bounce(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store
) -> None:
    ghost = MailUser("nobody-reads-this@ghost.test", "unused")  # no such mailbox in the lab
    config, desk = probe_vendor(lab, lab_tls, shopper, store, ghost)
    (row,) = fetch_until(config, store, 1)
    assert (row["kind"], row["outbox_id"], row["method"]) == ("bounce", desk.probe["id"], "bounced-message-id")
    assert '"status": "5.1.1"' in row["bounce"] and '"permanent": true' in row["bounce"]
    assert ghost.address in row["bounce"]


def test_reply_filed_in_junk_is_found_and_marked_as_junk(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "spammy.test"))
    desk.reply(
        shopper.address,
        "Our number is +1 212 555 0100.",
        Subject="Re: A question",
        In_Reply_To=desk.probe["message_id"],
        **{SPAM_FLAG_HEADER: "YES"},
    )
    (row,) = fetch_until(config, store, 1)
    assert (row["folder"], row["folder_role"], row["kind"], row["outbox_id"]) == (
        "Junk",
        "junk",
        "human",
        desk.probe["id"],
    )


def test_uidvalidity_change_resyncs_without_duplicates(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    for n in range(2):
        desk.reply(shopper.address, f"answer {n}", Subject=f"Re: A question {n}")
    fetch_until(config, store, 2)
    lab.change_uidvalidity(shopper.address, "INBOX")
    with imap.logged_in(config.shoppers[0].imap) as client:
        results = {
            r.folder.role: r for r in sync_mailbox(client, store, config.shoppers[0].id, lambda: datetime.now(UTC))
        }
    assert results["inbox"].uidvalidity_changed and results["inbox"].new == 0
    desk.reply(shopper.address, "answer 2", Subject="Re: A question 2")
    rows = fetch_until(config, store, 3)
    assert len(rows) == 3 and len({row["message_id"] for row in rows}) == 3


def test_fetch_interprets_what_an_earlier_run_stored_but_did_not_interpret(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    desk.reply(shopper.address, "Call us on 020 7946 0000.", In_Reply_To=desk.probe["message_id"])
    wait_for(lambda: len(folder_messages(lab, shopper, lab_tls)) == 1, timeout=60, what="delivery of the reply")
    with imap.logged_in(config.shoppers[0].imap) as client:  # stored, then the run stopped
        sync_mailbox(client, store, config.shoppers[0].id, lambda: datetime.now(UTC))
    assert len(store.messages_to_interpret(store.ids_to_interpret())) == 1
    with imap.logged_in(config.shoppers[0].imap) as client:
        intake = sync_and_interpret(client, store, config, config.shoppers[0].id, lambda: datetime.now(UTC))
    assert (sum(folder.new for folder in intake.folders), intake.left_over, intake.interpreted) == (0, 1, 1)
    (row,) = store.interpreted_messages()
    assert (row["kind"], row["outbox_id"]) == ("human", desk.probe["id"])


def test_second_sync_with_nothing_new_stores_nothing(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    desk.reply(shopper.address, "answer", Subject="Re: A question")
    fetch_until(config, store, 1)
    with imap.logged_in(config.shoppers[0].imap) as client:
        again = sync_mailbox(client, store, config.shoppers[0].id, lambda: datetime.now(UTC))
    assert [r.new for r in again] == [0, 0]
    assert store.message_count() == 1


def test_a_fetch_that_finds_nothing_new_builds_no_probe_index(
    lab: MailLab,
    lab_tls: ssl.SSLContext,
    shopper: MailUser,
    store: Store,
    new_mailbox: NewMailbox,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    desk.reply(shopper.address, "answer", Subject="Re: A question")
    fetch_until(config, store, 1)

    def no_index(*_: object) -> None:
        raise AssertionError("the probe index was built for a sync with nothing new")

    monkeypatch.setattr("supportbench.inbound.intake.interpreter", no_index)
    with imap.logged_in(config.shoppers[0].imap) as client:
        intake = sync_and_interpret(client, store, config, config.shoppers[0].id, lambda: datetime.now(UTC))
    assert intake.interpreted == 0


def test_fetch_never_marks_mail_read(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    desk.reply(shopper.address, "answer", Subject="Re: A question")
    fetch_until(config, store, 1)
    with imap_login(lab, shopper, lab_tls) as client:
        client.select_folder("INBOX", readonly=True)
        assert client.search(["UNSEEN"]) != []


# -- the watcher ------------------------------------------------------------------------------


def test_watcher_stopped_and_restarted_mid_stream_misses_nothing_and_doubles_nothing(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox
) -> None:
    config, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    arrived: list[int] = []

    def watcher() -> MailboxWatcher:
        return MailboxWatcher(config.shoppers[0], store.path, arrived.append, idle_seconds=30, junk_every=2)

    first = watcher()
    first.start()
    for n in range(2):
        desk.reply(shopper.address, f"first batch {n}", Subject="Re: A question")
    wait_for(lambda: store.message_count() >= 2, timeout=60, what="the first batch")
    first.stop()
    assert not first.alive
    for n in range(3):  # arrive while nobody watches
        desk.reply(shopper.address, f"second batch {n}", Subject="Re: A question")
    wait_for(lambda: len(folder_messages(lab, shopper, lab_tls)) == 5, timeout=60, what="delivery of the second batch")
    second = watcher()
    second.start()
    try:
        wait_for(lambda: store.message_count() >= 5, timeout=60, what="catch-up by UID")
    finally:
        second.stop()
    assert store.message_count() == 5 and sum(arrived) == 5


@pytest.mark.lab  # starts servers of its own
def test_watcher_reconnects_when_the_imap_server_restarts_under_idle(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with MailLab() as private_lab:  # restarting Dovecot disturbs Postfix's SASL link: not on the shared lab
        user = private_lab.add_user("watched@shopper.test")
        monkeypatch.setenv(PASSWORD_ENV, user.password)
        config = make_config(lab_config_data(private_lab, user, ["desk@acme.test"], PASSWORD_ENV))
        context = ssl.create_default_context(cafile=str(private_lab.ca_file))
        with Store.open(tmp_path / "w.db") as store:
            watcher = MailboxWatcher(config.shoppers[0], store.path, lambda _: None, idle_seconds=30, junk_every=30)
            watcher.start()
            try:
                wait_for(lambda: watcher.connections == 1, timeout=30, what="the first connection")
                private_lab.restart_dovecot()
                with imap_login(private_lab, user, context) as client:
                    client.append("INBOX", b"From: desk@acme.test\r\nSubject: after restart\r\n\r\nhello\r\n")
                wait_for(lambda: store.message_count() == 1, timeout=90, what="the message after the restart")
            finally:
                watcher.stop()
            assert watcher.connections >= 2


def test_run_killed_mid_stream_and_restarted_misses_nothing_and_doubles_nothing(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, store: Store, new_mailbox: NewMailbox, tmp_path: Path
) -> None:
    import signal
    import subprocess
    import sys

    import yaml

    _, desk = probe_vendor(lab, lab_tls, shopper, store, new_mailbox("support", "acme.test"))
    data = lab_config_data(lab, shopper, [desk.user.address], PASSWORD_ENV)
    data["vendors"][0]["paused"] = True  # this test is about reading; the probe above is already out
    config_path = tmp_path / "targets.yaml"
    config_path.write_text(yaml.safe_dump(data, allow_unicode=True))

    def start() -> subprocess.Popen[bytes]:
        command = [sys.executable, "-m", "supportbench", "run", "-c", str(config_path), "--db", str(store.path)]
        return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def interpreted() -> int:
        return sum(1 for row in store.interpreted_messages() if row["kind"] is not None)

    process = start()
    try:
        for n in range(2):
            desk.reply(shopper.address, f"first {n}", Subject="Re: A question", In_Reply_To=desk.probe["message_id"])
        wait_for(lambda: interpreted() == 2, timeout=60, what="the first replies, read by `run`")
        process.send_signal(signal.SIGKILL)  # a real kill: no clean shutdown
        process.wait(timeout=30)
        for n in range(3):
            desk.reply(shopper.address, f"second {n}", Subject="Re: A question", In_Reply_To=desk.probe["message_id"])
        wait_for(lambda: len(folder_messages(lab, shopper, lab_tls)) == 5, timeout=60, what="delivery while down")
        process = start()
        wait_for(lambda: interpreted() == 5, timeout=60, what="catch-up after the restart")
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=60) == 0
    finally:
        if process.poll() is None:
            process.kill()
    rows = store.interpreted_messages()
    assert len(rows) == 5 and len({row["message_id"] for row in rows}) == 5
    assert {row["outbox_id"] for row in rows} == {desk.probe["id"]}
