"""The sending steps: probes, retries, follow-ups and crash reconciliation, through a crash-safe outbox.

Each step is small and idempotent and takes `now`. The order for one message is:
guards -> render -> outbox row `pending` (with its Message-ID and bytes) -> SMTP ->
`sent` (time, server reply) or `deferred`/`failed` -> a copy in the shopper's Sent
folder. A crash leaves a `pending` row, which `reconcile` settles at the next start:
`sent` if its copy is in the Sent folder, else `uncertain`, never sent again by itself.
"""

from __future__ import annotations

import email
import logging
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from typing import Any

from supportbench.config.targets import Config, Shopper, Vendor
from supportbench.errors import MailError
from supportbench.mail import imap, smtp
from supportbench.mail.credentials import check_credentials
from supportbench.outbound import compose
from supportbench.outbound.guards import Refusal, bounced, check_send
from supportbench.outbound.planning import OutboxEntry, choose_probe, next_send_time
from supportbench.store.database import Store, from_iso, iso
from supportbench.store.rows import NewOutboxRow, OutboxRow

log = logging.getLogger("supportbench.sending")


@dataclass
class SendResult:
    """What happened to one attempted send (or what would happen, for a dry run)."""

    vendor_id: str
    kind: str
    state: str  # sent, deferred, failed, refused, would_send
    outbox_id: int | None = None
    reference: str | None = None
    probe_id: str | None = None
    detail: str = ""
    refusals: list[Refusal] = field(default_factory=list)
    message: EmailMessage | None = None


def _credentials_missing(shopper: Shopper) -> list[Refusal]:
    """A send whose password is not there never gets an outbox row: a probe that never left is
    not a probe (it would be scored, and block the vendor, as if sent)."""
    try:
        check_credentials(shopper.smtp)
    except MailError as exc:
        return [Refusal("credentials", f"shopper {shopper.id}: {exc}")]
    return []


def outbox_row(
    vendor: Vendor,
    kind: str,
    probe_id: str,
    message: EmailMessage,
    reference: str,
    now: datetime,
    parent_id: int | None,
) -> NewOutboxRow:
    """The outbox record of a rendered message, as written before any SMTP conversation."""
    return {
        "kind": kind,
        "parent_id": parent_id,
        "vendor_id": vendor.id,
        "probe_id": probe_id,
        "shopper_id": vendor.shopper,
        "language": vendor.language,
        "to_address": str(message["To"]),
        "message_id": str(message["Message-ID"]),
        "reference": reference,
        "subject": str(message["Subject"]),
        "created_at": iso(now),
        "due_at": iso(now),
        "raw": message.as_bytes(policy=SMTP_POLICY),
    }


class Sender:
    """The sending side of the pipeline for one configuration and one store."""

    def __init__(self, config: Config, store: Store, rng: random.Random | None = None) -> None:
        self.config = config
        self.store = store
        self.rng = rng or random.SystemRandom()

    # -- history -----------------------------------------------------------------

    def history(self, now: datetime) -> list[OutboxEntry]:
        safety = self.config.safety
        lookback = max(safety.repeat_after, safety.per_vendor.window, safety.per_vendor.min_interval, timedelta(days=1))
        return [
            OutboxEntry(row["vendor_id"], row["probe_id"], row["kind"], row["state"], from_iso(row["created_at"]))
            for row in self.store.outbox_history(now - lookback)
        ]

    def next_due(self, vendor: Vendor, now: datetime) -> datetime:
        return next_send_time(vendor, self.config, self.history(now), now)

    # -- probes --------------------------------------------------------------------

    async def send_due_probes(self, now: datetime) -> list[SendResult]:
        """Send each vendor's probe whose time has come (one per vendor, however long we were down)."""
        results = []
        for vendor in self.config.vendors:
            if vendor.paused or self.config.safety.paused:
                continue
            if self.next_due(vendor, now) <= now:
                results.append(await self.send_probe(vendor.id, now))
        return results

    async def send_probe(
        self, vendor_id: str, now: datetime, probe_id: str | None = None, dry_run: bool = False
    ) -> SendResult:
        """One probe to a vendor now, through every guard."""
        vendor = self.config.vendor(vendor_id)
        history = self.history(now)
        chosen = probe_id or choose_probe(vendor, history, now, self.config.safety.repeat_after)
        if chosen is None:
            refusal = Refusal("repeat_after", f"every probe of {vendor.id} was sent within safety.repeat_after")
            return self._refused(vendor, "probe", [refusal], now, dry_run)
        if chosen not in vendor.probes:
            refusal = Refusal("unknown_probe", f"probe {chosen!r} is not one of {vendor.id}'s probes: {vendor.probes}")
            return self._refused(vendor, "probe", [refusal], now, dry_run)
        shopper = self.config.shopper(vendor.shopper)
        refusals = check_send(self.config, vendor, vendor.address, "probe", history, now)
        refusals += [] if dry_run else _credentials_missing(shopper)
        if (stopped := bounced(vendor, vendor.address, self.store.permanent_bounces())) is not None:
            refusals.append(stopped)
        if refusals:
            return self._refused(vendor, "probe", refusals, now, dry_run)

        reference = compose.new_reference(self.rng)
        message = compose.render_probe(
            self.config.probe(chosen),
            vendor,
            shopper,
            reference=reference,
            message_id=compose.new_message_id(shopper.domain, self.rng),
            at=now,
        )
        if dry_run:
            return SendResult(vendor.id, "probe", "would_send", reference=reference, probe_id=chosen, message=message)
        outbox_id = self.store.add_pending(outbox_row(vendor, "probe", chosen, message, reference, now, parent_id=None))
        return await self._attempt(outbox_id, now)

    # -- retries -------------------------------------------------------------------

    async def retry_deferred(self, now: datetime) -> list[SendResult]:
        """Try again each message whose backoff has run out."""
        return [await self._attempt(row["id"], now) for row in self.store.due_retries(now)]

    # -- follow-ups ----------------------------------------------------------------

    async def send_follow_ups(self, now: datetime) -> list[SendResult]:
        """One polite follow-up in the thread when no human replied within the vendor's business days."""
        settings = self.config.safety.follow_up
        results = []
        for row in self.store.follow_up_candidates():
            earlier = self.store.follow_ups_of(row["id"])
            if len(earlier) >= settings.max:
                continue
            vendor = self.config.vendor(row["vendor_id"])
            last_sent = from_iso(max([row["created_at"], *(e["created_at"] for e in earlier)]))
            if now < vendor.calendar.add_business_days(last_sent, settings.after_business_days):
                continue
            results.append(await self._send_follow_up(row, vendor, now))
        return results

    async def _send_follow_up(self, probe_row: OutboxRow, vendor: Vendor, now: datetime) -> SendResult:
        to_address = (
            vendor.alternate_addresses[0]
            if self.config.safety.follow_up.to_alternate and vendor.alternate_addresses
            else vendor.address
        )
        refusals = check_send(self.config, vendor, to_address, "follow_up", self.history(now), now)
        shopper = self.config.shopper(vendor.shopper)
        refusals += _credentials_missing(shopper)
        if refusals:
            return self._refused(vendor, "follow_up", refusals, now, dry_run=False)
        original = email.message_from_bytes(probe_row["raw"], _class=EmailMessage, policy=SMTP_POLICY)
        reference = str(probe_row["reference"])
        message = compose.render_follow_up(
            original,
            vendor,
            shopper,
            reference=reference,
            message_id=compose.new_message_id(shopper.domain, self.rng),
            at=now,
            to_address=to_address,
        )
        outbox_id = self.store.add_pending(
            outbox_row(
                vendor, "follow_up", str(probe_row["probe_id"]), message, reference, now, parent_id=int(probe_row["id"])
            )
        )
        return await self._attempt(outbox_id, now)

    # -- crash recovery ----------------------------------------------------------------

    def reconcile(self, now: datetime) -> list[SendResult]:
        """Settle rows left `pending` by a crash: found in the Sent folder -> sent, else uncertain."""
        results = []
        pending = self.store.outbox_rows("state = 'pending'")
        by_shopper: dict[str, list[OutboxRow]] = {}
        for row in pending:
            by_shopper.setdefault(str(row["shopper_id"]), []).append(row)
        for shopper_id, rows in by_shopper.items():
            shopper = self.config.shopper(shopper_id)
            try:
                found = imap.find_in_sent(shopper.imap, [str(row["message_id"]) for row in rows])
            except MailError as exc:
                log.warning("reconcile.imap_failed shopper=%s error=%s", shopper_id, exc)
                found = {}
            for row in rows:
                outbox_id = int(row["id"])
                if row["message_id"] in found:
                    self.store.mark_sent(outbox_id, found[str(row["message_id"])], "found in Sent after a restart")
                    state, detail = "sent", "its copy is in the Sent folder"
                else:
                    self.store.mark_state(outbox_id, "uncertain", "left pending by a crash; no copy in the Sent folder")
                    state, detail = "uncertain", "left pending by a crash and not found in Sent: not resent"
                self._event(now, "reconciled", row["vendor_id"], outbox_id=outbox_id, state=state)
                results.append(
                    SendResult(
                        str(row["vendor_id"]), str(row["kind"]), state, outbox_id, str(row["reference"]), detail=detail
                    )
                )
        return results

    # -- internals -----------------------------------------------------------------------

    async def _attempt(self, outbox_id: int, now: datetime) -> SendResult:
        """One SMTP attempt for an outbox row, recorded before and after."""
        row = self.store.outbox_row(outbox_id)
        attempt = self.store.begin_attempt(outbox_id)
        shopper = self.config.shopper(row["shopper_id"])
        result = SendResult(row["vendor_id"], row["kind"], "sent", outbox_id, row["reference"], row["probe_id"])
        try:
            response = await smtp.deliver(shopper.smtp, shopper.address, [row["to_address"]], row["raw"])
        except smtp.SmtpError as exc:
            retry = self.config.safety.retry
            if exc.uncertain:
                self.store.mark_state(outbox_id, "uncertain", str(exc))
                result.state, result.detail = "uncertain", str(exc)
            elif exc.temporary and attempt < retry.max_attempts:
                delay = min(retry.first_delay * 2 ** (attempt - 1), retry.max_delay)
                self.store.mark_deferred(outbox_id, str(exc), now + delay)
                result.state, result.detail = (
                    "deferred",
                    f"{exc}; retry {attempt + 1} after {now + delay:%Y-%m-%d %H:%M}",
                )
            else:
                reason = str(exc) if not exc.temporary else f"gave up after {attempt} attempts: {exc}"
                self.store.mark_state(outbox_id, "failed", reason)
                result.state, result.detail = "failed", reason
            self._event(now, f"send_{result.state}", row["vendor_id"], outbox_id=outbox_id, error=str(exc))
            return result
        self.store.mark_sent(outbox_id, now, response)
        result.detail = response
        log.info("send.sent vendor=%s kind=%s reference=%s", row["vendor_id"], row["kind"], row["reference"])
        if shopper.save_sent_copy:
            try:
                imap.append_to_sent(shopper.imap, row["raw"], now)
            except MailError as exc:
                # The probe went out; only the copy is missing. Say so, do not fail the send.
                self._event(now, "sent_copy_failed", row["vendor_id"], outbox_id=outbox_id, error=str(exc))
        return result

    def _refused(self, vendor: Vendor, kind: str, refusals: list[Refusal], now: datetime, dry_run: bool) -> SendResult:
        # A refusal that stands (a bounce, a pause) is recorded once, not at every hourly look.
        said = (
            []
            if dry_run
            else [e["detail"] for e in self.store.latest_events(vendor.id) if e["kind"] == "guard_refused"]
        )
        for refusal in refusals:
            if dry_run:
                log.warning("guard_refused vendor=%s guard=%s (dry run) %s", vendor.id, refusal.guard, refusal.message)
            elif {"guard": refusal.guard, "message": refusal.message} in said:
                log.info("guard_refused vendor=%s guard=%s (as before)", vendor.id, refusal.guard)
            else:
                self._event(now, "guard_refused", vendor.id, guard=refusal.guard, message=refusal.message)
        detail = "; ".join(refusal.message for refusal in refusals)
        return SendResult(vendor.id, kind, "refused", detail=detail, refusals=refusals)

    def _event(self, now: datetime, kind: str, vendor_id: str, **detail: Any) -> None:
        """Log it and keep it in the store's event log, where `status` and the dashboard show it."""
        self.store.log_event(now, "warning", kind, detail, vendor_id)
        log.warning("%s vendor=%s %s", kind, vendor_id, " ".join(f"{key}={value}" for key, value in detail.items()))
