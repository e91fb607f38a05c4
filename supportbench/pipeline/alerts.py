"""Alerts mailed to the analysts: what needs a person, said once, through a shopper's own SMTP.

An alert is a condition that stays until someone acts: a vendor paused because its address
bounced, a part of `run` failing, a message the reader could not read. Each has a key, so
the same alert is mailed once however often housekeeping looks; a new failure streak or a
new bounce is a new key.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, make_msgid

from supportbench.config.targets import Config, Shopper
from supportbench.mail import smtp
from supportbench.store.database import Store
from supportbench.store.rows import BounceRow, HealthRow, UnreadableRow, describe_bounce, failing, last_bounce

OWN_COMPONENT = "alerts"  # its own failures cannot be mailed by itself: status and health show them
FAILING_FOR = timedelta(minutes=15)  # as `supportbench health` judges a part stale


@dataclass(frozen=True)
class Alert:
    key: str  # one alert, one mail: the same key is never mailed twice
    text: str


def current_alerts(
    config: Config,
    bounces: Sequence[BounceRow],
    unreadable: Sequence[UnreadableRow],
    health: Sequence[HealthRow],
    now: datetime,
) -> list[Alert]:
    """What needs a person now, from the store's facts."""
    alerts = []
    for vendor in config.vendors:
        bounce = last_bounce(bounces, vendor.id, vendor.address)
        if bounce is not None:
            alerts.append(Alert(f"bounce:{vendor.id}:{bounce['to_address'].lower()}:{bounce['at']}",
                                f"{vendor.id} ({vendor.name}) is paused: {describe_bounce(bounce)}. "
                                f"Fix its address in targets.yaml to probe it again."))  # fmt: skip
    for row in health:
        # A blip (one reconnect) mends itself: a part is worth a mail once it has failed for a while.
        since = row["last_success"] or row["last_error_at"]
        lasting = since is not None and now - datetime.fromisoformat(since) >= FAILING_FOR
        if failing(row) and lasting and row["component"] != OWN_COMPONENT:
            # Keyed by the last success: one alert per failure streak, not one per retry.
            alerts.append(Alert(f"failing:{row['component']}:{row['last_success']}",
                                f"{row['component']} is failing since {(row['last_error_at'] or '')[:16]}: "
                                f"{row['last_error']}"))  # fmt: skip
    for message in unreadable:
        where = f"message {message['id']} in {message['mailbox']} {message['folder']}"
        alerts.append(Alert(f"unreadable:{message['id']}", f"{where} could not be read ({message['reason']}); "
                            "it is kept, and `supportbench rescore` reads it again."))  # fmt: skip
    return alerts


def alert_mail(config: Config, sender: Shopper, alerts: Sequence[Alert], now: datetime) -> EmailMessage:
    """One mail listing the new alerts, marked automatic so no desk or filter mistakes it for a person."""
    assert config.notify is not None
    mail = EmailMessage(policy=SMTP)
    count = f"{len(alerts)} new alert{'' if len(alerts) == 1 else 's'}"
    mail["Subject"] = f"supportbench: {count}"
    mail["From"] = f"supportbench <{sender.address}>"
    mail["To"] = ", ".join(config.notify.to)
    mail["Date"] = format_datetime(now)
    mail["Message-ID"] = make_msgid("alert", domain=sender.address.rpartition("@")[2])
    mail["Auto-Submitted"] = "auto-generated"  # RFC 3834: no auto-reply comes back
    lines = [f"supportbench has {count}:", "", *(f"- {alert.text}" for alert in alerts), "",
             "`supportbench status` shows the current state; `supportbench events` has the history."]  # fmt: skip
    mail.set_content("\n".join(lines))
    return mail


async def mail_new_alerts(store: Store, config: Config, now: datetime) -> list[Alert]:
    """Mail the alerts not mailed before (none when targets.yaml has no `notify:`); returns them.

    Recorded as sent only once the server has taken the mail: a failure is tried again at the
    next housekeeping."""
    if config.notify is None:
        return []
    sent = store.sent_alert_keys()
    alerts = current_alerts(config, store.permanent_bounces(), store.unreadable_messages(), store.health(), now)
    new = [alert for alert in alerts if alert.key not in sent]
    if not new:
        return []
    sender = config.shopper(config.notify.shopper) if config.notify.shopper else config.shoppers[0]
    mail = alert_mail(config, sender, new, now)
    await smtp.deliver(sender.smtp, sender.address, list(config.notify.to), mail.as_bytes())
    store.record_alerts_sent((alert.key for alert in new), now)
    return new
