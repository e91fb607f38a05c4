"""The store's rows as the rest of the project reads and writes them: one record per query shape.

Column names are SQL's; times are ISO 8601 text in UTC, as stored. JSON columns are named
`…_json` where the text is handed over as it is, and typed where the store decodes it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal, TypedDict

from supportbench.message.classify import bounce_words


class NewOutboxRow(TypedDict):
    """A rendered probe or follow-up, as written (state `pending`) before any SMTP conversation."""

    kind: str  # probe | follow_up
    parent_id: int | None  # the probe a follow-up follows
    vendor_id: str
    probe_id: str
    shopper_id: str
    language: str
    to_address: str
    message_id: str
    reference: str
    subject: str
    created_at: str
    due_at: str
    raw: bytes


class OutboxRow(NewOutboxRow):
    """An outbox row as stored, every column."""

    id: int
    state: str  # pending | sent | deferred | failed | uncertain
    sent_at: str | None
    smtp_response: str | None
    error: str | None
    attempts: int
    next_attempt_at: str | None
    quotable: str | None  # JSON list of the lines a reply may quote (None: written before 0004)
    body: str | None  # the text part as analysis reads it (None: written before 0008 with no bytes)


class HistoryRow(TypedDict):
    """What schedules need of an outbox row."""

    vendor_id: str
    probe_id: str
    kind: str
    state: str
    created_at: str


class VendorOverviewRow(TypedDict):
    vendor_id: str
    probes: int
    answered: int
    human: int | None  # SUM over no linked message is NULL
    auto_replies: int | None
    bounces: int | None
    in_junk: int | None


class StateCountRow(TypedDict):
    vendor_id: str
    kind: str
    state: str
    n: int
    latest: str


class UnreadMessageRow(TypedDict):
    """A stored message not yet interpreted."""

    id: int
    mailbox: str
    folder: str
    folder_role: str
    internal_date: str
    raw: bytes


class ProbeRefRow(TypedDict):
    """What matching needs of a sent message; `raw` only where `quotable` was never kept."""

    id: int
    parent_id: int | None
    vendor_id: str
    message_id: str
    reference: str
    to_address: str
    sent_at: str | None
    created_at: str
    quotable: str | None
    raw: bytes | None


class InterpretedRow(TypedDict):
    """A stored message with its kind and link (None where not interpreted or unmatched)."""

    id: int
    mailbox: str
    folder: str
    folder_role: str
    internal_date: str
    message_id: str | None
    kind: str | None
    reasons: str | None  # JSON list of strings
    bounce: str | None  # JSON object: recipient, status, permanent
    outbox_id: int | None
    method: str | None
    confidence: float | None


class UnreadableRow(TypedDict):
    """A message quarantined because the reader failed on it."""

    id: int
    mailbox: str
    folder: str
    internal_date: str
    reason: str
    reader: str | None  # the supportbench version that failed


class HealthRow(TypedDict):
    """How one part of `run` last fared: when it last did its work, and its last failure."""

    component: str  # watcher:SHOPPER, interpretation, housekeeping, sending, alerts
    last_success: str | None
    last_error: str | None
    last_error_at: str | None
    detail: str | None  # what it found when it last succeeded (a watcher: its folders, and how)


def failing(row: HealthRow) -> bool:
    """Its last failure came after its last success (ISO times in UTC compare as text)."""
    error_at, success = row["last_error_at"], row["last_success"]
    return error_at is not None and (success is None or error_at > success)


class BounceRow(TypedDict):
    """A permanent bounce of something sent to a vendor: to which address, when, and why."""

    vendor_id: str
    to_address: str
    at: str  # when the bounce arrived
    recipient: str | None
    status: str | None
    reason: str | None  # the receiving server's words
    how: Literal["bounced", "refused"]  # a bounce came back, or the server refused the recipient when sending


def last_bounce(bounces: Sequence[BounceRow], vendor_id: str, address: str) -> BounceRow | None:
    """The latest permanent bounce of `address` as the vendor's (None: it never bounced so)."""
    found = [b for b in bounces if b["vendor_id"] == vendor_id and b["to_address"].lower() == address.lower()]
    return found[-1] if found else None


def describe_bounce(bounce: BounceRow) -> str:
    """ "support@x.example bounced permanently on 2026-11-02 (5.1.1: User unknown)"."""
    said = bounce_words(bounce["status"], bounce["reason"])
    what = "bounced permanently" if bounce["how"] == "bounced" else "was refused for good when sent"
    return f"{bounce['to_address']} {what} on {bounce['at'][:10]}{f' ({said})' if said else ''}"


class ProbeToEvaluate(TypedDict):
    id: int
    vendor_id: str
    probe_id: str
    language: str
    subject: str
    sent_at: str | None
    created_at: str
    shopper_id: str
    body: str | None


class LinkedMessageRow(TypedDict):
    """A message linked to a probe, with its bytes and interpretation."""

    outbox_id: int
    id: int
    folder_role: str
    internal_date: str
    raw: bytes
    kind: str
    bounce: str | None  # JSON object: recipient, status, permanent


class EventRow(TypedDict):
    id: int
    at: str
    level: str
    kind: str
    vendor_id: str | None
    detail: dict[str, object]
