"""The mail lab is real: Postfix submission, Dovecot delivery, real bounces, a \\Junk folder."""

from __future__ import annotations

import asyncio
import email
import ssl
from collections.abc import Callable
from datetime import timedelta
from email.message import EmailMessage

import aiosmtplib
import pytest
from imapclient import IMAPClient

from supportbench.lab import MailLab, MailUser
from supportbench.lab.configs import SPAM_FLAG_HEADER
from supportbench.waiting import wait_for
from tests.helpers import folder_messages, imap_login, submit

NewMailbox = Callable[..., MailUser]


def test_submitted_message_arrives_with_message_id_and_aware_internaldate(
    lab: MailLab, lab_tls: ssl.SSLContext, new_mailbox: NewMailbox
) -> None:
    shopper, vendor = new_mailbox("shopper"), new_mailbox("support", "acme.test")
    message_id = submit(lab, shopper, vendor.address, lab_tls)

    delivered = wait_for(lambda: folder_messages(lab, vendor, lab_tls), timeout=30, what="delivery to INBOX")

    (data,) = delivered.values()
    parsed = email.message_from_bytes(data[b"BODY[]"])
    assert parsed["Message-ID"] == message_id
    internal_date = data[b"INTERNALDATE"]
    assert internal_date.tzinfo is not None and internal_date.utcoffset() is not None


def test_message_to_unknown_lab_address_bounces_back_as_dsn(
    lab: MailLab, lab_tls: ssl.SSLContext, new_mailbox: NewMailbox
) -> None:
    shopper = new_mailbox("shopper")
    submit(lab, shopper, "no-such-desk@acme.test", lab_tls)

    returned = wait_for(lambda: folder_messages(lab, shopper, lab_tls), timeout=60, what="the bounce")

    (data,) = returned.values()
    bounce = email.message_from_bytes(data[b"BODY[]"])
    assert bounce.get_content_type() == "multipart/report"
    assert bounce.get_param("report-type") == "delivery-status"
    status = next(part for part in bounce.walk() if part.get_content_type() == "message/delivery-status")
    text = status.as_string()
    assert "Action: failed" in text and "Status: 5.1.1" in text
    assert "no-such-desk@acme.test" in text


def test_junk_folder_has_special_use_flag_and_spam_rule_files_into_it(
    lab: MailLab, lab_tls: ssl.SSLContext, new_mailbox: NewMailbox
) -> None:
    shopper, vendor = new_mailbox("shopper"), new_mailbox("support", "spammy.test")
    with imap_login(lab, shopper, lab_tls) as client:
        junk = client.find_special_folder(b"\\Junk")
    assert junk == "Junk"

    submit(lab, vendor, shopper.address, lab_tls, **{SPAM_FLAG_HEADER: "YES"})

    filed = wait_for(lambda: folder_messages(lab, shopper, lab_tls, junk), timeout=30, what="delivery to Junk")
    assert len(filed) == 1
    assert folder_messages(lab, shopper, lab_tls) == {}


def test_tls_is_verified_against_the_lab_ca_only(lab: MailLab, new_mailbox: NewMailbox) -> None:
    user = new_mailbox("shopper")
    system_trust = ssl.create_default_context()  # does not know the lab's CA
    with pytest.raises(ssl.SSLCertVerificationError):
        IMAPClient("127.0.0.1", port=lab.ports.imaps, ssl=True, ssl_context=system_trust, timeout=10)
    with pytest.raises(ssl.SSLCertVerificationError):
        submit(lab, user, user.address, system_trust)


def test_submission_refuses_relay_without_authentication(lab: MailLab, lab_tls: ssl.SSLContext) -> None:
    message = EmailMessage()
    message["From"] = "anyone@shopper.test"
    message["To"] = "someone@acme.test"
    message.set_content("hi")
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused):
        asyncio.run(
            aiosmtplib.send(
                message, hostname="127.0.0.1", port=lab.ports.submission, start_tls=True, tls_context=lab_tls
            )
        )


def test_lab_never_delivers_outside_reserved_domains(
    lab: MailLab, lab_tls: ssl.SSLContext, new_mailbox: NewMailbox
) -> None:
    shopper = new_mailbox("shopper")
    with pytest.raises(aiosmtplib.SMTPRecipientsRefused) as refused:
        submit(lab, shopper, "someone@example.com", lab_tls)
    (refusal,) = refused.value.recipients
    assert refusal.code == 550
    assert "delivers only to .test and .example domains" in refusal.message


def test_internaldate_of_appended_message_is_kept(
    lab: MailLab, lab_tls: ssl.SSLContext, new_mailbox: NewMailbox
) -> None:
    # The demo delivers simulated replies with a chosen arrival time; IMAP APPEND keeps it.
    user = new_mailbox("shopper")
    from datetime import datetime, timezone

    when = datetime(2026, 3, 29, 1, 30, tzinfo=timezone(timedelta(hours=2)))
    with imap_login(lab, user, lab_tls) as client:
        client.append("INBOX", b"Subject: appended\r\n\r\nbody\r\n", msg_time=when)
    (data,) = folder_messages(lab, user, lab_tls).values()
    assert data[b"INTERNALDATE"] == when


def test_mailboxes_added_together_can_all_log_in_even_with_odd_passwords(lab: MailLab, lab_tls: ssl.SSLContext) -> None:
    import secrets

    addresses = [f"batch{n}-{secrets.token_hex(3)}@shopper.test" for n in range(3)]
    users = lab.add_users(addresses, password="-looks-like-an-option")
    for user in users:
        with imap_login(lab, user, lab_tls) as client:
            assert client.select_folder("INBOX")[b"EXISTS"] == 0
    assert lab.add_users(addresses) == users  # idempotent


def test_dovecot_replaces_a_future_append_date_with_now(
    lab: MailLab, lab_tls: ssl.SSLContext, new_mailbox: NewMailbox
) -> None:
    # Why the demo's simulated time ends at the real present: future arrival times are not kept.
    from datetime import UTC, datetime

    user = new_mailbox("shopper")
    future = datetime.now(UTC) + timedelta(hours=5)
    with imap_login(lab, user, lab_tls) as client:
        client.append("INBOX", b"Subject: from the future\r\n\r\nbody\r\n", msg_time=future)
    (data,) = folder_messages(lab, user, lab_tls).values()
    assert data[b"INTERNALDATE"] < future - timedelta(hours=4)
