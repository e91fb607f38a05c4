"""Interpreting a backlog in worker processes gives exactly what one process gives."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

from benchmark.replies import process_new_messages
from benchmark.store import Store, StoredMessage
from tests.factories import make_config
from tests.pipeline import record_probe, reply_to

DATA = Path(__file__).parent / "data"
NOW = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)


def fill(path: Path) -> Store:
    """The real bounce corpus and reply fixtures, plus replies to probes of the store."""
    config = make_config()
    store = Store.open(path)
    probe = record_probe(store, config, "acme", "hello", NOW - timedelta(days=1))
    raws = [p.read_bytes() for p in sorted(DATA.rglob("*.eml"))]
    raws += [reply_to(probe, "agent@acme.example", f"Call us, reply {n}.") for n in range(50)]
    messages = [StoredMessage("alex", "INBOX", "inbox", 1, uid, NOW, raw) for uid, raw in enumerate(raws, start=1)]
    store.store_batch(messages, NOW, ("alex", "INBOX", 1, len(raws)))
    return store


def test_parallel_interpretation_equals_serial(tmp_path: Path) -> None:
    config = make_config()
    with fill(tmp_path / "one.db") as serial, fill(tmp_path / "two.db") as parallel:
        assert process_new_messages(serial, config, NOW, workers=1) == process_new_messages(
            parallel, config, NOW, workers=2
        )
        columns = ("id", "kind", "reasons", "bounce", "outbox_id", "method", "confidence")
        one = [tuple(row[c] for c in columns) for row in serial.interpreted_messages()]
        two = [tuple(row[c] for c in columns) for row in parallel.interpreted_messages()]
    assert one == two
    assert sum(row[4] is not None for row in one) >= 50  # the replies to our probe were linked
