"""The dashboard as Streamlit runs it (AppTest): friendly when empty, figures from the store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from benchmark.store import Interpreted, Store, StoredMessage

APP = str(Path(__file__).resolve().parents[1] / "dashboard" / "app.py")
NOW = datetime(2026, 11, 24, 10, 0, tzinfo=UTC)


def run_app(db: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("SUPPORTBENCH_DB", str(db))
    app = AppTest.from_file(APP, default_timeout=30)
    app.run()
    assert not app.exception, app.exception
    return app


def test_missing_database_gets_a_friendly_explanation(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = run_app(tmp_path / "nothing-here.db", monkeypatch)
    assert "No results to show yet" in app.info[0].value
    assert "no database here yet" in app.info[0].value


def test_empty_store_says_what_to_do(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    Store.open(tmp_path / "empty.db").close()
    app = run_app(tmp_path / "empty.db", monkeypatch)
    assert "scripts/demo" in app.info[0].value


def test_store_figures_are_shown_and_the_file_is_not_written(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "sb.db"
    with Store.open(db) as store:
        for n, vendor in enumerate(("acme", "acme", "globex")):
            outbox_id = store.add_pending(
                {
                    "kind": "probe",
                    "vendor_id": vendor,
                    "probe_id": "p",
                    "shopper_id": "s",
                    "language": "en",
                    "to_address": f"x@{vendor}.example",
                    "message_id": f"<{n}@shop.example>",
                    "reference": f"1000{n}-AB",
                    "subject": "Hi",
                    "created_at": NOW.isoformat(),
                    "raw": b"Subject: Hi\r\n\r\nhello\r\n",
                }
            )
            store.mark_sent(outbox_id, NOW, "250")
        stored = StoredMessage("s", "Junk", "junk", 1, 1, NOW, b"Subject: Re\r\n\r\n<b>hi</b>")
        store.store_batch([stored], NOW, ("s", "Junk", 1, 1))
        reply = store.unclassified_messages()[0]["id"]
        store.save_interpretations([Interpreted(reply, "human", ["test"], None, (1, "in-reply-to", 1.0))], NOW)
    before = db.stat().st_mtime_ns

    app = run_app(db, monkeypatch)

    metrics = {metric.label: metric.value for metric in app.metric}
    assert metrics == {"Vendors": "2", "Probes sent": "3", "Never answered by a person": "67%"}
    table = app.dataframe[0].value
    acme = table[table["Vendor"] == "acme"].iloc[0]
    assert (acme["Probes"], acme["Answered by a person"], acme["Landed in Junk"]) == (2, 1, 1)
    assert db.stat().st_mtime_ns == before
