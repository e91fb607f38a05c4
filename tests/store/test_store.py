"""The SQLite store: migrations, WAL, a reader that cannot write, idempotent raw storage."""

from __future__ import annotations

import json
import sqlite3
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest
import sqlite_utils

from supportbench.errors import StoreError
from supportbench.store.database import Store, StoredMessage, migrations

NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def pending_row(reference: str = "K7Q2-19") -> dict[str, object]:
    return {
        "kind": "probe",
        "vendor_id": "acme",
        "probe_id": "phone-and-pricing",
        "shopper_id": "alex",
        "language": "en",
        "to_address": "support@acme.example",
        "message_id": f"<{reference}@shop.example>",
        "reference": reference,
        "subject": "Phone number and prices",
        "created_at": NOW.isoformat(),
        "raw": b"raw bytes",
    }


def raw_message(uid: int, raw: bytes = b"Subject: hi\r\n\r\nbody\r\n") -> StoredMessage:
    return StoredMessage(
        mailbox="alex",
        folder="INBOX",
        folder_role="inbox",
        uidvalidity=7,
        uid=uid,
        internal_date=datetime(2026, 11, 24, 11, 30, tzinfo=timezone(timedelta(hours=2))),
        raw=raw,
        message_id="<reply@acme.example>",
    )


def test_new_store_is_migrated_and_in_wal_mode(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store:
        assert store.journal_mode == "wal"
        assert migrations.pending(store.db) == []
        assert store.applied_migrations()[0] == "0001_initial"
        assert {"outbox", "messages", "folder_marks", "classifications", "links", "evaluations", "events"} <= set(
            store.db.table_names()
        )


def test_reopening_applies_nothing_twice(tmp_path: Path) -> None:
    path = tmp_path / "sb.db"
    Store.open(path).close()
    with Store.open(path) as store:
        rows = store.db.execute("SELECT count(*) FROM _sqlite_migrations").fetchone()[0]
        assert rows == len(store.applied_migrations())


def test_pending_then_sent_keeps_bytes_and_response(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store:
        outbox_id = store.add_pending(pending_row())
        assert store.outbox_row(outbox_id)["state"] == "pending"
        store.mark_sent(outbox_id, NOW + timedelta(seconds=2), "250 2.0.0 Ok: queued as ABC")
        row = store.outbox_row(outbox_id)
    assert row["state"] == "sent"
    assert row["raw"] == b"raw bytes"
    assert row["smtp_response"].startswith("250")
    assert datetime.fromisoformat(row["sent_at"]) == NOW + timedelta(seconds=2)


def test_message_id_and_reference_are_unique(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store:
        store.add_pending(pending_row())
        with pytest.raises(sqlite3.IntegrityError):
            store.add_pending(pending_row())


def test_storing_the_same_uid_twice_keeps_one_copy_and_advances_the_mark(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store:
        first = store.store_batch([raw_message(1)], NOW, ("alex", "INBOX", 7, 1))
        again = store.store_batch([raw_message(1), raw_message(2)], NOW + timedelta(minutes=5), ("alex", "INBOX", 7, 2))
        assert [message.uid for _, message in first + again] == [1, 2]
        assert first[0][0] != again[0][0]
        assert store.message_count() == 2
        assert store.folder_mark("alex", "INBOX") == (7, 2)
        stored = store.messages_to_interpret(store.ids_to_interpret())[0]
    assert stored["raw"] == raw_message(1).raw
    assert datetime.fromisoformat(stored["internal_date"]) == raw_message(1).internal_date


def test_stored_digests_are_those_of_the_folder_asked_for(tmp_path: Path) -> None:
    import hashlib
    from dataclasses import replace

    junk = replace(raw_message(1, b"Subject: junk\r\n\r\nspam\r\n"), folder="Junk", folder_role="junk")
    with Store.open(tmp_path / "sb.db") as store:
        store.store_batch([raw_message(1), raw_message(2, b"Subject: two\r\n\r\n2\r\n")], NOW, ("alex", "INBOX", 7, 2))
        store.store_batch([junk], NOW, ("alex", "Junk", 3, 1))
        inbox = store.stored_digests("alex", "INBOX")
        assert inbox == {hashlib.sha256(raw).hexdigest() for raw in (raw_message(1).raw, b"Subject: two\r\n\r\n2\r\n")}
        assert store.stored_digests("alex", "Junk") == {hashlib.sha256(junk.raw).hexdigest()}
        assert store.stored_digests("sam", "INBOX") == set()


def test_migration_drops_the_digest_index_and_keeps_the_messages(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0005_no_message_content_index")
    assert "messages_sha" in {index.name for index in db["messages"].indexes}
    db.conn.close()
    with Store.open(path) as store:
        store.store_batch([raw_message(1)], NOW, ("alex", "INBOX", 7, 1))
        assert "messages_sha" not in {index.name for index in store.db["messages"].indexes}
        assert store.message_count() == 1


def test_unclassified_messages_are_every_one_not_yet_interpreted_in_order(tmp_path: Path) -> None:
    from supportbench.store.database import Interpreted

    with Store.open(tmp_path / "sb.db") as store:
        raws = [f"Subject: {uid}\r\n\r\nbody {uid}\r\n".encode() for uid in range(1, 1301)]
        stored = store.store_batch(
            [raw_message(uid, raw) for uid, raw in enumerate(raws, 1)], NOW, ("alex", "INBOX", 7, 1300)
        )
        done = {pk for pk, message in stored if message.uid % 3 == 0}
        store.save_interpretations([Interpreted.of(pk, "human", [], None, None) for pk in sorted(done)], NOW)
        left = store.messages_to_interpret(store.ids_to_interpret())
    expected = [(pk, message.raw) for pk, message in stored if pk not in done]
    assert [(row["id"], row["raw"]) for row in left] == expected and len(expected) > 500


def test_a_new_interpretation_replaces_the_old_link_or_removes_it(tmp_path: Path) -> None:
    from supportbench.store.database import Interpreted

    with Store.open(tmp_path / "sb.db") as store:
        first, second = (store.add_pending({**pending_row(f"REF-{n}"), "message_id": f"<p{n}@shop>"}) for n in (1, 2))
        [(pk, _)] = store.store_batch([raw_message(1)], NOW, ("alex", "INBOX", 7, 1))

        def link() -> tuple[object, ...] | None:
            row = store.db.execute("SELECT outbox_id, method FROM links WHERE message_pk = ?", [pk]).fetchone()
            return None if row is None else tuple(row)

        store.save_interpretations([Interpreted.of(pk, "human", ["a"], None, (first, "in-reply-to", 1.0))], NOW)
        assert link() == (first, "in-reply-to")
        store.save_interpretations([Interpreted.of(pk, "human", ["b"], None, (second, "quoted-text", 0.8))], NOW)
        assert link() == (second, "quoted-text")
        store.save_interpretations([Interpreted.of(pk, "unrelated", ["c"], None, None)], NOW)
        assert link() is None
        assert store.interpreted_messages()[0]["reasons"] == '["c"]'


def test_the_outbox_version_changes_with_every_outbox_write_and_only_then(tmp_path: Path) -> None:
    from supportbench.store.database import Interpreted

    with Store.open(tmp_path / "sb.db") as store:
        versions = [store.outbox_version()]
        outbox_id = store.add_pending(pending_row())
        versions.append(store.outbox_version())
        store.mark_sent(outbox_id, NOW, "250 ok")
        versions.append(store.outbox_version())
        store.mark_state(outbox_id, "uncertain", "timeout")
        versions.append(store.outbox_version())
        assert len(set(versions)) == 4
        [(pk, _)] = store.store_batch([raw_message(1)], NOW, ("alex", "INBOX", 7, 1))
        store.save_interpretations([Interpreted.of(pk, "human", [], None, None)], NOW)
        assert store.outbox_version() == versions[-1]
    with Store.open(tmp_path / "sb.db") as again:  # kept in the file, seen by any connection
        assert again.outbox_version() == versions[-1]


def test_naive_datetimes_are_refused(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store, pytest.raises(ValueError, match="naive"):
        store.mark_sent(store.add_pending(pending_row()), datetime(2026, 1, 1), "250")


def test_readonly_store_reads_while_writer_writes_and_cannot_write(tmp_path: Path) -> None:
    path = tmp_path / "sb.db"
    writer = Store.open(path)
    writer.add_pending(pending_row("A1"))
    reader = Store.open_readonly(path)
    writer.add_pending(pending_row("A2"))
    assert [row["reference"] for row in reader.outbox_rows()] == ["A1", "A2"]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        reader.db.execute("DELETE FROM outbox")
    reader.close()
    writer.close()


def test_readonly_open_of_missing_or_foreign_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="no database here yet"):
        Store.open_readonly(tmp_path / "missing.db")
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match="not a supportbench database"):
        Store.open_readonly(junk)
    with pytest.raises(StoreError, match="cannot open"):
        Store.open(junk)


def test_events_keep_guard_refusals_visible(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store:
        store.log_event(NOW, "warning", "guard_refused", {"guard": "daily_cap", "limit": 40}, vendor_id="acme")
        (event,) = store.events("guard_refused")
    assert event["detail"] == {"guard": "daily_cap", "limit": 40}
    assert event["vendor_id"] == "acme"


def test_an_unchanged_catalog_is_not_rewritten(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        store.save_catalog("vendor", {"acme": {"name": "Acme"}})
        changes = store.db.conn.total_changes
        store.save_catalog("vendor", {"acme": {"name": "Acme"}})
        assert store.db.conn.total_changes == changes
        store.save_catalog("vendor", {"acme": {"name": "Acme Ltd"}})
        assert store.catalog("vendor") == {"acme": {"name": "Acme Ltd"}}


def _fail_inserts_into(store: Store, table: str, when: str = "1") -> None:
    """A trigger that aborts the next matching insert, as a full disk or a crash would."""
    store.db.conn.execute(
        f"CREATE TEMP TRIGGER fail_{table} BEFORE INSERT ON {table} WHEN {when} "
        "BEGIN SELECT RAISE(ABORT, 'disk full'); END"
    )


def test_a_batch_that_fails_midway_stores_none_of_it_and_keeps_the_mark(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store:
        store.store_batch([raw_message(1)], NOW, ("alex", "INBOX", 7, 1))
        _fail_inserts_into(store, "messages", "NEW.uid = 3")
        with pytest.raises(sqlite3.IntegrityError, match="disk full"):
            store.store_batch([raw_message(2), raw_message(3)], NOW, ("alex", "INBOX", 7, 3))
        assert store.message_count() == 1  # message 2 was not committed on its own
        assert store.folder_mark("alex", "INBOX") == (7, 1)


def test_a_catalog_rewrite_that_fails_keeps_the_old_catalog(tmp_path: Path) -> None:
    with Store.open(tmp_path / "c.db") as store:
        store.save_catalog("vendor", {"acme": {"name": "Acme"}})
        _fail_inserts_into(store, "catalog")
        with pytest.raises(sqlite3.IntegrityError, match="disk full"):
            store.save_catalog("vendor", {"acme": {"name": "Acme Ltd"}})
        assert store.catalog("vendor") == {"acme": {"name": "Acme"}}  # readers never see it emptied


def probe_raw(reference: str) -> bytes:
    return (
        "From: alex@shop.example\r\nTo: support@acme.example\r\nSubject: Phone number and prices\r\n\r\n"
        f"Hello,\r\nI am thinking of buying a bicycle from you and have two questions ({reference}).\r\nAlex\r\n"
    ).encode()


def test_a_probe_is_kept_with_the_lines_a_reply_may_quote(tmp_path: Path) -> None:
    from supportbench.message.match import probe_lines

    with Store.open(tmp_path / "sb.db") as store:
        store.mark_sent(store.add_pending({**pending_row(), "raw": probe_raw("K7Q2-19")}), NOW, "250 ok")
        (row,) = store.probe_ref_rows()
    assert json.loads(row["quotable"]) == list(probe_lines(probe_raw("K7Q2-19")))
    assert "i am thinking of buying a bicycle from you and have two questions (k7q2-19)." in row["quotable"]
    assert row["raw"] is None  # the lines are kept: the bytes need not be read again


def test_migration_gives_probes_written_before_it_their_lines(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0004_outbox_quotable_lines")
    old = [
        {**pending_row(f"OLD-{n}"), "state": "sent", "attempts": 1, "raw": probe_raw(f"OLD-{n}")} for n in range(1005)
    ]
    db["outbox"].insert_all(old)  # more than one slice of the migration
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:  # migrates
        rows = store.probe_ref_rows()
    assert len(rows) == 1005 and all(row["raw"] is None for row in rows)
    assert all(f"(old-{n})" in row["quotable"] for n, row in enumerate(rows))


def test_a_probe_stored_without_its_lines_is_read_from_its_bytes(tmp_path: Path) -> None:
    from supportbench.inbound.replies import probe_refs
    from supportbench.message.match import probe_lines

    with Store.open(tmp_path / "sb.db") as store:
        store.db["outbox"].insert({**pending_row(), "state": "sent", "raw": probe_raw("RAW-2"), "quotable": None})
        rows = store.probe_ref_rows()
    assert rows[0]["raw"] == probe_raw("RAW-2")
    assert probe_refs(rows)[0].quotable_lines == probe_lines(probe_raw("RAW-2"))


def test_a_pending_row_is_committed_with_synchronous_full(tmp_path: Path) -> None:
    """A probe recorded before SMTP must survive a power loss: its commit is synced to disk."""
    with Store.open(tmp_path / "sb.db") as store:
        statements: list[str] = []
        store.db.conn.set_trace_callback(statements.append)
        store.add_pending(pending_row())
        store.db.conn.set_trace_callback(None)
        insert = next(i for i, s in enumerate(statements) if s.lstrip().upper().startswith('INSERT INTO "OUTBOX"'))
        modes = [s for s in statements[:insert] if "synchronous" in s.lower()]
        assert modes and modes[-1].replace(" ", "").lower().endswith("synchronous=full")
        assert store.db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL again for everything else


def test_migration_keeps_each_verdict_once_and_reads_it_back_from_the_columns(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0007_verdicts_stored_once")
    db["outbox"].insert({**pending_row(), "id": 1, "state": "sent", "attempts": 1})
    db["probe_facts"].insert(
        {"outbox_id": 1, "vendor_id": "acme", "probe_id": "p", "sent_at": NOW.isoformat(), "facts": "{}",
         "final": 1, "analysed_at": NOW.isoformat()}
    )  # fmt: skip
    outcome = {"decided": True, "replied": True, "hours": 3.5, "business_hours": 2.0, "within_deadline": False,
               "completeness": 0.5, "etiquette_passed": 3, "etiquette_judged": 4}  # fmt: skip
    criteria = {"replied": {"passed": True, "score": 1.0}, "greeting": {"passed": False, "score": 0.0}}
    judgement = {"score": 0.61, "criteria": criteria, "outcome": outcome}
    db["evaluations"].insert(
        {"outbox_id": 1, "standard": "s", "score": 0.61, "result": json.dumps(judgement),
         "evaluated_at": NOW.isoformat(), **outcome}
    )  # fmt: skip
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:  # migrates
        (stored,) = store.db.execute("SELECT criteria FROM evaluations").fetchone()
        (row,) = store.outcomes("s", with_criteria=True)
        (bare,) = store.outcomes("s")
    assert json.loads(stored) == criteria  # no second copy of the score or outcome
    assert row == {**outcome, "vendor_id": "acme", "probe_id": "p", "sent_at": NOW.isoformat(), "outbox_id": 1,
                   "score": 0.61, "criteria": criteria}  # fmt: skip
    assert "criteria" not in bare and bare["within_deadline"] is False and bare["replied"] is True


def test_a_probe_is_kept_with_its_text_and_evaluation_reads_that_not_its_bytes(tmp_path: Path) -> None:
    with Store.open(tmp_path / "sb.db") as store:
        store.mark_sent(store.add_pending({**pending_row(), "raw": probe_raw("K7Q2-19")}), NOW, "250 ok")
        (row,) = store.probes_to_evaluate("all")
    assert row["body"].splitlines() == [
        "Hello,",
        "I am thinking of buying a bicycle from you and have two questions (K7Q2-19).",
        "Alex",
    ]
    assert "raw" not in row


def test_migration_gives_probes_written_before_it_their_text(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    db = sqlite_utils.Database(sqlite3.connect(path))
    migrations.apply(db, stop_before="0008_outbox_body_text")
    db["outbox"].insert_all(
        {**pending_row(f"OLD-{n}"), "state": "sent", "attempts": 1, "raw": probe_raw(f"OLD-{n}")} for n in range(1005)
    )
    db.conn.commit()
    db.conn.close()
    with Store.open(path) as store:  # migrates
        rows = store.probes_to_evaluate("all", limit=2000)
    assert len(rows) == 1005 and all(f"two questions (OLD-{n})." in row["body"] for n, row in enumerate(rows))


@pytest.mark.parametrize("name", ["a-file/sb.db", "sb\x00.db"], ids=["parent is a file", "NUL in the name"])
def test_a_path_no_database_can_have_is_one_clear_error(tmp_path: Path, name: str) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    with pytest.raises(StoreError, match="cannot"):
        Store.open(tmp_path / name)


def test_a_write_lock_held_too_long_is_explained_as_busy_with_nothing_lost(tmp_path: Path) -> None:
    from supportbench.store.database import explain

    with Store.open(tmp_path / "sb.db") as store:
        holder = sqlite3.connect(tmp_path / "sb.db")
        holder.execute("BEGIN EXCLUSIVE")
        store.db.execute("PRAGMA busy_timeout = 0")  # the 10 s wait, cut short
        with pytest.raises(sqlite3.OperationalError) as raised:
            store.log_event(NOW, "info", "x", {})
        holder.rollback()
        holder.close()
    assert explain(raised.value).startswith("the store is busy") and "nothing was lost" in explain(raised.value)


def test_a_damaged_store_is_explained_without_a_traceback(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = tmp_path / "sb.db"
    with Store.open(path) as store:
        store.store_batch([raw_message(uid) for uid in range(1, 400)], NOW, ("alex", "INBOX", 7, 399))
        store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(path.read_bytes())
    data[4096:] = b"\xff" * (len(data) - 4096)  # every page but the first, which names the tables
    path.write_bytes(bytes(data))
    result = subprocess.run(
        [sys.executable, "-m", "supportbench", "report", "--db", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    assert "the store file is damaged" in result.stderr and ".recover" in result.stderr


def test_a_store_in_a_folder_nobody_may_write_is_still_read(tmp_path: Path) -> None:
    import subprocess

    folder = tmp_path / "published"
    folder.mkdir()
    with Store.open(folder / "sb.db") as store:
        store.log_event(NOW, "info", "kept", {"n": 1})
    # Immutable even to root, who otherwise writes anywhere (chattr, from e2fsprogs).
    if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
        pytest.skip("this file system cannot make a folder immutable")
    try:
        with pytest.raises(OSError):
            (folder / "probe").touch()
        with Store.open_readonly(folder / "sb.db") as reader:
            assert [event["kind"] for event in reader.events()] == ["kept"]
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_full_disk_is_said_plainly_and_the_store_stays_intact(tmp_path: Path) -> None:
    import subprocess

    from supportbench.store.database import explain

    disk = tmp_path / "small-disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=600k", "tmpfs", str(disk)], capture_output=True).returncode:
        pytest.skip("cannot mount a small file system here")
    try:
        with Store.open(disk / "sb.db") as store:
            store.store_batch([raw_message(1)], NOW, ("alex", "INBOX", 7, 1))
            big = [raw_message(uid, b"Subject: x\r\n\r\n" + b"x" * 100_000) for uid in range(2, 40)]
            with pytest.raises(sqlite3.OperationalError) as raised:
                store.store_batch(big, NOW, ("alex", "INBOX", 7, 39))
        assert explain(raised.value).startswith("the disk is full; the store is intact")
        with Store.open_readonly(disk / "sb.db") as reader:
            assert reader.message_count() == 1 and reader.folder_mark("alex", "INBOX") == (7, 1)
    finally:
        subprocess.run(["umount", str(disk)], check=True)


@pytest.mark.parametrize("scope", ["new", "changeable"])
def test_choosing_what_to_evaluate_looks_reviews_up_by_index(tmp_path: Path, scope: str) -> None:
    # Asked for every probe an evaluation considers: a scan of the reviews each time cost 28 s with
    # 100,000 probes and 1,000 moved messages. Each lookup must be a search of an index.
    from supportbench.store.database import _to_evaluate

    with Store.open(tmp_path / "s.db") as store:
        plan = [row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN SELECT count(*) {_to_evaluate(scope)}")]
    reviews = [step for step in plan if " r " in f" {step} " or "reviews" in step]
    assert len(reviews) == 2 and all("USING" in step and "INDEX" in step for step in reviews), plan
    assert any("reviews_moved" in step for step in reviews), plan
