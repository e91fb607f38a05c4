"""Interpret stored messages: parse, classify and link each to its probe.

The shell around the pure classifier and matcher: it reads raw messages the store
already holds (evidence first), and writes back a kind with its reasons and, where
found, a link with its method and confidence. Safe to run again at any time: it
replaces earlier interpretations, so a better classifier re-reads all history.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from benchmark.classify import Classification, classify
from benchmark.config import Config
from benchmark.match import Match, ProbeIndex, ProbeRef, VendorRef, match_message, quotable_lines
from benchmark.parse import NotAMessageError, ParsedMessage, parse_message
from benchmark.store import Interpreted, Store, from_iso

WRITE_BATCH = 500  # interpretations per transaction


@dataclass(frozen=True)
class Interpretation:
    classification: Classification
    match: Match | None
    parsed: ParsedMessage | None


def probe_refs(rows: Iterable[dict[str, Any]]) -> list[ProbeRef]:
    """Sent outbox rows as matching sees them; a follow-up counts for its probe."""
    refs = []
    for row in rows:
        refs.append(
            ProbeRef(
                outbox_id=row["parent_id"] or row["id"],
                vendor_id=row["vendor_id"],
                message_id=row["message_id"],
                reference=row["reference"],
                to_address=row["to_address"],
                sent_at=from_iso(row["sent_at"] or row["created_at"]),
                quotable_lines=quotable_lines(_readable_text(row["raw"])),
            )
        )
    return refs


def _readable_text(raw: bytes | None) -> str:
    """The text of a message we sent, read the same way as replies are."""
    try:
        return parse_message(raw or b"").text
    except NotAMessageError:
        return ""


def vendor_refs(config: Config) -> list[VendorRef]:
    return [VendorRef(v.id, frozenset(v.all_addresses), frozenset(v.domains)) for v in config.vendors]


def interpret(raw: bytes, arrived_at: datetime, probes: ProbeIndex, vendors: list[VendorRef]) -> Interpretation:
    """One message, from bytes to kind and link."""
    try:
        parsed = parse_message(raw)
    except NotAMessageError as exc:
        return Interpretation(Classification("unrelated", [str(exc)]), None, None)
    return interpret_parsed(parsed, arrived_at, probes, vendors)


def interpret_parsed(
    parsed: ParsedMessage, arrived_at: datetime, probes: ProbeIndex, vendors: list[VendorRef]
) -> Interpretation:
    classification = classify(parsed)
    link = (
        match_message(parsed, classification, arrived_at, probes, vendors)
        if classification.kind != "unrelated"
        else None
    )
    return Interpretation(classification, link, parsed)


def process_new_messages(
    store: Store, config: Config, now: datetime, progress: Callable[[int], None] | None = None
) -> int:
    """Interpret every stored message that has no interpretation yet; returns how many."""
    pending = store.unclassified_messages()
    if not pending:
        return 0
    probes, vendors = ProbeIndex(probe_refs(store.sent_messages())), vendor_refs(config)
    batch: list[Interpreted] = []
    for row in pending:
        result = interpret(row["raw"], from_iso(row["internal_date"]), probes, vendors)
        classification, link = result.classification, result.match
        batch.append(
            Interpreted(
                message_pk=row["id"],
                kind=classification.kind,
                reasons=classification.reasons,
                bounce=asdict(classification.bounce) if classification.bounce else None,
                link=(link.outbox_id, link.method, link.confidence) if link else None,
            )
        )
        if len(batch) == WRITE_BATCH:
            store.save_interpretations(batch, now)
            batch = []
        if progress:
            progress(1)
    store.save_interpretations(batch, now)
    return len(pending)
