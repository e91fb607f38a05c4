"""Alerts mailed to the analysts: each once, with the reason, through the shopper's own SMTP."""

from __future__ import annotations

import asyncio
import email
import socket
import ssl
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from email.policy import default

import pytest

from supportbench.errors import ConfigError, MailError
from supportbench.lab import MailLab, MailUser
from supportbench.pipeline.alerts import current_alerts, mail_new_alerts
from supportbench.store.database import Interpreted, Store
from supportbench.store.rows import BounceRow, HealthRow, UnreadableRow
from tests.helpers import (
    SHOPPER_PASSWORD_ENV,
    config_data,
    folder_messages,
    lab_config_data,
    make_config,
    record_probe,
    record_reply,
    reply_to,
)

NOW = datetime(2026, 11, 2, 10, 0, tzinfo=UTC)


def bounce(vendor_id: str, address: str, at: str = "2026-11-01T09:00:00+00:00") -> BounceRow:
    return {"vendor_id": vendor_id, "to_address": address, "at": at, "recipient": address, "status": "5.1.1",
            "reason": "550 5.1.1 User unknown", "how": "bounced"}  # fmt: skip


def health(component: str, success: str | None, error_at: str | None) -> HealthRow:
    return {"component": component, "last_success": success, "last_error": "OSError: connection refused",
            "last_error_at": error_at, "detail": None}  # fmt: skip


def test_alerts_come_from_bounces_of_the_current_address_failure_streaks_and_unreadable_mail() -> None:
    config = make_config()
    vendor = config.vendors[0]
    unreadable: UnreadableRow = {"id": 7, "mailbox": "alex", "folder": "INBOX", "internal_date": "2026-11-01",
                                 "reason": "RecursionError", "reader": "1.0"}  # fmt: skip
    streak = [health("watcher:alex", "2026-11-01T08:00+00:00", "2026-11-01T09:00+00:00"),
              health("sending", "2026-11-01T10:00+00:00", "2026-11-01T09:00+00:00")]  # fmt: skip
    alerts = current_alerts(config, [bounce(vendor.id, vendor.address)], [unreadable], streak, NOW)
    texts = [alert.text for alert in alerts]
    assert len(alerts) == 3 and "is paused: support@acme.example bounced permanently" in texts[0]
    assert "User unknown" in texts[0] and texts[1].startswith("watcher:alex is failing since 2026-11-01T09:00")
    assert "RecursionError" in texts[2]
    # The same streak retried later is the same alert; a new streak (after a success) is a new one.
    retried = current_alerts(
        config, [], [], [health("watcher:alex", "2026-11-01T08:00+00:00", "2026-11-01T11:00+00:00")], NOW
    )
    again = current_alerts(
        config, [], [], [health("watcher:alex", "2026-11-02T08:00+00:00", "2026-11-02T09:00+00:00")], NOW
    )
    assert retried[0].key == alerts[1].key != again[0].key
    # A blip mends itself: failing for five minutes is no alert yet.
    blip = [health("watcher:alex", "2026-11-02T09:55+00:00", "2026-11-02T09:57+00:00")]
    assert current_alerts(config, [], [], blip, NOW) == []
    # The analyst fixed the address: the old bounce is no longer an alert.
    assert current_alerts(config, [bounce(vendor.id, "old@acme.example")], [], [], NOW) == []


def test_notify_must_name_a_known_shopper() -> None:
    data = config_data()
    data["notify"] = {"to": ["analyst@ours.example"], "shopper": "zoe"}
    with pytest.raises(ConfigError, match=r"notify\.shopper: no shopper with id 'zoe'"):
        make_config(data)


def test_new_alerts_are_mailed_once_and_a_failed_send_is_tried_again(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, new_mailbox: Callable[..., MailUser], store: Store
) -> None:
    analyst = new_mailbox("analyst", "ours.test")
    data = lab_config_data(lab, shopper, ["gone@acme.test"], SHOPPER_PASSWORD_ENV)
    data["notify"] = {"to": [analyst.address]}
    config = make_config(data)
    probe = record_probe(store, config, "vendor0", "hello", NOW - timedelta(days=1))
    record_reply(store, reply_to(probe, "mailer-daemon@acme.test", "User unknown"), NOW - timedelta(hours=20))
    (message_pk,) = store.ids_to_interpret()
    found = {"recipient": "gone@acme.test", "status": "5.1.1", "permanent": True, "reason": "550 5.1.1 User unknown"}
    store.save_interpretations([Interpreted.of(message_pk, "bounce", ["test"], found, (probe["id"], "x", 1.0))], NOW)

    with socket.socket() as closed:  # a port nobody listens on: the mail server is down
        closed.bind(("127.0.0.1", 0))
        data["shoppers"][0]["smtp"]["port"] = closed.getsockname()[1]
    with pytest.raises(MailError):
        asyncio.run(mail_new_alerts(store, make_config(data), NOW))
    assert store.sent_alert_keys() == set()  # not taken by a server: not recorded, tried again

    (mailed,) = asyncio.run(mail_new_alerts(store, config, NOW))
    assert asyncio.run(mail_new_alerts(store, config, NOW + timedelta(minutes=1))) == []
    (received,) = folder_messages(lab, analyst, lab_tls).values()
    mail = email.message_from_bytes(received[b"BODY[]"], policy=default)  # type: ignore[arg-type]
    assert mail["Subject"] == "supportbench: 1 new alert" and mail["Auto-Submitted"] == "auto-generated"
    assert shopper.address in mail["From"]
    body = mail.get_body().get_content()  # type: ignore[union-attr]
    assert "vendor0 (Vendor 0) is paused: gone@acme.test bounced permanently" in body and "User unknown" in body
    assert mailed.key in store.sent_alert_keys()
