"""Interpret stored messages: parse, classify and link each to its probe.

The shell around the pure classifier and matcher: it reads raw messages the store
already holds (evidence first), and writes back a kind with its reasons and, where
found, a link with its method and confidence. Safe to run again at any time: it
replaces earlier interpretations, so a better classifier re-reads all history. A large
backlog (a first sync) is interpreted on every core (`batches`).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime

from supportbench.batches import run_batches
from supportbench.config.targets import Config
from supportbench.message.classify import Classification, classify, with_timing
from supportbench.message.match import Match, ProbeIndex, ProbeRef, VendorIndex, VendorRef, match_message, probe_lines
from supportbench.message.parse import NotAMessageError, ParsedMessage, parse_message
from supportbench.store.database import Interpreted, Store, from_iso
from supportbench.store.rows import ProbeRefRow

WRITE_BATCH = 500  # interpretations per transaction
PARALLEL_FROM = 2000  # a backlog this large is worth starting worker processes for


@dataclass(frozen=True)
class Interpretation:
    classification: Classification
    match: Match | None
    parsed: ParsedMessage | None


def probe_refs(rows: Iterable[ProbeRefRow]) -> list[ProbeRef]:
    """Sent outbox rows (`Store.probe_ref_rows`) as matching sees them; a follow-up counts for its probe."""
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
                quotable_lines=tuple(json.loads(row["quotable"]))
                if row["quotable"] is not None
                else probe_lines(row["raw"] or b""),
            )
        )
    return refs


def vendor_index(config: Config) -> VendorIndex:
    return VendorIndex(VendorRef(v.id, frozenset(v.all_addresses), frozenset(v.domains)) for v in config.vendors)


def interpret(raw: bytes, arrived_at: datetime, probes: ProbeIndex, vendors: VendorIndex) -> Interpretation:
    """One message, from bytes to kind and link; `unreadable`, with the reason, when reading fails."""
    try:
        parsed = parse_message(raw)
    except NotAMessageError as exc:
        return Interpretation(Classification("unrelated", [str(exc)]), None, None)
    except Exception as exc:  # noqa: BLE001  # one message never stops the others: it is quarantined
        return _unreadable(exc)
    try:
        return interpret_parsed(parsed, arrived_at, probes, vendors)
    except Exception as exc:  # noqa: BLE001  # as above
        return _unreadable(exc)


def _unreadable(exc: Exception) -> Interpretation:
    reason = f"could not be read: {type(exc).__name__}: {exc}"
    return Interpretation(Classification("unreadable", [reason[:500]]), None, None)


def interpret_parsed(
    parsed: ParsedMessage, arrived_at: datetime, probes: ProbeIndex, vendors: VendorIndex
) -> Interpretation:
    classification = classify(parsed)
    link = (
        match_message(parsed, classification, arrived_at, probes, vendors)
        if classification.kind != "unrelated"
        else None
    )
    sent_at = probes.last_sent_before(link.outbox_id, arrived_at) if link is not None else None
    if sent_at is not None:
        classification = with_timing(classification, parsed, arrived_at - sent_at)
    return Interpretation(classification, link, parsed)


Pending = tuple[int, bytes, datetime]  # a stored message: its row id, raw bytes, arrival (INTERNALDATE)


def interpreted_rows(messages: list[Pending], probes: ProbeIndex, vendors: VendorIndex) -> list[Interpreted]:
    """Stored messages as the store keeps their interpretation."""
    results = []
    for message_pk, raw, arrived_at in messages:
        result = interpret(raw, arrived_at, probes, vendors)
        classification, link = result.classification, result.match
        results.append(
            Interpreted.of(
                message_pk=message_pk,
                kind=classification.kind,
                reasons=classification.reasons,
                bounce=asdict(classification.bounce) if classification.bounce else None,
                link=(link.outbox_id, link.method, link.confidence) if link else None,
            )
        )
    return results


class Probes:
    """A store's probe index, built again only when its outbox has changed.

    For `run`, which interprets every arrival as it comes: the index of 20,000 probes takes
    about 0.2 s to build, and most arrivals come with no probe sent since the one before.
    """

    def __init__(self) -> None:
        self._version: int | None = None
        self._index = ProbeIndex([])

    def index(self, store: Store) -> ProbeIndex:
        version = store.outbox_version()  # before the rows: a change in between rebuilds next time
        if version != self._version:
            self._index, self._version = ProbeIndex(probe_refs(store.probe_ref_rows())), version
        return self._index


def interpreter(
    store: Store, config: Config, probes: Probes | None = None
) -> Callable[[list[Pending]], list[Interpreted]]:
    """Interpretation of a batch against the probes sent so far and the configured vendors."""
    index, vendors = (probes or Probes()).index(store), vendor_index(config)
    return lambda messages: interpreted_rows(messages, index, vendors)


def process_new_messages(
    store: Store,
    config: Config,
    now: datetime,
    progress: Callable[[int], None] | None = None,
    workers: int | None = None,
    probes: Probes | None = None,
    retry_unreadable: bool = False,
) -> int:
    """Interpret every stored message that has no interpretation yet (or was unreadable to another
    version of supportbench, or to any with `retry_unreadable`); returns how many.

    A large backlog (a first sync) is interpreted in `workers` processes, the machine's cores
    by default; the store is written only here, batch by batch, in order. A caller that
    interprets again and again keeps its `probes` from one call to the next.
    """
    ids = store.ids_to_interpret(every_unreadable=retry_unreadable)
    if not ids:
        return 0
    # Read slice by slice as the work goes: a backlog's bytes are never all in memory at once.
    batches = (
        [(row["id"], row["raw"], from_iso(row["internal_date"])) for row in store.messages_to_interpret(chunk)]
        for chunk in (ids[start : start + WRITE_BATCH] for start in range(0, len(ids), WRITE_BATCH))
    )
    workers = workers or ((os.cpu_count() or 1) if len(ids) >= PARALLEL_FROM else 1)

    def save(_batch: list[Pending], interpreted: list[Interpreted]) -> None:
        store.save_interpretations(interpreted, now)
        _log_permanent_bounces(store, interpreted, now)
        if progress:
            progress(len(interpreted))

    run_batches(interpreter(store, config, probes), batches, save, workers)
    return len(ids)


def _log_permanent_bounces(store: Store, interpreted: list[Interpreted], now: datetime) -> None:
    """An event per permanent bounce of something sent, with the server's reason: the operator's
    first sign of a mistyped vendor address (the vendor is paused by it)."""
    for item in interpreted:
        bounce = json.loads(item.bounce_json) if item.kind == "bounce" and item.link and item.bounce_json else {}
        if bounce.get("permanent") and item.link:
            for row in store.outbox_rows("id = ?", [item.link[0]]):
                detail = {"address": row["to_address"], "status": bounce.get("status"), "reason": bounce.get("reason")}
                store.log_event(now, "warning", "bounced", {k: v for k, v in detail.items() if v}, row["vendor_id"])
