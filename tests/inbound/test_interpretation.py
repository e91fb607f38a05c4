"""Interpreting a backlog in worker processes, or while fetching, gives exactly what one process gives."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta
from pathlib import Path

from supportbench.inbound.intake import sync_and_interpret
from supportbench.inbound.replies import process_new_messages
from supportbench.inbound.sync import sync_mailbox
from supportbench.lab import MailLab, MailUser
from supportbench.mail import imap
from supportbench.store.database import Store, StoredMessage
from tests.helpers import DATA, SHOPPER_PASSWORD_ENV, imap_login, lab_config_data, make_config, record_probe, reply_to

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


COLUMNS = ("kind", "reasons", "bounce", "outbox_id", "method", "confidence", "folder", "internal_date")


def interpretations(store: Store) -> list[tuple[object, ...]]:
    return [tuple(row[c] for c in COLUMNS) for row in store.interpreted_messages()]


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


def test_interpreting_while_fetching_equals_fetching_then_interpreting(
    lab: MailLab, lab_tls: ssl.SSLContext, shopper: MailUser, tmp_path: Path
) -> None:
    config = make_config(lab_config_data(lab, shopper, ["support@acme.example"], SHOPPER_PASSWORD_ENV))
    stores = [Store.open(tmp_path / "streamed.db"), Store.open(tmp_path / "after.db")]
    probe, same = (record_probe(store, config, "vendor0", "hello", NOW - timedelta(days=1)) for store in stores)
    assert probe["message_id"] == same["message_id"]  # the same probe in both stores
    raws = [p.read_bytes() for p in sorted(DATA.rglob("*.eml"))]
    raws += [reply_to(probe, "agent@acme.example", f"Call us, reply {n}.") for n in range(50)]
    with imap_login(lab, shopper, lab_tls) as client:
        client.multiappend("INBOX", [{"msg": raw, "date": NOW} for raw in raws])
    streamed, after = stores
    with imap.logged_in(config.shoppers[0].imap) as client:
        intake = sync_and_interpret(client, streamed, config, "alex", lambda: NOW, workers=2)
    with imap.logged_in(config.shoppers[0].imap) as client:
        sync_mailbox(client, after, "alex", lambda: NOW)
    process_new_messages(after, config, NOW, workers=1)
    assert intake.interpreted == sum(folder.new for folder in intake.folders) == len(raws)
    assert intake.left_over == 0  # all of it interpreted as it was fetched
    one, two = interpretations(streamed), interpretations(after)
    for store in stores:
        store.close()
    assert len(one) == len(raws) and one == two
    assert sum(row[3] is not None for row in one) >= 50  # the replies to the probe were linked


def test_kept_probes_are_built_again_only_when_the_outbox_changes(tmp_path: Path) -> None:
    from supportbench.inbound.replies import Probes
    from supportbench.store.database import Interpreted
    from tests.helpers import record_reply

    config = make_config()
    with Store.open(tmp_path / "sb.db") as store:
        probes = Probes()
        first = record_probe(store, config, "acme", "hello", NOW - timedelta(days=2))
        index = probes.index(store)
        assert first["message_id"] in index.by_message_id
        record_reply(store, reply_to(first, "agent@acme.example", "Call us."), NOW)  # mail only
        store.save_interpretations([Interpreted.of(1, "human", ["x"], None, None)], NOW)
        assert probes.index(store) is index  # nothing sent: the same index
        later = record_probe(store, config, "acme", "hello", NOW - timedelta(days=1), seed=1)
        rebuilt = probes.index(store)
        assert rebuilt is not index and later["message_id"] in rebuilt.by_message_id


def test_an_arrival_links_to_a_probe_sent_after_the_kept_index_was_built(tmp_path: Path) -> None:
    from supportbench.inbound.replies import Probes
    from tests.helpers import record_reply

    config = make_config()
    with Store.open(tmp_path / "sb.db") as store:
        probes = Probes()
        first = record_probe(store, config, "acme", "hello", NOW - timedelta(days=2))
        record_reply(store, reply_to(first, "agent@acme.example", "Call us."), NOW - timedelta(days=1))
        assert process_new_messages(store, config, NOW, workers=1, probes=probes) == 1
        later = record_probe(store, config, "acme", "hello", NOW - timedelta(hours=5), seed=1)
        record_reply(store, reply_to(later, "agent@acme.example", "Call us again."), NOW)
        assert process_new_messages(store, config, NOW, workers=1, probes=probes) == 1
        links = [row["outbox_id"] for row in store.interpreted_messages()]
    assert links == [first["id"], later["id"]]
